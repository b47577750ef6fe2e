"""Markdown: a heading and a pipe table per section, cells escaped; legends as paragraphs.

Each legend is a paragraph of its own (a blank line apart), so that pandoc, GitHub and
CommonMark keep them apart; a mark that opens a legend (`* target…`, `# is the rank`)
is escaped, so that it stays a mark instead of becoming a bullet or a heading.
"""

from __future__ import annotations

import re

from scorecard.render.clean import visible
from scorecard.render.document import Document

# Characters that would start emphasis, code, strikethrough or TeX math inline.
_INLINE = str.maketrans({c: "\\" + c for c in "*_`~$"})
# What would make a paragraph a list item, a quote, a heading or a thematic break: a mark,
# or a number and its dot ("1. "), whose dot is escaped since a backslash before a digit stays.
_BLOCK = re.compile(r"^(\s*)([-+>#=]|\d+(?=[.)](?:\s|$)))")


def escape(text: str) -> str:
    """One cell on one line: `|` cannot end the cell, `<` cannot open HTML, `[` and `]`
    cannot make a link or an image ([x](javascript:…)), `*`, `_`, `` ` ``, `~` and `$`
    cannot start emphasis, code or math, a line break becomes <br>, and hidden
    characters show as escapes."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    text = text.replace("[", "\\[").replace("]", "\\]").translate(_INLINE)
    text = text.replace("\r\n", "\n").replace("\n", "<br>")
    return visible(text)


def paragraph(text: str) -> str:
    """A legend or a title as one paragraph of plain text, whatever mark it starts with."""
    def mark(m: re.Match) -> str:
        blank, what = m.groups()
        return blank + (what + "\\" if what[0].isdigit() else "\\" + what)

    return _BLOCK.sub(mark, escape(text), count=1)


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    lines: list[str] = []
    if doc.title:
        lines += [f"# {escape(doc.title)}", ""]
    for section in doc.sections:
        lines += [f"## {escape(section.title)}", ""]
        if not section.rows:
            lines += [paragraph(section.empty or "–"), ""]
            continue
        lines.append("| " + " | ".join(escape(c.header) for c in section.columns) + " |")
        lines.append("|" + "|".join("---:" if c.numeric else "---" for c in section.columns) + "|")
        for row in section.rows:
            lines.append("| " + " | ".join(escape(c.text(row)) for c in section.columns) + " |")
        lines.append("")
    for note in doc.notes:
        lines += [paragraph(note), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
