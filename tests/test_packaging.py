"""What the package promises about the versions it runs on, kept honest."""

import re
from pathlib import Path

REPO = Path(__file__).parent.parent


def _pairs(lines, pattern):
    return dict(m.groups() for line in lines if (m := re.match(pattern, line.strip())))


def _extra(pyproject: str, name: str) -> dict:
    line = next(line for line in pyproject.splitlines() if line.startswith(f"{name} = ["))
    return dict(re.findall(r'"([\w-]+)>=([\w.]+)"', line))


def test_the_oldest_versions_ci_tests_are_the_floors_pyproject_promises():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    floors = _pairs(block.splitlines(), r'"([\w-]+)>=([\w.]+)[",<]')
    pins = _pairs((REPO / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines(),
                  r"([\w-]+)==([\w.]+)$")
    assert set(floors) == {"typer", "rich", "pydantic", "pyyaml", "jinja2"}
    xlsx, tests = _extra(pyproject, "xlsx"), _extra(pyproject, "test")
    assert xlsx == {"openpyxl": "2.6.0"} and tests["openpyxl"] == xlsx["openpyxl"]
    # The tests' own runners (pytest, hypothesis) are not pinned; what the package uses is.
    assert pins == {**floors, **xlsx, "jsonschema": tests["jsonschema"]}
