"""`scorecard set`: the yearly update, as an analyst runs it, on copies of the fixtures.

`commented` is a hand-kept file full of comments, blank lines, odd quoting and
key orders; every edit is checked line by line against it.
"""

import json
import multiprocessing
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import changes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load.dataset import Location, load

DATA = Path(__file__).parent / "data"

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])




def series(directory, ind_id, key="observations"):
    ds = load(Location(directory, "option"))
    return [(p.year, p.value, p.source) for p in getattr(ds.indicators[ind_id], key)]


# Only the lines that must change. ------------------------------------------------

def test_replacing_a_value_changes_that_value_and_nothing_else(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [(
        ["      - {year: 2020, value: 8, source: '003 二(一)'}   # 约为8%\n"],
        ["      - {year: 2020, value: 8.5, source: '003 二(一)'}   # 约为8%\n"],
    )]
    assert "basic-research-share 2020: replaced 8 → 8.5" in result.stderr


def test_adding_a_year_inserts_one_line_in_year_order_like_its_siblings(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "basic-research-share", "7.25", "--year", "2018", "--source", "003 二(一)",
                 "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [
        ([], ['      - {year: 2018, value: 7.25, source: "003 二(一)"}\n'])]
    assert [y for y, _, _ in series(data, "basic-research-share")] == [2015, 2018, 2020]


def test_a_value_is_written_as_typed_when_it_is_a_plain_decimal(data):
    path = data / "indicators.yaml"
    run("set", "basic-research-share", "9.30", "--year", "2022", "--source", "003 二(一)", "--data", data)
    run("set", "empty-series", "1e-7", "--year", "2022", "--source", "003 二(一)", "--data", data)
    text = path.read_text(encoding="utf-8")
    assert "{year: 2022, value: 9.30, " in text  # trailing zero kept: it records precision
    assert "{year: 2022, value: 0.0000001, " in text  # YAML 1.1 reads 1e-7 as text
    assert (2022, 9.3, "003 二(一)") in series(data, "basic-research-share")


def test_a_block_style_entry_changes_only_its_value_line(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "fortune500", "11", "--year", "2021", "--source", "003", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [
        (["        value: 10\n"], ["        value: 11\n"])]
    # A bare source id picks the entry; its full citation stays.
    assert (2021, 11, "003 二(二)") in series(data, "fortune500")


def test_a_full_citation_replaces_the_source_of_the_entry(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    run("set", "basic-research-share", "8", "--year", "2020", "--source", "003 二(一) 表2", "--data", data)
    assert changes(before, path.read_text(encoding="utf-8")) == [(
        ["      - {year: 2020, value: 8, source: '003 二(一)'}   # 约为8%\n"],
        ['      - {year: 2020, value: 8, source: "003 二(一) 表2"}   # 约为8%\n'],
    )]


def test_an_indicator_without_observations_gets_the_key_after_its_shortfalls(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "unmeasured", "3", "--year", "2023", "--source", "000 二(一)", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [([], [
        "    observations:\n",
        '      - {year: 2023, value: 3, source: "000 二(一)"}\n',
    ])]
    assert series(data, "unmeasured") == [(2023, 3, "000 二(一)")]


def test_an_empty_list_becomes_a_block_list_and_keeps_its_comment(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "empty-series", "1.5", "--year", "2023", "--source", "000 二(一)", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [(
        ["    observations: []   # none yet\n"],
        ["    observations:   # none yet\n", '      - {year: 2023, value: 1.5, source: "000 二(一)"}\n'],
    )]


def test_a_source_with_quotes_and_backslashes_reads_back_as_typed(data):
    source = '003 "二(一)" \\ it\'s #1: yes'
    result = run("set", "basic-research-share", "9", "--year", "2021", "--source", source, "--data", data)
    assert result.exit_code == 0, result.stderr
    assert (2021, 9, source) in series(data, "basic-research-share")


def test_a_negative_value_is_typed_as_it_is(data):
    result = run("set", "empty-series", "-0.5", "--year", "2021", "--source", "000 二(一)", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert series(data, "empty-series") == [(2021, -0.5, "000 二(一)")]


def test_the_same_value_again_writes_nothing(data):
    path = data / "indicators.yaml"
    before = path.stat()
    result = run("set", "basic-research-share", "8.0", "--year", "2020", "--data", data)
    assert result.exit_code == 0
    assert "nothing to change" in result.stderr
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino


# Peers. ------------------------------------------------------------------------

def test_a_benchmark_is_replaced_by_peer_and_year(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "fortune500", "38", "--year", "2021", "--peer", "Tokyo", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [(
        ['      - {peer: tokyo, year: 2021, value: 37, source: "000 二(一)"}\n'],
        ['      - {peer: tokyo, year: 2021, value: 38, source: "000 二(一)"}\n'],
    )]


def test_a_new_peer_is_added_to_peers_like_its_siblings_and_said_so(data):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", "fortune500", "73", "--year", "2021", "--peer", "New York", "--new-peer",
                 "--source", "003 二(二)", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert changes(before, path.read_text(encoding="utf-8")) == [
        ([], ["  - id: new-york\n", '    name: {zh: "New York", en: "New York"}\n']),
        ([], ['      - {peer: new-york, year: 2021, value: 73, source: "003 二(二)"}\n']),
    ]
    assert "added peer 'new-york'" in result.stderr
    assert json.loads(run("set", "fortune500", "73", "--year", "2021", "--peer", "new-york",
                          "--data", data, "-f", "json").stdout)["action"] == "unchanged"


# Line endings, BOM, links, modes. -----------------------------------------------

def test_a_bom_and_crlf_line_endings_survive(data):
    path = data / "indicators.yaml"
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    result = run("set", "basic-research-share", "7", "--year", "2018", "--source", "003 二(一)",
                 "--data", data)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n") == original.count(b"\r\n") + 1
    assert changes(original.decode("utf-8"), after.decode("utf-8")) == [
        ([], ['      - {year: 2018, value: 7, source: "003 二(一)"}\r\n'])]


def test_a_symlinked_file_is_updated_through_its_link(data, tmp_path):
    real = tmp_path / "elsewhere.yaml"
    shutil.move(data / "indicators.yaml", real)
    (data / "indicators.yaml").symlink_to(real)
    result = run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert (data / "indicators.yaml").is_symlink()
    assert "value: 8.5" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "elsewhere.yaml"]


def test_the_file_mode_is_kept(data):
    path = data / "indicators.yaml"
    path.chmod(0o640)
    assert run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failure_before_the_rename_leaves_the_file_and_no_temporary_file(data, monkeypatch):
    path = data / "indicators.yaml"
    original = path.read_bytes()
    listing = sorted(os.listdir(data))

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = run("set", "basic-research-share", "8.5", "--year", "2020", "--data", data)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "nothing was written" in result.stderr
    assert path.read_bytes() == original
    assert sorted(os.listdir(data)) == listing  # no temporary file, no lock file


# Concurrent writers. ---------------------------------------------------------------

def _set_year(directory, year, barrier):
    barrier.wait()
    result = CliRunner().invoke(app, ["set", "empty-series", str(year / 1000), "--year", str(year),
                                      "--source", "000 二(一)", "--data", str(directory)])
    os._exit(result.exit_code)


def test_concurrent_sets_from_several_processes_all_land(data):
    years = list(range(2015, 2021))
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(years))
    workers = [ctx.Process(target=_set_year, args=(data, y, barrier)) for y in years]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0] * len(years)
    assert series(data, "empty-series") == [(y, y / 1000, "000 二(一)") for y in years]
    assert not list(data.glob(".*"))  # lock and temporary files are gone


# Refusals leave the file byte-identical. -------------------------------------------

REFUSALS = [
    (["basic-research-shar", "9", "--year", "2020"], 2, "did you mean 'basic-research-share'"),
    (["basic-research-share", "12,5", "--year", "2020"], 2, "use a dot for decimals"),
    (["basic-research-share", "twelve", "--year", "2020"], 2, "'twelve' is not a number"),
    (["basic-research-share", "nan", "--year", "2020"], 2, "NaN and infinity are not statistics"),
    (["basic-research-share", "inf", "--year", "2020"], 2, "NaN and infinity"),
    (["basic-research-share", "1e999", "--year", "2020"], 2, "too large"),
    (["basic-research-share", "9", "--year", "1850"], 2, "year 1850 is out of range"),
    (["basic-research-share", "9", "--year", "2020", "--peer", "Tokio"], 2, "did you mean 'Tokyo'"),
    (["fortune500", "11", "--year", "2021"], 2, "--source 000 or --source 003"),
    (["basic-research-share", "9", "--year", "2021"], 2, "say where it comes from with --source"),
    (["basic-research-share", "9", "--year", "2021", "--source", "004 一"], 2, "names no known source"),
    (["basic-research-share", "150", "--year", "2021", "--source", "003 二(一)"], 1,
     "a share must lie between 0 and 100"),
    (["basic-research-share", "9", "--year", "2021", "--source", "003 二(一)\n表2"], 2, "U+000A"),
    (["basic-research-share", "9", "--year", "2021", "--new-peer"], 2, "--new-peer goes with --peer"),
    (["basic-research-share", "9", "--year", "2021", "--peer", "釜山", "--new-peer",
      "--source", "003 二(一)"], 2, "in Latin letters"),
]


@pytest.mark.parametrize("args,code,message", REFUSALS, ids=[r[2][:30] for r in REFUSALS])
def test_every_refused_update_leaves_the_file_byte_identical(data, args, code, message):
    path = data / "indicators.yaml"
    original = path.read_bytes()
    result = run("set", *args, "--data", data)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert path.read_bytes() == original


def test_invalid_data_is_not_updated_and_its_findings_are_shown(data):
    path = data / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: share", "kind: shares"), encoding="utf-8")
    original = path.read_bytes()
    result = run("set", "fortune500", "11", "--year", "2021", "--source", "003", "--data", data)
    assert result.exit_code == 1
    assert "indicators.yaml:37:" in result.stderr and "fix them first" in result.stderr
    assert path.read_bytes() == original


def test_help_says_when_source_is_required():
    result = run("set", "--help")
    assert "Required when adding a figure" in " ".join(result.stdout.split())


# What it prints. -----------------------------------------------------------------------

def test_the_report_shows_the_indicator_and_its_shortfalls_before_and_after(data):
    result = run("set", "basic-research-share", "9", "--year", "2020", "--data", data, "-f", "json",
                 "--horizon", "near")
    doc = json.loads(result.stdout)
    assert (doc["action"], doc["old_value"], doc["value"]) == ("replaced", 8, 9)
    rows = {(r["kind"], r["id"]): r for r in doc["changes"]}
    assert set(rows) == {("indicator", "basic-research-share"), ("shortfall", "innovation")}
    ind = rows[("indicator", "basic-research-share")]
    assert (ind["score_before"], ind["score_after"], ind["trend_after"]) == (80, 90, "on_track")
    assert ind["reasons"] == ["data"]


# Any finite value, any year in range. -------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.floats(allow_nan=False, allow_infinity=False), year=st.integers(1900, 2100))
def test_any_finite_value_reads_back_the_same(data, value, year):
    result = run("set", "empty-series", "--year", year, "--source", "000 二(一)", "--data", data,
                 "--", repr(value))
    assert result.exit_code == 0, result.stderr
    read = dict((y, v) for y, v, _ in series(data, "empty-series"))
    assert read[year] == value


def test_show_draws_the_updated_series_with_targets_and_pace(data):
    run("set", "basic-research-share", "9", "--year", "2022", "--source", "003 二(一)", "--data", data)
    table = run("show", "basic-research-share", "--data", data, "--lang", "en").stdout
    chart = table[table.index("Series over the years"):table.index("Benchmarks")]
    assert "Series over the years · Trend ↑ near, ➚ long" in chart
    bars = {line.split()[0]: line.split()[2] for line in chart.splitlines()[3:] if line.strip()}
    assert bars == {"2015": "█████████▋", "2020": "████████████▊", "2022": "██████████████▍",
                    "2025": "████████████████", "2035": "████████████████████████"}
    assert "Target long ➚ needs +0.46 a year, has done +0.43" in chart
    doc = json.loads(run("show", "basic-research-share", "--data", data, "-f", "json").stdout)
    assert [(r["year"], r["value"], r["kind"]) for r in doc["series"]] == [
        (2015, 6, "observed"), (2020, 8, "observed"), (2022, 9, "observed"),
        (2025, 10, "target"), (2035, 15, "target")]
    assert "█" not in json.dumps(doc)


def test_outside_a_data_folder_set_refuses_rather_than_edit_the_bundled_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("set", "basic-research-share", "9", "--year", "2020")
    assert result.exit_code == 2
    assert "no indicators.yaml in the current folder" in result.stderr
