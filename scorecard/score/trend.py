"""The trend of an aggregate (a shortfall, or a horizon's goal), as the report's dashboard draws it.

docs/method.md, "Trend of an aggregate", is the definition; this module is its one copy.

An aggregate's score is the weighted mean of its members' scores (COINr), so the pace of that
mean is the weighted mean of the members' paces. Over the members meant to be scored that have a
trend at the horizon (two figures or more, and a target), the required pace is
r̄* = Σ wᵢ r*ᵢ / Σ wᵢ and the observed pace r̄ = Σ wᵢ rᵢ / Σ wᵢ, each member's paces in score
points a year over its own years (SDR's required-rate method, `method.pace`). The arrow follows the
indicator's rule on the two means: ↑ r̄ ≥ r̄* (or every such member already achieved), ➚ above
half of r̄*, → between zero and half, ↓ below zero; the same tolerance.

A trend drawn from a few members would speak for the rest, so it has a coverage of its own:
the members with a trend over the members meant to be scored. Below the data's coverage
threshold (`method.coverage`, the one that gives an aggregate its band) there is no arrow, and
the report says how many members had two figures. Pure: no I/O, no words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scorecard.score import method as m
from scorecard.score.card import IndicatorScore


@dataclass(frozen=True)
class AggregateTrend:
    """The arrow of an aggregate, or None, and the coverage it was drawn from."""

    trend: m.Trend | None
    with_trend: int  # members meant to be scored that have a trend at the horizon
    total: int  # members meant to be scored
    required: float | None = None  # r̄*, score points a year
    observed: float | None = None  # r̄


def aggregate_trend(members: Sequence[IndicatorScore], threshold: float) -> AggregateTrend:
    """The trend of the aggregate of `members` at their horizon (docs/method.md).

    `threshold` is the share of the members meant to be scored that must have a trend,
    the data's `method.coverage`."""
    counted = [r for r in members if r.counted]
    moving = [r for r in counted if r.pace is not None and r.score is not None]
    total = len(counted)
    if not moving or len(moving) < threshold * total - m.TOLERANCE:
        return AggregateTrend(None, len(moving), total)
    weight = sum(r.indicator.weight for r in moving)
    required = sum(r.indicator.weight * r.pace.required for r in moving) / weight
    observed = sum(r.indicator.weight * r.pace.observed for r in moving) / weight
    achieved = all(r.score >= 100 - m.TOLERANCE for r in moving)
    return AggregateTrend(m.judge(m.Pace(required, observed), achieved), len(moving), total, required,
                          observed)
