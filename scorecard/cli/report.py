"""`scorecard report`: the briefing an analyst hands on, as one HTML page or Markdown for pandoc.

Only typer and the shared options at the top: the report's modules (and Jinja2) are imported
when the command runs, so `scorecard --help` and the other commands never load them.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.cli.options import DataOpt, LangOpt, OneHorizon
from scorecard.report import FORMATS

ReportFormat = Enum("ReportFormat", {name: name for name in FORMATS}, type=str)

FormatOpt = Annotated[ReportFormat, typer.Option(
    "--format", "-f",
    help="Report format: " + "; ".join(f"{name}, {what}" for name, (_, what) in FORMATS.items()) + ".",
)]
AllHorizons = Annotated[bool, typer.Option(
    "--all-horizons", help="Every horizon the data declares (the default, unless --horizon names one).")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False,
    help="Write the report to FILE, atomically (HTML: stdout when left out). A Markdown report needs "
    "it: its charts go to FILE's name with _files, beside it.")]
RobustnessOpt = Annotated[bool, typer.Option(
    "--robustness", help="Run the robustness analysis at each horizon shown (1,000 draws, seed 1) and "
    "show each shortfall's rank interval. Takes a second or two a horizon.")]
RobustnessFile = Annotated[Optional[list[Path]], typer.Option(
    "--robustness-file", metavar="FILE", exists=True, dir_okay=False,
    help="A saved `scorecard robustness -f json`: its rank intervals, for its horizon, without running "
    "the analysis again. Repeat it for several horizons.")]


def charts_folder(path: Path) -> Path:
    """Where a Markdown report's charts go: `report.md` → `report_files/`, beside it."""
    return path.with_name(f"{path.stem}_files")


def report(
    horizon_id: OneHorizon = None,
    all_horizons: AllHorizons = False,
    fmt: FormatOpt = ReportFormat.html,
    output_path: OutputOpt = None,
    robustness: RobustnessOpt = False,
    robustness_files: RobustnessFile = None,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """A briefing with charts: a summary, a dashboard of shortfalls by horizon, each shortfall's
    indicators charted against their targets and peers, the actions, blind spots, source
    conflicts, assumptions and sources. One self-contained HTML page, or Markdown for pandoc."""
    from scorecard.cli import output
    from scorecard.cli.common import horizon, language, load

    if horizon_id is not None and all_horizons:
        raise output.fail("scorecard: --horizon and --all-horizons cannot go together; give one", 2)
    if fmt is ReportFormat.markdown and output_path is None:
        raise output.fail("scorecard: a Markdown report needs -o FILE: its charts are written beside it, "
                          "in FILE's name with _files", 2)
    ds = load(data)
    lang = language(ds, lang)
    horizons = [horizon(ds, horizon_id)] if horizon_id is not None else list(ds.horizons)
    if output_path is not None:
        _refuse_data_files(output_path, ds, output)

    from scorecard.report import content, files, renderer

    made = content.build(ds, horizons, lang, _ranks(ds, horizons, robustness, robustness_files or [], output))
    layout = renderer(fmt.value)
    if fmt is ReportFormat.markdown:
        folder = charts_folder(output_path)
        text, charts = layout.render(made, folder.name)
        drawn = {name: svg.encode("utf-8") for name, svg in charts.items()}
        _write(output, files.replace_charts, folder, drawn)
        _write(output, files.write, output_path, text.encode("utf-8"))
        output.say(f"scorecard: wrote {output_path} and {len(charts)} chart(s) in {folder}")
    elif output_path is not None:
        _write(output, files.write, output_path, layout.render(made).encode("utf-8"))
        output.say(f"scorecard: wrote {output_path}")
    else:
        output.text(layout.render(made))


def _refuse_data_files(path: Path, ds, output) -> None:
    """-o never names the data it reports on."""
    try:
        target = path.resolve()
        data = {p.resolve() for p in (ds.location.indicators, ds.location.actions)}
    except OSError:
        return
    if target in data:
        raise output.fail(f"scorecard: {path} is the data this report is made from; choose another FILE", 2)


def _ranks(ds, horizons: list[str], run: bool, files: list[Path], output) -> dict:
    from scorecard.report import ranks
    from scorecard.score.card import build

    found = {}
    if files:
        cards = {h: build(ds, h) for h in horizons}
        for path in files:
            try:
                r = ranks.read(path, ds, cards)
            except ranks.BadFile as err:
                raise output.fail(f"scorecard: {err}", 2) from None
            if r.horizon in found:
                first = found[r.horizon].origin
                raise output.fail(f"scorecard: two analyses at horizon {r.horizon!r} ({first} and {path}); "
                                  "give one", 2)
            found[r.horizon] = r
    if run:
        for h in horizons:
            found.setdefault(h, ranks.analysed(ds, h))
    return found


def _write(output, act, *args) -> None:
    """Run a write; a file that cannot be written ends in one line and exit 1."""
    try:
        act(*args)
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        raise output.fail(f"scorecard: cannot write{where}: {err.strerror or err}", 1) from None
