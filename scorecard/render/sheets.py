"""Sheets as files: a CSV each (UTF-8 with a BOM, as Excel opens it), or one workbook.

Text that a spreadsheet would evaluate is guarded with an apostrophe, as in every CSV the
tool writes (`scorecard.cells`); `scorecard import` takes the apostrophe off again. Numbers
stay numbers, written in full.
"""

from __future__ import annotations

import csv
import io

from scorecard.cells import guarded
from scorecard.numbers import exact


def _guarded(value: object) -> object:
    return guarded(value) if isinstance(value, str) else value


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([exact(c) if isinstance(c, float) else _guarded(c) for c in row])
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
