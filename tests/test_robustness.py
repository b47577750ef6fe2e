"""Robustness: draws of the declared assumptions, re-scored, on datasets worked by hand.

Shares drawn at random are asserted within four binomial standard deviations of their exact
value, √(p(1 − p)/N); the seed is fixed, so each run is the same.
"""

import math
import random
import shutil
from pathlib import Path

import pytest

from robust_data import CATCH_UP, ONLY_FLOORS, dataset, flip, indicator
from scorecard.load.dataset import Location, load, locate
from scorecard.score import robustness as r
from scorecard.score.card import build

DATA = Path(__file__).parent / "data"


def near(share: float, p: float, n: int) -> bool:
    return abs(share - p) <= 4 * math.sqrt(p * (1 - p) / n)


def by_id(rows):
    return {s.id: s for s in rows}


# The declared assumptions give exactly what `gaps` shows -------------------------------------


@pytest.mark.parametrize("folder", [DATA / "mini", DATA / "rules", None], ids=["mini", "rules", "bundled"])
def test_the_declared_assumptions_reproduce_the_scorecard(folder):
    ds = load(locate(folder))
    for h in ds.horizons:
        card, frame = build(ds, h), r.Frame(ds, h)
        o = frame.score(frame.nominal())
        assert {x.id: (x.score, x.status) for x in card.indicators} == {
            e.id: (s, st) for e, s, st in zip(frame.entries, o.scores, o.statuses)}
        assert {x.shortfall.id: (x.result.score, x.status) for x in card.shortfalls} == dict(
            zip(frame.ids["shortfalls"], zip(o.shortfall_scores, o.shortfall_statuses)))
        assert {x.action.id: (x.priority, x.status) for x in card.actions} == dict(
            zip(frame.ids["actions"], zip(o.priorities, o.action_statuses)))
        # and the order `gaps` prints is the order of the ranks
        ranked = r.ranks(o.gaps("indicators"), frame.scorable["indicators"])
        rank = dict(zip(frame.ids["indicators"], ranked))
        shown = [rank[x.id] for x in card.indicators if rank[x.id] is not None]
        assert shown == sorted(shown)
        rank = dict(zip(frame.ids["shortfalls"], r.ranks(o.gaps("shortfalls"), frame.scorable["shortfalls"])))
        shown = [rank[x.shortfall.id] for x in card.shortfalls if rank[x.shortfall.id] is not None]
        assert shown == sorted(shown)


def test_changed_parameters_score_as_the_data_would_with_them_written_in(tmp_path):
    """The seam a scenario uses: a rule's fraction and reference, a weight, given as
    assumptions, score as the same choices written into the data."""
    shutil.copytree(DATA / "rules", tmp_path / "changed")
    text = (tmp_path / "changed" / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace("fractions: {near: 1/3, mid: 2/3, long: 1}\n    top-two:",
                        "fractions: {near: 1/2, mid: 2/3, long: 1}\n    top-two:")
    text = text.replace("      reference: best_mean\n", "      reference: peer_median\n", 1)
    text = text.replace("    rule: catch-up\n", "    weight: 2\n    rule: catch-up\n", 1)
    (tmp_path / "changed" / "indicators.yaml").write_text(text, encoding="utf-8")
    before, after = load(Location(DATA / "rules", "option")), load(Location(tmp_path / "changed", "option"))
    frame = r.Frame(before, "near")
    o = frame.score(r.Assumptions(fractions={"catch-up": 0.5}, references={"top-two": "peer_median"},
                                  weights={"fortune500": 2.0}))
    card = build(after, "near")
    assert {x.id: x.score for x in card.indicators} == dict(zip(frame.ids["indicators"], o.scores))
    assert {x.shortfall.id: x.result.score for x in card.shortfalls} == dict(
        zip(frame.ids["shortfalls"], o.shortfall_scores))
    assert o.scores != frame.score(frame.nominal()).scores  # the change did move something


# Ranks, percentiles, shifts -------------------------------------------------------------------


def test_ranks_share_ties_and_put_items_without_a_gap_last():
    assert r.ranks([10.0, 30.0, 30.0, None, 5.0, None], [True, True, True, True, True, False]) == [
        3, 1, 1, 5, 4, None]
    assert r.ranks([50.0, 50.0 + 1e-9], [True, True]) == [1, 1]  # float noise is a tie
    assert r.ranks([], []) == []


def test_percentiles_are_ranks_that_occur():
    ordered = [1] * 50 + [2] * 50
    assert (r.percentile(ordered, 5), r.percentile(ordered, 50), r.percentile(ordered, 95)) == (1, 1, 2)
    assert r.percentile([1] * 49 + [2] * 51, 50) == 2
    assert r.percentile(list(range(1, 101)), 5) == 5 and r.percentile(list(range(1, 101)), 95) == 95
    assert r.percentile([7], 5) == 7


def test_percentiles_count_in_whole_draws():
    assert r.percentile(list(range(1, 203)), 50) == 101  # 101 of 202 draws at or below it


def test_the_statistics_of_one_item():
    ranked = list(range(1, 101))  # one draw at each rank from 1 to 100
    bands = [r.m.Status.MAJOR_CHALLENGES] * 30 + [None] * 70
    s = r._stats("x", 4, 12.5, r.m.Status.MODERATE_CHALLENGES, ranked, bands, [True] * 90 + [False] * 10, 3)
    assert (s.rank, s.score, s.status, s.median, s.p05, s.p95) == (4, 12.5, r.m.Status.MODERATE_CHALLENGES, 50, 5, 95)
    assert s.top == 0.03 and s.bands["major_challenges"] == 0.3 and s.bands["achieved"] == 0
    unranked = r._stats("y", None, None, None, [None] * 4, [None] * 4, [False] * 4, 3)
    assert (unranked.rank, unranked.median, unranked.p05, unranked.p95, unranked.top) == (None, None, None, None, 0.0)


def test_mean_absolute_rank_shift_over_the_ranked_items():
    assert r.mean_shift([2, 1, 3, None], [1, 2, 3, None]) == pytest.approx(2 / 3)
    assert r.mean_shift([None], [None]) == 0.0


# Hand-worked draws ----------------------------------------------------------------------------


def test_two_indicators_whose_order_flips_with_the_floor(tmp_path):
    ds = flip(tmp_path)
    n = 400
    result = r.analyse(ds, "near", draws=n, seed=3, top=1)
    assert [(u.kind, u.alternatives, u.indicators) for u in result.uncertain] == [
        ("floor", ("natural", "worst"), 2)]
    a, b = (by_id(result.levels["indicators"])[i] for i in "ab")
    assert (b.rank, a.rank) == (1, 2)  # declared: natural floors
    worst = a.top  # a is first exactly when the floors are the worst
    assert near(worst, 0.5, n) and b.top == pytest.approx(1 - worst)
    assert (a.p05, a.p95, b.p05, b.p95) == (1, 2, 1, 2)
    assert a.median == (1 if worst >= 0.5 else 2) and b.median == (2 if 1 - worst < 0.5 else 1)
    assert a.bands["moderate_challenges"] == pytest.approx(1 - worst)  # 50 with natural floors
    assert a.bands["major_challenges"] == pytest.approx(worst)  # 0 with the worst floor
    assert b.bands["significant_challenges"] == pytest.approx(1 - worst)  # 30
    assert b.bands["major_challenges"] == pytest.approx(worst)  # 22.2
    assert sum(a.bands.values()) == pytest.approx(1)
    # every level flips together: each draw shifts both items by one rank or neither
    assert result.shift == pytest.approx({"shortfalls": worst, "actions": worst, "indicators": worst})
    assert [s.id for s in result.levels["shortfalls"]] == ["sb", "sa"]


def test_a_fraction_drawn_from_its_range(tmp_path):
    """c: 10, best peer 50, target 10 + 40f rounded (a count), f uniform on [1/4, 1/2].
    d: 9 against a stated 20, 45 (gap 55). c's gap is larger exactly when its target is 23 or
    more: 10 + 40f ≥ 22.5, f ≥ 0.3125, in (0.5 − 0.3125)/0.25 = 75% of draws."""
    ds = dataset(tmp_path, [indicator("c", "s", 10, peer=50, floor=0, rule="catch-up"),
                            indicator("d", "s", 9, peer=50, floor=0, target=20)],
                 {"weights": 0, "bands": 0}, CATCH_UP)
    n = 1000
    result = r.analyse(ds, "near", draws=n, seed=5, top=1, sensitivity=False)
    (u,) = result.uncertain
    assert (u.kind, u.rule, u.nominal, u.low, u.high, u.indicators) == ("fraction", "catch-up", 1 / 3, 0.25, 0.5, 1)
    c = by_id(result.levels["indicators"])["c"]
    assert c.rank == 1  # declared 1/3: target 23, score 43.5
    assert near(c.top, 0.75, n) and (c.p05, c.median, c.p95) == (1, 1, 2)
    # 50 (moderate) only with a target of 20, 10 + 40f < 20.5: f < 0.2625, 5% of draws;
    # targets 21 to 30 score 47.6 down to 33.3 (significant)
    assert near(c.bands["moderate_challenges"], 0.05, n)
    assert c.bands["significant_challenges"] == pytest.approx(1 - c.bands["moderate_challenges"])


def test_band_edges_drawn_around_their_declared_places(tmp_path):
    """52 against the moderate edge 50 ± 5: moderate when the edge falls at or below 52,
    (52 − 45)/10 = 70% of draws; significant otherwise."""
    ds = dataset(tmp_path, [indicator("x", "s", 52, peer=60, floor=0, target=100)],
                 {"weights": 0, "bands": 5})
    n = 2000
    x = r.analyse(ds, "near", draws=n, seed=7, top=3, sensitivity=False).levels["indicators"][0]
    assert near(x.bands["moderate_challenges"], 0.7, n)
    assert x.bands["significant_challenges"] == pytest.approx(1 - x.bands["moderate_challenges"])


def test_weights_drawn_within_a_quarter_of_their_value(tmp_path):
    """Shortfall s1 averages 0 and 100 (weights w₁, w₂ uniform on [0.75, 1.25]): 100·w₂/(w₁ + w₂).
    Shortfall s2 scores 45. s1's gap is the larger when w₂ < 9/11 · w₁, in 2/11 of draws
    (the area of that triangle in the square of weights)."""
    ds = dataset(tmp_path, [indicator("x1", "s1", 0, peer=10, floor=0, target=10),
                            indicator("x2", "s1", 10, peer=10, floor=0, target=10),
                            indicator("x3", "s2", 45, peer=100, floor=0, target=100)],
                 {"weights": 0.25, "bands": 0})
    n = 2000
    result = r.analyse(ds, "near", draws=n, seed=11, top=1, sensitivity=False)
    s1 = by_id(result.levels["shortfalls"])["s1"]
    assert s1.rank == 2 and near(s1.top, 2 / 11, n)
    assert result.uncertain[0].keys == ("x1", "x2", "x3")
    assert (s1.score, by_id(result.levels["indicators"])["x1"].score) == (50, 0)
    assert [(a.id, a.score) for a in result.levels["actions"]] == [("A-s2", 55), ("A-s1", 50)]
    # the weights alone move the ranking: their indices are one
    (index,) = r.analyse(ds, "near", draws=300, seed=11, top=1).sensitivity[0].indices
    assert index.total == pytest.approx(1, abs=0.2) and index.first_order == pytest.approx(1, abs=0.2)


def test_discrete_alternatives_are_drawn_with_equal_odds(tmp_path):
    rules = {"catch-up": dict(CATCH_UP["catch-up"], vary={"reference": ["best_peer", "best_mean", "peer_median"]})}
    c = indicator("c", "s", 10, peer=50, floor=0, rule="catch-up", peers={"paris": 20})
    c["benchmarks"].append({"peer": "paris", "year": 2023, "value": 100, "source": "000 一"})  # after 2021
    ds = dataset(tmp_path, [c], {"weights": 0, "bands": 0}, rules)
    frame = r.Frame(ds, "near")
    rng, n = random.Random(2), 3000
    drawn = [frame.assume([rng.random()]).references["catch-up"] for _ in range(n)]
    for kind in ("best_peer", "best_mean", "peer_median"):
        assert near(drawn.count(kind) / n, 1 / 3, n)
    assert frame.uncertain[0].value(0.999999) == "peer_median" and frame.uncertain[0].value(0.0) == "best_peer"
    # each alternative is the rule's own reference: 50, the mean of 50 and 20, their median 35
    targets = {k: frame.entries[0].target_under(r.Assumptions(references={"catch-up": k}))
               for k in ("best_peer", "best_mean", "peer_median", "level")}
    assert targets == {"best_peer": 23, "best_mean": 18, "peer_median": 18, "level": None}


def test_a_level_the_rule_declares_is_an_alternative_reference(tmp_path):
    rules = {"catch-up": dict(CATCH_UP["catch-up"], level={"value": 40, "source": "000 一"},
                              vary={"reference": ["best_peer", "level"]})}
    ds = dataset(tmp_path, [indicator("c", "s", 10, peer=50, floor=0, rule="catch-up")],
                 {"weights": 0, "bands": 0}, rules)
    c = r.Frame(ds, "near").entries[0]
    assert (c.target, c.target_under(r.Assumptions(references={"catch-up": "level"}))) == (23, 20)


def test_a_floor_is_worst_only_where_there_is_a_peer_to_compare_with(tmp_path):
    late = indicator("late", "s", 10, target=20)
    late["benchmarks"] = [{"peer": "tokyo", "year": 2023, "value": 5, "source": "000 一"}]
    a = indicator("a", "s", 10, peer=8, target=20)
    a["benchmarks"].append({"peer": "paris", "year": 2023, "value": 5, "source": "000 一"})
    ds = dataset(tmp_path, [indicator("alone", "s", 10, target=20), a,
                            late, indicator("met", "s", 12, peer=10, target=10)], ONLY_FLOORS)
    frame = r.Frame(ds, "near")
    worst = frame.score(r.Assumptions(floors="worst")).scores
    # alone keeps its natural zero; a's floor is Tokyo's 8 (Paris's 5 of 2023 comes after the
    # base year, 2021): 100 · 2/12; late's only peer figure comes after it too; met's floor, its
    # peer's 10, is its target as well, and 12 meets it
    assert worst == [50.0, pytest.approx(100 / 6), 50.0, 100.0]
    assert [e.floors["worst"] for e in frame.entries] == [0.0, 8, 0.0, 10]


def test_what_the_data_declares_is_not_drawn(tmp_path):
    """A stated floor, a stated target and an indicator's own fractions stay as written."""
    own = {"use": "catch-up", "fractions": {"near": "1/2"}}
    ds = dataset(tmp_path, [indicator("c", "s", 10, peer=50, floor=0, rule=own),
                            indicator("d", "s", 9, peer=50, floor=0, target=20)],
                 {"weights": 0, "bands": 0, "floors": ["natural", "worst"]}, CATCH_UP)
    frame = r.Frame(ds, "near")
    assert frame.uncertain == []
    c = frame.entries[0]
    moved = r.Assumptions(fractions={"catch-up": 0.25}, references={"catch-up": "peer_median"})
    assert c.target_under(moved) == c.target == 30  # 10 + 40/2
    result = r.analyse(ds, "near", draws=20, seed=1, top=3)
    assert result.runs == 20 and result.sensitivity == [] and result.shift["indicators"] == 0


def test_each_declared_input_takes_its_own_columns_of_a_draw(tmp_path):
    rules = {"fixed": {"formula": "close_gap", "reference": "best_peer", "fractions": {"near": "1/2"}},
             **{"catch-up": dict(CATCH_UP["catch-up"], vary={"fractions": {"near": ["1/4", "1/2"]},
                                                             "reference": ["best_peer", "peer_median"]})}}
    unscored = dict(indicator("u", "s", 10, peer=40, target=20), unscored="context")
    ds = dataset(tmp_path, [indicator("f", "s", 10, peer=50, rule="fixed"),
                            indicator("c", "s", 10, peer=50, rule="catch-up", peers={"paris": 20}),
                            indicator("own", "s", 10, peer=50, floor=0, peers={"paris": 20},
                                      rule={"use": "catch-up", "reference": "peer_median"}),
                            unscored, indicator("none", "s", 10, peer=40)],
                 {"weights": 0.25, "bands": 25, "floors": ["natural", "worst"]}, rules)
    frame = r.Frame(ds, "near")
    assert [(u.kind, u.rule, u.width, u.indicators, u.nominal) for u in frame.uncertain] == [
        ("fraction", "catch-up", 1, 2, 1 / 3), ("reference", "catch-up", 1, 1, "best_peer"),
        ("floor", None, 1, 3, None), ("weight", None, 3, 3, None), ("band", None, 3, 4, None)]
    assert frame.uncertain[3].keys == ("f", "c", "own")  # u is unscored on purpose; none has no target
    row = [0.0, 0.9, 0.6, 0.0, 0.5, 0.999999999, 0.999999999, 0.5, 0.0]
    a = frame.assume(row)
    assert a.fractions == {"catch-up": 0.25} and a.references == {"catch-up": "peer_median"}
    assert a.floors == "worst"
    assert a.weights == pytest.approx({"f": 0.75, "c": 1.0, "own": 1.25})
    assert a.bands == pytest.approx((100, 50, 0))  # 75 + 25, 50, 25 − 25
    assert frame.uncertain[1].value(1.0) == "peer_median"  # the top of [0, 1] too
    own = frame.entries[2]  # its own reference, the median 35: 10 + 25/3 ≈ 18
    assert own.target == own.target_under(r.Assumptions(references={"catch-up": "best_peer"})) == 18


def test_bands_stay_within_zero_and_a_hundred(tmp_path):
    ds = dataset(tmp_path, [indicator("x", "s", 52, peer=60, floor=0, target=100)], {"weights": 0, "bands": 25},
                 bands={"challenges_remain": 90, "moderate_challenges": 50, "significant_challenges": 10})
    frame = r.Frame(ds, "near")
    assert frame.assume([0.99999999, 0.5, 0.0]).bands == pytest.approx((100, 50, 0))


def test_a_reference_that_cannot_be_computed_leaves_no_target_in_that_draw(tmp_path):
    rules = {"to-level": {"formula": "close_gap", "reference": "level",
                          "level": {"value": 30, "source": "000 一"}, "fractions": {"near": "1/2"},
                          "vary": {"reference": ["level", "best_peer"]}}}
    ds = dataset(tmp_path, [indicator("lonely", "s", 10, floor=0, rule="to-level"),
                            indicator("c", "s", 10, peer=50, floor=0, rule="to-level")],
                 {"weights": 0, "bands": 0}, rules)
    frame = r.Frame(ds, "near")
    lonely, c = frame.entries
    assert (lonely.target, c.target) == (20, 20)  # 10 + (30 − 10)/2
    peer = r.Assumptions(references={"to-level": "best_peer"})
    assert (lonely.target_under(peer), c.target_under(peer)) == (None, 30)
    assert frame.score(peer).scores == [None, pytest.approx(100 / 3)]
    assert r.ranks(frame.score(peer).gaps("indicators"), frame.scorable["indicators"]) == [2, 1]


def test_each_target_and_floor_pair_is_scored_once(tmp_path, monkeypatch):
    ds = dataset(tmp_path, [indicator("c", "s", 10, peer=50, floor=0, rule="catch-up")],
                 {"weights": 0, "bands": 0}, CATCH_UP)
    frame = r.Frame(ds, "near")
    made = []
    real = r.m.Goalposts
    monkeypatch.setattr(r.m, "Goalposts", lambda *args: made.append(args) or real(*args))
    for f in (0.25, 0.26, 0.25, 0.5):  # targets 20, 20 (20.4), 20, 30
        frame.score(r.Assumptions(fractions={"catch-up": f}))
    assert made == [(20, 0.0, "higher", "linear"), (30, 0.0, "higher", "linear")]


def test_an_item_that_can_have_no_score_comes_last_with_no_rank(tmp_path):
    ds = dataset(tmp_path, [indicator("a", "s", 10, peer=40, target=20), indicator("b", "s", 5, peer=40),
                            indicator("c", "s", 12, peer=40, target=20)], ONLY_FLOORS)
    rows = r.analyse(ds, "near", draws=10, seed=1, top=3, sensitivity=False).levels["indicators"]
    assert [(x.id, x.rank) for x in rows] == [("a", 1), ("c", 2), ("b", None)]
    assert (rows[2].median, rows[2].top, rows[2].score) == (None, 0.0, None)


# Sensitivity ----------------------------------------------------------------------------------


def test_the_assumption_that_drives_the_whole_ranking_is_singled_out(tmp_path):
    """The floors flip a and b (as in `flip`); a fraction, the weights and the band edges
    vary too, but e's gap stays far below theirs and each shortfall has one indicator, so
    none of them moves a rank."""
    ds = dataset(tmp_path, [indicator("a", "sa", 10, peer=9, target=20),
                            indicator("b", "sb", 6, peer=2, target=20),
                            indicator("e", "se", 95, peer=100, floor=50, rule="catch-up")],
                 {"weights": 0.25, "bands": 5, "floors": ["natural", "worst"]}, CATCH_UP)
    n = 500
    result = r.analyse(ds, "near", draws=n, seed=1, top=3)
    kinds = [u.kind for u in result.uncertain]
    assert kinds == ["fraction", "floor", "weight", "band"]
    assert result.runs == n * (len(kinds) + 2)
    shift = result.sensitivity[0]
    assert shift.output == "rank_shift" and shift.id is None
    floors = shift.indices[kinds.index("floor")]
    assert floors.total == pytest.approx(1, abs=0.15) and floors.first_order == pytest.approx(1, abs=0.15)
    for kind, index in zip(kinds, shift.indices):
        if kind != "floor":
            assert (index.first_order, index.total) == (0, 0)
    ranks = {s.id: s for s in result.sensitivity if s.output == "rank"}
    assert list(ranks) == ["sb", "sa", "se"]  # in the declared ranking's order
    assert ranks["sa"].indices[kinds.index("floor")].total == pytest.approx(1, abs=0.15)
    assert all(i.total is None for i in ranks["se"].indices)  # its rank never moves


def test_the_same_seed_draws_the_same_and_another_seed_does_not(tmp_path):
    ds = flip(tmp_path)
    one, two = r.analyse(ds, "near", draws=50, seed=4, top=3), r.analyse(ds, "near", draws=50, seed=4, top=3)
    assert one == two
    assert r.analyse(ds, "near", draws=50, seed=5, top=3).levels != one.levels


def test_progress_is_reported_as_runs_complete(tmp_path):
    seen = []
    r.analyse(flip(tmp_path), "near", draws=150, seed=1, top=3, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(100, 450), (200, 450), (300, 450), (400, 450), (450, 450)]
