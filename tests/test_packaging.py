"""What the package promises about the versions it runs on, kept honest."""

import re
from pathlib import Path

REPO = Path(__file__).parent.parent


def _pairs(lines, pattern):
    return dict(m.groups() for line in lines if (m := re.match(pattern, line.strip())))


def test_the_oldest_versions_ci_tests_are_the_floors_pyproject_promises():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    floors = _pairs(block.splitlines(), r'"([\w-]+)>=([\w.]+)[",<]')
    pins = _pairs((REPO / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines(),
                  r"([\w-]+)==([\w.]+)$")
    assert floors == pins
    assert set(floors) == {"typer", "rich", "pydantic", "pyyaml", "jinja2"}
