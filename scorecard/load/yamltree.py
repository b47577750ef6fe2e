"""YAML text → plain Python data, with the position of every value.

We do not use `yaml.safe_load`: it keeps the last of two duplicate keys without
a word, expands aliases (a billion-laughs file eats memory), recurses on deep
nesting and reads YAML 1.1 (`no` is False, `012` is 10, `1:20` is 80). Instead
we walk the parser's event stream with an explicit stack, which is iterative,
never constructs objects from tags, refuses aliases on first sight, and types
plain scalars by the YAML 1.2 core schema. Positions are 1-based (line, column)
keyed by the path of the value, e.g. ("indicators", 3, "observations", 0, "value").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scorecard import findings as F

Path_ = tuple  # a path into the data: keys and list indices
# libyaml neither recurses nor caps depth, but its flow nesting is quadratic
# (100,000 '[' take 40 s), so the walk stops at the first level too deep.
MAX_DEPTH = 32
MAX_VALUES = 100_000  # the real files hold about 10,000; each value costs ~300 bytes here
MAX_BYTES = 1024 * 1024  # the real files are under 100 kB; parsing 1 MB takes ~2 s

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")  # YAML 1.1 octal: kept as text, reported
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass
class Tree:
    """A parsed file: its data, and where each value and key stands in the text."""

    file: Path
    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int] | None:
        """The nearest known position: the value itself, else its closest parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), None)


def plain_scalar(text: str) -> object:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text) and len(text) < 300:  # int() refuses thousands of digits
        return int(text)
    if _FLOAT.match(text) and not _LEADING_ZERO.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Refused(Exception):
    def __init__(self, finding: F.Finding):
        self.finding = finding


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)
# Characters libyaml counts as line breaks though editors mostly do not: they would
# shift every line number after them, so they are refused where they stand.
_ODD_BREAKS = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def decode(raw: bytes, file: Path) -> str:
    """Bytes → text: UTF-8 (a BOM is fine); anything else is refused with advice."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise _Refused(F.make(
                F.FILE_ENCODING, file,
                f"the file is {name} (Windows Notepad calls it 'Unicode'), not UTF-8", pos=(1, 1),
            ))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = " (it looks like GBK/GB18030, as saved by a Chinese Windows editor)"
        except UnicodeDecodeError:
            pass
        raise _Refused(
            F.make(
                F.FILE_ENCODING,
                file,
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8{guess}",
                pos=(line, column),
            )
        ) from None
    odd = [(at, char) for char in _ODD_BREAKS if (at := text.find(char)) >= 0]
    if odd:
        at, char = min(odd)
        raise _Refused(F.make(
            F.YAML_SYNTAX, file, f"an invisible {_ODD_BREAKS[char]} character (U+{ord(char):04X})",
            pos=_text_pos(text, at),
            hint="delete it or replace it with an ordinary line break (it is often pasted from Word or a PDF)",
        ))
    return text


def _text_pos(text: str, at: int) -> tuple[int, int]:
    """1-based line and column of character `at`, counted as an editor counts them."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def parse(raw: bytes, file: Path) -> Tree:
    """Parse one data file. Raises `DataError` with a single finding when it cannot."""
    text = ""
    try:
        if len(raw) > MAX_BYTES:
            raise _Refused(too_large(file, len(raw)))
        text = decode(raw, file)
        return _build(text, file)
    except _Refused as refused:
        raise F.DataError([refused.finding]) from None
    except yaml.MarkedYAMLError as err:
        raise F.DataError([_too_deep(err, text, file) or _syntax_finding(err, text, file)]) from None
    except yaml.reader.ReaderError as err:
        char = err.character if isinstance(err.character, int) else ord(err.character)
        at = text.find(chr(char))
        message = f"character U+{char:04X} is not allowed in YAML"
        hint = "delete the invisible control character (often pasted from another program)"
        pos = _text_pos(text, at) if at >= 0 else None
        raise F.DataError([F.make(F.YAML_SYNTAX, file, message, pos=pos, hint=hint)]) from None
    except yaml.YAMLError as err:
        raise F.DataError([F.make(F.YAML_SYNTAX, file, _one_line(str(err)))]) from None


def _too_deep(err: yaml.MarkedYAMLError, text: str, file: Path) -> F.Finding | None:
    """libyaml 0.2.5+ (inside PyYAML 6.0.3+) stops deep flow nesting itself, ahead of
    the walk, because its scanner reads every bracket before the first event. The
    text up to where it stopped is walked again, so the finding names the first
    level too deep, as the walk's own check does."""
    mark = err.problem_mark
    if mark is None or "maximum nesting depth" not in (err.problem or ""):
        return None
    try:
        _build(text[: mark.index], file)
    except _Refused as refused:
        if refused.finding.code == F.YAML_TOO_DEEP.code:
            return refused.finding
    except yaml.YAMLError:
        pass
    return F.make(F.YAML_TOO_DEEP, file, f"more than {MAX_DEPTH} levels of nesting", pos=_pos(mark))


def too_large(file: Path, size: int) -> F.Finding:
    return F.make(F.FILE_TOO_LARGE, file, f"{size:,} bytes; the limit is {MAX_BYTES:,}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


_HINTS = (
    ("mapping values are not allowed", "put quotes around a value that contains ': '"),
    ("did not find expected key", "line this key up with the keys above it"),
    ("could not find expected ':'", "add the ':' after the key, or quote text that runs onto the next line"),
    ("found character that cannot start any token",
     "quote a value that starts with @, ` or %, and indent with spaces"),
    ("did not find expected '-' indicator", "line this item up with the items above it"),
    ("expected <block end>", "line this up with the lines above it"),
)
# A Chinese input method types a full-width colon after a key, or full-width spaces
# as indentation; YAML reads both as text, and the error surfaces a line later.
_WIDE = (
    (re.compile(r"^[ \u3000]*(?:-[ \u3000]+)?[A-Za-z_][\w-]*[ \u3000]*：", re.M), "：",
     "a full-width colon '：' after a key",
     "switch the input method to English and type ':'; YAML reads the full-width '：' as text"),
    (re.compile(r"^ *\u3000", re.M), "\u3000", "a full-width space (U+3000) in the indentation",
     "indent with ordinary spaces; YAML reads the full-width space as text"),
)


def wide_punctuation(text: str) -> str:
    """Advice when `text` looks typed with full-width punctuation, or ''."""
    return next((advice for pattern, _, _, advice in _WIDE if pattern.search(text)), "")


def _syntax_finding(err: yaml.MarkedYAMLError, text: str, file: Path) -> F.Finding:
    """libyaml's words, made into what a person editing the file needs to hear."""
    mark, opened = err.problem_mark or err.context_mark, err.context_mark
    problem, context = err.problem or "invalid YAML", err.context or ""
    pos = _pos(mark) if mark else None
    hint = ""
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
        problem, hint = "a tab character is used for indentation", "indent with spaces, never tabs"
    elif "quoted scalar" in context and "escape" in problem:
        problem = f"{problem} in a double-quoted string"
        hint = ("inside \"…\" a backslash starts an escape: write \\\\ for a backslash, "
                "or use single quotes '…'")
    elif "quoted scalar" in context and opened is not None:
        problem, pos = "a quoted string is never closed", _pos(opened)
        hint = "close the quote that opens here"
    elif mark is not None and (runaway := _runaway_quote(text, mark.line)) is not None:
        problem = (f"the quoted text that opens here runs on to line {runaway.end_mark.line + 1} "
                   f"({problem})")
        pos, hint = _pos(runaway.start_mark), "close the quote on the line where it opens"
    elif "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        where = f" at line {opened.line + 1}, column {opened.column + 1}" if opened else ""
        problem = f"{problem}: the '{bracket}'{where} is not closed, or an item lacks its ','"
        hint = "close every bracket and separate items with ','"
    else:
        hint = next((h for start, h in _HINTS if problem.startswith(start)), "")
    for number in range(mark.line, max(mark.line - 3, -1), -1) if mark is not None else ():
        suspect = lines[number] if number < len(lines) else ""
        found = next((w for w in _WIDE if w[0].search(suspect)), None)
        if found:  # the culprit is this line or one just above
            _, char, problem, hint = found
            pos = (number + 1, suspect.find(char) + 1)
            break
    return F.make(F.YAML_SYNTAX, file, _one_line(problem), pos=pos, hint=hint)


def _runaway_quote(text: str, line: int):
    """A quoted string that spans lines and ends just before the error: almost
    always a missing closing quote that swallowed the next line."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.start_mark.line < token.end_mark.line >= line - 1):
                found = token
    except yaml.YAMLError:
        pass
    return found


def _build(text: str, file: Path) -> Tree:
    tree = Tree(file=file, data=None)
    documents = 0
    stack: list[list] = []  # frames: [container, path, pending_key]
    root: list = []
    count = [0]

    def attach(value, path, mark):
        count[0] += 1
        if count[0] > MAX_VALUES:
            raise _Refused(F.make(
                F.FILE_TOO_LARGE, file, f"more than {MAX_VALUES:,} values", pos=_pos(mark)))
        if not stack:
            root.append(value)
            return ()
        container, cpath, pending = stack[-1]
        if isinstance(container, list):
            key = len(container)
            container.append(value)
            here = cpath + (key,)
        elif pending is _NO_KEY:
            if value in container:
                first = tree.key_positions.get(cpath + (value,))
                where = f"; it first appears at line {first[0]}" if first else ""
                raise _Refused(
                    F.make(
                        F.YAML_DUPLICATE_KEY,
                        file,
                        f"key {F.quote(value)} appears twice{where}",
                        pos=_pos(mark),
                        path=dotted(cpath + (value,)),
                    )
                )
            stack[-1][2] = value
            tree.key_positions[cpath + (value,)] = _pos(mark)
            return None
        else:
            container[pending] = value
            stack[-1][2] = _NO_KEY
            here = cpath + (pending,)
        tree.positions[here] = _pos(mark)
        return here

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(
                    F.make(
                        F.YAML_MULTIPLE_DOCUMENTS,
                        file,
                        "a second YAML document starts here",
                        pos=_pos(event.start_mark),
                    )
                )
        elif isinstance(event, yaml.AliasEvent):
            raise _Refused(
                F.make(F.YAML_ALIAS, file, f"alias {F.quote('*' + event.anchor)}", pos=_pos(event.start_mark))
            )
        elif isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            tag = event.tag
            if tag is not None and tag != "!":
                raise _Refused(F.make(F.YAML_TAG, file, f"tag {F.quote(tag)}", pos=_pos(event.start_mark)))
            if isinstance(event, yaml.ScalarEvent):
                is_key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY
                plain = event.implicit[0] and not event.style and not is_key  # keys stay text
                value = plain_scalar(event.value) if plain else event.value
                here = attach(value, _current_path(stack), event.start_mark)
                if here is not None:
                    tree.raw[here] = event.value
                continue
            if len(stack) >= MAX_DEPTH:
                raise _Refused(
                    F.make(
                        F.YAML_TOO_DEEP,
                        file,
                        f"more than {MAX_DEPTH} levels of nesting",
                        pos=_pos(event.start_mark),
                    )
                )
            container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                raise _Refused(
                    F.make(F.YAML_KEY, file, "a key must be plain text", pos=_pos(event.start_mark))
                )
            here = attach(container, _current_path(stack), event.start_mark)
            stack.append([container, here if here is not None else (), _NO_KEY])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()

    if documents == 0 or not root or root[0] is None:
        raise _Refused(F.make(F.YAML_EMPTY, file, "the file holds no data (empty or comments only)"))
    tree.data = root[0]
    tree.positions.setdefault((), (1, 1))
    return tree


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _current_path(stack) -> Path_:
    return stack[-1][1] if stack else ()


def dotted(path: Path_) -> str:
    """("indicators", 3, "name") → "indicators[3].name", the path a user can follow."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out

