"""`scorecard goals`: near, mid and long term, each with its goal, year, score and coverage."""

from __future__ import annotations

from scorecard.render.document import Column, Document, Section, number
from scorecard.load.dataset import Dataset
from scorecard.score.card import Scorecard
from scorecard.views.gaps import coverage_column
from scorecard.views.labels import STATUS, pick, word


def document(cards: list[Scorecard], ds: Dataset, lang: str) -> Document:
    rows = []
    for card in cards:
        h = card.horizon
        rows.append({
            "id": h.id,
            "name": h.name.get(lang),
            "goal": h.goal.get(lang),
            "year": h.year,
            "year_is_assumption": True,
            "year_reason": h.year_reason,
            "score": card.overall.score,
            "status": card.overall_status.value if card.overall_status else None,
            "covered": card.overall.covered,
            "total": card.overall.total,
            "source": h.source,
            "conflict": card.conflict,
        })
    columns = [
        Column("id", word("horizon", lang), lambda r: r["name"]),
        Column("year", word("year", lang), lambda r: f"{r['year']}*", numeric=True),
        Column("goal", word("goal", lang)),
        Column("score", word("score", lang),
               lambda r: number(r["score"], 1) + (" !" if r["conflict"] else ""), numeric=True),
        Column("status", word("status", lang), lambda r: pick(STATUS, r["status"], lang)),
        coverage_column(lang),
    ]
    note = ("* 种子文献未给出年份，目标年为假设（理由见 actions.yaml 的 year_reason）"
            if lang == "zh" else
            "* the sources name no years: each target year is an assumption (see year_reason in actions.yaml)")
    return Document({}, [Section("goals", word("goals", lang), columns, rows)], [note])
