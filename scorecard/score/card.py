"""The scorecard at one horizon: each indicator, shortfall, action and goal scored.

Pure: takes a loaded `Dataset`, returns plain dataclasses that the renderers
turn into tables, CSV, Markdown or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.load.dataset import Dataset
from scorecard.model import Action, Benchmark, HorizonGoal, Indicator, Observation, Shortfall, Target
from scorecard.score import method as m


def series(points: list[Observation]) -> list[Observation]:
    """One value a year, oldest first; where sources conflict the one listed last is scored."""
    by_year: dict[int, Observation] = {}
    for p in points:
        by_year[p.year] = p
    return [by_year[y] for y in sorted(by_year)]


def frontier(ind: Indicator) -> Benchmark | None:
    """The best peer: each peer's latest value, then the best of those."""
    latest: dict[str, Benchmark] = {}
    for b in ind.benchmarks:
        if b.peer not in latest or b.year >= latest[b.peer].year:
            latest[b.peer] = b
    value = m.best((b.value for b in latest.values()), ind.direction)
    return next((b for b in latest.values() if b.value == value), None)


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    horizon: HorizonGoal
    baseline: Observation | None
    latest: Observation | None
    target: Target | None
    score: float | None
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

    @property
    def id(self) -> str:
        return self.indicator.id


@dataclass(frozen=True)
class ShortfallScore:
    shortfall: Shortfall
    result: m.Aggregate
    status: m.Status | None
    indicators: tuple[str, ...]
    actions: tuple[str, ...]

    @property
    def gap(self) -> float | None:
        return None if self.result.score is None else 100.0 - self.result.score


@dataclass(frozen=True)
class ActionScore:
    action: Action
    result: m.Aggregate
    priority: float | None  # mean gap (100 − score) of the shortfalls it addresses
    rank: int | None


@dataclass(frozen=True)
class BlindSpots:
    shortfalls_without_action: tuple[str, ...]
    actions_without_indicator: tuple[str, ...]
    indicators_without_action: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.shortfalls_without_action or self.actions_without_indicator
                    or self.indicators_without_action)


@dataclass(frozen=True)
class Scorecard:
    horizon: HorizonGoal
    indicators: list[IndicatorScore]  # ranked: furthest to go first
    shortfalls: list[ShortfallScore]  # ranked likewise
    actions: list[ActionScore]  # ranked by priority
    overall: m.Aggregate
    blind_spots: BlindSpots


def score_indicator(ds: Dataset, ind: Indicator, horizon: HorizonGoal) -> IndicatorScore:
    points = series(ind.observations)
    baseline, latest = (points[0], points[-1]) if points else (None, None)
    target = ind.targets.get(horizon.id)
    best = frontier(ind)
    years = {o.year for o in ind.observations}
    conflict = len(years) < len(ind.observations) or _benchmark_conflict(ind)
    acting = ds.actions_for(ind.id)
    score = status = gap = share = prog = trend = pace = None
    if latest is not None and target is not None:
        floor, x = ind.lower_bound, latest.value
        score = m.attainment(x, target.value, floor, ind.direction)
        status = band(ds, score)
        gap = m.gap(x, target.value)
        share = m.gap_share(x, target.value, floor)
        if baseline is not latest:
            prog = m.progress(baseline.value, x, target.value)
            s0 = m.attainment(baseline.value, target.value, floor, ind.direction)
            pace = m.pace(s0, baseline.year, score, latest.year, horizon.year)
            trend = m.trend(s0, baseline.year, score, latest.year, horizon.year)
    peer_gap = peer_ratio = None
    if latest is not None and best is not None:
        peer_gap, peer_ratio = m.peer_gap(latest.value, best.value)
    return IndicatorScore(ind, horizon, baseline, latest, target, score, status, gap, share, prog,
                          trend, pace, best, peer_gap, peer_ratio, acting, conflict)


def band(ds: Dataset, score: float | None) -> m.Status | None:
    """The status band of a score, with the dataset's own band edges."""
    if score is None:
        return None
    b = ds.indicators_file.bands
    return m.status(score, b.on_track, b.moderate, b.significant)


def _benchmark_conflict(ind: Indicator) -> bool:
    keys = [(b.peer, b.year) for b in ind.benchmarks]
    return len(set(keys)) < len(keys)


def _rank_key(r: IndicatorScore):
    """Furthest to go first; indicators without a score (no data or no target) last."""
    if r.score is None:
        return (1, 0.0, r.id)
    return (0, -(100.0 - r.score), r.id)


def build(ds: Dataset, horizon: str, shortfall: str | None = None) -> Scorecard:
    goal = ds.horizons[horizon]
    every = {i.id: score_indicator(ds, i, goal) for i in ds.indicators.values()}
    shown = [r for r in every.values() if shortfall is None or shortfall in r.indicator.shortfalls]

    shortfalls = []
    for s in ds.shortfalls.values():
        members = [r for r in every.values() if s.id in r.indicator.shortfalls]
        result = m.aggregate([r.score for r in members], [r.indicator.weight for r in members])
        acting = tuple(a.id for a in ds.actions.values() if any(x.id == s.id for x in a.shortfalls))
        shortfalls.append(ShortfallScore(s, result, band(ds, result.score),
                                         tuple(r.id for r in members), acting))
    shortfalls.sort(key=lambda s: (s.gap is None, -(s.gap or 0.0), s.shortfall.id))
    gaps = {s.shortfall.id: s.gap for s in shortfalls}

    scored_actions = []
    for a in ds.actions.values():
        members = [every[i] for i in a.indicators if i in every]
        result = m.aggregate([r.score for r in members], [r.indicator.weight for r in members])
        addressed = [gaps[x.id] for x in a.shortfalls if gaps.get(x.id) is not None]
        priority = sum(addressed) / len(addressed) if addressed else None
        scored_actions.append((a, result, priority))
    scored_actions.sort(key=lambda t: (t[2] is None, -(t[2] or 0.0), t[0].id))
    actions = [
        ActionScore(a, result, priority, rank + 1 if priority is not None else None)
        for rank, (a, result, priority) in enumerate(scored_actions)
    ]

    everything = list(every.values())
    overall = m.aggregate([r.score for r in everything], [r.indicator.weight for r in everything])
    moved = {i for a in ds.actions.values() for i in a.indicators}
    blind = BlindSpots(
        tuple(s.shortfall.id for s in shortfalls if not s.actions),
        tuple(a.id for a in ds.actions.values() if not a.indicators),
        tuple(i for i in ds.indicators if i not in moved),
    )
    return Scorecard(goal, sorted(shown, key=_rank_key), shortfalls, actions, overall, blind)
