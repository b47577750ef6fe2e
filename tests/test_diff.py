"""`scorecard diff`: scores now against a git revision or another folder, and why they moved."""

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Analyst", "-c", "user.email=a@example.org",
                    *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """The mini dataset in a fresh git repository, one commit."""
    root = tmp_path / "repo"
    shutil.copytree(DATA / "mini", root / "data")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "data as published")
    return root


def changed(doc) -> dict:
    return {(r["kind"], r["id"], r["horizon"]): r for r in doc["changes"]}


# basic-research-share 2020: 8 → 9. It alone measures nothing but `innovation`
# (with fortune500, already at 100), and action A1 is measured by it alone.
EXPECTED = {
    ("indicator", "basic-research-share", "near"): (80, 90),
    ("indicator", "basic-research-share", "long"): (160 / 3, 60),
    ("shortfall", "innovation", "near"): (90, 95),
    ("shortfall", "innovation", "long"): (160 / 3, 60),
    ("action", "A1", "near"): (80, 90),
    ("action", "A1", "long"): (160 / 3, 60),
    ("horizon", "near", "near"): (230 / 3, 80),
    ("horizon", "long", "long"): (160 / 3, 60),
}


def test_diff_after_a_set_reports_that_indicator_and_what_it_moved(repo):
    data = repo / "data"
    assert run("set", "basic-research-share", "9", "--year", "2020", "--data", data).exit_code == 0
    result = run("diff", "--data", data, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["base"] == "HEAD"
    rows = changed(doc)
    assert set(rows) == set(EXPECTED)
    for key, (before, after) in EXPECTED.items():
        assert rows[key]["score_before"] == pytest.approx(before, abs=1e-4)
        assert rows[key]["score_after"] == pytest.approx(after, abs=1e-4)
    indicator = rows[("indicator", "basic-research-share", "near")]
    assert indicator["reasons"] == ["data"]
    assert indicator["why"] == ["数据: 2020 8 → 9 (003 二(一))"]
    assert rows[("indicator", "basic-research-share", "long")]["trend_before"] == "moderate"
    assert rows[("indicator", "basic-research-share", "long")]["trend_after"] == "on_track"
    assert rows[("shortfall", "innovation", "near")]["reasons"] == ["indicator"]


def test_diff_against_another_folder(tmp_path):
    old, new = tmp_path / "published", tmp_path / "working"
    shutil.copytree(DATA / "mini", old)
    shutil.copytree(DATA / "mini", new)
    run("set", "basic-research-share", "9", "--year", "2020", "--data", new)
    doc = json.loads(run("diff", old, "--data", new, "-f", "json").stdout)
    assert set(changed(doc)) == set(EXPECTED)


def test_a_changed_weight_is_the_reason_shortfalls_and_actions_move(tmp_path):
    old, new = tmp_path / "published", tmp_path / "working"
    for folder in (old, new):
        shutil.copytree(DATA / "mini", folder)
        actions = folder / "actions.yaml"
        text = actions.read_text(encoding="utf-8")
        actions.write_text(text.replace("indicators: [basic-research-share]",
                                        "indicators: [basic-research-share, fortune500]"), encoding="utf-8")
    indicators = new / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace("    kind: count\n    shortfalls: [market, innovation]",
                                       "    kind: count\n    weight: 3\n    shortfalls: [market, innovation]"),
                          encoding="utf-8")
    rows = changed(json.loads(run("diff", old, "--data", new, "-f", "json", "-H", "near").stdout))
    # innovation and A1 both average basic-research-share (80) and fortune500 (100): 90 → (80 + 3·100)/4.
    for key in (("shortfall", "innovation", "near"), ("action", "A1", "near")):
        assert rows[key]["score_before"] == 90 and rows[key]["score_after"] == 95
        assert rows[key]["why"][0] == "方法参数: weight of fortune500"
    assert rows[("shortfall", "innovation", "near")]["reasons"] == ["method"]
    # A1 addresses innovation, whose gap shrank: its priority follows.
    action = rows[("action", "A1", "near")]
    assert action["reasons"] == ["method", "shortfall"] and action["why"][1] == "短板差距: innovation 10 → 5"
    assert (action["priority_before"], action["priority_after"]) == (10, 5)


def test_diff_speaks_every_format_with_ids(repo):
    data = repo / "data"
    run("set", "basic-research-share", "9", "--year", "2020", "--data", data)
    table = run("diff", "--data", data, "--lang", "en", "-H", "near").stdout
    cells = [re.split(r"\s{2,}", line.strip()) for line in table.splitlines() if line.startswith("indicator")]
    assert cells == [["indicator", "basic-research-share", "near", "80 → 90", "challenges remain", "↑ on track",
                      "10", "tokyo 15", "–", "–", "data: 2020 8 → 9 (003 二(一))"]]
    rows = list(csv.DictReader(io.StringIO(run("diff", "--data", data, "-f", "csv").stdout.lstrip("\ufeff"))))
    assert [r["id"] for r in rows][:2] == ["basic-research-share", "basic-research-share"]
    markdown = run("diff", "--data", data, "-f", "markdown", "--lang", "en").stdout
    assert "| indicator | basic-research-share | near | 80 → 90 |" in markdown


def test_no_change_says_so(repo):
    result = run("diff", "--data", repo / "data", "--lang", "en")
    assert result.exit_code == 0
    assert "no score, status, trend, target, best peer, priority or rank changed" in result.stdout
    assert json.loads(run("diff", "--data", repo / "data", "-f", "json").stdout)["changes"] == []


def test_a_changed_target_and_a_changed_mapping_are_told_apart(repo):
    data = repo / "data"
    ind = data / "indicators.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("near: {value: 10,", "near: {value: 12,"),
                   encoding="utf-8")
    act = data / "actions.yaml"
    act.write_text(act.read_text(encoding="utf-8").replace("indicators: [fortune500]",
                                                           "indicators: [fortune500, basic-research-share]"),
                   encoding="utf-8")
    rows = changed(json.loads(run("diff", "--data", data, "-f", "json", "-H", "near").stdout))
    assert rows[("indicator", "basic-research-share", "near")]["reasons"] == ["target"]
    assert rows[("indicator", "basic-research-share", "near")]["why"] == ["目标: 10 → 12"]
    assert rows[("action", "A2", "near")]["reasons"] == ["mapping", "indicator"]
    assert rows[("action", "A2", "near")]["why"][0] == "对应关系: +basic-research-share"


def test_an_older_revision_can_be_named(repo):
    data = repo / "data"
    run("set", "basic-research-share", "9", "--year", "2020", "--data", data)
    git(repo, "commit", "-q", "-am", "2020 revised")
    assert json.loads(run("diff", "--data", data, "-f", "json").stdout)["changes"] == []
    assert set(changed(json.loads(run("diff", "HEAD~1", "--data", data, "-f", "json").stdout))) == set(EXPECTED)


@pytest.mark.parametrize("where,rev,message,code", [
    ("plain", "HEAD", "is not in a git repository", 1),
    ("repo", "no-such-branch", "'no-such-branch' is neither a data folder nor a revision of", 2),
    ("uncommitted", "HEAD", "is not in revision HEAD", 1),
])
def test_git_problems_are_one_clear_line(tmp_path, repo, where, rev, message, code):
    if where == "plain":
        data = tmp_path / "plain"
        shutil.copytree(DATA / "mini", data)
    elif where == "uncommitted":
        data = repo / "later"
        shutil.copytree(DATA / "mini", data)
    else:
        data = repo / "data"
    result = run("diff", rev, "--data", data)
    assert result.exit_code == code  # a name that is no revision is a usage error
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_file_instead_of_a_folder_is_a_usage_error(repo):
    result = run("diff", repo / "data" / "indicators.yaml", "--data", repo / "data")
    assert result.exit_code == 2
    assert "give the folder that holds" in result.stderr


def test_a_moved_horizon_year_is_a_change_of_method(repo):
    data = repo / "data"
    act = data / "actions.yaml"
    act.write_text(act.read_text(encoding="utf-8").replace("year: 2025", "year: 2020"), encoding="utf-8")
    doc = json.loads(run("diff", "--data", data, "-f", "json", "--lang", "en").stdout)
    row = changed(doc)[("indicator", "basic-research-share", "near")]
    assert (row["score_before"], row["score_after"]) == (80, 80)
    assert (row["trend_before"], row["trend_after"]) == ("on_track", "stagnating")
    assert row["why"] == ["method: near year 2025 → 2020"]
    assert set(changed(doc)) == {("indicator", "basic-research-share", "near")}


# A revision or a folder, by what exists. -------------------------------------------------

def test_a_file_named_head_in_the_current_folder_does_not_stop_diff(repo, tmp_path, monkeypatch):
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    (elsewhere / "HEAD").write_text("notes\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    for args in ([], ["HEAD"]):
        result = run("diff", *args, "--data", repo / "data", "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == "scorecard: comparing with git revision HEAD\n"
        assert json.loads(result.stdout)["base"] == "HEAD"


def test_a_folder_named_like_a_branch_is_the_folder_and_diff_says_so(repo, monkeypatch):
    git(repo, "branch", "published")
    shutil.copytree(DATA / "mini", repo / "published")
    monkeypatch.chdir(repo)
    result = run("diff", "published", "--data", repo / "data", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("scorecard: comparing with the data folder published ('published' also "
                             "names a git revision: write published~0 for it)\n")
    result = run("diff", "published~0", "--data", repo / "data", "-f", "json")
    assert result.stderr == "scorecard: comparing with git revision published~0\n"


# Every move: priorities and ranks, the best peer, a target from a moved reference. ------------

def two_copies(tmp_path, fixture="mini"):
    old, new = tmp_path / "published", tmp_path / "working"
    shutil.copytree(DATA / fixture, old)
    shutil.copytree(DATA / fixture, new)
    return old, new


def diff_rows(old, new, *args) -> dict:
    """`diff` of folder `new` against folder `old`, in English, its rows by (kind, id, horizon)."""
    return changed(json.loads(run("diff", old, "--data", new, "-f", "json", "--lang", "en", *args).stdout))


def edit(folder, old_text, new_text):
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert old_text in text
    path.write_text(text.replace(old_text, new_text), encoding="utf-8")


def add_line(folder, after, line):
    edit(folder, after, after + line)


def test_actions_whose_priority_or_rank_moved_are_listed_with_the_shortfall_that_moved_them(tmp_path):
    old, new = two_copies(tmp_path)
    edit(new, "{year: 2020, value: 8, source:", "{year: 2020, value: 3, source:")  # 80 → 30
    rows = diff_rows(old, new, "-H", "near")
    assert set(rows) == {("indicator", "basic-research-share", "near"), ("shortfall", "innovation", "near"),
                         ("shortfall", "market", "near"), ("action", "A1", "near"), ("action", "A2", "near"),
                         ("action", "A3", "near"), ("horizon", "near", "near")}
    a1 = rows[("action", "A1", "near")]
    assert (a1["priority_before"], a1["priority_after"], a1["rank_before"], a1["rank_after"]) == (10, 35, 3, 1)
    assert a1["why"] == ["indicator moved: basic-research-share 80 → 30", "shortfall gap: innovation 10 → 35"]
    a2 = rows[("action", "A2", "near")]  # its own priority is unchanged; A1 went past it
    assert (a2["priority_before"], a2["priority_after"], a2["rank_before"], a2["rank_after"]) == (25, 25, 1, 2)
    assert a2["reasons"] == ["ranking"] and a2["why"] == ["others moved: 1 → 2"]
    market = rows[("shortfall", "market", "near")]
    assert (market["rank_before"], market["rank_after"], market["score_change"]) == (1, 2, 0)


def test_a_peers_new_figure_moves_the_best_peer_and_diff_says_so(tmp_path):
    old, new = two_copies(tmp_path, "rules")
    add_line(new, '      - {peer: london, year: 2023, value: 99, source: "009 一"}\n',
             '      - {peer: paris, year: 2024, value: 120, source: "009 一"}\n')
    rows = diff_rows(old, new, "-H", "near")
    assert set(rows) == {("indicator", "fortune500", "near")}  # after the base year: no target, no score moves
    row = rows[("indicator", "fortune500", "near")]
    assert (row["peer_before"], row["peer_value_before"], row["peer_after"], row["peer_value_after"]) == \
        ("london", 99, "paris", 120)
    assert row["score_change"] == 0 and row["target_before"] == row["target_after"]
    assert row["why"] == ["data: +paris 2024 120 (009 一)", "best peer: london 99 (2023) → paris 120 (2024)"]
    table = run("diff", old, "--data", new, "-H", "near", "--lang", "en").stdout
    assert "london 99 → paris 120" in table


def test_a_target_from_a_revised_reference_names_the_reference_that_moved_it(tmp_path):
    old, new = two_copies(tmp_path, "rules")
    # top-rank's best peer as of the base year is Beijing, 2nd; revised to 1st, it moves the target.
    edit(new, "{peer: beijing, year: 2021, value: 2, source:", "{peer: beijing, year: 2021, value: 1, source:")
    rows = diff_rows(old, new)
    row = rows[("indicator", "top-rank", "near")]
    assert (row["target_before"], row["target_after"]) == (41, 40)
    assert row["why"] == ["data: beijing 2021 2 → 1 (000 二(一))", "best peer: beijing 2 (2021) → beijing 1 (2021)",
                          "target: 41 → 40 (reference_value 2 → 1)"]


def test_a_newer_publications_figure_for_a_year_is_scored_and_diff_says_which(tmp_path):
    old, new = two_copies(tmp_path, "rules")
    add_line(new, '      - {year: 2021, value: 10, source: "003 二(二)"}\n',
             '      - {year: 2021, value: 12, source: "009 一"}\n')
    rows = diff_rows(old, new, "-H", "near")
    assert rows[("indicator", "fortune500", "near")]["why"][0] == (
        "data: +2021 12 (009 一), 2021 scored 12 (009 一) over 10 (003 二(二))")
