"""`scorecard export --sheets DIR` and `--template sheets DIR`: the data as the sheets that
`scorecard import` reads (docs/sheets.md), one per kind, in the order they are applied.

Every cell is written so that it reads back as the value it came from (numbers in their
shortest exact form, a label per language, ids joined by ';'), which is what makes an
export followed by an import change nothing.
"""

from __future__ import annotations

from scorecard.edit import kinds
from scorecard.edit.kinds import IDS, INT, LABEL, NUMBER
from scorecard.load.dataset import Dataset
from scorecard.model import RuleUse, Text

FIGURES = ("id", "peer", "year", "value", "relation", "source", "quote", "note", "scored")

Sheet = tuple[str, list[str], list[list[object]]]  # kind, header, rows


def sheets(ds: Dataset | None, languages: list[str], template: bool = False) -> list[Sheet]:
    """Each kind's sheet: its header, and a row per entry (none for a template)."""
    out = []
    for kind in kinds.STRUCTURE:
        header = _header(kind, languages)
        rows = [] if template else _rows(ds, kind, languages)
        out.append((kind.name, header, rows))
    figures = [] if template else _figures(ds)
    out.append((kinds.FIGURES, list(FIGURES), figures))
    return out


def _header(kind: kinds.Kind, languages: list[str]) -> list[str]:
    columns = []
    for f in kind.fields:
        if f.type == LABEL and len(languages) > 1:
            columns += [f"{f.name}_{lang}" for lang in languages]
        else:
            columns.append(f.name)
    return columns


def _rows(ds: Dataset, kind: kinds.Kind, languages: list[str]) -> list[list[object]]:
    if kind is kinds.TARGETS:
        return _targets(ds)
    entries = getattr(ds.actions_file if kind.file == "actions" else ds.indicators_file, kind.key)
    rows = []
    for entry in entries:
        cells = []
        for f in kind.fields:
            if kind is kinds.ACTIONS and f.name in ("status", "status_note", "shortfall", "indicator", "reason"):
                cells.append(_action_cell(entry, f.name))
                continue
            value = getattr(entry, f.name)
            if f.type == LABEL:
                cells += _label(value, languages)
            else:
                cells.append(_cell(value, f.type))
        rows.append(cells)
        if kind is kinds.ACTIONS:
            rows += _more_links(entry, kind, languages)
    return rows


def _label(value: Text | None, languages: list[str]) -> list[str]:
    if value is None:
        return [""] * len(languages)
    return [value.get(lang) for lang in languages]


def _cell(value, type_: str) -> object:
    if value is None:
        return ""
    if type_ == IDS:
        return "; ".join(value)
    if type_ == INT:
        return int(value)
    if type_ == NUMBER and not isinstance(value, str):
        return number(value)
    return value


def number(value: float) -> object:
    """A number in its shortest exact form: an int when it is one."""
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _action_cell(action, name: str) -> object:
    first = action.shortfalls[0] if action.shortfalls else None
    return {"status": action.status.state, "status_note": action.status.note or "",
            "shortfall": first.id if first else "", "indicator": "",
            "reason": first.reason if first else ""}[name]


def _more_links(action, kind: kinds.Kind, languages: list[str]) -> list[list[object]]:
    """An action's further links, a row each with only its id, the link and its reason."""
    width = len(languages) if len(languages) > 1 else 1
    rows = []
    for column, links in (("shortfall", action.shortfalls[1:]), ("indicator", action.indicators)):
        for link in links:
            values = {"id": action.id, column: link.id, "reason": link.reason or ""}
            cells = []
            for f in kind.fields:
                cells += [""] * width if f.type == LABEL else [values.get(f.name, "")]
            rows.append(cells)
    return rows


def _targets(ds: Dataset) -> list[list[object]]:
    rows = []
    for ind in ds.indicators_file.indicators:
        if ind.rule is not None:
            rule = ind.rule.use if isinstance(ind.rule, RuleUse) else ind.rule
            rows.append([ind.id, "", "", "", rule, "", "", ""])
        for h, t in ind.targets.items():
            rows.append([ind.id, h, number(t.value), t.relation or "", t.basis, t.source or "", t.quote or "",
                         t.reason])
    return rows


def _figures(ds: Dataset) -> list[list[object]]:
    rows = []
    for ind in ds.indicators_file.indicators:
        for point in [*ind.observations, *ind.benchmarks]:
            rows.append([ind.id, getattr(point, "peer", ""), point.year, number(point.value), point.relation or "",
                         point.source, point.quote or "", point.note or "",
                         "true" if point.scored else ""])
    return rows
