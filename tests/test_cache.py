"""The cache of validated data: used when the bytes are the same, ignored when it cannot
be trusted, never beside the data, and never a reason for a command to fail.

Each test points SCORECARD_CACHE_DIR at a folder of its own, and counts the text
handed to the YAML parser to tell a cached run from a parsed one.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load import cache



@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(folder))
    return folder


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def test_the_second_run_on_the_same_bytes_parses_nothing_and_says_the_same(data, store, parsed):
    first = run("validate", "--data", data)
    assert len(parsed) == 2  # both files, once
    second = run("validate", "--data", data)
    assert len(parsed) == 2
    assert (second.exit_code, second.stderr) == (first.exit_code, first.stderr)
    assert "warning[source-conflict]" in second.stderr
    gaps = run("gaps", "--data", data, "-f", "json")
    assert len(parsed) == 2 and gaps.exit_code == 0


def test_the_cache_is_kept_in_its_own_folder_never_beside_the_data(data, store):
    listing = sorted(os.listdir(data))
    run("validate", "--data", data)
    assert sorted(os.listdir(data)) == listing
    assert len(list(store.iterdir())) == 1
    assert store.stat().st_mode & 0o077 == 0  # private: it holds pickles


def test_without_a_variable_the_cache_is_in_the_users_cache_folder(data, tmp_path, monkeypatch):
    monkeypatch.delenv("SCORECARD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    run("validate", "--data", data)
    assert len(list((tmp_path / "xdg" / "scorecard").iterdir())) == 1
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    run("validate", "--data", data)
    assert len(list((tmp_path / "home" / ".cache" / "scorecard").iterdir())) == 1


def test_caching_can_be_turned_off(data, tmp_path, monkeypatch, parsed):
    monkeypatch.setenv("SCORECARD_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    run("validate", "--data", data)
    run("validate", "--data", data)
    assert len(parsed) == 4 and not (tmp_path / "home").exists()


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "another format"])
def test_a_damaged_entry_is_ignored_without_a_word(data, store, parsed, damage):
    first = run("gaps", "--data", data, "-f", "json")
    (entry,) = store.iterdir()
    raw = entry.read_bytes()
    entry.write_bytes({"garbage": b"\x80\x04not a pickle", "empty": b"", "truncated": raw[: len(raw) // 2],
                       "another format": pickle.dumps({"format": -1})}[damage])
    again = run("gaps", "--data", data, "-f", "json")
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert len(parsed) == 4  # parsed again


def test_a_cache_folder_others_may_write_is_not_used(data, store, parsed):
    store.mkdir(mode=0o777)
    store.chmod(0o777)  # anyone could plant a pickle here
    run("validate", "--data", data)
    run("validate", "--data", data)
    assert list(store.iterdir()) == [] and len(parsed) == 4


def test_a_cache_path_that_is_a_file_is_ignored(data, store):
    store.write_text("not a folder", encoding="utf-8")
    result = run("validate", "--data", data)
    assert result.exit_code == 0 and store.read_text(encoding="utf-8") == "not a folder"


def test_other_code_never_reads_an_entry(data, store, parsed, monkeypatch):
    run("validate", "--data", data)
    monkeypatch.setattr(cache, "_SOURCE", ["another version of the package"])
    run("validate", "--data", data)
    assert len(parsed) == 4


def test_the_same_bytes_in_another_folder_name_their_own_files(data, store, tmp_path):
    run("validate", "--data", data)
    other = tmp_path / "other"
    shutil.copytree(data, other)
    result = run("validate", "--data", other)
    assert f"{other / 'indicators.yaml'}:" in result.stderr and str(data) not in result.stderr


def test_an_entry_holds_the_model_its_warnings_and_marks_only(data, store):
    run("validate", "--data", data)
    (entry,) = store.iterdir()
    assert set(pickle.loads(entry.read_bytes())) == {"format", "model", "warnings", "skeleton"}
    run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data)
    change = max(store.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    assert set(pickle.loads(change.read_bytes())) == {"format", "base", "depth", "warnings", "change",
                                                      "skeleton"}


UPDATES = [
    ["basic-research-share", "8.5", "--year", "2020"],
    ["basic-research-share", "9", "--year", "2021", "--source", "003 二(一)"],
    ["fortune500", "73", "--year", "2021", "--peer", "New York", "--new-peer", "--source", "003 二(二)"],
    ["unmeasured", "3", "--year", "2023", "--source", "000 二(一)"],
    ["fortune500", "12", "--year", "2022", "--source", "003 二(二)"],
    ["empty-series", "1.5", "--year", "2023", "--source", "000 二(一)"],
]


def test_after_updates_the_cached_data_is_the_data_the_file_holds(data, store, parsed):
    for update in UPDATES:
        result = run("set", *update, "--data", data)
        assert result.exit_code == 0, result.stderr
    cached = run("export", "--data", data)
    checked = run("validate", "--data", data)
    count = len(parsed)
    fresh = run("export", "--data", data, env={"SCORECARD_CACHE_DIR": "off"})
    assert len(parsed) == count + 2  # this one was parsed
    assert json.loads(cached.stdout) == json.loads(fresh.stdout)
    assert checked.stderr == run("validate", "--data", data, env={"SCORECARD_CACHE_DIR": "off"}).stderr


def test_when_the_entry_an_update_was_made_from_is_gone_the_data_is_validated_again(data, store):
    run("validate", "--data", data)
    (base,) = store.iterdir()
    run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data)
    base.unlink()
    result = run("export", "--data", data)
    assert result.exit_code == 0
    series = next(i for i in json.loads(result.stdout)["indicators"] if i["id"] == "basic-research-share")
    assert [o["value"] for o in series["observations"]] == [6, 8.5]
