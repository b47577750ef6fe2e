"""Sheets as files: a CSV each (UTF-8 with a BOM, as Excel opens it), or one workbook.

Text that a spreadsheet would evaluate is guarded with an apostrophe, as in every CSV the
tool writes (`render.csvout`); `scorecard import` takes the apostrophe off again. Numbers
stay numbers.
"""

from __future__ import annotations

import csv
import io

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _guarded(value: object) -> object:
    if not isinstance(value, str):
        return value
    return "'" + value if value.lstrip().startswith(_TRIGGERS) or value.startswith(_TRIGGERS) else value


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([repr(c) if isinstance(c, float) else _guarded(c) for c in row])
    return out.getvalue()


def workbook(sheets: list[tuple[str, list[str], list[list[object]]]]) -> bytes:
    """One workbook, a sheet per kind (needs openpyxl)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, header, rows in sheets:
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([_guarded(c) for c in row])
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
