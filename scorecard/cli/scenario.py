"""`--scenario FILE`: the data as a scenario describes it, for the commands that take the option.

Imported only when the option is given, so the other commands never load the scenario's
reading and scoring code.
"""

from __future__ import annotations

from pathlib import Path

from scorecard.cli import output


def suppose(ds, path: Path):
    """The dataset the scenario at `path` describes, or exit 1 with every finding on stderr.
    The scenario's warnings are said on stderr; nothing is written anywhere."""
    from scorecard.findings import DataError
    from scorecard.load.scenario import read
    from scorecard.score.scenario import apply

    try:
        scenario = read(path, ds)
    except DataError as err:
        errors = sum(f.is_error for f in err.findings)
        raise output.fail(f"scorecard: {errors} error(s) in the scenario {path}; nothing was scored",
                          found=err.findings) from None
    output.findings(scenario.warnings)
    return apply(ds, scenario)
