"""`scorecard report` as an analyst runs it: one page that a real parser reads back, a dashboard
cell for each shortfall at each horizon, one chart with its title and its table for each
indicator with a target, nothing fetched or run, and every text from the data shown as it is."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from report_page import Page
from scorecard.cli.app import app
from scorecard.load.dataset import load, locate
from scorecard.render.clean import hidden, visible
from scorecard.report import markdown
from scorecard.score.targets import plans
from test_output_safety import HOSTILE, _dataset_with

HERE = Path(__file__).parent
PORT = HERE / "data" / "port"
BUNDLED = HERE / "data" / "bundled-0.2"  # a frozen copy of the bundled data, at its full size
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def page(*args) -> Page:
    result = run("report", *args)
    assert result.exit_code == 0, result.stderr
    return Page(result.stdout)


def charted(folder: Path) -> set[str]:
    """The indicators with a target at some horizon: each has a chart."""
    return {i for i, p in plans(load(locate(folder))).items() if p.targets}


@pytest.fixture
def port(tmp_path) -> Path:
    target = tmp_path / "port"
    shutil.copytree(PORT, target)
    return target


# The page. -------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder, shortfalls, horizons", [(PORT, 3, 2), (BUNDLED, 11, 3)], ids=["port", "bundled"])
def test_the_dashboard_has_one_cell_for_each_shortfall_at_each_horizon_with_its_band_in_words(
        folder, shortfalls, horizons):
    p = page("--data", folder, "--lang", "en")
    [dashboard] = p.find("table", "dashboard")
    rows = dashboard.find("tbody")[0].find("tr")
    assert len(rows) == shortfalls
    words = ("achieved", "challenges remain", "moderate challenges", "significant challenges",
             "major challenges", "insufficient data")
    for row in rows:
        cells = row.find("td")
        assert len(cells) == horizons
        for cell in cells:
            [band] = [c for c in cell.classes if c.startswith("band-")]
            assert band.removeprefix("band-").replace("_", " ") in words  # the colour's class…
            assert cell.find("span", "words")[0].text() in words  # …and its words, not colour alone


@pytest.mark.parametrize("folder", [PORT, BUNDLED], ids=["port", "bundled"])
def test_each_indicator_with_a_target_has_one_chart_with_a_title_a_description_and_a_table(folder):
    p = page("--data", folder, "--lang", "en")
    figures = p.find("figure", "indicator")
    assert sorted(f.attrs["id"].removeprefix("indicator-") for f in figures) == sorted(charted(folder))
    for figure in figures:
        [svg] = figure.find("svg")
        [title] = svg.find("title")
        [desc] = svg.find("desc")
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"].split() == [title.attrs["id"], desc.attrs["id"]]
        assert title.text() == figure.find("h3")[0].text() and desc.text()
        [table] = figure.find("table", "figures")
        assert table.find("thead")[0].find("th") and table.find("tbody")[0].find("tr")
    ids = [e.attrs["id"] for e in p.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    assert not p.unclosed


@pytest.mark.parametrize("folder", [PORT, BUNDLED], ids=["port", "bundled"])
def test_the_page_runs_nothing_and_fetches_nothing(folder):
    result = run("report", "--data", folder)
    p = Page(result.stdout)
    assert not p.find("script") and "<script" not in result.stdout.lower()
    assert not [e.tag for e in p.elements if e.tag in ("iframe", "object", "embed", "link", "img", "base")]
    assert not [a for e in p.elements for a in e.attrs if a.startswith("on")]
    assert p.fetched() == []
    assert not re.search(r"https?:|//|javascript:", result.stdout)
    [policy] = [m for m in p.find("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy.attrs["content"]
    ids = {e.attrs["id"] for e in p.elements if "id" in e.attrs}
    assert p.find("a") and all(a.attrs["href"][1:] in ids for a in p.find("a"))  # every link within the page


def test_the_summary_names_each_goal_and_the_largest_gaps_in_sentences():
    p = page("--data", PORT, "--lang", "en")
    horizons = p.find("article", "horizon")
    assert [h.find("h3")[0].text() for h in horizons] == ["Phase 1 2030", "Phase 2 2040"]
    assert "Clean power at every quay and paperless cargo" in horizons[0].text()
    gaps = [li.text() for li in p.find("ol", "gaps")[0].find("li")]
    assert len(gaps) == 3
    assert gaps[0].startswith("“Logistics” has the largest gap at the 2030 horizon (Phase 1): a score of 42.7")
    assert "One action plan addresses it: G1 Shore power at every berth." in gaps[0]
    assert "2 action plans address it; first by priority: G1 Shore power at every berth; G2 Offshore wind" in gaps[1]


def test_a_shortfall_with_a_trend_in_most_of_its_indicators_gets_an_arrow():
    p = page("--data", PORT, "--lang", "en")
    cells = {row.find("th")[0].find("a")[0].text(): row.find("td") for row in p.find("table", "dashboard")[0]
             .find("tbody")[0].find("tr")}
    energy_phase1, energy_phase2 = cells["Energy"]
    assert energy_phase1.find("span", "arrow")[0].text() == "➚"
    assert "improving" in energy_phase1.attrs["title"]
    assert not energy_phase2.find("span", "arrow")
    assert energy_phase2.attrs["title"] == "no trend: 1 of 3 indicators have two figures"


def test_a_shortfall_with_no_indicator_meant_to_be_scored_says_insufficient_data(mini):
    p = page("--data", mini, "--lang", "en")
    [row] = [r for r in p.find("table", "dashboard")[0].find("tbody")[0].find("tr") if "orphan" in r.text()]
    for cell in row.find("td"):
        assert "band-insufficient_data" in cell.classes
        assert cell.find("span", "words")[0].text() == "insufficient data"
        assert cell.find("span", "coverage")[0].text() == "0/0"
    [section] = [s for s in p.find("section", "shortfall") if s.attrs["id"] == "shortfall-orphan"]
    assert "insufficient data (0 of 0)" in section.text()
    assert not section.find("figure")


def test_an_indicator_without_a_target_says_why_instead_of_a_chart():
    p = page("--data", PORT, "--lang", "en")
    [section] = [s for s in p.find("section", "shortfall") if s.attrs["id"] == "shortfall-energy"]
    [unscored] = section.find("div", "unscored")
    assert [li.text() for li in unscored.find("li")] == [
        "Green jobs: not scored: No honest target: the plan counts no green jobs"]


def test_one_horizon_shows_that_horizon_alone(port):
    p = page("--data", port, "-H", "phase2", "--lang", "en")
    assert [th.text() for th in p.find("table", "dashboard")[0].find("thead")[0].find("th")] == [
        "Shortfall", "Phase 2 2040"]
    assert "Phase 1" not in " ".join(p.nodes).replace("Phase 1 (2030)", "")
    rows = [tr.find("th")[0].text() for f in p.find("figure", "indicator")
            for tr in f.find("table")[0].find("tbody")[0].find("tr")]
    assert "Target · Phase 2" in rows and "Target · Phase 1" not in rows


def test_another_strategy_reads_in_its_own_words():
    result = run("report", "--data", PORT)
    p = Page(result.stdout)
    assert p.find("h1")[0].text() == "Northport: where the strategy stands"
    assert p.root.find("html")[0].attrs["lang"] == "en"
    text = " ".join(p.nodes)
    assert not CJK.search(text) and "Shanghai" not in text
    assert not re.search(r"\b(near|mid|long)\b", text, re.IGNORECASE)


def test_the_report_speaks_the_language_asked_for(mini):
    zh = page("--data", mini, "--lang", "zh")
    assert zh.root.find("html")[0].attrs["lang"] == "zh"
    assert zh.find("section", "dashboard")[0].find("h2")[0].text() == "仪表盘：各短板分阶段"
    assert "基础研究投入占研发经费比重" in " ".join(zh.nodes)


# Hostile text. ---------------------------------------------------------------------------------

@pytest.mark.parametrize("n", range(len(HOSTILE)))
def test_hostile_text_in_the_data_renders_literally_in_the_page_the_markdown_and_the_charts(n, tmp_path):
    text = HOSTILE[n]
    folder = _dataset_with(tmp_path, text)
    lang = ("zh", "en")[n % 2]
    result = run("report", "--data", folder, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    p = Page(result.stdout)
    assert not p.find("script") and p.fetched() == [] and not p.unclosed
    assert not [ch for ch in result.stdout if ch != "\n" and hidden(ch)]
    shown = visible(text, "\n")
    assert any(shown in node for node in p.nodes), shown
    [chart] = [f for f in p.find("figure", "indicator") if f.attrs["id"] == "indicator-basic-research-share"]
    assert chart.find("svg")[0].find("title")[0].raw() == shown

    out = tmp_path / "out" / "report.md"
    out.parent.mkdir()
    result = run("report", "--data", folder, "--lang", lang, "-f", "markdown", "-o", out)
    assert result.exit_code == 0, result.stderr
    md = out.read_text(encoding="utf-8")
    assert markdown.escape(text) in md
    assert not [ch for ch in md if ch != "\n" and hidden(ch)]
    for svg in (tmp_path / "out" / "report_files").iterdir():
        tree = ET.fromstring(svg.read_text(encoding="utf-8"))  # well-formed, whatever the data holds
        if "basic-research-share" in svg.name:
            assert tree.find("{http://www.w3.org/2000/svg}title").text == shown


def test_markdown_escapes_what_would_start_markup_and_keeps_figures_readable():
    assert markdown.escape("8.6 and 24,090") == "8.6 and 24,090"
    assert markdown.escape("@cite $x$ *em* [a](b) <b> 1. # ~") == (
        r"\@cite \$x\$ \*em\* \[a\]\(b\) \<b\> 1\. \# \~")
    assert markdown.escape("two\nlines") == "two lines"


# Files. ----------------------------------------------------------------------------------------

def test_markdown_needs_an_output_file():
    result = run("report", "--data", PORT, "-f", "markdown")
    assert result.exit_code == 2 and "needs -o FILE" in result.stderr


def test_markdown_writes_its_charts_beside_it_and_links_each(tmp_path):
    out = tmp_path / "brief.md"
    charts = tmp_path / "brief_files"
    charts.mkdir()
    (charts / "chart-99-gone.svg").write_text("<svg/>")  # left by an earlier report
    (charts / "notes.txt").write_text("mine")
    result = run("report", "--data", PORT, "-f", "markdown", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out} and 6 chart(s) in {charts}" in result.stderr
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", out.read_text(encoding="utf-8"))
    assert len(links) == 6 and all((tmp_path / link).is_file() for link in links)
    assert sorted(p.name for p in charts.iterdir()) == sorted([Path(link).name for link in links] + ["notes.txt"])


def test_o_replaces_the_file_whole_and_keeps_its_mode(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old")
    os.chmod(out, 0o640)
    result = run("report", "--data", PORT, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


@pytest.mark.parametrize("args, said", [
    (["-H", "phase1", "--all-horizons"], "cannot go together"),
    (["-H", "phase"], "did you mean"),
    (["--lang", "fr"], "unknown language 'fr'"),
])
def test_a_bad_choice_exits_2_with_the_reason(args, said):
    result = run("report", "--data", PORT, *args)
    assert result.exit_code == 2 and said in result.stderr


def test_o_never_overwrites_the_data(port):
    before = (port / "indicators.yaml").read_bytes()
    result = run("report", "--data", port, "-o", port / "indicators.yaml")
    assert result.exit_code == 2 and "is the data this report is made from" in result.stderr
    assert (port / "indicators.yaml").read_bytes() == before


def test_a_file_that_cannot_be_written_is_one_line_and_exit_1(tmp_path):
    result = run("report", "--data", PORT, "-o", tmp_path / "missing" / "report.html")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("scorecard: cannot write")
    assert "Traceback" not in result.stderr


# Rank intervals. -------------------------------------------------------------------------------

def _saved(folder: Path, horizon: str, tmp_path: Path) -> Path:
    result = run("robustness", "--data", folder, "-H", horizon, "-n", 50, "-f", "json")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / f"robust-{horizon}.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_rank_intervals_appear_only_when_asked_for(port, tmp_path):
    assert not page("--data", port).find("span", "rank")
    saved = _saved(port, "phase1", tmp_path)
    p = page("--data", port, "--lang", "en", "--robustness-file", saved)
    rows = p.find("table", "dashboard")[0].find("tbody")[0].find("tr")
    assert all(row.find("td")[0].find("span", "rank") and not row.find("td")[1].find("span", "rank") for row in rows)
    assert re.search(r"rank 1; 1(–\d)? in 90% of draws", rows[0].find("td")[0].text())
    assert "is among the three largest gaps in" in p.find("ol", "gaps")[0].text()
    assert f"read from {saved}" in p.find("ul", "legend")[0].text()
    ran = page("--data", port, "--lang", "en", "--robustness")
    assert all(len(row.find("span", "rank")) == 2 for row in ran.find("table", "dashboard")[0].find("tr")[1:])


def test_a_saved_analysis_of_other_data_or_other_figures_is_refused(port, mini, tmp_path):
    other = _saved(mini, "near", tmp_path)
    result = run("report", "--data", port, "--robustness-file", other)
    assert result.exit_code == 2 and "which this report does not show" in result.stderr
    saved = _saved(port, "phase1", tmp_path)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["shortfalls"] = doc["shortfalls"][1:]
    (tmp_path / "fewer.json").write_text(json.dumps(doc))
    result = run("report", "--data", port, "--robustness-file", tmp_path / "fewer.json")
    assert result.exit_code == 2 and "other shortfalls than the data's" in result.stderr
    (tmp_path / "junk.json").write_text("[1, 2]")
    result = run("report", "--data", port, "--robustness-file", tmp_path / "junk.json")
    assert result.exit_code == 2 and "not the output of `scorecard robustness -f json`" in result.stderr
    result = run("report", "--data", port, "--robustness-file", saved, "--robustness-file", saved)
    assert result.exit_code == 2 and "two analyses at horizon 'phase1'" in result.stderr
    assert run("set", "renewable-share", "45", "--year", "2024", "--source", "stats", "--data", port).exit_code == 0
    result = run("report", "--data", port, "--robustness-file", saved)
    assert result.exit_code == 2 and "made from other figures" in result.stderr


# Start-up. -------------------------------------------------------------------------------------

def test_help_and_gaps_never_load_the_report(mini):
    code = ("import sys\nfrom scorecard.cli.app import app\n"
            "for args in (['--help'], ['gaps', '--data', sys.argv[1]]):\n"
            "    try:\n        app(args)\n    except SystemExit:\n        pass\n"
            "loaded = [m for m in sys.modules if m == 'jinja2' or m.startswith('scorecard.report.')]\n"
            "print('LOADED', loaded, file=sys.stderr)")
    err = subprocess.run([sys.executable, "-c", code, str(mini)], capture_output=True, text=True, check=True).stderr
    assert "LOADED []" in err
