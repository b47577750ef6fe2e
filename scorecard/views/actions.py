"""`scorecard actions`: the action plans ranked by the gaps of the shortfalls they address."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.card import Scorecard
from scorecard.views.columns import aggregate_score_column, coverage_column, status_column
from scorecard.views.labels import pick, table_words, word


def document(card: Scorecard, ds: Dataset, lang: str, programme: str | None = None) -> Document:
    rows = []
    for a in card.actions:
        act = a.action
        if programme is not None and act.programme != programme:
            continue
        rows.append({
            "rank": a.rank,
            "id": act.id,
            "name": act.name.get(lang),
            "programme": act.programme,
            "programme_name": ds.programmes[act.programme].name.get(lang),
            "shortfalls": [s.id for s in act.shortfalls],
            "indicators": list(act.indicator_ids),
            "score": a.result.score,
            "status": a.status.value if a.status else None,
            "covered": a.result.covered,
            "total": a.result.total,
            "priority": a.priority,
            "state": act.status.state,
            "source": act.source,
            "conflict": a.conflict,
        })
    columns = [
        Column("rank", word("rank", lang), lambda r: number(r["rank"]), numeric=True),
        ids("id", word("id", lang)),
        Column("name", word("action", lang), min_width=20),
        Column("programme", word("programme", lang), priority=5),
        Column("shortfalls", word("shortfalls", lang), priority=3),
        Column("priority", word("priority", lang), lambda r: number(r["priority"], 1), numeric=True),
        aggregate_score_column(lang),
        status_column(lang, priority=2),
        coverage_column(lang, priority=4),
        Column("state", word("state", lang), lambda r: pick("state", r["state"], lang), priority=6),
    ]
    h = card.horizon
    meta = {"horizon": h.id, "horizon_year": h.year}
    title = word("actions_title", lang, horizon=h.name.get(lang), year=h.year)
    section = Section("actions", title, columns, rows, ranked=True)
    return Document(meta, [section], [word("note_priority", lang)],
                    **table_words(lang))
