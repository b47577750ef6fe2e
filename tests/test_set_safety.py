"""`scorecard set` replaces a file only as the user could: never a read-only file, never
one whose owner or hard links it would change, never through a planted lock link,
never over a save another program made after set read the file. Each refusal
leaves the file byte for byte as it was and says why.

Write permission is read from the mode bits, so these tests behave the same for
root (who runs CI) as for anyone else.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

REPO = Path(__file__).parent.parent
SET = ["set", "basic-research-share", "8.5", "--year", "2020"]
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# Where the user could not write. ---------------------------------------------------------

def test_a_read_only_file_is_not_replaced(data):
    path = data / "indicators.yaml"
    original = path.read_bytes()
    path.chmod(0o444)
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert "the file is read-only for you (mode -r--r--r--" in result.stderr
    assert "nothing was written" in result.stderr and "chmod u+w" in result.stderr
    assert path.read_bytes() == original and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert hidden_files(data) == []


def test_a_file_in_a_read_only_folder_is_not_replaced(data):
    path = data / "indicators.yaml"
    original = path.read_bytes()
    data.chmod(0o555)
    try:
        result = run(*SET, "--data", data)
    finally:
        data.chmod(0o755)
    assert result.exit_code == 1
    assert f"its folder {data} is read-only for you" in result.stderr
    assert path.read_bytes() == original


@pytest.mark.skipif(not ROOT, reason="needs root to hand a file to another user")
def test_a_file_of_another_user_keeps_its_owner_and_group(data):
    path = data / "indicators.yaml"
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o666)  # writable by anyone: the update is allowed
    result = run(*SET, "--data", data)
    assert result.exit_code == 0, result.stderr
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, NOBODY, 0o666)
    assert "value: 8.5" in path.read_text(encoding="utf-8")


@pytest.mark.skipif(not ROOT, reason="needs root to hand a file to another user")
def test_when_the_owner_cannot_be_kept_nothing_is_written(data, monkeypatch):
    path = data / "indicators.yaml"
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o666)
    original = path.read_bytes()

    def not_allowed(*args):  # what a user who is not root meets
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", not_allowed)
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert "would belong to you instead, so nothing was written" in result.stderr
    assert path.read_bytes() == original and path.stat().st_uid == NOBODY
    assert hidden_files(data) == []


def test_a_hard_linked_file_is_not_split(data, tmp_path):
    path = data / "indicators.yaml"
    other = tmp_path / "published.yaml"
    os.link(path, other)
    original = path.read_bytes()
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert "has 2 hard links; replacing it would leave the other names with the old text" in result.stderr
    assert path.read_bytes() == original and os.path.samefile(path, other)


def test_the_lock_is_never_created_through_a_symbolic_link(data, tmp_path):
    planted = tmp_path / "elsewhere" / "planted"
    planted.parent.mkdir()
    lock = data / ".indicators.yaml.lock"
    lock.symlink_to(planted)
    original = (data / "indicators.yaml").read_bytes()
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert f"the lock file {lock} is a symbolic link" in result.stderr
    assert not planted.exists()
    assert (data / "indicators.yaml").read_bytes() == original


# Another program's save is never overwritten. -------------------------------------------

def _save_once(monkeypatch, save):
    """Let another program save the file at the last moment before set renames its own:
    after set has read, edited, validated and written its temporary file."""
    real_fsync = os.fsync
    saved = []

    def fsync(fd):
        real_fsync(fd)
        if not saved:
            saved.append(True)
            save()

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("how", ["in place", "by rename", "same size and time"])
def test_a_save_made_while_set_works_is_kept_and_set_writes_nothing(data, monkeypatch, how):
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    mine = text.replace("# Kept by hand", "# Kept by HAND")  # an editor's save, same length

    def save():
        if how == "in place":
            path.write_text(mine, encoding="utf-8")
        elif how == "by rename":
            (data / "editor.swp").write_text(mine, encoding="utf-8")
            os.replace(data / "editor.swp", path)
        else:
            before = path.stat()
            with path.open("r+", encoding="utf-8") as handle:
                handle.write(mine)
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    _save_once(monkeypatch, save)
    result = run(*SET, "--data", data)
    assert result.exit_code == 1
    assert "the file changed while updating; nothing written" in result.stderr
    assert path.read_text(encoding="utf-8") == mine
    assert hidden_files(data) == []


# What an interrupted update leaves behind. -----------------------------------------------

def test_a_temporary_file_left_by_an_interrupted_update_is_removed_by_the_next(data):
    stale = data / ".indicators.yaml.k3x9_q2m.tmp"
    stale.write_text("half of an update", encoding="utf-8")
    unrelated = data / ".indicators.yaml.notes.txt"
    unrelated.write_text("mine", encoding="utf-8")
    result = run(*SET, "--data", data)
    assert result.exit_code == 0, result.stderr
    assert "removed .indicators.yaml.k3x9_q2m.tmp, left behind by an update that was interrupted" \
        in result.stderr
    assert hidden_files(data) == [".indicators.yaml.notes.txt"]


_KILLED_AT_RENAME = """
import os, signal, sys
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["scorecard", *sys.argv[1:]]
from scorecard.cli.app import main
main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_between_the_temporary_file_and_the_rename_loses_nothing(data):
    path = data / "indicators.yaml"
    original = path.read_bytes()
    # No cache: its own atomic write would take the kill before the data file's rename.
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCORECARD_CACHE_DIR": "off"}
    killed = subprocess.run([sys.executable, "-c", _KILLED_AT_RENAME, *SET, "--data", str(data)],
                            capture_output=True, env=env, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert path.read_bytes() == original
    assert [n for n in hidden_files(data) if n.endswith(".tmp")]  # what the kill left
    result = run(*SET, "--data", data)
    assert result.exit_code == 0, result.stderr
    assert "left behind by an update that was interrupted" in result.stderr
    assert hidden_files(data) == []
    assert "value: 8.5" in path.read_text(encoding="utf-8")
