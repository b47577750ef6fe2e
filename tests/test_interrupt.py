"""Ctrl-C, wherever it lands, ends `scorecard` with one line on stderr and exit 130,
and an update it interrupts leaves the file as it was and nothing beside it.

Each test starts the command in a process of its own and has it press Ctrl-C on
itself (SIGINT) at one chosen moment, so the moment is exact, not a race.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix",
                                reason="needs POSIX signals")

# Ctrl-C while `import typer` runs, before main() has started.
WHILE_LOADING = """
import builtins, os, signal, sys
real = builtins.__import__
def press(name, *args, **kwargs):
    if name == "typer":
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = press
sys.argv = ["scorecard", *sys.argv[1:]]
from scorecard.cli.app import main
main()
"""

# Ctrl-C when `where` (module, function) is called, inside a command.
AT = """
import importlib, os, signal, sys
module, name = sys.argv[1:3]
target = importlib.import_module(module)
real = getattr(target, name)
def press(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return real(*args, **kwargs)
setattr(target, name, press)
sys.argv = ["scorecard", *sys.argv[3:]]
from scorecard.cli.app import main
main()
"""


def scorecard(code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_ctrl_c_while_the_program_loads():
    result = scorecard(WHILE_LOADING, "gaps", "--data", DATA / "mini")
    assert (result.returncode, result.stderr, result.stdout) == (130, "scorecard: interrupted\n", "")


@pytest.mark.parametrize("module, function", [
    ("scorecard.load.dataset", "load"),  # reading the data
    ("scorecard.score.card", "build"),  # scoring
    ("scorecard.render.table", "render"),  # laying out the table
])
def test_ctrl_c_during_a_command(module, function):
    result = scorecard(AT, module, function, "gaps", "--data", DATA / "mini")
    assert (result.returncode, result.stderr, result.stdout) == (130, "scorecard: interrupted\n", "")


def test_ctrl_c_just_before_set_renames_its_file_leaves_the_old_file_and_nothing_beside_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "commented", data)
    original = (data / "indicators.yaml").read_bytes()
    result = scorecard(AT, "os", "replace", "set", "basic-research-share", "8.5", "--year", "2020",
                       "--data", data)
    assert (result.returncode, result.stderr) == (130, "scorecard: interrupted\n")
    assert (data / "indicators.yaml").read_bytes() == original
    assert sorted(p.name for p in data.iterdir()) == ["actions.yaml", "indicators.yaml"]
