"""The options the commands share, declared once (sqlite-utils style).

Choices fixed by the code (formats, peer kinds) are Click choices derived from
their registries, in any case (`-f JSON`). Choices the data makes (horizons,
languages) are text, checked once the data is loaded (`cli.common`), and completed
from it in the shell. The output options (`-o`, `--columns`, `--limit`) are the
same on every listing and are carried out by `cli.output`.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.render import FORMATS
from scorecard.vocabulary import PEER_KINDS

Format = Enum("Format", {name: name for name in FORMATS}, type=str)
PeerKind = Enum("PeerKind", {kind: kind for kind in PEER_KINDS}, type=str)


def _complete(what: str):
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from scorecard.cli.common import choices

        return [c for c in choices(what, ctx.params.get("data")) if c.startswith(incomplete)]
    return complete


DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data", "-d", metavar="DIR", file_okay=False,
        help="Folder holding indicators.yaml and actions.yaml. Default: the current "
        "folder if it has them, else the bundled data.",
    ),
]
FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format: " + "; ".join(f"{name}, {what}" for name, (_, what) in FORMATS.items()) + ".",
)]

# Where the data lives: never the name of an output file.
DATA_FILES = ("indicators.yaml", "actions.yaml")


def _output_file(value: Optional[Path]) -> Optional[Path]:
    """Refuse, before any work, an output file that would replace a data file, or that
    is a folder or in none."""
    if value is None or str(value) == "-":
        return value
    real = Path(os.path.realpath(value))
    if real.name in DATA_FILES and real.exists():
        raise typer.BadParameter(f"{value} is a data file ({real}); scorecard never writes its "
                                 "output over one: choose another name")
    if real.is_dir():
        raise typer.BadParameter(f"{value} is a folder; give a file name in it")
    if not real.parent.is_dir():
        raise typer.BadParameter(f"the folder {real.parent} does not exist")
    if real.exists() and not real.is_file():
        raise typer.BadParameter(f"{value} is not a regular file; to write into it, redirect (> {value})")
    return value


OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", callback=_output_file,
    help="Write the output to FILE instead of stdout, all at once (a temporary file renamed over "
    "it: never half written), plain as in a pipe; '-' is stdout. Never over indicators.yaml or "
    "actions.yaml.",
)]
ColumnsOpt = Annotated[Optional[str], typer.Option(
    "--columns", metavar="KEYS",
    help="Only these columns of the table, CSV or Markdown, in this order: keys separated by commas, "
    "a table's column keys or the keys of its rows as in JSON (e.g. id,score,status). An unknown key "
    "lists the known ones.",
)]
LimitOpt = Annotated[Optional[int], typer.Option(
    "--limit", metavar="N", min=1,
    help="Only the first N rows of each ranking or listing of items (gaps' indicators and shortfalls, "
    "actions, changes, findings…); blind spots and the parts of one item stay whole.",
)]
LangOpt = Annotated[Optional[str], typer.Option(
    "--lang", metavar="LANG", autocompletion=_complete("languages"),
    help="A language the data declares, for names, headers and legends. Default: "
    "SCORECARD_LANG when the data has it, else the data's first language.",
)]
HorizonOpt = Annotated[Optional[str], typer.Option(
    "--horizon", "-H", metavar="ID", autocompletion=_complete("horizons"),
    help="Planning horizon to score against: a horizon id from the data. Default: its first horizon.",
)]
OneHorizon = Annotated[Optional[str], typer.Option(
    "--horizon", "-H", metavar="ID", autocompletion=_complete("horizons"),
    help="Only this horizon: a horizon id from the data. Default: every horizon.",
)]
ShortfallOpt = Annotated[Optional[str], typer.Option(
    "--shortfall", "-s", metavar="ID", help="Only this shortfall's indicators.",
)]
PeerKindOpt = Annotated[PeerKind, typer.Option(
    "--peer-kind", help="The kind of peer --new-peer adds.",
)]
ScenarioOpt = Annotated[Optional[Path], typer.Option(
    "--scenario", metavar="FILE",
    help="A scenario: a YAML file of hypothetical figures (and changed method parameters) to score "
    "with the data. Its figures are marked as hypothetical; the data files are never changed.",
)]
