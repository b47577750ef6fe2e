"""`scorecard show ID`: one indicator in full (series, peers, targets, pace), or an action or shortfall."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, number
from scorecard.score import method as m
from scorecard.score.card import score_indicator, series
from scorecard.views.labels import STATE, STATUS, TREND, pick, word


def indicator(ds: Dataset, ind_id: str, lang: str) -> Document:
    ind = ds.indicators[ind_id]
    years = [o.year for o in ind.observations]
    clash = {y for y in years if years.count(y) > 1}
    peer_years = [(b.peer, b.year) for b in ind.benchmarks]
    peer_clash = {k for k in peer_years if peer_years.count(k) > 1}
    obs = [
        {"year": o.year, "value": o.value, "source": o.source, "quote": o.quote,
         "derived": o.derived, "conflict": o.year in clash}
        for o in sorted(ind.observations, key=lambda o: o.year)
    ]
    bench = [
        {"peer": b.peer, "peer_name": ds.peers[b.peer].name.get(lang), "year": b.year,
         "value": b.value, "source": b.source, "quote": b.quote, "derived": b.derived,
         "conflict": (b.peer, b.year) in peer_clash}
        for b in sorted(ind.benchmarks, key=lambda b: (b.peer, b.year))
    ]
    targets = []
    for h in ds.horizons.values():
        t = ind.targets.get(h.id)
        r = score_indicator(ds, ind, h)
        needed = done = None
        if t is not None and r.latest is not None:
            needed, done = m.unit_pace(t.value, r.latest.value, r.latest.year, h.year,
                                       r.baseline.value, r.baseline.year)
        targets.append({
            "horizon": h.id, "year": h.year, "value": t.value if t else None,
            "basis": t.basis if t else None, "reason": t.reason if t else None,
            "source": t.source if t else None, "score": r.score,
            "status": r.status.value if r.status else None,
            "trend": r.trend.value if r.trend else None, "progress": r.progress,
            "needed_per_year": needed, "done_per_year": done,
        })

    sections = [
        Section("observations", word("observations", lang), _point_columns(lang), obs, empty="–"),
        chart(ind, targets, lang),
        Section("benchmarks", word("benchmarks", lang),
                [Column("peer_name", word("peer_plain", lang)), *_point_columns(lang)], bench, empty="–"),
        Section("targets", word("targets", lang), [
            Column("horizon", word("horizon", lang), lambda r: f"{r['horizon']} {r['year']}"),
            Column("value", word("target", lang),
                   lambda r: number(r["value"]) + ("*" if r["basis"] == "assumption" else ""), numeric=True),
            Column("score", word("score", lang), lambda r: number(r["score"], 1), numeric=True),
            Column("status", word("status", lang), lambda r: pick(STATUS, r["status"], lang)),
            Column("trend", word("trend", lang), lambda r: pick(TREND, r["trend"], lang)),
            Column("pace", word("pace", lang), lambda r: _pace(r, lang)),
            Column("reason", word("basis", lang)),
        ], targets, empty="–"),
    ]
    meta = {
        "id": ind.id, "name": ind.name.get(lang), "unit": ind.unit.get(lang), "kind": ind.kind,
        "direction": ind.direction, "floor": ind.lower_bound, "shortfalls": list(ind.shortfalls),
        "actions": [a.id for a in ds.actions.values() if ind.id in a.indicators],
        "conflict": bool(clash or peer_clash),
    }
    title = (f"{ind.id} · {ind.name.get(lang)} ({ind.unit.get(lang)}, {word(ind.direction, lang)}) · "
             f"{word('shortfalls', lang)}: {', '.join(ind.shortfalls)}")
    notes = [word("note_assumption", lang)]
    if clash or peer_clash:
        notes.append(word("note_conflict", lang).replace("（见 scorecard show）", "").replace(" (see scorecard show)", ""))
    return Document(meta, sections, notes, title)


def _year(row: dict) -> str:
    return str(row["year"])


BAR_WIDTH = 24
TREND_ARROW = {"on_track": "↑", "moderate": "➚", "stagnating": "→", "decreasing": "↓"}
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, low: float, high: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of block characters, in eighths of a cell, for `value` on [low, high]."""
    if high <= low:
        return "█" * width if value > low else ""
    eighths = round(max(0.0, min(1.0, (value - low) / (high - low))) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def chart(ind, targets: list[dict], lang: str) -> Section:
    """The series year by year, then each horizon's target, as bars on one scale.

    Rows keep raw values (JSON, CSV); the bars exist only in the column's text,
    scaled from zero (or the lowest value, if below zero) to the highest value.
    """
    rows = [{"year": o.year, "value": o.value, "kind": "observed", "horizon": None, "basis": None,
             "trend": None, "needed_per_year": None, "done_per_year": None}
            for o in series(ind.observations)]
    rows += [{"year": t["year"], "value": t["value"], "kind": "target", "horizon": t["horizon"],
              "basis": t["basis"], "trend": t["trend"], "needed_per_year": t["needed_per_year"],
              "done_per_year": t["done_per_year"]} for t in targets if t["value"] is not None]
    values = [r["value"] for r in rows]
    low, high = (min(0.0, *values), max(values)) if values else (0.0, 0.0)

    def shown(r):
        return bar(r["value"], low, high)

    def label(r):
        if r["kind"] != "target":
            return ""
        mark = "*" if r["basis"] == "assumption" else ""
        parts = [f"{word('target', lang)} {r['horizon']}{mark}", TREND_ARROW.get(r["trend"], ""),
                 _pace(r, lang).strip("–")]
        return " ".join(p for p in parts if p)

    arrows = [f"{TREND_ARROW[r['trend']]} {r['horizon']}" for r in rows if r["trend"]]
    title = "Series over the years" if lang == "en" else "历年数值"
    if arrows:
        title += f" · {word('trend', lang)} {', '.join(arrows)}"
    elif sum(r["kind"] == "observed" for r in rows) == 1:
        title += " · " + ("no trend from one observation" if lang == "en" else "仅一期观测值，无趋势")
    return Section("series", title, [
        Column("year", word("when", lang), _year),
        Column("value", word("value", lang), numeric=True),
        Column("bar", "", shown, wrap=0),
        Column("kind", "", label),
    ], rows, empty="–")


def _point_columns(lang: str) -> list[Column]:
    """Year, value, source, how it was derived, and a conflict mark: observations and benchmarks alike."""
    return [
        Column("year", word("when", lang), _year),
        Column("value", word("value", lang), numeric=True),
        Column("source", word("source", lang)),
        Column("derived", word("derived", lang), lambda r: r["derived"] or ""),
        Column("conflict", "", lambda r: "!" if r["conflict"] else ""),
    ]


def _pace(row: dict, lang: str) -> str:
    needed, done = row["needed_per_year"], row["done_per_year"]
    if needed is None:
        return "–"
    sign = "+" if needed >= 0 else ""
    text = (f"needs {sign}{number(needed)} a year" if lang == "en" else f"每年需 {sign}{number(needed)}")
    if done is not None:
        dsign = "+" if done >= 0 else ""
        text += (f", has done {dsign}{number(done)}" if lang == "en" else f"，此前每年 {dsign}{number(done)}")
    return text


def action(ds: Dataset, action_id: str, lang: str) -> Document:
    a = ds.actions[action_id]
    rows = [{"id": s.id, "name": ds.shortfalls[s.id].name.get(lang), "reason": s.reason}
            for s in a.shortfalls]
    ind_rows = [{"id": i, "name": ds.indicators[i].name.get(lang)} for i in a.indicators]
    meta = {"id": a.id, "name": a.name.get(lang), "programme": a.programme, "source": a.source,
            "measures": a.measures.get(lang), "state": a.status.state,
            "shortfalls": [s.id for s in a.shortfalls], "indicators": list(a.indicators)}
    title = f"{a.id} · {a.name.get(lang)} · {a.source} · {pick(STATE, a.status.state, lang)}"
    sections = [
        Section("shortfall_reasons", word("shortfalls", lang),
                [Column("id", word("id", lang)), Column("name", word("name", lang)),
                 Column("reason", word("basis", lang))], rows),
        Section("indicator_names", word("indicator", lang),
                [Column("id", word("id", lang)), Column("name", word("name", lang))], ind_rows,
                empty=word("action_without_indicator", lang)),
    ]
    notes = [a.measures.get(lang)] + ([a.note] if a.note else [])
    return Document(meta | {"note": a.note}, sections, notes, title)


def shortfall(ds: Dataset, shortfall_id: str, lang: str) -> Document:
    s = ds.shortfalls[shortfall_id]
    inds = [{"id": i.id, "name": i.name.get(lang)} for i in ds.indicators.values() if s.id in i.shortfalls]
    acts = [{"id": a.id, "name": a.name.get(lang), "reason": x.reason}
            for a in ds.actions.values() for x in a.shortfalls if x.id == s.id]
    meta = {"id": s.id, "name": s.name.get(lang), "source": s.source, "gap": s.gap.get(lang),
            "status_quo": s.status_quo.get(lang) if s.status_quo else None, "related": list(s.related)}
    title = f"{s.id} · {s.name.get(lang)} · {s.source}"
    notes = [x for x in (s.status_quo.get(lang) if s.status_quo else None, s.gap.get(lang)) if x]
    sections = [
        Section("indicators", word("indicator", lang),
                [Column("id", word("id", lang)), Column("name", word("name", lang))], inds),
        Section("actions", word("actions", lang),
                [Column("id", word("id", lang)), Column("name", word("name", lang)),
                 Column("reason", word("basis", lang))], acts,
                empty=word("shortfall_without_action", lang)),
    ]
    return Document(meta, sections, notes, title)
