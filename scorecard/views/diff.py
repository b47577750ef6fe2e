"""`scorecard diff` and the report of `scorecard set`: scores before and after, and why they moved."""

from __future__ import annotations

from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.compare import Change
from scorecard.views.columns import hypothetical, scenario, supposed
from scorecard.views.labels import pick, table_words, trend, word


FIELDS = ("kind", "id", "horizon", "name", "score_before", "score_after", "score_change",
          "status_before", "status_after", "trend_before", "trend_after", "moved", "reasons", "why",
          "scenario")


def rows(changes: list[Change], lang: str, under_scenario: bool = False) -> list[dict]:
    """Flat rows: raw values for JSON and CSV; `reasons` are stable codes, `why` their details;
    `scenario` when the scores after are the data under a scenario."""
    out = []
    for c in changes:
        b, a = c.before, c.after
        out.append({
            "kind": c.kind,
            "id": c.id,
            "horizon": c.horizon,
            "name": c.name.get(lang) if c.name else None,
            "score_before": b.score if b else None,
            "score_after": a.score if a else None,
            "score_change": c.score_change,
            "status_before": b.status if b else None,
            "status_after": a.status if a else None,
            "trend_before": b.trend if b else None,
            "trend_after": a.trend if a else None,
            "moved": c.moved,
            "reasons": c.reasons,
            "why": _why(c.why, lang),
            "scenario": under_scenario,
        })
    return out


def _why(why, lang: str) -> list[str]:
    """One line per reason, its details together: 'data: +2024 12.5 (003 二(一)), 2020 8 → 8.5'."""
    grouped: dict[str, list[str]] = {}
    for code, detail in why:
        grouped.setdefault(code, []).append(detail)
    sep = word("list_separator", lang)
    return [word("why_line", lang, reason=pick("reason", code, lang), details=sep.join(details))
            for code, details in grouped.items()]


def _pair(before, after, show, arrow: str = "→") -> str:
    x, y = show(before), show(after)
    return x if x == y else f"{x} {arrow} {y}"


def columns(lang: str) -> list[Column]:
    return [
        Column("kind", word("kind", lang), lambda r: pick("kind", r["kind"], lang), priority=4),
        ids("id", word("id", lang)),
        ids("horizon", word("horizon", lang)),
        Column("score", word("score", lang),
               lambda r: supposed(_pair(r["score_before"], r["score_after"], lambda v: number(v, 1)), r),
               numeric=True, wraps=True, min_width=6),
        Column("status", word("status", lang),
               lambda r: _pair(r["status_before"], r["status_after"], lambda v: pick("status", v, lang)),
               priority=2),
        Column("trend", word("trend", lang),
               lambda r: _pair(r["trend_before"], r["trend_after"], lambda v: trend(v, lang), "⇒"),
               priority=3),
        Column("why", word("why", lang), lambda r: "; ".join(r["why"]) or "–", min_width=24),
    ]


def document(changes: list[Change], lang: str, *, title: str = "", meta: dict | None = None,
             notes: list[str] | None = None, after=None) -> Document:
    """The changes; `after`, the data under a scenario when that is what is compared."""
    section = Section("changes", word("changes", lang), columns(lang),
                      rows(changes, lang, scenario(after) is not None), empty=word("nothing", lang),
                      fields=FIELDS, ranked=True)
    return hypothetical(Document(dict(meta or {}), [section], [*(notes or []), word("note_why", lang)], title,
                                 **table_words(lang)), after, lang)
