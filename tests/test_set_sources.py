"""`scorecard set` with all of a figure: a new publication added to sources in the same
command, the words quoted, a bound, the figure of a year that is scored, and a mistaken
figure taken out. Each edit is checked line by line on the hand-kept fixture."""

import json

from conftest import changes
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load.dataset import Location, load

runner = CliRunner()

NEW_SOURCE = ("--source", "stats-2024 表3", "--source-title", "上海统计年鉴 2024", "--source-year", "2024")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])




def edited(data, *args):
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("set", *args, "--data", data, "-H", "near", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    return result, changes(before, path.read_text(encoding="utf-8"))


def test_a_figure_from_a_new_publication_adds_the_source_and_is_scored_as_the_newest(data):
    result, lines = edited(data, "basic-research-share", "8.3", "--year", "2020", *NEW_SOURCE,
                           "--quote", "基础研究占比为8.3%")
    assert lines == [
        ([], ["  - id: stats-2024\n", '    title: {zh: "上海统计年鉴 2024", en: "上海统计年鉴 2024"}\n',
              "    year: 2024\n"]),
        ([], ['      - {year: 2020, value: 8.3, source: "stats-2024 表3", quote: "基础研究占比为8.3%"}\n']),
    ]
    assert "note: added source 'stats-2024' to sources: with its title, year 2024" in result.stderr
    assert ("note: basic-research-share 2020: 8.3 from 'stats-2024 表3' is scored (its source is the "
            "newest); kept: 8 from '003 二(一)'") in result.stderr
    assert "data: +2020 8.3 (stats-2024 表3), 2020 scored 8.3 (stats-2024 表3) over 8 (003 二(一))" in result.stdout
    ds = load(Location(data, "option"))
    assert ds.sources["stats-2024"].year == 2024 and ds.sources["stats-2024"].title.en == "上海统计年鉴 2024"


def test_a_new_source_without_its_title_is_refused_with_what_to_add(data):
    path = data / "indicators.yaml"
    before = path.read_bytes()
    result = run("set", "basic-research-share", "8.3", "--year", "2021", "--source", "stats-2024 表3",
                 "--data", data)
    assert result.exit_code == 2 and path.read_bytes() == before
    assert result.stderr == (
        "scorecard: source 'stats-2024 表3' names no known source (the first word is the source id); "
        "known sources: 000, 003; to add a new publication, give its title (--source-title, or a "
        "source_title column)\n")


def test_a_quote_and_a_relation_are_added_to_a_figure_in_its_own_style(data):
    _, lines = edited(data, "basic-research-share", "8", "--year", "2020", "--quote", "约为8%",
                      "--relation", "~")
    assert lines == [(["      - {year: 2020, value: 8, source: '003 二(一)'}   # 约为8%\n"],
                      ['      - {year: 2020, value: 8, relation: "~", source: \'003 二(一)\', '
                       'quote: "约为8%"}   # 约为8%\n'])]
    # One key a line where the figure is written so.
    _, lines = edited(data, "fortune500", "10", "--year", "2021", "--source", "003", "--quote", "10家")
    assert lines == [([], ['        quote: "10家"\n'])]
    # = makes the figure exact again.
    _, lines = edited(data, "basic-research-share", "8", "--year", "2020", "--relation", "=")
    assert lines == [(['      - {year: 2020, value: 8, relation: "~", source: \'003 二(一)\', '
                       'quote: "约为8%"}   # 约为8%\n'],
                      ['      - {year: 2020, value: 8, source: \'003 二(一)\', quote: "约为8%"}   # 约为8%\n'])]


def test_scored_marks_the_figure_to_score_and_takes_the_mark_off_another(data):
    _, lines = edited(data, "fortune500", "9", "--year", "2021", "--source", "000", "--scored")
    assert lines == [([], ["        scored: true\n"])]
    doc = json.loads(run("show", "fortune500", "--data", data, "-f", "json").stdout)
    assert [(o["value"], o["scored"]) for o in doc["observations"]] == [(9, True), (10, False)]
    _, lines = edited(data, "fortune500", "10", "--year", "2021", "--source", "003", "--scored")
    assert lines == [(["        scored: true\n"], []), ([], ["        scored: true\n"])]


def test_remove_takes_a_mistaken_figure_out_and_says_what_is_left(data):
    result = run("set", "fortune500", "--remove", "--year", "2021", "--data", data)
    assert result.exit_code == 2 and "say which with --source 000 or --source 003" in result.stderr
    path = data / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    result, _ = edited(data, "fortune500", "--remove", "--year", "2021", "--source", "000")
    gone = ('      - year: 2021\n        value: 9       # seed 000\n        source: "000 二(一)"\n'
            '        quote: "上海共有 9 家企业入围"\n')
    assert path.read_text(encoding="utf-8") == before.replace(gone, "")
    assert "fortune500 2021 = 9 (000 二(一)): removed" in result.stderr
    assert "note: fortune500 2021: 9 from '000 二(一)' removed; left: 10 from '003 二(二)'" in result.stderr
    _, lines = edited(data, "basic-research-share", "--remove", "--year", "2020", "--peer", "tokyo")
    assert lines == [(["    benchmarks:\n", '    - {peer: tokyo, year: 2020, value: 15, source: "003 二(一)"}\n'],
                      ["    benchmarks: []\n"])]


def test_remove_takes_no_value_and_a_figure_needs_one(data):
    result = run("set", "fortune500", "9", "--remove", "--year", "2021", "--data", data)
    assert result.exit_code == 2 and "a figure to remove takes no value" in result.stderr
    result = run("set", "fortune500", "--year", "2021", "--data", data)
    assert result.exit_code == 2 and "give the figure's value" in result.stderr


def test_ids_are_found_in_any_case(data):
    result, lines = edited(data, "Basic-Research-Share", "8.5", "--year", "2020", "--peer", "TOKYO")
    assert "basic-research-share tokyo 2020: replaced 15 → 8.5" in result.stderr
    assert len(lines) == 1


def test_a_relation_that_is_none_is_refused(data):
    result = run("set", "fortune500", "9", "--year", "2021", "--source", "000", "--relation", "about",
                 "--data", data)
    assert result.exit_code == 2
    assert "'about' is not a relation; write one of <, ≤, <=, >, ≥, >=, ≈, ~, or = for an exact figure" \
        in result.stderr
