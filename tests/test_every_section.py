"""Every format carries every section: CSV leads each row with its section, and
Markdown's legends are paragraphs that pandoc keeps apart, marks and all."""

import csv
import io
import json
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.render import render
from scorecard.render.document import Column, Document, Section

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def sheet(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("item", ["basic-research-share", "A1", "market", "003"])
def test_show_csv_holds_every_section_that_json_has(mini, item):
    sections = [k for k, v in json.loads(run("show", item, "--data", mini, "-f", "json")).items()
                if isinstance(v, list) and v and isinstance(v[0], dict)]
    rows = sheet(run("show", item, "--data", mini, "-f", "csv"))
    assert list(dict.fromkeys(r["section"] for r in rows)) == sections


def test_a_rows_own_section_key_is_written_under_its_sections_name(mini):
    rows = sheet(run("show", "003", "--data", mini, "-f", "csv"))
    figures = [r for r in rows if r["section"] == "figures"]
    assert figures and all(r["figures.section"] for r in figures)


def test_a_mapping_null_in_some_rows_gives_its_dotted_columns_alone():
    rows = [{"id": "a", "rule": {"name": "catch-up", "fraction": 0.5}}, {"id": "b", "rule": None}]
    doc = Document({}, [Section("rows", "", [Column("id", "ID")], rows)])
    assert sheet(render(doc, "csv")) == [
        {"section": "rows", "id": "a", "rule.name": "catch-up", "rule.fraction": "0.5"},
        {"section": "rows", "id": "b", "rule.name": "", "rule.fraction": ""}]


def _legends(mini, *args) -> str:
    return run("gaps", "--data", mini, "-f", "markdown", "--lang", "en", *args)


def test_markdown_legends_are_paragraphs_and_a_leading_star_is_escaped(mini):
    text = _legends(mini)
    assert "\n\n\\* target is an analyst's assumption" in text
    assert "\n\nstatus (the level of the score)" in text
    assert "| 66\\* |" in text or "66\\*" in text


def test_markdown_escapes_what_would_start_a_list_a_heading_or_emphasis():
    doc = Document({}, [Section("rows", "Rows", [Column("x", "x")], [{"x": "a_b_c *x* `y`"}])],
                   ["# is the rank", "- not a bullet", "1. not a list", "+ plus", "> no quote"])
    text = render(doc, "markdown")
    assert "| a\\_b\\_c \\*x\\* \\`y\\` |" in text
    for note in ("\\# is the rank", "\\- not a bullet", "1\\. not a list", "\\+ plus", "\\> no quote"):
        assert f"\n\n{note}\n" in text + "\n"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (apt-get install pandoc)")
@pytest.mark.parametrize("reader", ["markdown", "gfm", "commonmark_x"])
def test_pandoc_keeps_each_legend_apart_and_makes_no_list_or_emphasis(mini, reader):
    text = _legends(mini)
    legends = [b for b in text.rsplit("|\n", 1)[1].split("\n\n") if b.strip()]
    html = subprocess.run(["pandoc", "-f", reader, "-t", "html"], input=text, capture_output=True,
                          text=True, check=True, timeout=60).stdout
    after = html.rsplit("</table>", 1)[1]
    paragraphs = [p.split("</p>")[0] for p in after.split("<p>")[1:]]
    assert len(legends) == len(paragraphs) == 6
    assert paragraphs[2].startswith("* target is an analyst")
    assert "<li>" not in html and "<em>" not in html and "<code>" not in html
