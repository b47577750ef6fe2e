"""`scorecard import PATH`: sheets of figures, or of the whole structure, recorded in one
update (registered in `cli.app`).

Every row is read and checked, then all of them are planned and validated with the whole
dataset together, and written in one locked, atomic write, or none is. A problem is said
at the sheet's row and column. The report is `diff`'s: what moved, and why.

Only typer and the standard library at the top: the editing and scoring stack is
imported inside the command, so `scorecard --help` stays fast.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.cli import output
from scorecard.cli.common import language, match
from scorecard.cli.options import DataOpt, Format, FormatOpt, LangOpt, OneHorizon
from scorecard.cli.update import said, tell_batch, writable

# The finding a problem with each field is reported as.
_KINDS = {"id": "REF_UNKNOWN", "peer": "REF_UNKNOWN", "source": "REF_UNKNOWN", "year": "SCHEMA_VALUE",
          "value": "SCHEMA_TYPE", "source_year": "SCHEMA_VALUE"}
# `edit.kinds.NAMES`, here so that --help needs no import of the editing stack.
SheetKind = Enum("SheetKind", {k: k for k in ("sources", "peers", "shortfalls", "horizons", "indicators",
                                               "targets", "programmes", "actions", "figures")}, type=str)


def import_(
    file: Annotated[Path, typer.Argument(
        metavar="PATH", exists=True,
        help="A CSV file (UTF-8), a folder of them (one per kind: sources.csv, indicators.csv, …, "
        "figures.csv), or an Excel .xlsx workbook with a sheet per kind (needs `pip install "
        "'scorecard[xlsx]'`).")],
    kind: Annotated[Optional[SheetKind], typer.Option(
        "--kind", case_sensitive=False, help="What a single sheet holds, when neither its name nor its "
        "header says.")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Check every row with the data and show what would move; write nothing.")] = False,
    horizon: OneHorizon = None,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """Record sheets of figures, or of the whole structure, in the data in one update, then
    show what moved.

    A sheet of figures has one row a figure, with the columns id, year, value and, as `set`
    takes them, peer, relation, source, quote, note, scored, source_title (or
    source_title_<language>), source_year, new_peer and peer_kind. Sheets of sources, peers,
    shortfalls, horizons, indicators, targets, programmes and actions add or update those
    entries (docs/sheets.md); `scorecard export --template sheets DIR` writes them empty.
    Every row is checked with the whole dataset before anything is written, and either all
    are written or none. The report is `diff`'s.
    """
    from scorecard.edit import kinds, sheet
    from scorecard.findings import DataError

    found = writable(data)
    try:
        grids = sheet.tables(file)
    except sheet.MissingReader as err:
        raise output.fail(f"scorecard: {err}") from None
    except DataError as err:
        raise output.fail(f"scorecard: {file} cannot be read; nothing was written", found=err.findings) from None
    if not grids:
        raise output.fail(f"scorecard: {file} has no sheet (a folder of sheets holds .csv files: sources.csv, "
                          "indicators.csv, …)", 2)
    if kind is not None and len(grids) > 1:
        raise output.fail(f"scorecard: --kind names the kind of a single sheet; {file} has {len(grids)} "
                          "(name each by its kind: indicators.csv, a sheet called indicators, …)", 2)
    typed = []
    for name, where, table in grids:
        said_kind = kind.value if kind is not None else kinds.named(name) or kinds.guessed(sheet.header(table))
        if said_kind is None:
            raise output.fail(f"scorecard: cannot tell what {where} holds from its name or its header; name it "
                              f"by its kind ({', '.join(kinds.NAMES)}) or give --kind", 2)
        typed.append((said_kind, where, table))
    if len(typed) == 1 and typed[0][0] == kinds.FIGURES and not file.is_dir():
        return _figures_only(file, found, check, horizon, fmt, lang)
    _sheets(file, typed, found, check, horizon, fmt, lang)


def _sheets(file, typed, found, check, horizon, fmt, lang) -> None:
    """Sheets of entries (and figures) in one update of both files."""
    from scorecard.edit import importing, kinds, sheet, update
    from scorecard.findings import DataError

    structure, requests, placed, problems, errors = [], [], [], [], []
    for name, where, table in typed:
        try:
            if name == kinds.FIGURES:
                rows = sheet.figures(where, table)
                for row in rows.rows:
                    try:
                        requests.append(_request(row))
                        placed.append((rows, row))
                    except update.BadRequest as err:
                        problems.append(_finding(rows, row, err.field, err.message))
            else:
                structure.append((kinds.BY_NAME[name], sheet.structure(where, table, kinds.BY_NAME[name])))
        except DataError as err:
            errors += err.findings
    if errors:
        raise output.fail(f"scorecard: {file}: the sheets cannot be read; nothing was written", found=errors)
    structure.sort(key=lambda pair: kinds.STRUCTURE.index(pair[0]))
    try:
        done = importing.apply_sheets(found, structure, requests, check=check or bool(problems))
    except update.Refused as err:
        problems += [_located(*placed[p.request], p) for p in err.problems]
        every = [*err.findings, *problems]
        raise output.fail(f"scorecard: {len(every) or 'the'} problem(s) in {file}; nothing was written"
                          if every else f"scorecard: {err.message}", err.code, every) from None
    except DataError as err:
        raise output.fail("scorecard: the data has errors; fix them first (nothing was written)",
                          found=err.findings) from None
    if problems:
        raise output.fail(f"scorecard: {len(problems)} problem(s) in {file}; nothing was written", found=problems)
    checked = " would be" if check else ""
    for kind in kinds.STRUCTURE:
        tally = done.tallies.get(kind.name)
        if tally is not None:
            output.say(f"scorecard: {kind.name}: {tally.added} added, {tally.updated} updated, {tally.unchanged} "
                       f"unchanged{checked}")
    if requests:
        counts = ", ".join(f"{done.count(a)} {a}" for a in ("added", "replaced", "unchanged"))
        output.say(f"scorecard: figures: {counts}{checked}")
        for figure in done.figures:
            if figure.action == "replaced":
                output.say(f"scorecard: {said(found.indicators, figure)}")
    if check:
        output.say("scorecard: nothing was written (--check)")
    elif done.written:
        output.say(f"scorecard: wrote {', '.join(str(p) for p in done.written)}")
    else:
        output.say("scorecard: the data already says all of it; nothing was written")
    tell_batch(done)
    meta = {"file": str(file), "data": str(found.indicators),
            "tallies": {k: vars(t) for k, t in done.tallies.items()},
            "figures": {a: done.count(a) for a in ("added", "replaced", "unchanged")}}
    output.data(_document(file, done.before, done.after, found.indicators, horizon, lang, meta), fmt.value)


def _figures_only(file, found, check, horizon, fmt, lang) -> None:
    """One sheet of figures: recorded as `set` records one."""
    from scorecard.edit import sheet, update
    from scorecard.findings import DataError

    try:
        rows = sheet.read(file)
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
    output.data(_report(file, done, horizon, lang), fmt.value)


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


def _report(file, done, horizon, lang):
    """What moved, as `diff` says it, with what the update did."""
    meta = {"file": str(file), "data": str(done.file), "added": done.count("added"),
            "replaced": done.count("replaced"), "unchanged": done.count("unchanged"),
            "sources_added": [s.id for s in done.sources_added], "peers_added": [p.id for p in done.peers_added]}
    return _document(file, done.before, done.after, done.file, horizon, lang, meta)


def _document(file, before, after, data_file, horizon, lang, meta: dict):
    from scorecard.score.compare import compare
    from scorecard.views import diff as view

    shown = match(horizon, after.horizons) if horizon else None
    if horizon and shown is None:  # said, not refused: the data is written already
        output.say(f"scorecard: horizon {horizon!r} is not defined in actions.yaml; showing all")
    horizons = [shown] if shown else None
    changes = compare(before, after, horizons)
    meta = {**meta, "horizons": horizons or list(after.horizons)}
    return view.document(changes, language(after, lang, strict=False), title=f"{file} → {data_file}", meta=meta)
