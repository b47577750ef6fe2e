"""What every renderer takes: a document of titled sections of rows.

Rows hold raw values (numbers stay numbers, lists stay lists) for JSON and
CSV; each column says how to show its value as text for tables and Markdown,
and how a table may fit it to a narrow terminal (`scorecard.render.layout`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from scorecard.numbers import number, year  # noqa: F401  (the ways to write a number, for views)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    fmt: Callable[[dict], str] | None = None  # takes the whole row
    numeric: bool = False  # right-aligned, and never wrapped
    # On a terminal too narrow for every column, the highest priority number goes first;
    # 1 is never dropped.
    priority: int = 1
    # Words wrap at spaces (and between Chinese characters), never inside a word; a column
    # that does not wrap (numbers, ids) always gets its widest cell.
    wraps: bool | None = None  # default: text wraps, numbers do not
    min_width: int = 10  # the narrowest a wrapping column gets, unless its longest word is wider
    style: Callable[[dict], str | None] | None = None  # a terminal style for the cell, from the row

    @property
    def wrapping(self) -> bool:
        return not self.numeric if self.wraps is None else self.wraps

    def text(self, row: dict) -> str:
        if self.fmt is not None:
            return self.fmt(row)
        return plain(row.get(self.key))


def ids(key: str, header: str, fmt: Callable[[dict], str] | None = None, **layout) -> Column:
    """A column of ids (or another code a reader copies): never wrapped, never broken."""
    return Column(key, header, fmt, wraps=False, **layout)


@dataclass
class Section:
    key: str  # the JSON key, and the CSV's `section` column
    title: str
    columns: list[Column]
    rows: list[dict]
    empty: str = ""  # said in tables when there are no rows
    fields: tuple[str, ...] = ()  # the keys of every row: the CSV header when there are no rows
    ranked: bool = False  # a ranking or a long listing: --limit N keeps its first N rows


@dataclass
class Document:
    meta: dict[str, Any]  # top-level JSON keys besides the sections
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # legends, shown under tables
    title: str = ""
    as_json: Any = None  # a document that is not tabular (export) sets this
    hidden_note: str = "({columns}: hidden at this width; widen the terminal or use --format)"
    separator: str = ", "  # between the names of hidden columns


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
