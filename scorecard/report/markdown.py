"""The report as Markdown for pandoc, the charts as SVG files beside it.

`pandoc report.md -o report.docx` makes a Word document an institute can edit: headings,
paragraphs, pipe tables and one image per chart, linked from the folder the charts are written
to. Every text is escaped so that pandoc sets it as it is: no emphasis, link, list, citation,
math or raw HTML can come out of the data, and hidden characters show as escapes.
"""

from __future__ import annotations

import json
import re
import string
from urllib.parse import quote

from scorecard.render.clean import visible
from scorecard.report import svg
from scorecard.report.parts import Block, Chart, Report, Shortfall, Table

# Kept as they are: they start nothing in pandoc's Markdown wherever they stand.
_PLAIN = set(",;:?/%=")
_ESCAPED = set(string.punctuation) - _PLAIN
_DIGIT_DOT = re.compile(r"(?<=\d)\\([.,])(?=\d)")


def escape(text: str) -> str:
    """One line of literal text: line breaks as spaces, hidden characters as escapes, every
    ASCII mark that could start markup backslash-escaped (a dot between digits stays bare)."""
    flat = " ".join(str(text).replace("\r\n", "\n").split("\n")).replace("\r", " ")
    shown = "".join("\\" + ch if ch in _ESCAPED else ch for ch in visible(flat))
    return _DIGIT_DOT.sub(r"\1", shown).strip() or "–"


def _table(t: Table) -> list[str]:
    lines = ["| " + " | ".join(escape(h) for h in t.headers) + " |",
             "|" + "|".join("---:" if n in t.numeric else "---" for n in range(len(t.headers))) + "|"]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in t.rows]
    return lines + [""]


def _list(items, numbered: bool = False) -> list[str]:
    return [f"{n}. {escape(x)}" if numbered else f"- {escape(x)}" for n, x in enumerate(items, 1)] + [""]


def _labelled(label: str, text: str) -> list[str]:
    return [f"**{escape(label)}** {escape(text)}", ""]


def _chart(c: Chart, folder: str) -> list[str]:
    link = f"{quote(folder)}/{quote(c.file_name)}"
    lines = [f"### {escape(c.title)}", "", f"*{escape(c.about)}*", "", f"![{escape(c.title)}]({link})", ""]
    lines += _table(c.table)
    return lines


def _shortfall(s: Shortfall, r: Report, folder: str) -> list[str]:
    w = r.words
    lines = [f"## {escape(s.name)}", "", escape(f"{s.id} · {s.source}"), ""]
    lines += _list(" · ".join(x for x in (label, b.score, b.words, b.coverage, b.trend, b.rank) if x)
                   for label, b in s.bands)
    lines += _labelled(w["gap_text"], s.gap)
    if s.status_quo:
        lines += _labelled(w["status_quo"], s.status_quo)
    for line in s.ranks:
        lines += [escape(line), ""]
    if s.actions:
        lines += _labelled(w["addressed_by"], w["separator"].join(a.text for a in s.actions))
    else:
        lines += [escape(s.actions_note), ""]
    if s.empty:
        lines += [escape(s.empty), ""]
    for c in s.charts:
        lines += _chart(c, folder)
        lines += [f"**{escape(w['scores'])}**", ""] + _list(c.scores)
        lines += [f"**{escape(w['targets_set'])}**", ""] + _list(c.basis)
        for note in c.notes:
            lines += [escape(note), ""]
    if s.elsewhere:
        lines += [f"**{escape(w['charted_elsewhere'])}**", ""]
        lines += _list(f"{x.text} ({x.note})" for x in s.elsewhere)
    if s.unscored:
        lines += [f"**{escape(w['not_charted'])}**", ""] + _list(f"{name}: {why}" for name, why in s.unscored)
    return lines


def _block(b: Block) -> list[str]:
    lines = [f"## {escape(b.title)}", ""]
    for line in b.paragraphs:
        lines += [escape(line), ""]
    for caption, t in b.tables:
        if caption:
            lines += [f"**{escape(caption)}**", ""]
        lines += _table(t)
    if b.items:
        lines += _list(b.items)
    if not b.tables and not b.items and b.empty:
        lines += [escape(b.empty), ""]
    return lines


def render(r: Report, folder: str) -> tuple[str, dict[str, str]]:
    """The Markdown text, and each chart's SVG by file name (written to `folder`, beside it)."""
    w = r.words
    lines = ["---", f"lang: {r.lang}", f"title: {json.dumps(escape(r.title), ensure_ascii=False)}",
             "---", "", f"*{escape(r.kicker)}*", ""]
    for line in r.meta:
        lines += [escape(line), ""]
    lines += [f"## {escape(w['summary'])}", ""]
    for h in r.horizons:
        lines += [f"### {escape(h.name)} {escape(h.year)}", "",
                  f"**{escape(h.band.score)}** {escape(h.band.words)} · {escape(h.band.coverage)} "
                  f"{escape(w['coverage_of'])}", ""]
        lines += _labelled(w["goal_of"], h.goal) if h.goal else []
    lines += [f"### {escape(r.gaps_title)}", ""] + _list(r.gaps, numbered=True)
    lines += [f"## {escape(w['dashboard'])}", ""]
    cells = [(f"{link.text} ({link.note})",
              *(" · ".join(x for x in (b.score, b.arrow, b.words, b.coverage, b.rank) if x) for b in bands))
             for link, bands in r.dashboard]
    lines += _table(Table(r.dashboard_headers, tuple(cells)))
    lines += _list(r.legend)
    lines += [f"## {escape(w['shortfalls'])}", ""]
    for line in r.reading:
        lines += [escape(line), ""]
    for s in r.shortfalls:
        lines += _shortfall(s, r, folder)
    for b in r.back:
        lines += _block(b)
    files = {c.file_name: svg.as_file(c.svg) for c in r.charts}
    return "\n".join(lines).rstrip("\n") + "\n", files
