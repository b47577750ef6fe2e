"""`scorecard gaps`: indicators ranked by how far there is to go, then shortfalls, then blind spots."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.card import IndicatorScore, Scorecard
from scorecard.score.method import Trend
from scorecard.views import targets as tv
from scorecard.views.columns import (aggregate_score_column, assumed, coverage_column, hypothetical, marks,
                                     rests, status_column, supposed)
from scorecard.views.labels import pick, table_words, trend_legend, word


# The keys of an indicator's row (`indicator_row`), led by its rank in `gaps`: the CSV
# header when no indicator is shown.
FIELDS = ("rank", "id", "name", "unit", "direction", "shortfalls", "latest_value", "latest_relation",
          "latest_year", "baseline_value", "baseline_year", "target", "target_basis", "target_rule",
          "target_missing", "target_note", "unscored", "score", "score_bound", "status", "trend",
          "progress", "gap", "gap_share", "peer", "peer_name", "peer_value", "peer_year", "peer_gap",
          "peer_ratio", "actions", "conflict", "scenario")


def indicator_row(r: IndicatorScore, ds: Dataset, lang: str) -> dict:
    """The flat row shared by `gaps` and `indicators` (JSON keys are a contract)."""
    ind, t, best = r.indicator, r.target, r.frontier
    return {
        "id": ind.id,
        "name": ind.name.get(lang),
        "unit": ind.unit.get(lang),
        "direction": ind.direction,
        "shortfalls": list(ind.shortfalls),
        "latest_value": r.latest.value if r.latest else None,
        "latest_relation": r.latest.bound if r.latest else None,
        "latest_year": r.latest.year if r.latest else None,
        "baseline_value": r.baseline.value if r.baseline else None,
        "baseline_year": r.baseline.year if r.baseline else None,
        "target": t.value if t else None,
        "target_basis": t.basis if t else None,
        "target_rule": t.parameters() if t else None,
        "target_missing": r.missing.reason if r.missing else None,
        "target_note": tv.describe(t, ds, lang) if t else tv.why_none(r.missing, lang),
        "unscored": ind.unscored,
        "score": r.score,
        "score_bound": r.score_bound,
        "status": r.status.value if r.status else None,
        "trend": r.trend.value if r.trend else None,
        "progress": r.progress,
        "gap": r.gap,
        "gap_share": r.gap_share,
        "peer": best.peer if best else None,
        "peer_name": ds.peers[best.peer].name.get(lang) if best else None,
        "peer_value": best.value if best else None,
        "peer_year": best.year if best else None,
        "peer_gap": r.peer_gap,
        "peer_ratio": r.peer_ratio,
        "actions": list(r.actions),
        "conflict": r.conflict,
        "scenario": rests(ds, r),
    }


def _latest(row: dict) -> str:
    if row["latest_value"] is None:
        return "–"
    mark = " !" if row["conflict"] else ""
    return f"{tv.figure(row['latest_value'], row['latest_relation'])} ({row['latest_year']}){mark}"


def _target(row: dict) -> str:
    return "–" if row["target"] is None else assumed(number(row["target"]), row["target_basis"])


def _peer(row: dict) -> str:
    if row["peer"] is None:
        return "–"
    ratio = f" ×{row['peer_ratio']:.1f}" if row["peer_ratio"] is not None else ""
    return f"{row['peer_name']} {number(row['peer_value'])}{ratio}"


def _arrow(row: dict) -> str:
    return Trend(row["trend"]).arrow if row["trend"] else "–"


def indicator_columns(lang: str, *, rank: bool) -> list[Column]:
    columns = [Column("rank", word("rank", lang), numeric=True)] if rank else []
    return columns + [
        Column("name", word("indicator", lang), min_width=20),
        Column("shortfalls", word("shortfall", lang), priority=4, min_width=12),
        Column("latest_value", word("latest", lang), _latest, numeric=True, wraps=True, min_width=6),
        Column("target", word("target", lang), _target, numeric=True),
        Column("score", word("score", lang), lambda r: supposed(tv.score(r["score"], r["score_bound"]), r),
               numeric=True),
        status_column(lang, priority=3),
        Column("trend", word("trend", lang), _arrow),
        Column("peer", word("peer", lang), _peer, priority=5, min_width=14),
        Column("actions", word("actions", lang), priority=2, min_width=9),
    ]


def shortfall_section(card: Scorecard, lang: str, marked) -> Section:
    rows = [
        {
            "id": s.shortfall.id,
            "name": s.shortfall.name.get(lang),
            "score": s.result.score,
            "status": s.status.value if s.status else None,
            "gap": s.gap,
            "covered": s.result.covered,
            "total": s.result.total,
            "indicators": list(s.indicators),
            "actions": list(s.actions),
            "conflict": s.conflict,
            "scenario": s.shortfall.id in marked.shortfalls,
        }
        for s in card.shortfalls
    ]
    columns = [
        ids("id", word("id", lang)),
        Column("name", word("shortfall", lang), min_width=20),
        aggregate_score_column(lang),
        status_column(lang, priority=3),
        coverage_column(lang, priority=4),
        Column("actions", word("actions", lang), priority=2),
    ]
    return Section("shortfalls", word("ranked_shortfalls", lang), columns, rows, ranked=True)


def notes(ds: Dataset, sections: list[Section], lang: str) -> list[str]:
    """The legends the tables need: the bands always, each mark only where a cell shows it."""
    method = ds.indicators_file.method
    bands = method.bands
    out = [word("note_bands", lang, challenges_remain=number(bands.challenges_remain),
                moderate_challenges=number(bands.moderate_challenges),
                significant_challenges=number(bands.significant_challenges), coverage=f"{method.coverage:.0%}")]

    def shown(key: str) -> list[str]:
        return [c.text(r) for s in sections for c in s.columns if c.key == key for r in s.rows]

    if any(t.endswith("*") for t in shown("target")):
        out.append(word("note_assumption", lang))
    arrows = shown("trend")
    if any(t != "–" for t in arrows):
        out.append(trend_legend(lang))
    if "–" in arrows:
        out.append(word("note_no_trend", lang))
    if any(t[:1] in ("≤", "≥") for t in shown("score")):
        out.append(word("note_bound", lang))
    if any(t.endswith("!") for t in shown("latest_value") + shown("score")):
        out.append(word("note_conflict", lang))
    return out


def blind_spot_section(card: Scorecard, ds: Dataset, lang: str) -> Section:
    b = card.blind_spots
    rows = (
        [{"kind": "shortfall_without_action", "id": i, "name": ds.shortfalls[i].name.get(lang)}
         for i in b.shortfalls_without_action]
        + [{"kind": "action_without_indicator", "id": i, "name": ds.actions[i].name.get(lang)}
           for i in b.actions_without_indicator]
        + [{"kind": "indicator_without_action", "id": i, "name": ds.indicators[i].name.get(lang)}
           for i in b.indicators_without_action]
    )
    columns = [
        Column("kind", word("kind", lang), lambda r: pick("blind", r["kind"], lang)),
        ids("id", word("id", lang)),
        Column("name", word("name", lang), min_width=20),
    ]
    return Section("blind_spots", word("blind_spots", lang), columns, rows,
                   empty=word("no_blind_spots", lang))


def subject_title(ds: Dataset, title: str, lang: str) -> str:
    """A title led by the subject's name, when the data gives one."""
    subject = ds.indicators_file.subject
    return word("subject_title", lang, subject=subject.get(lang), title=title) if subject else title


def document(card: Scorecard, ds: Dataset, lang: str, shortfall: str | None = None) -> Document:
    """The scorecard at one horizon; `shortfall` shows only that shortfall's indicators."""
    h = card.horizon
    shown = [r for r in card.indicators if shortfall is None or shortfall in r.indicator.shortfalls]
    rows = [{"rank": i + 1, **indicator_row(r, ds, lang)} for i, r in enumerate(shown)]
    main = Section("indicators", word("ranked_indicators", lang), indicator_columns(lang, rank=True), rows,
                   fields=FIELDS, ranked=True)
    subject = ds.indicators_file.subject
    meta = {
        "subject": subject.get(lang) if subject else None,
        "horizon": h.id,
        "horizon_year": h.year,
        "goal": h.goal.get(lang) if h.goal else None,
        "score": card.overall.score,
        "status": card.overall_status.value if card.overall_status else None,
        "covered": card.overall.covered,
        "total": card.overall.total,
        "conflict": card.conflict,
    }
    title = subject_title(ds, word("gaps_title" if h.goal else "gaps_title_bare", lang, horizon=h.name.get(lang),
                                   year=h.year, goal=meta["goal"]), lang)
    marked = marks(ds, card)
    shortfalls = shortfall_section(card, lang, marked)
    sections = [main, shortfalls, blind_spot_section(card, ds, lang)]
    score = supposed(number(card.overall.score, 1), {"scenario": marked.overall})
    summary = word("summary", lang, score=score,
                   status=pick("status", meta["status"], lang), coverage=card.overall.coverage)
    return hypothetical(Document(meta, sections, [summary, *notes(ds, sections, lang)], title,
                                 **table_words(lang)), ds, lang)
