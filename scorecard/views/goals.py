"""`scorecard goals`: each horizon with its goal, year, score and coverage."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section
from scorecard.score.card import Scorecard
from scorecard.views.columns import (aggregate_score_column, assumed, coverage_column, hypothetical, marks,
                                     status_column)
from scorecard.views.gaps import subject_title
from scorecard.views.labels import table_words, word


def document(cards: list[Scorecard], ds: Dataset, lang: str) -> Document:
    rows = []
    for card in cards:
        h = card.horizon
        rows.append({
            "id": h.id,
            "name": h.name.get(lang),
            "goal": h.goal.get(lang) if h.goal else None,
            "year": h.year,
            "year_basis": h.year_basis,
            "year_is_assumption": h.year_is_assumption,
            "year_reason": h.year_reason,
            "score": card.overall.score,
            "status": card.overall_status.value if card.overall_status else None,
            "covered": card.overall.covered,
            "total": card.overall.total,
            "source": h.source,
            "conflict": card.conflict,
            "scenario": marks(ds, card).overall,
        })
    columns = [
        Column("id", word("horizon", lang), lambda r: r["name"]),
        Column("year", word("year", lang), lambda r: assumed(str(r["year"]), r["year_basis"]), numeric=True),
        Column("goal", word("goal", lang), min_width=20),
        aggregate_score_column(lang),
        status_column(lang, priority=2),
        coverage_column(lang, priority=3),
    ]
    notes = [word("note_year_assumed", lang)] if any(r["year_is_assumption"] for r in rows) else []
    section = Section("goals", subject_title(ds, word("goals", lang), lang), columns, rows)
    return hypothetical(Document({}, [section], notes, **table_words(lang)), ds, lang)
