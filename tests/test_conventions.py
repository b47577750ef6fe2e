"""The conventions of a command line analysts like: --version, options before the command, an
environment default for the data, ids in any case, a did-you-mean, exit 2 for a usage error."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import COMMANDS, app

runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def test_version_prints_the_package_version():
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"scorecard {version('scorecard')}\n"


def test_data_and_lang_may_stand_before_the_command(mini):
    before = run("--data", mini, "--lang", "en", "gaps", "-f", "json")
    after = run("gaps", "-f", "json", "--data", mini, "--lang", "en")
    assert before.exit_code == 0, before.stderr
    assert before.stdout == after.stdout
    assert json.loads(before.stdout)["indicators"][0]["name"] == "Processing-trade settlement offshore"


def test_the_option_after_the_command_wins(mini, tmp_path):
    result = run("--lang", "zh", "--data", tmp_path / "nowhere", "goals", "--lang", "en", "--data", mini)
    assert result.exit_code == 0, result.stderr
    assert "Near term" in result.stdout


def test_scorecard_data_names_the_folder_and_stderr_says_so(mini, monkeypatch, tmp_path):
    port = tmp_path / "port"
    shutil.copytree(mini.parent / "port", port)
    monkeypatch.chdir(port)  # a folder with data of its own: the variable still wins
    monkeypatch.setenv("SCORECARD_DATA", str(mini))
    result = run("gaps", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == f"scorecard: using the data in {mini} (SCORECARD_DATA)\n"
    assert json.loads(result.stdout)["indicators"][0]["id"] == "offshore-settlement"
    assert run("gaps", "-f", "json", "--data", port).stderr == ""  # --data wins over the variable


def test_ids_and_choices_the_data_makes_are_found_in_any_case(mini):
    assert json.loads(run("show", "a1", "--data", mini, "-f", "json").stdout)["id"] == "A1"
    shown = json.loads(run("show", "Basic-Research-Share", "--data", mini, "-f", "json").stdout)
    assert shown["id"] == "basic-research-share"
    doc = json.loads(run("gaps", "--data", mini, "-f", "json", "-H", "LONG", "-s", "INNOVATION",
                         "--lang", "EN").stdout)
    assert doc["horizon"] == "long" and doc["indicators"][0]["name"] == "Basic research share of R&D"
    assert [r["id"] for r in doc["indicators"]] == ["basic-research-share", "fortune500"]


@pytest.mark.parametrize("args,message", [
    (["gaps", "--horizon", "nearr"], "scorecard: unknown horizon 'nearr'; did you mean 'near'?\n"),
    (["gaps", "--shortfall", "inovation"], "scorecard: unknown shortfall 'inovation'; did you mean 'innovation'?\n"),
    (["actions", "--programme", "empowr"], "scorecard: unknown programme 'empowr'; did you mean 'empower'?\n"),
    (["goals", "--lang", "eng"], "scorecard: unknown language 'eng'; did you mean 'en'?\n"),
    (["show", "A-1"], "scorecard: unknown id 'A-1'; did you mean 'A1'?\n"),
])
def test_an_unknown_value_the_data_chooses_from_exits_2_with_the_closest(mini, args, message):
    result = run(*args, "--data", mini)
    assert result.exit_code == 2 and result.stderr == message


@pytest.mark.parametrize("args", [["gaps", "-f", "jsno"], ["nosuchcommand"], ["set", "x", "1"],
                                  ["gaps", "--nosuchoption"]])
def test_every_usage_error_exits_2(mini, args):
    result = run(*args, "--data", mini)
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_diff_on_the_bundled_data_says_it_has_no_history(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCORECARD_DATA", raising=False)
    result = run("diff")
    assert result.exit_code == 2
    assert "the bundled data has no history to compare with" in result.stderr
    assert "scorecard init DIR" in result.stderr


def test_h_is_help_everywhere_and_no_option_takes_it():
    command = typer_command()
    for name, sub in command.commands.items():
        shorts = [o for p in sub.params for o in p.opts + p.secondary_opts if o == "-h"]
        assert shorts == [], name
        assert run(name, "-h").exit_code == 0, name
    assert set(command.commands) >= set(COMMANDS)


def typer_command():
    import typer.main

    return typer.main.get_command(app)
