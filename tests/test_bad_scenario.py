"""Bad scenario files are refused with file:line:col findings and exit 1, never a traceback.

Each folder of `tests/bad/scenario/` holds a `scenario.yaml` (or none, for a missing file)
and `expected.txt`, the exact stderr of `scorecard gaps --data . --scenario scenario.yaml` run
in a copy of `tests/data/scenario`. `SCORECARD_REGEN=1 pytest tests/test_bad_scenario.py`
rewrites the expected files; read the diff before committing it.
"""

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from badcases import BAD, EXPECTED, cases
from scorecard.cli.app import app

DATA = Path(__file__).parent / "data" / "scenario"
SCENARIO = "scenario.yaml"


def supposing(case: Path, folder: Path, *command: str):
    """`scorecard COMMAND --data . --scenario scenario.yaml` in a copy of the data with the case's file."""
    shutil.copytree(DATA, folder)
    if (case / SCENARIO).exists():
        shutil.copyfile(case / SCENARIO, folder / SCENARIO)
    old = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(app, [*command, "--data", ".", "--scenario", SCENARIO])
    finally:
        os.chdir(old)


@pytest.mark.parametrize("case", cases("scenario"), ids=lambda p: p.name)
def test_bad_scenario(case, tmp_path):
    folder = tmp_path / "data"
    before = {p.name: p.read_bytes() for p in DATA.iterdir()}
    result = supposing(case, folder, "gaps")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    expected = case / EXPECTED
    if os.environ.get("SCORECARD_REGEN"):
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected.read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    errors = [line for line in lines if ": error[" in line]
    assert all(line.startswith(f"{SCENARIO}:") for line in lines[:-1] if "[" in line)
    if errors:
        assert result.exit_code == 1 and result.stdout == ""
        assert lines[-1] == f"scorecard: {len(errors)} error(s) in the scenario {SCENARIO}; nothing was scored"
    else:
        assert result.exit_code == 0 and result.stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name != SCENARIO} == before


@pytest.mark.parametrize("command", [["actions"], ["goals"], ["show", "fortune500"], ["diff"]])
def test_every_command_refuses_a_bad_scenario_alike(command, tmp_path):
    case = BAD / "scenario" / "unknown-indicator"
    result = supposing(case, tmp_path / "data", *command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (case / EXPECTED).read_text(encoding="utf-8")
