"""The scoring method, as pure functions.

Sources of the method:
- SDSN Sustainable Development Report (SDR) and its dashboards: rescaling
  between a lower bound and a target, clipped to [0, 100]; level bands named
  for the size of the challenge, kept apart from the trend arrows, which come
  from the pace required to reach the target by the horizon year.
- JRC COINr: the "goalposts" normalisation, which is the same rescaling;
  arithmetic-mean aggregation with optional weights.
- Open SDG: progress measured as the share of the way from a baseline to a target.

Direction is folded into the bounds, as SDR does: a lower-is-better indicator
has a target below its floor (T < L), and one formula serves both directions.
A rank is scored on 1/rank (see `rescale`). Comparisons of scores and paces
allow `TOLERANCE`, so float noise never draws an arrow. No function here reads
files or prints.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

TOLERANCE = 1e-6  # score points, or score points a year


def rescale(value: float, scale: str) -> float:
    """The value on the scale it is scored on.

    `linear`: itself. `reciprocal`: 1/value, for ranks. A rank is ordinal and
    crowded at the top: on a straight scale from a list's end (500) any rank in
    the top hundred sits near any target, however far behind its peers. On
    1/rank the natural zero is the end of any list, and attainment is the ratio
    of target rank to rank (rank 60 against a target of 20 scores 33): COINr's
    "fraction of the frontier" normalisation applied to 1/rank.
    """
    return 1.0 / value if scale == "reciprocal" else value


@dataclass(frozen=True)
class Goalposts:
    """The target and the floor of one indicator, on the scale it is scored on.

    `floor` None is the scale's natural zero (only a reciprocal scale has one
    for a lower-is-better quantity; a linear one gets 0 from the caller). A floor that
    is not worse than the target (the worst peer may already beat a near target) cannot
    bound the scale there: the natural zero takes its place.
    """

    target: float
    floor: float | None
    direction: str = "higher"
    scale: str = "linear"

    def _bounds(self) -> tuple[float, float, str]:
        """T and L on the scoring scale, and the direction there (1/rank rises as rank falls)."""
        if self.scale == "reciprocal":
            target = 1.0 / self.target
            floor = 0.0 if self.floor is None else 1.0 / self.floor
            return target, (floor if floor <= target else 0.0), "higher"
        floor = 0.0 if self.floor is None else self.floor
        if self.direction == "higher" and floor > self.target:
            floor = 0.0
        return self.target, floor, self.direction

    def score(self, x: float) -> float:
        target, floor, direction = self._bounds()
        return attainment(rescale(x, self.scale), target, floor, direction)

    def gap_share(self, x: float) -> float | None:
        target, floor, _ = self._bounds()
        return gap_share(rescale(x, self.scale), target, floor)


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


def peer_gap(x: float, frontier: float, direction: str = "higher") -> tuple[float, float | None]:
    """Distance to the frontier in the unit, and how many times better the frontier is.

    The ratio reads the same way in both directions: 60 firms against 9 is ×6.7,
    rank 2 against rank 60 is ×30. None where it would divide by zero.
    """
    if direction == "higher":
        ratio = frontier / x if x else None
    else:
        ratio = x / frontier if frontier else None
    return frontier - x, ratio


class Status(str, Enum):
    """The SDG Index dashboards' level bands on the attainment score, and the answer for
    an aggregate scored from too few of its members."""

    ACHIEVED = "achieved"
    CHALLENGES_REMAIN = "challenges_remain"
    MODERATE_CHALLENGES = "moderate_challenges"
    SIGNIFICANT_CHALLENGES = "significant_challenges"
    MAJOR_CHALLENGES = "major_challenges"
    INSUFFICIENT_DATA = "insufficient_data"


def status(score: float, challenges_remain: float = 75, moderate_challenges: float = 50,
           significant_challenges: float = 25) -> Status:
    """The band of a score; a score within `TOLERANCE` below an edge is on it."""
    edges = ((100.0, Status.ACHIEVED), (challenges_remain, Status.CHALLENGES_REMAIN),
             (moderate_challenges, Status.MODERATE_CHALLENGES),
             (significant_challenges, Status.SIGNIFICANT_CHALLENGES))
    return next((band for edge, band in edges if score >= edge - TOLERANCE), Status.MAJOR_CHALLENGES)


class Trend(str, Enum):
    """SDR trend arrows: words for the pace, never for the level."""

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
    """↑ r ≥ r* (or achieved), ➚ 0.5·r* < r < r*, → 0 ≤ r ≤ 0.5·r*, ↓ r < 0.

    Each comparison allows `TOLERANCE`: a pace equal to the required one but for
    float noise is on track, a flat series is stagnating, not decreasing.
    """
    p = pace(s0, y0, st, t, horizon_year)
    return None if p is None else judge(p, achieved=st >= 100 - TOLERANCE)


def judge(p: Pace, achieved: bool = False) -> Trend:
    """The arrow for a required and an observed pace (the rule of `trend`); one indicator's, or
    an aggregate's from its members' mean paces (`score.trend`)."""
    if achieved or p.observed >= p.required - TOLERANCE:
        return Trend.ON_TRACK
    if p.observed < -TOLERANCE:
        return Trend.DECREASING
    if p.observed > 0.5 * p.required + TOLERANCE:
        return Trend.MODERATE
    return Trend.STAGNATING


@dataclass(frozen=True)
class Aggregate:
    """A mean of the scores that exist, and how many of the members meant to be scored had one."""

    score: float | None
    covered: int
    total: int

    @property
    def coverage(self) -> str:
        return f"{self.covered}/{self.total}"

    def sufficient(self, threshold: float) -> bool:
        """Enough members scored for a band (the SDG Index's rule, with the data's threshold)."""
        return self.total > 0 and self.covered >= threshold * self.total - TOLERANCE


def aggregate(scores: Iterable[float | None], weights: Iterable[float] | None = None) -> Aggregate:
    """Weighted arithmetic mean of the available scores (COINr); missing data is never 0."""
    scores = list(scores)
    weights = list(weights) if weights is not None else [1.0] * len(scores)
    pairs = [(s, w) for s, w in zip(scores, weights) if s is not None]
    total_weight = sum(w for _, w in pairs)
    mean = sum(s * w for s, w in pairs) / total_weight if pairs and total_weight else None
    return Aggregate(mean, len(pairs), len(scores))


def aggregate_status(result: Aggregate, threshold: float, band) -> Status:
    """An aggregate's band, or *insufficient data* when too few members were scored.

    `band` maps a score to its band (the data's own edges). An aggregate with no member
    meant to be scored has insufficient data too: showing nothing would let it pass for
    the best-placed at the bottom of a ranking.
    """
    if not result.sufficient(threshold) or result.score is None:
        return Status.INSUFFICIENT_DATA
    return band(result.score)


def distance(score: float | None) -> float | None:
    """How far there is to go, in score points: 100 − s."""
    return None if score is None else 100.0 - score


def priority(gaps: Iterable[float | None]) -> float | None:
    """An action's priority: the mean distance (100 − score) of the shortfalls it addresses
    that have a score."""
    known = [g for g in gaps if g is not None]
    return sum(known) / len(known) if known else None


def score_bound(relation: str | None, direction: str) -> str | None:
    """Whether a score computed from a bound is an upper or a lower bound of the true score.

    "< 33.3" on a higher-is-better quantity: the true value is lower, so the
    true score is at most the one computed ("upper"). "≈" and exact figures: None.
    """
    if relation in ("<", "≤"):
        return "upper" if direction == "higher" else "lower"
    if relation in (">", "≥"):
        return "lower" if direction == "higher" else "upper"
    return None


def unit_pace(target: float, x: float, t: int, horizon_year: int,
              baseline: float | None = None, y0: int | None = None) -> tuple[float | None, float | None]:
    """In the indicator's unit a year: what is still needed, and what was done so far.

    Needed = (T − x)/(Yₕ − t), None once the horizon year has passed;
    done = (x − x₀)/(t − y₀), None with one observation.
    """
    needed = (target - x) / (horizon_year - t) if horizon_year > t else None
    done = (x - baseline) / (t - y0) if baseline is not None and y0 is not None and t != y0 else None
    return needed, done
