"""`scorecard new DIR`: an empty dataset for a strategy of one's own, valid as it stands, that
`gaps` says has nothing to score yet."""

import json

import pytest
from typer.testing import CliRunner

from scorecard.cli import start
from scorecard.cli.app import app

runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def test_new_writes_an_empty_dataset_that_validates_and_says_what_next(tmp_path):
    folder = tmp_path / "digital"
    result = run("new", folder, "--subject", "Ministry of Digital Affairs", "--language", "en", "--language", "de",
                 "--horizon", "h2026=2026", "--horizon", "h2030=2030")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "actions.schema.json", "actions.yaml", "indicators.schema.json", "indicators.yaml"]
    indicators = (folder / "indicators.yaml").read_text(encoding="utf-8")
    assert indicators.startswith("# yaml-language-server: $schema=indicators.schema.json\n")
    assert 'subject: {en: "Ministry of Digital Affairs", de: "Ministry of Digital Affairs"}\n' in indicators
    for kind in ("sources", "peers", "shortfalls", "indicators"):
        assert f"\n{kind}: []\n  # - " in indicators  # empty, with a commented example under it
    assert "scorecard import sheets" in result.stderr
    checked = run("validate", "--data", folder)
    assert checked.exit_code == 0 and ": valid, 0 error(s), 0 warning(s)" in checked.stderr
    goals = json.loads(run("goals", "--data", folder, "-f", "json").stdout)["goals"]
    assert [(g["id"], g["year"], g["year_basis"], g["goal"]) for g in goals] == [
        ("h2026", 2026, "stated", None), ("h2030", 2030, "stated", None)]
    gaps = run("gaps", "--data", folder, "-f", "json")
    assert gaps.exit_code == 0 and json.loads(gaps.stdout)["indicators"] == []
    assert "nothing to score yet: the data has no indicators" in gaps.stderr
    assert f"scorecard export --template sheets sheets --data {folder}" in gaps.stderr


def test_new_overwrites_nothing(tmp_path):
    (tmp_path / "indicators.yaml").write_text("mine\n", encoding="utf-8")
    result = run("new", tmp_path, "--subject", "X", "--horizon", "h1=2030")
    assert result.exit_code == 1 and "already has indicators.yaml; nothing was written" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["indicators.yaml"]


@pytest.mark.parametrize("args,message", [
    ([], "give --subject TEXT (or run in a terminal to be asked)"),
    (["--subject", "X"], "give --horizon ID=YEAR"),
    (["--subject", "X", "--horizon", "h1=1999"], "--horizon: 'h1=1999': give the horizon's year, between 2000"),
    (["--subject", "X", "--horizon", "h1=2030", "--horizon", "H1=2035"], "the horizon 'H1' is given twice"),
    (["--subject", "X", "--horizon", "h1=2030", "--language", "english!"], "'english!' is not a language code"),
])
def test_what_is_missing_or_wrong_exits_2_and_writes_nothing(tmp_path, args, message):
    result = run("new", tmp_path / "x", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "x").exists()


def test_in_a_terminal_what_is_not_given_is_asked_for_until_it_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(start, "_terminal", lambda: True)
    result = run("new", tmp_path / "x", input="Northport\n\nsoon=1990\nsoon=2028 later=2035\n")
    assert result.exit_code == 0, result.stderr
    assert "'soon=1990': give the horizon's year" in result.stderr
    indicators = (tmp_path / "x" / "indicators.yaml").read_text(encoding="utf-8")
    assert "subject: Northport\nlanguages: [en]\n" in indicators  # one language: plain text
    assert "  - id: later\n    name: later\n    year: 2035\n" in (tmp_path / "x" / "actions.yaml").read_text(
        encoding="utf-8")
