"""`scorecard export`: the whole validated model; as a table, one row per figure."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, year
from scorecard.score.targets import plans
from scorecard.views.labels import table_words, word


def document(ds: Dataset, lang: str) -> Document:
    whole = {**ds.indicators_file.model_dump(mode="json"), **ds.actions_file.model_dump(mode="json")}
    rows = []
    plan_of = plans(ds)
    for ind in ds.indicators.values():
        for o in ind.observations:
            rows.append(_row(ind, "observation", None, o.year, o.value, o.source, o.derived, lang))
        for b in ind.benchmarks:
            rows.append(_row(ind, "benchmark", b.peer, b.year, b.value, b.source, b.derived, lang,
                             peer_name=ds.peers[b.peer].name.get(lang)))
        for h, t in plan_of[ind.id].targets.items():
            given = t.given
            rows.append(_row(ind, f"target_{h}", None, ds.horizons[h].year, t.value,
                             given.source if given else None, None, lang, basis=t.basis,
                             reason=given.reason if given else word("by_rule", lang, rule=t.rule)))
    columns = [
        ids("id", word("id", lang)),
        Column("name", word("name", lang), priority=2, min_width=20),
        ids("kind", word("kind", lang)),
        Column("peer_name", word("peer_id", lang), priority=3),
        Column("year", word("when", lang), lambda r: year(r["year"]), numeric=True),
        Column("value", word("value", lang), numeric=True),
        Column("unit", word("unit", lang), priority=5),
        ids("source", word("source", lang), priority=4),
        Column("basis", word("basis", lang), priority=6),
    ]
    section = Section("figures", word("figures", lang), columns, rows, ranked=True)
    return Document({}, [section], as_json=whole,
                    **table_words(lang))


def _row(ind, kind, peer, year, value, source, derived, lang, basis=None, reason=None,
         peer_name=None) -> dict:
    return {
        "id": ind.id, "name": ind.name.get(lang), "kind": kind, "peer": peer, "peer_name": peer_name,
        "year": year,
        "value": value, "unit": ind.unit.get(lang), "source": source, "derived": derived,
        "basis": basis, "reason": reason,
    }
