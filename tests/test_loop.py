"""The analyst's yearly loop in three commands and no hand edit: `init` a copy and commit it,
`import` the forty figures of a new statistical yearbook, `diff`. Every indicator, shortfall,
action and horizon that moved is listed, checked against the listings before and after.

The copy is made from a frozen copy of the data (`tests/data/bundled-0.2`), so the test does
not move when the bundled data is revised; `tests/data/yearbook.csv` is a fixture of
invented figures from an invented publication.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=Analyst", "-c", "user.email=a@example.org",
                    *args], check=True, capture_output=True)


@pytest.fixture
def frozen(monkeypatch):
    from scorecard.load import dataset

    monkeypatch.setattr(dataset, "bundled_directory", lambda: DATA / "bundled-0.2")


def states(folder) -> dict:
    """What each item shows at each horizon, read from the listings' JSON: the moves `diff`
    must see."""
    out = {}
    for h in ("near", "mid", "long"):
        gaps = json.loads(run("gaps", "--data", folder, "-f", "json", "-H", h).stdout)
        for r in gaps["indicators"]:
            out[("indicator", r["id"], h)] = (r["score"], r["status"], r["trend"], r["target"], r["peer"],
                                              r["peer_value"])
        scored = [r for r in gaps["shortfalls"] if r["score"] is not None]
        for r in gaps["shortfalls"]:
            rank = scored.index(r) + 1 if r in scored else None
            out[("shortfall", r["id"], h)] = (r["score"], r["status"], rank)
        for r in json.loads(run("actions", "--data", folder, "-f", "json", "-H", h).stdout)["actions"]:
            out[("action", r["id"], h)] = (r["score"], r["status"], r["priority"], r["rank"])
    for r in json.loads(run("goals", "--data", folder, "-f", "json").stdout)["goals"]:
        out[("horizon", r["id"], r["id"])] = (r["score"], r["status"])
    return out


def same(x, y) -> bool:
    return all(abs(a - b) < 1e-6 if isinstance(a, float) and isinstance(b, float) else a == b
               for a, b in zip(x, y))


def test_init_commit_import_diff_lists_every_move(tmp_path, monkeypatch, frozen):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCORECARD_DATA", raising=False)
    run("init", "mine")
    mine = tmp_path / "mine"
    git(mine, "init", "-q")
    git(mine, "add", ".")
    git(mine, "commit", "-q", "-m", "start")
    published = tmp_path / "published"
    shutil.copytree(mine, published)
    shutil.copy(DATA / "yearbook.csv", mine / "yearbook.csv")
    monkeypatch.chdir(mine)

    imported = run("import", "yearbook.csv", "-f", "json")
    assert "40 figure(s) into" in imported.stderr and "40 added" in imported.stderr
    diff = json.loads(run("diff", "-f", "json").stdout)

    listed = {(c["kind"], c["id"], c["horizon"]) for c in diff["changes"]}
    before, after = states(published), states(mine)
    moved = {key for key in after if not same(before[key], after[key])}
    assert listed == moved
    assert {kind for kind, _, _ in listed} == {"indicator", "shortfall", "action", "horizon"}
    ranked = [c for c in diff["changes"] if c["kind"] == "action" and c["rank_before"] != c["rank_after"]]
    assert ranked and all(c["priority_before"] is not None for c in ranked)
    # The import's own report is diff's.
    assert {(c["kind"], c["id"], c["horizon"]) for c in json.loads(imported.stdout)["changes"]} == listed
    # A newer publication's figure for a year already there is scored, the older kept, and diff says so.
    unicorns = next(c for c in diff["changes"] if (c["kind"], c["id"], c["horizon"]) == ("indicator", "unicorns", "near"))
    assert "beijing 2021 scored 88 (yearbook-2025 表37) over 81 (003 二(二))" in unicorns["why"][0]
    changed = subprocess.run(["git", "-C", str(mine), "diff", "--numstat"], capture_output=True, text=True).stdout
    assert changed.split() == ["43", "0", "indicators.yaml"]  # 40 figures and a source of 3 lines; nothing removed
