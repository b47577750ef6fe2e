"""`scorecard report`: the briefing an analyst hands on, with charts.

The report is built in three steps, as the listings are: `content` turns the scored data into
the report's parts, every word from `views/labels.py` (a view); `svg` draws the charts; `html`
and `markdown` lay the parts out (renderers). Nothing here prints: `cli/report.py` chooses and
writes. The page needs Jinja2, imported only when a report is made, so that no other command
pays for it.

`FORMATS` lists the report formats, apart from the listings' `--format`: a report is one
document, not a table of rows.
"""

from __future__ import annotations

import importlib

# name → (module, what it is for)
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("scorecard.report.html", "one self-contained page to open, mail or print"),
    "markdown": ("scorecard.report.markdown", "for pandoc (e.g. to .docx), charts as SVG files beside it"),
}


def renderer(fmt: str):
    """The module that lays a report out in `fmt`."""
    return importlib.import_module(FORMATS[fmt][0])
