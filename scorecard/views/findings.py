"""`scorecard validate`: findings as rows (JSON for machines; text lines for people)."""

from __future__ import annotations

from scorecard.findings import Finding
from scorecard.render.document import Column, Document, Section, ids
from scorecard.views.labels import pick, table_words, word

# The keys of a finding's row (`Finding.as_dict`): the CSV header even when there are none.
FIELDS = ("code", "severity", "file", "line", "column", "path", "message", "hint")


def _near(file: str) -> str:
    """A file as a table shows it: relative to the current folder when it lies below it, so a
    long absolute path does not crowd the message out of a narrow terminal (JSON and CSV keep
    `file` as given)."""
    import os

    try:
        relative = os.path.relpath(file)
    except (ValueError, OSError):  # another drive, or no current folder
        return file
    return relative if not relative.startswith("..") else file


def document(found: list[Finding], files: list[str], lang: str) -> Document:
    rows = [f.as_dict() for f in sorted(found)]
    errors = sum(f.is_error for f in found)
    meta = {"valid": errors == 0, "errors": errors, "warnings": len(found) - errors, "files": files}
    columns = [
        ids("location", word("location", lang), lambda r: ":".join(
            str(x) for x in (_near(r["file"]), r["line"], r["column"]) if x is not None)),
        Column("severity", word("severity", lang), lambda r: pick("severity", r["severity"], lang)),
        ids("code", word("code", lang), priority=2),
        Column("message", word("message", lang), min_width=20),
        Column("hint", word("what_to_do", lang), min_width=20, priority=3),
    ]
    section = Section("findings", word("findings", lang), columns, rows, empty=word("no_findings", lang),
                      fields=FIELDS, ranked=True)
    return Document(meta, [section], **table_words(lang))
