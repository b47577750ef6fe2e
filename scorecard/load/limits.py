"""How much a data file may hold before it is refused, and how a user raises that.

The limits keep a wrong file (a log, a disk image, /dev/zero behind a link)
from eating memory and time; they are checked before a byte is read. A real
dataset may outgrow them: `SCORECARD_MAX_BYTES` and `SCORECARD_MAX_VALUES`
raise them for one run or for good.
"""

from __future__ import annotations

import os

BYTES_VARIABLE = "SCORECARD_MAX_BYTES"
VALUES_VARIABLE = "SCORECARD_MAX_VALUES"
DEFAULT_BYTES = 1024 * 1024  # the bundled files are about 110 kB together
DEFAULT_VALUES = 100_000  # the bundled files hold about 10,000


class BadLimit(ValueError):
    """A limit set in the environment is not a whole number; the message says which."""


def _read(variable: str, default: int) -> int:
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    digits = text.replace("_", "")
    if not digits.isdigit() or not digits.isascii() or int(digits) < 1:
        raise BadLimit(f"{variable}={text!r} is not a whole number above 0; "
                       f"set it to a number such as {default * 16}, or unset it for {default:,}")
    return int(digits)


def max_bytes() -> int:
    """The largest data file read, in bytes."""
    return _read(BYTES_VARIABLE, DEFAULT_BYTES)


def max_values() -> int:
    """The most values (scalars, lists and mappings) one file may hold."""
    return _read(VALUES_VARIABLE, DEFAULT_VALUES)


def bytes_hint() -> str:
    return (f"check that this is the right file; a dataset this large needs "
            f"{BYTES_VARIABLE}=<bytes> set in the environment")


def values_hint() -> str:
    return (f"check for a runaway list; a dataset this large needs "
            f"{VALUES_VARIABLE}=<count> set in the environment")
