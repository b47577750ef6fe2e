"""Tests on the data itself: indicators.yaml and actions.yaml at the repo root.

They read the YAML directly and validate it with the schema in scorecard/model.py, so they do not
depend on the loader. Each test states one promise the dataset makes to its readers: every id
resolves, every figure cites a section of a seed and quotes its words, every target says why.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import seedfigures
import yaml
from seedfigures import SEED_FILES, SEEDS

from scorecard.model import ActionsFile, IndicatorsFile

ROOT = Path(__file__).resolve().parents[1]
CITATION = re.compile(r"^(?P<source>\S+) (?P<section>\S.*)$")


@lru_cache(maxsize=None)
def indicators_file() -> IndicatorsFile:
    return IndicatorsFile.model_validate(yaml.safe_load((ROOT / "indicators.yaml").read_text("utf-8")))


@lru_cache(maxsize=None)
def actions_file() -> ActionsFile:
    return ActionsFile.model_validate(yaml.safe_load((ROOT / "actions.yaml").read_text("utf-8")))


@lru_cache(maxsize=None)
def target_plans():
    """Every indicator's targets as the engine computes them from the declared rules."""
    from scorecard.load.dataset import Location, load
    from scorecard.score.targets import plans

    return plans(load(Location(ROOT, "option")))


def figures():
    """Every observation and benchmark, with the indicator it belongs to and a label for messages."""
    for ind in indicators_file().indicators:
        for obs in ind.observations:
            yield ind, obs, f"{ind.id} {obs.year} ({obs.source})"
        for bm in ind.benchmarks:
            yield ind, bm, f"{ind.id} {bm.peer} {bm.year} ({bm.source})"


def stated_targets():
    for ind in indicators_file().indicators:
        for horizon, target in ind.targets.items():
            if target.basis == "stated":
                yield ind, target, f"{ind.id} {horizon}"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=None)
def seed_text(source_id: str) -> str:
    path = SEEDS / SEED_FILES[source_id]
    if not path.is_file():
        pytest.skip(f"seed {source_id} not found at {path}: traceability needs ../shared/seeds")
    return squeeze(path.read_text("utf-8"))


def numbers_in(quote: str) -> set[float]:
    """The numbers a quote prints, each also read with its 万/亿 magnitude in the other unit.

    "1.22亿人次" gives 1.22 and 12200 (万人次); "6000万" gives 6000 and 0.6 (亿); "1,365" gives 1365.
    """
    found: set[float] = set()
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(亿|万)?", squeeze(quote)):
        n = float(match.group(1).replace(",", ""))
        found.add(n)
        if match.group(2) == "亿":
            found.add(n * 1e4)
        elif match.group(2) == "万":
            found.add(n / 1e4)
    return found


def prints(quote: str, value: float) -> bool:
    return any(abs(n - value) <= 1e-9 * max(1.0, abs(value)) for n in numbers_in(quote))


# ── The schema and the ids ────────────────────────────────────────────────────────────────────


def test_both_files_validate_against_the_schema():
    assert indicators_file().indicators
    assert actions_file().actions


def test_ids_are_unique_within_each_list():
    ind, act = indicators_file(), actions_file()
    for name, ids in [
        ("sources", [s.id for s in ind.sources]),
        ("peers", [p.id for p in ind.peers]),
        ("shortfalls", [s.id for s in ind.shortfalls]),
        ("indicators", [i.id for i in ind.indicators]),
        ("horizons", [h.id for h in act.horizons]),
        ("programmes", [p.id for p in act.programmes]),
        ("actions", [a.id for a in act.actions]),
    ]:
        repeated = [i for i, n in Counter(ids).items() if n > 1]
        assert not repeated, f"{name}: repeated ids {repeated}"


def test_every_referenced_id_exists():
    ind, act = indicators_file(), actions_file()
    shortfalls = {s.id for s in ind.shortfalls}
    indicators = {i.id for i in ind.indicators}
    peers = {p.id for p in ind.peers}
    programmes = {p.id for p in act.programmes}
    missing = []
    for s in ind.shortfalls:
        missing += [f"shortfall {s.id} related {r}" for r in s.related if r not in shortfalls]
    for i in ind.indicators:
        missing += [f"indicator {i.id} shortfall {s}" for s in i.shortfalls if s not in shortfalls]
        missing += [f"indicator {i.id} peer {b.peer}" for b in i.benchmarks if b.peer not in peers]
    for a in act.actions:
        if a.programme not in programmes:
            missing.append(f"action {a.id} programme {a.programme}")
        missing += [f"action {a.id} shortfall {s.id}" for s in a.shortfalls if s.id not in shortfalls]
        missing += [f"action {a.id} indicator {i}" for i in a.indicator_ids if i not in indicators]
    assert not missing


def test_related_shortfalls_point_both_ways():
    related = {s.id: set(s.related) for s in indicators_file().shortfalls}
    one_way = [(a, b) for a, bs in related.items() for b in bs if a not in related.get(b, set())]
    assert not one_way, f"related links missing their return link: {one_way}"


def test_the_eleven_shortfalls_of_the_two_seeds():
    by_source = Counter(s.source.split()[0] for s in indicators_file().shortfalls)
    assert by_source == {"000": 6, "003": 5}


# ── Citations, quotes and traceability ────────────────────────────────────────────────────────


def test_every_figure_and_stated_target_cites_a_known_source_with_a_section():
    sources = {s.id for s in indicators_file().sources}
    cited = [(label, f.source) for _, f, label in figures()]
    cited += [(label, t.source) for _, t, label in stated_targets()]
    bad = []
    for label, citation in cited:
        m = CITATION.match(citation or "")
        if not m or m["source"] not in sources:
            bad.append((label, citation))
    assert not bad, f"citations must read '<source id> <section>': {bad}"


def test_shortfalls_horizons_programmes_and_actions_cite_a_section_too():
    sources = {s.id for s in indicators_file().sources}
    act = actions_file()
    citations = [s.source for s in indicators_file().shortfalls]
    citations += [h.source for h in act.horizons] + [p.source for p in act.programmes]
    citations += [a.source for a in act.actions]
    bad = [c for c in citations if not (m := CITATION.match(c)) or m["source"] not in sources]
    assert not bad


def test_every_figure_and_stated_target_quotes_its_words():
    unquoted = [label for _, f, label in figures() if not (f.quote or "").strip()]
    unquoted += [label for _, t, label in stated_targets() if not (t.quote or "").strip()]
    assert not unquoted


def test_quotes_are_words_of_the_seed_they_cite():
    """A reader can find each quote in the cited seed (whitespace ignored: seed 003 breaks lines
    mid-sentence)."""
    items = [(f.source, f.quote, label) for _, f, label in figures()]
    items += [(t.source, t.quote, label) for _, t, label in stated_targets()]
    not_found = []
    for citation, quote, label in items:
        source_id = citation.split()[0]
        if source_id in SEED_FILES and squeeze(quote) not in seed_text(source_id):
            not_found.append((label, quote))
    assert not not_found


def test_printed_values_appear_in_their_quote():
    """Unless a value says how it was `derived`, the quote prints it (6000万, 1.22亿, 240余万 allowed)."""
    items = [(f, label) for _, f, label in figures() if f.derived is None]
    items += [(t, label) for _, t, label in stated_targets()]
    mismatched = [(label, f.value, f.quote) for f, label in items if not prints(f.quote, f.value)]
    assert not mismatched


def test_derived_values_say_how():
    vague = [label for _, f, label in figures() if f.derived is not None and len(f.derived) < 8]
    assert not vague


def test_quote_number_reading_handles_chinese_magnitudes():
    assert prints("提高到 2019 年的 1.22 亿人次", 12200)
    assert prints("提高到 2019 年的 1.22 亿人次", 1.22)
    assert prints("从 2015 年的 6000 万人次", 6000)
    assert prints("设立了 1,365 家分支机构", 1365)
    assert prints("增长到 2020 年的 240 余万户", 240)
    assert not prints("上海只与 138 个城市有创新网络关联", 251)


# ── Series, conflicts and peers ───────────────────────────────────────────────────────────────


def test_a_year_appears_once_per_source_in_each_series():
    """Two values for one year from the same source is a typo; from two sources it is a conflict."""
    twice = []
    for ind in indicators_file().indicators:
        keys = [("shanghai", o.year, o.source.split()[0]) for o in ind.observations]
        keys += [(b.peer, b.year, b.source.split()[0]) for b in ind.benchmarks]
        twice += [(ind.id, k) for k, n in Counter(keys).items() if n > 1]
    assert not twice


def test_the_fortune_500_conflict_between_the_seeds_is_kept():
    f500 = next(i for i in indicators_file().indicators if i.id == "fortune500")
    in_2021 = {o.source.split()[0]: o.value for o in f500.observations if o.year == 2021}
    assert in_2021 == {"000": 9, "003": 10}
    tokyo = {b.source.split()[0]: b.value for b in f500.benchmarks if b.peer == "tokyo" and b.year == 2021}
    new_york = {b.source.split()[0]: b.value for b in f500.benchmarks if b.peer == "new-york" and b.year == 2021}
    assert tokyo == {"000": 37, "003": 53}
    assert new_york == {"000": 17, "003": 73}


def test_lower_is_better_indicators_say_why_their_floor():
    unexplained = [i.id for i in indicators_file().indicators
                   if i.direction == "lower" and i.kind != "rank" and not i.floor_reason]
    assert not unexplained


def test_no_floor_is_worked_out_from_shanghais_own_value():
    # Ranks are scored on 1/rank (natural zero); every stated floor is a natural end of its scale.
    stated = {i.id: i.floor for i in indicators_file().indicators if i.floor is not None}
    assert set(stated.values()) <= {100}, stated


def test_ranks_are_lower_is_better():
    assert all(i.direction == "lower" for i in indicators_file().indicators if i.kind == "rank")


def test_every_indicator_measures_a_shortfall_and_every_shortfall_has_an_indicator():
    ind = indicators_file()
    assert all(i.shortfalls for i in ind.indicators)
    measured = {s for i in ind.indicators for s in i.shortfalls}
    assert {s.id for s in ind.shortfalls} <= measured


# ── Targets ───────────────────────────────────────────────────────────────────────────────────


def test_every_target_has_a_basis_and_assumptions_give_a_reason():
    for ind in indicators_file().indicators:
        for horizon, target in ind.targets.items():
            assert target.basis in ("stated", "assumption"), f"{ind.id} {horizon}"
            assert target.reason.strip(), f"{ind.id} {horizon}: a target must say why"


def test_the_stated_target_for_basic_research_is_the_seeds_fifteen_percent():
    basic = target_plans()["basic-research-share"]
    long = basic.targets["long"]
    assert (long.value, long.basis, long.given.source) == (15, "stated", "003 二(一)")
    near = basic.targets["near"]
    assert (near.basis, near.rule, near.value) == ("assumption", "catch-up", 10.3)  # 8 + 7/3


def test_every_assumed_target_comes_from_a_declared_rule():
    hand_made = [(p.id, h) for p in target_plans().values() for h, t in p.targets.items()
                 if t.basis == "assumption" and t.rule is None]
    assert not hand_made


def test_targets_step_towards_the_goal_from_near_to_long():
    """Near is no further along than mid, and mid no further than long, in the indicator's direction."""
    sign = {"higher": 1, "lower": -1}
    backwards = []
    for p in target_plans().values():
        steps = [p.targets[h].value for h in ("near", "mid", "long") if h in p.targets]
        if any(sign[p.indicator.direction] * (b - a) < 0 for a, b in zip(steps, steps[1:])):
            backwards.append((p.id, steps))
    assert not backwards


def test_targets_ask_for_progress_on_the_latest_value():
    """A target that the latest value already meets would score 100 from the start."""
    sign = {"higher": 1, "lower": -1}
    already_met = []
    for p in target_plans().values():
        near = p.targets.get("near")
        if not p.series or near is None:
            continue
        latest = p.series[-1].value
        if sign[p.indicator.direction] * (near.value - latest) <= 0:
            already_met.append((p.id, latest, near.value))
    assert not already_met


def test_targets_are_set_for_most_indicators_meant_to_be_scored():
    counted = [p for p in target_plans().values() if p.series and not p.unscored]
    with_targets = [p for p in counted if set(p.targets) == {"near", "mid", "long"}]
    assert len(with_targets) >= 0.75 * len(counted)


def test_unscored_indicators_say_why():
    assert all(i.unscored.strip() for i in indicators_file().indicators if i.unscored)


# ── Horizons, programmes and actions ──────────────────────────────────────────────────────────


def test_three_horizons_in_order_each_with_a_goal_from_seed_003():
    horizons = actions_file().horizons
    assert [h.id for h in horizons] == ["near", "mid", "long"]
    years = [h.year for h in horizons]
    assert years == sorted(years) and len(set(years)) == 3
    assert all(h.source.startswith("003 三(一)") for h in horizons)
    assert all("assum" in h.year_reason.lower() for h in horizons)


def test_the_twenty_action_plans_of_seed_000():
    actions = actions_file().actions
    by_programme = Counter(a.programme for a in actions if a.source.startswith("000 "))
    assert by_programme == {"empower": 11, "link": 9}
    assert sorted(a.id for a in actions if a.programme == "empower") == [f"E{n:02d}" for n in range(1, 12)]
    assert sorted(a.id for a in actions if a.programme == "link") == [f"L{n:02d}" for n in range(1, 10)]


def test_every_action_addresses_a_shortfall_with_a_reason():
    for action in actions_file().actions:
        assert action.shortfalls, action.id
        assert all(s.reason.strip() for s in action.shortfalls), action.id


def test_every_shortfall_is_addressed_by_an_action():
    addressed = {s.id for a in actions_file().actions for s in a.shortfalls}
    unaddressed = {s.id for s in indicators_file().shortfalls} - addressed
    assert not unaddressed


def test_action_names_are_printed_in_the_seed_they_cite():
    missing = []
    for action in actions_file().actions:
        source_id = action.source.split()[0]
        if source_id in SEED_FILES and squeeze(action.name.zh) not in seed_text(source_id):
            missing.append((action.id, action.name.zh))
    assert not missing


def test_seed_003_measures_form_the_modern_programme():
    modern = [a for a in actions_file().actions if a.programme == "modern"]
    assert modern and all(a.source.startswith("003 四(") for a in modern)
    assert all(re.fullmatch(r"M[1-5]-[1-9]", a.id) for a in modern)
    assert {a.id.split("-")[0] for a in modern} == {"M1", "M2", "M3", "M4", "M5"}


def test_a_status_other_than_unknown_cites_its_evidence():
    claimed = [a for a in actions_file().actions if a.status.state != "unknown"]
    assert all(a.status.source and a.status.note for a in claimed)


def test_horizon_goals_are_the_words_of_seed_003():
    text = seed_text("003")
    assert all(squeeze(h.goal.zh) in text for h in actions_file().horizons)


# ── Every number of the seeds, with its section (tests/seeds/manifest.json) ─────────────────

@lru_cache(maxsize=None)
def manifest() -> dict:
    return seedfigures.load()


def test_the_manifest_holds_both_seeds_with_their_hashes_and_counts():
    m = manifest()
    assert set(m["seeds"]) == set(SEED_FILES)
    for seed, meta in m["seeds"].items():
        assert meta["file"] == SEED_FILES[seed] and re.fullmatch(r"[0-9a-f]{64}", meta["sha256"])
        mine = [f for f in m["figures"] if f["seed"] == seed]
        assert meta["numbers"] == len(mine)
        assert meta["kinds"] == dict(sorted(Counter(f["kind"] for f in mine).items()))
    assert {f["kind"] for f in m["figures"]} <= {"figure", "year", "section", "reference", "bibliographic"}


def test_the_manifest_is_what_the_seeds_give():
    if not all((SEEDS / n).is_file() for n in SEED_FILES.values()):
        pytest.skip(f"the seeds are not at {SEEDS}: the data was checked against the committed manifest")
    for seed, meta in manifest()["seeds"].items():
        assert seedfigures.sha256(SEEDS / meta["file"]) == meta["sha256"], f"seed {seed} changed"
    assert seedfigures.dumps(seedfigures.build()) == seedfigures.MANIFEST.read_text("utf-8"), (
        "the manifest is stale: run python tests/seedfigures.py --write")
