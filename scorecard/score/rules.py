"""Target rules, as pure functions of numbers: an analyst's assumption made explicit.

A target that no source sets is a choice. Declared as a rule in the data's
`method:` block, the choice is applied the same way to every indicator that
names it, can be changed in one place, and shows its arithmetic. The rules are
the ones the design brief lists: close a fraction of the gap to a reference by
each horizon (the reference being the best peer, the mean of the best k peers as
SDR's "average of the top performers", the peers' median, a stated level, or a
share's ideal end), and continue the observed trend.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def close_gap(x: float, reference: float, fraction: float) -> float:
    """x + f·(R − x): a fraction f of the way from the latest value x to the reference R."""
    return x + fraction * (reference - x)


def yearly_change(first: float, first_year: int, x: float, year: int) -> float | None:
    """The average change a year from the first figure to x, in a straight line.

    Linear, not compound: five years of compound growth carried fifteen years
    ahead runs away. None with a single year.
    """
    if year == first_year:
        return None
    return (x - first) / (year - first_year)


def continue_trend(x: float, year: int, change: float, horizon_year: int) -> float:
    """x + r·(Yₕ − t): the observed yearly change carried on to the horizon year."""
    return x + change * (horizon_year - year)


def ranked(values: Sequence[float], direction: str) -> list[float]:
    """Best first."""
    return sorted(values, reverse=direction == "higher")


def best_mean(values: Sequence[float], direction: str, k: int) -> float:
    """The mean of the k best values (all of them when there are fewer)."""
    top = ranked(values, direction)[:k]
    return sum(top) / len(top)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def toward_ideal(x: float, ideal: float, reach: float) -> float:
    """A share's reference: `reach` of the way from x to its ideal end (0% or 100%)."""
    return x + reach * (ideal - x)


def decimals(value: float) -> int:
    """How many decimals a figure is written with: 1.59 → 2, 730 → 0; at most 6."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(6, max(0, -exponent))


def round_half_up(value: float, digits: int) -> float:
    """Rounded as a reader rounds (2.5 → 3), not as binary floats do (round(2.675, 2) = 2.67)."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return float(exact)
