"""Figures and text as every format prints them: numbers a float cannot hold are
refused, a figure that is not finite prints as missing in every format, and no
text can become a link in Markdown or a formula in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.render import render
from scorecard.render.csvout import cell
from scorecard.render.document import Column, Document, Section
from scorecard.render.markdown import escape

DATA = Path(__file__).parent / "data"
FORMATS = ("table", "json", "csv", "markdown")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


# Numbers a float cannot hold. --------------------------------------------------------------

@pytest.mark.parametrize("typed, message", [
    ("1e-400", "'1e-400' is too close to 0 to be stored: it would be written as 0"),
    ("0." + "0" * 400 + "1", "is too close to 0 to be stored"),
    ("1e400", "'1e400' is too large to be a number"),
    ("1" + "0" * 400, "is too large to be a number"),
])
def test_set_refuses_a_value_that_underflows_or_overflows(data, typed, message):
    path = data / "indicators.yaml"
    original = path.read_bytes()
    result = run("set", "basic-research-share", typed, "--year", "2020", "--data", data)
    assert result.exit_code == 2
    assert message in result.stderr
    assert path.read_bytes() == original


def test_a_value_in_the_file_that_would_read_as_0_is_reported(data):
    path = data / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 8, source: '003",
                                                             "value: 1e-400, source: '003"),
                    encoding="utf-8")
    result = run("validate", "--data", data)
    assert result.exit_code == 1
    assert "found '1e-400'" in result.stderr
    assert "'1e-400' is too close to 0 to be stored (it would read as 0); write 0 if that is meant" \
        in result.stderr


# Figures that are not finite. ---------------------------------------------------------------

def test_a_ratio_beyond_any_float_prints_as_missing_in_every_format(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA / "mini", folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{year: 2021, value: 10, source: \"003 二(二)\"}",
                        "{year: 2021, value: 1e-300, source: \"003 二(二)\"}")
    text = text.replace("{peer: beijing, year: 2021, value: 60,", "{peer: beijing, year: 2021, value: 1e10,")
    path.write_text(text, encoding="utf-8")
    out = {fmt: run("gaps", "--data", folder, "--lang", "en", "-f", fmt).stdout for fmt in FORMATS}
    row = next(r for r in json.loads(out["json"])["indicators"] if r["id"] == "fortune500")
    assert row["peer_value"] == 1e10 and row["peer_ratio"] is None  # 1e10 / 1e-300 overflows
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out["csv"].removeprefix("\ufeff")))}
    assert rows["fortune500"]["peer_ratio"] == ""
    for fmt in ("table", "markdown", "csv"):
        assert "inf" not in out[fmt].lower(), fmt
    assert "Beijing 10,000,000,000" in out["table"] and "×" not in out["table"].split("Beijing")[1][:25]


# Text that would act. ------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["[x](javascript:alert(1))", "![x](https://evil.example/t.png)",
                                  "[x][1]", "see [the paper](http://a.example)"])
def test_markdown_never_makes_a_link_or_an_image(text):
    escaped = escape(text)
    assert "\\[" in escaped and "\\]" in escaped
    assert "[" not in escaped.replace("\\[", "") and "]" not in escaped.replace("\\]", "")
    doc = Document({}, [Section("rows", "t", [Column("name", "name")], [{"name": text}])])
    assert f"| {escaped} |" in render(doc, "markdown")


@pytest.mark.parametrize("text", [" =1+1", "\u00a0=HYPERLINK(\"x\")", "\u3000＝1", "  \t+1", "\u2003@SUM(A1)",
                                  " -1"])
def test_a_csv_cell_with_blanks_before_a_formula_is_still_quoted(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("text", ["a =1", "1 + 1", "上海 = 1"])
def test_a_formula_sign_after_other_text_is_left_alone(text):
    assert cell(text) == text
