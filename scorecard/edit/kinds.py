"""The kinds of sheet that define a dataset's structure (docs/sheets.md): for each, the
list it fills, its columns and what each column holds.

One table serves both directions, so that what `export --sheets` writes is exactly what
`import` reads back: a field's column, its type, and the model attribute behind it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a cell holds: plain text, a label (one column per language), a whole number, a
# number, ids separated by ';', or one of a fixed set of words.
TEXT, LABEL, INT, NUMBER, IDS = "text", "label", "int", "number", "ids"


@dataclass(frozen=True)
class Field:
    name: str  # the column (a label's columns are name_<language>, or name)
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    """A kind of sheet: `file` and `key` the list it fills (None for targets, which live in
    their indicators), `fields` its columns in the order written."""

    name: str
    file: str | None
    key: str | None
    fields: tuple[Field, ...]
    id_column: str = "id"

    def field(self, column: str) -> Field | None:
        """The field a column of the header stands for (`name_de` → name)."""
        for f in self.fields:
            if column == f.name or (f.type == LABEL and column.startswith(f.name + "_")
                                    and LANGUAGE.fullmatch(column[len(f.name) + 1:])):
                return f
        return None


LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*")
_RELATIONS = ("<", "≤", "<=", ">", "≥", ">=", "≈", "~")

SOURCES = Kind("sources", "indicators", "sources", (
    Field("id", required=True), Field("title", LABEL, required=True), Field("year", INT), Field("authors"),
    Field("link"), Field("note")))
PEERS = Kind("peers", "indicators", "peers", (
    Field("id", required=True), Field("name", LABEL, required=True),
    Field("kind", choices=("city", "region", "exchange", "port", "airport", "country", "other"))))
SHORTFALLS = Kind("shortfalls", "indicators", "shortfalls", (
    Field("id", required=True), Field("name", LABEL, required=True), Field("gap", LABEL, required=True),
    Field("status_quo", LABEL), Field("source", required=True), Field("related", IDS)))
INDICATORS = Kind("indicators", "indicators", "indicators", (
    Field("id", required=True), Field("name", LABEL, required=True), Field("unit", LABEL, required=True),
    Field("definition", LABEL), Field("source"),
    Field("kind", choices=("count", "share", "amount", "ratio", "rank", "index")),
    Field("direction", choices=("higher", "lower")), Field("floor", NUMBER), Field("floor_reason"),
    Field("weight", NUMBER), Field("shortfalls", IDS, required=True), Field("unscored"),
    Field("source_priority", IDS), Field("conflict_note"), Field("note")))
TARGETS = Kind("targets", "indicators", None, (
    Field("indicator", required=True), Field("horizon"), Field("value", NUMBER),
    Field("relation", choices=_RELATIONS), Field("basis", required=True), Field("source"), Field("quote"),
    Field("reason")), id_column="indicator")
HORIZONS = Kind("horizons", "actions", "horizons", (
    Field("id", required=True), Field("name", LABEL, required=True), Field("year", INT, required=True),
    Field("year_basis", choices=("stated", "assumption")), Field("year_reason"), Field("goal", LABEL),
    Field("source")))
PROGRAMMES = Kind("programmes", "actions", "programmes", (
    Field("id", required=True), Field("name", LABEL, required=True), Field("summary", LABEL),
    Field("source", required=True)))
ACTIONS = Kind("actions", "actions", "actions", (
    Field("id", required=True), Field("name", LABEL, required=True), Field("programme", required=True),
    Field("source", required=True), Field("measures", LABEL, required=True),
    Field("status", choices=("unknown", "planned", "under_way", "done", "stalled")), Field("status_note"),
    Field("note"), Field("shortfall"), Field("indicator"), Field("reason")))

# In the order they are applied: what a later kind names, an earlier one may add.
STRUCTURE = (SOURCES, PEERS, SHORTFALLS, HORIZONS, INDICATORS, TARGETS, PROGRAMMES, ACTIONS)
BY_NAME = {k.name: k for k in STRUCTURE}
FIGURES = "figures"
NAMES = (*BY_NAME, FIGURES)

# A header's telling columns, tried in this order when the sheet's name says nothing.
_TELLING = (("basis", "targets"), ("value", FIGURES), ("title", "sources"), ("gap", "shortfalls"),
            ("unit", "indicators"), ("direction", "indicators"), ("year_basis", "horizons"), ("goal", "horizons"),
            ("measures", "actions"), ("programme", "actions"), ("summary", "programmes"),
            ("year", "horizons"), ("kind", "peers"))


def named(name: str) -> str | None:
    """The kind a sheet's or file's name says (`indicators`, `Indicator`, `02-targets`)."""
    word = re.sub(r"^[\d\s_.-]+", "", name.strip().casefold()).replace(" ", "_")
    for kind in NAMES:
        if word in (kind, kind.rstrip("s"), "programs" if kind == "programmes" else kind):
            return kind
    return None


def guessed(columns: list[str]) -> str | None:
    """The kind a header says, from its telling columns."""
    stems = {c.split("_")[0] if c.split("_")[0] in ("title", "gap", "goal", "measures", "summary", "unit")
             else c for c in columns}
    for column, kind in _TELLING:
        if column in stems:
            return kind
    return None
