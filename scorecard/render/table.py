"""Rich tables for people. Every cell is a `Text`, never markup, so data that
looks like `[bold]` prints as written; control characters are made visible
(`scorecard.render.clean`)."""

from __future__ import annotations

import io

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorecard.render.clean import visible
from scorecard.render.document import Column, Document, Section

def safe(text: str) -> Text:
    return Text(visible(text, keep="\n"))


def _table(section: Section, columns: list[Column], widths: list[int]) -> Table:
    # Padding on the right only: Rich before 15 ignores pad_edge=False on the first
    # column, so this is the one layout that prints the same on every version.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 2, 0, 0), expand=False)
    for c, width in zip(columns, widths):
        table.add_column(safe(c.header), justify="right" if c.numeric else "left",
                         overflow="fold", width=width)
    for row in section.rows:
        cells = []
        for c in columns:
            text = safe(c.text(row))
            style = c.style(row) if c.style is not None else None
            if style:
                text.stylize(style)
            cells.append(text)
        table.add_row(*cells)
    return table


def _fit(console: Console, section: Section) -> tuple[Table, list[Column]]:
    """Drop the least needed columns until the table fits the terminal.

    A table fits when every column gets at least its narrowest width (`Column.narrowest`).
    """
    columns = list(section.columns)
    hidden: list[Column] = []
    while True:
        widths = [_natural(section, c) for c in columns]
        least = [max(c.narrowest(w), _longest_word(section, c)) for w, c in zip(widths, columns)]
        droppable = [c for c in columns if c.drop]
        room = console.width - 3 * len(columns) + 1
        if sum(least) <= room or not droppable:
            return _table(section, columns, _share(widths, least, room)), hidden
        worst = max(droppable, key=lambda c: c.drop)
        columns.remove(worst)
        hidden.append(worst)


def _share(natural: list[int], least: list[int], room: int) -> list[int]:
    """Give each column its narrowest width, then the room left to the wrapped ones,
    in proportion to what they lack."""
    lacking = [n - m for n, m in zip(natural, least)]
    spare, total = max(0, room - sum(least)), sum(lacking)
    if total <= spare:
        return list(natural)
    widths = [m + (spare * lack) // total for m, lack in zip(least, lacking)]
    return widths


def _longest_word(section: Section, column: Column) -> int:
    """Words are never broken: a column is at least as wide as its longest word."""
    cells = [column.header] + [_shown(column, row) for row in section.rows]
    return max((cell_len(w) for text in cells for w in text.split() if w.isascii()), default=1)


def _shown(column: Column, row: dict) -> str:
    """A cell as printed: widths are measured on this, escapes included."""
    return visible(column.text(row), keep="\n")


def _natural(section: Section, column: Column) -> int:
    cells = [column.header] + [_shown(column, row) for row in section.rows]
    return max(cell_len(line) for text in cells for line in (text.splitlines() or [""]))


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width or 100, color_system="standard" if color else None,
        force_terminal=color, no_color=not color, highlight=False, emoji=False,
        markup=False, legacy_windows=False, soft_wrap=False,
    )
    if doc.title:
        console.print(safe(doc.title), style="bold")
    for section in doc.sections:
        console.print()
        console.print(safe(section.title), style="bold")
        if not section.rows:
            console.print(safe(section.empty or "–"))
            continue
        table, hidden = _fit(console, section)
        console.print(table)
        if hidden:
            names = ", ".join(c.header for c in hidden)
            console.print(safe(doc.hidden_note.format(columns=names)), style="dim")
    if doc.notes:
        console.print()
        for note in doc.notes:
            console.print(safe(note), style="dim")
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
