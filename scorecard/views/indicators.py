"""`scorecard indicators`: every indicator with its latest value and a target for each horizon."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.targets import plans
from scorecard.views import targets as tv
from scorecard.views.columns import assumed
from scorecard.views.labels import pick, table_words, word


def document(ds: Dataset, lang: str, shortfall: str | None = None) -> Document:
    rows = []
    for p in plans(ds).values():
        ind = p.indicator
        if shortfall is not None and shortfall not in ind.shortfalls:
            continue
        latest = p.series[-1] if p.series else None
        rows.append({
            "id": ind.id,
            "name": ind.name.get(lang),
            "unit": ind.unit.get(lang),
            "kind": ind.kind,
            "direction": ind.direction,
            "floor": p.floor,
            "floor_basis": p.floor_basis,
            "shortfalls": list(ind.shortfalls),
            "rule": ind.rule_name,
            "unscored": ind.unscored,
            "latest_value": latest.value if latest else None,
            "latest_relation": latest.bound if latest else None,
            "latest_year": latest.year if latest else None,
            "observations": len(ind.observations),
            "benchmarks": len(ind.benchmarks),
            "targets": {
                h: {"value": t.value, "basis": t.basis, "rule": t.rule}
                for h, t in p.targets.items()
            },
        })

    def target(h: str):
        def fmt(r):
            t = r["targets"].get(h)
            return "–" if t is None else assumed(number(t["value"]), t["basis"])
        return fmt

    def latest(r):
        if r["latest_value"] is None:
            return "–"
        return f"{tv.figure(r['latest_value'], r['latest_relation'])} ({r['latest_year']})"

    columns = [
        ids("id", word("id", lang)),
        Column("name", word("indicator", lang), min_width=16),
        Column("unit", word("unit", lang), priority=4),
        Column("direction", word("direction", lang), lambda r: pick("direction", r["direction"], lang),
               priority=3),
        Column("latest_value", word("latest", lang), latest, numeric=True, wraps=True, min_width=6),
        *[Column(f"target_{h.id}", word("target_at", lang, horizon=h.name.get(lang)), target(h.id),
                 numeric=True, priority=2)
          for h in ds.horizons.values()],
        Column("shortfalls", word("shortfalls", lang), priority=5),
    ]
    section = Section("indicators", word("indicator", lang), columns, rows, ranked=True)
    notes = [word("note_assumption", lang)] if any(
        t["basis"] == "assumption" for r in rows for t in r["targets"].values()) else []
    return Document({}, [section], notes, **table_words(lang))
