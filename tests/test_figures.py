"""Which figure of a year is scored: declared, never the file order."""

from scorecard.model import Benchmark, Observation
from scorecard.score.figures import Priority, as_of, choose, conflicted, groups, latest_by_peer, scored

YEARS = {"000": 2022, "003": 2023, "x": None}


def obs(value, source, year=2021, **extra):
    return Observation(year=year, value=value, source=f"{source} 一", **extra)


def peer(name, value, source, year=2021, **extra):
    return Benchmark(peer=name, year=year, value=value, source=f"{source} 一", **extra)


def test_the_newest_source_is_scored_by_default():
    group = [obs(9, "000"), obs(10, "003")]
    assert choose(group, Priority(None, "newest", YEARS)).value == 10
    assert choose(list(reversed(group)), Priority(None, "newest", YEARS)).value == 10  # order is no matter


def test_a_source_with_a_year_comes_before_one_without():
    assert choose([obs(1, "x"), obs(2, "000")], Priority(None, "newest", YEARS)).value == 2


def test_the_indicators_priority_comes_before_the_methods():
    group = [obs(9, "000"), obs(10, "003")]
    assert choose(group, Priority(["000"], "newest", YEARS)).value == 9
    assert choose(group, Priority(None, ["000", "003"], YEARS)).value == 9
    assert choose(group, Priority(None, ["003", "000"], YEARS)).value == 10
    assert choose(group, Priority(["003"], ["000", "003"], YEARS)).value == 10
    # A source the list does not name comes after the ones it names.
    assert choose([obs(1, "x"), obs(2, "003")], Priority(None, ["003"], YEARS)).value == 2


def test_a_figure_marked_scored_comes_first():
    group = [obs(9, "000", scored=True), obs(10, "003")]
    assert choose(group, Priority(["003"], "newest", YEARS)).value == 9


def test_nothing_decides_between_two_sources_without_years_or_priority():
    group = [obs(9, "x"), obs(10, "x", year=2021)]
    assert choose(group, Priority(None, "newest", {})) is None
    assert choose(group, Priority(None, ["000"], YEARS)) is None


def test_sources_that_agree_need_no_decision():
    assert choose([obs(9, "x"), obs(9, "y")], Priority(None, "newest", {})).value == 9
    # Tied at the top but agreeing, with a third that disagrees further down: the top is scored.
    group = [obs(5, "y"), obs(9, "x"), obs(9, "z")]
    assert choose(group, Priority(["x", "z"], ["x", "z"], {})).value == 9
    assert not conflicted([obs(9, "x"), obs(9, "y")]) and conflicted(group)


def test_one_figure_a_year_oldest_first():
    points = [obs(3, "000", year=2020), obs(9, "000"), obs(10, "003"), obs(1, "000", year=2019)]
    series = scored(points, Priority(None, "newest", YEARS))
    assert [(p.year, p.value) for p in series] == [(2019, 1), (2020, 3), (2021, 10)]


def test_peers_are_grouped_apart_from_each_other():
    figures = [peer("tokyo", 37, "000"), peer("tokyo", 53, "003"), peer("paris", 5, "000")]
    assert set(groups(figures)) == {("tokyo", 2021), ("paris", 2021)}
    chosen = scored(figures, Priority(None, "newest", YEARS))
    assert sorted((b.peer, b.value) for b in chosen) == [("paris", 5), ("tokyo", 53)]


def test_as_of_a_year():
    series = [obs(1, "000", year=2019), obs(3, "000", year=2020), obs(9, "000", year=2023)]
    assert as_of(series, 2022).value == 3
    assert as_of(series, 2020).value == 3  # at or before
    assert as_of(series, None).value == 9
    assert as_of(series, 2018) is None


def test_each_peers_latest_figure_as_of_a_year():
    figures = [peer("tokyo", 1, "000", year=2019), peer("tokyo", 2, "000", year=2021),
               peer("paris", 5, "000", year=2023)]
    assert {k: b.value for k, b in latest_by_peer(figures, 2021).items()} == {"tokyo": 2}
    assert {k: b.value for k, b in latest_by_peer(figures).items()} == {"tokyo": 2, "paris": 5}
