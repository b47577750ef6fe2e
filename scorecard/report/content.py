"""The report's content: the scorecard at each horizon shown, turned into worded parts.

A view, as `views/*` are: it decides nothing about scores (every score, band and priority comes
from `score/`, and the trend of an aggregate from `score.trend`), and every word comes from
`views/labels.py`. The summary and the dashboard rank shortfalls as the first horizon shown
ranks them; each indicator is charted once, under the first shortfall it names.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from scorecard.load.dataset import Dataset
from scorecard.numbers import number
from scorecard.report import appendix, charts
from scorecard.report.parts import Band, Horizon, Link, Report, Shortfall
from scorecard.report.ranks import Interval, Ranks
from scorecard.score.trend import aggregate_trend
from scorecard.score.card import IndicatorScore, Scorecard
from scorecard.score.card import build as score
from scorecard.score.method import Status
from scorecard.score.targets import plans
from scorecard.views import targets as tv
from scorecard.views.columns import assumed
from scorecard.views.labels import pick, trend, word
from scorecard.views.robustness import sentence

LARGEST = 3  # gaps the summary speaks of
ACTIONS_NAMED = 3  # actions it names for each

# Headings and short words the layouts place as they are.
WORDS = ("summary", "dashboard", "shortfalls", "contents", "goal_of", "coverage_of", "charted_elsewhere",
         "not_charted", "addressed_by", "status_quo", "gap_text", "scores", "targets_set", "table_of")


def build(ds: Dataset, horizons: Sequence[str], lang: str, ranks: dict[str, Ranks] | None = None) -> Report:
    """The report at `horizons` (ids, the first leading), with rank intervals where `ranks` has them."""
    ranks = ranks or {}
    plan_of = plans(ds)
    cards = {h: score(ds, h, plan_of=plan_of) for h in horizons}
    lead = cards[horizons[0]]
    threshold = ds.indicators_file.method.coverage
    scores = {h: {r.id: r for r in card.indicators} for h, card in cards.items()}

    def cells(sid: str) -> tuple[Band, ...]:
        out = []
        for h, card in cards.items():
            agg = _shortfall(card, sid)
            interval = ranks[h].shortfalls.get(sid) if h in ranks else None
            out.append(_band(agg.result, agg.status, [scores[h][i] for i in agg.indicators], threshold, lang,
                             interval))
        return tuple(out)

    cells_of = {s.shortfall.id: cells(s.shortfall.id) for s in lead.shortfalls}
    dashboard = tuple((Link(s.shortfall.name.get(lang), f"shortfall-{s.shortfall.id}", s.shortfall.id),
                       cells_of[s.shortfall.id]) for s in lead.shortfalls)

    heads = []
    for h, card in cards.items():
        goal = card.horizon
        band = _band(card.overall, card.overall_status, card.indicators, threshold, lang, None)
        heads.append(Horizon(goal.id, goal.name.get(lang), assumed(str(goal.year), goal.year_basis),
                             goal.goal.get(lang) if goal.goal else "", band))

    numbered = iter(range(1, len(ds.indicators) + 1))
    sections = tuple(_section(ds, lead, cards, scores, s.shortfall.id, ranks, numbered,
                              cells_of[s.shortfall.id], lang) for s in lead.shortfalls)
    subject = ds.indicators_file.subject
    name = subject.get(lang) if subject else None
    title = word("report.title", lang, subject=name) if name else word("report.title_plain", lang)
    first = lead.horizon
    return Report(
        lang=lang, title=title, kicker=word("report.kicker", lang), **_header(ds, heads, title, lang),
        horizons=tuple(heads),
        gaps_title=word("report.largest", lang, horizon=first.name.get(lang), year=first.year),
        gaps=tuple(_gaps(lead, ranks.get(first.id), lang)),
        dashboard_headers=(word("shortfall", lang), *(f"{h.name} {h.year}" for h in heads)),
        dashboard=dashboard,
        swatches=tuple((s.value, pick("status", s.value, lang)) for s in Status),
        legend=tuple(_legend(ds, cards, ranks, lang)),
        reading=(word("report.reading", lang, subject=name or word("report.subject", lang)),),
        shortfalls=sections,
        back=appendix.blocks(ds, cards, plan_of, lang),
        words={**{key: word(f"report.w.{key}", lang) for key in WORDS},
               "separator": word("report.separator", lang)},
    )


def _header(ds: Dataset, heads: list[Horizon], title: str, lang: str) -> dict:
    """What the page's header says: the data's files, folder and date, its latest figure's year,
    the horizons; and the shorter line repeated on every printed page."""
    date = _dated(ds)
    latest = max((x.year for i in ds.indicators.values() for x in (*i.observations, *i.benchmarks)),
                 default="–")
    sep = word("list_separator", lang)
    files = sep.join(p.name for p in (ds.location.indicators, ds.location.actions))
    where = "report.data_bundled" if ds.location.origin == "bundled" else "report.data"
    names = sep.join(word("report.horizon_year", lang, name=h.name, year=h.year) for h in heads)
    assumed_years = any(h.year.endswith("*") for h in heads)
    meta = (word(where, lang, files=files, folder=str(ds.location.directory), date=date, year=latest),
            word("report.horizons_assumed" if assumed_years else "report.horizons", lang, horizons=names))
    return {"meta": meta, "running": word("report.running", lang, title=title, date=date, files=files)}


def _shortfall(card: Scorecard, sid: str):
    return next(s for s in card.shortfalls if s.shortfall.id == sid)


def _dated(ds: Dataset) -> str:
    """The day the data was last changed: the later of its two files."""
    try:
        stamp = max(p.stat().st_mtime for p in (ds.location.indicators, ds.location.actions))
    except OSError:
        return "–"
    return dt.datetime.fromtimestamp(stamp).date().isoformat()


def _band(result, status, members: Sequence[IndicatorScore], threshold: float, lang: str,
          interval: Interval | None) -> Band:
    moving = aggregate_trend(members, threshold)
    if moving.trend is not None:
        arrow, words = moving.trend.arrow, trend(moving.trend.value, lang)
        short = words
    else:
        arrow, short = "", word("report.no_trend_none", lang)
        words = word("report.no_trend", lang, moving=moving.with_trend, total=moving.total) if moving.total \
            else short
    value = status.value if status else None
    return Band(value, number(result.score, 1), pick("status", value, lang), result.coverage, arrow,
                words, short, _rank(interval, lang))


def _rank(interval: Interval | None, lang: str) -> str:
    if interval is None or interval.rank is None:
        return ""
    if interval.low == interval.high:
        return word("report.rank_fixed", lang, rank=interval.rank, low=interval.low)
    return word("report.rank_range", lang, rank=interval.rank, low=interval.low, high=interval.high)


def _ranked_actions(card: Scorecard, sid: str) -> list:
    """The actions that address the shortfall, by priority."""
    return [a for a in card.actions if any(x.id == sid for x in a.action.shortfalls)]


def _gaps(card: Scorecard, ranks: Ranks | None, lang: str) -> list[str]:
    """The largest gaps at the first horizon, each in sentences an analyst can quote."""
    h = card.horizon
    out = []
    scored = [s for s in card.shortfalls if s.result.score is not None][:LARGEST]
    for k, s in enumerate(scored, 1):
        name = s.shortfall.name.get(lang)
        parts = [word("report.gap", lang, name=name, rank=word(f"report.gap_rank.{k}", lang), year=h.year,
                      horizon=h.name.get(lang), score=number(s.result.score, 1),
                      status=pick("status", s.status.value, lang), covered=s.result.covered,
                      total=s.result.total)]
        widest = next((r for r in card.indicators if r.id in s.indicators and r.score is not None), None)
        if widest is not None:
            parts.append(word("report.gap_indicator", lang, indicator=widest.indicator.name.get(lang),
                              latest=tv.figure(widest.latest.value, widest.latest.bound),
                              latest_year=widest.latest.year,
                              target=assumed(number(widest.target.value), widest.target.basis)))
        acting = _ranked_actions(card, s.shortfall.id)
        named = word("report.separator", lang).join(f"{a.action.id} {a.action.name.get(lang)}"
                                                    for a in acting[:ACTIONS_NAMED])
        if not acting:
            parts.append(word("report.gap_no_action", lang))
        elif len(acting) == 1:
            parts.append(word("report.gap_one_action", lang, actions=named))
        else:
            parts.append(word("report.gap_actions", lang, count=len(acting), actions=named))
        if ranks is not None and s.shortfall.id in ranks.shortfalls:
            parts.append(_sentence(ranks, s.shortfall.id, name, lang))
        out.append(functools.reduce(lambda a, b: word("report.then", lang, a=a, b=b), parts))
    return out


def _sentence(ranks: Ranks, sid: str, name: str, lang: str) -> str:
    i = ranks.shortfalls[sid]
    return sentence({"name": name, "rank_p05": i.low, "rank_p95": i.high, "top_share": i.top_share},
                    ranks.draws, ranks.top, lang)


def _legend(ds: Dataset, cards: dict[str, Scorecard], ranks: dict[str, Ranks], lang: str) -> list[str]:
    method = ds.indicators_file.method
    b = method.bands
    out = [word("note_bands", lang, challenges_remain=number(b.challenges_remain),
                moderate_challenges=number(b.moderate_challenges),
                significant_challenges=number(b.significant_challenges), coverage=f"{method.coverage:.0%}"),
           word("report.note_trend", lang, arrows=word("note_trend", lang, arrows=" · ".join(
               trend(t, lang) for t in ("on_track", "moderate", "stagnating", "decreasing"))),
                coverage=f"{method.coverage:.0%}")]
    for h, r in ranks.items():
        if h in cards:
            origin = word("report.ranks_from", lang, file=r.origin) if r.origin else ""
            out.append(word("report.note_ranks", lang, horizon=cards[h].horizon.name.get(lang),
                            draws=number(r.draws), seed=r.seed, origin=origin))
    return out


def _section(ds: Dataset, lead: Scorecard, cards: dict[str, Scorecard], scores, sid: str,
             ranks: dict[str, Ranks], numbered, cells: tuple[Band, ...], lang: str) -> Shortfall:
    s = ds.shortfalls[sid]
    order = [r.id for r in lead.indicators if sid in r.indicator.shortfalls]
    drawn, elsewhere, unscored = [], [], []
    for i in order:
        across = [scores[h][i] for h in cards]
        ind = across[0].indicator
        if not charts.charted(across):
            missing = next((r.missing for r in across if r.missing is not None), None)
            unscored.append((ind.name.get(lang), tv.why_none(missing, lang)))
        elif ind.shortfalls[0] == sid:
            drawn.append(charts.chart(ds, across, next(numbered), lang))
        else:
            home = ds.shortfalls[ind.shortfalls[0]].name.get(lang)
            elsewhere.append(Link(ind.name.get(lang), f"indicator-{i}", home))
    bands = tuple((f"{c.horizon.name.get(lang)} {c.horizon.year}", cell)
                  for c, cell in zip(cards.values(), cells))
    said = [word("report.rank_sentence", lang, horizon=cards[h].horizon.name.get(lang),
                 sentence=_sentence(r, sid, s.name.get(lang), lang))
            for h, r in ranks.items() if h in cards and r.shortfalls.get(sid) and r.shortfalls[sid].rank]
    acting = _ranked_actions(lead, sid)
    total = _shortfall(lead, sid).result.total
    return Shortfall(
        id=sid, anchor=f"shortfall-{sid}", name=s.name.get(lang), source=s.source, gap=s.gap.get(lang),
        status_quo=s.status_quo.get(lang) if s.status_quo else "", bands=bands,
        trends=tuple(dict.fromkeys(b.trend for b in cells if not b.arrow)), ranks=tuple(said),
        actions=tuple(Link(f"{a.action.id} {a.action.name.get(lang)}", f"action-{a.action.id}")
                      for a in acting),
        actions_note="" if acting else word("report.no_action", lang),
        charts=tuple(drawn), elsewhere=tuple(elsewhere), unscored=tuple(unscored),
        empty="" if total else word("report.none_scored", lang),
    )
