"""One indicator as the report shows it: a small chart, the same figures as a table beside it,
its score at each horizon and how each target was set."""

from __future__ import annotations

from collections.abc import Sequence

from scorecard.load.dataset import Dataset
from scorecard.numbers import number
from scorecard.report import svg
from scorecard.report.parts import Chart, Table
from scorecard.score.card import IndicatorScore
from scorecard.score.figures import latest_by_peer
from scorecard.views import targets as tv
from scorecard.views.columns import assumed
from scorecard.views.labels import pick, trend, word


def charted(scores: Sequence[IndicatorScore]) -> bool:
    """Worth a chart: a target at one of the horizons shown at least."""
    return any(r.target is not None for r in scores)


def chart(ds: Dataset, scores: Sequence[IndicatorScore], n: int, lang: str) -> Chart:
    """The indicator of `scores` (one per horizon shown, in order); `n` numbers the chart."""
    p = scores[0].plan
    ind = p.indicator
    subject = ds.indicators_file.subject
    who = subject.get(lang) if subject else word("report.subject", lang)
    peers = sorted(latest_by_peer(p.benchmarks).values(),
                   key=lambda b: (b.value if ind.direction == "lower" else -b.value, b.peer))

    def horizon(r: IndicatorScore) -> str:
        return r.horizon.name.get(lang)

    goals = [r for r in scores if r.target is not None]
    spec = svg.Chart(
        ident=f"chart-{n}",
        title=ind.name.get(lang),
        desc=_desc(ds, scores, peers, who, lang),
        series=tuple(svg.Point(o.year, o.value, o.bound, tv.figure(o.value, o.bound)) for o in p.series),
        goals=tuple(svg.Goal(r.horizon.year, r.target.value,
                             f"{assumed(number(r.target.value), r.target.basis)} {horizon(r)}") for r in goals),
        references=tuple(svg.Reference(b.value, b.bound, f"{ds.peers[b.peer].name.get(lang)} "
                                                         f"{tv.figure(b.value, b.bound)}") for b in peers),
        reversed=ind.scale == "reciprocal",
    )
    rows = [(who, str(o.year), tv.figure(o.value, o.bound), o.source) for o in p.series]
    rows += [(word("report.target_at", lang, horizon=horizon(r)), str(r.horizon.year),
              assumed(number(r.target.value), r.target.basis), _basis(r, lang)) for r in goals]
    rows += [(ds.peers[b.peer].name.get(lang), str(b.year), tv.figure(b.value, b.bound), b.source)
             for b in peers]
    table = Table((word("report.what", lang), word("when", lang), word("value", lang),
                   word("source", lang)), tuple(rows), frozenset({1, 2}))
    about = [ind.unit.get(lang), pick("direction", ind.direction, lang)]
    if ind.scale == "reciprocal":
        about.append(word("report.rank_scale", lang))
    return Chart(
        anchor=f"indicator-{ind.id}", title=ind.name.get(lang), about=" · ".join(about),
        svg=svg.draw(spec), file_name=f"chart-{n:02d}-{ind.id}.svg",
        table=table, scores=tuple(_score(r, lang) for r in scores),
        basis=tuple(_how(r, ds, lang) for r in scores), notes=tuple(_notes(ds, p, lang)),
    )


def _basis(r: IndicatorScore, lang: str) -> str:
    t = r.target
    if t.given is not None and t.given.basis == "stated":
        return t.given.source
    return word("report.assumption", lang)


def _score(r: IndicatorScore, lang: str) -> str:
    """'Near term: 34.6 · significant challenges · no trend (one figure)'."""
    if r.score is None:
        return word("report.score_none", lang, horizon=r.horizon.name.get(lang))
    moving = trend(r.trend.value, lang) if r.trend else word("report.one_figure", lang)
    return word("report.score_line", lang, horizon=r.horizon.name.get(lang),
                score=tv.score(r.score, r.score_bound), status=pick("status", r.status.value, lang),
                trend=moving)


def _how(r: IndicatorScore, ds: Dataset, lang: str) -> str:
    """How the horizon's target was set (the rule with its arithmetic), or why there is none."""
    h = r.horizon
    t = r.target
    if t is None:
        how = tv.why_none(r.missing, lang)
    else:
        how = tv.describe(t, ds, lang)
        if t.given is not None and t.given.quote:
            how = word("report.quoted", lang, how=how, quote=t.given.quote)
    return word("report.how", lang, horizon=h.name.get(lang), year=h.year, how=how)


def _notes(ds: Dataset, p, lang: str) -> list[str]:
    """Where the sources disagree on a figure of this indicator: which one is scored, and why."""
    if not p.conflict:
        return []
    from scorecard.score.card import figures

    observed, compared = figures(p)
    out = []
    for f in (*observed, *compared):
        if f.conflict and f.scored:
            peer = getattr(f.point, "peer", None)
            who = f"{ds.peers[peer].name.get(lang)} " if peer else ""
            out.append(word("note_conflict_show", lang, scored=f"{who}{f.point.year}: {f.point.source} "
                                                                  f"{tv.figure(f.point.value, f.point.bound)}"))
    if p.indicator.conflict_note:
        out.append(p.indicator.conflict_note)
    return out


def _desc(ds: Dataset, scores: Sequence[IndicatorScore], peers, who: str, lang: str) -> str:
    """The chart in one paragraph, for a reader who cannot see it."""
    p = scores[0].plan
    sep = word("list_separator", lang)
    series = sep.join(word("report.desc_point", lang, value=tv.figure(o.value, o.bound), year=o.year)
                      for o in p.series) or "–"
    goals = sep.join(word("report.desc_goal", lang, horizon=r.horizon.name.get(lang), year=r.horizon.year,
                          value=assumed(number(r.target.value), r.target.basis))
                     for r in scores if r.target is not None)
    others = sep.join(f"{ds.peers[b.peer].name.get(lang)} {tv.figure(b.value, b.bound)} ({b.year})"
                      for b in peers) or "–"
    return word("report.desc", lang, subject=who, series=series, targets=goals, peers=others)
