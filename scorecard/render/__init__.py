"""Renderers: one per output format, each taking a `Document` and returning text.

`FORMATS` is the one list of formats: `--format`'s choices and help come from it,
and `render` dispatches through it, importing only the renderer used. Every
renderer has the same signature, `render(doc, *, width, color)`; those that print
for machines ignore the terminal's width and colour.
"""

from __future__ import annotations

import importlib

# name → (module, what it is for)
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("scorecard.render.table", "aligned columns for people"),
    "json": ("scorecard.render.jsonout", "one document with stable keys"),
    "csv": ("scorecard.render.csvout", "for Excel, UTF-8 with a byte-order mark"),
    "markdown": ("scorecard.render.markdown", "pipe tables for reports"),
}


def render(doc, fmt: str, *, width: int | None = None, color: bool = False) -> str:
    module = importlib.import_module(FORMATS[fmt][0])
    return module.render(doc, width=width, color=color)
