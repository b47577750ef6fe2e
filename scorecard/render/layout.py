"""How text is broken into lines, and how a table's columns share a width.

Rules a reader relies on, for English and Chinese alike:

- a word, a number or an id is never broken: lines break at spaces, and in
  Chinese (or any wide script) between two characters, or a character and a Latin word;
- no line begins with closing punctuation (、，。：；！？）」 and their ASCII kin) and
  none ends with opening punctuation (（「“ …), the rule Chinese and Japanese
  typesetting call 避头尾 / kinsoku;
- only when a single word is wider than the whole line is it cut, the last resort.

The table side: every column has a priority (1 is never dropped) and a minimum
width. A column whose cells are words may be wrapped down to the larger of its
minimum width and its longest word; any other column (numbers, ids) keeps its
widest cell. When even the minimum widths do not fit, the columns of the
highest priority number go first, and the caller says which.

Widths are terminal cells, as Rich counts them (a Chinese character takes two).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

# Never at the start of a line.
CLOSING = frozenset("、，。．：；！？）」』】〕〉》〗〙〛”’…‥％‰ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                    ",.:;!?)]}%·")
# Never at the end of a line: opening brackets, and a relation, an operator or an arrow,
# which belongs to the figure after it ("> 240", "≈ 11.1", "× 1/3", "→ 40.2").
OPENING = frozenset("（「『【〔〈《〖〘〚“‘([{<>≤≥≈=×+−→⇒")

GAP = 2  # cells between two columns: Rich's one-cell divider and one cell of right padding


def wide(char: str) -> bool:
    """Does the script break between characters (CJK ideographs, kana, full-width forms)?"""
    return unicodedata.east_asian_width(char) in ("W", "F")


_BLANKS = re.compile(r"(\s+)")


def pieces(line: str, between: bool = True) -> list[tuple[str, str]]:
    """A line (no line breaks) as (blank before, piece) pairs: a line may break before any
    piece but the first, and a piece is never broken. With `between` false, a line breaks
    at blanks only, never between two Chinese characters (headers: 目标 近期)."""
    out: list[list[str]] = []  # [blank before, piece]
    parts = _BLANKS.split(line)  # word, blank, word, …: blanks at the odd places
    for n in range(0, len(parts), 2):
        word = parts[n]
        if not word:
            continue
        blank = parts[n - 1] if n else ""
        if out and (word[0] in CLOSING or out[-1][1][-1] in OPENING):
            out[-1][1] += blank + word
        elif word.isascii() or not between:
            out.append([blank, word])
        else:
            _split_wide(word, blank, out)
    return [(b, p) for b, p in out]


def _split_wide(word: str, blank: str, out: list[list[str]]) -> None:
    """A word with wide characters in it, parted between two wide characters, a wide
    character and a Latin letter (实施|CPTPP|核心), or after wide punctuation (+a，|+b),
    where neither the second closes nor the first opens; digits and brackets hold on:
    二(一), 2020年, 第60名 and M2-1 stay whole."""
    out.append([blank, word[0]])
    for before, char in zip(word, word[1:]):
        apart = ((wide(before) and (wide(char) or _latin(char) or before in CLOSING))
                 or (_latin(before) and wide(char)))
        if apart and char not in CLOSING and before not in OPENING:
            out.append(["", char])
        else:
            out[-1][1] += char


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def longest(text: str, between: bool = True) -> int:
    """The widest piece of `text`: the narrowest it can be wrapped without breaking a word."""
    return max((cell_len(p) for line in text.split("\n") for _, p in pieces(line, between)), default=0)


def widest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int | None, between: bool = True) -> list[str]:
    """`text` in lines no wider than `width` (None: as it is), broken only where `pieces` allows;
    a piece wider than `width` alone is cut to fit."""
    if width is None:
        return text.split("\n")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if cell_len(paragraph) <= width:
            lines.append(paragraph)
            continue
        line, used = "", 0
        for blank, piece in pieces(paragraph, between):
            size = cell_len(piece)
            if line and used + cell_len(blank) + size <= width:
                line += blank + piece
                used += cell_len(blank) + size
                continue
            if line:
                lines.append(line)
            while size > width:  # one word wider than the line: cut it, the last resort
                head = _head(piece, width)
                lines.append(head)
                piece = piece[len(head):]
                size = cell_len(piece)
            line, used = piece, size
        lines.append(line)
    return lines


def _head(text: str, width: int) -> str:
    """The longest start of `text` that fits `width` cells (at least one character)."""
    used = 0
    for n, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[: max(n, 1)]
    return text


@dataclass(frozen=True)
class Measure:
    """What a column needs: its widest line (`natural`), the narrowest it may be (`least`),
    the width of its header and of each cell, in row order (`sizes`), whether, as the
    last resort, its words may be cut (`cut`: words, not numbers or ids), and the longest
    word of its header (`head`), the last to be cut."""

    natural: int
    least: int
    sizes: tuple[int, ...]
    cut: bool = False
    head: int = 1


def measure(header: str, cells: Sequence[str], *, wraps: bool, min_width: int, cut: bool = True) -> Measure:
    """A column's widths. Its header always wraps, at blanks only; its cells only when
    `wraps` (else each is kept whole on its lines); `cut` says that its cells are words,
    which the last resort may cut, rather than numbers or ids."""
    sizes = (widest_line(header), *(widest_line(t) for t in cells))
    natural, widest = max(sizes), max(sizes[1:], default=0)
    head = longest(header, between=False)
    if not wraps:
        return Measure(natural, max(widest, head), sizes, head=head)
    word = max(head, max((longest(t) for t in cells), default=0))
    return Measure(natural, max(word, min(min_width, natural)), sizes, cut=cut, head=max(head, 1))


def table_width(widths: Sequence[int]) -> int:
    return sum(widths) + GAP * len(widths) - 1 if widths else 0


def fit(measures: Sequence[Measure], priorities: Sequence[int], width: int) -> tuple[list[int], list[int]]:
    """Which columns a table of `width` cells keeps, and how wide each is.

    Returns (kept, widths): the indices of the columns kept, and their widths. Columns go,
    the highest priority number first (the rightmost among equals), until every kept
    column fits at its least width; priority 1 is never dropped. Then `share` divides the
    room among those kept.
    """
    kept = list(range(len(measures)))
    while table_width([measures[i].least for i in kept]) > width:
        droppable = [i for i in kept if priorities[i] > 1]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (priorities[i], i)))
    chosen = [measures[i] for i in kept]
    return kept, share(chosen, width - table_width([0] * len(chosen)))


SAMPLE = 240  # rows enough to judge a layout by; a longer table is judged on as many, evenly spread


def share(measures: Sequence[Measure], room: int) -> list[int]:
    """Widths summing to at most `room`, making the table as few lines tall as can be.

    Every column starts at its natural width. While the total is too wide, one cell of
    width is taken from the column where that adds the fewest lines to the table (a
    cell n wide takes about ⌈n/w⌉ lines at width w, and a row is as tall as its tallest
    cell; the widest column among equals): a status that fits beside a name wrapped on
    three lines stays whole, a name that one long cell stretches gives way first. No
    column goes below its least width; past even those, the last resort: numbers and
    ids stay whole, and the text columns share what is left, words cut.
    """
    widths = [m.natural for m in measures]
    if sum(widths) <= room:
        return widths
    floors = [m.least for m in measures]
    if sum(floors) > room:  # the last resort: cut words in the cells, then in the headers
        floors = [m.head if m.cut else m.least for m in measures]
    if sum(floors) > room:
        floors = [1 if m.cut else m.least for m in measures]
    # No column can end wider than the room the others' floors leave it: start there.
    widths = [max(low, min(w, room - sum(floors) + low)) for w, low in zip(widths, floors)]
    excess = sum(widths) - room
    rows = len(measures[0].sizes)
    picked = range(rows) if rows <= SAMPLE else [r * (rows - 1) // (SAMPLE - 1) for r in range(SAMPLE)]
    sizes = [[m.sizes[r] for r in picked] for m in measures]
    heights = [1] * len(picked)
    while excess > 0:
        best = None
        for c, (now, low) in enumerate(zip(widths, floors)):
            if now > low:
                narrower = now - 1
                added = sum(max(0, -(-size // narrower) - h) for size, h in zip(sizes[c], heights))
                key = (added, -now, c)
                if best is None or key < best:
                    best = key
        if best is None:  # nothing can give more
            break
        c = best[2]
        widths[c] -= 1
        excess -= 1
        heights = [max(h, -(-size // widths[c])) for size, h in zip(sizes[c], heights)]
    return widths
