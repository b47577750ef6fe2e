"""Old YAML text + edits → new YAML text, changing only the lines an edit needs.

Re-dumping the data would drop comments, reorder keys and requote strings: a
hand-kept file would come back unrecognisable. Instead we parse with PyYAML's
pure-Python parser, whose marks are exact character offsets into the decoded
text, and splice new text into those spans. Line endings, indentation and
everything outside the spans stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from scorecard.load.yamltree import dotted, plain_scalar


class EditError(Exception):
    """The text does not have the shape the edit needs (it is left alone)."""


@dataclass
class Node:
    kind: str  # "map", "seq" or "scalar"
    start: int
    end: int
    flow: bool = False
    value: object = None
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)

    def get(self, key) -> Node | None:
        if self.kind == "map":
            return next((v for k, v in self.pairs if k.value == key), None)
        if self.kind == "seq" and isinstance(key, int) and 0 <= key < len(self.items):
            return self.items[key]
        return None

    def key_node(self, key) -> Node | None:
        return next((k for k, _ in self.pairs if k.value == key), None)


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


def parse(text: str) -> Node:
    """The node tree of one YAML document, with character spans."""
    stack: list[tuple[Node, list]] = []  # (collection, pending key holder)
    root: list[Node] = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent):
            plain = event.implicit[0] and not event.style
            value = plain_scalar(event.value) if plain else event.value
            _attach(stack, root, Node("scalar", event.start_mark.index, event.end_mark.index,
                                      value=value))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            node = Node(kind, event.start_mark.index, event.start_mark.index,
                        flow=bool(event.flow_style))
            _attach(stack, root, node)
            stack.append((node, []))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            node, _ = stack.pop()
            # A block collection's end event is placed after trailing comments; the
            # end of its last value is where its text stops.
            node.end = event.end_mark.index if node.flow else _last_end(node)
        elif isinstance(event, yaml.AliasEvent):
            raise EditError("the file uses an alias")
    if not root or root[0].kind != "map":
        raise EditError("the file does not hold a mapping")
    return root[0]


def _attach(stack, root, node: Node) -> None:
    if not stack:
        root.append(node)
        return
    parent, pending = stack[-1]
    if parent.kind == "seq":
        parent.items.append(node)
    elif pending:
        parent.pairs.append((pending.pop(), node))
    else:
        pending.append(node)


def _last_end(node: Node) -> int:
    if node.kind == "map" and node.pairs:
        return node.pairs[-1][1].end
    if node.kind == "seq" and node.items:
        return node.items[-1].end
    return node.end


def find(root: Node, path: tuple) -> Node:
    node = root
    for part in path:
        nxt = node.get(part)
        if nxt is None:
            raise EditError(f"nothing at {dotted(path)}")
        node = nxt
    return node


def apply(text: str, edits: list) -> str:
    """Apply edits made against `text`; spans refer to the old text, so order does not matter."""
    root = parse(text)
    nl = newline(text)
    splices: list[tuple[int, int, str]] = []
    for edit in edits:
        if isinstance(edit, Replace):
            node = find(root, edit.path)
            if node.kind != "scalar":
                raise EditError(f"{dotted(edit.path)} is not a single value")
            splices.append((node.start, node.end, edit.text))
        else:
            splices += _insert(text, root, edit, nl)
    splices.sort(key=lambda s: (s[0], s[1]))
    for (_a0, a1, _), (b0, _b1, _) in zip(splices, splices[1:]):
        if b0 < a1:
            raise EditError("two edits overlap")
    for start, end, new in reversed(splices):
        text = text[:start] + new + text[end:]
    return text


def _insert(text: str, root: Node, edit: Insert, nl: str) -> list[tuple[int, int, str]]:
    parent = find(root, edit.path[:-1])
    key = edit.path[-1]
    if parent.kind != "map":
        raise EditError(f"{dotted(edit.path[:-1])} is not a mapping")
    seq = parent.get(key)
    if seq is None:
        return _new_key(text, root, parent, key, edit, nl)
    if seq.kind != "seq":
        raise EditError(f"{dotted(edit.path)} is not a list")
    if seq.flow:
        return _flow_insert(text, root, parent, key, seq, edit, nl)
    dash = column(text, seq.start)
    first = seq.items[0]
    same_line = line_start(text, first.start) == line_start(text, seq.start)
    gap = column(text, first.start) - dash - 1 if same_line else 1
    block = _is_block_map(first) if edit.block is None else edit.block
    lines = _item_lines(" " * dash, max(gap, 1), edit.item, block, nl)
    if edit.index == 0:
        return [(line_start(text, first.start), line_start(text, first.start), lines)]
    return [_after_line(text, seq.items[min(edit.index, len(seq.items)) - 1].end, lines, nl)]


def _flow_insert(text, root, parent, key, seq, edit, nl):
    if seq.items:
        item = flow(edit.item)
        if edit.index == 0:
            return [(seq.items[0].start, seq.items[0].start, item + ", ")]
        end = seq.items[min(edit.index, len(seq.items)) - 1].end
        return [(end, end, ", " + item)]
    if parent.flow:
        return [(seq.start, seq.end, "[" + flow(edit.item) + "]")]
    # `key: []` in a block mapping becomes a block list under the key.
    keycol = column(text, parent.key_node(key).start)
    cut = seq.start
    while cut > 0 and text[cut - 1] in " \t":
        cut -= 1
    indent = " " * (keycol + _offset(text, root))
    block = bool(edit.block)
    return [(cut, seq.end, ""), _after_line(text, seq.end, _item_lines(indent, 1, edit.item, block, nl), nl)]


def _new_key(text, root, parent, key, edit, nl):
    if parent.flow:
        end = parent.pairs[-1][1].end if parent.pairs else parent.start + 1
        sep = ", " if parent.pairs else ""
        return [(end, end, f"{sep}{key}: [{flow(edit.item)}]")]
    anchor = None
    for k, v in parent.pairs:
        if k.value in edit.follows:
            anchor = v
    anchor = anchor or parent.pairs[-1][1]
    keycol = column(text, parent.pairs[0][0].start)
    indent = " " * (keycol + _offset(text, root))
    lines = " " * keycol + f"{key}:" + nl + _item_lines(indent, 1, edit.item, bool(edit.block), nl)
    return [_after_line(text, anchor.end, lines, nl)]


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
    parts = [f"{k}: {scalar(v)}" for k, v in item.items()]
    return f"{indent}-{' ' * gap}{parts[0]}{nl}" + "".join(f"{inner}{p}{nl}" for p in parts[1:])


def _is_block_map(node: Node) -> bool:
    return node.kind == "map" and not node.flow


def _offset(text: str, root: Node) -> int:
    """How far this file indents a list's dashes under its key (0 or 2, usually)."""
    todo = [root]
    while todo:
        node = todo.pop()
        if node.kind == "map" and not node.flow:
            for k, v in node.pairs:
                if v.kind == "seq" and not v.flow and v.items:
                    return max(0, column(text, v.start) - column(text, k.start))
                todo.append(v)
        elif node.kind == "seq":
            todo += node.items
    return 2


# Text for values. -----------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def flow(item: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in item.items()) + "}"


def scalar(value) -> str:
    """A value as YAML text that every reader (YAML 1.1 or 1.2) reads back the same."""
    if isinstance(value, dict):
        return flow(value)
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool) or value is None:
        raise EditError("only text and numbers are written")
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS \
            and plain_scalar(value) == value and yaml.safe_load(value) == value:
        return value
    return quote(value)


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
