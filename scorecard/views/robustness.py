"""`scorecard robustness`: how sure each rank is, and which assumption moves the ranking most."""

from __future__ import annotations

import math

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, number
from scorecard.score.robustness import Analysis, RankStats, Uncertain
from scorecard.views import targets as tv
from scorecard.views.labels import pick, table_words, word


def share(value: float) -> str:
    """A share of draws as a percentage; never 0% or 100% unless it is exactly that."""
    percent = math.floor(value * 100 + 0.5)  # half up, as a reader rounds
    if value > 0 and percent == 0:
        return "<1%"
    if value < 1 and percent == 100:
        return ">99%"
    return f"{percent}%"


def count_word(k: int, lang: str) -> str:
    return word(f"count.{k}", lang) if 1 <= k <= 10 else str(k)


def sentence(row: dict, draws: int, top: int, lang: str) -> str:
    """What a reader can paste: how often the shortfall is among the largest gaps, and where
    its rank lies in at least nine draws out of ten."""
    fixed = row["rank_p05"] == row["rank_p95"]
    key = {(False, False): "sentence_top", (False, True): "sentence_first",
           (True, False): "sentence_fixed", (True, True): "sentence_fixed_first"}[(fixed, top == 1)]
    return word(key, lang).format(name=row["name"], k=count_word(top, lang), share=share(row["top_share"]),
                                  draws=number(draws), low=row["rank_p05"], high=row["rank_p95"])


def _ranked(s: RankStats) -> dict:
    return {
        "rank": s.rank,
        "rank_median": s.median,
        "rank_p05": s.p05,
        "rank_p95": s.p95,
        "top_share": s.top,
        "bands": dict(s.bands),
    }


def _interval(row: dict) -> str:
    if row["rank_p05"] is None:
        return "–"
    low, high = row["rank_p05"], row["rank_p95"]
    return str(low) if low == high else f"{low}–{high}"


def _bands(row: dict, lang: str) -> str:
    shares = sorted(((v, k) for k, v in row["bands"].items() if v > 0), key=lambda t: (-t[0], t[1]))
    return " · ".join(f"{pick('status', k, lang)} {share(v)}" for v, k in shares) or "–"


def _label(kind: str, rule: str | None, lang: str) -> str:
    name = pick("assumption", kind, lang)
    return f"{name} ({rule})" if rule else name


def _driver(row: dict, lang: str) -> str:
    d = row.get("driver")
    if not d:
        return "–"
    return f"{_label(d['assumption'], d['rule'], lang)} {number(d['total'], 2)}"


def _columns(lang: str, top: int, *, first: list[Column], extra: list[Column] = ()) -> list[Column]:
    return [
        Column("rank", word("rank", lang), numeric=True),
        *first,
        Column("rank_median", word("rank_median", lang), numeric=True),
        Column("rank_interval", word("rank_interval", lang), _interval, numeric=True),
        Column("top_share", word("top_share", lang).format(k=top), lambda r: share(r["top_share"]),
               numeric=True),
        Column("bands", word("band_shares", lang), lambda r: _bands(r, lang), priority=3, min_width=16),
        *extra,
    ]


def _drivers(analysis: Analysis) -> dict[str, dict]:
    """For each shortfall, the assumption with the largest total index on its rank."""
    out = {}
    for s in analysis.sensitivity:
        if s.output != "rank":
            continue
        known = [(i.total, n) for n, i in enumerate(s.indices) if i.total is not None]
        if known:
            total, n = max(known, key=lambda t: (t[0], -t[1]))
            u = analysis.uncertain[n]
            out[s.id] = {"assumption": u.kind, "rule": u.rule, "total": total}
    return out


def shortfall_section(analysis: Analysis, ds: Dataset, lang: str) -> Section:
    drivers = _drivers(analysis)
    rows = []
    for s in analysis.levels["shortfalls"]:
        row = {"id": s.id, "name": ds.shortfalls[s.id].name.get(lang), **_ranked(s), "score": s.score,
               "status": s.status.value if s.status else None, "driver": drivers.get(s.id)}
        row["sentence"] = sentence(row, analysis.draws, analysis.top, lang) if s.rank is not None else None
        rows.append(row)
    columns = _columns(lang, analysis.top, first=[
        ids("id", word("id", lang)),
        Column("name", word("shortfall", lang), min_width=16),
    ], extra=[Column("driver", word("driver", lang), lambda r: _driver(r, lang), priority=2, min_width=14)])
    return Section("shortfalls", word("robust_shortfalls", lang), columns, rows, ranked=True)


def action_section(analysis: Analysis, ds: Dataset, lang: str) -> Section:
    rows = [{"id": s.id, "name": ds.actions[s.id].name.get(lang), **_ranked(s), "priority": s.score,
             "status": s.status.value if s.status else None}
            for s in analysis.levels["actions"]]
    columns = _columns(lang, analysis.top, first=[
        ids("id", word("id", lang)),
        Column("name", word("action", lang), min_width=16, priority=4),
    ])
    return Section("actions", word("robust_actions", lang), columns, rows, ranked=True)


def indicator_section(analysis: Analysis, ds: Dataset, lang: str) -> Section:
    rows = []
    for s in analysis.levels["indicators"]:
        ind = ds.indicators[s.id]
        rows.append({"id": s.id, "name": ind.name.get(lang), "shortfalls": list(ind.shortfalls), **_ranked(s),
                     "score": s.score, "status": s.status.value if s.status else None})
    columns = _columns(lang, analysis.top, first=[Column("name", word("indicator", lang), min_width=20)])
    return Section("indicators", word("robust_indicators", lang), columns, rows, ranked=True)


def _drawn_from(row: dict, lang: str) -> str:
    if row["alternatives"]:
        return ", ".join(row["alternatives"])
    if row["assumption"] == "weight":
        return f"×{number(row['low'])} – ×{number(row['high'])}"
    if row["assumption"] == "band":
        return f"±{number(row['high'])}"
    return f"{tv.fraction(row['low'])} – {tv.fraction(row['high'])}"


def _nominal(row: dict, lang: str) -> str:
    value = row["nominal"]
    if value is None:
        return word("as_declared", lang)
    return tv.fraction(value) if isinstance(value, float) else str(value)


def assumption_section(analysis: Analysis, lang: str) -> Section:
    rows = [_assumption(u) for u in analysis.uncertain]
    columns = [
        Column("assumption", word("assumption", lang), lambda r: pick("assumption", r["assumption"], lang)),
        Column("rule", word("rule", lang)),
        Column("indicators", word("indicator", lang), numeric=True),
        Column("nominal", word("nominal", lang), lambda r: _nominal(r, lang)),
        Column("drawn_from", word("drawn_from", lang), lambda r: _drawn_from(r, lang)),
    ]
    return Section("assumptions", word("robust_assumptions", lang), columns, rows,
                   empty=word("no_assumptions", lang))


def _assumption(u: Uncertain) -> dict:
    return {"assumption": u.kind, "rule": u.rule, "indicators": u.indicators, "inputs": u.width,
            "nominal": u.nominal, "low": u.low, "high": u.high,
            "alternatives": list(u.alternatives) or None}


def _index(value: float | None, margin: float | None) -> str:
    if value is None:
        return "–"
    shown = f"{value:.2f}".replace("-0.00", "0.00")
    return f"{shown} ± {margin:.2f}"


def sensitivity_section(analysis: Analysis, lang: str) -> Section:
    rows = []
    for s in analysis.sensitivity:
        for u, i in zip(analysis.uncertain, s.indices):
            rows.append({"output": s.output, "id": s.id, "assumption": u.kind, "rule": u.rule,
                         "first_order": i.first_order, "first_order_margin": i.first_order_margin,
                         "total": i.total, "total_margin": i.total_margin})
    columns = [
        Column("output", word("output", lang), lambda r: word("rank_shift", lang) if r["id"] is None
               else word("rank_of", lang).format(id=r["id"])),
        Column("assumption", word("assumption", lang), lambda r: _label(r["assumption"], r["rule"], lang)),
        Column("first_order", word("first_order", lang),
               lambda r: _index(r["first_order"], r["first_order_margin"]), numeric=True),
        Column("total", word("total_order", lang), lambda r: _index(r["total"], r["total_margin"]),
               numeric=True),
    ]
    return Section("sensitivity", word("robust_sensitivity", lang), columns, rows,
                   empty=word("no_assumptions", lang))


def document(analysis: Analysis, ds: Dataset, lang: str) -> Document:
    h = analysis.horizon
    shift = dict(analysis.shift)
    meta = {
        "horizon": h.id,
        "horizon_year": h.year,
        "draws": analysis.draws,
        "seed": analysis.seed,
        "top": analysis.top,
        "runs": analysis.runs,
        "rank_shift": shift,
    }
    shortfalls = shortfall_section(analysis, ds, lang)
    sections = [shortfalls, action_section(analysis, ds, lang), indicator_section(analysis, ds, lang),
                assumption_section(analysis, lang), sensitivity_section(analysis, lang)]
    notes = [r["sentence"] for r in shortfalls.rows if r["sentence"]]
    notes += [word("note_robust_ranks", lang),
              word("note_robust_shift", lang).format(**{k: number(v, 2) for k, v in shift.items()})]
    if analysis.sensitivity:
        notes.append(word("note_robust_runs", lang).format(
            draws=number(analysis.draws), groups=len(analysis.uncertain), runs=number(analysis.runs)))
    title = word("robustness_title", lang).format(horizon=h.name.get(lang), year=h.year,
                                                  draws=number(analysis.draws))
    return Document(meta, sections, notes, title, **table_words(lang))
