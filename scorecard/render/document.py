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
    only: tuple[str, ...] | None = None  # the keys --columns chose, in order: the CSV's columns


@dataclass
class Document:
    meta: dict[str, Any]  # top-level JSON keys besides the sections
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # legends, shown under tables
    title: str = ""
    as_json: Any = None  # a document that is not tabular (export) sets this
    hidden_note: str = "({columns}: hidden at this width; widen the terminal or use --format)"
    separator: str = ", "  # between the names of hidden columns


def flat(row: dict, prefix: str = "") -> dict:
    """Nested mappings as dotted keys: {"targets": {"near": {"value": 5}}} → targets.near.value."""
    out: dict = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out |= flat(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = value
    return out


def keys(doc: Document) -> list[str]:
    """Every key --columns may name, once each: each section's column keys, then its rows'
    keys (a nested mapping's as dotted keys), then the keys it declares for empty rows."""
    out: dict[str, None] = {}
    for section in doc.sections:
        out |= dict.fromkeys(c.key for c in section.columns)
        for row in section.rows:
            out |= dict.fromkeys(flat(row))
        out |= dict.fromkeys(section.fields)
    return list(out)


def choose(doc: Document, wanted: list[str]) -> Document:
    """The document with, in each section, only the columns `wanted` names, in that order.

    A key that is a row's but no column of the section becomes a plain column headed by
    the key; a section with none of the keys is left out. Keys nobody has are the
    caller's to refuse (`keys`).
    """
    sections = []
    for section in doc.sections:
        columns = {c.key: c for c in section.columns}
        present = set(columns) | set(section.fields) | {k for row in section.rows for k in flat(row)}
        chosen = [k for k in wanted if k in present]
        if chosen:
            made = [columns.get(k) or _raw(k, section.rows) for k in chosen]
            sections.append(replace(section, columns=made, only=tuple(chosen)))
    return replace(doc, sections=sections)


def _raw(key: str, rows: list[dict]) -> Column:
    values = [flat(r).get(key) for r in rows]
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values if v is not None)
    return Column(key, key, lambda r: plain(flat(r).get(key)), numeric=numeric and any(
        v is not None for v in values))


def limit(doc: Document, n: int) -> Document:
    """The document with the first `n` rows of each ranked section (`Section.ranked`)."""
    return replace(doc, sections=[replace(s, rows=s.rows[:n]) if s.ranked else s for s in doc.sections])


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
