"""The scorecard on the hand-worked fixture (tests/data/mini), horizon by horizon."""

from pathlib import Path

import pytest

from scorecard.load.dataset import Location, load
from scorecard.score.card import build


@pytest.fixture
def ds(mini):
    return load(Location(mini, "option"))


def test_indicators_are_ranked_by_how_far_there_is_to_go(ds):
    card = build(ds, "near")
    assert [r.id for r in card.indicators] == [
        "offshore-settlement",  # score 50
        "basic-research-share",  # score 80
        "fortune500",  # score 100 (clipped)
        "unmeasured",  # no data: last, never 0
    ]


def test_each_indicator_scored_at_the_near_horizon(ds):
    r = {x.id: x for x in build(ds, "near").indicators}
    basic = r["basic-research-share"]
    assert basic.score == 80 and basic.status.value == "challenges_remain"
    assert basic.progress == 50 and basic.trend.value == "on_track"  # r = r* = 4 a year
    assert basic.frontier.peer == "tokyo" and basic.peer_gap == 7
    assert basic.actions == ("A1",)

    offshore = r["offshore-settlement"]
    assert offshore.score == 50 and offshore.gap == -17 and offshore.trend is None

    f500 = r["fortune500"]
    assert f500.latest.value == 10  # sources conflict for 2021: 003 is the newer source (method default)
    assert f500.score == 100 and f500.status.value == "achieved" and f500.conflict
    assert f500.frontier.peer == "beijing" and f500.peer_ratio == 6

    assert r["unmeasured"].score is None and r["unmeasured"].status is None


def test_long_horizon_uses_its_own_target_and_year(ds):
    basic = next(r for r in build(ds, "long").indicators if r.id == "basic-research-share")
    # 8/15 → 53.3; from 6/15 = 40 in 2015, r* = 60/20 = 3, r = 13.3/5 = 2.67: moderately improving.
    assert basic.score == pytest.approx(53.333, abs=1e-3)
    assert basic.trend.value == "moderate"


def test_no_target_at_a_horizon_means_no_score(ds):
    offshore = next(r for r in build(ds, "mid").indicators if r.id == "offshore-settlement")
    assert offshore.target is None and offshore.score is None


def test_shortfalls_aggregate_their_indicators_with_coverage(ds):
    card = build(ds, "near")
    s = {x.shortfall.id: x for x in card.shortfalls}
    assert s["market"].result.score == 75 and s["market"].result.coverage == "2/3"
    assert s["innovation"].result.score == 90 and s["innovation"].gap == 10
    assert s["orphan"].result.score is None and s["orphan"].result.coverage == "0/0"
    assert [x.shortfall.id for x in card.shortfalls] == ["market", "innovation", "orphan"]


def test_actions_ranked_by_the_gaps_of_the_shortfalls_they_address(ds):
    card = build(ds, "near")
    assert [(a.action.id, a.priority, a.rank) for a in card.actions] == [
        ("A2", 25, 1), ("A3", 25, 2), ("A1", 10, 3)]
    a3 = next(a for a in card.actions if a.action.id == "A3")
    assert a3.result.score is None and a3.result.total == 0


def test_overall_score_and_blind_spots(ds):
    card = build(ds, "near")
    assert card.overall.score == pytest.approx((80 + 50 + 100) / 3)
    assert card.overall.coverage == "3/4"
    assert card.blind_spots.shortfalls_without_action == ("orphan",)
    assert card.blind_spots.actions_without_indicator == ("A3",)
    assert card.blind_spots.indicators_without_action == ("offshore-settlement", "unmeasured")


def test_the_card_scores_every_indicator_and_a_view_shows_one_shortfalls(ds):
    from scorecard.views import gaps

    card = build(ds, "near")
    assert len(card.indicators) == 4
    doc = gaps.document(card, ds, "en", shortfall="innovation")
    assert [r["id"] for r in doc.sections[0].rows] == ["basic-research-share", "fortune500"]
    assert [r["rank"] for r in doc.sections[0].rows] == [1, 2]


def test_pace_in_the_unit_is_read_off_the_score(ds):
    basic = next(r for r in build(ds, "near").indicators if r.id == "basic-research-share")
    # 8 (2020) to 10 by 2025: +0.4 a year needed; 6 (2015) to 8 (2020): +0.4 a year done.
    assert basic.unit_pace == (pytest.approx(0.4), pytest.approx(0.4))
    unmeasured = next(r for r in build(ds, "near").indicators if r.id == "unmeasured")
    assert unmeasured.unit_pace == (None, None)


def test_across_horizons_scores_one_indicator_at_each_horizon_with_its_actions(ds):
    from scorecard.score.card import across_horizons

    p, scores = across_horizons(ds, ds.indicators["basic-research-share"])
    assert p.id == "basic-research-share"
    assert [(r.horizon.id, r.score, r.actions) for r in scores] == [
        ("near", 80, ("A1",)), ("mid", None, ("A1",)), ("long", pytest.approx(53.333, abs=1e-3), ("A1",))]


def test_figures_are_marked_scored_and_in_conflict(ds):
    from scorecard.score.card import figures
    from scorecard.score.targets import plan

    observed, compared = figures(plan(ds, ds.indicators["fortune500"]))
    # 2021 from 000 (9) and 003 (10): 003 is the newer source, so its 10 is scored.
    assert [(f.point.value, f.scored, f.conflict) for f in observed] == [(9, False, True), (10, True, True)]
    assert [(f.point.peer, f.point.value, f.scored, f.conflict) for f in compared] == [
        ("beijing", 60, True, False), ("tokyo", 37, False, True), ("tokyo", 53, True, True)]
    observed, _ = figures(plan(ds, ds.indicators["basic-research-share"]))
    assert [(f.point.year, f.scored, f.conflict) for f in observed] == [(2015, True, False), (2020, True, False)]


def test_a_rank_scored_on_its_reciprocal_with_its_pace_and_peer(tmp_path):
    import shutil

    from scorecard.score.method import Pace

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent / "data" / "rules", rules)
    r = {x.id: x for x in build(load(Location(rules, "option")), "near").indicators}
    rank = r["top-rank"]  # 60 against a target of 41, Beijing at 2
    assert rank.gap_share == pytest.approx(1 - 41 / 60) and rank.gap == -19
    assert (rank.peer_gap, rank.peer_ratio) == (-58, 30)
    assert rank.horizon.id == "near" and rank.pace is None
    firms = r["enterprises"]  # 120 (2015) → 240 (2020), target 360 by 2025: 33.3 → 66.7
    assert firms.pace == Pace(pytest.approx(100 / 15), pytest.approx(100 / 15))
    assert firms.gap_share == pytest.approx(1 / 3)


def test_bands_come_from_the_datas_method(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "mini", data)
    text = (data / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace("sources:\n", "method:\n  bands: {challenges_remain: 90, moderate_challenges: 80, "
                                      "significant_challenges: 60}\n\nsources:\n", 1)
    (data / "indicators.yaml").write_text(text, encoding="utf-8")
    r = {x.id: x for x in build(load(Location(data, "option")), "near").indicators}
    assert r["basic-research-share"].status.value == "moderate_challenges"  # 80
    assert r["offshore-settlement"].status.value == "major_challenges"  # 50
