"""`--scenario FILE`: the data scored with hypothetical figures and changed method parameters.

The fixture `tests/data/scenario` is worked by hand: near targets basic-research-share 11.5
(8 + 7 × 1/2), fortune500 35 (9 + 52 × 1/2), offshore-settlement 66 (stated by hand); rules
compute as of 2021.
"""

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

HERE = Path(__file__).parent
FIXTURE = HERE / "data" / "scenario"
REPO = HERE.parent
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def as_json(*args) -> dict:
    """A command's JSON, its words in English."""
    result = run(*args, "-f", "json", *(() if "--lang" in args else ("--lang", "en")))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the scenario fixture, whose bytes the tests compare before and after."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def scenario(tmp_path):
    """Write a scenario file beside the data; returns its path."""
    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and its hash: what must not change."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


REACHES_TARGET = """\
name: {en: Basic research reaches its near target, zh: 基础研究达到近期目标}
figures:
  - {indicator: basic-research-share, year: 2024, value: 11.5}
"""


def moved(doc: dict) -> set[tuple[str, str]]:
    """What `diff` shows with a different score, band or trend (an action's priority or a
    place in a ranking may move besides: those rows have other reasons)."""
    return {(c["kind"], c["id"]) for c in doc["changes"]
            if any(c[f"{k}_before"] != c[f"{k}_after"] for k in ("score", "status", "trend"))}


def test_a_figure_at_its_target_moves_exactly_that_indicator_and_its_aggregates(data, scenario):
    path = scenario(REACHES_TARGET)
    doc = as_json("diff", "--data", data, "--scenario", path, "-H", "near")
    assert moved(doc) == {("indicator", "basic-research-share"), ("shortfall", "innovation"),
                          ("action", "A1"), ("horizon", "near")}
    by_id = {c["id"]: c for c in doc["changes"]}
    # A4 addresses `innovation`: its priority moves with that gap, its score (listings) stays.
    assert by_id["A4"]["reasons"] == ["shortfall"]
    assert by_id["basic-research-share"]["status_after"] == "achieved"
    assert round(by_id["basic-research-share"]["score_before"], 2) == 69.57  # 100 · 8 / 11.5
    assert by_id["A1"]["status_after"] == "achieved"  # its one indicator
    # innovation: the mean of 100 and fortune500's 100 · 9 / 35
    assert round(by_id["innovation"]["score_after"], 2) == round((100 + 900 / 35) / 2, 2)
    assert by_id["basic-research-share"]["why"] == [
        "data: +2024 11.5 (scenario scenario.yaml)"]
    assert all(c["scenario"] for c in doc["changes"])
    assert doc["base"] == str(data) and doc["current"] == str(path)

    gaps = as_json("gaps", "--data", data, "--scenario", path)
    rows = {r["id"]: r for r in gaps["indicators"]}
    assert rows["basic-research-share"]["status"] == "achieved"
    assert rows["basic-research-share"]["latest_year"] == 2024
    assert rows["basic-research-share"]["target"] == 11.5  # a figure after the base year moves no target
    assert [i for i, r in rows.items() if r["scenario"]] == ["basic-research-share"]
    assert {s["id"]: s["scenario"] for s in gaps["shortfalls"]} == {
        "innovation": True, "market": False, "orphan": False}
    assert gaps["scenario"] == {"name": "Basic research reaches its near target", "file": str(path),
                                "delivered": [], "figures": 1, "method": []}


def test_the_data_files_are_byte_identical_afterwards(data, scenario):
    path = scenario(REACHES_TARGET + """\
delivered:
  - action: A2
    figures: [{indicator: fortune500, year: 2025, value: 20}]
method: {bands: {challenges_remain: 80}, rules: {catch-up: {fractions: {near: 3/4}}}}
""")
    before = fingerprint(data)
    for command in (["gaps"], ["actions"], ["goals"], ["show", "basic-research-share"], ["show", "A2"],
                    ["show", "market"], ["show", "000"], ["diff"]):
        for fmt in ("table", "json"):
            result = run(*command, "--data", data, "--scenario", path, "-f", fmt)
            assert result.exit_code == 0, (command, result.stderr)
    assert fingerprint(data) == before
    assert as_json("gaps", "--data", data)["scenario"] is None  # the data alone, as before


def test_bundled_data_copy_stays_byte_identical_and_only_the_indicator_moves(tmp_path, scenario):
    data = tmp_path / "bundled"
    data.mkdir()
    for name in ("indicators.yaml", "actions.yaml"):
        shutil.copyfile(REPO / name, data / name)
    before = fingerprint(data)
    near = {r["id"]: r for r in as_json("gaps", "--data", data)["indicators"]}["exchange-foreign-listings"]
    path = scenario(f"""\
delivered:
  - action: E10
    figures:
      - {{indicator: exchange-foreign-listings, year: 2027, value: {near['target']:g}}}
""")
    result = run("diff", "--data", data, "--scenario", path, "-H", "near", "-f", "json")
    assert result.exit_code == 0
    # E10 names no indicator in the data: the scenario's link is its own, and it says so
    assert "warning[scenario-unlinked]: E10 does not name exchange-foreign-listings" in result.stderr
    doc = json.loads(result.stdout)
    scored = {(c["kind"], c["id"]) for c in doc["changes"] if c["score_before"] != c["score_after"]}
    assert scored == {("indicator", "exchange-foreign-listings"), ("shortfall", "platforms"),
                      ("shortfall", "openness"), ("horizon", "near")}
    # Everything else moves only in a ranking: places taken, or an addressed shortfall's gap.
    assert {r for c in doc["changes"] if (c["kind"], c["id"]) not in scored for r in c["reasons"]} <= {
        "ranking", "shortfall"}
    assert {c["status_after"] for c in doc["changes"] if c["kind"] == "indicator"} == {"achieved"}
    actions = as_json("actions", "--data", data, "--scenario", path)["actions"]
    e10 = next(a for a in actions if a["id"] == "E10")
    assert (e10["delivered"], e10["closes"], e10["narrows"]) == (True, ["exchange-foreign-listings"], [])
    assert fingerprint(data) == before


def test_figures_after_the_base_year_never_move_a_target(tmp_path, scenario):
    """On the bundled data: a figure a year after each indicator's latest, the base year (2022)
    or later, for every indicator with a figure; scores move, targets never do."""
    data = tmp_path / "bundled"
    data.mkdir()
    for name in ("indicators.yaml", "actions.yaml"):
        shutil.copyfile(REPO / name, data / name)
    rows = as_json("indicators", "--data", data)["indicators"]
    lines = [f"  - {{indicator: {r['id']}, year: {max(r['latest_year'] + 1, 2023)}, value: {r['latest_value']}}}"
             for r in rows if r["latest_year"] is not None]
    path = scenario("figures:\n" + "\n".join(lines) + "\n")
    doc = as_json("diff", "--data", data, "--scenario", path)
    assert len(lines) > 50 and doc["changes"]
    assert not [c for c in doc["changes"] if "target" in c["reasons"]]
    for h in ("near", "mid", "long"):
        plain = {r["id"]: r["target"] for r in as_json("gaps", "--data", data, "-H", h)["indicators"]}
        supposed = {r["id"]: r["target"] for r in
                    as_json("gaps", "--data", data, "-H", h, "--scenario", path)["indicators"]}
        assert supposed == plain


def test_a_figure_at_or_before_the_base_year_moves_the_target_and_diff_names_it(data, scenario):
    path = scenario("figures: [{indicator: basic-research-share, year: 2021, value: 9}]\n")
    doc = as_json("diff", "--data", data, "--scenario", path, "-H", "near")
    change = next(c for c in doc["changes"] if c["id"] == "basic-research-share")
    assert change["reasons"] == ["data", "target"]
    assert change["why"][1] == "target: 11.5 → 12 (start_value 8 → 9; start_year 2020 → 2021)"  # 9 + 6 × 1/2


def test_changed_method_parameters_move_targets_and_diff_says_why(data, scenario):
    path = scenario("""\
name: Faster catch-up
method:
  bands: {challenges_remain: 80}
  rules:
    catch-up: {fractions: {near: 3/4}}
""")
    doc = as_json("diff", "--data", data, "--scenario", path, "-H", "near", "--lang", "en")
    change = next(c for c in doc["changes"] if c["id"] == "basic-research-share")
    # 8 + 7 × 3/4 = 13.25, rounded half up to one decimal for a share
    assert change["why"] == ["target: 11.5 → 13.3 (fraction 0.5 → 0.75)", "method: bands"]
    assert round(change["score_after"], 2) == round(800 / 13.3, 2)
    assert doc["scenario"]["method"] == [
        {"parameter": "bands.challenges_remain", "before": 75, "after": 80},
        {"parameter": "rules.catch-up.fractions.near", "before": 0.5, "after": 0.75}]
    table = run("gaps", "--data", data, "--scenario", path, "--lang", "en").stdout
    assert "the scenario's method parameters: bands.challenges_remain 75 → 80; " \
           "rules.catch-up.fractions.near 1/2 → 3/4" in table
    assert "challenges remain ≥80" in table  # the bands legend shows the scenario's edges
    # fortune500's own row moved only through its target and band: the mid fraction is the data's
    mid = {r["id"]: r for r in as_json("gaps", "--data", data, "--scenario", path, "-H", "mid")["indicators"]}
    assert mid["fortune500"]["target"] == 48


def test_hypothetical_rows_are_marked_in_every_format(data, scenario):
    path = scenario(REACHES_TARGET)
    args = ("gaps", "--data", data, "--scenario", path, "--lang", "en")
    table = run(*args).stdout
    assert table.startswith("Scenario “Basic research reaches its near target” (")
    row = next(line for line in table.splitlines() if "Basic research share" in line)
    assert "11.5 (2024)" in row and "100 †" in row
    assert "† rests on the scenario “Basic research reaches its near target”" in table
    assert "nothing of it is in the data files" in table
    markdown = run(*args, "-f", "markdown").stdout
    assert "| 100 † |" in markdown
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout.lstrip("\ufeff"))))
    assert {r["id"]: r["scenario"] for r in rows if r["section"] == "indicators"} == {
        "basic-research-share": "true", "fortune500": "false", "offshore-settlement": "false",
        "listings": "false", "firms": "false", "unmeasured": "false"}
    assert {r["id"]: r["scenario"] for r in rows if r["section"] == "shortfalls"} == {
        "innovation": "true", "market": "false", "orphan": "false"}
    zh = run("gaps", "--data", data, "--scenario", path, "--lang", "zh").stdout
    assert zh.startswith("情景“基础研究达到近期目标”（") and "† 基于情景" in zh


def test_without_a_scenario_every_row_says_so(data):
    doc = as_json("gaps", "--data", data)
    assert doc["scenario"] is None
    assert not any(r["scenario"] for r in doc["indicators"] + doc["shortfalls"])
    assert "†" not in run("gaps", "--data", data).stdout
    actions = as_json("actions", "--data", data)
    assert {(a["delivered"], tuple(a["closes"]), tuple(a["narrows"])) for a in actions["actions"]} == {
        (False, (), ())}
    assert as_json("goals", "--data", data)["scenario"] is None


def test_actions_show_which_gaps_the_delivered_actions_would_close(data, scenario):
    path = scenario("""\
name: Two plans delivered
delivered:
  - action: A1
    figures: [{indicator: basic-research-share, year: 2025, value: 12}]
  - action: A2
    note: more headquarters, not yet Beijing's
    figures: [{indicator: fortune500, year: 2025, value: 20}]
""")
    doc = as_json("actions", "--data", data, "--scenario", path)
    rows = {a["id"]: a for a in doc["actions"]}
    assert (rows["A1"]["delivered"], rows["A1"]["closes"], rows["A1"]["narrows"]) == (
        True, ["basic-research-share"], [])
    assert (rows["A2"]["delivered"], rows["A2"]["closes"], rows["A2"]["narrows"]) == (True, [], ["fortune500"])
    assert (rows["A3"]["delivered"], rows["A3"]["scenario"]) == (False, True)  # market's gap moved
    assert doc["scenario"]["delivered"] == ["A1", "A2"]
    shown = as_json("show", "basic-research-share", "--data", data, "--scenario", path)
    assert shown["observations"][-1]["source"] == "scenario scenario.yaml: A1"
    table = run("actions", "--data", data, "--scenario", path, "--lang", "en").stdout
    lines = {line.split()[1]: line for line in table.splitlines() if line[:3].strip().isdigit()}
    assert lines["A1"].endswith("closes basic-research-share")
    assert lines["A2"].endswith("narrows fortune500")
    assert "Scenario" in table.splitlines()[3]
    # at the long horizon (target 15) 12 falls short: A1 narrows the gap, closes none
    long = {a["id"]: a for a in as_json("actions", "--data", data, "--scenario", path, "-H", "long")["actions"]}
    assert (long["A1"]["closes"], long["A1"]["narrows"]) == ([], ["basic-research-share"])


def test_a_delivered_action_whose_figures_move_nothing_closes_no_gap(data, scenario):
    path = scenario("delivered: [{action: A2, figures: [{indicator: fortune500, year: 2025, value: 9}]}]\n")
    table = run("actions", "--data", data, "--scenario", path, "--lang", "en").stdout
    a2 = next(line for line in table.splitlines() if " A2 " in line)
    assert a2.endswith("closes no gap")


def test_a_peer_figure_moves_the_best_peer_never_the_target(data, scenario):
    path = scenario("figures: [{indicator: fortune500, peer: tokyo, year: 2024, value: 70}]\n")
    rows = {r["id"]: r for r in as_json("gaps", "--data", data, "--scenario", path)["indicators"]}
    f500 = rows["fortune500"]
    assert (f500["peer"], f500["peer_value"], f500["target"], f500["scenario"]) == ("tokyo", 70, 35, True)
    assert not rows["basic-research-share"]["scenario"]


def test_show_marks_the_hypothetical_figure_and_what_rests_on_it(data, scenario):
    path = scenario(REACHES_TARGET)
    doc = as_json("show", "basic-research-share", "--data", data, "--scenario", path)
    assert [(o["year"], o["scenario"]) for o in doc["observations"]] == [
        (2015, False), (2020, False), (2024, True)]
    assert doc["observations"][-1]["source"] == "scenario scenario.yaml"
    assert [(t["horizon"], t["scenario"]) for t in doc["targets"]] == [
        ("near", True), ("mid", True), ("long", True)]  # the latest figure is hypothetical at each
    assert [s["scenario"] for s in doc["series"] if s["kind"] == "observed"] == [False, False, True]
    assert doc["scenario"]["name"] == "Basic research reaches its near target"
    table = run("show", "basic-research-share", "--data", data, "--scenario", path, "--lang", "en").stdout
    assert any(line.split()[:2] == ["2024", "11.5"] and line.endswith("†") for line in table.splitlines())
    assert as_json("show", "fortune500", "--data", data, "--scenario", path)["targets"][0]["scenario"] is False


def marked(doc: dict) -> dict[str, set[str]]:
    """What a scenario marks in `gaps`, `actions` and `goals` JSON."""
    return {key: {r["id"] for r in doc.get(key, []) if r["scenario"]}
            for key in ("indicators", "shortfalls", "actions", "goals")}


def test_moved_band_edges_mark_every_scored_row_and_every_aggregate(data, scenario):
    path = scenario("method: {bands: {significant_challenges: 20}}\n")
    gaps = as_json("gaps", "--data", data, "--scenario", path)
    assert marked(gaps)["indicators"] == {  # not the two without a score
        "basic-research-share", "fortune500", "offshore-settlement", "listings"}
    assert marked(gaps)["shortfalls"] == {"innovation", "market"}  # not orphan, with no score to band
    actions = marked(as_json("actions", "--data", data, "--scenario", path))["actions"]
    assert actions == {"A1", "A2", "A3", "A4"}  # not A5, which addresses orphan alone
    assert marked(as_json("goals", "--data", data, "--scenario", path))["goals"] == {"near", "mid", "long"}


def test_a_coverage_threshold_marks_the_aggregates_only(data, scenario):
    path = scenario("method: {coverage: 0.8}\n")
    gaps = as_json("gaps", "--data", data, "--scenario", path)
    assert marked(gaps)["indicators"] == set()
    assert marked(gaps)["shortfalls"] == {"innovation", "market"}
    market = next(s for s in gaps["shortfalls"] if s["id"] == "market")
    assert (market["covered"], market["total"], market["status"]) == (3, 4, "insufficient_data")  # 75% < 80%
    actions = marked(as_json("actions", "--data", data, "--scenario", path))["actions"]
    assert actions == {"A1", "A2", "A3", "A4"}  # each with a score; A5 has none
    assert marked(as_json("goals", "--data", data, "--scenario", path))["goals"] == {"near", "mid", "long"}


def test_a_changed_fraction_marks_the_rows_whose_target_moves(data, scenario):
    path = scenario("method: {rules: {catch-up: {fractions: {mid: 1/2}}}}\n")
    near = as_json("gaps", "--data", data, "--scenario", path)
    assert marked(near) == {"indicators": set(), "shortfalls": set(), "actions": set(), "goals": set()}
    mid = as_json("gaps", "--data", data, "--scenario", path, "-H", "mid")
    assert {r["id"]: r["target"] for r in mid["indicators"] if r["scenario"]} == {
        "basic-research-share": 11.5, "fortune500": 35}  # 8 + 7 × 1/2, 9 + 52 × 1/2
    assert marked(mid)["shortfalls"] == {"innovation", "market"}
    actions = as_json("actions", "--data", data, "--scenario", path, "-H", "mid")
    assert marked(actions)["actions"] == {"A1", "A2", "A3", "A4"}  # A3 and A4 through their shortfalls' gaps
    goals = as_json("goals", "--data", data, "--scenario", path)
    assert marked(goals)["goals"] == {"mid"}


def test_a_parameter_given_as_the_data_has_it_changes_nothing(data, scenario):
    path = scenario("""\
figures: [{indicator: unmeasured, year: 2024, value: 2}]
method: {bands: {challenges_remain: 75}, rules: {catch-up: {fractions: {near: 1/2}}}}
""")
    doc = as_json("diff", "--data", data, "--scenario", path)
    assert doc["scenario"]["method"] == []
    assert moved(doc) == {("indicator", "unmeasured"), ("shortfall", "market"), ("horizon", "near")}
    assert [c["reasons"] for c in doc["changes"] if c["kind"] == "indicator"] == [["data"]]


def test_more_decimals_move_a_rounded_target(data, scenario):
    path = scenario("method: {digits: {share: 2}}\n")
    doc = as_json("diff", "--data", data, "--scenario", path, "-H", "mid")
    change = next(c for c in doc["changes"] if c["id"] == "basic-research-share")
    assert change["why"] == ["target: 13.3 → 13.25 (digits 1 → 2)"]  # 8 + 7 × 3/4, no longer rounded
    assert [(p["parameter"], p["before"], p["after"]) for p in doc["scenario"]["method"]] == [
        ("digits.share", 1, 2)]


def test_an_earlier_base_year_moves_a_worst_floor_and_diff_names_it(data, scenario):
    path = scenario("method: {base_year: 2020}\n")
    rows = {r["id"]: r for r in as_json("gaps", "--data", data, "--scenario", path)["indicators"]}
    listings = rows["listings"]
    assert (listings["target"], listings["score"], listings["scenario"]) == (30, 50, True)  # (20 − 10)/(30 − 10)
    assert rows["fortune500"]["target_missing"] == "no_value"  # no figure by 2020
    assert not rows["offshore-settlement"]["scenario"]
    doc = as_json("diff", "--data", data, "--scenario", path, "-H", "near")
    change = next(c for c in doc["changes"] if c["id"] == "listings")
    assert change["why"] == ["method: floor 12 → 10"]


def test_an_action_rests_on_the_scenario_through_its_indicators_or_its_shortfalls(data, scenario):
    path = scenario("figures: [{indicator: listings, year: 2024, value: 25}]\n")
    gaps = as_json("gaps", "--data", data, "--scenario", path)
    assert marked(gaps)["indicators"] == {"listings"} and marked(gaps)["shortfalls"] == {"market"}
    actions = marked(as_json("actions", "--data", data, "--scenario", path))["actions"]
    assert actions == {"A2", "A3", "A4"}  # A4 moves listings; A2 and A3 address market


def test_a_context_figure_marks_its_row_and_no_aggregate(data, scenario):
    path = scenario("figures: [{indicator: firms, year: 2024, value: 120, note: a guess}]\n")
    gaps = as_json("gaps", "--data", data, "--scenario", path)
    assert marked(gaps)["indicators"] == {"firms"} and marked(gaps)["shortfalls"] == set()
    assert not any(g["scenario"] for g in as_json("goals", "--data", data, "--scenario", path)["goals"])


def test_a_bound_in_a_scenario_is_scored_as_a_bound(data, scenario):
    path = scenario('figures: [{indicator: fortune500, year: 2024, value: 20, relation: ">"}]\n')
    row = {r["id"]: r for r in as_json("gaps", "--data", data, "--scenario", path)["indicators"]}["fortune500"]
    assert (row["latest_relation"], row["score_bound"], row["latest_value"]) == (">", "lower", 20)


def test_goals_mark_each_horizon_the_scenario_moves(data, scenario):
    path = scenario(REACHES_TARGET)
    doc = as_json("goals", "--data", data, "--scenario", path)
    assert [(g["id"], g["scenario"]) for g in doc["goals"]] == [("near", True), ("mid", True), ("long", True)]
    table = run("goals", "--data", data, "--scenario", path, "--lang", "en").stdout
    assert table.startswith("Scenario “Basic research reaches its near target”")
    peer_only = scenario("figures: [{indicator: fortune500, peer: tokyo, year: 2024, value: 5}]\n", "peer.yaml")
    assert not any(g["scenario"] for g in as_json("goals", "--data", data, "--scenario", peer_only)["goals"])


def test_a_scenario_without_a_name_goes_by_its_file(data, scenario):
    path = scenario("figures: [{indicator: unmeasured, year: 2024, value: 5}]\n", "what-if.yaml")
    doc = as_json("gaps", "--data", data, "--scenario", path)
    assert doc["scenario"]["name"] == "what-if.yaml"
    assert {r["id"]: r["status"] for r in doc["indicators"]}["unmeasured"] == "achieved"


def test_diff_takes_a_revision_or_a_scenario_not_both(data, scenario):
    result = run("diff", "HEAD", "--data", data, "--scenario", scenario(REACHES_TARGET))
    assert result.exit_code == 2
    assert "not both" in result.stderr


def test_commands_without_a_scenario_do_not_load_its_code(mini):
    code = ("import sys\nfrom scorecard.cli.app import app\n"
            f"try:\n    app(['gaps', '--data', {str(mini)!r}, '-f', 'json'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', [m for m in sys.modules if m.endswith('.scenario')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "LOADED []" in out


def test_set_reports_no_scenario(data):
    doc = as_json("set", "fortune500", "12", "--year", "2022", "--source", "000 二(二)", "--data", data)
    assert doc["scenario"] is None and not any(c["scenario"] for c in doc["changes"])


def test_the_data_format_names_every_key_a_scenario_file_may_hold():
    from scorecard.load.scenario import BandsChange, Delivered, Figure, MethodChange, ScenarioFile
    from scorecard.model import RuleParameters

    text = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8").split("## Scenarios")[1]
    for model in (ScenarioFile, Delivered, Figure, MethodChange, BandsChange, RuleParameters):
        for key in model.model_fields:
            assert f"`{key}`" in text, (model.__name__, key)


def test_applying_a_scenario_builds_a_new_dataset_and_leaves_the_data_as_it_was(data, scenario):
    from scorecard.load.dataset import Location, load
    from scorecard.load.scenario import read
    from scorecard.score.scenario import Hypothetical, HypotheticalBenchmark, apply

    ds = load(Location(data, "option"))
    path = scenario("""\
delivered:
  - action: A1
    figures:
      - {indicator: basic-research-share, year: 2024, value: 12, relation: "≈", note: a plan}
      - {indicator: basic-research-share, year: 2023, value: 10}
      - {indicator: fortune500, peer: beijing, year: 2024, value: 70}
figures:
  - {indicator: fortune500, peer: tokyo, year: 2024, value: 40}
""")
    supposed = apply(ds, read(path, ds))
    assert [o.year for o in ds.indicators["basic-research-share"].observations] == [2015, 2020]
    added = supposed.indicators["basic-research-share"].observations[2]
    assert isinstance(added, Hypothetical) and added.hypothetical
    assert added.model_dump() == {"year": 2024, "value": 12.0, "relation": "≈", "source": "scenario scenario.yaml: A1",
                                  "quote": None, "derived": None, "note": "a plan", "scored": None}
    peer = supposed.indicators["fortune500"].benchmarks[-1]  # the scenario's own come last
    assert isinstance(peer, HypotheticalBenchmark) and (peer.peer, peer.value) == ("tokyo", 40)
    assert not any(getattr(o, "hypothetical", False) for i in ds.indicators.values()
                   for o in (*i.observations, *i.benchmarks))
    assert supposed.location == ds.location
    assert supposed.indicators_file.method is ds.indicators_file.method  # no parameter changed
    assert (supposed.scenario.delivered, supposed.scenario.figures, supposed.scenario.parameters) == (
        {"A1": ("basic-research-share",)}, 4, ())  # a peer's figure is not the action's gap
