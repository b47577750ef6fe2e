"""What the commands share once the options are parsed: loading the data, and checking
the choices the data makes (language, horizon, ids) with a did-you-mean.

Only typer and the standard library at the top: the loading and scoring stack is
imported when a command runs, so `scorecard --help` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from scorecard.cli import output

LANG_VARIABLE = "SCORECARD_LANG"


def load(data: Optional[Path]):
    """Load the dataset or exit 1 with every finding on stderr."""
    from scorecard.findings import DataError
    from scorecard.load.dataset import load as load_dataset
    from scorecard.load.dataset import locate

    where = locate(data)
    if where.origin == "bundled":
        output.say(f"scorecard: using the bundled data in {where.directory}")
    try:
        ds = load_dataset(where)
    except DataError as err:
        errors = sum(f.is_error for f in err.findings)
        raise output.fail(f"scorecard: {errors} error(s) in the data; nothing was scored",
                          found=err.findings) from None
    return ds


def check_id(kind: str, value: Optional[str], known) -> None:
    """Exit 2 when `value` is not one of `known`, with the closest ids or the list."""
    if value is not None and value not in known:
        from scorecard.findings import did_you_mean, listing

        hint = did_you_mean(value, known) or f"choose from: {listing(known)}"
        raise output.fail(f"scorecard: unknown {kind} {value!r}; {hint}", 2)


def language(ds, option: Optional[str], *, strict: bool = True) -> str:
    """The language to speak: --lang, else SCORECARD_LANG when the data has it, else the
    data's first language. An unknown --lang exits 2 (or, not `strict`, is said and replaced
    by the default)."""
    declared = ds.indicators_file.languages
    if option is not None and option not in declared:
        if strict:
            check_id("language", option, declared)
        output.say(f"scorecard: the data has no language {option!r} ({', '.join(declared)}); "
                   f"using {declared[0]}")
        return declared[0]
    if option is not None:
        return option
    personal = os.environ.get(LANG_VARIABLE)
    if personal and personal in declared:
        return personal
    if personal:
        output.say(f"scorecard: {LANG_VARIABLE}={personal!r} is not one of the data's languages "
                   f"({', '.join(declared)}); using {declared[0]}")
    return declared[0]


def horizon(ds, option: Optional[str]) -> str:
    """The horizon to score: --horizon, checked against the data, else the data's first."""
    if option is None:
        return next(iter(ds.horizons))
    check_id("horizon", option, ds.horizons)
    return option


def choices(what: str, data: Optional[Path]) -> list[str]:
    """The data's horizon ids or languages, for shell completion; none when it does not load."""
    from scorecard.findings import DataError
    from scorecard.load.dataset import load as load_dataset
    from scorecard.load.dataset import locate

    try:
        ds = load_dataset(locate(Path(data) if data else None))
    except (DataError, OSError):
        return []
    return list(ds.horizons) if what == "horizons" else list(ds.indicators_file.languages)
