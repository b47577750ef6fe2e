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
    assert m.attainment(10, 10, 10, "lower") == 100  # meeting it exactly is meeting it
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
    [(100, "achieved"), (99.9, "challenges_remain"), (75, "challenges_remain"),
     (74.9, "moderate_challenges"), (50, "moderate_challenges"), (25, "significant_challenges"),
     (24.9, "major_challenges"), (0, "major_challenges")],
)
def test_status_bands_use_level_words_never_trend_words(score, expected):
    assert m.status(score).value == expected
    assert m.status(score).value not in {t.value for t in m.Trend}


def test_status_bands_are_configurable():
    assert m.status(60, challenges_remain=60, moderate_challenges=40,
                    significant_challenges=20) is m.Status.CHALLENGES_REMAIN


def test_a_score_a_hair_below_an_edge_is_on_it():
    # 0.1 + 0.2 + … sums that should make 75 can land at 74.99999999999999.
    assert m.status(75 - 1e-12) is m.Status.CHALLENGES_REMAIN
    assert m.status(100 - 1e-12) is m.Status.ACHIEVED
    assert m.status(75 - 1e-3) is m.Status.MODERATE_CHALLENGES


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


def test_horizon_in_the_baseline_year_requires_an_infinite_pace():
    assert math.isinf(m.pace(60, 2020, 70, 2021, 2020).required)


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


# ── Bounds and scales ─────────────────────────────────────────────────────────────────────────


def test_a_rank_is_scored_on_its_reciprocal():
    # Rank 60 against a target rank of 41: 100 · (1/60)/(1/41) = 100 · 41/60.
    posts = m.Goalposts(41, None, "lower", "reciprocal")
    assert posts.score(60) == pytest.approx(68.333, abs=1e-3)
    assert posts.score(41) == 100 and posts.score(30) == 100
    assert posts.gap_share(60) == pytest.approx(1 - 41 / 60)


def test_trailing_every_peer_cannot_read_as_near_a_target_at_the_best_peer():
    # Shanghai's best firm is #60, Beijing's #2: against Beijing's rank the score is 100 · 2/60.
    assert m.Goalposts(2, None, "lower", "reciprocal").score(60) == pytest.approx(3.333, abs=1e-3)
    # On a straight scale from a floor of 500 the same rank read as 88.
    assert m.Goalposts(2, 500, "lower").score(60) == pytest.approx(88.35, abs=1e-2)


def test_a_reciprocal_scale_with_a_floor_at_the_worst_rank():
    # Floor at rank 50, target rank 10: 1/50 → 0, 1/10 → 100; rank 20 is (1/20 − 1/50)/(1/10 − 1/50).
    assert m.Goalposts(10, 50, "lower", "reciprocal").score(20) == pytest.approx(37.5)


def test_linear_goalposts_fold_the_direction_into_the_bounds():
    assert m.Goalposts(66, 100, "lower").score(83) == 50
    assert m.Goalposts(15, None, "higher").score(8) == pytest.approx(53.333, abs=1e-3)  # natural zero


def test_peer_ratio_says_how_many_times_better_the_best_peer_is_in_both_directions():
    assert m.peer_gap(9, 60, "higher") == (51, pytest.approx(6.667, abs=1e-3))
    assert m.peer_gap(60, 2, "lower") == (-58, 30)  # rank 2 against rank 60: ×30, not ×0.03
    assert m.peer_gap(0, 4, "higher") == (4, None)
    assert m.peer_gap(5, 0, "lower") == (-5, None)


@pytest.mark.parametrize("relation, direction, bound", [
    ("<", "higher", "upper"), ("≤", "higher", "upper"), (">", "higher", "lower"), ("≥", "higher", "lower"),
    ("<", "lower", "lower"), (">", "lower", "upper"), ("≈", "higher", None), (None, "higher", None),
])
def test_a_score_from_a_bound_is_itself_a_bound(relation, direction, bound):
    assert m.score_bound(relation, direction) == bound


# ── Tolerance, coverage and priority ─────────────────────────────────────────────────────────


def test_a_pace_equal_to_the_required_one_but_for_float_noise_is_on_track():
    # 120 → 240 from 2015 to 2020 against 360 by 2025: s0 = 33.33…, st = 66.66…; both paces are
    # 6.67 points a year, but the two sides differ in the last bit.
    s0, st = 100 * 120 / 360, 100 * 240 / 360
    p = m.pace(s0, 2015, st, 2020, 2025)
    assert p.observed != p.required and abs(p.observed - p.required) < 1e-9
    assert m.trend(s0, 2015, st, 2020, 2025) is m.Trend.ON_TRACK


def test_a_flat_series_is_stagnating_not_decreasing():
    assert m.trend(50, 2015, 50 - 1e-12, 2020, 2030) is m.Trend.STAGNATING


@pytest.mark.parametrize("scores, threshold, expected", [
    ([80, 60, None], 0.6, "moderate_challenges"),  # 2 of 3 ≥ 60%: mean 70
    ([80, None, None], 0.6, "insufficient_data"),  # 1 of 3
    ([80, None, None, None, None], 0.2, "challenges_remain"),  # 1 of 5 = the threshold
    ([None, None], 0.6, "insufficient_data"),  # nothing scored
    ([], 0.6, "insufficient_data"),  # nothing meant to be scored
])
def test_an_aggregate_from_too_few_members_is_insufficient_data(scores, threshold, expected):
    status = m.aggregate_status(m.aggregate(scores), threshold, m.status)
    assert (status.value if status else None) == expected


def test_priority_is_the_mean_distance_of_the_shortfalls_addressed():
    assert m.priority([10, 30, None]) == 20
    assert m.priority([None]) is None
    assert m.distance(62.5) == 37.5 and m.distance(None) is None


def test_a_floor_the_target_does_not_beat_gives_way_to_the_natural_zero():
    # The worst peer at 30 already beats a near target of 26: that floor cannot bound the scale.
    assert m.Goalposts(26, 30, "higher").score(13) == 50  # from 0, not from 30
    assert m.Goalposts(26, 15, "higher").score(13) == 0  # below the worst peer's 15
    # Ranks: a worst peer ranked 10 cannot be the floor for a target rank of 20.
    assert m.Goalposts(20, 10, "lower", "reciprocal").score(40) == 50  # 100 · 20/40
    assert m.Goalposts(20, 50, "lower", "reciprocal").score(40) == pytest.approx(100 * (1 / 40 - 1 / 50) / (1 / 20 - 1 / 50))
