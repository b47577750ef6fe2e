"""The options the commands share, declared once (sqlite-utils style).

Choices fixed by the code (formats, peer kinds) are Click choices derived from
their registries. Choices the data makes (horizons, languages) are text, checked
once the data is loaded (`cli.common`), and completed from it in the shell.
"""

from __future__ import annotations

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
    "--format", "-f",
    help="Output format: " + "; ".join(f"{name}, {what}" for name, (_, what) in FORMATS.items()) + ".",
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
