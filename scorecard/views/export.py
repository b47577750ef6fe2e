"""`scorecard export`: the whole validated model; as a table, one row per figure."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, year
from scorecard.score.targets import plans
from scorecard.views.labels import word


def document(ds: Dataset, lang: str) -> Document:
    whole = {**ds.indicators_file.model_dump(mode="json"), **ds.actions_file.model_dump(mode="json")}
    rows = []
    plan_of = plans(ds)
    for ind in ds.indicators.values():
        for o in ind.observations:
            rows.append(_row(ind, "observation", None, o.year, o.value, o.source, o.derived, lang))
        for b in ind.benchmarks:
            rows.append(_row(ind, "benchmark", b.peer, b.year, b.value, b.source, b.derived, lang))
        for h, t in plan_of[ind.id].targets.items():
            given = t.given
            rows.append(_row(ind, f"target_{h}", None, ds.horizons[h].year, t.value,
                             given.source if given else None, None, lang, basis=t.basis,
                             reason=given.reason if given else word("by_rule", lang, rule=t.rule)))
    headers = {"id": "id", "name": "name", "kind": "kind", "peer": "peer_id", "year": "when",
               "value": "value", "unit": "unit", "source": "source", "basis": "basis"}
    columns = [Column(k, word(w, lang), (lambda r: year(r["year"])) if k == "year" else None)
               for k, w in headers.items()]
    return Document({}, [Section("figures", word("figures", lang), columns, rows)], as_json=whole,
                    hidden_note=word("hidden_columns", lang))


def _row(ind, kind, peer, year, value, source, derived, lang, basis=None, reason=None) -> dict:
    return {
        "id": ind.id, "name": ind.name.get(lang), "kind": kind, "peer": peer, "year": year,
        "value": value, "unit": ind.unit.get(lang), "source": source, "derived": derived,
        "basis": basis, "reason": reason,
    }
