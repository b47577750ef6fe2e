"""How much `scorecard set` reads and parses: the file once when nothing is cached,
then only the lines of the entries it touches, before and after the edit; the
same result whichever way the edit is checked.

The work is counted in characters handed to the YAML parser, not in seconds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.edit import regions
from scorecard.load.dataset import Location, load

DATA = Path(__file__).parent / "data"
COPIES = 200


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def large(tmp_path):
    """The commented fixture with its first indicator repeated 200 times (other ids)."""
    target = tmp_path / "large"
    shutil.copytree(DATA / "commented", target)
    path = target / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: basic-research-share")
    end = text.index("  # Written one key a line")
    block = text[first:end]
    copies = "".join(block.replace("id: basic-research-share", f"id: copy-{k}", 1) for k in range(COPIES))
    path.write_text(text[:end] + copies + text[end:], encoding="utf-8")
    return target


def test_set_parses_the_file_once_then_only_the_entry_it_touches(large, parsed):
    size = len((large / "indicators.yaml").read_text(encoding="utf-8"))
    actions = len((large / "actions.yaml").read_text(encoding="utf-8"))
    result = run("set", "copy-150", "8.5", "--year", "2020", "--data", large)
    assert result.exit_code == 0, result.stderr
    whole, rest = parsed[:2], parsed[2:]
    assert sorted(map(len, whole)) == sorted([size, actions])  # the one full parse
    assert len(rest) == 2 and sum(map(len, rest)) < size / 50  # the entry, before and after
    parsed.clear()
    result = run("set", "copy-7", "9", "--year", "2021", "--source", "003 二(一)", "--data", large)
    assert result.exit_code == 0, result.stderr
    assert len(parsed) == 2 and sum(map(len, parsed)) < size / 50  # cached: no full parse at all
    values = {i.id: [o.value for o in i.observations] for i in load(Location(large, "option")).indicators.values()}
    assert values["copy-150"] == [6, 8.5] and values["copy-7"] == [6, 8, 9] and values["copy-8"] == [6, 8]


def test_adding_a_peer_rereads_the_peers_and_the_entry_alone(large, parsed):
    run("validate", "--data", large)
    parsed.clear()
    result = run("set", "copy-3", "20", "--year", "2020", "--peer", "Seoul", "--new-peer",
                 "--source", "003 二(一)", "--data", large)
    assert result.exit_code == 0, result.stderr
    assert len(parsed) == 4  # peers and the entry, before and after
    assert "  - id: seoul\n    name: {zh: Seoul, en: Seoul}\n" in \
        (large / "indicators.yaml").read_text(encoding="utf-8")
    assert run("validate", "--data", large).exit_code == 0


def test_a_change_that_breaks_the_entry_is_refused_from_the_entry_alone(large, parsed):
    path = large / "indicators.yaml"
    original = path.read_bytes()
    result = run("set", "copy-120", "150", "--year", "2020", "--data", large)
    assert result.exit_code == 1
    assert "error[value-impossible]: a share must lie between 0 and 100, found 150" in result.stderr
    line = int(re.search(r"indicators\.yaml:(\d+):\d+: error\[value-impossible\]", result.stderr)[1])
    assert "{year: 2020, value: 8, source:" in original.decode("utf-8").splitlines()[line - 1]
    above = [x for x in original.decode("utf-8").splitlines()[:line] if x.startswith("  - id: ")]
    assert above[-1] == "  - id: copy-120"
    assert path.read_bytes() == original


def test_a_dash_on_a_line_of_its_own_is_edited_through_a_full_parse(tmp_path, parsed):
    data = tmp_path / "data"
    shutil.copytree(DATA / "commented", data)
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: basic-research-share\n", "  -\n    id: basic-research-share\n"),
                    encoding="utf-8")
    result = run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert "{year: 2020, value: 8.5, source: '003 二(一)'}" in path.read_text(encoding="utf-8")
    size = len(path.read_text(encoding="utf-8"))
    assert [len(t) for t in parsed].count(size) == 1  # the new text, checked in full


# Checked on the entries alone or on the whole file: the same file, the same data. ---------

_FIGURES = st.tuples(
    st.sampled_from(["basic-research-share", "fortune500", "unmeasured", "empty-series"]),
    st.integers(2010, 2030),
    st.integers(0, 100),
    st.sampled_from([None, "003 二(一)", "000", "003"]),
    st.sampled_from([None, "Tokyo", "beijing"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figures=st.lists(_FIGURES, min_size=1, max_size=4))
def test_the_entries_alone_and_the_whole_file_agree(tmp_path, monkeypatch, figures):
    folders = []
    for way in ("entries", "whole"):
        folder = tmp_path / f"{way}-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(DATA / "commented", folder)
        folders.append(folder)
    outcomes = []
    for folder, cut in zip(folders, (False, True)):
        with monkeypatch.context() as patch:
            if cut:
                patch.setattr(regions, "entry", _never)
            codes = []
            for ind, year, value, source, peer in figures:
                args = ["set", ind, value, "--year", year, "--data", folder]
                args += ["--source", source] if source else []
                args += ["--peer", peer] if peer else []
                result = run(*args)
                codes.append((result.exit_code, result.stderr.replace(str(folder), "")))
            outcomes.append(codes)
    assert outcomes[0] == outcomes[1]
    assert (folders[0] / "indicators.yaml").read_bytes() == (folders[1] / "indicators.yaml").read_bytes()


def _never(*args):
    raise regions.Unusual("for the test")


def test_the_report_scores_only_the_shortfalls_it_shows_and_shows_what_a_full_comparison_does(data):
    from scorecard.cli.update import report_scope
    from scorecard.edit import update
    from scorecard.score.compare import compare

    done = update.apply(Location(data, "option"), update.Request.parse("basic-research-share", "9.5", 2020))
    before, after = report_scope(done)
    assert set(after.indicators) == {"basic-research-share", "fortune500", "empty-series"}  # innovation
    assert not after.actions
    ind = done.after.indicators["basic-research-share"]
    only = {("indicator", ind.id), *(("shortfall", s) for s in ind.shortfalls)}
    assert compare(before, after, None, only, everything=True, ranked=False) == \
        compare(done.before, done.after, None, only, everything=True, ranked=False)
