"""The trend of an aggregate (docs/method.md, "Trend of an aggregate"), worked by hand on the port
fixture, whose Energy shortfall has two indicators with two figures and one with one."""

from pathlib import Path

import pytest

from scorecard.load.dataset import load, locate
from scorecard.score.method import Pace, judge
from scorecard.score.trend import aggregate_trend
from scorecard.score.card import build
from scorecard.score.method import Trend

PORT = Path(__file__).parent / "data" / "port"


def energy(horizon: str):
    ds = load(locate(PORT))
    card = build(ds, horizon)
    [s] = [s for s in card.shortfalls if s.shortfall.id == "energy"]
    return [r for r in card.indicators if r.id in s.indicators]


def test_the_paces_of_the_members_with_two_figures_are_averaged():
    # renewable-share: 20 (2019) → 30 (2023), target 30 + (70 − 30) × 1/2 = 50 by 2030, floor 0:
    #   s₀ = 40, sₜ = 60; r* = 60 / 11, r = 20 / 4 = 5.
    # port-emissions (lower, floor 800, target 300): 600 (2020) → 540 (2023):
    #   s₀ = 100 · 200/500 = 40, sₜ = 100 · 260/500 = 52; r* = 60 / 10 = 6, r = 12 / 3 = 4.
    # shore-power has one figure; green-jobs is unscored. Two of three have a trend: 67% ≥ 60%.
    result = aggregate_trend(energy("phase1"), 0.6)
    assert (result.with_trend, result.total) == (2, 3)
    assert result.required == pytest.approx((60 / 11 + 6) / 2)
    assert result.observed == pytest.approx((5 + 4) / 2)
    assert result.trend is Trend.MODERATE  # 4.5 is above half of 5.73, below the whole


def test_too_few_members_with_two_figures_draw_no_arrow():
    # At phase 2 port-emissions has no target, so only renewable-share has a trend: 1 of 3.
    result = aggregate_trend(energy("phase2"), 0.6)
    assert (result.trend, result.with_trend, result.total) == (None, 1, 3)
    assert aggregate_trend(energy("phase2"), 0.3).trend is Trend.ON_TRACK  # 3.57 a year ≥ 71.4/21


def test_an_aggregate_with_no_member_meant_to_be_scored_has_no_trend():
    assert aggregate_trend([], 0.6) == aggregate_trend([], 0.6)
    assert aggregate_trend([], 0.6).trend is None


@pytest.mark.parametrize("required, observed, achieved, arrow", [
    (5, 5, False, Trend.ON_TRACK),  # the pace needed, exactly
    (5, 5 - 1e-9, False, Trend.ON_TRACK),  # float noise is not a shortfall
    (5, 3, False, Trend.MODERATE),
    (5, 2.5, False, Trend.STAGNATING),  # half the pace needed is stagnating
    (5, 0, False, Trend.STAGNATING),
    (5, -0.1, False, Trend.DECREASING),
    (5, -0.1, True, Trend.ON_TRACK),  # every member already there
])
def test_the_arrow_follows_the_indicators_rule(required, observed, achieved, arrow):
    assert judge(Pace(required, observed), achieved) is arrow
