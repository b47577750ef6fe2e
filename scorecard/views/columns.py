"""Columns and cells more than one view shows alike."""

from __future__ import annotations

from scorecard.render.document import Column, number
from scorecard.views.labels import STATUS_STYLE, pick, word


def status_column(lang: str, **layout) -> Column:
    """A level band in words, coloured in a terminal."""
    return Column("status", word("status", lang), lambda r: pick("status", r["status"], lang),
                  style=lambda r: STATUS_STYLE.get(r["status"]), **layout)


def coverage_column(lang: str, **layout) -> Column:
    return Column("coverage", word("coverage", lang), lambda r: f"{r['covered']}/{r['total']}",
                  numeric=True, **layout)


def aggregate_score_column(lang: str) -> Column:
    """An aggregate's score, marked `!` when a member's sources disagree."""
    return Column("score", word("score", lang),
                  lambda r: number(r["score"], 1) + (" !" if r["conflict"] else ""), numeric=True)


def assumed(value: str, basis: str | None) -> str:
    """A target or year, starred when it is an assumption."""
    return value + ("*" if basis == "assumption" else "")
