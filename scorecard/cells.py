"""A spreadsheet cell kept from being a formula, and read back as it was.

A text cell that a spreadsheet would evaluate (leading =, +, -, @, tab, CR or LF, or their
full-width forms that a Chinese input method types, after any blanks of any kind: a
spreadsheet skips them) is written with an apostrophe before it, the OWASP advice; an
import takes the apostrophe off again, so a sheet written by the tool reads back as the
text it came from.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def guarded(text: str) -> str:
    return "'" + text if text.lstrip().startswith(TRIGGERS) or text.startswith(TRIGGERS) else text


def unguarded(text: str) -> str:
    """A cell as it was before it was guarded."""
    rest = text[1:]
    if text.startswith("'") and (rest.lstrip().startswith(TRIGGERS) or rest.startswith(TRIGGERS)):
        return rest
    return text
