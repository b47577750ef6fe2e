"""What every renderer takes: a document of titled sections of rows.

Rows hold raw values (numbers stay numbers, lists stay lists) for JSON and
CSV; each column says how to show its value as text for tables and Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scorecard.numbers import number, year  # noqa: F401  (the ways to write a number, for views)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    fmt: Callable[[dict], str] | None = None  # takes the whole row
    numeric: bool = False
    drop: int = 0  # on a narrow terminal, columns with the highest `drop` go first; 0 stays
    wrap: int | None = None  # narrowest width when wrapped in a table; default: 10 for text, numbers never
    style: Callable[[dict], str | None] | None = None  # a terminal style for the cell, from the row

    def narrowest(self, natural: int) -> int:
        if self.wrap is None:
            return natural if self.numeric else min(natural, 10)
        return min(natural, self.wrap) if self.wrap else natural

    def text(self, row: dict) -> str:
        if self.fmt is not None:
            return self.fmt(row)
        return plain(row.get(self.key))


@dataclass
class Section:
    key: str  # the JSON key; the CSV holds the first section
    title: str
    columns: list[Column]
    rows: list[dict]
    empty: str = ""  # said in tables when there are no rows
    fields: tuple[str, ...] = ()  # the keys of every row: the CSV header when there are no rows


@dataclass
class Document:
    meta: dict[str, Any]  # top-level JSON keys besides the sections
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # legends, shown under tables
    title: str = ""
    as_json: Any = None  # a document that is not tabular (export) sets this
    hidden_note: str = "({columns}: hidden at this width; widen the terminal or use --format)"


def plain(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value) if value else "–"
    return str(value)
