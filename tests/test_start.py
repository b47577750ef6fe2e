"""`scorecard init` starts one's own copy of the data; `scorecard schema` gives the JSON Schema an
editor completes it from, and a real validator accepts the data with it."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.load import yamltree
from scorecard.load.dataset import bundled_directory

jsonschema = pytest.importorskip("jsonschema")
DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def schema(which: str) -> dict:
    result = run("schema", which)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def errors(which: str, path: Path) -> list[str]:
    """What a draft-07 validator finds in a data file read as YAML 1.2, as editors read it."""
    data = yamltree.parse(path.read_bytes(), path).data
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in jsonschema.Draft7Validator(schema(which)).iter_errors(data)]


def test_init_copies_the_data_with_the_schemas_beside_it_and_says_what_next(tmp_path):
    result = run("init", tmp_path / "mine")
    assert result.exit_code == 0, result.stderr
    mine = tmp_path / "mine"
    assert sorted(p.name for p in mine.iterdir()) == [
        "actions.schema.json", "actions.yaml", "indicators.schema.json", "indicators.yaml"]
    for which in ("indicators", "actions"):
        first, rest = (mine / f"{which}.yaml").read_text(encoding="utf-8").split("\n", 1)
        assert first == f"# yaml-language-server: $schema={which}.schema.json"  # a path relative to the file
        assert rest == (bundled_directory() / f"{which}.yaml").read_text(encoding="utf-8")
        assert json.loads((mine / f"{which}.schema.json").read_text(encoding="utf-8")) == schema(which)
    assert "Next:" in result.stderr and "scorecard import figures.csv" in result.stderr
    checked = run("validate", "--data", mine)
    assert checked.exit_code == 0 and ": valid, 0 error(s)," in checked.stderr
    assert "figure-no-quote" not in checked.stderr  # every bundled figure quotes its words


def test_init_overwrites_nothing(tmp_path):
    (tmp_path / "actions.yaml").write_text("mine\n", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (f"scorecard: {tmp_path} already has actions.yaml; nothing was written (give "
                             "another folder, or move those away first)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions.yaml"]
    assert (tmp_path / "actions.yaml").read_text(encoding="utf-8") == "mine\n"


def test_the_schemas_are_draft_07_and_describe_every_key():
    for which in ("indicators", "actions"):
        made = schema(which)
        assert made["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(made)
        assert "$defs" not in json.dumps(made)  # draft-07 keeps its definitions under `definitions`
    indicator = schema("indicators")["definitions"]["Indicator"]
    assert indicator["additionalProperties"] is False
    assert {"id", "name", "observations", "benchmarks", "targets", "rule"} <= set(indicator["properties"])


@pytest.mark.parametrize("folder", ["bundled", "mini", "rules", "port", "commented"])
def test_the_data_validates_against_the_schema(folder):
    where = bundled_directory() if folder == "bundled" else DATA / folder
    for which in ("indicators", "actions"):
        assert errors(which, where / f"{which}.yaml") == []


def test_the_schema_flags_a_misspelt_key_as_an_editor_would(tmp_path):
    path = tmp_path / "indicators.yaml"
    text = (DATA / "mini" / "indicators.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("    kind: share\n", "    knid: share\n", 1), encoding="utf-8")
    assert errors("indicators", path) == [
        "indicators/0: Additional properties are not allowed ('knid' was unexpected)"]
