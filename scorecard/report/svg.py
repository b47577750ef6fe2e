"""One indicator's small chart as static SVG, drawn by the project.

The subject's figures as a solid line of dots (a figure that is a bound drawn open, with a
caret pointing where the true value lies), the straight path from the first figure to each
horizon's target as a dashed line ending in a ring, and the peers as labelled ticks on a rail
to the right of the plot. Ranks run with 1 at the top. The chart names itself with `<title>`
and describes itself with `<desc>`; the report puts a table of the same figures beside it.

Every text the chart shows comes from the caller, already in the reader's language; here it is
only measured, shown escaped (markup as text, hidden characters as visible escapes) and placed.
No script, no link, no external resource: the SVG is the same inline in the page and as a file
beside a Markdown report.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from scorecard.numbers import number
from scorecard.render.clean import visible

WIDTH, HEIGHT = 440, 230
LEFT, RIGHT, TOP, BOTTOM = 46, 318, 14, 204  # the plot; the peers' rail is right of RIGHT
FONT = 10
FONTS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", '
         '"Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", '
         '"WenQuanYi Micro Hei", sans-serif')
SERIES, TARGET, PEER, GRID, INK = "#0b4f8a", "#c0510a", "#4d4d4d", "#e2e2e2", "#3a3a3a"
RAIL_WIDTH = WIDTH - RIGHT - 16  # room for a peer's label


@dataclass(frozen=True)
class Point:
    """A figure of the subject: `label` as the reader writes it ('< 33.3')."""

    year: int
    value: float
    relation: str | None
    label: str


@dataclass(frozen=True)
class Goal:
    """A horizon's target, reached along the dashed path from the first figure."""

    year: int
    value: float
    label: str


@dataclass(frozen=True)
class Reference:
    """A peer's latest figure, a labelled tick on the rail."""

    value: float
    relation: str | None
    label: str


@dataclass(frozen=True)
class Chart:
    ident: str  # unique in the document: the ids of <title> and <desc> are made from it
    title: str
    desc: str
    series: tuple[Point, ...]
    goals: tuple[Goal, ...]
    references: tuple[Reference, ...]
    reversed: bool = False  # ranks: 1 at the top


# Text. -----------------------------------------------------------------------------------------

def _escape(text: str) -> str:
    return html.escape(visible(text, keep="\n"), quote=True)


def text_width(text: str, size: float = FONT) -> float:
    """About how wide `text` sets: a wide (CJK) character takes an em, the rest about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.58 * size for ch in text)


def shorten(text: str, room: float, size: float = FONT) -> str:
    """`text` cut with an ellipsis to fit `room` (the table beside the chart has it whole)."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        shown = _n(value) if isinstance(value, float) else str(value)
        out.append(f' {key.rstrip("_").replace("_", "-")}="{html.escape(shown, quote=True)}"')
    return "".join(out)


def element(tag: str, text: str | None = None, **attrs) -> str:
    """One element; `text` is escaped, attribute names take `-` for `_`."""
    if text is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{_escape(text)}</{tag}>"


# Scales. ---------------------------------------------------------------------------------------

def ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values from at most `low` to at least `high`, about `count` steps apart."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


class _Scale:
    def __init__(self, low: float, high: float, start: float, end: float):
        self.low, self.high, self.start, self.end = low, high, start, end

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


def _value_scale(chart: Chart) -> tuple[_Scale, list[float]]:
    values = [p.value for p in chart.series] + [g.value for g in chart.goals]
    values += [r.value for r in chart.references]
    if chart.reversed:  # ranks: 1 at the top, the end of the list at the bottom
        marks = [t for t in ticks(0, max(values)) if t >= 1] or [1.0]
        marks = sorted({1.0, *marks})
        return _Scale(1.0, max(marks[-1], 2.0), TOP, BOTTOM), marks
    marks = ticks(min(0.0, *values), max(values))
    return _Scale(marks[0], marks[-1], BOTTOM, TOP), marks


# Placing labels. -------------------------------------------------------------------------------

class _Room:
    """The boxes already taken, so that a new label goes where it hides nothing."""

    def __init__(self):
        self.taken: list[tuple[float, float, float, float]] = []

    def free(self, box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 2 or x1 > RIGHT + 2 or y0 < 1 or y1 > BOTTOM + 2:
            return False
        return all(x1 <= a or x0 >= c or y1 <= b or y0 >= d for a, b, c, d in self.taken)

    def place(self, x: float, y: float, text: str) -> tuple[float, float, str]:
        """Where to set `text` near (x, y): the first free of right, above, below, left."""
        w, h = text_width(text), FONT
        options = [(x + 6, y + 3.5, "start"), (x, y - 7, "middle"), (x, y + 13, "middle"),
                   (x - 6, y + 3.5, "end"), (x + 6, y - 8, "start"), (x + 6, y + 14, "start")]
        for tx, ty, anchor in options:
            left = {"start": tx, "middle": tx - w / 2, "end": tx - w}[anchor]
            box = (left - 1, ty - h + 1, left + w + 1, ty + 2)
            if self.free(box):
                self.taken.append(box)
                return tx, ty, anchor
        return options[0]

    def keep(self, x: float, y: float, radius: float = 4.5) -> None:
        self.taken.append((x - radius, y - radius, x + radius, y + radius))


def _rail(references: Sequence[Reference], y) -> list[tuple[Reference, float, float]]:
    """Each peer with the height of its tick and of its label, labels at least a line apart."""
    placed = sorted(((r, y(r.value)) for r in references), key=lambda t: t[1])
    rows, last = [], -math.inf
    for r, at in placed:
        label_y = max(at, last + FONT + 1)
        rows.append([r, at, label_y])
        last = label_y
    overflow = rows[-1][2] - (BOTTOM + 4) if rows else 0
    if overflow > 0:  # too low: move the labels up, keeping their spacing
        for row in rows:
            row[2] -= overflow
        for k in range(len(rows) - 2, -1, -1):
            rows[k][2] = min(rows[k][2], rows[k + 1][2] - FONT - 1)
    return [tuple(row) for row in rows]


# The chart. ------------------------------------------------------------------------------------

def draw(chart: Chart, standalone: bool = False) -> str:
    """The chart as one `<svg>` element, sized in pixels and scalable by its viewBox.

    `standalone` adds the namespace a file needs (a page's inline SVG needs none)."""
    drawn = _draw(chart)
    return as_file(drawn) if standalone else drawn


def as_file(drawn: str) -> str:
    """An inline chart as an SVG file: the same element with its namespace."""
    return drawn.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)


def _draw(chart: Chart) -> str:
    y, marks = _value_scale(chart)
    years = [p.year for p in chart.series] + [g.year for g in chart.goals]
    x = _Scale(min(years) - 0.6, max(years) + 0.6, LEFT + 4, RIGHT - 4)
    room = _Room()
    out = [element("title", chart.title, id=f"{chart.ident}-title"),
           element("desc", chart.desc, id=f"{chart.ident}-desc")]

    grid = []
    for mark in marks:
        grid.append(element("line", x1=LEFT, x2=RIGHT, y1=y(mark), y2=y(mark), stroke=GRID))
        grid.append(element("text", number(mark), x=LEFT - 5, y=y(mark) + 3.5, text_anchor="end"))
    shown_years: list[float] = []
    for year in sorted(set(years)):
        at = x(year)
        if all(abs(at - other) >= 30 for other in shown_years):
            shown_years.append(at)
            grid.append(element("text", str(year), x=at, y=BOTTOM + 15, text_anchor="middle"))
    for goal in chart.goals:
        grid.append(element("line", x1=x(goal.year), x2=x(goal.year), y1=TOP, y2=BOTTOM,
                            stroke=GRID, stroke_dasharray="2 3"))
    grid.append(element("line", x1=LEFT, x2=RIGHT, y1=BOTTOM, y2=BOTTOM, stroke="#9a9a9a"))
    out.append(f'<g fill="{INK}">{"".join(grid)}</g>')

    first = chart.series[0] if chart.series else None
    paths = []
    for goal in chart.goals:
        gx, gy = x(goal.year), y(goal.value)
        if first is not None:
            paths.append(element("line", x1=x(first.year), y1=y(first.value), x2=gx, y2=gy,
                                 stroke=TARGET, stroke_width=1.6, stroke_dasharray="5 3"))
        paths.append(element("circle", cx=gx, cy=gy, r=4.2, fill="#fff", stroke=TARGET, stroke_width=2))
        room.keep(gx, gy)
    out.append(f"<g>{''.join(paths)}</g>")

    dots = []
    if len(chart.series) > 1:
        line = " ".join(f"{_n(x(p.year))},{_n(y(p.value))}" for p in chart.series)
        dots.append(element("polyline", points=line, fill="none", stroke=SERIES, stroke_width=2))
    for p in chart.series:
        px, py = x(p.year), y(p.value)
        exact = p.relation in (None, "≈")
        dots.append(element("circle", cx=px, cy=py, r=3.6, fill=SERIES if exact else "#fff",
                            stroke=SERIES, stroke_width=1.6))
        if p.relation in ("<", "≤", ">", "≥"):
            step = (1 if p.relation in (">", "≥") else -1) * (marks[-1] - marks[0]) * 0.08
            towards = -1 if y(p.value + step) < py else 1  # where the true value lies, on screen
            tip = py + towards * 12
            dots.append(element("path", d=f"M{_n(px - 3.5)},{_n(tip - towards * 4)} L{_n(px)},{_n(tip)} "
                                          f"L{_n(px + 3.5)},{_n(tip - towards * 4)}",
                                fill="none", stroke=SERIES, stroke_width=1.4))
            room.keep(px, py + towards * 8, 5)
        room.keep(px, py)
    out.append(f"<g>{''.join(dots)}</g>")

    labels = []
    for p in chart.series:
        tx, ty, anchor = room.place(x(p.year), y(p.value), p.label)
        labels.append(element("text", p.label, x=tx, y=ty, text_anchor=anchor, fill=SERIES, font_weight="600"))
    for goal in chart.goals:
        tx, ty, anchor = room.place(x(goal.year), y(goal.value), goal.label)
        labels.append(element("text", goal.label, x=tx, y=ty, text_anchor=anchor, fill=TARGET))
    for ref, at, label_y in _rail(chart.references, y):
        labels.append(element("line", x1=RIGHT - 4, x2=RIGHT + 6, y1=at, y2=at, stroke=PEER, stroke_width=2))
        if abs(label_y - at) > 1:
            labels.append(element("line", x1=RIGHT + 6, x2=RIGHT + 11, y1=at, y2=label_y, stroke=PEER,
                                  stroke_width=0.6))
        labels.append(element("text", shorten(ref.label, RAIL_WIDTH), x=RIGHT + 13, y=label_y + 3.5,
                              fill=PEER))
    # A white halo under each label keeps it legible where it crosses a line.
    halo = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    out.append(f'<g {halo}>{"".join(labels)}</g>')

    head = (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-labelledby="{_escape(chart.ident)}-title '
            f'{_escape(chart.ident)}-desc" font-family="{html.escape(FONTS, quote=True)}" font-size="{FONT}">')
    return head + "".join(out) + "</svg>"
