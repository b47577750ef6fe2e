"""Rich tables for people. Every cell is a `Text`, never markup, so data that
looks like `[bold]` prints as written; control characters are made visible."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorecard.render.document import Document

_STYLES = {
    "achieved": "green", "on_track": "green", "moderate": "yellow",
    "significant": "dark_orange", "major": "red",
}


def safe(text: str) -> Text:
    cleaned = "".join(
        ch if ch.isprintable() or ch == "\n" else f"\\x{ord(ch):02x}" for ch in text
    )
    return Text(cleaned)


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
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for c in section.columns:
            table.add_column(safe(c.header), justify="right" if c.numeric else "left",
                             overflow="fold")
        for row in section.rows:
            cells = []
            for c in section.columns:
                text = safe(c.text(row))
                if c.key == "status" and row.get("status") in _STYLES:
                    text.stylize(_STYLES[row["status"]])
                cells.append(text)
            table.add_row(*cells)
        console.print(table)
    if doc.notes:
        console.print()
        for note in doc.notes:
            console.print(safe(note), style="dim")
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
