"""`scorecard`: the command line. This module makes the Typer app and registers every
command on it; the command modules only define functions (`listings`, `update`).

Heavy modules (pydantic, yaml, rich, the scoring stack) are imported inside the
commands, so `scorecard --help` stays fast.
"""

from __future__ import annotations

from scorecard.cli import output  # first: a Ctrl-C while the rest loads ends in one line

output.quit_on_interrupt_while_loading()

from pathlib import Path  # noqa: E402
from typing import Annotated, Optional  # noqa: E402

import typer  # noqa: E402

from scorecard.cli import importing, listings, report, robustness, start, update  # noqa: E402
from scorecard.cli.options import LangOpt  # noqa: E402

app = typer.Typer(
    name="scorecard",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# name → (function, Click settings), in the order `--help` lists them.
COMMANDS = {
    "init": (start.init, {}),
    "new": (start.new, {}),
    "gaps": (listings.gaps, {}),
    "actions": (listings.actions, {}),
    "goals": (listings.goals, {}),
    "indicators": (listings.indicators, {}),
    "show": (listings.show, {}),
    "validate": (listings.validate, {}),
    "export": (listings.export, {}),
    # A negative VALUE (`set ID -3.5`) is a value, not an unknown option.
    "set": (update.set_, {"ignore_unknown_options": True}),
    "import": (importing.import_, {}),
    "diff": (update.diff, {}),
    "robustness": (robustness.robustness, {}),
    "report": (report.report, {}),
    "schema": (start.schema, {}),
}

for _name, (_function, _settings) in COMMANDS.items():
    app.command(_name, context_settings=_settings or None)(_function)

# Options that may also stand before the command (`scorecard --data D --lang en gaps`); the
# command's own option wins.
GLOBAL = ("data", "lang")


def _version(shown: bool) -> None:
    if shown:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("scorecard")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        typer.echo(f"scorecard {number}")
        raise typer.Exit()


@app.callback()
def _before_the_command(
    ctx: typer.Context,
    data: Annotated[Optional[Path], typer.Option(
        "--data", "-d", metavar="DIR", file_okay=False,
        help="Folder holding indicators.yaml and actions.yaml, for every command. Default: "
        "SCORECARD_DATA, else the current folder if it has them, else the bundled data.")] = None,
    lang: LangOpt = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Score a strategy against its targets and peers, and see which actions address
    each shortfall.

    --data and --lang may stand before the command (scorecard --data DIR gaps) or after it;
    the one after it wins.
    """
    given = {name: value for name, value in (("data", data), ("lang", lang)) if value is not None}
    if given:
        # Click fills a command's options it was not given from its default map.
        ctx.default_map = {name: dict(given) for name in COMMANDS}


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
