"""`scorecard robustness` as a user runs it, in every format, on the flip dataset and the bundled data."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from robust_data import flip, write, indicator, ONLY_FLOORS
from scorecard.cli.app import app
from scorecard.cli.robustness import ProgressBar
from scorecard.views.robustness import share

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    flip(tmp_path)
    return tmp_path


def test_json_names_each_shortfalls_rank_interval_and_band_shares(folder):
    result = run("robustness", "--data", folder, "-f", "json", "-n", 200, "--top", 1, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {k: doc[k] for k in ("horizon", "horizon_year", "draws", "seed", "top", "runs")} == {
        "horizon": "near", "horizon_year": 2025, "draws": 200, "seed": 1, "top": 1, "runs": 200 * 3}
    assert set(doc["rank_shift"]) == {"shortfalls", "actions", "indicators"}
    sb, sa = doc["shortfalls"]
    assert (sb["id"], sb["rank"], sb["rank_p05"], sb["rank_p95"]) == ("sb", 1, 1, 2)
    assert sa["score"] == 50 and sa["status"] == "moderate_challenges"
    assert set(sa["bands"]) == {"achieved", "challenges_remain", "moderate_challenges", "significant_challenges",
                                "major_challenges", "insufficient_data"}
    assert sa["bands"]["moderate_challenges"] + sa["bands"]["major_challenges"] == pytest.approx(1)
    assert sa["driver"]["assumption"] == "floor" and sa["driver"]["rule"] is None
    worst = sa["top_share"]
    assert sa["sentence"] == f"“sa” has the largest gap in {share(worst)} of 200 draws; its rank is 1 to 2 in at least 90% of them."
    assert [r["id"] for r in doc["actions"]] == ["A-sb", "A-sa"] and "priority" in doc["actions"][0]
    assert [r["id"] for r in doc["indicators"]] == ["b", "a"] and doc["indicators"][0]["shortfalls"] == ["sb"]
    assert doc["assumptions"] == [{"assumption": "floor", "rule": None, "indicators": 2, "inputs": 1, "nominal": None,
                                   "low": None, "high": None, "alternatives": ["natural", "worst"]}]
    rows = doc["sensitivity"]
    assert [(x["output"], x["id"], x["assumption"]) for x in rows] == [
        ("rank_shift", None, "floor"), ("rank", "sb", "floor"), ("rank", "sa", "floor")]
    assert set(rows[0]) == {"output", "id", "assumption", "rule", "first_order", "first_order_margin",
                            "total", "total_margin"}


def test_two_runs_with_the_same_seed_print_the_same(folder):
    first = run("robustness", "--data", folder, "-f", "json", "-n", 100, "--seed", 9)
    again = run("robustness", "--data", folder, "-f", "json", "-n", 100, "--seed", 9)
    other = run("robustness", "--data", folder, "-f", "json", "-n", 100, "--seed", 10)
    assert first.stdout == again.stdout and first.stdout != other.stdout


def test_the_bundled_data_names_every_shortfalls_interval_and_band_shares():
    result = run("robustness", "-f", "json", "-n", 60)
    assert result.exit_code == 0
    assert result.stderr == ""  # the repository's own data, found in the current folder; no bar in a pipe
    doc = json.loads(result.stdout)
    assert len(doc["shortfalls"]) == 11 and doc["runs"] == 60 * (len(doc["assumptions"]) + 2)
    unranked = [row["id"] for row in doc["shortfalls"] if row["rank_median"] is None]
    assert unranked == ["institutions", "spatial"]  # no indicator meant to be scored
    for row in doc["shortfalls"]:
        if row["id"] in unranked:
            assert (row["rank_p05"], row["rank_p95"], row["bands"]["insufficient_data"]) == (None, None, 1)
            continue
        assert row["rank_p05"] <= row["rank_median"] <= row["rank_p95"]
        assert sum(row["bands"].values()) == pytest.approx(1, abs=1e-3)  # each rounded in JSON
        assert "在 60 次抽样中有" in row["sentence"]
    assert run("robustness", "-f", "json", "-n", 60).stdout == result.stdout


def test_table_markdown_and_csv(folder):
    table = run("robustness", "--data", folder, "-n", 40, "--lang", "en").stdout
    assert "Near term (2025): how sure the ranking is · 40 draws" in table
    assert "How sure the shortfalls' ranking is" in table and "Top 3" in table
    assert "floors" in table and "natural, worst" in table
    assert "is among the three largest gaps in 100% of 40 draws; its rank is 1 to 2" in table
    assert "N = 40, k = 1 groups of assumptions, 120 runs" in table
    md = run("robustness", "--data", folder, "-n", 40, "-f", "markdown").stdout
    assert md.startswith("# 近期（2025）：排名有多稳健 · 40 次抽样") and "| 中位排名 |" in md
    text = run("robustness", "--data", folder, "-n", 40, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    shortfalls = [r for r in rows if r["section"] == "shortfalls"]
    assert [r["id"] for r in shortfalls] == ["sb", "sa"] and "bands.major_challenges" in rows[0]
    assert {r["section"] for r in rows} == {"shortfalls", "actions", "indicators", "assumptions", "sensitivity"}


def test_with_nothing_declared_uncertain_every_draw_is_the_declared_scorecard(tmp_path):
    write(tmp_path, [indicator("a", "sa", 10, peer=40, target=20, floor=0)], dict(ONLY_FLOORS, floors=["natural"]))
    doc = json.loads(run("robustness", "--data", tmp_path, "-f", "json", "-n", 10).stdout)
    assert doc["assumptions"] == [] and doc["sensitivity"] == [] and doc["runs"] == 10
    assert doc["shortfalls"][0]["top_share"] == 1 and doc["rank_shift"]["shortfalls"] == 0
    table = run("robustness", "--data", tmp_path, "-n", 10, "--lang", "en").stdout
    assert "the data declares no assumption uncertain" in table


def test_usage_errors(folder):
    assert run("robustness", "--data", folder, "-n", 1).exit_code == 2
    assert run("robustness", "--data", folder, "--horizon", "someday").exit_code == 2


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_bar_shows_only_in_a_terminal_after_a_second():
    now = [0.0]
    quick = ProgressBar("robustness", stream=Terminal(), clock=lambda: now[0])
    with quick:
        quick(100, 1000)  # under a second: nothing yet
    assert quick.bar is None and quick.stream.getvalue() == ""
    slow = ProgressBar("robustness", stream=Terminal(), clock=lambda: now[0])
    with slow:
        now[0] = 1.5
        slow(100, 1000)
        assert slow.bar is not None
        slow(1000, 1000)
    piped = ProgressBar("robustness", stream=io.StringIO(), clock=lambda: now[0])
    now[0] = 9.0
    piped(100, 1000)
    assert piped.bar is None
