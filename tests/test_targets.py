"""Targets from declared rules, floors, bounds and conflicts, on the fixture tests/data/rules.

Horizons: near 2025, mid 2030, long 2035; every rule computes as of 2021 (method.base_year).
"""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load.dataset import Location, load
from scorecard.score.card import build
from scorecard.score.targets import plans

RULES = Path(__file__).parent / "data" / "rules"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def ds():
    return load(Location(RULES, "option"))


@pytest.fixture
def plan(ds):
    return plans(ds)


@pytest.fixture
def near(ds):
    return {r.id: r for r in build(ds, "near").indicators}


def values(p):
    return {h: t.value for h, t in p.targets.items()}


def test_close_gap_to_the_best_peer_as_of_the_base_year(plan):
    # Sources disagree for 2021 (9 or 10): 003 is newer, so x = 10. Peers as of 2021: Beijing 60,
    # Tokyo 53 (003); London's 99 of 2023 comes after the base year. 10 + 50/3 ≈ 27, 10 + 100/3 ≈ 43.
    p = plan["fortune500"]
    assert values(p) == {"near": 27, "mid": 43, "long": 60}
    near = p.targets["near"]
    assert (near.rule, near.start.value, near.reference.value, near.reference.figures[0].peer) == (
        "catch-up", 10, 60, "beijing")
    assert near.unrounded == pytest.approx(26.667, abs=1e-3)


def test_a_figure_after_the_base_year_moves_the_score_not_the_target(near):
    r = near["fortune500"]
    assert r.latest.value == 20 and r.target.value == 27
    assert r.score == pytest.approx(100 * 20 / 27)
    assert r.frontier.peer == "london"  # the best peer today is still shown


def test_the_mean_of_the_best_k_peers(plan):
    # Best two of Tokyo 15, London 12, Paris 9: 13.5. 8 + 5.5/2 = 10.75, rounded half up to 10.8.
    assert values(plan["basic-research-share"]) == {"near": 10.8, "long": 13.5}


def test_the_peers_median_and_a_horizon_the_rule_gives_no_fraction(plan):
    p = plan["listings"]
    assert values(p) == {"long": 20}  # median of 30, 10, 20
    assert p.missing["near"].reason == "no_fraction"


def test_the_trend_continued_in_a_straight_line(plan):
    # +24 a year from 120 (2015) to 240 (2020): 240 + 24 × 5 = 360 by 2025, × 10 = 480, × 15 = 600.
    assert values(plan["enterprises"]) == {"near": 360, "mid": 480, "long": 600}


def test_halfway_to_a_shares_ideal_end(plan):
    # Lower is better: R = 83 − 83/2 = 41.5; near 83 − 41.5/3 = 69.17 → 69.2.
    assert values(plan["offshore-settlement"]) == {"near": 69.2, "long": 41.5}


def test_a_rank_target_and_its_score_on_the_reciprocal_scale(plan, near):
    assert values(plan["top-rank"]) == {"near": 41, "mid": 21, "long": 2}  # 60 − 58 × f
    r = near["top-rank"]
    assert r.score == pytest.approx(100 * 41 / 60) and r.status.value == "moderate_challenges"
    assert r.peer_ratio == 30  # Beijing's rank 2 is 30 times better than 60


def test_a_floor_at_the_worst_of_the_subject_and_its_peers(plan, near):
    # Worst of 12 (Shanghai), 30, 8: 8. Target 12 + 18/3 = 18. Score (12 − 8)/(18 − 8) = 40.
    p = plan["worst-floor"]
    assert (p.floor, p.floor_basis) == (8, "worst")
    assert near["worst-floor"].score == pytest.approx(40)


def test_a_bound_gives_a_bound_on_the_score(near):
    r = near["under-a-third"]
    assert (r.latest.bound, r.target.value) == ("<", 55.5)  # 33.3 + 66.7/3 = 55.53
    assert r.score == pytest.approx(60) and r.score_bound == "upper"


def test_conflicts_are_decided_by_declaration_never_by_file_order(plan):
    newest = plan["fortune500"]
    assert newest.series[0].value == 10 and newest.conflict  # 003 (2023) is newer than 000 (2022)
    own = plan["fortune500-by-000"]
    assert own.series[0].value == 9  # the indicator's source_priority puts 000 first
    assert own.benchmarks[0].value == 53  # but `scored: true` on Tokyo's 003 figure wins


def test_no_target_without_a_figure_by_the_base_year(plan):
    assert plan["later-only"].missing["near"].reason == "no_value"
    assert plan["context"].missing["near"].reason == "unscored"
    assert plan["no-yardstick"].missing["near"].reason == "no_rule"


def test_coverage_counts_members_meant_to_be_scored(ds):
    card = build(ds, "near")
    s = {x.shortfall.id: x for x in card.shortfalls}
    orphan = s["orphan"]  # later-only and no-yardstick count; the context figure does not
    assert (orphan.result.covered, orphan.result.total) == (0, 2)
    assert orphan.status.value == "insufficient_data"
    innovation = s["innovation"]  # listings has no near target: 3 of 4 ≥ 60%
    assert (innovation.result.covered, innovation.result.total) == (3, 4)
    assert innovation.status.value == "moderate_challenges"
    assert s["market"].conflict and not innovation.conflict


def test_gaps_json_carries_each_rule_with_its_parameters():
    doc = json.loads(run("gaps", "--data", RULES, "-f", "json", "--lang", "en").stdout)
    rows = {r["id"]: r for r in doc["indicators"]}
    rule = rows["fortune500"]["target_rule"]
    assert rule | {"digits": 0} == {
        "name": "catch-up", "formula": "close_gap", "base_year": 2021, "start_value": 10,
        "start_year": 2021, "digits": 0, "reference": "best_peer", "reference_value": 60,
        "fraction": pytest.approx(1 / 3, abs=1e-4), "reference_peers": ["beijing"]}
    assert rows["fortune500"]["target_note"] == (
        "catch-up: 1/3 of the gap from 10 (2021) to Beijing's 60: 10 + 50 × 1/3 ≈ 27")
    assert rows["under-a-third"]["latest_relation"] == "<" and rows["under-a-third"]["score_bound"] == "upper"
    assert rows["context"]["unscored"] and rows["context"]["target_missing"] == "unscored"
    statuses = {r["status"] for r in doc["indicators"]} | {s["status"] for s in doc["shortfalls"]}
    assert statuses <= {None, "achieved", "challenges_remain", "moderate_challenges",
                        "significant_challenges", "major_challenges", "insufficient_data"}


def test_show_prints_the_arithmetic_of_each_target_and_the_conflict():
    out = run("show", "fortune500", "--data", RULES, "--lang", "en").stdout
    assert "catch-up: 1/3 of the gap from 10 (2021) to Beijing's 60: 10 + 50 × 1/3 ≈ 27" in out
    assert "catch-up: 2/3 of the gap from 10 (2021) to Beijing's 60: 10 + 50 × 2/3 ≈ 43" in out
    assert "! the sources disagree: 2021: 003 二(二) 10 is scored" in out
    trend = run("show", "enterprises", "--data", RULES, "--lang", "en").stdout
    assert "trend: +24 a year (120 in 2015 to 240 in 2020), continued to 2025: 240 + 24 × 5 = 360" in trend
    bound = run("show", "under-a-third", "--data", RULES, "--lang", "en").stdout
    assert "< 33.3" in bound and "≤60" in bound


def test_diff_after_a_rule_parameter_changes_names_exactly_the_indicators_using_it(tmp_path):
    old = tmp_path / "old"
    shutil.copytree(RULES, old)
    new = tmp_path / "new"
    shutil.copytree(RULES, new)
    text = (new / "indicators.yaml").read_text(encoding="utf-8")
    (new / "indicators.yaml").write_text(
        text.replace("      k: 2\n      fractions: {near: 1/2, long: 1}",
                     "      k: 2\n      fractions: {near: 1/4, long: 1}"), encoding="utf-8")
    doc = json.loads(run("diff", old, "--data", new, "-f", "json", "--lang", "en").stdout)
    targets = [(c["kind"], c["id"], c["horizon"]) for c in doc["changes"] if "target" in c["reasons"]]
    assert targets == [("indicator", "basic-research-share", "near")]  # the one indicator on top-two
    (why,) = [c["why"] for c in doc["changes"] if c["id"] == "basic-research-share"]
    assert why == ["target: 10.8 → 9.4 (fraction 0.5 → 0.25)"]  # 8 + 5.5/4 = 9.375 → 9.4


def test_a_cited_level_as_the_reference_and_a_rank_never_above_first(plan):
    # Rank 10 towards the level 0.2: near 10 − 9.8/3 = 6.73 → 7; mid 3.47 → 3; long 0.2 → 1.
    p = plan["tier-rank"]
    assert values(p) == {"near": 7, "mid": 3, "long": 1}
    rule = p.targets["near"].parameters()
    assert (rule["reference"], rule["reference_value"], rule["level_source"]) == ("level", 0.2, "003 二")


def test_a_rule_without_a_reference_closes_the_gap_to_the_best_peer(plan):
    assert values(plan["plain-rule"]) == {"near": 7}  # 4 + (10 − 4)/2


def test_why_a_rule_gives_no_target(plan):
    assert plan["no-peer"].missing["near"].reason == "no_peer"
    one = plan["one-year"].missing["near"]
    assert (one.reason, one.detail) == ("one_year", "2021")
    later = plan["later-only"].missing["near"]
    assert (later.reason, later.detail) == ("no_value", "2021")


def test_the_rule_as_applied_for_each_formula(plan):
    trend = plan["enterprises"].targets["near"].parameters()
    assert trend == {"name": "trend", "formula": "trend", "base_year": 2021, "start_value": 240,
                     "start_year": 2020, "digits": 0, "yearly_change": 24, "first_year": 2015,
                     "first_value": 120}
    ideal = plan["offshore-settlement"].targets["near"].parameters()
    assert {k: ideal[k] for k in ("reference", "reference_value", "ideal", "reach", "reference_peers")} == {
        "reference": "ideal", "reference_value": 41.5, "ideal": 0, "reach": 0.5, "reference_peers": []}
    mean = plan["basic-research-share"].targets["near"].parameters()
    assert (mean["reference"], mean["reference_peers"]) == ("best_mean", ["tokyo", "london"])
    median = plan["listings"].targets["long"].parameters()
    assert (median["reference"], median["reference_peers"]) == ("peer_median", ["tokyo", "paris", "london"])
    assert plan["context"].targets == {}


def test_a_worst_floor_without_any_figure_falls_back_to_the_natural_zero(ds):
    from scorecard.model import Indicator
    from scorecard.score.targets import plan as plan_of

    bare = Indicator(id="bare", name={"zh": "空", "en": "Empty"}, unit={"zh": "家", "en": "firms"},
                     kind="count", floor="worst", shortfalls=["extra"])
    p = plan_of(ds, bare)
    assert (p.floor, p.floor_basis) == (0.0, "natural")
    assert p.missing["near"].reason == "no_rule"


def test_each_missing_target_names_its_horizon_reason_and_detail(plan):
    from scorecard.score.targets import Missing

    assert plan["no-peer"].missing == {h: Missing(h, "no_peer") for h in ("near", "mid", "long")}
    assert plan["one-year"].missing == {h: Missing(h, "one_year", "2021") for h in ("near", "mid", "long")}
    assert plan["later-only"].missing == {h: Missing(h, "no_value", "2021") for h in ("near", "mid", "long")}
    assert plan["listings"].missing == {h: Missing(h, "no_fraction") for h in ("near", "mid")}
    assert plan["context"].missing["long"] == Missing("long", "unscored", "Context: a strength, not a shortfall")


def test_each_reference_in_full(plan):
    from scorecard.score.targets import Reference

    ideal = plan["offshore-settlement"].targets["near"].reference
    assert ideal == Reference("ideal", 41.5, ideal=0.0, reach=0.5)
    median = plan["listings"].targets["long"].reference
    assert (median.kind, median.value, [b.value for b in median.figures]) == ("peer_median", 20, [30, 20, 10])
    mean = plan["basic-research-share"].targets["near"].reference
    assert (mean.kind, mean.value, [b.peer for b in mean.figures]) == ("best_mean", 13.5, ["tokyo", "london"])
    rank = plan["top-rank"].targets["near"].reference  # lower is better: the best is the lowest
    assert (rank.kind, rank.value, [b.peer for b in rank.figures]) == ("best_peer", 2, ["beijing"])
    level = plan["tier-rank"].targets["near"].reference
    assert (level.kind, level.value, level.level.source) == ("level", 0.2, "003 二")
    for p in plan.values():
        for h, t in p.targets.items():
            assert t.horizon == h and t.basis == "assumption" and t.rule == p.indicator.rule_name


def _indicator(**fields):
    from scorecard.model import Indicator

    base = {"id": "made", "name": {"zh": "例", "en": "Example"}, "unit": {"zh": "%", "en": "%"},
            "shortfalls": ["extra"], "observations": [{"year": 2020, "value": 40, "source": "000 一"}]}
    return Indicator.model_validate(base | fields)


def test_a_share_that_should_rise_has_its_ideal_end_at_100(ds):
    from scorecard.score.targets import Missing, plan as plan_of

    # 40% halfway to 100%: R = 70; near 40 + 30/3 = 50; long 70.
    share = plan_of(ds, _indicator(kind="share", rule="halfway"))
    assert values(share) == {"near": 50, "long": 70}
    assert share.targets["near"].reference.ideal == 100
    # A count has no ideal end known without saying.
    count = plan_of(ds, _indicator(kind="count", rule="halfway"))
    assert count.missing["near"] == Missing("near", "no_ideal")
    # Unless the rule gives one.
    given = plan_of(ds, _indicator(kind="count", rule={"use": "halfway", "ideal": 60}))
    assert values(given) == {"near": 43, "long": 50}  # R = 50: 40 + 10/3 ≈ 43


def test_defaults_beneath_a_rule_k_3_and_reach_1(ds):
    from scorecard.score.targets import plan as plan_of

    peers = [{"peer": p, "year": 2020, "value": v, "source": "000 一"}
             for p, v in (("tokyo", 90), ("paris", 60), ("london", 30), ("beijing", 0))]
    # best_mean without k: the best three, (90 + 60 + 30)/3 = 60; 40 + 20/2 = 50.
    mean = plan_of(ds, _indicator(kind="count", benchmarks=peers,
                                  rule={"use": "plain", "reference": "best_mean"}))
    assert values(mean) == {"near": 50}
    # ideal without reach: all the way to the ideal end.
    whole = plan_of(ds, _indicator(kind="share", rule={"use": "halfway", "reach": 1}))
    assert values(whole) == {"near": 60, "long": 100}


@pytest.mark.parametrize("fields, floor, basis", [
    ({"kind": "count"}, 0, "natural"),
    ({"kind": "rank", "direction": "lower"}, None, "natural"),
    ({"kind": "share", "direction": "lower", "floor": 100}, 100, "stated"),
    ({"kind": "count", "floor": "worst"}, 30, "worst"),  # the worst peer by 2021; never the subject's 40
    ({"kind": "rank", "direction": "lower", "floor": "worst"}, 50, "worst"),  # the highest rank
])
def test_each_kind_of_floor(ds, fields, floor, basis):
    from scorecard.score.targets import plan as plan_of

    peers = [{"peer": "tokyo", "year": 2020, "value": 30, "source": "000 一"},
             {"peer": "paris", "year": 2020, "value": 50 if fields["kind"] == "rank" else 45,
              "source": "000 一"},
             {"peer": "london", "year": 2023, "value": 10 if fields["kind"] != "rank" else 90,
              "source": "000 一"}]
    p = plan_of(ds, _indicator(benchmarks=peers, **fields))
    assert (p.floor, p.floor_basis) == (floor, basis)
