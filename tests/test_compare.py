"""`score.compare` on its own: two versions of the hand-worked data, and every kind of move and
reason `diff` reports, with its order."""

import shutil

import pytest

from scorecard.load.dataset import Location, load
from scorecard.score.compare import State, compare


@pytest.fixture
def pair(tmp_path, mini):
    """(old, new) datasets: the mini fixture, and a copy with `edits` (file, text, new text)."""
    made = []

    def make(*edits, fixture=mini):
        made.append(len(made))
        old, new = tmp_path / f"old{len(made)}", tmp_path / f"new{len(made)}"
        shutil.copytree(fixture, old)
        shutil.copytree(fixture, new)
        for name, text, replacement in edits:
            path = new / name
            written = path.read_text(encoding="utf-8")
            assert text in written
            path.write_text(written.replace(text, replacement), encoding="utf-8")
        return load(Location(old, "option")), load(Location(new, "option"))
    return make


def rows(changes) -> list[tuple]:
    return [(c.kind, c.id, c.horizon, c.before is None, c.after is None, c.why) for c in changes]


def test_what_is_added_and_removed_is_new_and_removed_in_the_datas_order(pair):
    old, new = pair(("indicators.yaml", "  - id: unmeasured\n", "  - id: counted-later\n"),
                    ("indicators.yaml", "  - id: orphan\n", "  - id: institutions\n"),
                    ("actions.yaml", "  - id: A3\n", "  - id: A4\n"),
                    ("actions.yaml", "  - id: mid\n", "  - id: later\n"))
    changes = compare(old, new)
    new_, removed = (True, False), (False, True)
    assert rows(changes) == [
        ("indicator", "counted-later", "near", *new_, (("new", "counted-later"),)),
        ("indicator", "counted-later", "long", *new_, (("new", "counted-later"),)),
        ("indicator", "unmeasured", "near", *removed, (("removed", "unmeasured"),)),
        ("indicator", "unmeasured", "long", *removed, (("removed", "unmeasured"),)),
        ("shortfall", "institutions", "near", *new_, (("new", "institutions"),)),
        ("shortfall", "institutions", "long", *new_, (("new", "institutions"),)),
        ("shortfall", "orphan", "near", *removed, (("removed", "orphan"),)),
        ("shortfall", "orphan", "long", *removed, (("removed", "orphan"),)),
        ("action", "A3", "near", *removed, (("removed", "A3"),)),
        ("action", "A3", "long", *removed, (("removed", "A3"),)),
        ("action", "A4", "near", *new_, (("new", "A4"),)),
        ("action", "A4", "long", *new_, (("new", "A4"),)),
        ("horizon", "later", "later", *new_, (("new", "later"),)),  # the new data's order, then the old's
        ("horizon", "mid", "mid", *removed, (("removed", "mid"),)),
    ]
    named = {(c.kind, c.id): c.name.get("en") for c in changes}
    assert named[("indicator", "unmeasured")] == named[("indicator", "counted-later")] == "Not yet measured"
    assert named[("shortfall", "orphan")] == "Institutions" and named[("action", "A4")] == "An action with no indicator"
    assert named[("horizon", "mid")] == "Mid term"
    mid = next(c for c in changes if c.id == "mid")
    assert mid.before == State(None, "insufficient_data")
    # Unmoved items too when asked: a shortfall and a horizon whose members changed, the same score.
    everything = {(c.kind, c.id, c.horizon): c for c in compare(old, new, ["near"], everything=True)}
    assert everything[("shortfall", "market", "near")].why == (("mapping", "+counted-later"), ("mapping", "−unmeasured"))
    assert everything[("horizon", "near", "near")].why == (("mapping", "+counted-later"), ("mapping", "−unmeasured"))
    assert not everything[("shortfall", "market", "near")].moved
    horizons = [(c.id, c.name.get("en")) for c in compare(old, new, everything=True) if c.kind == "horizon"]
    assert horizons == [("near", "Near term"), ("later", "Mid term"), ("long", "Long term"), ("mid", "Mid term")]
    # A horizon neither dataset has is passed over; the others are still compared.
    assert rows(compare(old, new, ["nosuch", "mid"])) == [("horizon", "mid", "mid", *removed, (("removed", "mid"),))]
    only = compare(old, new, only={("action", "A4")})
    assert [(c.kind, c.id) for c in only] == [("action", "A4"), ("action", "A4")]


def test_a_removed_figure_a_new_peer_and_a_changed_floor_are_each_said(pair):
    old, new = pair(
        ("indicators.yaml", "    floor: 100\n", "    floor: 90\n"),
        ("indicators.yaml", '      - {year: 2015, value: 6, source: "003 二(一)", derived: "assumed for the example"}\n', ""),
        ("indicators.yaml", '      - {year: 2020, value: 83, source: "000 二(四)"}\n',
         '      - {year: 2020, value: 83, source: "000 二(四)"}\n    benchmarks:\n'
         '      - {peer: tokyo, year: 2020, value: 40, source: "000 二(四)"}\n'))
    changes = {(c.kind, c.id, c.horizon): c for c in compare(old, new, ["near", "long"])}
    share = changes[("indicator", "basic-research-share", "near")]
    assert share.why == (("data", "−2015 6 (003 二(一))"),)
    assert (share.before.trend, share.after.trend) == ("on_track", None)  # one figure left: no trend
    offshore = changes[("indicator", "offshore-settlement", "near")]
    assert offshore.why == (("data", "+tokyo 2020 40 (000 二(四))"), ("peer", "– → tokyo 40 (2020)"),
                            ("method", "floor 100 → 90"))
    assert offshore.before == State(50, "moderate_challenges", None, 66, None, None)
    assert offshore.after.peer == "tokyo" and offshore.after.peer_value == 40
    assert changes[("shortfall", "market", "near")].why == (("indicator", "offshore-settlement 50 → 29.2"),)
    assert changes[("shortfall", "market", "near")].after.status == "moderate_challenges"
    a2 = changes[("action", "A2", "near")]
    assert a2.why == (("shortfall", "market 25 → 35.4"),)
    back = {(c.kind, c.id): c for c in compare(new, old, ["near"])}
    assert back[("action", "A2")].why == (("shortfall", "market 35.4 → 25"),)
    assert (a2.before.status, a2.before.priority, a2.before.rank) == ("achieved", 25, 1)
    horizon = changes[("horizon", "near", "near")]
    assert (horizon.before.status, horizon.after.status) == ("challenges_remain", "moderate_challenges")
    assert changes[("indicator", "offshore-settlement", "long")].after == State(None, None, None, None, "tokyo", 40)
    assert set(changes) == {("indicator", "basic-research-share", "near"), ("indicator", "basic-research-share", "long"),
                            ("indicator", "offshore-settlement", "near"), ("indicator", "offshore-settlement", "long"),
                            ("shortfall", "market", "near"), ("action", "A2", "near"), ("action", "A3", "near"),
                            ("horizon", "near", "near")}


def test_a_changed_kind_direction_band_or_coverage_is_a_change_of_method(pair):
    old, new = pair(("indicators.yaml", "    kind: count\n    shortfalls: [market, innovation]",
                     "    kind: amount\n    shortfalls: [market, innovation]"),
                    ("indicators.yaml", "sources:\n",
                     "method:\n  coverage: 0.6666666\n  bands: {challenges_remain: 70}\nsources:\n"),
                    ("indicators.yaml", "{year: 2020, value: 8, source:", "{year: 2020, value: 9, source:"))
    changes = {(c.kind, c.id): c for c in compare(old, new, ["near"], everything=True)}
    assert changes[("indicator", "fortune500")].why == (
        ("method", "kind count → amount"), ("method", "bands"), ("method", "coverage 0.6 → 0.6667"))
    # The horizon: the indicators that moved, then the method.
    assert changes[("horizon", "near")].why == (
        ("indicator", "basic-research-share 80 → 90"), ("method", "bands"), ("method", "coverage 0.6 → 0.6667"))


def test_a_target_from_another_rule_names_both_and_a_written_target_names_none(pair, mini):
    rules = mini.parent / "rules"
    old, new = pair(("indicators.yaml", "    rule: median\n", "    rule: catch-up\n"), fixture=rules)
    change = {(c.kind, c.id): c for c in compare(old, new, ["long"])}[("indicator", "listings")]
    assert change.why[0][0] == "target" and change.why[0][1].endswith(" (rule median → catch-up)")
    old, new = pair(("indicators.yaml", "near: {value: 10, basis: assumption,",
                     'mid: {value: 13, basis: assumption, reason: "example"}\n'
                     "      near: {value: 12, basis: assumption,"))
    changes = {(c.horizon, c.id): c for c in compare(old, new, ["near", "mid"]) if c.kind == "indicator"}
    assert changes[("near", "basic-research-share")].why == (("target", "10 → 12"),)
    assert changes[("mid", "basic-research-share")].why == (("target", "– → 13"),)


def test_an_indicator_moved_by_a_fraction_of_a_point_is_said_to_one_decimal(pair):
    old, new = pair(("indicators.yaml", "{year: 2020, value: 8, source:", "{year: 2020, value: 8.01, source:"))
    changes = {(c.kind, c.id): c for c in compare(old, new, ["long"])}
    assert changes[("shortfall", "innovation")].why == (("indicator", "basic-research-share 53.3 → 53.4"),)
    assert changes[("indicator", "basic-research-share")].why == (("data", "2020 8 → 8.01 (003 二(一))"),)


def test_set_leaves_ranks_out_of_a_comparison_of_a_few_indicators(pair):
    old, new = pair(("indicators.yaml", "{year: 2020, value: 8, source:", "{year: 2020, value: 3, source:"))
    ranked = {(c.kind, c.id): c for c in compare(old, new, ["near"])}
    unranked = {(c.kind, c.id): c for c in compare(old, new, ["near"], ranked=False)}
    assert (ranked[("action", "A1")].before.rank, ranked[("action", "A1")].after.rank) == (3, 1)
    assert unranked[("action", "A1")].after.rank is None and unranked[("shortfall", "innovation")].after.rank is None
    assert ("action", "A2") not in unranked  # only its rank moved


@pytest.mark.parametrize("before,after,differs", [
    (State(80.0, "a"), State(80.0 + 1e-12, "a"), False),  # float noise is no move
    (State(0.0, "a"), State(1e-9, "a"), False),  # a move is more than 1e-9
    (State(80, "a"), State(80.0 + 1e-12, "a"), False),  # an int and a float compare as numbers
    (State(80.0, "a"), State(80.1, "a"), True),
    (State(None, "a"), State(0.0, "a"), True),
    (State(1.0, "a", rank=2), State(1.0, "a", rank=3), True),
    (State(1.0, "a", peer="tokyo"), State(1.0, "a", peer="paris"), True),
])
def test_what_counts_as_a_move(before, after, differs):
    assert before.differs(after) is differs
