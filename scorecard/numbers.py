"""How numbers are written: one function per purpose, used everywhere.

`number` is for people reading a table (24,090 · 1.22 · 83); `exact` for messages
that must give the figure as the data holds it (12.5, 1e-07, 24090), optionally
rounded; `year` for a year, which never takes a thousands separator.
"""

from __future__ import annotations


def number(value: float | None, digits: int = 2) -> str:
    """Figures as a reader writes them: 24,090 · 1.22 · 83 · – for none."""
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def exact(value: object, digits: int | None = None) -> str:
    """A figure in full, or rounded to `digits` decimals, with no grouping: 12.5, 1e-07, 24090."""
    if value is None:
        return "–"
    if isinstance(value, float):
        value = round(value, digits) if digits is not None else value
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


def year(value: int | None) -> str:
    return "–" if value is None else str(value)
