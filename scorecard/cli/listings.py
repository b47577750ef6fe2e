"""The reading commands: gaps, actions, goals, indicators, show, validate, export.

Each parses its options, loads the data, checks the choices the data makes, and
hands a view's document to `output`. They are registered in `cli.app`.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.cli import output
from scorecard.cli.common import LANG_VARIABLE, check_id, horizon, language, load, nothing_yet, where
from scorecard.cli.options import (ColumnsOpt, DataOpt, Format, FormatOpt, HorizonOpt, LangOpt, LimitOpt,
                                   OutputOpt, ScenarioOpt, ShortfallOpt)

ProgrammeOpt = Annotated[Optional[str], typer.Option(
    "--programme", "-p", metavar="ID", help="Only this programme's actions.")]
ItemArg = Annotated[str, typer.Argument(metavar="ID", help="An indicator, action or shortfall id.")]


def gaps(horizon_id: HorizonOpt = None, shortfall: ShortfallOpt = None, data: DataOpt = None,
         scenario: ScenarioOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None,
         to: OutputOpt = None, columns: ColumnsOpt = None, limit: LimitOpt = None) -> None:
    """Indicators ranked by how far there is to go, with the actions that address them."""
    from scorecard.views import gaps as view

    ds, lang, card, shortfall = _scored(data, scenario, lang, horizon_id, "shortfall", shortfall, "shortfalls")
    output.data(view.document(card, ds, lang, shortfall), fmt.value, to=to, columns=columns, limit=limit)


def actions(horizon_id: HorizonOpt = None, programme: ProgrammeOpt = None, data: DataOpt = None,
            scenario: ScenarioOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None,
            to: OutputOpt = None, columns: ColumnsOpt = None, limit: LimitOpt = None) -> None:
    """The action plans, ranked by the gaps of the shortfalls they address."""
    from scorecard.views import actions as view

    ds, lang, card, programme = _scored(data, scenario, lang, horizon_id, "programme", programme, "programmes")
    output.data(view.document(card, ds, lang, programme), fmt.value, to=to, columns=columns, limit=limit)


def _scored(data, scenario, lang, horizon_id, kind: str, only, among: str):
    """The data, the language, the scorecard at the horizon asked for, and the id of the data's
    `among` that the filter `only` names (whatever its case)."""
    from scorecard.score.card import build

    ds = _supposed(load(data), scenario)
    lang, h = language(ds, lang), horizon(ds, horizon_id)
    nothing_yet(ds)
    only = check_id(kind, only, getattr(ds, among))
    return ds, lang, build(ds, h), only


def goals(data: DataOpt = None, scenario: ScenarioOpt = None, fmt: FormatOpt = Format.table,
          lang: LangOpt = None, to: OutputOpt = None, columns: ColumnsOpt = None,
          limit: LimitOpt = None) -> None:
    """Each horizon's goal, with its year, score and coverage."""
    from scorecard.score.card import build
    from scorecard.score.targets import plans
    from scorecard.views import goals as view

    ds = _supposed(load(data), scenario)
    lang = language(ds, lang)
    nothing_yet(ds)
    plan_of = plans(ds)
    cards = [build(ds, h, plan_of=plan_of) for h in ds.horizons]
    output.data(view.document(cards, ds, lang), fmt.value, to=to, columns=columns, limit=limit)


def _supposed(ds, scenario):
    """The data, or the data as the scenario given with --scenario describes it."""
    if scenario is None:
        return ds
    from scorecard.cli.scenario import suppose

    return suppose(ds, scenario)


def indicators(shortfall: ShortfallOpt = None, data: DataOpt = None, fmt: FormatOpt = Format.table,
               lang: LangOpt = None, to: OutputOpt = None, columns: ColumnsOpt = None,
               limit: LimitOpt = None) -> None:
    """Every indicator with its unit, latest value and a target for each horizon."""
    from scorecard.views import indicators as view

    ds = load(data)
    lang = language(ds, lang)
    shortfall = check_id("shortfall", shortfall, ds.shortfalls)
    output.data(view.document(ds, lang, shortfall), fmt.value, to=to, columns=columns, limit=limit)


def show(item: ItemArg, data: DataOpt = None, scenario: ScenarioOpt = None, fmt: FormatOpt = Format.table,
         lang: LangOpt = None, to: OutputOpt = None, columns: ColumnsOpt = None,
         limit: LimitOpt = None) -> None:
    """One indicator in full (series, peers, targets, pace), an action or shortfall, or a
    source's figures section by section."""
    from scorecard.views import show as view

    ds = _supposed(load(data), scenario)
    lang = language(ds, lang)
    item = check_id("id", item, [*ds.indicators, *ds.actions, *ds.shortfalls, *ds.sources])
    if item in ds.indicators:
        doc = view.indicator(ds, item, lang)
    elif item in ds.actions:
        doc = view.action(ds, item, lang)
    elif item in ds.shortfalls:
        doc = view.shortfall(ds, item, lang)
    else:
        from scorecard.views import sources

        doc = sources.document(ds, item, lang)
    output.data(doc, fmt.value, to=to, columns=columns, limit=limit)


def validate(data: DataOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None,
             to: OutputOpt = None, columns: ColumnsOpt = None, limit: LimitOpt = None) -> None:
    """Check both files; report every finding with file, line and column. Exit 1 on errors."""
    from scorecard.findings import DataError
    from scorecard.load.dataset import load as load_dataset
    from scorecard.views import findings as view

    found_at = where(data)
    files = [str(found_at.indicators), str(found_at.actions)]
    try:
        ds = load_dataset(found_at)
        found = ds.warnings
        lang = language(ds, lang)
    except DataError as err:
        found = err.findings
        lang = lang or os.environ.get(LANG_VARIABLE) or "en"  # the data's languages are unknown
    errors = sum(f.is_error for f in found)
    if fmt is Format.table and to is columns is limit is None:
        output.findings(found)
        verdict = "invalid" if errors else "valid"
        output.say(f"scorecard: {' and '.join(files)}: {verdict}, "
                   f"{errors} error(s), {len(found) - errors} warning(s)")
    else:
        output.data(view.document(found, files, lang), fmt.value, to=to, columns=columns, limit=limit)
    if errors:
        raise typer.Exit(1)


Template = Enum("Template", {"csv": "csv", "sheets": "sheets"}, type=str)
TemplateOpt = Annotated[Optional[Template], typer.Option(
    "--template", help="Instead: what `scorecard import` reads, to fill. csv: the sheet of figures, one row "
    "per indicator and peer with the latest figure and the blank cells of a new one (to standard output); "
    "sheets: an empty sheet per kind of entry (sources, peers, shortfalls, horizons, indicators, targets, "
    "programmes, actions, figures), written into DIR (a folder, or a .xlsx workbook).")]
SheetsOpt = Annotated[Optional[Path], typer.Option(
    "--sheets", metavar="DIR", help="Instead: the whole data as the sheets `scorecard import` reads, one CSV "
    "per kind in the folder DIR (made when missing), or one workbook when DIR ends in .xlsx.")]


def export(into: Annotated[Optional[Path], typer.Argument(
               metavar="[DIR]", help="Where `--template sheets` writes the sheets: a folder, or a .xlsx file.",
               show_default=False)] = None,
           data: DataOpt = None, fmt: FormatOpt = Format.json, lang: LangOpt = None,
           template: TemplateOpt = None, sheets: SheetsOpt = None, to: OutputOpt = None,
           columns: ColumnsOpt = None, limit: LimitOpt = None) -> None:
    """The whole validated model (JSON), or one row per figure (CSV, Markdown, table); or the
    data as sheets to edit in a spreadsheet and import again (--sheets DIR)."""
    if template is Template.sheets or sheets is not None:
        if template is Template.sheets and sheets is not None:
            raise output.fail("scorecard: give --sheets DIR (the data as sheets) or --template sheets DIR "
                              "(empty ones), not both", 2)
        folder = sheets if sheets is not None else into
        if folder is None:
            raise output.fail("scorecard: say where the sheets go: scorecard export --template sheets DIR", 2)
        return _sheets(folder, data, empty=sheets is None)
    if into is not None:
        raise output.fail(f"scorecard: export takes a folder only with --template sheets or --sheets (got "
                          f"{str(into)!r})", 2)
    ds = load(data)
    if template is not None:
        from scorecard.views import template as view
        fmt = Format(template.value)
    else:
        from scorecard.views import export as view
    output.data(view.document(ds, language(ds, lang)), fmt.value, to=to, columns=columns, limit=limit)


def _sheets(into: Path, data, empty: bool) -> None:
    """The sheets written into a folder (a CSV each) or a workbook; nothing is overwritten but
    the sheets' own files."""
    from scorecard.edit import atomic
    from scorecard.render import sheets as render
    from scorecard.views import sheets as view

    book = into.suffix.lower() == ".xlsx"
    if not book and (into.exists() or into.is_symlink()) and not into.is_dir():
        raise output.fail(f"scorecard: {into} is a file; give a folder for the sheets (made when missing), or a "
                          "name ending in .xlsx for one workbook", 2)
    ds = load(data)
    tables = view.sheets(ds, ds.indicators_file.languages, template=empty)
    try:
        if book:
            try:
                raw = render.workbook(tables)
            except ImportError:
                raise output.fail("scorecard: writing a workbook needs openpyxl: pip install 'scorecard[xlsx]' "
                                  "(or give a folder, for CSV files)") from None
            into.parent.mkdir(parents=True, exist_ok=True)
            atomic.replace(into, raw)
            written = [into]
        else:
            into.mkdir(parents=True, exist_ok=True)
            written = []
            for kind, header, rows in tables:
                path = into / f"{kind}.csv"
                atomic.replace(path, render.csv_text(header, rows).encode("utf-8"))
                written.append(path)
    except OSError as err:
        raise output.fail(f"scorecard: cannot write {err.filename or into}: {err.strerror or err}") from None
    counts = ", ".join(f"{kind} {len(rows)}" for kind, _, rows in tables if rows)
    what = "empty sheets" if empty else f"the data as sheets (rows: {counts or 'none'})"
    output.say(f"scorecard: wrote {what} to {into}" + ("" if book else f" ({len(written)} CSV files)") +
               "; fill or edit them, then: scorecard import " + _shell(into))


def _shell(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
