"""The commands as a user runs them, through Typer's CliRunner, on the hand-worked fixture."""

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.views.gaps import FIELDS

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_gaps_table_ranks_indicators_and_lists_blind_spots(mini):
    result = run("gaps", "--data", mini, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("Processing-trade settlement offshore") < out.index("Basic research share of R&D")
    assert "Tokyo 15 ×1.9" in out and "66*" in out
    assert "shortfall no action addresses  orphan" in out
    assert "\x1b[" not in out  # plain in a pipe


def test_gaps_json_rows_carry_id(mini):
    result = run("gaps", "--data", mini, "--format", "json")
    doc = json.loads(result.stdout)
    assert all(tuple(row) == FIELDS for row in doc["indicators"])
    assert [r["id"] for r in doc["indicators"]] == [
        "offshore-settlement", "basic-research-share", "fortune500", "unmeasured"]
    first = doc["indicators"][0]
    assert first["score"] == 50 and first["status"] == "moderate_challenges"
    assert first["target_basis"] == "assumption" and first["target_rule"] is None
    assert first["target_note"] == "halve the distance from 100%"
    assert doc["horizon"] == "near" and doc["covered"] == 3 and doc["total"] == 4
    assert doc["shortfalls"][0]["id"] == "market"
    assert {b["id"] for b in doc["blind_spots"]} == {"orphan", "A3", "offshore-settlement", "unmeasured"}


def test_gaps_at_another_horizon_and_for_one_shortfall(mini):
    doc = json.loads(run("gaps", "--data", mini, "-f", "json", "--horizon", "long",
                         "--shortfall", "innovation").stdout)
    assert doc["horizon"] == "long" and doc["horizon_year"] == 2035
    assert [r["id"] for r in doc["indicators"]] == ["basic-research-share", "fortune500"]


def test_gaps_csv_opens_with_the_csv_module(mini):
    text = run("gaps", "--data", mini, "-f", "csv").stdout
    assert text.startswith("\ufeff")  # Excel reads the BOM as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["section"] == "indicators" and rows[0]["rank"] == "1"
    assert rows[0]["id"] == "offshore-settlement" and float(rows[0]["score"]) == 50
    assert rows[1]["name"] == "基础研究投入占研发经费比重"


def test_gaps_csv_holds_the_shortfall_ranking_and_the_blind_spots(mini):
    text = run("gaps", "--data", mini, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["section"] for r in rows] == ["indicators"] * 4 + ["shortfalls"] * 3 + ["blind_spots"] * 4
    shortfalls = [r for r in rows if r["section"] == "shortfalls"]
    assert [r["id"] for r in shortfalls] == ["market", "innovation", "orphan"]
    assert shortfalls[0]["covered"] == "2" and shortfalls[0]["indicators"] == (
        "offshore-settlement; fortune500; unmeasured")
    blind = {(r["kind"], r["id"]) for r in rows if r["section"] == "blind_spots"}
    assert ("shortfall_without_action", "orphan") in blind and ("action_without_indicator", "A3") in blind


def test_gaps_markdown_is_a_pipe_table(mini):
    text = run("gaps", "--data", mini, "-f", "markdown", "--lang", "en").stdout
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| # |"))
    assert set(lines[header + 1]) <= set("|-:")
    assert lines[header + 2].startswith("| 1 | Processing-trade settlement offshore |")
    assert lines[header].count("|") == lines[header + 2].count("|")


def test_actions_rows_carry_their_shortfalls(mini):
    doc = json.loads(run("actions", "--data", mini, "-f", "json").stdout)
    assert [(a["id"], a["shortfalls"], a["rank"]) for a in doc["actions"]] == [
        ("A2", ["market"], 1), ("A3", ["market"], 2), ("A1", ["innovation"], 3)]


def test_goals_show_each_horizon_with_score_and_coverage(mini):
    doc = json.loads(run("goals", "--data", mini, "-f", "json").stdout)
    assert [(g["id"], g["year"], g["covered"], g["total"]) for g in doc["goals"]] == [
        ("near", 2025, 3, 4), ("mid", 2030, 0, 4), ("long", 2035, 1, 4)]


def test_indicators_lists_targets_per_horizon(mini):
    doc = json.loads(run("indicators", "--data", mini, "-f", "json").stdout)
    basic = next(r for r in doc["indicators"] if r["id"] == "basic-research-share")
    assert basic["targets"] == {"near": {"value": 10, "basis": "assumption", "rule": None},
                                "long": {"value": 15, "basis": "stated", "rule": None}}


def test_show_marks_a_conflict_between_sources(mini):
    result = run("show", "fortune500", "--data", mini, "--lang", "en")
    assert result.exit_code == 0
    assert "the sources disagree" in result.stdout
    doc = json.loads(run("show", "fortune500", "--data", mini, "-f", "json").stdout)
    assert doc["conflict"] is True
    assert [o["source"] for o in doc["observations"]] == ["000 二(一)", "003 二(二)"]


def test_show_an_action_and_a_shortfall(mini):
    assert "A1" in run("show", "A1", "--data", mini).stdout
    doc = json.loads(run("show", "market", "--data", mini, "-f", "json").stdout)
    assert [a["id"] for a in doc["actions"]] == ["A2", "A3"]


def test_show_unknown_id_suggests_close_ones(mini):
    result = run("show", "fortune50", "--data", mini)
    assert result.exit_code == 2
    assert "did you mean 'fortune500'" in result.stderr


def test_export_nests_observations_and_benchmarks_under_each_indicator(mini):
    doc = json.loads(run("export", "--data", mini).stdout)
    f500 = next(i for i in doc["indicators"] if i["id"] == "fortune500")
    assert len(f500["observations"]) == 2 and len(f500["benchmarks"]) == 3
    assert {h["id"] for h in doc["horizons"]} == {"near", "mid", "long"}


def test_validate_passes_with_warnings_on_the_fixture(mini):
    result = run("validate", "--data", mini)
    assert result.exit_code == 0
    assert "warning[source-conflict]" in result.stderr
    assert result.stdout == ""


def test_invalid_data_exits_1_with_file_line_and_column(tmp_path, mini):
    for name in ("indicators.yaml", "actions.yaml"):
        (tmp_path / name).write_text((mini / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "actions.yaml").read_text(encoding="utf-8")
    (tmp_path / "actions.yaml").write_text(text.replace("programme: empower", "programme: empowr", 1),
                                           encoding="utf-8")
    result = run("gaps", "--data", tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path / 'actions.yaml'}:" in result.stderr
    assert "unknown programme 'empowr'" in result.stderr and "did you mean 'empower'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [["gaps", "--format", "xml"], ["gaps", "--horizon", "soon"], ["nope"]])
def test_usage_errors_exit_2_and_name_the_valid_choices(args, mini):
    result = run(*args, "--data", mini) if args[0] == "gaps" else run(*args)
    assert result.exit_code == 2


def test_unknown_shortfall_filter_is_a_usage_error(mini):
    result = run("gaps", "--data", mini, "--shortfall", "inovation")
    assert result.exit_code == 2 and "did you mean 'innovation'" in result.stderr


def test_data_in_the_current_directory_is_used(mini, monkeypatch):
    monkeypatch.chdir(mini)
    doc = json.loads(run("gaps", "-f", "json").stdout)
    assert doc["horizon_year"] == 2025  # the fixture's year, not the bundled data's


def test_help_does_not_import_the_loading_and_scoring_stack():
    code = ("import sys\nfrom scorecard.cli.app import app\n"
            "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('pydantic', 'yaml', 'scorecard.load', 'scorecard.score', 'rich.table')"
            " if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


@pytest.mark.parametrize("command", ["gaps", "set", "report"])
def test_a_commands_help_works_in_a_fresh_process(command):
    # The CliRunner shares one process, where some earlier import may hide what a fresh one
    # lacks (typer before 0.17.4 needed rich.markup imported by someone else).
    code = f"from scorecard.cli.app import main\nimport sys\nsys.argv = ['scorecard', '{command}', '--help']\nmain()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--help" in result.stdout and "error" not in result.stderr


def _clean_port(tmp_path):
    """The port fixture with no finding at all (its one source conflict removed, a quote on
    every figure)."""
    import re
    import shutil

    from conftest import DATA

    folder = tmp_path / "port"
    shutil.copytree(DATA / "port", folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    figure = re.compile(r"(- \{(?:peer|year): .*)\}")
    lines = [line if "quote:" in line else figure.sub(r'\1, quote: "the words"}', line)
             for line in text.split("\n") if "plan's own estimate" not in line]
    path.write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_validate_csv_with_no_findings_prints_the_header(tmp_path):
    result = run("validate", "--data", _clean_port(tmp_path), "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes == "\ufeffsection,code,severity,file,line,column,path,message,hint\r\n".encode()


def test_validate_takes_lang_for_its_headers(mini):
    text = run("validate", "--data", mini, "-f", "markdown", "--lang", "zh").stdout
    assert "| 位置 | 级别 | 代码 | 问题 | 处理办法 |" in text and "| 警告 |" in text
    english = run("validate", "--data", mini, "-f", "markdown", "--lang", "en").stdout
    assert "| Location | Severity | Code | Message | What to do |" in english


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_export_prints_years_as_years(mini, fmt):
    text = run("export", "--data", mini, "-f", fmt, "--lang", "en").stdout
    assert "2,0" not in text and " 2021 " in text


def test_gaps_legend_explains_only_the_marks_it_shows(tmp_path, mini):
    clean = run("gaps", "--data", _clean_port(tmp_path)).stdout
    assert "!" not in clean and "the sources disagree" not in clean
    assert "– no trend" in clean  # green-jobs has no figure
    conflicted = run("gaps", "--data", mini, "--lang", "en").stdout
    assert "! the sources disagree" in conflicted
    bands_only = run("gaps", "--data", mini, "--lang", "en", "--shortfall", "orphan").stdout
    assert "trend:" not in bands_only and "* target" not in bands_only and "status (" in bands_only


def test_an_empty_listing_prints_its_header_in_csv(mini):
    text = run("gaps", "--data", mini, "-f", "csv", "--shortfall", "orphan").stdout
    header, *rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    assert header[:4] == ["section", "rank", "id", "name"] and "latest_value" in header
    assert {r[0] for r in rows} == {"shortfalls", "blind_spots"}
