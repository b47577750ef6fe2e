"""YAML text → plain Python data, with where every value stands in the text.

We do not use `yaml.safe_load`: it keeps the last of two duplicate keys without
a word, expands aliases (a billion-laughs file eats memory), recurses on deep
nesting and reads YAML 1.1 (`no` is False, `012` is 10, `1:20` is 80). Instead
we walk libyaml's event stream with an explicit stack, which is iterative,
never constructs objects from tags, refuses aliases on first sight, and types
plain scalars by the YAML 1.2 core schema.

The walk is the one parse of a file: beside the data it keeps a tree of marks
(line, column, and start and end offsets into the decoded text), so findings
point at a line and column, and `scorecard set` splices new text at the
offsets without parsing again. A path into the data, e.g.
("indicators", 3, "observations", 0, "value"), finds its mark in the tree.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from scorecard import findings as F
from scorecard.load import limits

Path_ = tuple  # a path into the data: keys and list indices
# libyaml neither recurses nor caps depth, but its flow nesting is quadratic
# (100,000 '[' take 40 s), so the walk stops at the first level too deep.
MAX_DEPTH = 32
MAX_VALUES = limits.DEFAULT_VALUES  # raised with SCORECARD_MAX_VALUES
MAX_BYTES = limits.DEFAULT_BYTES  # raised with SCORECARD_MAX_BYTES

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")  # YAML 1.1 octal: kept as text, reported
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_NUMBERISH = frozenset("0123456789+-.")  # how every number, .inf and .nan start
_WORDISH = frozenset("~nNtTfF")  # how null, true and false start

try:
    _Loader = yaml.CSafeLoader
    # libyaml skips a byte-order mark at the start without counting it, so one is put
    # there: its offsets are then offsets into the text, whatever the text starts with.
    _PREFIX = "\ufeff"
except AttributeError:  # PyYAML built without libyaml: the same events, more slowly
    _Loader = yaml.SafeLoader
    _PREFIX = ""

# Marks. A scalar's is a tuple (line, column, start, end, raw text); a mapping's or
# a sequence's a list [line, column, start, end, kind, flow, children, keys], its
# children keyed as in the data and `keys` the marks of a mapping's keys. Lines and
# columns are 0-based as the parser gives them; start and end are character offsets.
# Plain tuples and lists: the walk makes one per value, and a cache loads them fast.
LINE, COLUMN, START, END, RAW = range(5)
KIND, FLOW, CHILDREN, KEYS = 4, 5, 6, 7


def is_scalar(mark) -> bool:
    return type(mark) is tuple


@dataclass
class Tree:
    """A parsed file: its data, and the marks of its values and keys.

    A tree rebuilt from a `Skeleton` holds only some entries' marks (data None)."""

    file: Path
    data: object
    root: object = None  # the root value's mark
    indent: int | None = None  # how far a list's dashes stand under its key, when known

    def mark(self, path: Path_):
        """The mark of the value at `path`, or None."""
        mark = self.root
        for part in path:
            if is_scalar(mark) or mark is None:
                return None
            children = mark[CHILDREN]
            try:
                mark = children[part]
            except (KeyError, IndexError, TypeError):
                return None
        return mark

    def position(self, path: Path_) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, else of its nearest parent."""
        mark, found = self.root, None
        for part in path:
            if is_scalar(mark) or mark is None:
                break
            try:
                mark = mark[CHILDREN][part]
            except (KeyError, IndexError, TypeError):
                break
            found = mark
        return (found[LINE] + 1, found[COLUMN] + 1) if found is not None else (1, 1)

    def key_position(self, path: Path_) -> tuple[int, int] | None:
        """1-based (line, column) of the key that ends `path`, or None."""
        parent = self.mark(path[:-1]) if path else None
        if parent is None or is_scalar(parent) or parent[KEYS] is None:
            return None
        key = parent[KEYS].get(path[-1])
        return (key[LINE] + 1, key[COLUMN] + 1) if key else None

    def raw(self, path: Path_) -> str | None:
        """The scalar at `path` as the parser read it (before typing), or None."""
        mark = self.mark(path)
        return mark[RAW] if mark is not None and is_scalar(mark) else None


def list_indent(root) -> int:
    """How far this file indents a list's dashes under its key (0 or 2, usually):
    the first block list under a key of a block mapping says. 2 when none does."""
    todo = [root]
    while todo:
        mark = todo.pop()
        if mark is None or is_scalar(mark):
            continue
        if mark[KIND] == "map" and not mark[FLOW]:
            for k, v in mark[CHILDREN].items():
                if not is_scalar(v) and v[KIND] == "seq" and not v[FLOW] and v[CHILDREN]:
                    return max(0, v[COLUMN] - mark[KEYS][k][COLUMN])
                todo.append(v)
        elif mark[KIND] == "seq":
            todo += mark[CHILDREN]
    return 2


def shallow(mark):
    """A mark without its children (a scalar's is itself)."""
    if is_scalar(mark):
        return mark
    return [*mark[:CHILDREN], {} if mark[KIND] == "map" else [], {} if mark[KIND] == "map" else None]


def moved(mark, lines: int, chars: int):
    """The mark, and all within it, `lines` lines and `chars` characters further on."""
    if is_scalar(mark):
        return (mark[LINE] + lines, mark[COLUMN], mark[START] + chars, mark[END] + chars, mark[RAW])
    children = mark[CHILDREN]
    if mark[KIND] == "map":
        kids = {k: moved(v, lines, chars) for k, v in children.items()}
        keys = {k: moved(v, lines, chars) for k, v in mark[KEYS].items()}
    else:
        kids, keys = [moved(v, lines, chars) for v in children], None
    return [mark[LINE] + lines, mark[COLUMN], mark[START] + chars, mark[END] + chars, mark[KIND],
            mark[FLOW], kids, keys]


@dataclass
class Skeleton:
    """The top of a file's tree, kept in the cache so that an edit finds the lines of
    the entries it touches without parsing the whole file: the root mapping with its
    keys and its values' marks (children left out), each top-level list's entries as
    (line, column, start, end), and the file's list indent."""

    file: Path
    root: list
    entries: dict[str, list[tuple[int, int, int, int]]]
    indent: int

    @classmethod
    def of(cls, tree: Tree) -> Skeleton:
        root = tree.root
        if is_scalar(root) or root[KIND] != "map":
            raise ValueError("the file does not hold a mapping")
        entries = {key: [(m[LINE], m[COLUMN], m[START], m[END]) for m in value[CHILDREN]]
                   for key, value in root[CHILDREN].items()
                   if not is_scalar(value) and value[KIND] == "seq"}
        top = [*root[:CHILDREN], {k: shallow(v) for k, v in root[CHILDREN].items()}, dict(root[KEYS])]
        return cls(tree.file, top, entries, list_indent(root))


def parse_region(text: str, start: int, end: int, line: int, file: Path):
    """The root mark of text[start:end] parsed on its own (start at a line start,
    `line` its 0-based number), with marks where they stand in the whole text.
    Raises `DataError` with findings placed in the whole text."""
    try:
        tree = _build(text[start:end], file)
    except _Refused as refused:
        raise F.DataError([_moved_finding(refused.finding, line)]) from None
    except yaml.YAMLError as err:
        found = _syntax_finding(err, text[start:end], file) if isinstance(err, yaml.MarkedYAMLError) \
            else F.make(F.YAML_SYNTAX, file, _one_line(str(err)))
        raise F.DataError([_moved_finding(found, line)]) from None
    return tree.data, moved(tree.root, line, start)


def _moved_finding(found: F.Finding, lines: int) -> F.Finding:
    import dataclasses

    return dataclasses.replace(found, line=found.line + lines) if found.line else found


def plain_scalar(text: str) -> object:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema.

    A number too close to 0 for a float (1e-400) stays text, to be reported:
    read as 0 it would silently become another figure."""
    first = text[:1]
    if first in _NUMBERISH and first:
        if len(text) < 300 and _INT.match(text):  # int() refuses thousands of digits
            return int(text)
        if _FLOAT.match(text):
            if _LEADING_ZERO.match(text):
                return text
            value = float(text)  # beyond 1e308 this is inf, which the model refuses
            return text if value == 0 and underflows(text) else value
        elif _INF.match(text):
            return float("-inf") if first == "-" else float("inf")
        elif _NAN.match(text):
            return float("nan")
        return text
    if first in _WORDISH or not first:
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
    return text


def underflows(number: str) -> bool:
    """Is this written number other than 0, though a float reads it as 0 (1e-400)?"""
    digits = number.lower().partition("e")[0]
    return any(c in "123456789" for c in digits) and float(number) == 0


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
    return parse_text(raw, file)[0]


def parse_text(raw: bytes, file: Path) -> tuple[Tree, str]:
    """Parse one data file; also return its decoded text (the offsets' reference)."""
    text = ""
    try:
        if len(raw) > limits.max_bytes():
            raise _Refused(too_large(file, len(raw)))
        text = decode(raw, file)
        return _build(text, file), text
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
    return F.make(F.FILE_TOO_LARGE, file, f"{size:,} bytes; the limit is {limits.max_bytes():,}",
                  hint=limits.bytes_hint())


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
    loader = _Loader(_PREFIX + text)
    try:
        with paused_gc():
            return _walk(loader.get_event, file, limits.max_values())
    finally:
        loader.dispose()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Building many small containers that all stay alive sets off the cyclic
    collector again and again, to find nothing: a third of a large file's walk.
    Reference counting still frees everything that is dropped."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _walk(next_event, file: Path, max_values: int) -> Tree:
    """The event stream → data and marks, one event at a time (no recursion).

    This loop runs once per value of the file, so it is written for speed:
    events are told apart by their class, and the frame of the collection being
    filled is [data, mark, pending key]."""
    stack: list[list] = []
    root: list = []  # [data, mark] once the root value is read
    documents = count = 0
    scalar, start_map, start_seq = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    end_map, end_seq = yaml.MappingEndEvent, yaml.SequenceEndEvent

    while True:
        event = next_event()
        kind = event.__class__
        if kind is scalar:
            tag = event.tag
            if tag is not None and tag != "!":
                raise _Refused(F.make(F.YAML_TAG, file, f"tag {F.quote(tag)}", pos=_pos(event.start_mark)))
            count += 1
            if count > max_values:
                raise _too_many(file, max_values, event.start_mark)
            at = event.start_mark
            text = event.value
            if stack:
                frame = stack[-1]
                data = frame[0]
                if data.__class__ is dict:
                    key = frame[2]
                    if key is _NO_KEY:  # this scalar is a key; keys stay text
                        if text in data:
                            raise _Refused(_duplicate(file, stack, text, at))
                        frame[2] = text
                        frame[1][KEYS][text] = (at.line, at.column, at.index, event.end_mark.index, text)
                        continue
                    frame[2] = _NO_KEY
                    data[key] = plain_scalar(text) if event.implicit[0] and not event.style else text
                    frame[1][CHILDREN][key] = (at.line, at.column, at.index, event.end_mark.index, text)
                else:
                    data.append(plain_scalar(text) if event.implicit[0] and not event.style else text)
                    frame[1][CHILDREN].append((at.line, at.column, at.index, event.end_mark.index, text))
            elif not root:
                value = plain_scalar(text) if event.implicit[0] and not event.style else text
                root += [value, (at.line, at.column, at.index, event.end_mark.index, text)]
        elif kind is start_map or kind is start_seq:
            at = event.start_mark
            tag = event.tag
            if tag is not None and tag != "!":
                raise _Refused(F.make(F.YAML_TAG, file, f"tag {F.quote(tag)}", pos=_pos(at)))
            if len(stack) >= MAX_DEPTH:
                raise _Refused(F.make(F.YAML_TOO_DEEP, file, f"more than {MAX_DEPTH} levels of nesting",
                                      pos=_pos(at)))
            if stack and stack[-1][2] is _NO_KEY and stack[-1][0].__class__ is dict:
                raise _Refused(F.make(F.YAML_KEY, file, "a key must be plain text", pos=_pos(at)))
            count += 1
            if count > max_values:
                raise _too_many(file, max_values, at)
            if kind is start_map:
                data, mark = {}, [at.line, at.column, at.index, at.index, "map", bool(event.flow_style), {}, {}]
            else:
                data, mark = [], [at.line, at.column, at.index, at.index, "seq", bool(event.flow_style), [], None]
            if stack:
                frame = stack[-1]
                if frame[0].__class__ is dict:  # the key stays pending until the value ends
                    frame[0][frame[2]] = data
                    frame[1][CHILDREN][frame[2]] = mark
                else:
                    frame[0].append(data)
                    frame[1][CHILDREN].append(mark)
            elif not root:
                root += [data, mark]
            stack.append([data, mark, _NO_KEY])
        elif kind is end_map or kind is end_seq:
            mark = stack.pop()[1]
            # A block collection's end event comes after trailing comments; the end
            # of its last value is where its text stops.
            mark[END] = event.end_mark.index if mark[FLOW] else _last_end(mark)
            if stack:
                stack[-1][2] = _NO_KEY
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(F.make(F.YAML_MULTIPLE_DOCUMENTS, file, "a second YAML document starts here",
                                      pos=_pos(event.start_mark)))
        elif kind is yaml.AliasEvent:
            raise _Refused(F.make(F.YAML_ALIAS, file, f"alias {F.quote('*' + event.anchor)}",
                                  pos=_pos(event.start_mark)))
        elif event is None or kind is yaml.StreamEndEvent:
            break

    if documents == 0 or not root or root[0] is None:
        raise _Refused(F.make(F.YAML_EMPTY, file, "the file holds no data (empty or comments only)"))
    return Tree(file, root[0], root[1])


def _last_end(mark) -> int:
    children = mark[CHILDREN]
    if not children:
        return mark[END]
    last = children[-1] if mark[KIND] == "seq" else next(reversed(children.values()))
    return last[END]


def _too_many(file: Path, max_values: int, at) -> _Refused:
    return _Refused(F.make(F.FILE_TOO_LARGE, file, f"more than {max_values:,} values", pos=_pos(at),
                           hint=limits.values_hint()))


def _duplicate(file: Path, stack: list, key: str, at) -> F.Finding:
    first = stack[-1][1][KEYS][key]
    return F.make(F.YAML_DUPLICATE_KEY, file,
                  f"key {F.quote(key)} appears twice; it first appears at line {first[LINE] + 1}",
                  pos=_pos(at), path=dotted((*_stack_path(stack), key)))


def _stack_path(stack: list) -> Path_:
    """The path of the innermost open collection: each parent's pending key or last index."""
    return tuple(parent[2] if parent[0].__class__ is dict else len(parent[0]) - 1
                 for parent in stack[:-1])


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def dotted(path: Path_) -> str:
    """("indicators", 3, "name") → "indicators[3].name", the path a user can follow."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out

