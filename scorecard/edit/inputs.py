"""What the user typed on the command line → values fit to write, or a plain refusal.

Python's `float()` accepts `nan`, `inf`, `1_000` and surrounding blanks; a
statistic is none of those, so numbers are matched against the forms people
write and anything else is refused with a hint.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from scorecard.load.yamltree import underflows

_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


class BadInput(ValueError):
    """A value the user typed cannot be used; the message says why and what to type."""


def number(typed: str) -> tuple[str, float]:
    """The text to write and the value it reads back as.

    A plain decimal is written as typed, trailing zeros included (`12.30`
    records the precision of the statistic); any other form (`+5`, `1e3`,
    `012`) is written as a plain decimal with the same value.
    """
    text = typed.strip()
    if not _NUMBER.fullmatch(text):
        raise BadInput(f"{typed!r} is not a number; {_number_hint(text)}")
    value = float(text)
    if not math.isfinite(value):
        raise BadInput(f"{typed!r} is too large to be a number")
    if underflows(text):
        raise BadInput(f"{typed!r} is too close to 0 to be stored: it would be written as 0; "
                       "type 0 if that is meant")
    if _PLAIN_DECIMAL.fullmatch(text):
        return text, value
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value)), value
    return format(Decimal(repr(value)), "f"), value


def _number_hint(text: str) -> str:
    low = text.lower().lstrip("+-.")
    if low in ("nan", "inf", "infinity"):
        return "NaN and infinity are not statistics; leave the year out when there is no figure"
    if re.fullmatch(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", text):
        return f"write it without thousands separators, e.g. {text.replace(',', '')}"
    if re.fullmatch(r"[-+]?[0-9]+,[0-9]+", text):
        return f"use a dot for decimals, e.g. {text.replace(',', '.')}"
    if re.match(r"[-+]?[0-9.]+\s*\S", text):
        return "write the number alone, without its unit (the unit belongs to the indicator)"
    return "write a plain number, e.g. 12.5"


def text(typed: str, what: str) -> str:
    """A one-line label or citation: no control characters, no bytes that were not UTF-8."""
    value = typed.strip()
    if not value:
        raise BadInput(f"the {what} is empty")
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ch in "\u2028\u2029":
            raise BadInput(f"the {what} {typed!r} holds the character U+{ord(ch):04X}; "
                           "type it again without control characters")
    return value


def slug(name: str) -> str:
    """A peer id from its name: `New York` → `new-york`; '' when nothing Latin is left."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:64]


def relation(typed: str) -> str:
    """A figure's relation to the true value as the data writes it (`<`, `≤`, `>`, `≥`, `≈`,
    or `<=`, `>=`, `~`); '' (or `=`) for an exact figure."""
    from scorecard.model import RELATIONS

    value = typed.strip()
    if value in ("", "="):
        return ""
    if value not in RELATIONS:
        raise BadInput(f"{typed!r} is not a relation; write one of {', '.join(RELATIONS)}, or = for an "
                       "exact figure")
    return value
