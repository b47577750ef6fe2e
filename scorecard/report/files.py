"""Writing a report: whole files or none, so a reader never opens half a page.

Each file is written by `edit.atomic.replace`: beside its place under a temporary name, renamed
over the old one. A report is output, not the user's data: no lock, no check of what it replaces.
"""

from __future__ import annotations

import re
from pathlib import Path

from scorecard.edit.atomic import replace as write

CHART = re.compile(r"chart-\d+-[A-Za-z0-9][A-Za-z0-9_.-]*\.svg")  # the names the report gives its charts


def replace_charts(folder: Path, charts: dict[str, bytes]) -> None:
    """Write the charts into `folder` (made if need be), and remove the charts an earlier report
    left there that this one no longer has. Nothing else in the folder is touched."""
    folder.mkdir(exist_ok=True)
    for name, data in charts.items():
        write(folder / name, data)
    for old in folder.iterdir():
        if CHART.fullmatch(old.name) and old.name not in charts and old.is_file():
            old.unlink()
