"""Model hazards: wrong types, missing and unknown fields, ids, references, series,
targets, impossible values, missing files and folders. Each is a finding with a
position, all of them are reported in one run, and only warnings exit 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from badcases import BAD, MINI, assemble, cases, check, validate
from typer.testing import CliRunner

from scorecard import findings as F
from scorecard.cli.app import app

REPO = Path(__file__).parent.parent
runner = CliRunner()


@pytest.mark.parametrize("case", cases("model"), ids=lambda p: p.name)
def test_each_bad_model_gets_exactly_its_expected_findings(case, tmp_path):
    check(case, tmp_path)


@pytest.mark.parametrize("case", [c for c in cases("model") + cases("yaml")
                                  if ": error[" in (c / "expected.txt").read_text(encoding="utf-8")],
                         ids=lambda p: p.name)
def test_every_command_refuses_invalid_data_with_the_same_findings(case, tmp_path):
    folder = assemble(case, tmp_path)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    result = runner.invoke(app, ["gaps", "--data", str(folder)])
    assert result.exit_code == 1 and result.stdout == ""
    shown = [line.removeprefix(f"{folder}/") for line in result.stderr.splitlines()]
    assert shown == expected + ["scorecard: "
                                f"{sum(': error[' in line for line in expected)} error(s) in the data; "
                                "nothing was scored"]


def test_warnings_alone_do_not_fail_validation_or_scoring(tmp_path):
    folder = assemble(BAD / "model" / "target-equals-floor", tmp_path)
    assert validate(folder).exit_code == 0
    result = runner.invoke(app, ["gaps", "--data", str(folder), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["indicators"]


def test_validate_json_lists_every_finding_sorted_with_stable_keys(tmp_path):
    result = validate(assemble(BAD / "model" / "unknown-references", tmp_path), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert set(doc) == {"valid", "errors", "warnings", "files", "findings"}
    assert (doc["valid"], doc["errors"], doc["warnings"]) == (False, 7, 11)  # 9 figures without a quote
    keys = {"code", "severity", "file", "line", "column", "path", "message", "hint"}
    assert all(set(f) == keys for f in doc["findings"])
    order = [(f["file"], f["line"], f["column"]) for f in doc["findings"]]
    assert order == sorted(order)
    assert doc["findings"][0] == {
        "code": "ref-unknown", "severity": "error", "file": "actions.yaml", "line": 30, "column": 16,
        "path": "actions[0].programme", "message": "unknown programme 'enable'",
        "hint": "known programmes: empower",
    }


def test_a_data_folder_that_does_not_exist_is_a_usage_error(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    for command in ("validate", "gaps"):
        result = runner.invoke(app, [command, "--data", str(missing)])
        assert result.exit_code == 2
        assert result.stderr == (f"scorecard: --data {missing}: the data folder does not exist; name the "
                                 "folder that holds indicators.yaml and actions.yaml\n")
    monkeypatch.setenv("SCORECARD_DATA", str(missing))
    result = runner.invoke(app, ["gaps"])
    assert result.exit_code == 2 and result.stderr.startswith(f"scorecard: SCORECARD_DATA {missing}: ")


def test_loading_a_folder_that_does_not_exist_is_one_finding(tmp_path):
    from scorecard.load.dataset import Location, load

    missing = tmp_path / "nowhere"
    with pytest.raises(F.DataError) as raised:
        load(Location(missing, "option"))
    assert [f.as_text() for f in raised.value.findings] == [
        f"{missing}: error[data-folder]: the data folder does not exist; check the path given to "
        "--data: it is the folder that holds indicators.yaml and actions.yaml"]


def test_a_file_given_as_the_data_folder_is_a_usage_error():
    result = runner.invoke(app, ["validate", "--data", str(MINI / "actions.yaml")])
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_an_unreadable_file_is_a_finding(tmp_path, monkeypatch):
    folder = assemble(BAD / "model" / "target-equals-floor", tmp_path)
    real_open = os.open  # a mode of 000 would not stop root, who runs CI

    def refuse(path, *args, **kwargs):
        if Path(path).name == "actions.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = validate(folder)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "actions.yaml: error[file-unreadable]: Permission denied; check the path and its permissions\n")


def test_every_code_in_the_catalogue_is_exercised_by_a_bad_file():
    seen = set()
    for case in cases("yaml") + cases("model") + cases("scenario"):
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            if "[" in line and "]: " in line:
                seen.add(line.split("[", 1)[1].split("]", 1)[0])
    made_at_test_time = {"file-too-large", "data-folder"}  # a 10 GB file; a folder that is not there
    assert seen | made_at_test_time == set(F.CATALOGUE)


def test_docs_findings_md_is_generated_from_the_catalogue():
    committed = (REPO / "docs" / "findings.md").read_text(encoding="utf-8")
    assert committed == F.catalogue_markdown(), (
        "docs/findings.md is stale: run `python -m scorecard.findings docs/findings.md`")
    for kind in F.CATALOGUE.values():
        assert f"| `{kind.code}` | {kind.severity} |" in committed


def test_the_catalogue_script_prints_the_same_markdown():
    out = subprocess.run([sys.executable, "-m", "scorecard.findings"], capture_output=True,
                         check=True, cwd=REPO).stdout.decode("utf-8")
    assert out == F.catalogue_markdown()


def test_many_unknown_references_get_short_hints_and_a_bounded_number_of_suggestions(tmp_path):
    folder = assemble(BAD / "model" / "target-equals-floor", tmp_path)
    act = (folder / "actions.yaml").read_text(encoding="utf-8")
    act = act.replace("indicators: [fortune500]", "indicators: [" + ", ".join(
        f"fortune50{i}" for i in range(1, 151)) + "]")
    (folder / "actions.yaml").write_text(act, encoding="utf-8")
    lines = [line for line in validate(folder).stderr.splitlines() if "unknown indicator" in line]
    assert len(lines) == 150
    suggested = [line for line in lines if "did you mean 'fortune500'" in line]
    assert len(suggested) == 100  # each suggestion compares with every known id
    listed = next(line for line in lines if "did you mean" not in line)
    assert listed.endswith("known indicators: basic-research-share, fortune500, offshore-settlement, "
                           "unmeasured")


def test_a_long_list_of_known_ids_is_cut_short():
    assert F.listing([f"x{i:03}" for i in range(25)]) == (
        "x000, x001, x002, x003, x004, x005, x006, x007, x008, x009, … (25 in all)")
    assert F.listing([]) == "none" and F.listing(["b" * 50, "a"]) == "a, " + "b" * 39 + "…"


def test_a_data_folder_below_a_file_does_not_exist(tmp_path):
    below = tmp_path / "notes.txt" / "data"
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(below)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"scorecard: --data {below}: the data folder does not exist;")


def test_a_deleted_current_folder_falls_back_to_the_bundled_data(monkeypatch):
    from scorecard.load import dataset

    def gone():
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(Path, "cwd", staticmethod(gone))
    assert dataset.locate(None).origin == "bundled"
