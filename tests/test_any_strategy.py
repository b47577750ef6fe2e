"""Another strategy, written from scratch: `tests/data/port` is in English only, with two
phases whose years its plan states, and a subject of its own. Every command speaks it
in every format without a word of the bundled data's (its language, its horizons)."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import COMMANDS, app
from scorecard.render import FORMATS
from scorecard.views import labels

HERE = Path(__file__).parent
PORT = HERE / "data" / "port"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
OTHER_HORIZONS = re.compile(r"\b(near|mid|long)\b", re.IGNORECASE)

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def port(tmp_path) -> Path:
    """A writable copy of the port dataset."""
    target = tmp_path / "port"
    shutil.copytree(PORT, target)
    return target


READING = [
    ["gaps"], ["gaps", "-H", "phase2"], ["gaps", "--shortfall", "digital"], ["actions"],
    ["actions", "-H", "phase2", "-p", "green"], ["goals"], ["indicators"], ["show", "port-emissions"],
    ["show", "paperless-share"], ["show", "G1"], ["show", "energy"], ["validate"], ["export"],
]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_every_reading_command_speaks_the_datas_language_and_horizons(args, fmt):
    result = run(*args, "--data", PORT, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout + result.stderr
    assert out.strip() and not CJK.search(out), CJK.search(out)
    assert not OTHER_HORIZONS.search(out), OTHER_HORIZONS.search(out)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_set_and_diff_speak_it_too(port, fmt, tmp_path):
    before = tmp_path / "before"
    shutil.copytree(port, before)
    result = run("set", "renewable-share", "34", "--year", "2024", "--source", "stats table 4",
                 "--data", port, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    changed = run("diff", before, "--data", port, "-f", fmt)
    assert changed.exit_code == 0, changed.stderr
    for out in (result.stdout + result.stderr, changed.stdout + changed.stderr):
        assert not CJK.search(out) and not OTHER_HORIZONS.search(out)
    assert "phase1" in changed.stdout


def test_goals_show_the_years_as_the_plan_states_them():
    doc = json.loads(run("goals", "--data", PORT, "-f", "json").stdout)
    assert [(g["id"], g["year"], g["year_basis"], g["year_is_assumption"], g["year_reason"])
            for g in doc["goals"]] == [("phase1", 2030, "stated", False, None),
                                       ("phase2", 2040, "stated", False, None)]
    table = run("goals", "--data", PORT).stdout
    assert "2030*" not in table and "assum" not in table
    assert "Northport · Goals by horizon" in table


def test_the_first_horizon_is_the_default_and_an_unknown_one_is_a_usage_error():
    assert json.loads(run("gaps", "--data", PORT, "-f", "json").stdout)["horizon"] == "phase1"
    result = run("gaps", "--data", PORT, "--horizon", "phase3")
    assert result.exit_code == 2
    assert "unknown horizon 'phase3'; did you mean" in result.stderr and "'phase1'" in result.stderr
    assert run("actions", "--data", PORT, "-H", "near").exit_code == 2
    assert run("diff", PORT, "--data", PORT, "-H", "phase9").exit_code == 2


def test_indicators_show_one_target_column_per_horizon_the_data_declares():
    table = run("indicators", "--data", PORT).stdout
    header = next(line for line in table.splitlines() if line.startswith("ID"))
    assert re.findall(r"Target [\w ]+?(?=\s{2})", header) == ["Target Phase 1", "Target Phase 2"]
    rows = json.loads(run("indicators", "--data", PORT, "-f", "json").stdout)["indicators"]
    assert set(rows[0]["targets"]) == {"phase1", "phase2"}


def test_the_subject_names_the_series():
    doc = run("show", "renewable-share", "--data", PORT).stdout
    assert "Observations of Northport" in doc and "Northport over the years" in doc
    assert json.loads(run("gaps", "--data", PORT, "-f", "json").stdout)["subject"] == "Northport"


def test_lang_accepts_the_datas_languages_only():
    result = run("gaps", "--data", PORT, "--lang", "zh")
    assert result.exit_code == 2 and "unknown language 'zh'" in result.stderr


def test_a_language_the_tool_has_no_words_for_gets_its_own_words_in_english(port):
    path = port / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("languages: [en]", "languages: [fr]"),
                    encoding="utf-8")
    result = run("gaps", "--data", port)
    assert result.exit_code == 0, result.stderr
    assert "Indicators ranked by gap" in result.stdout


def test_scorecard_lang_sets_a_personal_default(mini):
    assert "Indicators ranked by gap" in run("gaps", "--data", mini, env={"SCORECARD_LANG": "en"}).stdout
    assert "指标差距排名" in run("gaps", "--data", mini, "--lang", "zh", env={"SCORECARD_LANG": "en"}).stdout
    other = run("gaps", "--data", mini, env={"SCORECARD_LANG": "fr"})
    assert other.exit_code == 0 and "指标差距排名" in other.stdout
    assert "SCORECARD_LANG='fr' is not one of the data's languages (zh, en); using zh" in other.stderr


def test_a_new_peer_takes_the_datas_languages_and_the_kind_given(port):
    path = port / "indicators.yaml"
    result = run("set", "throughput-rank", "5", "--year", "2023", "--source", "stats table 1",
                 "--peer", "Antwerp", "--new-peer", "--peer-kind", "port", "--data", port)
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "  - {id: antwerp, name: Antwerp, kind: port}\n" in text
    assert "as its name in en, kind port" in result.stderr


def test_the_horizon_and_language_complete_from_the_data():
    env = {"_SCORECARD_COMPLETE": "complete_bash", "COMP_CWORD": "5",
           "COMP_WORDS": f"scorecard gaps --data {PORT} --horizon ph"}
    result = runner.invoke(app, [], prog_name="scorecard", env=env)
    assert result.stdout.split() in (["phase1", "phase2"], ["plain,phase1", "plain,phase2"])
    env["COMP_WORDS"] = f"scorecard goals --data {PORT} --lang "
    result = runner.invoke(app, [], prog_name="scorecard", env=env)
    assert result.stdout.split()[-1].endswith("en")


CITIES = {"Shanghai", "上海", "Beijing", "Shenzhen", "Tokyo", "New York", "London", "Singapore",
          "Hong Kong", "Busan", "Seoul", "Paris"}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_names_no_city_and_no_data_of_the_bundled_strategy(command):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert not [c for c in CITIES if c in text]
    assert not CJK.search(text)
    assert not OTHER_HORIZONS.search(text)


def test_every_language_table_has_the_english_keys_and_placeholders():
    for lang, table in labels.TABLES.items():
        assert set(table) == set(labels.EN), lang
        for key, template in table.items():
            assert labels.placeholders(template) == labels.placeholders(labels.EN[key]), (lang, key)


def test_the_data_format_names_every_formula_reference_and_peer_kind():
    from scorecard.vocabulary import FORMULAS, PEER_KINDS, REFERENCES, YEAR_BASES

    text = " ".join((HERE.parent / "docs" / "data-format.md").read_text(encoding="utf-8").split())
    for name in (*FORMULAS, *REFERENCES, *YEAR_BASES):
        assert f"| `{name}` |" in text or f"`{name}`" in text, name
    assert ", ".join(PEER_KINDS) in text
