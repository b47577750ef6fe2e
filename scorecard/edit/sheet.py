"""A sheet of figures to record (`scorecard import`): CSV, or an Excel workbook's first sheet.

One row a figure, one column a field, named in the header row: the same fields `set`
takes (`id`, `year`, `value`, `peer`, `relation`, `source`, `quote`, `note`, `scored`,
`source_title`, `source_title_<language>`, `source_year`, `new_peer`, `peer_kind`). The
columns `scorecard export --template csv` adds for the reader (`name`, `latest_…`) are
read past. A row whose year and value are both blank (a template row left unfilled) is
skipped. Every problem is a finding at the sheet's row and column, so it can be fixed
where it was typed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import findings as F
from scorecard.cells import unguarded
from scorecard.load import reader

FIELDS = ("id", "year", "value", "peer", "relation", "source", "quote", "note", "scored", "source_title",
          "source_year", "new_peer", "peer_kind")
# Columns written for the reader of a template, not read back.
FOR_THE_READER = ("section", "name", "unit", "peer_name", "latest_year", "latest_value", "latest_relation",
                  "latest_source")
_TITLE = re.compile(r"source_title_([A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*)")
_TRUE, _FALSE = ("true", "yes", "y", "1", "x", "是"), ("false", "no", "n", "0", "", "否")


class MissingReader(Exception):
    """A workbook, and openpyxl is not installed."""


@dataclass
class Row:
    """One row of the sheet: its number (1 is the header) and its cells by field, each with
    the column it stands in."""

    number: int
    cells: dict[str, tuple[str, int]] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        """The cell's text, or None when blank."""
        text = self.cells.get(name, ("", 0))[0]
        return text or None

    def column(self, name: str) -> int:
        return self.cells.get(name, ("", 0))[1]


@dataclass
class Sheet:
    path: Path
    columns: dict[str, int]  # field → 1-based column
    rows: list[Row]
    skipped: int = 0  # template rows left unfilled
    header: int = 1  # the header's row

    def finding(self, kind: F.Kind, row: int, name: str, message: str, hint: str = "") -> F.Finding:
        """A finding at the row and the field's column (the first column when it has none)."""
        return F.make(kind, self.path, message, pos=(row, self.columns.get(name, 1)), hint=hint)


def read(path: Path) -> Sheet:
    """The sheet at `path`, or `DataError` with a finding for each problem of its header or text."""
    snap = reader.read(path)  # what is not a regular file of a sane size is refused before it is read
    if is_workbook(path):
        table = _workbook(snap.raw, path)[0][1]
    else:
        table = _csv(snap.raw, path)
    return _sheet(path, table)


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def tables(path: Path) -> list[tuple[str, str, list[list[str]]]]:
    """Every sheet at `path` (a CSV file, a folder of them, or a workbook) as (its name, where
    a finding says it is, its cells)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith("."))
        return [(p.stem, str(p), _csv(reader.read(p).raw, p)) for p in files]
    raw = reader.read(path).raw
    if is_workbook(path):
        return [(title, f"{path}[{title}]", table) for title, table in _workbook(raw, path)]
    return [(path.stem, str(path), _csv(raw, path))]


def _csv(raw: bytes, path: Path) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise F.DataError([F.make(F.FILE_ENCODING, path, "the file is not UTF-8", pos=(line, 1),
                                  hint="save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8)")]) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _workbook(raw: bytes, path: Path) -> list[tuple[str, list[list[str]]]]:
    try:
        import openpyxl
    except ImportError:
        raise MissingReader("reading an Excel workbook needs openpyxl: pip install 'scorecard[xlsx]' "
                            "(or save the sheet as CSV UTF-8 and import that)") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # a damaged or foreign file: openpyxl raises many kinds
        raise F.DataError([F.make(F.FILE_UNREADABLE, path, f"not a workbook openpyxl can read ({err})",
                                  hint="save it again from Excel as .xlsx, or as CSV UTF-8")]) from None
    try:
        return [(sheet.title, [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)])
                for sheet in book.worksheets]
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value) if not isinstance(value, float) else repr(value)


def figures(where, table: list[list[str]]) -> Sheet:
    """A sheet of figures from its cells, or `DataError` for each problem of its header."""
    return _sheet(where, table)


def _sheet(path: Path, table: list[list[str]]) -> Sheet:
    def known(key: str) -> bool:
        return key in FIELDS or key in FOR_THE_READER or bool(_TITLE.fullmatch(key))

    header, columns = _columns(path, table, known, FIELDS, ("id", "year", "value"), "id, year, value, source, …",
                               "a row a figure")
    sheet = Sheet(path, columns, [])
    for number, row in enumerate(table[header + 1:], start=header + 2):
        cells = {name: (unguarded(row[k - 1].strip()) if k <= len(row) else "", k)
                 for name, k in columns.items() if name not in FOR_THE_READER}
        if not any(text for text, _ in cells.values()):
            continue
        if not cells.get("year", ("", 0))[0] and not cells.get("value", ("", 0))[0]:
            sheet.skipped += 1
            continue
        sheet.rows.append(Row(number, cells))
    return sheet


def flag(text: str | None) -> bool | None:
    """A yes-or-no cell: True, False, or None when it is neither."""
    folded = (text or "").strip().casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None


def titles(row: Row) -> str | dict[str, str] | None:
    """A new source's title from `source_title_<language>` columns, with `source_title` (key
    "*") for the languages they leave out; plain text when there is only `source_title`."""
    by_language = {m.group(1): text for name, (text, _) in row.cells.items()
                   if (m := _TITLE.fullmatch(name)) and text}
    plain = row.get("source_title")
    if not by_language:
        return plain
    return {**by_language, **({"*": plain} if plain else {})}


def structure(where, table: list[list[str]], kind) -> Sheet:
    """A sheet of one kind of entry (`edit.kinds`): its header checked against the kind's
    columns, its rows with a cell for each column (blank ones too: a blank cell of a
    column the sheet has sets that field back to its default). `DataError` for each problem of its header."""
    names = [f.name for f in kind.fields]
    header, columns = _columns(where, table, lambda key: kind.field(key) is not None, names, (kind.id_column,),
                               f"{', '.join(names[:4])}, …", f"a row each of {kind.name}", kind.name)
    sheet = Sheet(where, columns, [], header=header + 1)
    for number, row in enumerate(table[header + 1:], start=header + 2):
        cells = {name: (unguarded(row[k - 1].strip()) if k <= len(row) else "", k) for name, k in columns.items()}
        if any(text for text, _ in cells.values()):
            sheet.rows.append(Row(number, cells))
    return sheet


def _columns(where, table: list[list[str]], known, names, needed, example: str, rows: str, kind: str = ""):
    """The header row's place and each known column's number by its name (lower case, `_` for
    blanks and dashes), or `DataError` with a finding for each problem of the header."""
    header = next((k for k, row in enumerate(table) if any(c.strip() for c in row)), None)
    if header is None:
        raise F.DataError([F.make(F.YAML_EMPTY, where, "the sheet has no rows",
                                  hint=f"give a header row ({example}) and {rows}")])
    found, columns = [], {}
    for k, name in enumerate(table[header], start=1):
        key = column_key(name)
        if not key:
            continue
        if key in columns:
            found.append(F.make(F.YAML_DUPLICATE_KEY, where, f"column {name!r} appears twice",
                                pos=(header + 1, k), hint="keep one of the two columns"))
        elif known(key):
            columns[key] = k
        else:
            hint = F.did_you_mean(key, names) or f"the columns{' of ' + kind if kind else ''} are {', '.join(names)}"
            found.append(F.make(F.SCHEMA_UNKNOWN_KEY, where, f"unknown column {name!r}" +
                                (f" for {kind}" if kind else ""), pos=(header + 1, k), hint=hint))
    for column in needed:
        if column not in columns:
            found.append(F.make(F.SCHEMA_MISSING, where, f"no column {column!r}", pos=(header + 1, 1),
                                hint=f"name the columns in the first row: {example}"))
    if found:
        raise F.DataError(found)
    return header, columns


def column_key(name: str) -> str:
    """A header's name as a column is known by: lower case, `_` for blanks and dashes."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def header(table: list[list[str]]) -> list[str]:
    """The first row that is not blank, as column keys: what a sheet's kind is told from."""
    first = next((row for row in table if any(c.strip() for c in row)), [])
    return [column_key(c) for c in first]
