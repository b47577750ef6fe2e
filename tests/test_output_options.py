"""The output options every listing shares: -o FILE, --columns, --limit, and -f in any case."""

import csv
import io
import json
import os
import stat

import pytest
from typer.testing import CliRunner

from scorecard.cli import output
from scorecard.cli.app import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_format_is_read_in_any_case(mini):
    result = run("gaps", "--data", mini, "-f", "JSON")
    assert result.exit_code == 0 and json.loads(result.stdout)["horizon"] == "near"
    assert run("gaps", "--data", mini, "--format", "Csv").stdout.startswith("\ufeffsection,")


# -o FILE

def test_output_writes_the_file_and_says_so_on_stderr(mini, tmp_path):
    target = tmp_path / "gaps.csv"
    result = run("gaps", "--data", mini, "-f", "csv", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert f"scorecard: wrote {target}" in result.stderr
    assert target.read_bytes() == run("gaps", "--data", mini, "-f", "csv").stdout_bytes
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert os.listdir(tmp_path) == ["gaps.csv"]  # no temporary file left


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_output_replaces_a_file_whole_and_keeps_its_mode(mini, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old report\n")
    target.chmod(0o640)
    assert run("goals", "--data", mini, "-f", "markdown", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("## ")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_as_it_was(mini, tmp_path, monkeypatch):
    target = tmp_path / "gaps.json"
    target.write_text("the last good output\n")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full_disk)
    result = run("gaps", "--data", mini, "-f", "json", "-o", target)
    assert result.exit_code == 1
    assert f"cannot write {target}: No space left on device; nothing was written" in result.stderr
    assert target.read_text() == "the last good output\n"
    assert os.listdir(tmp_path) == ["gaps.json"]


def test_a_table_in_a_file_is_plain_and_whole_as_in_a_pipe(mini, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "terminal", lambda: (40, True))  # stdout is a narrow terminal
    target = tmp_path / "gaps.txt"
    assert run("gaps", "--data", mini, "--lang", "en", "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "hidden" not in text and "Processing-trade settlement offshore" in text


def test_a_name_that_promises_another_format_gets_a_reminder(mini, tmp_path):
    result = run("gaps", "--data", mini, "-o", tmp_path / "gaps.csv")
    assert "(table; for csv, add -f csv)" in result.stderr


def test_output_dash_is_stdout(mini):
    assert run("goals", "--data", mini, "-f", "json", "-o", "-").stdout.startswith("{")


@pytest.mark.parametrize("name", ["indicators.yaml", "actions.yaml"])
def test_output_never_replaces_a_data_file(tmp_path, mini, name):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(mini, folder)
    before = (folder / name).read_bytes()
    result = run("gaps", "--data", folder, "-o", folder / name)
    assert result.exit_code == 2
    assert "is a data file" in result.stderr and "choose another name" in result.stderr
    assert (folder / name).read_bytes() == before
    link = tmp_path / "out.txt"
    link.symlink_to(folder / name)
    assert run("gaps", "--data", folder, "-o", link).exit_code == 2
    assert (folder / name).read_bytes() == before


def test_output_to_a_folder_or_into_a_missing_one_is_a_usage_error(mini, tmp_path):
    assert "is a folder" in run("gaps", "--data", mini, "-o", tmp_path).stderr
    missing = run("gaps", "--data", mini, "-o", tmp_path / "no" / "x.csv")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


# --columns

def _sheet(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_columns_choose_and_order_the_columns_of_every_section(mini):
    rows = _sheet(run("gaps", "--data", mini, "-f", "csv", "--columns", "score,id").stdout)
    assert rows[0] == ["section", "score", "id"]
    assert rows[1] == ["indicators", "50.0", "offshore-settlement"]
    assert {r[0] for r in rows[1:]} == {"indicators", "shortfalls", "blind_spots"}
    blind = [r for r in rows if r[0] == "blind_spots"]
    assert blind[0] == ["blind_spots", "", "orphan"]


def test_columns_in_a_table_and_in_markdown(mini):
    table = run("gaps", "--data", mini, "--lang", "en", "--columns", "name,score").stdout
    header = next(line for line in table.splitlines() if line.startswith("Indicator "))
    assert header.split() == ["Indicator", "Score"]
    assert "Blind spots" in table  # it has a name
    md = run("actions", "--data", mini, "--lang", "en", "-f", "markdown", "--columns", "id, priority").stdout
    assert "| ID | Priority |\n|---|---:|\n| A2 | 25 |" in md


def test_a_row_key_that_is_no_column_shows_its_value_under_the_key(mini):
    table = run("gaps", "--data", mini, "--lang", "en", "--columns", "id,gap_share").stdout
    header = next(line for line in table.splitlines() if line.startswith("id"))
    assert header.split() == ["id", "gap_share"]


def test_an_unknown_column_is_a_usage_error_with_the_closest_keys(mini):
    result = run("gaps", "--data", mini, "--columns", "id,scor")
    assert result.exit_code == 2
    assert "unknown column 'scor' for --columns; did you mean 'score'" in result.stderr
    far = run("goals", "--data", mini, "--columns", "zzz")
    assert far.exit_code == 2 and "choose from: id, year, goal, score, status, coverage, name" in far.stderr


def test_json_keeps_every_key_and_says_how_to_choose(mini):
    result = run("gaps", "--data", mini, "-f", "json", "--columns", "id")
    assert result.exit_code == 2 and "jq" in result.stderr


# --limit

def test_limit_keeps_the_first_rows_of_each_ranking(mini):
    doc = json.loads(run("gaps", "--data", mini, "-f", "json", "--limit", 2).stdout)
    assert [r["rank"] for r in doc["indicators"]] == [1, 2]
    assert [r["id"] for r in doc["shortfalls"]] == ["market", "innovation"]
    assert len(doc["blind_spots"]) == 4  # not a ranking: whole


def test_limit_in_every_format(mini):
    rows = _sheet(run("actions", "--data", mini, "-f", "csv", "--limit", 1).stdout)
    assert [r[0] for r in rows[1:]] == ["actions"] and rows[1][2] == "A2"
    table = run("actions", "--data", mini, "--lang", "en", "--limit", 1).stdout
    assert "A2" in table and "A3" not in table


def test_limit_where_nothing_is_a_ranking_says_so(mini):
    result = run("goals", "--data", mini, "--limit", 1, "-f", "json")
    assert len(json.loads(result.stdout)["goals"]) == 3
    assert "nothing here is a ranking" in result.stderr


def test_limit_must_be_at_least_one(mini):
    assert run("gaps", "--data", mini, "--limit", 0).exit_code == 2


def test_validate_with_an_output_option_prints_its_findings_as_a_table(mini, tmp_path):
    target = tmp_path / "findings.txt"
    result = run("validate", "--data", mini, "--lang", "en", "-o", target)
    assert result.exit_code == 0 and "valid" not in result.stdout
    assert "Findings" in target.read_text(encoding="utf-8")
