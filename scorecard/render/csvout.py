"""CSV for Excel: UTF-8 with a BOM so Chinese opens intact, and no live formulas.

A text cell that a spreadsheet would evaluate (leading =, +, -, @, tab, CR or
LF, or their full-width forms that a Chinese input method types, after any
blanks of any kind) is prefixed with an apostrophe, the OWASP advice; numbers
stay numbers. Hidden characters other than line breaks and tabs within a cell
show as escapes.
"""

from __future__ import annotations

import csv
import io

from scorecard.render.clean import figure, visible
from scorecard.render.document import Document

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return figure(value) if isinstance(value, float) else value
    if isinstance(value, (list, tuple)):
        value = "; ".join("" if v is None else str(v) for v in value)
    text = visible(str(value), keep="\n\t")
    # A spreadsheet skips leading blanks of any kind (space, NBSP, U+3000…) before a formula.
    return "'" + text if text.lstrip().startswith(_TRIGGERS) or text.startswith(_TRIGGERS) else text


def flat(row: dict, prefix: str = "") -> dict:
    """Nested mappings as dotted columns: {"targets": {"near": {"value": 5}}} → targets.near.value."""
    out: dict = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out |= flat(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = value
    return out


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    """The first section, with every key of its rows as a column; with no rows, the header
    alone (the section's `fields`, else its columns' keys)."""
    out = io.StringIO()
    out.write("\ufeff")
    section = doc.sections[0]
    rows = [flat(row) for row in section.rows]
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    if not rows:
        keys = list(section.fields or (c.key for c in section.columns))
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([cell(row.get(k)) for k in keys])
    return out.getvalue()
