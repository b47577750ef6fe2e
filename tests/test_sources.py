"""The reader's map of a source, the reasons on action → indicator links and the note that explains a
conflict, on a frozen fixture (tests/data/audit)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load.dataset import Location, load
from scorecard.views.sources import section_key

AUDIT = Path(__file__).parent / "data" / "audit"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def dataset():
    return load(Location(AUDIT, "option"))


def test_show_source_lists_its_figures_section_by_section():
    result = run("show", "000", "--data", AUDIT, "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["id"], doc["title"], doc["indicators"]) == ("000", "Paper A", ["hq", "spending"])
    rows = [(r["section"], r["indicator"], r["who"], r["value"], r["relation"], r["use"])
            for r in doc["figures"]]
    assert rows == [
        ("二(一)", "hq", "Shanghai", 9, None, "scored"),
        ("二(一)", "hq", "Beijing", 60, None, "scored"),
        ("二(一)", "hq", "Tokyo", 37, None, "scored"),
        ("二(四)", "spending", "Shanghai", 934, None, "scored"),
        ("二(四)", "spending", "Tokyo", 2802, ">", "scored"),
    ]
    assert [(r["section"], r["kind"], r["id"]) for r in doc["cited"]] == [
        ("二(一)", "shortfall", "entities"), ("四(一)", "programme", "empower"),
        ("四(一)1", "action", "E01"), ("四(一)9", "action", "E09")]


def test_show_source_marks_figures_not_scored_and_context():
    doc = json.loads(run("show", "003", "--data", AUDIT, "--format", "json").stdout)
    use = {(r["indicator"], r["peer"]): r["use"] for r in doc["figures"]}
    assert use == {("hq", None): "not_scored", ("hq", "tokyo"): "not_scored",
                   ("brands", None): "unscored"}


def test_show_source_table_says_how_much_it_maps():
    result = run("show", "000", "--data", AUDIT, "--lang", "en")
    assert "5 figures from 2 sections, feeding 2 indicators" in result.stdout
    assert "> 2,802" in result.stdout


def test_an_unknown_id_suggests_the_sources_too():
    result = run("show", "00", "--data", AUDIT)
    assert result.exit_code == 2
    assert "'000'" in result.stderr


@pytest.mark.parametrize("section, before", [
    ("二(一)", "二(二)"), ("二", "二 注①"), ("二 注①", "二(一)"), ("四(一)9", "四(一)10"),
    ("引言", "一"), ("九(二)", "十(一)"), ("十", "十一(一)"),
])
def test_sections_sort_in_the_order_of_a_paper(section, before):
    assert section_key(section) < section_key(before)


def test_action_links_carry_their_reasons_and_a_bare_id_still_reads(dataset):
    e01 = dataset.actions["E01"]
    assert e01.indicator_ids == ("hq", "brands")
    assert [m.reason for m in e01.indicators] == ["grows the headquarters the paper counts", None]
    doc = json.loads(run("show", "E01", "--data", AUDIT, "--format", "json").stdout)
    assert doc["indicators"] == ["hq", "brands"]
    assert [r["reason"] for r in doc["indicator_names"]] == [
        "grows the headquarters the paper counts", None]


def test_validate_and_show_explain_a_conflict_with_its_note():
    note = "The two papers count different sets; paper A names the list, so its figures are scored."
    result = run("validate", "--data", AUDIT)
    assert result.exit_code == 0
    conflicts = [line for line in result.stderr.splitlines() if "source-conflict" in line]
    assert len(conflicts) == 2 and all(line.endswith(note) for line in conflicts)
    shown = run("show", "hq", "--data", AUDIT, "--lang", "en")
    assert note in shown.stdout
    assert json.loads(run("show", "hq", "--data", AUDIT, "--format", "json").stdout)["conflict_note"] == note
