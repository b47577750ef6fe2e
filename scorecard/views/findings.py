"""`scorecard validate`: findings as rows (JSON for machines; text lines for people)."""

from __future__ import annotations

from scorecard.findings import Finding
from scorecard.render.document import Column, Document, Section
from scorecard.views.labels import pick, word

# The keys of a finding's row (`Finding.as_dict`): the CSV header even when there are none.
FIELDS = ("code", "severity", "file", "line", "column", "path", "message", "hint")


def document(found: list[Finding], files: list[str], lang: str) -> Document:
    rows = [f.as_dict() for f in sorted(found)]
    errors = sum(f.is_error for f in found)
    meta = {"valid": errors == 0, "errors": errors, "warnings": len(found) - errors, "files": files}
    columns = [
        Column("location", word("location", lang), lambda r: ":".join(
            str(x) for x in (r["file"], r["line"], r["column"]) if x is not None)),
        Column("severity", word("severity", lang), lambda r: pick("severity", r["severity"], lang)),
        Column("code", word("code", lang)),
        Column("message", word("message", lang)),
        Column("hint", word("what_to_do", lang)),
    ]
    section = Section("findings", word("findings", lang), columns, rows, empty=word("no_findings", lang),
                      fields=FIELDS)
    return Document(meta, [section], hidden_note=word("hidden_columns", lang))
