"""Reading and re-checking only the entries an edit touches.

A large file's one parse takes seconds; an update touches one indicator (and may
add a peer). The file's `Skeleton` (from the cache, or from this run's parse)
says on which lines each entry stands, so those lines are parsed on their own,
by the same parser, before the edit to place it and after it to check it. The
rest of the text is the same as before, so it parses and validates as before.

An entry is cut as whole lines: from the line of its dash to the end of the line
where its last value ends. A layout where that is not safe (a flow list, a dash
on a line of its own, an entry sharing a line with another) raises `Unusual`,
and the caller parses the whole file instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard.findings import DataError
from scorecard.load.yamltree import (CHILDREN, COLUMN, END, FLOW, KEYS, KIND, LINE, START, Skeleton, Tree,
                                     is_scalar, parse_region, shallow)

_DASH = re.compile(r"[ \t]*-[ \t]+")
_BREAKS = re.compile(r"\r\n|\r|\n")


class Unusual(Exception):
    """The entries cannot be cut from this layout safely; parse the whole file."""


@dataclass(frozen=True)
class Region:
    """Whole lines of the text: one entry of a top-level list (`index`), or a whole
    top-level list (`index` None). `line` is the 0-based number of the first."""

    key: str
    index: int | None
    start: int
    end: int
    line: int


def entry(text: str, skeleton: Skeleton, key: str, index: int) -> Region:
    """The lines of entry `index` of the top-level list `key`."""
    spans = skeleton.entries.get(key)
    value = skeleton.root[CHILDREN].get(key)
    if spans is None or not 0 <= index < len(spans) or value[FLOW]:
        raise Unusual(f"{key}[{index}]")
    line, _, start, end = spans[index]
    head = _line_start(text, start)
    if not _DASH.fullmatch(text[head:start]) or _shares_a_line(text, spans, index):
        raise Unusual(f"{key}[{index}]")
    return Region(key, index, head, _lines_end(text, end), line)


def whole(text: str, skeleton: Skeleton, key: str) -> Region:
    """The lines of the whole top-level list `key`."""
    value = skeleton.root[CHILDREN].get(key)
    if value is None or is_scalar(value) or value[KIND] != "seq" or value[FLOW]:
        raise Unusual(key)
    head = _line_start(text, value[START])
    if text[head:value[START]].strip(" \t"):
        raise Unusual(key)
    return Region(key, None, head, _lines_end(text, value[END]), value[LINE])


def _shares_a_line(text: str, spans: list, index: int) -> bool:
    after = spans[index + 1][2] if index + 1 < len(spans) else None
    return after is not None and _line_start(text, after) < _lines_end(text, spans[index][3])


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _lines_end(text: str, index: int) -> int:
    """The end of the line on which `index` falls, its line break included (a block
    scalar's value already ends after its line break)."""
    if index > 0 and text[index - 1] in "\r\n":
        return index
    found = _BREAKS.search(text, index)
    return found.end() if found else len(text)


def read(text: str, skeleton: Skeleton, regions: list[Region]) -> Tree:
    """A tree holding the marks of these regions' entries (and the skeleton's top),
    parsed from `text` on their own."""
    try:
        return parse(text, skeleton, regions)[0]
    except DataError:
        raise Unusual("an entry that does not parse on its own") from None


def parse(text: str, skeleton: Skeleton, regions: list[Region]) -> tuple[Tree, dict]:
    """The regions parsed on their own: a tree with their marks, and for each region,
    by (key, index), its data and mark. Raises `DataError` (placed in `text`) when one
    does not parse, `Unusual` when one is not the entry or list it should be."""
    root = [*skeleton.root[:CHILDREN], dict(skeleton.root[CHILDREN]), skeleton.root[KEYS]]
    found = {}
    for region in regions:
        data, mark = parse_region(text, region.start, region.end, region.line, skeleton.file)
        if is_scalar(mark) or mark[KIND] != "seq" or mark[FLOW]:
            raise Unusual(region.key)
        if region.index is None:
            root[CHILDREN][region.key] = mark
            found[(region.key, None)] = (data, mark)
        else:
            if len(mark[CHILDREN]) != 1:
                raise Unusual(region.key)
            seq = root[CHILDREN][region.key]
            entries = seq[CHILDREN] if isinstance(seq[CHILDREN], dict) else {}
            root[CHILDREN][region.key] = [*seq[:CHILDREN], {**entries, region.index: mark[CHILDREN][0]}, None]
            found[(region.key, region.index)] = (data[0], mark[CHILDREN][0])
    return Tree(skeleton.file, None, root, skeleton.indent), found


@dataclass(frozen=True)
class Moved:
    """Where a region went: its old span, its new one, and how many lines it gained."""

    region: Region
    start: int
    end: int
    line: int
    lines: int
    last: int  # the 1-based number of the region's last line in the old text


def moved(old: str, new: str, cuts: list, regions: list[Region]) -> list[Moved]:
    """Each region's place in the new text, when every cut falls inside one."""
    out, chars, lines = [], 0, 0
    for region in sorted(regions, key=lambda r: r.start):
        inside = [c for c in cuts if region.start <= c[0] and c[1] <= region.end]
        grown = sum(len(c[2]) - (c[1] - c[0]) for c in inside)
        more = sum(len(_BREAKS.findall(c[2])) - len(_BREAKS.findall(old, c[0], c[1])) for c in inside)
        last = region.line + len(_BREAKS.findall(old, region.start, region.end))
        out.append(Moved(region, region.start + chars, region.end + chars + grown, region.line + lines, more,
                         last))
        chars, lines = chars + grown, lines + more
    if sum(len([c for c in cuts if m.region.start <= c[0] and c[1] <= m.region.end]) for m in out) != len(cuts):
        raise Unusual("an edit outside the entries read")
    return out


def reread(new: str, skeleton: Skeleton, places: list[Moved]) -> tuple[Tree, dict]:
    """The regions parsed again where they now stand in the new text."""
    return parse(new, skeleton, [Region(m.region.key, m.region.index, m.start, m.end, m.line)
                                 for m in places])


def shifted_skeleton(skeleton: Skeleton, places: list[Moved], marks: dict) -> Skeleton:
    """The skeleton of the new text: what follows a region moves on by what the region
    grew, and the regions' entries are where the new parse put them."""
    steps = [(m.region.end, m.end - m.start - (m.region.end - m.region.start), m.lines) for m in places]

    def chars(p: int) -> int:
        return p + sum(d for end, d, _ in steps if p >= end)

    def lines(line: int, p: int) -> int:
        return line + sum(n for end, _, n in steps if p >= end)

    def span(mark) -> tuple:
        return (lines(mark[LINE], mark[START]), mark[COLUMN], chars(mark[START]), chars(mark[END]))

    def top(mark):
        if is_scalar(mark):
            return (*span(mark), mark[4])
        return [*span(mark), *mark[KIND:]]

    root = [*span(skeleton.root), *skeleton.root[KIND:CHILDREN],
            {k: top(v) for k, v in skeleton.root[CHILDREN].items()},
            {k: top(v) for k, v in skeleton.root[KEYS].items()}]
    entries = {k: [span(e) for e in spans] for k, spans in skeleton.entries.items()}
    for place in places:
        key, index = place.region.key, place.region.index
        new = marks[(key, index)][1]
        if index is None:
            root[CHILDREN][key] = shallow(new)
            entries[key] = [(m[LINE], m[COLUMN], m[START], m[END]) for m in new[CHILDREN]]
        else:
            entries[key][index] = (new[LINE], new[COLUMN], new[START], new[END])
    return Skeleton(skeleton.file, root, entries, skeleton.indent)
