"""`scorecard show ID`: one indicator in full (series, peers, targets, pace), or an action or shortfall."""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids, number, year
from scorecard.score import method as m
from scorecard.score.card import across_horizons, figures
from scorecard.views import targets as tv
from scorecard.views.columns import assumed, hypothetical, is_hypothetical, rests, status_column, supposed
from scorecard.views.labels import pick, table_words, trend, word


def indicator(ds: Dataset, ind_id: str, lang: str) -> Document:
    ind = ds.indicators[ind_id]
    p, scores = across_horizons(ds, ind)
    observed, compared = figures(p)

    def point(f) -> dict:
        x = f.point
        return {"year": x.year, "value": x.value, "relation": x.bound, "source": x.source,
                "quote": x.quote, "derived": x.derived, "conflict": f.conflict, "scored": f.scored,
                "scenario": is_hypothetical(x)}

    obs = [point(f) for f in observed]
    bench = [{"peer": f.point.peer, "peer_name": ds.peers[f.point.peer].name.get(lang), **point(f)}
             for f in compared]
    targets = []
    for r in scores:
        t, h = r.target, r.horizon
        needed, done = r.unit_pace
        targets.append({
            "horizon": h.id, "year": h.year, "value": t.value if t else None,
            "basis": t.basis if t else None, "rule": t.parameters() if t else None,
            "how": tv.describe(t, ds, lang) if t else tv.why_none(r.missing, lang),
            "missing": r.missing.reason if r.missing else None,
            "source": t.given.source if t and t.given else None, "score": r.score,
            "score_bound": r.score_bound, "status": r.status.value if r.status else None,
            "trend": r.trend.value if r.trend else None, "progress": r.progress,
            "needed_per_year": needed, "done_per_year": done, "scenario": rests(ds, r),
        })

    subject = ds.indicators_file.subject
    sections = [
        Section("observations", word("observations_of", lang, subject=subject.get(lang)) if subject
                else word("observations", lang), _point_columns(lang), obs, empty="–"),
        chart(p, targets, subject.get(lang) if subject else None, lang),
        Section("benchmarks", word("benchmarks", lang),
                [Column("peer_name", word("peer_plain", lang), min_width=12), *_point_columns(lang)], bench,
                empty="–"),
        Section("targets", word("targets", lang), [
            ids("horizon", word("horizon", lang), lambda r: f"{r['horizon']} {r['year']}"),
            Column("value", word("target", lang), lambda r: assumed(number(r["value"]), r["basis"]),
                   numeric=True),
            Column("score", word("score", lang), lambda r: supposed(tv.score(r["score"], r["score_bound"]), r),
                   numeric=True),
            status_column(lang, priority=2),
            Column("trend", word("trend", lang), lambda r: trend(r["trend"], lang), priority=3),
            Column("pace", word("pace", lang), lambda r: _pace(r, lang), priority=4, min_width=12),
            Column("how", word("basis", lang), min_width=24),
        ], targets, empty="–"),
    ]
    conflicts = [x for x in (*obs, *bench) if x["conflict"] and x["scored"]]
    meta = {
        "id": ind.id, "name": ind.name.get(lang), "unit": ind.unit.get(lang), "kind": ind.kind,
        "direction": ind.direction, "scale": ind.scale, "floor": p.floor, "floor_basis": p.floor_basis,
        "shortfalls": list(ind.shortfalls),
        "actions": list(ds.actions_for(ind.id)),
        "rule": ind.rule_name, "unscored": ind.unscored, "conflict": p.conflict,
        "conflict_note": ind.conflict_note,
    }
    title = word("indicator_title", lang, id=ind.id, name=ind.name.get(lang), unit=ind.unit.get(lang),
                 direction=pick("direction", ind.direction, lang), shortfalls=", ".join(ind.shortfalls))
    notes = [word("note_assumption", lang)] if any(t["basis"] == "assumption" for t in targets) else []
    if ind.unscored:
        notes.insert(0, tv.why_none(p.missing.get(next(iter(ds.horizons))), lang))
    for x in conflicts:
        who = f"{x['peer_name']} " if "peer_name" in x else ""
        notes.append(word("note_conflict_show", lang,
                          scored=f"{who}{x['year']}: {x['source']} {tv.figure(x['value'], x['relation'])}"))
    if conflicts and ind.conflict_note:
        notes.append(ind.conflict_note)
    if ind.note:
        notes.append(ind.note)
    return hypothetical(Document(meta, sections, notes, title, **table_words(lang)), ds, lang)


def _year(row: dict) -> str:
    return year(row["year"])


BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, low: float, high: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of block characters, in eighths of a cell, for `value` on [low, high]."""
    if high <= low:
        return "█" * width if value > low else ""
    eighths = round(max(0.0, min(1.0, (value - low) / (high - low))) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def chart(p, targets: list[dict], subject: str | None, lang: str) -> Section:
    """The series year by year, then each horizon's target, as bars on one scale.

    Rows keep raw values (JSON, CSV); the bars exist only in the column's text,
    scaled from zero (or the lowest value, if below zero) to the highest value.
    """
    rows = [{"year": o.year, "value": o.value, "kind": "observed", "horizon": None, "basis": None,
             "trend": None, "needed_per_year": None, "done_per_year": None, "scenario": is_hypothetical(o)}
            for o in p.series]
    rows += [{"year": t["year"], "value": t["value"], "kind": "target", "horizon": t["horizon"],
              "basis": t["basis"], "trend": t["trend"], "needed_per_year": t["needed_per_year"],
              "done_per_year": t["done_per_year"], "scenario": t["scenario"]}
             for t in targets if t["value"] is not None]
    values = [r["value"] for r in rows]
    low, high = (min(0.0, *values), max(values)) if values else (0.0, 0.0)

    def shown(r):
        return bar(r["value"], low, high)

    def label(r):
        if r["kind"] != "target":
            return supposed("", r).strip()
        parts = [assumed(word("target_at", lang, horizon=r["horizon"]), r["basis"]),
                 (m.Trend(r["trend"]).arrow if r["trend"] else ""), _pace(r, lang).strip("–")]
        return supposed(" ".join(p for p in parts if p), r)

    arrows = [f"{m.Trend(r['trend']).arrow} {r['horizon']}" for r in rows if r["trend"]]
    title = word("series_of", lang, subject=subject) if subject else word("series", lang)
    if arrows:
        title = word("series_trend", lang, title=title, arrows=", ".join(arrows))
    elif sum(r["kind"] == "observed" for r in rows) == 1:
        title = word("series_one", lang, title=title)
    return Section("series", title, [
        Column("year", word("when", lang), _year),
        Column("value", word("value", lang), numeric=True),
        Column("bar", "", shown, wraps=False),
        Column("kind", "", label, priority=2),
    ], rows, empty="–")


def _point_columns(lang: str) -> list[Column]:
    """Year, value, source, how it was derived, and a conflict mark: observations and benchmarks alike."""
    return [
        Column("year", word("when", lang), _year),
        Column("value", word("value", lang), lambda r: tv.figure(r["value"], r["relation"]), numeric=True),
        ids("source", word("source", lang)),
        Column("derived", word("derived", lang), lambda r: r["derived"] or "", priority=2, min_width=20),
        Column("conflict", "", lambda r: supposed(_conflict(r), r).strip()),
    ]


def _conflict(row: dict) -> str:
    return ("! ✓" if row["scored"] else "!") if row["conflict"] else ""


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "") + number(value)


def _pace(row: dict, lang: str) -> str:
    needed, done = row["needed_per_year"], row["done_per_year"]
    if needed is None:
        return "–"
    if done is None:
        return word("pace_needed", lang, change=_signed(needed))
    return word("pace_done", lang, change=_signed(needed), done=_signed(done))


def action(ds: Dataset, action_id: str, lang: str) -> Document:
    a = ds.actions[action_id]
    rows = [{"id": s.id, "name": ds.shortfalls[s.id].name.get(lang), "reason": s.reason}
            for s in a.shortfalls]
    ind_rows = [{"id": x.id, "name": ds.indicators[x.id].name.get(lang), "reason": x.reason}
                for x in a.indicators]
    meta = {"id": a.id, "name": a.name.get(lang), "programme": a.programme, "source": a.source,
            "measures": a.measures.get(lang), "state": a.status.state,
            "shortfalls": [s.id for s in a.shortfalls], "indicators": list(a.indicator_ids)}
    title = word("action_title", lang, id=a.id, name=a.name.get(lang), source=a.source,
                 state=pick("state", a.status.state, lang))
    sections = [
        Section("shortfall_reasons", word("shortfalls", lang),
                [ids("id", word("id", lang)), Column("name", word("name", lang), min_width=20),
                 Column("reason", word("basis", lang), min_width=20)], rows),
        Section("indicator_names", word("indicator", lang),
                [ids("id", word("id", lang)), Column("name", word("name", lang), min_width=20),
                 Column("reason", word("basis", lang), min_width=20)], ind_rows,
                empty=pick("blind", "action_without_indicator", lang)),
    ]
    notes = [a.measures.get(lang)] + ([a.note] if a.note else [])
    return hypothetical(Document(meta | {"note": a.note}, sections, notes, title, **table_words(lang)), ds, lang)


def shortfall(ds: Dataset, shortfall_id: str, lang: str) -> Document:
    s = ds.shortfalls[shortfall_id]
    inds = [{"id": i.id, "name": i.name.get(lang)} for i in ds.indicators.values() if s.id in i.shortfalls]
    acts = [{"id": a.id, "name": a.name.get(lang), "reason": x.reason}
            for a in ds.actions.values() for x in a.shortfalls if x.id == s.id]
    meta = {"id": s.id, "name": s.name.get(lang), "source": s.source, "gap": s.gap.get(lang),
            "status_quo": s.status_quo.get(lang) if s.status_quo else None, "related": list(s.related)}
    title = word("shortfall_title", lang, id=s.id, name=s.name.get(lang), source=s.source)
    notes = [x for x in (s.status_quo.get(lang) if s.status_quo else None, s.gap.get(lang)) if x]
    sections = [
        Section("indicators", word("indicator", lang),
                [ids("id", word("id", lang)), Column("name", word("name", lang), min_width=20)], inds),
        Section("actions", word("actions", lang),
                [ids("id", word("id", lang)), Column("name", word("name", lang), min_width=20),
                 Column("reason", word("basis", lang), min_width=20)], acts,
                empty=pick("blind", "shortfall_without_action", lang)),
    ]
    return hypothetical(Document(meta, sections, notes, title, **table_words(lang)), ds, lang)
