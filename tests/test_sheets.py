"""The data as sheets and back: `scorecard export --sheets` writes what `scorecard import` reads,
so the analyst moves between the spreadsheet and the YAML at will; a sheet's problem is said at
its row and column, and then nothing is written."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
PORT = Path(__file__).parent / "data" / "port"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def copy(source: Path, into: Path) -> Path:
    into.mkdir()
    for name in ("indicators.yaml", "actions.yaml"):
        shutil.copy(source / name, into / name)
    return into


def files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in ("indicators.yaml", "actions.yaml")}


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


@pytest.fixture
def port(tmp_path):
    return copy(PORT, tmp_path / "port")


def test_the_bundled_data_exported_as_sheets_imports_back_byte_for_byte(tmp_path):
    data = copy(ROOT, tmp_path / "mine")
    before = files(data)
    exported = run("export", "--sheets", tmp_path / "sheets", "--data", data)
    assert exported.exit_code == 0, exported.stderr
    assert sorted(p.name for p in (tmp_path / "sheets").iterdir()) == [
        "actions.csv", "figures.csv", "horizons.csv", "indicators.csv", "peers.csv", "programmes.csv",
        "shortfalls.csv", "sources.csv", "targets.csv"]
    indicators = read_csv(tmp_path / "sheets" / "indicators.csv")
    assert len(indicators) == 80 and {"name_zh", "name_en", "unit_zh", "unit_en"} <= set(indicators[0])
    imported = run("import", tmp_path / "sheets", "--data", data, "-f", "json")
    assert imported.exit_code == 0, imported.stderr
    assert files(data) == before
    report = json.loads(imported.stdout)
    assert report["tallies"]["indicators"] == {"added": 0, "updated": 0, "unchanged": 80}
    assert report["figures"]["unchanged"] == 160
    assert "nothing was written" in imported.stderr


def test_a_workbook_round_trip_changes_nothing_either(tmp_path, port):
    pytest.importorskip("openpyxl")
    before = files(port)
    assert run("export", "--sheets", tmp_path / "port.xlsx", "--data", port).exit_code == 0
    imported = run("import", tmp_path / "port.xlsx", "--data", port)
    assert imported.exit_code == 0, imported.stderr
    assert files(port) == before


def test_a_changed_row_updates_its_entry_in_place_and_keeps_every_comment(tmp_path, port):
    (port / "indicators.yaml").write_text("# kept as written\n" + (port / "indicators.yaml").read_text())
    old = (port / "indicators.yaml").read_text().splitlines()
    assert run("export", "--sheets", tmp_path / "sheets", "--data", port).exit_code == 0
    sheet = tmp_path / "sheets" / "indicators.csv"
    rows = read_csv(sheet)
    row = next(r for r in rows if r["id"] == "shore-power")
    row["unit"] = "% of berths"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("import", tmp_path / "sheets", "--data", port, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["tallies"]["indicators"] == {"added": 0, "updated": 1, "unchanged": 6}
    new = (port / "indicators.yaml").read_text().splitlines()
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(old) == len(new) and changed == [('    unit: "%"', '    unit: "% of berths"')]
    again = run("import", tmp_path / "sheets", "--data", port)
    assert again.exit_code == 0 and (port / "indicators.yaml").read_text().splitlines() == new


def test_new_entries_of_every_kind_are_added_and_validate(tmp_path, port):
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    write_csv(sheets / "shortfalls.csv", [["id", "name", "gap", "source"],
                                          ["skills", "Skills", "Too few port engineers", "plan 2.4"]])
    write_csv(sheets / "indicators.csv", [
        ["id", "name", "unit", "kind", "direction", "floor", "floor_reason", "shortfalls"],
        ["engineers", "Port engineers", "people", "count", "higher", "", "", "skills"],
        ["vacancies", "Vacant posts", "% of posts", "share", "lower", "100", "all posts vacant", "skills; energy"]])
    write_csv(sheets / "targets.csv", [
        ["indicator", "horizon", "value", "basis", "source", "quote", "reason"],
        ["engineers", "phase1", "400", "stated", "plan 2.4", "400 engineers by 2030", "the plan's own target"],
        ["vacancies", "phase1", "5", "assumption", "", "", "a tight labour market's rate"]])
    write_csv(sheets / "actions.csv", [
        ["id", "name", "programme", "source", "measures", "shortfall", "indicator", "reason"],
        ["A9", "Port academy", "green", "plan 4.3", "A two-year course", "skills", "", "trains engineers"],
        ["A9", "", "", "", "", "", "engineers", "more graduates each year"]])
    write_csv(sheets / "figures.csv", [
        ["id", "year", "value", "relation", "source", "quote"],
        ["engineers", "2023", "250", "", "stats table 20", "250 engineers"],
        ["vacancies", "2023", "12", ">", "stats table 20", "more than 12%"]])
    result = run("import", sheets, "--data", port, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert run("validate", "--data", port).exit_code == 0
    shown = json.loads(run("actions", "--data", port, "-f", "json").stdout)
    a9 = next(a for group in shown.values() if isinstance(group, list) for a in group
              if isinstance(a, dict) and a.get("id") == "A9")
    assert (a9["shortfalls"], a9["indicators"]) == (["skills"], ["engineers"])
    gaps = {i["id"]: i for i in json.loads(run("gaps", "--data", port, "-f", "json").stdout)["indicators"]}
    assert gaps["engineers"]["score"] == pytest.approx(100 * 250 / 400)
    # 12% of posts vacant, floor 100, target 5: (100 - 12) / (100 - 5); the figure is a bound (> 12)
    assert gaps["vacancies"]["score"] == pytest.approx(100 * (100 - 12) / (100 - 5), abs=1e-3)


@pytest.mark.parametrize("sheet, rows, cell, code", [
    ("targets.csv", [["indicator", "horizon", "value", "basis", "reason"],
                     ["no-such-thing", "phase1", "5", "assumption", "why"]], (2, 1), "ref-unknown"),
    ("targets.csv", [["indicator", "horizon", "value", "basis", "reason"],
                     ["shore-power", "phase1", "half", "assumption", "why"]], (2, 3), "schema-type"),
    ("targets.csv", [["indicator", "horizon", "value", "basis", "reason"],
                     ["shore-power", "phase3", "80", "assumption", "why"]], (2, 2), "ref-unknown"),
    ("shortfalls.csv", [["id", "name", "gap", "source"], ["skills", "Skills", "Few", "plan 2"],
                        ["skills", "Skills again", "Few", "plan 2"]], (3, 1), "id-duplicate"),
    ("figures.csv", [["id", "year", "value", "source"], ["no-such-thing", "2024", "1", "stats table 1"]],
     (2, 1), "ref-unknown"),
    ("indicators.csv", [["id", "name", "unit", "shortfalls"], ["new-one", "New", "people", "nowhere"]],
     (2, 4), "ref-unknown"),
])
def test_a_bad_row_is_refused_at_its_row_and_column_and_nothing_is_written(tmp_path, port, sheet, rows, cell,
                                                                          code):
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    write_csv(sheets / "sources.csv", [["id", "title", "year"], ["extra", "An extra source", "2025"]])
    write_csv(sheets / sheet, rows)
    before = files(port)
    result = run("import", sheets, "--data", port)
    assert result.exit_code == 1
    line, column = cell
    assert f"{sheets / sheet}:{line}:{column}: error[{code}]" in result.stderr, result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert files(port) == before


def test_the_template_sheets_are_the_headers_import_reads(tmp_path, port):
    result = run("export", "--template", "sheets", tmp_path / "blank", "--data", port)
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO((tmp_path / "blank" / "indicators.csv").read_text("utf-8-sig"))))
    assert header[:4] == ["id", "name", "unit", "definition"]  # one language: a column per label
    assert read_csv(tmp_path / "blank" / "figures.csv") == []
    before = files(port)
    imported = run("import", tmp_path / "blank", "--data", port)
    assert imported.exit_code == 0, imported.stderr
    assert files(port) == before


def test_a_sheet_is_known_by_its_name_or_its_header_or_told(tmp_path, port):
    odd = write_csv(tmp_path / "list.csv", [["id", "name", "kind"], ["antwerp", "Antwerp", "port"]])
    result = run("import", odd, "--data", port, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["tallies"]["peers"]["added"] == 1
    unclear = write_csv(tmp_path / "other.csv", [["id", "name"], ["x", "X"]])
    refused = run("import", unclear, "--data", port)
    assert refused.exit_code == 2 and "--kind" in refused.stderr
    told = run("import", unclear, "--kind", "programmes", "--data", port)
    assert told.exit_code == 1 and f"{unclear}:2:" in told.stderr and "source" in told.stderr


def test_check_says_what_would_change_and_writes_nothing(tmp_path, port):
    sheet = write_csv(tmp_path / "peers.csv", [["id", "name", "kind"], ["antwerp", "Antwerp", "port"]])
    before = files(port)
    result = run("import", sheet, "--check", "--data", port)
    assert result.exit_code == 0 and "peers: 1 added" in result.stderr and "nothing was written" in result.stderr
    assert files(port) == before


HOSTILE = ['Quotes " and \\ backslashes', "two\nlines", "=1+1 (a formula to a spreadsheet)",
           "key: value # not a comment", "- not a list", "yes", "null", "1e3", "上海 · 零售额", "{not: flow}",
           "'single'", "tab\there"]


def test_any_text_in_a_cell_reads_back_as_typed_and_round_trips(tmp_path, port):
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    rows = [["id", "name", "gap", "source"]]
    rows += [[f"area-{k}", text, text, "plan 2"] for k, text in enumerate(HOSTILE)]
    write_csv(sheets / "shortfalls.csv", rows)
    result = run("import", sheets, "--data", port)
    assert result.exit_code == 0, result.stderr
    model = json.loads(run("export", "--data", port).stdout)
    got = {s["id"]: (s["name"], s["gap"]) for s in model["shortfalls"]}
    assert [got[f"area-{k}"] for k in range(len(HOSTILE))] == [(t, t) for t in HOSTILE]
    before = files(port)
    assert run("export", "--sheets", tmp_path / "again", "--data", port).exit_code == 0
    assert run("import", tmp_path / "again", "--data", port).exit_code == 0
    assert files(port) == before


def test_a_workbooks_problem_is_said_at_its_sheet_row_and_column(tmp_path, port):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "targets"
    book.active.append(["indicator", "horizon", "value", "basis", "reason"])
    book.active.append(["shore-power", "phase1", "lots", "assumption", "why"])
    book.save(tmp_path / "data.xlsx")
    before = files(port)
    result = run("import", tmp_path / "data.xlsx", "--data", port)
    assert result.exit_code == 1
    assert f"{tmp_path / 'data.xlsx'}[targets]:2:3: error[schema-type]: value 'lots' is not a number" in result.stderr
    assert files(port) == before


def test_new_targets_go_under_their_indicator_a_line_each_in_the_files_own_line_endings(tmp_path, port):
    for name in ("indicators.yaml", "actions.yaml"):
        path = port / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    sheet = write_csv(tmp_path / "targets.csv", [
        ["indicator", "horizon", "value", "basis", "reason"],
        ["green-jobs", "phase1", "55", "assumption", "a guess"],
        ["green-jobs", "phase2", "70", "assumption", "a guess, again"]])
    result = run("import", sheet, "--data", port)
    assert result.exit_code == 0, result.stderr
    raw = (port / "indicators.yaml").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert (b"    targets:\r\n"
            b"      phase1: {value: 55, basis: assumption, reason: \"a guess\"}\r\n"
            b"      phase2: {value: 70, basis: assumption, reason: \"a guess, again\"}\r\n") in raw
    assert run("validate", "--data", port).exit_code == 0


def test_where_the_sheets_go_is_asked_for_and_a_file_is_not_taken_for_a_folder(tmp_path, port):
    assert run("export", "--template", "sheets", "--data", port).exit_code == 2
    assert run("export", tmp_path / "x", "--data", port).exit_code == 2
    (tmp_path / "afile").write_text("mine")
    refused = run("export", "--sheets", tmp_path / "afile", "--data", port)
    assert refused.exit_code == 2 and "is a file" in refused.stderr
    assert (tmp_path / "afile").read_text() == "mine"
    (tmp_path / "empty").mkdir()
    nothing = run("import", tmp_path / "empty", "--data", port)
    assert nothing.exit_code == 2 and "has no sheet" in nothing.stderr


def test_a_label_in_a_language_the_data_lacks_is_refused_not_dropped(tmp_path, port):
    sheet = write_csv(tmp_path / "peers.csv", [["id", "name", "name_de", "kind"],
                                               ["antwerp", "Antwerp", "Antwerpen", "port"]])
    before = files(port)
    result = run("import", sheet, "--data", port)
    assert result.exit_code == 1
    assert f"{sheet}:1:3: error[label-languages]: column 'name_de': the data has no language 'de'" in result.stderr
    assert files(port) == before


def test_labels_in_a_language_with_a_region_read_back_from_their_columns(tmp_path):
    data = tmp_path / "two"
    made = run("new", data, "--subject", "Porto", "--language", "pt-BR", "--language", "en", "--horizon", "h2030=2030")
    assert made.exit_code == 0, made.stderr
    sheet = write_csv(tmp_path / "peers.csv", [["id", "name_pt-BR", "name_en", "kind"],
                                               ["lisboa", "Lisboa", "Lisbon", "city"]])
    assert run("import", sheet, "--data", data).exit_code == 0
    peers = json.loads(run("export", "--data", data).stdout)["peers"]
    assert peers == [{"id": "lisboa", "name": {"pt-BR": "Lisboa", "en": "Lisbon"}, "kind": "city"}]
    before = files(data)
    assert run("export", "--sheets", tmp_path / "again", "--data", data).exit_code == 0
    assert "name_pt-BR" in (tmp_path / "again" / "peers.csv").read_text("utf-8-sig").splitlines()[0]
    assert run("import", tmp_path / "again", "--data", data).exit_code == 0
    assert files(data) == before
