"""The Saltelli design and its estimators, on functions whose indices are known exactly."""

import math
import random

import pytest

from scorecard.score import sensitivity as sa


def ishigami(row, a=7.0, b=0.1):
    """f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁, each x uniform on [−π, π]."""
    x1, x2, x3 = (math.pi * (2 * u - 1) for u in row)
    return [math.sin(x1) + a * math.sin(x2) ** 2 + b * x3 ** 4 * math.sin(x1)]


def ishigami_truth(a=7.0, b=0.1):
    """The analytic indices (Ishigami and Homma 1990; Saltelli et al. 2008, Primer §4.9)."""
    v1 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * math.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def test_ishigami_indices_are_recovered():
    first, total = ishigami_truth()
    assert [round(x, 3) for x in first] == [0.314, 0.442, 0.0]
    assert [round(x, 3) for x in total] == [0.558, 0.442, 0.244]
    (found,) = sa.indices(ishigami, [1, 1, 1], 20000, random.Random(1))
    for index, s1, st in zip(found, first, total):
        assert index.first_order == pytest.approx(s1, abs=0.03)
        assert index.total == pytest.approx(st, abs=0.03)
        assert abs(index.first_order - s1) < 2 * index.first_order_margin
        assert abs(index.total - st) < 2 * index.total_margin


def test_a_group_of_columns_is_one_input():
    """y = u₁ + u₂ + u₃ with (u₁, u₂) one group: it explains 2/3 of the variance, u₃ 1/3,
    and with no interaction first order and total agree."""
    (found,) = sa.indices(lambda row: [sum(row)], [2, 1], 4000, random.Random(3))
    assert [i.first_order for i in found] == pytest.approx([2 / 3, 1 / 3], abs=0.04)
    assert [i.total for i in found] == pytest.approx([2 / 3, 1 / 3], abs=0.04)


def test_an_input_that_does_nothing_scores_exactly_zero():
    (found,) = sa.indices(lambda row: [row[0] ** 2], [1, 1], 500, random.Random(4))
    assert (found[1].first_order, found[1].total) == (0, 0)
    assert found[0].total == pytest.approx(1, abs=0.1) and found[0].first_order == pytest.approx(1, abs=0.1)


def test_an_output_that_never_varies_has_no_index():
    (found,) = sa.indices(lambda row: [1.0], [1, 1], 50, random.Random(5))
    assert found == [sa.Index(None, None, None, None)] * 2


def test_one_estimate_worked_by_hand():
    """f(A) = 0, 1, 2, 3; f(B) = 3, 1, 0, 2; f(A_B) = 2, 1, 1, 3. The eight values of A and B
    have mean 1.5 and variance 10/7. Centred, the first-order terms b·(ab − a) are 3, 0, 1.5, 0
    (mean 9/8, variance 33/16) and the total terms (a − ab)² are 4, 0, 1, 0 (mean 5/4,
    variance 43/12): S = (9/8)/(10/7) = 63/80, S_T = (5/4)/(20/7) = 7/16."""
    index = sa.estimate([0, 1, 2, 3], [3, 1, 0, 2], [2, 1, 1, 3])
    assert index.first_order == pytest.approx(63 / 80) and index.total == pytest.approx(7 / 16)
    assert index.first_order_margin == pytest.approx(sa.Z90 * math.sqrt(33 / 16 / 4) * 7 / 10)
    assert index.total_margin == pytest.approx(sa.Z90 * math.sqrt(43 / 12 / 4) * 7 / 20)
    assert sa.Z90 == pytest.approx(1.6449, abs=1e-4)


def test_nothing_to_estimate_from_no_runs():
    assert sa.estimate([], [], []) == sa.Index(None, None, None, None)
    assert sa.indices(lambda row: [row[0]], [1], 0, random.Random(1)) == []


def test_the_design():
    a, b = sa.matrices(3, 2, random.Random(6))
    assert len(a) == len(b) == 3 and all(len(row) == 2 for row in a + b)
    assert a == sa.matrices(3, 2, random.Random(6))[0]  # A does not depend on B
    assert sa.blocks([2, 1, 3]) == [range(0, 2), range(2, 3), range(3, 6)]
    assert sa.swapped([1, 2, 3, 4], [5, 6, 7, 8], range(1, 3)) == [1, 6, 7, 4]
    assert sa.variance([1, 2, 3, 4]) == pytest.approx(5 / 3) and sa.variance([1]) == 0
    assert sa.variance([1, 3]) == 2


def test_runs_are_counted_as_n_times_k_plus_two():
    calls = []
    sa.indices(lambda row: calls.append(1) or [row[0]], [1, 2, 1], 10, random.Random(7))
    assert len(calls) == 10 * (3 + 2)
