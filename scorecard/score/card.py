"""The scorecard at one horizon: each indicator, shortfall, action and goal scored.

Pure: takes a loaded `Dataset`, returns plain dataclasses that the renderers
turn into tables, CSV, Markdown or JSON. Every judgment a reader sees (a band,
*insufficient data*, a conflict mark, a priority) is decided here or in
`method`, never in a view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from scorecard.load.dataset import Dataset
from scorecard.model import Action, Benchmark, HorizonGoal, Indicator, Observation, Shortfall
from scorecard.score import method as m
from scorecard.score.figures import conflicted, groups
from scorecard.score.targets import Missing, Plan, Target, plan, plans


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    horizon: HorizonGoal
    baseline: Observation | None
    latest: Observation | None
    target: Target | None
    missing: Missing | None  # why there is no target
    score: float | None
    score_bound: str | None  # "upper" or "lower" when the latest figure is a bound
    status: m.Status | None
    gap: float | None
    gap_share: float | None
    progress: float | None
    trend: m.Trend | None
    pace: m.Pace | None
    frontier: Benchmark | None
    peer_gap: float | None
    peer_ratio: float | None
    actions: tuple[str, ...]
    conflict: bool
    plan: Plan

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def counted(self) -> bool:
        """Meant to be scored: not left unscored on purpose."""
        return not self.indicator.unscored

    @property
    def unit_pace(self) -> tuple[float | None, float | None]:
        """In the indicator's unit a year: what is still needed to reach the target by the
        horizon's year, and what was done from the first figure to the latest."""
        if self.target is None or self.latest is None:
            return None, None
        return m.unit_pace(self.target.value, self.latest.value, self.latest.year, self.horizon.year,
                           self.baseline.value, self.baseline.year)


@dataclass(frozen=True)
class ShortfallScore:
    shortfall: Shortfall
    result: m.Aggregate
    status: m.Status | None
    indicators: tuple[str, ...]
    actions: tuple[str, ...]
    conflict: bool

    @property
    def gap(self) -> float | None:
        return m.distance(self.result.score)


@dataclass(frozen=True)
class ActionScore:
    action: Action
    result: m.Aggregate
    status: m.Status | None
    priority: float | None  # mean distance (100 − score) of the shortfalls it addresses
    rank: int | None
    conflict: bool


@dataclass(frozen=True)
class BlindSpots:
    shortfalls_without_action: tuple[str, ...]
    actions_without_indicator: tuple[str, ...]
    indicators_without_action: tuple[str, ...]


@dataclass(frozen=True)
class Scorecard:
    horizon: HorizonGoal
    indicators: list[IndicatorScore]  # ranked: furthest to go first
    shortfalls: list[ShortfallScore]  # ranked likewise
    actions: list[ActionScore]  # ranked by priority
    overall: m.Aggregate
    overall_status: m.Status | None
    conflict: bool
    blind_spots: BlindSpots


def frontier(p: Plan, direction: str) -> Benchmark | None:
    """The best peer: each peer's latest scored figure, then the best of those."""
    latest: dict[str, Benchmark] = {}
    for b in p.benchmarks:
        latest[b.peer] = b  # oldest first
    value = m.best((b.value for b in latest.values()), direction)
    return next((b for b in sorted(latest.values(), key=lambda b: b.peer) if b.value == value), None)


def score_indicator(ds: Dataset, p: Plan, horizon: HorizonGoal,
                    acting: tuple[str, ...] = ()) -> IndicatorScore:
    """One indicator at one horizon: score, band, gap, progress, trend and peer gap.

    Everything is read off the indicator's `Plan` (its scored figures, floor and
    target), so the ranking, the aggregates and `show` agree on every number. The
    latest figure is scored against the target, the first one gives the baseline of
    progress and trend (SDR's required-rate method needs two years); with no
    figure or no target there is no score, never a 0.
    """
    """One indicator at one horizon.

    The latest scored figure against the horizon's target, between the floor
    and the target on the indicator's scale; the trend from the first scored
    figure; the frontier from each peer's latest figure. Without a target
    there is no score, and `missing` says why.
    """
    ind = p.indicator
    points = p.series
    baseline, latest = (points[0], points[-1]) if points else (None, None)
    target = p.targets.get(horizon.id)
    missing = p.missing.get(horizon.id)
    best = frontier(p, ind.direction)
    score = bound = status = gap = share = prog = trend = pace = None
    if latest is not None and target is not None:
        posts = m.Goalposts(target.value, p.floor, ind.direction, ind.scale)
        x = latest.value
        score = posts.score(x)
        bound = m.score_bound(latest.bound, ind.direction)
        status = band(ds, score)
        gap = m.gap(x, target.value)
        share = posts.gap_share(x)
        if baseline is not latest:
            prog = m.progress(baseline.value, x, target.value)
            s0 = posts.score(baseline.value)
            pace = m.pace(s0, baseline.year, score, latest.year, horizon.year)
            trend = m.trend(s0, baseline.year, score, latest.year, horizon.year)
    peer_gap = peer_ratio = None
    if latest is not None and best is not None:
        peer_gap, peer_ratio = m.peer_gap(latest.value, best.value, ind.direction)
    return IndicatorScore(ind, horizon, baseline, latest, target, missing, score, bound, status, gap,
                          share, prog, trend, pace, best, peer_gap, peer_ratio, acting, p.conflict, p)


def band(ds: Dataset, score: float | None) -> m.Status | None:
    """The level band of a score, with the dataset's own band edges."""
    if score is None:
        return None
    b = ds.indicators_file.method.bands
    return m.status(score, b.challenges_remain, b.moderate_challenges, b.significant_challenges)


def _aggregate(ds: Dataset, members: list[IndicatorScore]) -> tuple[m.Aggregate, m.Status | None, bool]:
    """Mean of the members meant to be scored, its band (or insufficient data), and whether a
    member's figures are in conflict."""
    counted = [r for r in members if r.counted]
    result = m.aggregate([r.score for r in counted], [r.indicator.weight for r in counted])
    threshold = ds.indicators_file.method.coverage
    status = m.aggregate_status(result, threshold, lambda s: band(ds, s))
    return result, status, any(r.conflict for r in members)


def _rank_key(r: IndicatorScore):
    """Furthest to go first; indicators without a score (no data or no target) last."""
    if r.score is None:
        return (1, 0.0, r.id)
    return (0, -m.distance(r.score), r.id)


def _aggregate_key(gap: float | None, ident: str):
    """Largest gap first, those with no score last. A thin aggregate keeps its place: its
    status says *insufficient data*, and moving it down would hide the gap it does show."""
    return (gap is None, -(gap or 0.0), ident)


def build(ds: Dataset, horizon: str, plan_of: dict[str, Plan] | None = None) -> Scorecard:
    """The whole scorecard at one horizon.

    Indicators are ranked by distance to target, so the largest gap comes first
    whatever the unit; shortfalls by the mean distance of their indicators;
    actions by the mean distance of the shortfalls they address (the thin ones
    included: their score is what data there is, and the coverage says how
    much), since an action is worth as much as the gaps it is meant to close.
    Every indicator is scored, whatever a view then shows. `plan_of` lets a
    caller scoring several horizons compute the plans once.
    """
    goal = ds.horizons[horizon]
    plan_of = plan_of if plan_of is not None else plans(ds)
    every = {i: score_indicator(ds, p, goal, ds.actions_for(i)) for i, p in plan_of.items()}

    addressing: dict[str, list[str]] = defaultdict(list)
    for a in ds.actions.values():
        for x in a.shortfalls:
            addressing[x.id].append(a.id)
    shortfalls = []
    for s in ds.shortfalls.values():
        members = [r for r in every.values() if s.id in r.indicator.shortfalls]
        result, status, conflict = _aggregate(ds, members)
        shortfalls.append(ShortfallScore(s, result, status, tuple(r.id for r in members),
                                         tuple(addressing[s.id]), conflict))
    shortfalls.sort(key=lambda s: _aggregate_key(s.gap, s.shortfall.id))
    gaps = {s.shortfall.id: s.gap for s in shortfalls}

    scored_actions = []
    for a in ds.actions.values():
        result, status, conflict = _aggregate(ds, [every[i] for i in a.indicator_ids if i in every])
        prio = m.priority(gaps.get(x.id) for x in a.shortfalls)
        scored_actions.append((a, result, status, prio, conflict))
    scored_actions.sort(key=lambda t: (t[3] is None, -(t[3] or 0.0), t[0].id))
    actions = [
        ActionScore(a, result, status, prio, rank + 1 if prio is not None else None, conflict)
        for rank, (a, result, status, prio, conflict) in enumerate(scored_actions)
    ]

    overall, overall_status, conflict = _aggregate(ds, list(every.values()))
    blind = BlindSpots(
        tuple(s.shortfall.id for s in shortfalls if not s.actions),
        tuple(a.id for a in ds.actions.values() if not a.indicator_ids),
        tuple(i for i in ds.indicators if not ds.actions_for(i)),
    )
    return Scorecard(goal, sorted(every.values(), key=_rank_key), shortfalls, actions, overall,
                     overall_status, conflict, blind)


def across_horizons(ds: Dataset, ind: Indicator) -> tuple[Plan, list[IndicatorScore]]:
    """One indicator's plan and its score at every horizon, in the data's order (`show`)."""
    p = plan(ds, ind)
    return p, [score_indicator(ds, p, h, ds.actions_for(ind.id)) for h in ds.horizons.values()]


@dataclass(frozen=True)
class Figure:
    """A figure of the indicator as `show` lists it: whether it is the one scored for its year,
    and whether its sources disagree about that year."""

    point: Observation
    scored: bool
    conflict: bool


def figures(p: Plan) -> tuple[list[Figure], list[Figure]]:
    """The subject's figures by year and the peers' by peer and year, each marked."""
    ind = p.indicator
    chosen = {id(x) for x in (*p.series, *p.benchmarks)}
    clashing = {id(x) for g in groups([*ind.observations, *ind.benchmarks]).values() if conflicted(g)
                for x in g}

    def mark(points):
        return [Figure(x, id(x) in chosen, id(x) in clashing) for x in points]

    return (mark(sorted(ind.observations, key=lambda o: o.year)),
            mark(sorted(ind.benchmarks, key=lambda b: (b.peer, b.year))))
