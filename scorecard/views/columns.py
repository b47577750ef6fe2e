"""Columns and cells more than one view shows alike."""

from __future__ import annotations

from scorecard.numbers import exact
from scorecard.render.document import Column, number
from scorecard.views.labels import STATUS_STYLE, pick, word


def status_column(lang: str, **layout) -> Column:
    """A level band in words, coloured in a terminal."""
    return Column("status", word("status", lang), lambda r: pick("status", r["status"], lang),
                  style=lambda r: STATUS_STYLE.get(r["status"]), **layout)


def coverage_column(lang: str, **layout) -> Column:
    return Column("coverage", word("coverage", lang), lambda r: f"{r['covered']}/{r['total']}",
                  numeric=True, **layout)


def aggregate_score_column(lang: str, mark: bool = True) -> Column:
    """An aggregate's score, marked `!` when a member's sources disagree, and († with `mark`) when
    its row rests on a scenario."""
    def text(r):
        shown = number(r["score"], 1) + (" !" if r["conflict"] else "")
        return supposed(shown, r) if mark else shown
    return Column("score", word("score", lang), text, numeric=True)


def assumed(value: str, basis: str | None) -> str:
    """A target or year, starred when it is an assumption."""
    return value + ("*" if basis == "assumption" else "")


# Scenarios: the data as a scenario describes it carries `scenario` (score.scenario.Applied).

HYPOTHETICAL = "†"


class _Unmarked:
    """No row rests on a scenario: the data alone."""

    shortfalls = actions = frozenset()
    overall = False


def scenario(ds):
    """The scenario the data is scored under, or None for the data alone."""
    return getattr(ds, "scenario", None)


def marks(ds, card):
    """The rows of `card` that rest on the scenario (none without one)."""
    sc = scenario(ds)
    return sc.marks(card) if sc is not None else _Unmarked


def rests(ds, r) -> bool:
    """Does an indicator's row rest on the scenario?"""
    sc = scenario(ds)
    return sc is not None and sc.rests(r)


def is_hypothetical(point) -> bool:
    """Is this figure one the scenario supposes?"""
    return getattr(point, "hypothetical", False)


def supposed(text: str, row: dict) -> str:
    """A cell marked † when its row rests on a scenario."""
    return f"{text} {HYPOTHETICAL}" if row.get("scenario") else text


def _parameter(name: str, value) -> str:
    if isinstance(value, float) and (".fractions." in name or name.endswith(".reach")):
        from scorecard.views.targets import fraction

        return fraction(value)
    return exact(value)


def hypothetical(doc, ds, lang: str):
    """A document under a scenario: the title names it, the JSON describes it (`scenario`, null
    for the data alone), and the notes explain the mark and list the changed parameters."""
    sc = scenario(ds)
    if sc is None:
        doc.meta["scenario"] = None
        return doc
    doc.meta["scenario"] = {
        "name": sc.name(lang), "file": sc.file, "delivered": list(sc.delivered), "figures": sc.figures,
        "method": [{"parameter": p.name, "before": p.before, "after": p.after} for p in sc.parameters],
    }
    name = dict(name=sc.name(lang), file=sc.file)
    doc.title = word("scenario_title", lang, title=doc.title, **name) if doc.title \
        else word("scenario_only", lang, **name)
    notes = [word("note_scenario", lang, **name)]
    if sc.parameters:
        changed = [f"{p.name} {_parameter(p.name, p.before)} → {_parameter(p.name, p.after)}"
                   for p in sc.parameters]
        notes.append(word("note_scenario_method", lang, changes="; ".join(changed)))
    doc.notes = [*notes, *doc.notes]
    return doc
