"""`scorecard import FILE`: the template to fill, and a sheet of figures recorded all or nothing,
each problem said at its row and column."""

import csv
import io
import json
import shutil
import sys

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load.dataset import Location, load

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def mine(tmp_path, mini):
    folder = tmp_path / "mine"
    shutil.copytree(mini, folder)
    return folder


def template(folder) -> list[dict]:
    result = run("export", "--template", "csv", "--data", folder, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def write_csv(path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def fill(rows: list[dict], who: tuple, **cells) -> None:
    row = next(r for r in rows if (r["id"], r["peer"]) == who)
    row.update(cells)


YEARBOOK = {"source": "stats-2024 表3", "source_title": "上海统计年鉴 2024", "source_year": "2024"}


def test_the_template_has_a_row_per_indicator_and_peer_with_the_latest_figure(mine):
    rows = template(mine)
    assert [(r["id"], r["peer"], r["latest_year"], r["latest_value"]) for r in rows] == [
        ("basic-research-share", "", "2020", "8.0"), ("basic-research-share", "tokyo", "2020", "15.0"),
        ("offshore-settlement", "", "2020", "83.0"), ("fortune500", "", "2021", "10.0"),
        ("fortune500", "beijing", "2021", "60.0"), ("fortune500", "tokyo", "2021", "53.0"),
        ("unmeasured", "", "", "")]
    assert list(rows[0])[-8:] == ["year", "value", "relation", "source", "quote", "note", "source_title",
                                  "source_year"]
    assert all(r["year"] == r["value"] == "" for r in rows)


def test_a_filled_template_is_recorded_in_one_update_and_reported_as_diff_reports(mine):
    rows = template(mine)
    fill(rows, ("basic-research-share", ""), year="2022", value="9.1", quote="基础研究占比9.1%", **YEARBOOK)
    fill(rows, ("basic-research-share", "tokyo"), year="2022", value="16", source="stats-2024 表5",
         quote="东京16%")
    fill(rows, ("fortune500", ""), year="2022", value="12", relation="≈", source="stats-2024 表7",
         quote="约12家")
    sheet = mine / "yearbook.csv"
    write_csv(sheet, rows)
    result = run("import", sheet, "--data", mine, "-f", "json", "-H", "near")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[:2] == [
        f"scorecard: {sheet}: 3 figure(s) into {mine / 'indicators.yaml'}: 3 added, 0 replaced, 0 unchanged; "
        "4 row(s) left blank",
        "scorecard: note: added source 'stats-2024' to sources: with its title, year 2024; correct them in the "
        "file if needed"]
    doc = json.loads(result.stdout)
    assert (doc["added"], doc["sources_added"], doc["horizons"]) == (3, ["stats-2024"], ["near"])
    rows = {(r["kind"], r["id"]): r for r in doc["changes"]}
    assert rows[("indicator", "basic-research-share")]["why"] == [
        "数据: +2022 9.1 (stats-2024 表3)，+tokyo 2022 16 (stats-2024 表5)",
        "最佳标杆: tokyo 15 (2020) → tokyo 16 (2022)"]
    assert set(rows) == {("indicator", "basic-research-share"), ("indicator", "fortune500"),
                         ("shortfall", "innovation"), ("action", "A1"), ("horizon", "near")}
    ds = load(Location(mine, "option"))
    assert [(o.year, o.value, o.quote) for o in ds.indicators["basic-research-share"].observations][-1] == \
        (2022, 9.1, "基础研究占比9.1%")
    assert ds.indicators["fortune500"].observations[-1].relation == "≈"
    again = run("import", sheet, "--data", mine)  # the same sheet twice: nothing to change
    assert again.exit_code == 0 and "0 added, 0 replaced, 3 unchanged" in again.stderr


def test_the_cache_an_import_leaves_reads_as_the_file_does(mine, monkeypatch):
    sheet = mine / "one.csv"
    sheet.write_text("id,peer,year,value,source,quote,source_title\n"
                     "fortune500,tokyo,2022,55,yb 表2,东京55家,统计年鉴\n", encoding="utf-8")
    assert run("import", sheet, "--data", mine).exit_code == 0
    cached = run("export", "--data", mine).stdout
    monkeypatch.setenv("SCORECARD_CACHE_DIR", "off")
    assert run("export", "--data", mine).stdout == cached
    assert json.loads(cached)["sources"][-1]["id"] == "yb"


def test_every_problem_is_said_at_its_row_and_column_and_nothing_is_written(mine):
    sheet = mine / "bad.csv"
    sheet.write_text("id,year,value,source,quote\n"
                     "basic-research-shar,2022,9,003 二(一),\n"
                     "basic-research-share,2022,nine,003 二(一),\n"
                     "basic-research-share,20x2,9,003 二(一),\n"
                     "basic-research-share,2022,9,yb 表1,\n"
                     "basic-research-share,2023,120,003 二(一),120%\n"
                     "basic-research-share,2024,12,003 二(一),12%\n", encoding="utf-8")
    before = (mine / "indicators.yaml").read_bytes()
    result = run("import", sheet, "--data", mine)
    assert result.exit_code == 1 and result.stdout == ""
    assert [line.split(": ", 2)[:2] for line in result.stderr.splitlines()] == [
        [f"{sheet}:2:1", "error[ref-unknown]"], [f"{sheet}:3:3", "error[schema-type]"],
        [f"{sheet}:4:2", "error[schema-value]"], [f"{sheet}:5:4", "error[ref-unknown]"],
        [f"{sheet}:6:3", "error[value-impossible]"], ["scorecard", f"5 problem(s) in {sheet}; nothing was written"]]
    assert "unknown indicator 'basic-research-shar'; did you mean 'basic-research-share'?" in result.stderr
    assert (mine / "indicators.yaml").read_bytes() == before


def test_an_unknown_column_is_named_with_the_closest(mine):
    sheet = mine / "typo.csv"
    sheet.write_text("id,year,value,source,qoute\nfortune500,2022,12,003 二(二),十二家\n", encoding="utf-8")
    result = run("import", sheet, "--data", mine)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{sheet}:1:5: error[schema-unknown-key]: unknown column 'qoute'; did you mean 'quote' or 'note'?")


def test_check_writes_nothing_and_says_what_would_move(mine):
    sheet = mine / "one.csv"
    sheet.write_text("id,year,value,source,quote\nbasic-research-share,2022,9,003 二(一),9%\n", encoding="utf-8")
    before = (mine / "indicators.yaml").read_bytes()
    result = run("import", sheet, "--check", "--data", mine, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "nothing was written (--check)" in result.stderr
    assert json.loads(result.stdout)["changes"]
    assert (mine / "indicators.yaml").read_bytes() == before


def test_one_lock_one_validation_one_write_for_the_whole_sheet(mine, monkeypatch, parsed):
    from scorecard.edit import atomic

    writes = []
    real = atomic.write
    monkeypatch.setattr(atomic, "write", lambda *a: writes.append(a[0]) or real(*a))
    sheet = mine / "many.csv"
    sheet.write_text("id,year,value,source,quote\n" + "".join(
        f"basic-research-share,{y},{y - 2010},003 二(一),q\n" for y in range(2011, 2015)) + "".join(
        f"fortune500,{y},{y - 2010},003 二(二),q\n" for y in range(2011, 2015)), encoding="utf-8")
    result = run("import", sheet, "--data", mine)
    assert result.exit_code == 0, result.stderr
    assert writes == [mine / "indicators.yaml"]
    entries = [t for t in parsed if t.lstrip().startswith("- id:")]
    assert len(entries) == 4  # the two indicators' entries, before the edit and after it


def test_a_guarded_formula_cell_reads_back_as_written(mine):
    sheet = mine / "guarded.csv"
    sheet.write_text("id,year,value,source,quote\nfortune500,2022,12,003 二(二),'=12家\n", encoding="utf-8")
    assert run("import", sheet, "--data", mine).exit_code == 0
    assert load(Location(mine, "option")).indicators["fortune500"].observations[-1].quote == "=12家"


def test_a_workbook_is_read_like_a_csv(mine):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "peer", "year", "value", "source", "quote", "source_title_zh", "source_title_en",
                  "source_year"])
    sheet.append(["fortune500", "tokyo", 2022, 55, "yb 表2", "东京55家", "统计年鉴", "Yearbook", 2024])
    path = mine / "yearbook.xlsx"
    book.save(path)
    result = run("import", path, "--data", mine, "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)  # a workbook of one sheet of figures reports as a CSV of them does
    assert (report["added"], report["sources_added"]) == (1, ["yb"])
    ds = load(Location(mine, "option"))
    assert ds.sources["yb"].title.root == {"zh": "统计年鉴", "en": "Yearbook"}
    assert (ds.indicators["fortune500"].benchmarks[-1].peer, ds.indicators["fortune500"].benchmarks[-1].value) == \
        ("tokyo", 55)


def test_without_openpyxl_a_workbook_gets_a_clear_message(mine, monkeypatch):
    path = mine / "yearbook.xlsx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    result = run("import", path, "--data", mine)
    assert result.exit_code == 1
    assert result.stderr.endswith("reading an Excel workbook needs openpyxl: pip install 'scorecard[xlsx]' "
                                  "(or save the sheet as CSV UTF-8 and import that)\n")


def test_a_sheet_that_is_not_there_is_a_usage_error(mine):
    result = run("import", mine / "nowhere.csv", "--data", mine)
    assert result.exit_code == 2 and "does not exist" in result.stderr
