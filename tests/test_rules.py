"""The target rules as formulas, on numbers worked out by hand."""

import pytest

from scorecard.score import rules


def test_close_gap_moves_a_fraction_of_the_way_to_the_reference():
    assert rules.close_gap(9, 60, 1 / 3) == pytest.approx(26)  # 9 + 51/3
    assert rules.close_gap(60, 2, 1 / 3) == pytest.approx(40.667, abs=1e-3)  # a rank: 60 − 58/3
    assert rules.close_gap(8, 15, 1) == 15


def test_trend_continues_the_average_yearly_change_in_a_straight_line():
    change = rules.yearly_change(120, 2015, 240, 2020)
    assert change == 24
    assert rules.continue_trend(240, 2020, change, 2027) == 408  # 240 + 24 × 7
    assert rules.yearly_change(5, 2020, 7, 2020) is None  # one year: no trend


def test_references_from_the_peers():
    assert rules.best_mean([15, 9, 12], "higher", 2) == 13.5  # (15 + 12)/2
    assert rules.best_mean([2, 16, 7], "lower", 2) == 4.5  # ranks: (2 + 7)/2
    assert rules.best_mean([15], "higher", 3) == 15  # fewer peers than k
    assert rules.median([30, 10, 20]) == 20
    assert rules.toward_ideal(83, 0, 0.5) == 41.5  # halfway from 83% to 0%


@pytest.mark.parametrize("value, digits", [(1.59, 2), (730, 0), (730.0, 0), (5.3, 1), (0.098, 3),
                                           (1e20, 0), (1.5e-9, 6), (24090, 0)])
def test_decimals_of_a_figure_as_written(value, digits):
    assert rules.decimals(value) == digits


@pytest.mark.parametrize("value, digits, rounded", [
    (10.75, 1, 10.8),  # half up, as a reader rounds
    (2.675, 2, 2.68),  # round(2.675, 2) gives 2.67 in binary floating point
    (40.666, 0, 41), (26.5, 0, 27), (-0.5, 0, -1),
])
def test_rounding_half_up(value, digits, rounded):
    assert rules.round_half_up(value, digits) == rounded
