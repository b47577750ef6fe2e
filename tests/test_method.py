"""The scoring method, checked against numbers worked out by hand."""

import math

import pytest

from scorecard.score import method as m


def test_attainment_rescales_between_floor_and_target():
    # 8% basic-research share against a 15% target from a floor of 0: 100·8/15.
    assert m.attainment(8, 15, 0) == pytest.approx(53.333, abs=1e-3)


def test_attainment_for_lower_is_better_folds_direction_into_bounds():
    # 83% settled offshore, floor 100%, target 66%: 100·(83−100)/(66−100) = 50.
    assert m.attainment(83, 66, 100, "lower") == 50


def test_attainment_is_clipped_to_0_and_100():
    assert m.attainment(125, 100, 0) == 100  # beyond the target
    assert m.attainment(-5, 100, 0) == 0  # below the floor
    assert m.attainment(120, 66, 100, "lower") == 0  # worse than the floor


def test_target_equal_to_floor_never_divides_by_zero():
    assert m.attainment(0, 0, 0) == 100
    assert m.attainment(-1, 0, 0) == 0
    assert m.attainment(5, 10, 10, "lower") == 100
    assert m.attainment(11, 10, 10, "lower") == 0
    assert m.gap_share(3, 0, 0) is None


def test_progress_is_the_share_of_the_way_from_baseline_to_target():
    # From 6 to 8 on the way to 10: half way.
    assert m.progress(6, 8, 10) == 50
    assert m.progress(6, 5, 10) == -25  # moved away
    assert m.progress(10, 12, 10) is None  # baseline already at the target


def test_gap_in_unit_and_as_share_of_the_distance():
    assert m.gap(8, 10) == 2
    assert m.gap_share(8, 10, 0) == pytest.approx(0.2)
    # Lower is better: 83 → 66 from a floor of 100 is half the distance.
    assert m.gap(83, 66) == -17
    assert m.gap_share(83, 66, 100) == pytest.approx(0.5)
    assert m.gap_share(12, 10, 0) == 0  # met


def test_peer_gap_to_the_frontier():
    assert m.best([37, 60, 17], "higher") == 60
    assert m.best([12.3, 85, 41], "lower") == 12.3
    assert m.best([], "higher") is None
    assert m.peer_gap(9, 60) == (51, pytest.approx(6.667, abs=1e-3))
    assert m.peer_gap(0, 5) == (5, None)


@pytest.mark.parametrize(
    "score, expected",
    [(100, "achieved"), (99.9, "on_track"), (75, "on_track"), (74.9, "moderate"),
     (50, "moderate"), (25, "significant"), (24.9, "major"), (0, "major")],
)
def test_status_bands(score, expected):
    assert m.status(score).value == expected


def test_status_bands_are_configurable():
    assert m.status(60, on_track=60, moderate=40, significant=20) is m.Status.ON_TRACK


# Trend: s0 = 60 in 2015, horizon 2025, so the required pace r* = (100 − 60)/10 = 4 points a year.
@pytest.mark.parametrize(
    "st, expected",
    [(80, m.Trend.ON_TRACK),  # r = 20/5 = 4 ≥ 4
     (75, m.Trend.MODERATE),  # r = 3 > 2
     (70, m.Trend.STAGNATING),  # r = 2 = 0.5·r*
     (60, m.Trend.STAGNATING),  # r = 0
     (55, m.Trend.DECREASING),  # r = −1
     (100, m.Trend.ON_TRACK)],  # achieved
)
def test_trend_by_the_required_rate(st, expected):
    assert m.trend(60, 2015, st, 2020, 2025) is expected


def test_no_trend_with_one_observation():
    assert m.trend(60, 2020, 60, 2020, 2025) is None
    assert m.pace(60, 2020, 60, 2020, 2025) is None


def test_horizon_before_the_baseline_requires_an_infinite_pace():
    p = m.pace(60, 2020, 70, 2021, 2019)
    assert math.isinf(p.required) and p.observed == 10
    # Any finite pace is then at most half of r*: the formula calls it stagnating.
    assert m.trend(60, 2020, 70, 2021, 2019) is m.Trend.STAGNATING


def test_trend_arrows():
    assert [t.arrow for t in m.Trend] == ["↑", "➚", "→", "↓"]


def test_aggregate_is_a_mean_of_available_scores_with_coverage():
    result = m.aggregate([80, None, 50])
    assert result.score == 65 and (result.covered, result.total) == (2, 3)
    assert result.coverage == "2/3"


def test_aggregate_with_weights_and_with_nothing():
    assert m.aggregate([100, 40], [1, 3]).score == 55
    empty = m.aggregate([None, None])
    assert empty.score is None and empty.covered == 0  # missing data is never 0


def test_unit_pace_needed_and_done():
    # 8 in 2020 (from 6 in 2015) towards 10 by 2025: needs 0.4 a year, did 0.4 a year.
    needed, done = m.unit_pace(10, 8, 2020, 2025, baseline=6, y0=2015)
    assert needed == pytest.approx(0.4) and done == pytest.approx(0.4)
    assert m.unit_pace(10, 8, 2020, 2020) == (None, None)  # horizon reached, one observation
