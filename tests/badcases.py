"""The corpus of bad files under tests/bad/: assemble a case, run `validate` on it.

A case folder holds the files that differ from the mini fixture (`NAME.absent`
removes NAME) and `expected.txt`, the exact stderr of `scorecard validate --data .`
run inside the assembled folder. `SCORECARD_REGEN=1 pytest tests/test_bad_*.py`
rewrites the expected files; read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from scorecard.cli.app import app

HERE = Path(__file__).parent
BAD = HERE / "bad"
MINI = HERE / "data" / "mini"
EXPECTED = "expected.txt"


def cases(category: str) -> list[Path]:
    return sorted(p for p in (BAD / category).iterdir() if p.is_dir())


def assemble(case: Path, into: Path) -> Path:
    """The mini fixture with the case's files laid over it, in `into`."""
    for name in ("indicators.yaml", "actions.yaml"):
        shutil.copyfile(MINI / name, into / name)
    for item in case.iterdir():
        target = into / item.name
        if item.name == EXPECTED:
            continue
        if item.name.endswith(".absent"):
            (into / item.name.removesuffix(".absent")).unlink()
        elif item.is_dir():
            target.unlink()
            shutil.copytree(item, target)
        else:
            shutil.copyfile(item, target)
    return into


def validate(folder: Path, *args: str):
    """`scorecard validate --data .` from inside `folder`, so paths print relative."""
    old = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(app, ["validate", "--data", ".", *args])
    finally:
        os.chdir(old)


def check(case: Path, tmp_path: Path):
    """Run the case and compare with expected.txt; returns the result for further checks."""
    result = validate(assemble(case, tmp_path))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    expected_file = case / EXPECTED
    if os.environ.get("SCORECARD_REGEN"):
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected_file.read_text(encoding="utf-8")
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    errors = [line for line in lines if ": error[" in line]
    assert result.exit_code == (1 if errors else 0)
    assert lines[-1].endswith(f"{'invalid' if errors else 'valid'}, {len(errors)} error(s), "
                              f"{len(lines) - 1 - len(errors)} warning(s)")
    as_json = validate(tmp_path, "--format", "json")
    assert as_json.exit_code == result.exit_code
    doc = json.loads(as_json.stdout)
    assert doc["valid"] is not errors and doc["errors"] == len(errors)
    assert [_line(f) for f in doc["findings"]] == lines[:-1]
    return result


def _line(finding: dict) -> str:
    """A JSON finding written as validate writes it on stderr."""
    where = ":".join(str(x) for x in (finding["file"], finding["line"], finding["column"]) if x)
    at = f" (at {finding['path']})" if finding["path"] else ""
    return (f"{where}: {finding['severity']}[{finding['code']}]: {finding['message']}{at}; "
            f"{finding['hint']}")
