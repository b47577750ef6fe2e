"""`scorecard`: the command line. Parses options, loads, scores, picks a renderer, prints.

Heavy modules (pydantic, yaml, rich, the scoring stack) are imported inside the
commands, so `scorecard --help` stays fast.
"""

from __future__ import annotations

from scorecard.cli import output  # first: a Ctrl-C while the rest loads ends in one line

output.quit_on_interrupt_while_loading()

from pathlib import Path  # noqa: E402
from typing import Annotated, Optional  # noqa: E402

import typer  # noqa: E402

from scorecard.cli.options import DataOpt, Format, FormatOpt, HorizonChoice, HorizonOpt, Lang, LangOpt

app = typer.Typer(
    name="scorecard",
    help="Score Shanghai's dual-circulation strategy against its targets and peers, "
    "and see which actions address each shortfall.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def load(data: Optional[Path]):
    """Load the dataset or exit 1 with every finding on stderr."""
    from scorecard.findings import DataError
    from scorecard.load.dataset import load as load_dataset
    from scorecard.load.dataset import locate

    where = locate(data)
    if where.origin == "bundled":
        output.say(f"scorecard: using the bundled data in {where.directory}")
    try:
        ds = load_dataset(where)
    except DataError as err:
        errors = sum(f.is_error for f in err.findings)
        raise output.fail(f"scorecard: {errors} error(s) in the data; nothing was scored",
                          found=err.findings) from None
    return ds


def _card(ds, horizon: str, shortfall: Optional[str] = None):
    from scorecard.score.card import build

    if horizon not in ds.horizons:
        raise output.fail(f"scorecard: horizon {horizon!r} is not defined in actions.yaml", 1)
    return build(ds, horizon, shortfall)


def _check_id(kind: str, value: Optional[str], known) -> None:
    if value is not None and value not in known:
        from scorecard.findings import did_you_mean

        hint = did_you_mean(value, known) or f"choose from: {', '.join(sorted(known))}"
        raise output.fail(f"scorecard: unknown {kind} {value!r}; {hint}", 2)


@app.command()
def gaps(
    horizon: HorizonOpt = HorizonChoice.near,
    shortfall: Annotated[
        Optional[str], typer.Option("--shortfall", "-s", metavar="ID", help="Only this shortfall's indicators.")
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """Indicators ranked by how far there is to go, with the actions that address them."""
    from scorecard.views import gaps as view

    ds = load(data)
    _check_id("shortfall", shortfall, ds.shortfalls)
    card = _card(ds, horizon.value, shortfall)
    output.data(view.document(card, ds, lang.value), fmt.value)


@app.command()
def actions(
    horizon: HorizonOpt = HorizonChoice.near,
    programme: Annotated[
        Optional[str], typer.Option("--programme", "-p", metavar="ID", help="Only this programme's actions.")
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """The action plans, ranked by the gaps of the shortfalls they address."""
    from scorecard.views import actions as view

    ds = load(data)
    _check_id("programme", programme, ds.programmes)
    output.data(view.document(_card(ds, horizon.value), ds, lang.value, programme), fmt.value)


@app.command()
def goals(data: DataOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = Lang.zh) -> None:
    """Near, mid and long-term goals, each with its year, score and coverage."""
    from scorecard.views import goals as view

    ds = load(data)
    cards = [_card(ds, h) for h in ds.horizons]
    output.data(view.document(cards, ds, lang.value), fmt.value)


@app.command()
def indicators(
    shortfall: Annotated[
        Optional[str], typer.Option("--shortfall", "-s", metavar="ID", help="Only this shortfall's indicators.")
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """Every indicator with its unit, latest value and targets."""
    from scorecard.views import indicators as view

    ds = load(data)
    _check_id("shortfall", shortfall, ds.shortfalls)
    output.data(view.document(ds, lang.value, shortfall), fmt.value)


@app.command()
def show(
    item: Annotated[str, typer.Argument(metavar="ID", help="An indicator, action, shortfall or source id.")],
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """One indicator in full (series, peers, targets, pace), an action or shortfall, or a source's
    figures section by section."""
    from scorecard.views import show as view

    ds = load(data)
    if item in ds.indicators:
        doc = view.indicator(ds, item, lang.value)
    elif item in ds.actions:
        doc = view.action(ds, item, lang.value)
    elif item in ds.shortfalls:
        doc = view.shortfall(ds, item, lang.value)
    elif item in ds.sources:
        from scorecard.views import sources

        doc = sources.document(ds, item, lang.value)
    else:
        _check_id("id", item, [*ds.indicators, *ds.actions, *ds.shortfalls, *ds.sources])
    output.data(doc, fmt.value)


@app.command()
def validate(data: DataOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Check both files; report every finding with file, line and column. Exit 1 on errors."""
    from scorecard.findings import DataError
    from scorecard.load.dataset import load as load_dataset
    from scorecard.load.dataset import locate
    from scorecard.views import findings as view

    where = locate(data)
    files = [str(where.indicators), str(where.actions)]
    try:
        found = load_dataset(where).warnings
    except DataError as err:
        found = err.findings
    errors = sum(f.is_error for f in found)
    if fmt is Format.table:
        output.findings(found)
        verdict = "invalid" if errors else "valid"
        output.say(f"scorecard: {' and '.join(files)}: {verdict}, "
                   f"{errors} error(s), {len(found) - errors} warning(s)")
    else:
        output.data(view.document(found, files), fmt.value)
    if errors:
        raise typer.Exit(1)


@app.command()
def export(data: DataOpt = None, fmt: FormatOpt = Format.json, lang: LangOpt = Lang.zh) -> None:
    """The whole validated model (JSON), or one row per figure (CSV, Markdown, table)."""
    from scorecard.views import export as view

    ds = load(data)
    output.data(view.document(ds, lang.value), fmt.value)


from scorecard.cli import update as _update  # noqa: E402,F401  (registers set and diff)
from scorecard.cli.robustness import robustness as _robustness  # noqa: E402

app.command()(_robustness)


def main() -> None:
    """The console entry point: whatever goes wrong ends as one line on stderr and
    exit 1 (Ctrl-C: exit 130), never a traceback; SCORECARD_DEBUG=1 lets the
    traceback through."""
    import gc
    import os
    import sys

    from scorecard.load.limits import BadLimit

    # One short run builds a large dataset that lives until the end; the cyclic
    # collector would walk it again and again to find nothing (a third of the time
    # at 10,000 indicators). Reference counting still frees what is dropped.
    gc.disable()
    # pydantic looks for plugins in every installed distribution's entry points when
    # it builds the first model (tens of milliseconds); this tool uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        with output.interruptible():
            app()
    except output.Interrupted:
        output.say("scorecard: interrupted")
        sys.exit(output.INTERRUPTED)
    except BadLimit as err:
        output.say(f"scorecard: {err}")
        sys.exit(2)
    except BrokenPipeError:  # the reader left (`scorecard gaps | head -1`): nothing to say
        output.silence()
        sys.exit(1)
    except Exception as err:
        if os.environ.get("SCORECARD_DEBUG"):
            raise
        detail = " ".join(str(err).split())[:300]
        output.say(f"scorecard: internal error: {type(err).__name__}: {detail}; "
                   "run again with SCORECARD_DEBUG=1 for the traceback, and please report it")
        sys.exit(1)
    finally:
        gc.enable()
