"""`scorecard diff` and the report of `scorecard set`: scores before and after, and why they moved."""

from __future__ import annotations

from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.compare import Change
from scorecard.views.columns import hypothetical, scenario, supposed
from scorecard.views.labels import pick, table_words, trend, word


FIELDS = ("kind", "id", "horizon", "name", "score_before", "score_after", "score_change",
          "status_before", "status_after", "trend_before", "trend_after", "target_before", "target_after",
          "peer_before", "peer_after", "peer_value_before", "peer_value_after", "priority_before",
          "priority_after", "rank_before", "rank_after", "moved", "reasons", "why", "scenario")
_PAIRS = ("target", "peer", "peer_value", "priority", "rank")


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
            **{f"{name}_{when}": getattr(state, name) if state else None
               for name in _PAIRS for when, state in (("before", b), ("after", a))},
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
               priority=5),
        Column("target", word("target", lang),
               lambda r: _pair(r["target_before"], r["target_after"], number), numeric=True, wraps=True,
               min_width=6, priority=3),
        Column("peer", word("peer", lang), _peer, priority=6, min_width=12),
        Column("rank", word("rank", lang),
               lambda r: _pair(r["rank_before"], r["rank_after"], number), numeric=True, wraps=True,
               min_width=4, priority=2),
        Column("priority", word("priority", lang),
               lambda r: _pair(r["priority_before"], r["priority_after"], lambda v: number(v, 1)),
               numeric=True, wraps=True, min_width=6, priority=7),
        Column("why", word("why", lang), lambda r: "; ".join(r["why"]) or "–", min_width=24),
    ]


def _peer(row: dict) -> str:
    def best(peer, value):
        return "–" if peer is None else f"{peer} {number(value)}"

    return _pair((row["peer_before"], row["peer_value_before"]), (row["peer_after"], row["peer_value_after"]),
                 lambda pv: best(*pv))


def document(changes: list[Change], lang: str, *, title: str = "", meta: dict | None = None,
             notes: list[str] | None = None, after=None) -> Document:
    """The changes; `after`, the data under a scenario when that is what is compared."""
    section = Section("changes", word("changes", lang), columns(lang),
                      rows(changes, lang, scenario(after) is not None), empty=word("nothing", lang),
                      fields=FIELDS, ranked=True)
    return hypothetical(Document(dict(meta or {}), [section], [*(notes or []), word("note_why", lang)], title,
                                 **table_words(lang)), after, lang)
