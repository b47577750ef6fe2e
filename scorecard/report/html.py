"""The report as one self-contained HTML page: Jinja2 with autoescape, the charts inline.

No script, no link to anything outside the page, no web font: it opens from a mail attachment,
prints on A4, and a Content-Security-Policy refuses anything else the page might ask for. Every
text from the data is escaped by the template engine (autoescape), after hidden characters are
made visible (the same rule as every other format); the one unescaped insert is each chart's
SVG, built by `report.svg`, which escapes every text it sets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scorecard.render.clean import visible
from scorecard.report.parts import Report

TEMPLATES = Path(__file__).parent / "templates"


def _shown(value):
    """Jinja's finalize: every text shown as the data holds it, hidden characters as escapes.
    Markup (a chart's SVG, a CSS string) is already safe and passes as it is."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return visible(value, keep="\n")
    return value


@lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             finalize=_shown, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["css_string"] = css_string
    return env.get_template("report.html")


def css_string(text: str) -> str:
    """`text` as a CSS string literal that nothing in it can end or turn into markup: every
    character but ASCII letters, digits and spaces as a hex escape (the template marks it safe)."""
    shown = visible(text)
    body = "".join(ch if (ch.isascii() and ch.isalnum()) or ch == " " else f"\\{ord(ch):x} " for ch in shown)
    return f'"{body}"'


def render(report: Report) -> str:
    return _template().render(r=report, w=report.words)
