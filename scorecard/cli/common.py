"""What the commands share once the options are parsed: finding and loading the data, and
checking the choices the data makes (language, horizon, ids) with a did-you-mean.

Only typer and the standard library at the top: the loading and scoring stack is
imported when a command runs, so `scorecard --help` stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Optional

from scorecard.cli import output

LANG_VARIABLE = "SCORECARD_LANG"
USAGE = 2  # the exit status of a usage error


def where(data: Optional[Path]):
    """The data folder to use: --data (after the command, or before it), else SCORECARD_DATA,
    else the current folder when it holds the data, else the bundled data. stderr says
    which when it is not obvious; a folder that was named but is not there exits 2."""
    from scorecard.load.dataset import DATA_VARIABLE, locate

    found = locate(data)
    named = {"option": "--data", "environment": DATA_VARIABLE}.get(found.origin)
    if named is not None and not found.directory.is_dir():
        what = "does not exist" if not found.directory.exists() else "is not a folder"
        raise output.fail(f"scorecard: {named} {found.directory}: the data folder {what}; name the "
                          "folder that holds indicators.yaml and actions.yaml", USAGE)
    if found.origin == "bundled":
        output.say(f"scorecard: using the bundled data in {found.directory}")
    elif found.origin == "environment":
        output.say(f"scorecard: using the data in {found.directory} ({DATA_VARIABLE})")
    return found


def load(data: Optional[Path]):
    """Load the dataset or exit 1 with every finding on stderr."""
    from scorecard.findings import DataError
    from scorecard.load.dataset import load as load_dataset

    try:
        ds = load_dataset(where(data))
    except DataError as err:
        errors = sum(f.is_error for f in err.findings)
        raise output.fail(f"scorecard: {errors} error(s) in the data; nothing was scored",
                          found=err.findings) from None
    return ds


def nothing_yet(ds) -> None:
    """Said when the data holds nothing to score yet (a dataset just made by `scorecard new`)."""
    if not ds.indicators:
        where = "" if ds.location.origin == "cwd" else f" --data {ds.location.directory}"
        output.say("scorecard: nothing to score yet: the data has no indicators. To add them from a "
                   f"spreadsheet: `scorecard export --template sheets sheets{where}` writes a sheet for each "
                   f"kind (sources, shortfalls, indicators, targets, figures, …); fill them in, then "
                   f"`scorecard import sheets{where}`")


def match(value: str, known: Iterable[str]) -> Optional[str]:
    """The id of `known` that `value` names, regardless of case (ids are unique regardless
    of case: `validate` sees to it); None when none does."""
    known = list(known)
    if value in known:
        return value
    folded = value.casefold()
    return next((k for k in known if k.casefold() == folded), None)


def check_id(kind: str, value: Optional[str], known) -> Optional[str]:
    """The id of `known` that `value` names, whatever its case; exit 2 when there is none,
    with the closest ids or the list."""
    if value is None:
        return None
    found = match(value, known)
    if found is None:
        from scorecard.findings import did_you_mean, listing

        hint = did_you_mean(value, known) or f"choose from: {listing(known)}"
        raise output.fail(f"scorecard: unknown {kind} {value!r}; {hint}", USAGE)
    return found


def language(ds, option: Optional[str], *, strict: bool = True) -> str:
    """The language to speak: --lang, else SCORECARD_LANG when the data has it, else the
    data's first language. An unknown --lang exits 2 (or, not `strict`, is said and replaced
    by the default)."""
    declared = ds.indicators_file.languages
    if option is not None and match(option, declared) is None:
        if strict:
            check_id("language", option, declared)
        output.say(f"scorecard: the data has no language {option!r} ({', '.join(declared)}); "
                   f"using {declared[0]}")
        return declared[0]
    if option is not None:
        return match(option, declared)
    personal = os.environ.get(LANG_VARIABLE)
    if personal and match(personal, declared):
        return match(personal, declared)
    if personal:
        output.say(f"scorecard: {LANG_VARIABLE}={personal!r} is not one of the data's languages "
                   f"({', '.join(declared)}); using {declared[0]}")
    return declared[0]


def horizon(ds, option: Optional[str]) -> str:
    """The horizon to score: --horizon, checked against the data, else the data's first."""
    if option is None:
        return next(iter(ds.horizons))
    return check_id("horizon", option, ds.horizons)


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
