"""`scorecard import FILE`: a sheet of figures recorded in one update (registered in `cli.app`).

Every row is read and checked, then all of them are planned and validated with the whole
dataset together, and written in one locked, atomic write, or none is. A problem is said
at the sheet's row and column. The report is `diff`'s: what moved, and why.

Only typer and the standard library at the top: the editing and scoring stack is
imported inside the command, so `scorecard --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli import output
from scorecard.cli.common import language, match
from scorecard.cli.options import DataOpt, Format, FormatOpt, LangOpt, OneHorizon
from scorecard.cli.update import said, tell_batch, writable

# The finding a problem with each field is reported as.
_KINDS = {"id": "REF_UNKNOWN", "peer": "REF_UNKNOWN", "source": "REF_UNKNOWN", "year": "SCHEMA_VALUE",
          "value": "SCHEMA_TYPE", "source_year": "SCHEMA_VALUE"}


def import_(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", exists=True, dir_okay=False,
        help="A CSV file (UTF-8, as `scorecard export --template csv` writes it), or an Excel .xlsx "
        "workbook (needs `pip install 'scorecard[xlsx]'`), one row a figure.")],
    check: Annotated[bool, typer.Option(
        "--check", help="Check every row with the data and show what would move; write nothing.")] = False,
    horizon: OneHorizon = None,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """Record a sheet of figures in indicators.yaml in one update, then show what moved.

    One row a figure, with the columns id, year, value and, as `set` takes them, peer,
    relation, source, quote, note, scored, source_title (or source_title_<language>),
    source_year, new_peer and peer_kind. Each figure is placed as `set` would place it; every
    row is checked with the whole dataset before anything is written, and either all are
    written or none. The report is `diff`'s.
    """
    from scorecard.edit import sheet, update
    from scorecard.findings import DataError

    found = writable(data)
    try:
        rows = sheet.read(file)
    except sheet.MissingReader as err:
        raise output.fail(f"scorecard: {err}") from None
    except DataError as err:
        raise output.fail(f"scorecard: {file} cannot be read; nothing was written", found=err.findings) from None
    requests, problems, placed = [], [], []
    for row in rows.rows:
        try:
            requests.append(_request(row))
            placed.append(row)
        except update.BadRequest as err:
            problems.append(_finding(rows, row, err.field, err.message))
    if not requests and not problems:
        raise output.fail(f"scorecard: {file} has no figure to record (a row needs at least an id, "
                          "a year and a value)", 2)
    try:  # rows that could not be read: the others are still checked, so every problem is said at once
        done = update.apply_all(found, requests, check=check or bool(problems))
    except update.Refused as err:
        problems += [_located(rows, placed[p.request], p) for p in err.problems]
        problems.sort(key=lambda f: (f.line, f.column))
        raise output.fail(f"scorecard: {len(problems) or 'the'} problem(s) in {file}; nothing was written",
                          err.code, [*problems, *err.findings]) from None
    except DataError as err:
        raise output.fail("scorecard: the data has errors; fix them first (nothing was written)",
                          found=err.findings) from None
    if problems:
        raise output.fail(f"scorecard: {len(problems)} problem(s) in {file}; nothing was written", found=problems)
    _tell(file, rows, done, check)
    output.data(_report(file, done, horizon, language(done.after, lang, strict=False)), fmt.value)


def _request(row):
    """One row → a request, or `BadRequest` naming the field at fault."""
    from scorecard.edit import sheet, update

    year = _integer(row.get("year"), "year")
    source_year = _integer(row.get("source_year"), "source_year") if row.get("source_year") else None
    flags = {}
    for name in ("scored", "new_peer"):
        flags[name] = sheet.flag(row.get(name))
        if flags[name] is None:
            raise update.BadRequest(f"{name} is {row.get(name)!r}; write true or false (or leave it blank)",
                                    name)
    kind = row.get("peer_kind") or "city"
    from scorecard.vocabulary import PEER_KINDS

    if kind not in PEER_KINDS:
        raise update.BadRequest(f"unknown peer kind {kind!r}; one of {', '.join(PEER_KINDS)}", "peer_kind")
    if row.get("id") is None:
        raise update.BadRequest("no indicator id", "id")
    return update.Request.parse(
        row.get("id"), row.get("value"), year, row.get("source"), row.get("peer"), flags["new_peer"], kind,
        relation=row.get("relation"), quote=row.get("quote"), note=row.get("note"), scored=flags["scored"],
        source_title=sheet.titles(row), source_year=source_year)


def _integer(text, name: str) -> int:
    """A year as a sheet holds it: 2024, or 2024.0 from a spreadsheet's number cell."""
    from scorecard.edit import update

    if text is None:
        raise update.BadRequest(f"no {name.replace('_', ' ')}", name)
    try:
        number = float(text.strip())
    except ValueError:
        number = 0.5
    if not number.is_integer():
        raise update.BadRequest(f"{name.replace('_', ' ')} {text!r} is not a year such as 2024", name)
    return int(number)


def _finding(rows, row, field: str, message: str):
    from scorecard import findings as F

    kind = getattr(F, _KINDS.get(field, "SCHEMA_VALUE"))
    return rows.finding(kind, row.number, _column(rows, field), message, hint=_hint(field))


def _located(rows, row, problem):
    """A problem of a row's figure at the row and the column at fault; a validation finding
    keeps its code and words."""
    import dataclasses

    if problem.finding is None:
        return _finding(rows, row, problem.field, problem.message)
    return dataclasses.replace(problem.finding, file=str(rows.path), line=row.number,
                               column=rows.columns.get(_column(rows, problem.field or "value"), 1), path="")


def _column(rows, field: str) -> str:
    if field in rows.columns:
        return field
    if field == "source_title":
        return next((c for c in rows.columns if c.startswith("source_title")), "id")
    return "id"


def _hint(field: str) -> str:
    return "correct the cell and import again"


def _tell(file, rows, done, check: bool) -> None:
    counts = ", ".join(f"{done.count(a)} {a}" for a in ("added", "replaced", "unchanged"))
    skipped = f"; {rows.skipped} row(s) left blank" if rows.skipped else ""
    checked = " would go" if check else ""
    output.say(f"scorecard: {file}: {len(done.figures)} figure(s){checked} into {done.file}: {counts}{skipped}"
               + ("; nothing was written (--check)" if check else ""))
    for figure in done.figures:
        if figure.action == "replaced":
            output.say(f"scorecard: {said(done.file, figure)}")
    tell_batch(done)


def _report(file, done, horizon, lang: str):
    """What moved, as `diff` says it, with what the update did."""
    from scorecard.score.compare import compare
    from scorecard.views import diff as view

    shown = match(horizon, done.after.horizons) if horizon else None
    if horizon and shown is None:  # said, not refused: the figures are written already
        output.say(f"scorecard: horizon {horizon!r} is not defined in actions.yaml; showing all")
    horizons = [shown] if shown else None
    changes = compare(done.before, done.after, horizons)
    meta = {"file": str(file), "data": str(done.file), "added": done.count("added"),
            "replaced": done.count("replaced"), "unchanged": done.count("unchanged"),
            "sources_added": [s.id for s in done.sources_added], "peers_added": [p.id for p in done.peers_added],
            "horizons": horizons or list(done.after.horizons)}
    return view.document(changes, lang, title=f"{file} → {done.file}", meta=meta)
