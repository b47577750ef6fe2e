"""A strategy of one's own, from an empty folder to `scorecard gaps`, with no YAML written by
hand: `scorecard new`, then the sheets of `tests/data/ministry` (a made-up ministry's digital
programme for Valdoria, in English, with four phases to 2035 and five peer countries) brought
in by one `scorecard import`, then `validate` and `gaps`. Every figure is invented; the scores
checked here are worked by hand from docs/method.md."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

SHEETS = Path(__file__).parent / "data" / "ministry"

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def as_json(*args) -> dict:
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def start(folder: Path) -> None:
    """The two commands that turn an empty folder into the ministry's dataset."""
    made = run("new", folder, "--subject", "Valdoria", "--language", "en",
               "--horizon", "phase1=2026", "--horizon", "phase2=2028",
               "--horizon", "phase3=2030", "--horizon", "vision=2035")
    assert made.exit_code == 0, made.stderr
    imported = run("import", SHEETS, "--data", folder)
    assert imported.exit_code == 0, imported.stderr


@pytest.fixture(scope="module")
def valdoria(tmp_path_factory) -> Path:
    """The dataset built from the sheets (read-only: the tests below only read it)."""
    folder = tmp_path_factory.mktemp("own") / "valdoria"
    start(folder)
    return folder


def test_from_an_empty_folder_to_gaps_with_new_and_one_import(tmp_path):
    folder = tmp_path / "valdoria"
    start(folder)

    checked = run("validate", "--data", folder)
    assert checked.exit_code == 0, checked.stderr
    # valid; the one warning is the conflict the data declares (below)
    assert ": valid, 0 error(s), 1 warning(s)" in checked.stderr
    assert "warning[source-conflict]: gigabit-coverage: 2023 differs between sources" in checked.stderr

    everything = as_json("export", "--data", folder)
    assert {kind: len(everything[kind]) for kind in (
        "sources", "peers", "shortfalls", "indicators", "horizons", "programmes", "actions")} == {
        "sources": 3, "peers": 5, "shortfalls": 4, "indicators": 20, "horizons": 4, "programmes": 3,
        "actions": 10}
    assert {p["kind"] for p in everything["peers"]} == {"country"}
    # an action's further links are rows of their own in actions.csv
    p3 = next(a for a in everything["actions"] if a["id"] == "P3")
    assert [s["id"] for s in p3["shortfalls"]] == ["skills", "economy"]
    assert [i["id"] for i in p3["indicators"]] == ["ict-specialists", "ict-graduates", "ict-vacancies"]

    # horizons.csv gave the horizons `new` made their names, goals and sources: same ids, same years
    goals = as_json("goals", "--data", folder)["goals"]
    assert [(g["id"], g["year"], g["year_basis"], g["source"]) for g in goals] == [
        ("phase1", 2026, "stated", "programme 1.3"), ("phase2", 2028, "stated", "programme 1.3"),
        ("phase3", 2030, "stated", "programme 1.3"), ("vision", 2035, "stated", "programme 1.2")]
    assert goals[2]["name"] == "Phase 3: the digital decade"

    gaps = as_json("gaps", "--data", folder, "-H", "phase3")
    assert (gaps["subject"], gaps["horizon"], gaps["horizon_year"]) == ("Valdoria", "phase3", 2030)
    # 20 indicators, one of them a context figure left unscored; every other has a 2030 target
    assert (gaps["covered"], gaps["total"]) == (19, 19)
    assert [s["id"] for s in gaps["shortfalls"]] == ["connectivity", "economy", "skills", "egov"]
    assert {(b["kind"], b["id"]) for b in gaps["blind_spots"]} == {
        ("indicator_without_action", "fixed-speed"), ("indicator_without_action", "ict-value-added"),
        ("indicator_without_action", "tech-startups")}


def test_three_scores_worked_by_hand(valdoria):
    rows = {r["id"]: r for r in as_json("gaps", "--data", valdoria, "-H", "phase3")["indicators"]}

    # A share where higher is better: s = 100 · (x − L) / (T − L), the floor L its natural zero.
    # 54% of adults in 2024 (stats table 3.1), the programme's 70% for 2030.
    skills = rows["basic-skills"]
    assert (skills["latest_value"], skills["latest_year"], skills["target"]) == (54, 2024, 70)
    assert skills["score"] == pytest.approx(100 * (54 - 0) / (70 - 0), abs=1e-4)  # 77.14
    assert skills["status"] == "challenges_remain"  # ≥ 75

    # Lower is better, with a stated floor: 10% of income scores 0. The same formula, T < L:
    # 4.5% in 2024, 2% by 2030.
    price = rows["broadband-price"]
    assert (price["latest_value"], price["target"], price["direction"]) == (4.5, 2, "lower")
    assert price["score"] == pytest.approx(100 * (4.5 - 10) / (2 - 10), abs=1e-4)  # 68.75
    assert price["status"] == "moderate_challenges"

    # A rank, scored on 1/rank with the natural zero: 34th in 2024, 20th place by 2030.
    rank = rows["egov-rank"]
    assert (rank["latest_value"], rank["target"]) == (34, 20)
    assert rank["score"] == pytest.approx(100 * (1 / 34 - 0) / (1 / 20 - 0), abs=1e-4)  # 100 · 20/34 = 58.82
    assert rank["status"] == "moderate_challenges"


def test_a_bound_comes_through_as_a_bound(valdoria):
    # "more than 65% of adults used their eID in 2023": relation > in figures.csv
    row = next(r for r in as_json("gaps", "--data", valdoria, "-H", "phase3")["indicators"]
               if r["id"] == "eid-users")
    assert (row["latest_value"], row["latest_relation"], row["latest_year"]) == (65, ">", 2023)
    # from a lower bound on a higher-is-better share the true score is at least the one shown
    assert row["score"] == pytest.approx(100 * 65 / 90, abs=1e-4) and row["score_bound"] == "lower"

    shown = as_json("show", "eid-users", "--data", valdoria)
    assert [(o["year"], o["value"], o["relation"]) for o in shown["observations"]] == [
        (2021, 44, None), (2023, 65, ">")]
    estonia = next(b for b in shown["benchmarks"] if b["peer"] == "estonia")  # a peer's bound
    assert (estonia["value"], estonia["relation"]) == (95, ">")


def test_two_sources_that_disagree_are_both_kept_and_the_newest_is_scored(valdoria):
    # gigabit-coverage, 2023: the statistics office (2025) says 58%, the programme (2024) 62%.
    # No `scored` column and no `source_priority`: method.source_priority's default, newest.
    shown = as_json("show", "gigabit-coverage", "--data", valdoria)
    assert shown["conflict"] is True
    assert shown["conflict_note"].startswith("The programme counts the homes passed")
    assert [(o["value"], o["source"], o["conflict"], o["scored"])
            for o in shown["observations"] if o["year"] == 2023] == [
        (58, "stats table 7.1", True, True), (62, "programme 2.2", True, False)]

    row = next(r for r in as_json("gaps", "--data", valdoria, "-H", "phase3")["indicators"]
               if r["id"] == "gigabit-coverage")
    assert (row["latest_value"], row["conflict"]) == (58, True)
    assert row["score"] == pytest.approx(100 * 58 / 100, abs=1e-4)


def test_the_same_sheets_again_or_the_exported_ones_change_nothing(tmp_path):
    folder = tmp_path / "valdoria"
    start(folder)
    files = {name: (folder / name).read_bytes() for name in ("indicators.yaml", "actions.yaml")}

    again = run("import", SHEETS, "--data", folder)
    assert again.exit_code == 0, again.stderr
    assert {name: (folder / name).read_bytes() for name in files} == files

    exported = run("export", "--sheets", tmp_path / "sheets", "--data", folder)
    assert exported.exit_code == 0, exported.stderr
    back = run("import", tmp_path / "sheets", "--data", folder)
    assert back.exit_code == 0, back.stderr
    assert {name: (folder / name).read_bytes() for name in files} == files
