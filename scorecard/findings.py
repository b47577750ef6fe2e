"""Problems in the data, as data.

A finding is what `scorecard validate` reports: a code from the catalogue, a
severity, where it is (file, line, column, path in the model), what is wrong
and what to do. The core never raises ad-hoc exceptions at the user: it
collects findings and the CLI renders them once (the frictionless-py way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Kind:
    """One entry of the catalogue: a finding's code, severity, title and remedy."""

    code: str
    severity: str
    title: str
    hint: str


CATALOGUE: dict[str, Kind] = {}


def _kind(code: str, severity: str, title: str, hint: str) -> Kind:
    CATALOGUE[code] = Kind(code, severity, title, hint)
    return CATALOGUE[code]


FILE_MISSING = _kind(
    "file-missing", "error", "A data file is missing",
    "put indicators.yaml and actions.yaml side by side, or point --data at the folder that has them",
)
DATA_FOLDER = _kind(
    "data-folder", "error", "The data folder does not exist",
    "check the path given to --data: it is the folder that holds indicators.yaml and actions.yaml",
)
FILE_UNREADABLE = _kind(
    "file-unreadable", "error", "A data file cannot be read", "check the path and its permissions",
)
FILE_TOO_LARGE = _kind(
    "file-too-large", "error", "A data file is too large",
    "check that this is the right file; a larger dataset needs SCORECARD_MAX_BYTES or "
    "SCORECARD_MAX_VALUES raised",
)
FILE_ENCODING = _kind(
    "file-encoding", "error", "A data file is not UTF-8",
    "save the file as UTF-8 (in most editors: Save As, encoding UTF-8)",
)
YAML_SYNTAX = _kind(
    "yaml-syntax", "error", "The YAML cannot be parsed",
    "fix the YAML at the position shown; indent with spaces and close every quote and bracket",
)
YAML_EMPTY = _kind(
    "yaml-empty", "error", "A data file is empty",
    "restore the file's content (git checkout, or a copy of the bundled data)",
)
YAML_MULTIPLE_DOCUMENTS = _kind(
    "yaml-multiple-documents", "error", "A data file holds several YAML documents",
    "remove the '---' separator: each file holds one document",
)
YAML_DUPLICATE_KEY = _kind(
    "yaml-duplicate-key", "error", "A key appears twice in one mapping",
    "keep one of the two entries: YAML would silently drop the first",
)
YAML_ALIAS = _kind(
    "yaml-alias", "error", "Anchors and aliases are not supported",
    "write the value out in full instead of using '*name'",
)
YAML_TAG = _kind(
    "yaml-tag", "error", "An explicit YAML tag is not allowed",
    "remove the '!…' tag: the data holds plain text, numbers, lists and mappings only",
)
YAML_TOO_DEEP = _kind(
    "yaml-too-deep", "error", "The YAML is nested too deeply",
    "the data needs only a few levels of nesting; check for runaway brackets or indentation",
)
YAML_KEY = _kind(
    "yaml-key", "error", "A mapping key is not plain text",
    "write keys as plain words such as `year:`",
)
SCHEMA_MISSING = _kind(
    "schema-missing", "error", "A required field is missing", "add the field",
)
SCHEMA_UNKNOWN_KEY = _kind(
    "schema-unknown-key", "error", "An unknown field",
    "remove it or correct its spelling",
)
SCHEMA_TYPE = _kind(
    "schema-type", "error", "A value has the wrong type or form", "correct the value",
)
SCHEMA_VALUE = _kind(
    "schema-value", "error", "A value is not allowed here", "correct the value",
)
ID_DUPLICATE = _kind(
    "id-duplicate", "error", "An id is used twice", "give each entry its own id",
)
ID_CASE = _kind(
    "id-case", "error", "Two ids differ only in case",
    "rename one: ids are looked up regardless of case (`show e10` finds E10), so each must differ "
    "in more than case",
)
REF_UNKNOWN = _kind(
    "ref-unknown", "error", "A reference to an id that does not exist",
    "use one of the ids defined in the data",
)
YEAR_DUPLICATE = _kind(
    "year-duplicate", "error", "A year appears twice in one series from the same source",
    "keep one value per year and source",
)
VALUE_IMPOSSIBLE = _kind(
    "value-impossible", "error", "A value is impossible for its kind",
    "check the figure and the indicator's kind and unit",
)
TARGET_WRONG_SIDE = _kind(
    "target-wrong-side", "error", "A target is on the wrong side of the floor",
    "a higher-is-better target must exceed the floor; a lower-is-better one must be below it",
)
TARGET_AT_FLOOR = _kind(
    "target-at-floor", "warning", "A target equals the floor",
    "the score can then only be 0 or 100; set a target away from the floor",
)
SOURCE_CONFLICT = _kind(
    "source-conflict", "warning", "Two sources give different values for the same year",
    "both are kept; the one scored is marked `scored: true` or comes first in `source_priority`",
)
CONFLICT_UNDECIDED = _kind(
    "conflict-undecided", "error", "Sources disagree and nothing says which figure is scored",
    "mark the figure to score with `scored: true`, or give the indicator a `source_priority`",
)
TARGET_RULE_DISAGREES = _kind(
    "target-rule-disagrees", "warning", "A hand-written assumed target differs from its rule",
    "the written number is scored; remove it to use the rule's, or drop the rule",
)
LABEL_LANGUAGES = _kind(
    "label-languages", "error", "A label does not give the text in each of the data's languages",
    "give `{<language>: text}` for each language in `languages:`, or plain text in a one-language dataset",
)
OLD_FORM = _kind(
    "old-form", "error", "A key in the form of an earlier version",
    "write it in today's form, as the message says (docs/data-format.md, \"Older forms\")",
)
CITATION_NO_SECTION = _kind(
    "citation-no-section", "warning", "A citation names no section",
    "write the section after the source id, e.g. \"000 二(一)\"",
)
SCENARIO_UNLINKED = _kind(
    "scenario-unlinked", "warning", "A scenario's delivered action brings a figure for an indicator the "
    "data does not link it to",
    "the figure is applied as the scenario gives it; if the action does move the indicator, add it "
    "to the action's `indicators` in actions.yaml",
)
FIGURE_NO_QUOTE = _kind(
    "figure-no-quote", "warning", "A figure does not quote the words it comes from",
    "add `quote:` with the words the figure comes from (`set --quote`, a `quote` column on import)",
)


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    message: str
    path: str = ""
    hint: str = field(default="", compare=False)

    @property
    def kind(self) -> Kind:
        return CATALOGUE[self.code]

    @property
    def severity(self) -> str:
        return self.kind.severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def as_text(self) -> str:
        """`file:line:col: severity[code]: message; what to do` — one line, grep-friendly."""
        where = f" (at {self.path})" if self.path else ""
        return (
            f"{self.location()}: {self.severity}[{self.code}]: {self.message}{where}; "
            f"{self.hint or self.kind.hint}"
        )

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line or None,
            "column": self.column or None,
            "path": self.path,
            "message": self.message,
            "hint": self.hint or self.kind.hint,
        }


def make(
    kind: Kind,
    file: Path | str,
    message: str,
    *,
    pos: tuple[int, int] | None = None,
    path: str = "",
    hint: str = "",
) -> Finding:
    line, column = pos or (0, 0)
    return Finding(str(file), line, column, kind.code, message, path, hint)


class DataError(Exception):
    """The data could not be loaded; carries every finding, errors and warnings."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{sum(f.is_error for f in findings)} error(s) in the data")
        self.findings = sorted(findings)


def quote(value: object, limit: int = 60) -> str:
    """A user's text in a message: repr'd (control characters show as escapes), and cut short."""
    text = repr(value) if isinstance(value, str) else repr(str(value))
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


def listing(items, limit: int = 10) -> str:
    """Known ids for a hint: sorted, each cut short, at most `limit` of them."""
    names = [n if len(n) <= 40 else n[:39] + "…" for n in sorted(str(i) for i in items)]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f", … ({len(names)} in all)"
    return ", ".join(names) or "none"


def did_you_mean(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=3, cutoff=0.6)
    return f"did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def catalogue_markdown() -> str:
    """docs/findings.md, generated so the documented codes cannot drift from the code."""
    cell = lambda text: text.replace("|", "\\|")  # noqa: E731
    lines = [
        "# Findings",
        "",
        "<!-- Generated by `python -m scorecard.findings docs/findings.md`; do not edit. -->",
        "",
        "`scorecard validate` reports every problem in the data as a finding, one per line",
        "on stderr, sorted by file, line and column, and exits 1 when any is an error:",
        "",
        "```",
        "indicators.yaml:40:29: error[schema-type]: Input should be a valid number, found 'six'"
        " (at indicators[0].observations[0].value); write a plain number without quotes or units, e.g. 12.5",
        "```",
        "",
        "that is `file:line:column: severity[code]: what is wrong (at path in the data); what to do`.",
        "A finding about a whole file (missing, too large, empty) has no line and column.",
        "Warnings do not make the data invalid. `scorecard validate --format json` prints the same",
        "findings on stdout as `{\"valid\", \"errors\", \"warnings\", \"files\", \"findings\": [...]}`,",
        "each finding with the keys `code`, `severity`, `file`, `line`, `column`, `path`, `message`",
        "and `hint`; `line` and `column` are 1-based, or null.",
        "",
        "| code | severity | meaning | what to do |",
        "|---|---|---|---|",
    ]
    for kind in CATALOGUE.values():
        lines.append(f"| `{kind.code}` | {kind.severity} | {cell(kind.title)} | {cell(kind.hint)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(catalogue_markdown(), encoding="utf-8")
    else:
        sys.stdout.write(catalogue_markdown())
