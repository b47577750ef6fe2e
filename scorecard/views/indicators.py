"""`scorecard indicators`: every indicator with its latest value and its targets per horizon."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.model import HORIZONS
from scorecard.render.document import Column, Document, Section, number
from scorecard.score.card import series
from scorecard.views.labels import word


def document(ds: Dataset, lang: str, shortfall: str | None = None) -> Document:
    rows = []
    for ind in ds.indicators.values():
        if shortfall is not None and shortfall not in ind.shortfalls:
            continue
        points = series(ind.observations)
        row = {
            "id": ind.id,
            "name": ind.name.get(lang),
            "unit": ind.unit.get(lang),
            "kind": ind.kind,
            "direction": ind.direction,
            "floor": ind.lower_bound,
            "shortfalls": list(ind.shortfalls),
            "latest_value": points[-1].value if points else None,
            "latest_year": points[-1].year if points else None,
            "observations": len(ind.observations),
            "benchmarks": len(ind.benchmarks),
        }
        for h in HORIZONS:
            t = ind.targets.get(h)
            row[f"target_{h}"] = t.value if t else None
            row[f"target_{h}_basis"] = t.basis if t else None
        rows.append(row)

    def target(h):
        def fmt(r):
            if r[f"target_{h}"] is None:
                return "–"
            return number(r[f"target_{h}"]) + ("*" if r[f"target_{h}_basis"] == "assumption" else "")
        return fmt

    def latest(r):
        return "–" if r["latest_value"] is None else f"{number(r['latest_value'])} ({r['latest_year']})"

    columns = [
        Column("id", word("id", lang)),
        Column("name", word("indicator", lang)),
        Column("unit", word("unit", lang)),
        Column("direction", word("direction", lang), lambda r: word(r["direction"], lang)),
        Column("latest_value", word("latest", lang), latest, numeric=True),
        *[Column(f"target_{h}", f"{word('target', lang)} {ds.horizons[h].name.get(lang) if h in ds.horizons else h}",
                 target(h), numeric=True) for h in HORIZONS],
        Column("shortfalls", word("shortfalls", lang)),
    ]
    section = Section("indicators", word("indicator", lang), columns, rows)
    return Document({}, [section], [word("note_assumption", lang)])
