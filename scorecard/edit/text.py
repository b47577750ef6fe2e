"""Old YAML text + edits → new YAML text, changing only the lines an edit needs.

Re-dumping the data would drop comments, reorder keys and requote strings: a
hand-kept file would come back unrecognisable. Instead the edits are spliced
into the text at the offsets the loader's one parse recorded (its marks, see
`scorecard.load.yamltree`). Line endings, indentation and everything outside
the spans stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from scorecard.load.yamltree import (CHILDREN, END, FLOW, KEYS, KIND, START, Tree, dotted, is_scalar,
                                     list_indent, plain_scalar)

Splice = tuple[int, int, str]  # replace text[start:end] with the string


class EditError(Exception):
    """The text does not have the shape the edit needs (it is left alone)."""


class Raw(str):
    """Text written as it is (a number already formatted)."""


@dataclass(frozen=True)
class Replace:
    """Give the scalar at `path` new text (already formatted: see `scalar`)."""

    path: tuple
    text: str


@dataclass(frozen=True)
class Insert:
    """Put `item` at position `index` of the sequence at `path`.

    When the sequence's key is missing it is created after the last of the
    keys in `follows` that exists. `block` writes a mapping item one key a
    line, like its siblings when they are written so; observations are always
    one flow mapping a line, like the existing ones.
    """

    path: tuple
    index: int
    item: dict
    follows: tuple[str, ...] = ()
    block: bool | None = False  # None: like the first sibling
    also: tuple[dict, ...] = ()  # more items, written after `item` in the same place

    @property
    def items(self) -> tuple[dict, ...]:
        return (self.item, *self.also)


@dataclass(frozen=True)
class SetKey:
    """Give the mapping at `path` the key `key` with `text` (already formatted): the value
    replaced when the key is there, else the key added after the last of `follows` that the
    mapping has (else after its last key), in the mapping's own style."""

    path: tuple
    key: str
    text: str
    follows: tuple[str, ...] = ()


@dataclass(frozen=True)
class DropKey:
    """Take the key at `path` and its value out of their mapping."""

    path: tuple


@dataclass(frozen=True)
class Remove:
    """Take the item at `path` out of its list (a list left empty is written `[]`)."""

    path: tuple


def find(tree: Tree, path: tuple):
    mark = tree.mark(path)
    if mark is None:
        raise EditError(f"nothing at {dotted(path)}")
    return mark


def splices(text: str, tree: Tree, edits: list) -> list[Splice]:
    """Where each edit changes `text` (parsed into `tree`), in order, never overlapping."""
    nl = newline(text)
    out: list[Splice] = []
    for edit in edits:
        if isinstance(edit, Replace):
            mark = find(tree, edit.path)
            if not is_scalar(mark):
                raise EditError(f"{dotted(edit.path)} is not a single value")
            out.append((mark[START], mark[END], edit.text))
        elif isinstance(edit, SetKey):
            out.append(_set_key(text, tree, edit, nl))
        elif isinstance(edit, DropKey):
            out.append(_drop_key(text, tree, edit.path))
        elif isinstance(edit, Remove):
            out.append(_remove(text, tree, edit.path, nl))
        else:
            out += _insert(text, tree, edit, nl)
    out.sort(key=lambda s: (s[0], s[1]))
    for (_a0, a1, _), (b0, _b1, _) in zip(out, out[1:]):
        if b0 < a1:
            raise EditError("two edits overlap")
    return out


def splice(text: str, cuts: list[Splice]) -> str:
    """`text` with each span replaced; spans refer to the old text, in order."""
    parts, at = [], 0
    for start, end, new in cuts:
        parts += [text[at:start], new]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def apply(text: str, tree: Tree, edits: list) -> str:
    """Apply edits made against `text`, whose one parse is `tree`."""
    return splice(text, splices(text, tree, edits))


def _map(mark) -> bool:
    return not is_scalar(mark) and mark[KIND] == "map"


def _insert(text: str, tree: Tree, edit: Insert, nl: str) -> list[Splice]:
    parent = find(tree, edit.path[:-1])
    key = edit.path[-1]
    if not _map(parent):
        raise EditError(f"{dotted(edit.path[:-1])} is not a mapping")
    seq = parent[CHILDREN].get(key)
    if seq is None:
        return _new_key(text, tree, parent, key, edit, nl)
    if is_scalar(seq) or seq[KIND] != "seq":
        raise EditError(f"{dotted(edit.path)} is not a list")
    if seq[FLOW]:
        return _flow_insert(text, tree, parent, key, seq, edit, nl)
    items = seq[CHILDREN]
    dash = column(text, seq[START])
    first = items[0]
    same_line = line_start(text, first[START]) == line_start(text, seq[START])
    gap = column(text, first[START]) - dash - 1 if same_line else 1
    block = _is_block_map(first) if edit.block is None else edit.block
    lines = "".join(_item_lines(" " * dash, max(gap, 1), item, block, nl) for item in edit.items)
    if edit.index == 0:
        return [(line_start(text, first[START]), line_start(text, first[START]), lines)]
    return [_after_line(text, items[min(edit.index, len(items)) - 1][END], lines, nl)]


def _set_key(text: str, tree: Tree, edit: SetKey, nl: str) -> Splice:
    mapping = find(tree, edit.path)
    if not _map(mapping) or not mapping[CHILDREN]:
        raise EditError(f"{dotted(edit.path)} is not a mapping with keys")
    values = mapping[CHILDREN]
    if edit.key in values:
        old = values[edit.key]
        if is_scalar(old) or old[FLOW]:
            return (old[START], old[END], edit.text)
        # A block list or mapping: from the key's colon to the end of its last value.
        colon = text.find(":", mapping[KEYS][edit.key][END])
        return (colon + 1, _last_end(old), " " + edit.text)
    anchor = next(reversed(values.values()))
    for k, v in values.items():
        if k in edit.follows:
            anchor = v
    if mapping[FLOW]:
        return (anchor[END], anchor[END], f", {edit.key}: {edit.text}")
    first = next(iter(mapping[KEYS].values()))
    body = edit.text
    if body.startswith("\n"):  # a block value, its lines indented from the key's column
        pad = " " * column(text, first[START])
        body = "".join(nl + pad + line for line in body[1:].split("\n"))
    line = " " * column(text, first[START]) + f"{edit.key}:{body if body.startswith(nl) else ' ' + body}{nl}"
    return _after_line(text, anchor[END], line, nl)


def _last_end(mark) -> int:
    """Where a block value's text ends: at its last scalar or flow value (a block
    collection's own end mark may lie lines further on, past comments)."""
    while not (is_scalar(mark) or mark[FLOW]) and mark[CHILDREN]:
        children = mark[CHILDREN]
        mark = children[-1] if isinstance(children, list) else next(reversed(children.values()))
    return mark[END]


def _drop_key(text: str, tree: Tree, path: tuple) -> Splice:
    mapping = find(tree, path[:-1])
    if not _map(mapping) or path[-1] not in mapping[CHILDREN]:
        raise EditError(f"nothing at {dotted(path)}")
    keys = list(mapping[CHILDREN])
    at = keys.index(path[-1])
    key, value = mapping[KEYS][path[-1]], mapping[CHILDREN][path[-1]]
    if mapping[FLOW]:
        if at > 0:
            return (mapping[CHILDREN][keys[at - 1]][END], value[END], "")
        if len(keys) > 1:
            return (key[START], mapping[KEYS][keys[1]][START], "")
        return (key[START], value[END], "")
    start = line_start(text, key[START])
    if text[start:key[START]].strip(" \t"):
        raise EditError(f"{dotted(path)} shares its line with another value")
    return (start, _line_after(text, value[END]), "")


def _remove(text: str, tree: Tree, path: tuple, nl: str) -> Splice:
    seq = find(tree, path[:-1])
    if is_scalar(seq) or seq[KIND] != "seq":
        raise EditError(f"{dotted(path[:-1])} is not a list")
    items, at = seq[CHILDREN], path[-1]
    item = items[at]
    if seq[FLOW]:
        if at > 0:
            return (items[at - 1][END], item[END], "")
        if len(items) > 1:
            return (item[START], items[1][START], "")
        return (item[START], item[END], "")
    if len(items) == 1:  # the list's key stays, with an empty list
        parent = find(tree, path[:-2])
        key = parent[KEYS][path[-2]] if _map(parent) else None
        colon = text.find(":", key[END]) if key is not None else -1
        if colon < 0:
            raise EditError(f"{dotted(path[:-1])} has no key to keep")
        return (colon + 1, _line_after(text, item[END]), f" []{nl}")
    start = line_start(text, item[START])
    if not re.fullmatch(r"[ \t]*-[ \t]*", text[start:item[START]]):
        raise EditError(f"{dotted(path)} shares its line with another value")
    return (start, _line_after(text, item[END]), "")


def _line_after(text: str, index: int) -> int:
    """The end of the line on which `index` falls, its line break included (a value that
    already ends after a line break, a block scalar's, ends there)."""
    if index > 0 and text[index - 1] in "\r\n":
        return index
    return line_end(text, index)


def _flow_insert(text, tree, parent, key, seq, edit, nl):
    items = seq[CHILDREN]
    written = ", ".join(flow(item) for item in edit.items)
    if items:
        if edit.index == 0:
            return [(items[0][START], items[0][START], written + ", ")]
        end = items[min(edit.index, len(items)) - 1][END]
        return [(end, end, ", " + written)]
    if parent[FLOW]:
        return [(seq[START], seq[END], "[" + written + "]")]
    # `key: []` in a block mapping becomes a block list under the key.
    keycol = column(text, parent[KEYS][key][START])
    cut = seq[START]
    while cut > 0 and text[cut - 1] in " \t":
        cut -= 1
    indent = " " * (keycol + _offset(text, tree))
    block = bool(edit.block)
    lines = "".join(_item_lines(indent, 1, item, block, nl) for item in edit.items)
    return [(cut, seq[END], ""), _after_line(text, seq[END], lines, nl)]


def _new_key(text, tree, parent, key, edit, nl):
    values = parent[CHILDREN]
    if parent[FLOW]:
        end = next(reversed(values.values()))[END] if values else parent[START] + 1
        sep = ", " if values else ""
        return [(end, end, f"{sep}{key}: [{', '.join(flow(item) for item in edit.items)}]")]
    anchor = None
    for k, v in values.items():
        if k in edit.follows:
            anchor = v
    anchor = anchor or next(reversed(values.values()))
    keycol = column(text, next(iter(parent[KEYS].values()))[START])
    indent = " " * (keycol + _offset(text, tree))
    lines = " " * keycol + f"{key}:" + nl + "".join(_item_lines(indent, 1, item, bool(edit.block), nl)
                                                     for item in edit.items)
    return [_after_line(text, anchor[END], lines, nl)]


def _after_line(text: str, index: int, lines: str, nl: str) -> tuple[int, int, str]:
    """Insert whole lines after the line on which `index` falls."""
    if index > 0 and text[index - 1] in "\r\n":
        return (index, index, lines)
    end = line_end(text, index)
    if end == len(text) and not text.endswith(("\n", "\r")):
        return (end, end, nl + lines[: -len(nl)])
    return (end, end, lines)


def _item_lines(indent: str, gap: int, item: dict, block: bool, nl: str) -> str:
    if not block:
        return f"{indent}-{' ' * gap}{flow(item)}{nl}"
    inner = " " * (len(indent) + 1 + gap)
    parts = [_block_value(k, v, inner, nl) for k, v in item.items()]
    return f"{indent}-{' ' * gap}{parts[0]}{nl}" + "".join(f"{inner}{p}{nl}" for p in parts[1:])


def _block_value(key: str, value, inner: str, nl: str) -> str:
    """A key of a block entry: a mapping of mappings (targets by horizon) or a list of mappings
    (an action's links) one flow mapping a line under the key, as the data writes them by hand;
    anything else on the key's line."""
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        return f"{key}:" + "".join(f"{nl}{inner}  {k}: {flow(v)}" for k, v in value.items())
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return f"{key}:" + "".join(f"{nl}{inner}  - {flow(v)}" for v in value)
    return f"{key}: {scalar(value)}"


def _is_block_map(mark) -> bool:
    return _map(mark) and not mark[FLOW]


def _offset(text: str, tree: Tree) -> int:
    """How far this file indents a list's dashes under its key (0 or 2, usually)."""
    return tree.indent if tree.indent is not None else list_indent(tree.root)


# Text for values. -----------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def flow(item: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in item.items()) + "}"


def scalar(value) -> str:
    """A value as YAML text that every reader (YAML 1.1 or 1.2) reads back the same."""
    if isinstance(value, dict):
        return flow(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        raise EditError("only text, numbers and true or false are written")
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS \
            and plain_scalar(value) == value and _yaml11(value) == value:
        return value
    return quote(value)


def _yaml11(text: str) -> object:
    """How a YAML 1.1 reader (PyYAML's own loader) reads a plain scalar."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def quote(value: str) -> str:
    """A double-quoted scalar; anything YAML would not print as written is escaped."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            raise EditError("the text holds a lone surrogate (bytes that were not UTF-8)")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# Positions. --------------------------------------------------------------------

def newline(text: str) -> str:
    """The file's own line ending, so an inserted line matches its neighbours."""
    first = re.search(r"\r\n|\n|\r", text)
    return first.group() if first else "\n"


def line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def line_end(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding `index`."""
    found = re.compile(r"\r\n|\n|\r").search(text, index)
    return found.end() if found else len(text)


def column(text: str, index: int) -> int:
    return index - line_start(text, index)


def line_of(text: str, index: int) -> int:
    return len(re.findall(r"\r\n|\n|\r", text[:index])) + 1
