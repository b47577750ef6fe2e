"""Rich tables for people. Every cell is a `Text`, never markup, so data that
looks like `[bold]` prints as written; control characters are made visible
(`scorecard.render.clean`).

The layout is decided here, not by Rich (`scorecard.render.layout`): which columns
fit, how wide each is, and where every line breaks. Rich is handed cells already
broken into lines, in columns of fixed width, so it neither measures nor wraps,
and every Rich release prints the same table. On a terminal, text is wrapped at
word boundaries and low-priority columns make way, with a note; with no width (a
pipe, a file) nothing is wrapped or dropped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorecard.render import layout
from scorecard.render.clean import visible
from scorecard.render.document import Document, Section


def safe(text: str) -> Text:
    return Text(visible(text, keep="\n"))


def _lines(console: Console, text: str, width: int | None, style: str | None = None) -> None:
    """A title or a note, broken at word boundaries to the width (as it is, with none)."""
    console.print(Text("\n".join(layout.wrap(visible(text, keep="\n"), width))), style=style)


@dataclass(frozen=True)
class Plan:
    """How a section is laid out: the columns kept (indices into `Section.columns`), their
    widths, and every cell's text as shown (escapes made visible)."""

    kept: list[int]
    widths: list[int]
    cells: list[list[str]]  # per column of the section, per row
    headers: list[str]
    naturals: list[int]


def plan(section: Section, width: int | None) -> Plan:
    """Which columns fit in `width` cells and how wide each is; with no width, every column
    at its natural width."""
    cells = [[visible(c.text(row), keep="\n") for row in section.rows] for c in section.columns]
    headers = [visible(c.header, keep="\n") for c in section.columns]
    if width is None:  # nothing wrapped or dropped
        kept = list(range(len(headers)))
        widths = naturals = [max(map(layout.widest_line, [h, *texts])) for h, texts in zip(headers, cells)]
    else:
        measures = [layout.measure(h, texts, wraps=c.wrapping, min_width=c.min_width, cut=not c.numeric)
                    for h, texts, c in zip(headers, cells, section.columns)]
        naturals = [m.natural for m in measures]
        kept, widths = layout.fit(measures, [c.priority for c in section.columns], width)
    return Plan(kept, widths, cells, headers, naturals)


def _table(section: Section, width: int | None) -> tuple[Table, list[str]]:
    """The section as a table `width` cells wide at most (any width, with none), and the
    headers of the columns left out to fit.

    Rich is given one row whose every cell holds a whole column, the rows' lines aligned
    by blank lines: the same table as one Rich row per data row (the box draws no line
    between rows), for a tenth of the work, since Rich's cost is per cell.
    """
    p = plan(section, width)
    kept, widths, cells, headers = p.kept, p.widths, p.cells, p.headers
    lines = [[layout.wrap(text, w) if w < p.naturals[i] else text.split("\n") for text in cells[i]]
             for i, w in zip(kept, widths)]
    heights = [max(len(column[n]) for column in lines) for n in range(len(section.rows))]
    # Padding on the right only: Rich before 15 ignores pad_edge=False on the first
    # column, so this is the one layout that prints the same on every version.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, layout.GAP - 1, 0, 0), expand=False)
    # Headers as tall as the tallest, their words at the bottom: Rich before 12 aligns them
    # to the top, later Rich to the bottom.
    heads = [layout.wrap(headers[i], w, between=False) for i, w in zip(kept, widths)]
    tallest = max((len(h) for h in heads), default=1)
    whole = []
    for i, w, column, head in zip(kept, widths, lines, heads):
        c = section.columns[i]
        table.add_column(Text("\n".join([""] * (tallest - len(head)) + head)), width=w, no_wrap=True,
                         justify="right" if c.numeric else "left", overflow="fold")
        text, styles, at = [], [], 0
        for row, cell, height in zip(section.rows, column, heights):
            block = "\n".join(cell + [""] * (height - len(cell)))
            style = c.style(row) if c.style is not None else None
            if style:
                styles.append((style, at, at + len(block)))
            text.append(block)
            at += len(block) + 1
        whole.append(Text("\n".join(text)))
        for style, start, end in styles:
            whole[-1].stylize(style, start, end)
    table.add_row(*whole)
    # A column with no header (a chart's bars and labels) is left out without a word.
    hidden = [c.header for i, c in enumerate(section.columns) if i not in kept and c.header]
    return table, hidden


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    """The document as text `width` cells wide; with no width, every line as long as it needs."""
    tables = [_table(s, width) if s.rows else None for s in doc.sections]
    console_width = width or max(
        [layout.table_width([c.width for c in t.columns]) for t, _ in filter(None, tables)]
        + [layout.widest_line(visible(x, keep="\n"))
           for x in (doc.title, *doc.notes, *(t for s in doc.sections for t in (s.title, s.empty)))]
        + [80])
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=console_width, color_system="standard" if color else None,
        force_terminal=color, no_color=not color, highlight=False, emoji=False,
        markup=False, legacy_windows=False, soft_wrap=False,
    )
    if doc.title:
        _lines(console, doc.title, width, "bold")
    for section, made in zip(doc.sections, tables):
        console.print()
        _lines(console, section.title, width, "bold")
        if made is None:
            _lines(console, section.empty or "–", width)
            continue
        table, hidden = made
        console.print(table)
        if hidden:
            _lines(console, doc.hidden_note.format(columns=doc.separator.join(hidden)), width, "dim")
    if doc.notes:
        console.print()
        for note in doc.notes:
            _lines(console, note, width, "dim")
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
