"""The options every listing shares, declared once (sqlite-utils style)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class HorizonChoice(str, Enum):
    near = "near"
    mid = "mid"
    long = "long"


DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data", "-d", metavar="DIR", file_okay=False,
        help="Folder holding indicators.yaml and actions.yaml. Default: the current "
        "folder if it has them, else the bundled data.",
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of names and headers.")]
HorizonOpt = Annotated[
    HorizonChoice, typer.Option("--horizon", "-H", help="Planning horizon to score against.")
]
