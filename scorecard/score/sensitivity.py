"""Variance-based sensitivity indices: which uncertain input moves an output, alone and with others.

The design and the estimators are those of JRC COINr's `get_sensitivity` (`SA_sample`,
`SA_estimate`), after Saltelli et al. (2010), "Variance based sensitivity analysis of model
output. Design and estimator for the total sensitivity index", Computer Physics Communications
181, Table 2:

- two independent samples A and B of N rows of uniform numbers in [0, 1), one column per
  input; for each group of inputs g, the matrix A_B^g: A with g's columns taken from B. The
  model runs N·(k + 2) times for k groups. A group of several columns (every weight, say) is
  treated as one input: its columns move together;
- first-order index (the share of the output's variance that g explains alone), Saltelli 2010:
  S_g = mean(f(B) · (f(A_B^g) − f(A))) / V;
- total index (g's share including every interaction with the others), Jansen 1999:
  S_Tg = mean((f(A) − f(A_B^g))²) / (2V);

with V the variance of f(A) and f(B) together. The output is centred on its mean first: that
changes no expectation and narrows the first-order estimator's spread (SALib does the same).
Each estimate is a mean of N independent terms, so its 90% margin is 1.645 standard errors of
that mean, divided by V. No function here draws a figure or reads the data.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Z90 = 1.6448536269514722  # the standard normal's 95th percentile: a two-sided 90% margin


@dataclass(frozen=True)
class Index:
    """One group's indices for one output. None where the output does not vary at all."""

    first_order: float | None
    total: float | None
    first_order_margin: float | None
    total_margin: float | None


def matrices(n: int, width: int, rng: random.Random) -> tuple[list[list[float]], list[list[float]]]:
    """A and B: n rows of `width` uniform numbers each, A drawn first (so A alone, used as the
    draws of an uncertainty analysis, does not depend on whether B is drawn after it)."""
    a = [[rng.random() for _ in range(width)] for _ in range(n)]
    b = [[rng.random() for _ in range(width)] for _ in range(n)]
    return a, b


def swapped(a: Sequence[float], b: Sequence[float], columns: range) -> list[float]:
    """A row of A_B^g: the row of A with the group's columns from the row of B."""
    row = list(a)
    row[columns.start:columns.stop] = b[columns.start:columns.stop]
    return row


def blocks(widths: Sequence[int]) -> list[range]:
    """The columns of each group, groups side by side in the order given."""
    out, start = [], 0
    for w in widths:
        out.append(range(start, start + w))
        start += w
    return out


def variance(values: Sequence[float]) -> float:
    """The sample variance (denominator n − 1), as R's `var`."""
    n = len(values)
    if n < 2:
        return 0.0
    mean = math.fsum(values) / n
    return math.fsum((v - mean) ** 2 for v in values) / (n - 1)


def _mean_and_margin(terms: Sequence[float]) -> tuple[float, float]:
    n = len(terms)
    return math.fsum(terms) / n, Z90 * math.sqrt(variance(terms) / n)


def estimate(ya: Sequence[float], yb: Sequence[float], yab: Sequence[float]) -> Index:
    """The first-order and total index of one group from f(A), f(B) and f(A_B^g)."""
    n = len(ya)
    both = [*ya, *yb]
    v = variance(both)
    if v <= 0:  # no variance to share out (and none with fewer than two runs)
        return Index(None, None, None, None)
    centre = math.fsum(both) / len(both)
    a = [y - centre for y in ya]
    b = [y - centre for y in yb]
    ab = [y - centre for y in yab]
    first, first_margin = _mean_and_margin([b[j] * (ab[j] - a[j]) for j in range(n)])
    total, total_margin = _mean_and_margin([(a[j] - ab[j]) ** 2 for j in range(n)])
    return Index(first / v, total / (2 * v), first_margin / v, total_margin / (2 * v))


def indices(model: Callable[[list[float]], Sequence[float]], widths: Sequence[int], n: int,
            rng: random.Random) -> list[list[Index]]:
    """Every group's indices for every output of `model` (a row of uniforms → outputs):
    `result[output][group]`. Runs the model n·(k + 2) times."""
    a, b = matrices(n, sum(widths), rng)
    ya = [model(row) for row in a]
    yb = [model(row) for row in b]
    yab = [[model(swapped(a[j], b[j], cols)) for j in range(n)] for cols in blocks(widths)]
    outputs = len(ya[0]) if ya else 0
    return [[estimate([y[o] for y in ya], [y[o] for y in yb], [y[o] for y in runs]) for runs in yab]
            for o in range(outputs)]
