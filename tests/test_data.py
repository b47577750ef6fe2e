"""Tests on the data itself: indicators.yaml and actions.yaml at the repo root.

They read the YAML directly and validate it with the schema in scorecard/model.py, so they do not
depend on the loader. Each test states one promise the dataset makes to its readers: every id
resolves, every figure cites a section of a seed and quotes its words, every number of the seeds
is encoded or left out with a reason, every target says why, every link says why.

The seeds are not in the repository. The checks against tests/seeds/manifest.json (every number
of the seeds, with its section) run everywhere; the checks of the manifest and the quotes against
the seeds themselves run when ../shared/seeds is present, and say so when it is not.
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
LEFT_OUT = Path(__file__).resolve().parent / "seeds" / "unscored.yaml"
CITATION = re.compile(r"^(?P<source>\S+) (?P<section>\S.*)$")
REASONS = {"year", "section", "bibliographic", "china-wide", "no-comparison"}


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


def rule_levels():
    """The levels rules close on, with their citations: the method's and each indicator's own."""
    ind = indicators_file()
    for name, rule in ind.method.rules.items():
        if rule.level is not None:
            yield rule.level, f"method.rules.{name}.level"
    for i in ind.indicators:
        level = getattr(i.rule, "level", None)
        if level is not None:
            yield level, f"{i.id} rule level"


def quotes():
    """Every quote of the data with its citation: figures, stated targets and rules' levels."""
    items = [(f.source, f.quote, label) for _, f, label in figures()]
    items += [(t.source, t.quote, label) for _, t, label in stated_targets()]
    items += [(lv.source, lv.quote, label) for lv, label in rule_levels()]
    return [(c, q, label) for c, q, label in items if q]


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
    not_found = []
    for citation, quote, label in quotes():
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


def test_a_level_the_seeds_give_for_peers_is_a_reference_not_shanghais_stated_target():
    """国际科创城市这一比例均在15%左右 is the peers' level: the long target of 15 is the catch-up
    rule's assumption, shown as one."""
    basic = target_plans()["basic-research-share"]
    assert {h: (t.basis, t.rule, t.value) for h, t in basic.targets.items()} == {
        "near": ("assumption", "catch-up", 10.3), "mid": ("assumption", "catch-up", 12.7),
        "long": ("assumption", "catch-up", 15)}
    peer_quotes = {(b.source, squeeze(b.quote or "")) for i in indicators_file().indicators
                   for b in i.benchmarks}
    borrowed = [label for _, t, label in stated_targets() if (t.source, squeeze(t.quote)) in peer_quotes]
    assert not borrowed, f"stated targets quoting a peer's level: {borrowed}"


def test_a_rules_level_is_printed_in_its_quote():
    """A reference level is a figure the seeds print, not one read into a list ('纽约、伦敦、东京、
    巴黎等' gives no rank)."""
    unprinted = [(label, lv.value, lv.quote) for lv, label in rule_levels() if not prints(lv.quote or "", lv.value)]
    assert not unprinted


def test_every_indicator_has_a_rule_or_says_why_not():
    """Coverage counts what is meant to be scored: an indicator with no target says why."""
    silent = [i.id for i in indicators_file().indicators
              if not i.unscored and not i.rule and set(i.targets) != {"near", "mid", "long"}]
    assert not silent


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


def test_subject_and_languages_lead_the_file():
    ind = indicators_file()
    assert (ind.subject.zh, ind.subject.en, ind.languages) == ("上海", "Shanghai", ["zh", "en"])
    head = (ROOT / "indicators.yaml").read_text("utf-8").split("\nmethod:")[0]
    assert "\nsubject:" in head and "\nlanguages:" in head


# ── Bounds, readings and names ─────────────────────────────────────────────────────────────

# Words that make a printed number a bound or an approximation, before it or after it (a unit
# such as % or 万 may stand between): 超过83%, 240余万, 15%左右, 90%以上, 不到……1/3.
_BEFORE = ("超过", "突破", "不到", "不及", "近", "约为", "约", "约占")
_AFTER = ("余", "多", "左右", "以上")


def _hedged(quote: str, value: float) -> bool:
    q = squeeze(quote)
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(亿|万)?", q):
        n = float(m.group(1).replace(",", ""))
        scale = {"亿": 1e4, "万": 1e-4}.get(m.group(2) or "", None)
        if abs(n - value) > 1e-9 and (scale is None or abs(n * scale - value) > 1e-9):
            continue
        before = q[max(0, m.start() - 3):m.start()]
        after = re.sub(r"^[%万亿]+", "", q[m.end():m.end() + 4])
        if before.endswith(_BEFORE) or after.startswith(_AFTER):
            return True
    return False


def test_a_figure_printed_as_a_bound_carries_its_relation():
    """超过83% is "> 83", 240余万 "> 240", 约为8% "≈ 8": the words are kept with the number."""
    bare = [(label, f.value, f.quote) for _, f, label in figures()
            if f.derived is None and f.relation is None and _hedged(f.quote or "", f.value)]
    assert not bare


def test_bound_readings_the_papers_allow_two_ways_say_which_is_taken():
    margin = next(i for i in indicators_file().indicators if i.id == "local-consultancy-margin")
    local = margin.observations[0]
    assert (local.value, local.relation) == (25, "<")  # 高出3倍多: higher by more than 3 times
    assert "standard" in local.derived and "33" in local.derived


def test_names_of_shanghai_only_figures_say_shanghai():
    """Exported to a spreadsheet, a name stands alone: with no peer beside it, it names the place."""
    places = ("Shanghai", "Pudong", "Zhangjiang", "CIIE", "Yangtze River Delta")
    places_zh = ("上海", "浦东", "张江", "进博会", "长三角")
    vague = [i.id for i in indicators_file().indicators if not i.benchmarks
             and not (any(p in i.name.en for p in places) and any(p in i.name.zh for p in places_zh))]
    assert not vague


def test_translations_keep_the_words_that_change_the_meaning():
    by_id = {i.id: i for i in indicators_file().indicators}
    assert "Fortune Global 500" in by_id["ciie-repeat-exhibitors"].name.en  # 世界500强
    assert "Cumulative" in by_id["ai-output"].name.en and "累计" in by_id["ai-output"].name.zh
    assert "consulting" in by_id["big-four-share"].name.en  # 企业咨询, not all business
    leaders = next(s for s in indicators_file().shortfalls if s.id == "leaders")
    assert "too few" in leaders.name.en  # 缺少, not "no"


# ── The conflict ───────────────────────────────────────────────────────────────────────────

def test_the_fortune_500_conflict_is_explained_and_decided_by_the_definition():
    f500 = next(i for i in indicators_file().indicators if i.id == "fortune500")
    assert f500.source_priority == ["000"] and "《财富》" in f500.name.zh
    note = f500.conflict_note
    assert "《财富》" in note and "73" in note and "17" in note and "no part" in note


# ── Links and directions ───────────────────────────────────────────────────────────────────

def test_every_action_link_to_an_indicator_carries_a_reason():
    silent = [(a.id, m.id) for a in actions_file().actions for m in a.indicators
              if not (m.reason or "").strip()]
    assert not silent


def test_an_action_moves_indicators_of_the_shortfalls_it_addresses():
    by_id = {i.id: i for i in indicators_file().indicators}
    stray = [(a.id, m) for a in actions_file().actions for m in a.indicator_ids
             if not set(by_id[m].shortfalls) & {s.id for s in a.shortfalls}]
    assert not stray


@pytest.mark.parametrize("action, indicator", [
    ("L02", "pudong-intl-routes"), ("L02", "port-transshipment"),  # a Delta rail network
    ("E11", "world-brands"), ("L07", "world-brands"),  # not what their measures are about
    ("E10", "exchange-foreign-listings"),  # the technology and property-rights exchanges
    ("L06", "wto-services-coverage"),  # China's WTO schedule moves with no Shanghai measure
])
def test_links_the_measures_do_not_support_are_gone(action, indicator):
    act = next(a for a in actions_file().actions if a.id == action)
    assert indicator not in act.indicator_ids


def test_biomedicine_park_output_is_not_read_as_a_target():
    """Seed 000 cites Suzhou Industrial Park overtaking Zhangjiang as 错位发展不够明显 (too little
    differentiation), not as a level for Zhangjiang to reach."""
    park = next(i for i in indicators_file().indicators if i.id == "biomed-park-output")
    assert park.unscored and not park.rule and "错位发展不够明显" in park.unscored


def test_no_shortfall_ranks_best_on_a_figure_read_backwards():
    """`gaps` ranks shortfalls by score: spatial has no indicator the papers let it be scored on, so
    it shows no score rather than the best one."""
    from scorecard.load.dataset import Location, load
    from scorecard.score.card import build

    ds = load(Location(ROOT, "option"))
    for horizon in ("near", "mid", "long"):
        card = build(ds, horizon)
        spatial = next(s for s in card.shortfalls if s.shortfall.id == "spatial")
        assert spatial.result.score is None and spatial.result.total == 0
        scored = [s for s in card.shortfalls if s.result.score is not None]
        assert len(scored) >= 0.8 * len(card.shortfalls)
        assert all(s.status is not None and s.status.value != "insufficient_data" for s in scored)


# ── Every number of the seeds accounted for (tests/seeds) ────────────────────────────────────

@lru_cache(maxsize=None)
def manifest() -> dict:
    return seedfigures.load()


@lru_cache(maxsize=None)
def left_out() -> dict:
    return yaml.safe_load(LEFT_OUT.read_text("utf-8"))


def numbers():
    """The manifest's numbers that must be accounted for one by one: the `figure` kind."""
    return [f for f in manifest()["figures"] if f["kind"] == "figure"]


def cited(seed: str, section: str):
    """The data's quotes citing this section of this seed."""
    return [q for c, q, _ in quotes() if (m := CITATION.match(c)) and (m["source"], m["section"]) == (seed, section)]


def encoded(f: dict) -> bool:
    return any(seedfigures.covers(q, f) for q in cited(f["seed"], f["section"]))


def listed(f: dict) -> list[dict]:
    return [e for e in left_out()["figures"] if (e["seed"], e["section"]) == (f["seed"], f["section"])
            and seedfigures.covers(e["words"], f)]


def test_the_manifest_holds_both_seeds_with_their_hashes_and_counts():
    m = manifest()
    assert set(m["seeds"]) == set(SEED_FILES)
    for seed, meta in m["seeds"].items():
        assert meta["file"] == SEED_FILES[seed] and re.fullmatch(r"[0-9a-f]{64}", meta["sha256"])
        mine = [f for f in m["figures"] if f["seed"] == seed]
        assert meta["numbers"] == len(mine)
        assert meta["kinds"] == dict(sorted(Counter(f["kind"] for f in mine).items()))
    assert {f["kind"] for f in m["figures"]} <= {"figure", "year", "section", "reference", "bibliographic"}


def test_every_number_in_the_seeds_is_encoded_or_left_out_with_a_reason():
    """Each number the papers print is inside a quote of the data, or listed in
    tests/seeds/unscored.yaml with its reason; years, numbering and bibliographic data are
    told apart by the extractor (their kind is their reason)."""
    unaccounted = [f"{f['seed']} {f['section']}: …{f['before']}[{f['text']}]{f['after']}…"
                   for f in numbers() if not encoded(f) and not listed(f)]
    assert not unaccounted, "\n".join(unaccounted)


def test_a_number_left_out_is_not_also_encoded():
    both = [f"{f['seed']} {f['section']} {f['text']}" for f in numbers() if encoded(f) and listed(f)]
    assert not both


def test_every_entry_left_out_covers_a_number_and_gives_a_reason_from_the_closed_list():
    doc = left_out()
    assert set(doc["reasons"]) == REASONS
    for e in doc["figures"]:
        assert e["reason"] in REASONS, e
        hits = [f for f in numbers() if (f["seed"], f["section"]) == (e["seed"], e["section"])
                and seedfigures.covers(e["words"], f)]
        assert hits, f"{e['seed']} {e['section']} {e['words']!r} covers no number of the manifest"


def test_every_number_a_quote_prints_is_in_the_manifest_at_the_cited_section():
    """Without the seeds at hand, the manifest traces each quoted number to its section."""
    index: dict[tuple, list] = {}
    for f in manifest()["figures"]:
        index.setdefault((f["seed"], f["section"]), []).append(f)
    untraced = []
    for citation, quote, label in quotes():
        m = CITATION.match(citation)
        if m is None or m["source"] not in SEED_FILES:
            continue
        q = seedfigures.squeeze(quote)
        here = index.get((m["source"], m["section"]), [])
        for start, text in seedfigures.tokens(quote):
            if not any(seedfigures.agrees(q, start, f) for f in here):
                untraced.append((label, citation, text, quote))
    assert not untraced


def test_the_manifest_is_what_the_seeds_give():
    if not all((SEEDS / n).is_file() for n in SEED_FILES.values()):
        pytest.skip(f"the seeds are not at {SEEDS}: the data was checked against the committed manifest")
    for seed, meta in manifest()["seeds"].items():
        assert seedfigures.sha256(SEEDS / meta["file"]) == meta["sha256"], f"seed {seed} changed"
    assert seedfigures.dumps(seedfigures.build()) == seedfigures.MANIFEST.read_text("utf-8"), (
        "the manifest is stale: run python tests/seedfigures.py --write")


def test_the_words_left_out_are_words_of_the_seeds():
    missing = [e for e in left_out()["figures"] if squeeze(e["words"]) not in seed_text(e["seed"])]
    assert not missing
