"""The scores of a frozen copy of the 0.2 bundled data do not move when the code changes.

`tests/data/bundled-0.2` is the repository's data as of 0.2; `tests/snapshots/gaps-<horizon>.json`
is `scorecard gaps -f json` on it at each horizon, taken with the 0.2 code. Every key the
snapshot holds must come out the same (new keys may be added).
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app

HERE = Path(__file__).parent
FROZEN = HERE / "data" / "bundled-0.2"


def _same(before, after, where="") -> list[str]:
    """Where `after` differs from `before`, keys only in `after` allowed."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k, v in before.items()
                for d in (_same(v, after[k], f"{where}.{k}") if k in after else [f"{where}.{k}: gone"])]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (x, y) in enumerate(zip(before, after)) for d in _same(x, y, f"{where}[{i}]")]
    return [] if before == after else [f"{where}: {before!r} → {after!r}"]


@pytest.mark.parametrize("horizon", ["near", "mid", "long"])
def test_gaps_json_on_the_frozen_data_is_as_before(horizon):
    result = CliRunner().invoke(app, ["gaps", "--data", str(FROZEN), "-f", "json", "-H", horizon,
                                      "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    before = json.loads((HERE / "snapshots" / f"gaps-{horizon}.json").read_text(encoding="utf-8"))
    assert _same(before, json.loads(result.stdout)) == []
