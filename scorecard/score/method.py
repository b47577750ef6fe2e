"""The scoring method, as pure functions.

Sources of the method:
- SDSN Sustainable Development Report (SDR) and its dashboards: rescaling
  between a lower bound and a target, clipped to [0, 100]; status colours;
  trend arrows from the pace required to reach the target by the horizon year.
- JRC COINr: the "goalposts" normalisation, which is the same rescaling;
  arithmetic-mean aggregation with optional weights.
- Open SDG: progress measured as the share of the way from a baseline to a target.

Direction is folded into the bounds, as SDR does: a lower-is-better indicator
has a target below its floor (T < L), and one formula serves both directions.
No function here reads files or prints.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


def attainment(x: float, target: float, floor: float, direction: str = "higher") -> float:
    """Score s = 100·(x − L)/(T − L), clipped to [0, 100] (SDR rescaling, COINr goalposts).

    With T = L the ratio is undefined: the score is 100 if x meets the target, else 0.
    """
    if target == floor:
        met = x >= target if direction == "higher" else x <= target
        return 100.0 if met else 0.0
    return min(100.0, max(0.0, 100.0 * (x - floor) / (target - floor)))


def progress(baseline: float, x: float, target: float) -> float | None:
    """Share of the way from the baseline to the target covered so far, in percent (Open SDG).

    Negative when the value moved away from the target; above 100 past it.
    None when the baseline already equals the target.
    """
    if target == baseline:
        return None
    return 100.0 * (x - baseline) / (target - baseline)


def gap(x: float, target: float) -> float:
    """T − x in the indicator's unit: negative for a lower-is-better value still too high."""
    return target - x


def gap_share(x: float, target: float, floor: float) -> float | None:
    """The remaining gap as a share of the distance |T − L|: 0 when met, 1 at the floor."""
    if target == floor:
        return None
    return max(0.0, (target - x) / (target - floor))


def best(values: Iterable[float], direction: str) -> float | None:
    """The frontier: the highest value, or the lowest for a lower-is-better indicator."""
    values = list(values)
    if not values:
        return None
    return max(values) if direction == "higher" else min(values)


def peer_gap(x: float, frontier: float) -> tuple[float, float | None]:
    """Distance to the frontier in the unit, and as a ratio frontier / x (None when x is 0)."""
    return frontier - x, (frontier / x if x else None)


class Status(str, Enum):
    """SDR-style dashboard bands on the attainment score."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    MODERATE = "moderate"
    SIGNIFICANT = "significant"
    MAJOR = "major"


def status(score: float, on_track: float = 75, moderate: float = 50, significant: float = 25) -> Status:
    if score >= 100:
        return Status.ACHIEVED
    if score >= on_track:
        return Status.ON_TRACK
    if score >= moderate:
        return Status.MODERATE
    if score >= significant:
        return Status.SIGNIFICANT
    return Status.MAJOR


class Trend(str, Enum):
    """SDR trend arrows."""

    ON_TRACK = "on_track"  # ↑ the observed pace meets the required pace, or already achieved
    MODERATE = "moderate"  # ➚ more than half the required pace
    STAGNATING = "stagnating"  # → between zero and half the required pace
    DECREASING = "decreasing"  # ↓ moving away from the target

    @property
    def arrow(self) -> str:
        return {"on_track": "↑", "moderate": "➚", "stagnating": "→", "decreasing": "↓"}[self.value]


@dataclass(frozen=True)
class Pace:
    """Score points a year: what the horizon requires, and what was observed."""

    required: float
    observed: float


def pace(s0: float, y0: int, st: float, t: int, horizon_year: int) -> Pace | None:
    """SDR required-rate method: r* = (100 − s₀)/(Yₕ − y₀), r = (sₜ − s₀)/(t − y₀).

    None with a single observation year (t = y₀): no trend can be drawn.
    A horizon year at or before the first observation leaves no time: r* = ∞.
    """
    if t == y0:
        return None
    required = (100.0 - s0) / (horizon_year - y0) if horizon_year > y0 else math.inf
    return Pace(required=required, observed=(st - s0) / (t - y0))


def trend(s0: float, y0: int, st: float, t: int, horizon_year: int) -> Trend | None:
    """↑ r ≥ r* (or achieved), ➚ 0.5·r* < r < r*, → 0 ≤ r ≤ 0.5·r*, ↓ r < 0."""
    p = pace(s0, y0, st, t, horizon_year)
    if p is None:
        return None
    if st >= 100 or p.observed >= p.required:
        return Trend.ON_TRACK
    if p.observed < 0:
        return Trend.DECREASING
    if p.observed > 0.5 * p.required:
        return Trend.MODERATE
    return Trend.STAGNATING


@dataclass(frozen=True)
class Aggregate:
    """A mean of the scores that exist, and how many of the expected ones did."""

    score: float | None
    covered: int
    total: int

    @property
    def coverage(self) -> str:
        return f"{self.covered}/{self.total}"


def aggregate(scores: Iterable[float | None], weights: Iterable[float] | None = None) -> Aggregate:
    """Weighted arithmetic mean of the available scores (COINr); missing data is never 0."""
    scores = list(scores)
    weights = list(weights) if weights is not None else [1.0] * len(scores)
    pairs = [(s, w) for s, w in zip(scores, weights) if s is not None]
    total_weight = sum(w for _, w in pairs)
    mean = sum(s * w for s, w in pairs) / total_weight if pairs and total_weight else None
    return Aggregate(mean, len(pairs), len(scores))


def unit_pace(target: float, x: float, t: int, horizon_year: int,
              baseline: float | None = None, y0: int | None = None) -> tuple[float | None, float | None]:
    """In the indicator's unit a year: what is still needed, and what was done so far.

    Needed = (T − x)/(Yₕ − t), None once the horizon year has passed;
    done = (x − x₀)/(t − y₀), None with one observation.
    """
    needed = (target - x) / (horizon_year - t) if horizon_year > t else None
    done = (x - baseline) / (t - y0) if baseline is not None and y0 is not None and t != y0 else None
    return needed, done
