"""`scorecard set` reads as `validate` does: the same checks before a byte is read,
the same parser, the same limits (which a user can raise).

A path in the data folder may lead to a device, a FIFO or a huge sparse file;
set refuses each at once, like validate, and leaves nothing behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load import limits

REPO = Path(__file__).parent.parent
SET = ["set", "basic-research-share", "8.5", "--year", "2020"]


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def scorecard(*args, timeout=60):
    """The command in a process of its own: a hang fails on the timeout instead of
    stopping the suite."""
    return subprocess.run([sys.executable, "-m", "scorecard", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


def _hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_at_once_and_no_lock_is_made_beside_the_device(data):
    (data / "indicators.yaml").unlink()
    (data / "indicators.yaml").symlink_to("/dev/zero")
    before = set(os.listdir("/dev"))
    result = scorecard(*SET, "--data", data)
    assert result.returncode == 1
    assert "indicators.yaml: error[file-unreadable]: this is not a regular file" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert set(os.listdir("/dev")) == before  # no /dev/.zero.lock
    assert _hidden_files(data) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_waited_on_and_holds_no_lock(data):
    (data / "indicators.yaml").unlink()
    os.mkfifo(data / "indicators.yaml")
    result = scorecard(*SET, "--data", data)
    assert result.returncode == 1
    assert "this is not a regular file" in result.stderr
    assert _hidden_files(data) == []


def test_a_huge_sparse_file_is_refused_before_it_is_read(data, monkeypatch):
    path = data / "indicators.yaml"
    with path.open("r+b") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse
    real_read = os.read
    read = []

    def counting(fd, n):
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting)
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert "error[file-too-large]: 3,221,225,472 bytes; the limit is 1,048,576" in result.stderr
    assert "SCORECARD_MAX_BYTES" in result.stderr
    assert sum(read) == 0  # not a byte of it
    assert _hidden_files(data) == []


def test_a_folder_in_place_of_the_file_is_refused(data):
    (data / "indicators.yaml").unlink()
    (data / "indicators.yaml").mkdir()
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert "this is a folder, not a file" in result.stderr


# One parser: what validate accepts, set can edit. ---------------------------------------

@pytest.mark.parametrize("old, new", [
    # libyaml reads a '?' inside a flow mapping's plain value as text; PyYAML's
    # pure-Python parser did not, so set used to fail with "internal error: ParserError".
    ("unit: {zh: \"%\", en: \"%\"}", "unit: {zh: 家, en: compan? ies}"),
    # A byte-order mark alone on a blank line: libyaml skips it.
    ("    observations:\n", "\ufeff\n    observations:\n"),
    # …and one at the very start, after the BOM that marks the encoding.
    ("# Kept by hand", "\ufeff# Kept by hand"),
], ids=["question-mark-in-flow", "lone-bom-on-a-blank-line", "doubled-bom"])
def test_what_validate_accepts_set_edits_at_the_right_place(data, old, new):
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_bytes(b"\xef\xbb\xbf" + text.replace(old, new, 1).encode("utf-8"))
    assert run("validate", "--data", data).exit_code == 0
    before = path.read_bytes()
    result = run(*SET, "--data", data)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after == before.replace(b"value: 8, source: '003", b"value: 8.5, source: '003")
    assert run("validate", "--data", data).exit_code == 0


# Limits a user can raise. --------------------------------------------------------------

def test_a_larger_file_passes_once_the_limit_is_raised(data):
    path = data / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * limits.DEFAULT_BYTES + "\n",
                    encoding="utf-8")
    refused = run(*SET, "--data", data)
    assert refused.exit_code == 1 and "error[file-too-large]" in refused.stderr
    assert run("validate", "--data", data).exit_code == 1
    raised = {"SCORECARD_MAX_BYTES": str(2 * limits.DEFAULT_BYTES)}
    assert run("validate", "--data", data, env=raised).exit_code == 0
    result = run(*SET, "--data", data, env=raised)
    assert result.exit_code == 0, result.stderr
    assert "value: 8.5" in path.read_text(encoding="utf-8")


def test_the_value_limit_can_be_lowered_and_raised(data):
    low = run("validate", "--data", data, env={"SCORECARD_MAX_VALUES": "50"})
    assert low.exit_code == 1
    assert "error[file-too-large]: more than 50 values" in low.stderr
    assert "SCORECARD_MAX_VALUES" in low.stderr
    assert run("validate", "--data", data, env={"SCORECARD_MAX_VALUES": "1_000_000"}).exit_code == 0


def test_a_limit_that_is_not_a_number_is_a_usage_error_naming_the_variable(data):
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCORECARD_MAX_BYTES": "1MB"}
    result = subprocess.run([sys.executable, "-m", "scorecard", "validate", "--data", str(data)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2
    assert result.stderr == ("scorecard: SCORECARD_MAX_BYTES='1MB' is not a whole number above 0; "
                             "set it to a number such as 16777216, or unset it for 1,048,576\n")
