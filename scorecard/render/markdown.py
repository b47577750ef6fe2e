"""Markdown: a heading and a pipe table per section, cells escaped."""

from __future__ import annotations

from scorecard.render.document import Document


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return "".join(ch if ch.isprintable() else " " for ch in text)


def render(doc: Document) -> str:
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
