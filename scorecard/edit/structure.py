"""Sheets of entries (sources, peers, shortfalls, horizons, indicators, targets, programmes,
actions) planned on the models, then turned into text edits of the two files.

A row whose id is new adds an entry at the end of its list; a row whose id is known sets
each field its sheet has a column for, where the cell differs from the data, and leaves
every other field, line and comment alone. A row that changes nothing plans nothing, so
sheets exported from the data import back as no edit at all.

Each problem of a row is a finding at its sheet, row and column; the entries planned here
are what the validated text must come back as (`Structure.expected`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scorecard import findings as F
from scorecard.edit import kinds, text
from scorecard.edit.kinds import IDS, INT, LABEL, NUMBER
from scorecard.edit.sheet import Row, Sheet, column_key
from scorecard.load.dataset import Dataset
from scorecard.load.yamltree import CHILDREN, is_scalar
from scorecard.model import (Action, Addresses, HorizonGoal, Indicator, Moves, Peer, Programme, RuleUse,
                             Shortfall, Source, Status, Target, Text)
from scorecard.numbers import exact

_MODELS = {"sources": Source, "peers": Peer, "shortfalls": Shortfall, "indicators": Indicator,
           "horizons": HorizonGoal, "programmes": Programme, "actions": Action}
_FILES = {"sources": "indicators", "peers": "indicators", "shortfalls": "indicators", "indicators": "indicators",
          "horizons": "actions", "programmes": "actions", "actions": "actions"}
# The keys a new list is written after, when its file has none yet.
_AFTER = {"sources": ("method", "languages", "subject"), "peers": ("sources",), "shortfalls": ("peers", "sources"),
          "indicators": ("shortfalls",), "horizons": (), "programmes": ("horizons",), "actions": ("programmes",)}
_TARGET_KEYS = ("value", "relation", "basis", "source", "quote", "reason")
_GONE = object()  # a column the sheet does not have: the field is left as it is


class Problems(Exception):
    """Rows that cannot be planned, each a finding at its sheet, row and column."""

    def __init__(self, findings: list[F.Finding]):
        super().__init__(f"{len(findings)} problem(s)")
        self.findings = findings


@dataclass
class Origin:
    """The row an entry of the data was planned from, to say a finding about it there."""

    sheet: Sheet
    row: Row


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Structure:
    """The rows of every sheet of entries planned on one dataset's models, in the order of
    `edit.kinds.STRUCTURE`, with the problems they have (`found`) and, once `finish`ed, the
    text edits of each file."""

    ds: Dataset
    lists: dict = field(default_factory=dict)  # list key → its entries as planned
    edits: dict = field(default_factory=lambda: {"indicators": [], "actions": []})
    found: list[F.Finding] = field(default_factory=list)
    origins: dict = field(default_factory=dict)  # (file, dotted path) → Origin
    tallies: dict = field(default_factory=dict)  # kind → Tally
    _new: dict = field(default_factory=dict)  # list key → new entries' items, as written
    _changed: dict = field(default_factory=dict)  # (key, index) → {field: value}
    _targets: dict = field(default_factory=dict)  # indicator index → {horizon: Target}, changed ones
    _ids: dict = field(default_factory=dict)  # list key → {id in lower case: index}

    def __post_init__(self):
        files = {"indicators": self.ds.indicators_file, "actions": self.ds.actions_file}
        for key, file in _FILES.items():
            self.lists[key] = list(getattr(files[file], key))
        self.languages = self.ds.indicators_file.languages

    # Rows → planned entries. ---------------------------------------------------------------

    def add(self, kind: kinds.Kind, sheet: Sheet) -> None:
        tally = self.tallies.setdefault(kind.name, Tally())
        for column, at in sheet.columns.items():  # a label's text in a language the data lacks would be lost
            f = kind.field(column)
            language = column[len(f.name) + 1:] if f.type == LABEL and column != f.name else None
            if language and f"{f.name}_{language}" not in (column_key(f"{f.name}_{lang}") for lang in self.languages):
                self.found.append(F.make(F.LABEL_LANGUAGES, sheet.path, f"column {column!r}: the data has no "
                                         f"language {language!r}", pos=(sheet.header, at),
                                         hint=f"its languages are {', '.join(self.languages)}: rename the column, "
                                         "or add the language to `languages:` in indicators.yaml first"))
        if kind is kinds.TARGETS:
            return self._targets_sheet(sheet, tally)
        seen: dict[str, Row] = {}
        links: dict[str, list] = {}
        for row in sheet.rows:
            ident = row.get("id")
            if ident is None:
                self._say(F.SCHEMA_MISSING, sheet, row, "id", "the row has no id")
                continue
            folded = ident.casefold()
            if folded in seen:
                if kind is kinds.ACTIONS and not _entry_cells(row):
                    links[folded].append(row)
                    continue
                self._say(F.ID_DUPLICATE, sheet, row, "id", f"{ident!r} is given twice in this sheet (first in "
                          f"row {seen[folded].number})", "keep one row for each id" +
                          ("; a further link of an action leaves all but id, shortfall or indicator and reason "
                           "blank" if kind is kinds.ACTIONS else ""))
                continue
            seen[folded] = row
            links[folded] = [row]
        for folded, row in seen.items():
            self._entry(kind, sheet, row, links[folded], tally)

    def _entry(self, kind: kinds.Kind, sheet: Sheet, row: Row, rows: list[Row], tally: Tally) -> None:
        key = kind.key
        listed = self.lists[key]
        ident = row.get("id")
        ids = self._ids.get(key)
        if ids is None:
            ids = self._ids[key] = {x.id.casefold(): i for i, x in enumerate(listed)}
        index = ids.get(ident.casefold())
        old = listed[index] if index is not None else None
        values = {}
        for f in kind.fields:
            if f.name in ("id", "shortfall", "indicator", "reason", "status_note"):
                continue
            got = self._cell(kind, f, sheet, row, old)
            if got is not _GONE:
                values[f.name] = got
        if kind is kinds.ACTIONS:
            values.update(self._links(sheet, rows, old))
            if "status" in values or "status_note" in sheet.columns:
                values["status"] = self._status(sheet, row, old, values.pop("status", _GONE))
        if any(v is _BAD for v in values.values()):
            return
        blank = {k for k, v in values.items() if v is None}
        if old is not None:
            for k in blank:
                values[k] = _MODELS[key].model_fields[k].get_default(call_default_factory=True)
        if old is None:
            missing = [f.name for f in kind.fields if f.required and values.get(f.name) is None
                       and f.name not in ("id", "shortfall", "indicator", "reason")]
            if kind is kinds.ACTIONS and not values.get("shortfalls"):
                missing.append("shortfall")
            for name in missing:
                self._say(F.SCHEMA_MISSING, sheet, row, name, f"a new {kind.name[:-1]} needs its {name}")
            if missing:
                return
            fields = {"id": ident, **{k: v for k, v in values.items() if v is not None}}
            entry = _MODELS[key].model_construct(**fields)
            new = _defaults(_MODELS[key], entry)
            listed.append(new)
            index = ids[ident.casefold()] = len(listed) - 1
            self._new.setdefault(key, []).append(index)
            tally.added += 1
        else:
            changed = {k: v for k, v in values.items() if not _same(v, getattr(old, k))}
            if not changed:
                tally.unchanged += 1
                self._origin(key, index, sheet, row)
                return
            required = [k for k in blank if _MODELS[key].model_fields[k].is_required()]
            for name in required:
                self._say(F.SCHEMA_MISSING, sheet, row, name, f"{name} cannot be blank")
            if required:
                return
            listed[index] = old.model_copy(update=changed)
            self._changed.setdefault((key, index), {}).update(
                {k: (_DROP if k in blank else v) for k, v in changed.items()})
            tally.updated += 1
        self._origin(key, index, sheet, row)

    def _cell(self, kind, f: kinds.Field, sheet: Sheet, row: Row, old):
        """A field's new value from its cells: `_GONE` when the sheet has no column for it,
        None when blank, `_BAD` when it cannot be read (said)."""
        if f.type == LABEL:
            return self._label(f.name, sheet, row, getattr(old, f.name, None) if old is not None else None)
        if f.name not in sheet.columns:
            return _GONE
        cell = row.get(f.name)
        if cell is None:
            return None
        if f.choices and cell not in f.choices:
            folded = next((c for c in f.choices if c.casefold() == cell.casefold()), None)
            if folded is None:
                return self._bad(F.SCHEMA_VALUE, sheet, row, f.name, f"{f.name} is {cell!r}; one of "
                                 f"{', '.join(f.choices)}")
            cell = folded
        if f.type == INT:
            number = _number(cell)
            if number is None or not number.is_integer():
                return self._bad(F.SCHEMA_TYPE, sheet, row, f.name, f"{f.name} {cell!r} is not a whole number")
            return int(number)
        if f.name == "floor" and cell.casefold() == "worst":
            return "worst"
        if f.type == NUMBER:
            number = _number(cell)
            if number is None:
                return self._bad(F.SCHEMA_TYPE, sheet, row, f.name, f"{f.name} {cell!r} is not a number")
            return number
        if f.type == IDS:
            return [part.strip() for part in cell.replace("；", ";").split(";") if part.strip()] or None
        return cell

    def _label(self, name: str, sheet: Sheet, row: Row, old: Text | None):
        """A label from its columns: `name_<language>` for each language that has one, `name`
        for the others; a language with neither keeps the old text."""
        own = {lang: column_key(f"{name}_{lang}") for lang in self.languages}
        if name not in sheet.columns and not any(c in sheet.columns for c in own.values()):
            return _GONE
        texts = {}
        for lang in self.languages:
            column = own[lang] if own[lang] in sheet.columns else name if name in sheet.columns else None
            if column is not None:
                texts[lang] = row.get(column)
            elif old is not None:
                texts[lang] = old.get(lang) if lang in (old.languages or self.languages) else None
            else:
                texts[lang] = None
        given = {lang: t for lang, t in texts.items() if t}
        if not given:
            return None
        missing = [lang for lang in self.languages if lang not in given]
        if missing:
            column = next(c for c in (*own.values(), name) if c in sheet.columns)
            return self._bad(F.LABEL_LANGUAGES, sheet, row, column, f"{name} has no text in "
                             f"{', '.join(missing)}", f"fill {', '.join(own[lang] for lang in missing)} (or a "
                             f"{name} column for every language)")
        if old is not None and all(old.get(lang) == given[lang] for lang in self.languages) \
                and (old.languages is None or set(old.languages) == set(self.languages)):
            return old
        if len(self.languages) == 1:
            return Text(given[self.languages[0]])
        return Text(given)

    def _links(self, sheet: Sheet, rows: list[Row], old: Action | None) -> dict:
        """An action's links: a `shortfall` or `indicator` and its `reason` on each of its rows."""
        shortfalls, indicators = [], []
        has = [c for c in ("shortfall", "indicator") if c in sheet.columns]
        if not has:
            return {}
        for row in rows:
            reason = row.get("reason")
            for column, into, model in (("shortfall", shortfalls, Addresses), ("indicator", indicators, Moves)):
                ident = row.get(column)
                if ident is None:
                    continue
                if model is Addresses and reason is None:
                    self._say(F.SCHEMA_MISSING, sheet, row, "reason", f"the link to {ident!r} has no reason",
                              "say in a few words why the action addresses it")
                    return {"shortfalls": _BAD}
                into.append(model.model_construct(id=ident, reason=reason))
        out = {}
        if "shortfall" in has:
            out["shortfalls"] = shortfalls or None
        if "indicator" in has:
            out["indicators"] = indicators
        if old is not None:  # a link written without its reason (the older form) reads back the same
            for key in out:
                if out[key] and _same(out[key], getattr(old, key)):
                    out[key] = getattr(old, key)
        return out

    def _status(self, sheet: Sheet, row: Row, old: Action | None, state) -> Status:
        before = old.status if old is not None else Status()
        state = before.state if state is _GONE else (state or "unknown")
        note = before.note if "status_note" not in sheet.columns else row.get("status_note")
        if state == before.state and note == before.note:
            return before
        return Status.model_construct(**{**_set(before), "state": state, "note": note})

    def _targets_sheet(self, sheet: Sheet, tally: Tally) -> None:
        horizons = {h.id.casefold(): h.id for h in self.lists["horizons"]}
        indicators = {x.id.casefold(): i for i, x in enumerate(self.lists["indicators"])}
        rules = self.ds.indicators_file.method.rules
        seen: dict[tuple, Row] = {}
        for row in sheet.rows:
            ident = row.get("indicator")
            index = indicators.get((ident or "").casefold())
            if index is None:
                hint = F.did_you_mean(ident or "", [x.id for x in self.lists["indicators"]]) or \
                    "add it in the indicators sheet first"
                self._say(F.REF_UNKNOWN, sheet, row, "indicator", f"unknown indicator {ident!r}", hint)
                continue
            ind = self.lists["indicators"][index]
            basis = row.get("basis")
            if basis is not None and basis.casefold() not in ("stated", "assumption"):
                self._rule(sheet, row, index, ind, basis, rules, tally, seen)
                continue
            h = row.get("horizon")
            horizon = horizons.get((h or "").casefold())
            if horizon is None:
                declared = ", ".join(horizons.values()) or "none yet"
                self._say(F.REF_UNKNOWN, sheet, row, "horizon", f"horizon {h!r} is not declared" if h else
                          "the row has no horizon", f"the horizons are {declared} (the horizons sheet or "
                          "actions.yaml declares them)")
                continue
            if (index, horizon) in seen:
                self._say(F.ID_DUPLICATE, sheet, row, "horizon", f"{ind.id} has a second {horizon} target in this "
                          f"sheet (first in row {seen[(index, horizon)].number})", "keep one row for each target")
                continue
            seen[(index, horizon)] = row
            fields = {}
            for name in _TARGET_KEYS:
                f = kinds.TARGETS.field(name)
                got = self._cell(kinds.TARGETS, f, sheet, row, None)
                if got is not _GONE and got is not None:
                    fields[name] = got
            if any(v is _BAD for v in fields.values()):
                continue
            if basis is not None and basis.casefold() in ("stated", "assumption"):
                fields["basis"] = basis.casefold()
            for name in ("value", "basis", "reason"):
                if name not in fields:
                    self._say(F.SCHEMA_MISSING, sheet, row, name, f"the target has no {name}",
                              "a target rule's row leaves value and horizon blank and names the rule in basis"
                              if name == "basis" else "")
            if not all(name in fields for name in ("value", "basis", "reason")):
                continue
            target = Target.model_construct(**fields)
            old = ind.targets.get(horizon)
            self._origin("indicators", index, sheet, row, f".targets.{horizon}")
            if old is not None and _same(target, old):
                tally.unchanged += 1
                continue
            tally.added += old is None
            tally.updated += old is not None
            self._targets.setdefault(index, {})[horizon] = target
            targets = {**ind.targets, horizon: target}
            self.lists["indicators"][index] = ind.model_copy(update={"targets": targets})

    def _rule(self, sheet, row, index, ind, basis, rules, tally, seen) -> None:
        if basis not in rules:
            hint = F.did_you_mean(basis, [*rules, "stated", "assumption"]) or \
                f"basis is stated, assumption or a rule of method.rules ({', '.join(rules) or 'none declared'})"
            self._say(F.REF_UNKNOWN, sheet, row, "basis", f"{basis!r} is no target rule", hint)
            return
        if row.get("value") or row.get("horizon"):
            self._say(F.SCHEMA_VALUE, sheet, row, "value" if row.get("value") else "horizon",
                      f"a row naming the rule {basis!r} computes the targets: it has no value or horizon",
                      "leave value and horizon blank, or write the target with basis stated or assumption")
            return
        if (index, None) in seen:
            self._say(F.ID_DUPLICATE, sheet, row, "basis", f"{ind.id} names a rule twice in this sheet")
            return
        seen[(index, None)] = row
        self._origin("indicators", index, sheet, row, ".rule")
        if ind.rule_name == basis:
            tally.unchanged += 1
            return
        tally.added += ind.rule is None
        tally.updated += ind.rule is not None
        self.lists["indicators"][index] = ind.model_copy(update={"rule": basis})
        self._changed.setdefault(("indicators", index), {})["rule"] = basis

    # Problems. -------------------------------------------------------------------------------

    def _say(self, kind: F.Kind, sheet: Sheet, row: Row, column: str, message: str, hint: str = "") -> None:
        self.found.append(sheet.finding(kind, row.number, column, message, hint or "correct the cell and import again"))

    def _bad(self, *args):
        self._say(*args)
        return _BAD

    def _origin(self, key: str, index: int, sheet: Sheet, row: Row, tail: str = "") -> None:
        self.origins[(_FILES[key], f"{key}[{index}]{tail}")] = Origin(sheet, row)

    def located(self, found: list[F.Finding], files: dict) -> list[F.Finding]:
        """Findings about entries planned from a row, said at that row (and the column of the
        field at fault, when the sheet has one); the others as they are."""
        import dataclasses
        import re

        out = []
        by_file = {str(path): name for name, path in files.items()}
        for f in found:
            name = by_file.get(f.file)
            best = max((p for (n, p) in self.origins if n == name and (f.path == p or f.path.startswith(
                (p + ".", p + "[")))), key=len, default=None)
            if best is None:
                out.append(f)
                continue
            origin = self.origins[(name, best)]
            rest = f.path[len(best):].lstrip(".")
            column = re.split(r"[.\[]", rest)[0] if rest else ""
            if best.endswith(".rule") or ".targets." in best:
                column = column or "value"
            at = _column_of(origin.sheet, column)
            out.append(dataclasses.replace(f, file=str(origin.sheet.path), line=origin.row.number, column=at,
                                           path=""))
        return out

    # Planned entries → text edits. ----------------------------------------------------------------

    def finish(self, trees: dict) -> None:
        """The planned entries as text edits against each file's one parse (`trees`, by file)."""
        self.trees = trees
        for (key, index), changed in self._changed.items():
            if index in self._new.get(key, ()):
                continue
            tree, base = self.trees[_FILES[key]], (key, index)
            order = tuple(_MODELS[key].model_fields)
            for name, value in changed.items():
                path = (*base, name)
                if value is _DROP or value is None or value == []:
                    if tree.mark(path) is not None:
                        self.edits[_FILES[key]].append(text.DropKey(path))
                    continue
                follows = order[:order.index(name)]
                self.edits[_FILES[key]].append(text.SetKey(base, name, _written(value), follows))
        for index, targets in self._targets.items():
            if index in self._new.get("indicators", ()):
                continue
            tree, base = self.trees["indicators"], ("indicators", index)
            there = tree.mark((*base, "targets"))
            if there is not None and not is_scalar(there) and there[CHILDREN]:
                for h, target in targets.items():
                    self.edits["indicators"].append(text.SetKey((*base, "targets"), h, _written(target)))
            else:
                whole = self.lists["indicators"][index].targets
                order = tuple(Indicator.model_fields)
                block = "".join(f"\n  {h}: {_written(t)}" for h, t in whole.items())
                self.edits["indicators"].append(text.SetKey(base, "targets", block, order[:order.index("targets")]))
        for key, indexes in self._new.items():
            items = [_item(self.lists[key][i]) for i in indexes]
            self.edits[_FILES[key]].append(text.Insert((key,), indexes[0], items[0], _AFTER[key], block=True,
                                                       also=tuple(items[1:])))

    def expected(self, file: str) -> dict[str, list]:
        """The lists of `file` as planned: what the validated text must come back as."""
        return {key: self.lists[key] for key, name in _FILES.items() if name == file}

    @property
    def planned(self) -> bool:
        return bool(self._changed or self._targets or self._new)


_BAD = object()
_DROP = object()  # a blank cell: the field goes back to its default, its key out of the text


def _column_of(sheet: Sheet, field: str) -> int:
    if field in sheet.columns:
        return sheet.columns[field]
    named = [c for c in sheet.columns if c.startswith(field + "_")]
    if named:
        return sheet.columns[named[0]]
    if field == "shortfalls" and "shortfall" in sheet.columns:
        return sheet.columns["shortfall"]
    return sheet.columns.get("id", sheet.columns.get("indicator", 1))


def _entry_cells(row: Row) -> bool:
    """Whether an action's row gives more than one further link."""
    return any(text for name, (text, _) in row.cells.items()
               if name not in ("id", "shortfall", "indicator", "reason"))


def _number(cell: str) -> float | None:
    try:
        number = float(cell.replace(",", "") if cell.count(",") and "." in cell else cell)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _plain(value):
    if isinstance(value, (Text,)):
        return value.root
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _same(a, b) -> bool:
    if isinstance(b, RuleUse):
        b = b.use
    return _plain(a) == _plain(b)


def _set(model) -> dict:
    return {k: getattr(model, k) for k in type(model).model_fields}


def _defaults(model_class, entry):
    """A constructed entry with its unset fields at their defaults."""
    return model_class.model_construct(**{**{k: f.get_default(call_default_factory=True)
                                             for k, f in model_class.model_fields.items()
                                             if not f.is_required()},
                                          **{k: getattr(entry, k) for k in entry.model_fields_set}})


def _written(value) -> str:
    """A planned value as the text writes it."""
    return text.scalar(_yaml(value))


def _yaml(value):
    if isinstance(value, float):
        return text.Raw(exact(value))
    if isinstance(value, Text):
        return value.root
    if isinstance(value, (Target, Status, Addresses, Moves)):
        return {k: _yaml(v) for k, v in _set(value).items() if v is not None}
    if isinstance(value, list):
        return [_yaml(v) for v in value]
    if isinstance(value, dict):
        return {k: _yaml(v) for k, v in value.items()}
    return value


def _item(entry) -> dict:
    """A new entry as written: its fields in the model's order, those left at their default
    (and an empty status) left out."""
    out = {}
    for name, f in type(entry).model_fields.items():
        value = getattr(entry, name)
        if value is None or (not f.is_required() and value == f.get_default(call_default_factory=True)):
            continue
        out[name] = _yaml(value)
    return out
