"""CSV for Excel: UTF-8 with a BOM so Chinese opens intact, and no live formulas.

Every section is in the one sheet: a `section` column first names the section a
row belongs to (its JSON key), then the union of the sections' keys, so that a
filter on the first column gives any one of them back. A nested mapping's keys
are dotted columns (targets.near.value), and a row's own key called `section` (a
source's section of the paper) is written as if nested under its section's key
(figures.section).

A text cell that a spreadsheet would evaluate (leading =, +, -, @, tab, CR or
LF, or their full-width forms that a Chinese input method types, after any
blanks of any kind) is prefixed with an apostrophe, the OWASP advice; numbers
stay numbers. Hidden characters other than line breaks and tabs within a cell
show as escapes.
"""

from __future__ import annotations

import csv
import io

from scorecard.cells import guarded
from scorecard.render.clean import figure, visible
from scorecard.render.document import Document, Section, flat


def cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return figure(value) if isinstance(value, float) else value
    if isinstance(value, (list, tuple)):
        value = "; ".join("" if v is None else str(v) for v in value)
    return guarded(visible(str(value), keep="\n\t"))


def _rows(section: Section) -> tuple[list[str], list[dict]]:
    """A section's keys and its rows as {key: value}. Chosen keys (--columns) give the raw
    value where the row has one, else the cell as a table shows it; otherwise every key
    of the rows, or with no rows the section's `fields` (else its columns' keys)."""
    rows = [flat(row) for row in section.rows]
    if section.only is not None:
        columns = {c.key: c for c in section.columns}
        return list(section.only), [
            {k: (row[k] if k in row else columns[k].text(raw)) for k in section.only}
            for raw, row in zip(section.rows, rows)]
    keys: dict[str, None] = {}
    for row in rows:
        keys |= dict.fromkeys(row)
    if not rows:
        keys = dict.fromkeys(section.fields or (c.key for c in section.columns))
    # A mapping that some rows have and others lack (null) gives dotted columns and a
    # column of its own: the latter holds nothing the dotted ones do not.
    return [k for k in keys if not (any(other.startswith(k + ".") for other in keys)
                                   and all(row.get(k) is None for row in rows))], rows


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    """Every section's rows, each led by its section's key; with no rows anywhere, the
    header alone."""
    out = io.StringIO()
    out.write("\ufeff")
    header: dict[str, None] = {"section": None}
    parts = []
    for section in doc.sections:
        keys, rows = _rows(section)
        if "section" in keys:
            own = f"{section.key}.section"
            keys = [own if k == "section" else k for k in keys]
            rows = [{(own if k == "section" else k): v for k, v in row.items()} for row in rows]
        header |= dict.fromkeys(keys)
        parts.append((section.key, rows))
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    columns = list(header)[1:]
    for key, rows in parts:
        for row in rows:
            writer.writerow([key, *(cell(row.get(k)) for k in columns)])
    return out.getvalue()
