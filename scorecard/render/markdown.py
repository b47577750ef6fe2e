"""Markdown: a heading and a pipe table per section, cells escaped."""

from __future__ import annotations

from scorecard.render.clean import visible
from scorecard.render.document import Document


def escape(text: str) -> str:
    """One cell on one line: `|` cannot end the cell, `<` cannot open HTML, `[` and `]`
    cannot make a link or an image ([x](javascript:…)), a line break becomes <br>,
    and hidden characters show as escapes."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    text = text.replace("[", "\\[").replace("]", "\\]")
    text = text.replace("\r\n", "\n").replace("\n", "<br>")
    return visible(text)


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    lines: list[str] = []
    if doc.title:
        lines += [f"# {escape(doc.title)}", ""]
    for section in doc.sections:
        lines += [f"## {escape(section.title)}", ""]
        if not section.rows:
            lines += [escape(section.empty or "–"), ""]
            continue
        lines.append("| " + " | ".join(escape(c.header) for c in section.columns) + " |")
        lines.append("|" + "|".join("---:" if c.numeric else "---" for c in section.columns) + "|")
        for row in section.rows:
            lines.append("| " + " | ".join(escape(c.text(row)) for c in section.columns) + " |")
        lines.append("")
    lines += [escape(n) for n in doc.notes]
    return "\n".join(lines).rstrip("\n") + "\n"
