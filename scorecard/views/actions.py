"""`scorecard actions`: the action plans ranked by the gaps of the shortfalls they address."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.card import Scorecard
from scorecard.views.columns import (aggregate_score_column, coverage_column, hypothetical, marks, scenario,
                                     status_column, supposed)
from scorecard.views.labels import pick, table_words, word


def document(card: Scorecard, ds: Dataset, lang: str, programme: str | None = None) -> Document:
    sc, marked = scenario(ds), marks(ds, card)
    closing = sc.closing(card) if sc is not None else {}
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
            "scenario": act.id in marked.actions,
            "delivered": act.id in closing,
            "closes": list(closing[act.id].closes) if act.id in closing else [],
            "narrows": list(closing[act.id].narrows) if act.id in closing else [],
        })
    columns = [
        Column("rank", word("rank", lang), lambda r: number(r["rank"]), numeric=True),
        ids("id", word("id", lang)),
        Column("name", word("action", lang), min_width=20),
        Column("programme", word("programme", lang), priority=5),
        Column("shortfalls", word("shortfalls", lang), priority=3),
        Column("priority", word("priority", lang), lambda r: supposed(number(r["priority"], 1), r),
               numeric=True),
        aggregate_score_column(lang, mark=False),
        status_column(lang, priority=2),
        coverage_column(lang, priority=4),
        Column("state", word("state", lang), lambda r: pick("state", r["state"], lang), priority=6),
    ]
    if sc is not None:
        columns.append(Column("closes", word("scenario", lang), lambda r: _closing(r, lang), priority=2))
    h = card.horizon
    meta = {"horizon": h.id, "horizon_year": h.year}
    title = word("actions_title", lang, horizon=h.name.get(lang), year=h.year)
    section = Section("actions", title, columns, rows, ranked=True)
    return hypothetical(Document(meta, [section], [word("note_priority", lang)], **table_words(lang)), ds, lang)


def _closing(row: dict, lang: str) -> str:
    """What a delivered action's figures do: the gaps they close, those they narrow."""
    if not row["delivered"]:
        return ""
    sep = word("list_separator", lang)
    parts = [word(key, lang, ids=sep.join(row[key])) for key in ("closes", "narrows") if row[key]]
    return " · ".join(parts) or word("closes_nothing", lang)
