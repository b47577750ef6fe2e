"""`scorecard validate`: findings as rows (JSON for machines; text lines for people)."""

from __future__ import annotations

from scorecard.findings import Finding
from scorecard.render.document import Column, Document, Section


def document(found: list[Finding], files: list[str]) -> Document:
    rows = [f.as_dict() for f in sorted(found)]
    errors = sum(f.is_error for f in found)
    meta = {"valid": errors == 0, "errors": errors, "warnings": len(found) - errors, "files": files}
    columns = [
        Column("location", "location", lambda r: ":".join(
            str(x) for x in (r["file"], r["line"], r["column"]) if x is not None)),
        Column("severity", "severity"), Column("code", "code"),
        Column("message", "message"), Column("hint", "what to do"),
    ]
    return Document(meta, [Section("findings", "findings", columns, rows, empty="no findings")])
