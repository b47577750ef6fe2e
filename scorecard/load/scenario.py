"""A scenario file: hypothetical figures, and method parameters changed, checked against the data.

A scenario is read as the data is read: through the one reader and the one parser, with
the schema's findings placed at file, line and column. It is then checked against the
dataset it will be applied to: the actions, indicators, peers, rules and horizons it names
exist (an unknown one comes with the closest ids), each figure is one to come (after the
data's latest figure of its series, and no later than the last horizon's year), possible
for its indicator's kind and given once, and the method with the scenario's parameters is
still a valid method. Nothing here writes anywhere: `score.scenario.apply` builds the dataset
the scenario describes, in memory.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, ValidationError

from scorecard import findings as F
from scorecard.load import reader, schema, yamltree
from scorecard.load.checks import impossible
from scorecard.load.yamltree import Tree, dotted
from scorecard.model import Bands, Digits, Kind, Method, Relation, Rule, RuleParameters, Strict, Text

if TYPE_CHECKING:
    from scorecard.load.dataset import Dataset


class Figure(Strict):
    """A hypothetical figure: the subject's value of an indicator in a year to come, or a peer's."""

    indicator: str
    peer: str | None = None
    year: int = Field(ge=1900, le=2100)
    value: float
    relation: Relation | None = None
    note: str | None = None


class Delivered(Strict):
    """An action the scenario assumes delivered, with the figures it would bring: the action
    itself invents no number."""

    action: str
    figures: list[Figure] = Field(min_length=1)
    note: str | None = None


class BandsChange(Strict):
    """Band edges the scenario moves; those left out stay as the data declares them."""

    challenges_remain: float | None = Field(default=None, gt=0, lt=100)
    moderate_challenges: float | None = Field(default=None, gt=0, lt=100)
    significant_challenges: float | None = Field(default=None, gt=0, lt=100)


class MethodChange(Strict):
    """The method parameters a scenario may change; anything left out is as the data declares it.
    A rule's parameters are those an indicator may override (`fractions` merge by horizon)."""

    bands: BandsChange | None = None
    coverage: float | None = Field(default=None, gt=0, le=1)
    base_year: int | None = Field(default=None, ge=1900, le=2100)
    digits: dict[Kind, Digits] | None = None
    rules: dict[str, RuleParameters] = Field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return bool(_given(self.bands) or self.coverage is not None or self.base_year is not None
                    or self.digits or any(_given(r) for r in self.rules.values()))

    def bands_over(self, bands: Bands) -> Bands:
        """The data's band edges with the scenario's in their place (raises `ValidationError`
        when they no longer rise)."""
        given = _given(self.bands)
        if not given:
            return bands
        merged = Bands.model_validate({**_values(bands), **given})
        return bands if _values(merged) == _values(bands) else merged

    def rule_over(self, rule: Rule, change: RuleParameters) -> Rule:
        """A rule with the scenario's parameters in place of its own."""
        given = _given(change)
        if "fractions" in given:
            given["fractions"] = {**(rule.fractions or {}), **given["fractions"]}
        return rule.model_copy(update=given) if given else rule

    def over(self, method: Method) -> Method:
        """The data's method with the scenario's parameters in place of its own."""
        update: dict = {}
        bands = self.bands_over(method.bands)
        if bands is not method.bands:
            update["bands"] = bands
        for key in ("coverage", "base_year"):
            if getattr(self, key) is not None:
                update[key] = getattr(self, key)
        if self.digits:
            update["digits"] = {**method.digits, **self.digits}
        if self.rules:
            update["rules"] = {name: self.rule_over(rule, self.rules[name]) if name in self.rules else rule
                               for name, rule in method.rules.items()}
        return method.model_copy(update=update) if update else method


def _given(model: BaseModel | None) -> dict:
    """The fields a change sets (left-out ones are None), as the models hold them."""
    if model is None:
        return {}
    return {k: getattr(model, k) for k in type(model).model_fields if getattr(model, k) is not None}


def _values(bands: Bands) -> dict:
    return {k: getattr(bands, k) for k in type(bands).model_fields}


class ScenarioFile(Strict):
    """A scenario file (docs/data-format.md, "Scenarios")."""

    name: Text | None = None
    note: str | None = None
    delivered: list[Delivered] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    method: MethodChange | None = None


@dataclass(frozen=True)
class Scenario:
    """A scenario file as read and checked, with its warnings."""

    file: Path
    model: ScenarioFile
    warnings: tuple[F.Finding, ...] = ()

    def name(self, lang: str) -> str:
        """Its name in `lang`, or the file's name when it gives none."""
        return self.model.name.get(lang) if self.model.name is not None else self.file.name

    def figures(self) -> list[tuple[str | None, Figure]]:
        """Every figure with the action that brings it (None for the scenario's own)."""
        return [*((d.action, f) for d in self.model.delivered for f in d.figures),
                *((None, f) for f in self.model.figures)]


_FILE_HINTS = {
    F.FILE_MISSING.code: "check the path given to --scenario",
    F.FILE_UNREADABLE.code: "check the path given to --scenario and its permissions",
    F.YAML_EMPTY.code: "write the scenario's figures or parameters (docs/data-format.md, \"Scenarios\")",
}


def read(path: Path, ds: Dataset) -> Scenario:
    """Read the scenario at `path` and check it against `ds`; `DataError` with every finding
    when it cannot be applied."""
    try:
        tree = yamltree.parse(reader.read(path).raw, path)
    except F.DataError as err:
        raise F.DataError([dataclasses.replace(f, hint=f.hint or _FILE_HINTS.get(f.code, ""))
                           for f in err.findings]) from None
    model, found = schema.validate(ScenarioFile, tree)
    if model is None:
        parts = schema.salvage(ScenarioFile, tree)
        delivered, figures = parts.lists.get("delivered", []), parts.lists.get("figures", [])
        method = _valid(MethodChange, tree.data.get("method") if isinstance(tree.data, dict) else None)
    else:
        delivered, figures, method = model.delivered, model.figures, model.method
    found += Checks(ds, tree).run(delivered, figures, method, complete=model is not None)
    if model is None or any(f.is_error for f in found):
        raise F.DataError(found)
    return Scenario(path, model, tuple(sorted(found)))


def _valid(cls: type[BaseModel], raw):
    if raw is None:
        return None
    try:
        return cls.model_validate(raw)
    except ValidationError:
        return None


class Checks:
    """The scenario against the data it will be applied to."""

    def __init__(self, ds: Dataset, tree: Tree):
        self.ds, self.tree = ds, tree
        self.found: list[F.Finding] = []
        self.last = max(ds.horizons.values(), key=lambda h: h.year)  # figures reach no further
        self.seen: dict[tuple, tuple] = {}  # (indicator, peer, year) → where it was first given

    def at(self, kind: F.Kind, path: tuple, message: str, hint: str = "", key: bool = False) -> None:
        pos = (self.tree.key_position(path) if key else None) or self.tree.position(path)
        self.found.append(F.make(kind, self.tree.file, message, pos=pos, path=dotted(path), hint=hint))

    def unknown(self, path: tuple, what: str, value: str, known, key: bool = False) -> None:
        hint = F.did_you_mean(value, known) or f"known {what}s: {F.listing(known)}"
        self.at(F.REF_UNKNOWN, path, f"unknown {what} {F.quote(value)}", hint, key)

    def run(self, delivered, figures, method, complete: bool) -> list[F.Finding]:
        actions: dict[str, int] = {}
        for i, d in enumerate(delivered):
            if d is None:
                continue
            base = ("delivered", i)
            if d.action not in self.ds.actions:
                self.unknown((*base, "action"), "action", d.action, self.ds.actions)
            elif d.action in actions:
                first = self.tree.position(("delivered", actions[d.action], "action"))[0]
                self.at(F.ID_DUPLICATE, (*base, "action"),
                        f"action {F.quote(d.action)} is delivered twice (first at line {first})",
                        "give each delivered action once, with all the figures it brings")
            else:
                actions[d.action] = i
            for j, f in enumerate(d.figures):
                self.figure((*base, "figures", j), f, d.action)
        for j, f in enumerate(figures):
            if f is not None:
                self.figure(("figures", j), f, None)
        self.rule_names(self.tree.data)
        if method is not None:
            self.method(method)
        if complete and not (delivered or figures or (method is not None and method.changes_anything)):
            self.at(F.SCHEMA_MISSING, (),
                    "the scenario gives no figure, delivered action or method parameter", "add `figures:`, `delivered:` or `method:` (docs/data-format.md, \"Scenarios\")")
        return self.found

    def figure(self, path: tuple, f: Figure, action: str | None) -> None:
        ind = self.ds.indicators.get(f.indicator)
        if ind is None:
            self.unknown((*path, "indicator"), "indicator", f.indicator, self.ds.indicators)
            return
        if f.peer is not None and f.peer not in self.ds.peers:
            self.unknown((*path, "peer"), "peer", f.peer, self.ds.peers)
            return
        who = f"{f.peer}'s " if f.peer else ""
        series = [b for b in ind.benchmarks if b.peer == f.peer] if f.peer else ind.observations
        latest = max((p.year for p in series), default=None)
        if latest is not None and f.year <= latest:
            self.at(F.SCHEMA_VALUE, (*path, "year"),
                    f"{f.year} is not after the data's latest figure for {who}{f.indicator} ({latest})",
                    "a scenario adds figures to come; correct a figure of the data with `scorecard set`")
        elif f.year > self.last.year:
            self.at(F.SCHEMA_VALUE, (*path, "year"),
                    f"{f.year} is after the last horizon's year ({self.last.id}, {self.last.year})",
                    "a scenario's figures reach no further than the last horizon")
        problem = impossible(ind, f.value)
        if problem:
            self.at(F.VALUE_IMPOSSIBLE, (*path, "value"), problem)
        key = (f.indicator, f.peer, f.year)
        if key in self.seen:
            first = self.tree.position(self.seen[key])[0]
            self.at(F.YEAR_DUPLICATE, (*path, "year"),
                    f"{who}{f.indicator} {f.year} is given twice in the scenario (first at line {first})",
                    "give each figure once")
        else:
            self.seen[key] = (*path, "year")
        if action in self.ds.actions and f.indicator not in self.ds.actions[action].indicator_ids:
            self.at(F.SCENARIO_UNLINKED, (*path, "indicator"),
                    f"{action} does not name {f.indicator} among the indicators it moves")

    def method(self, change: MethodChange) -> None:
        method = self.ds.indicators_file.method
        try:
            change.bands_over(method.bands)
        except ValidationError as err:
            message = err.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
            self.at(F.SCHEMA_VALUE, ("method", "bands"), f"with the data's other edges, {message}")
        for name, params in change.rules.items():
            path = ("method", "rules", name)
            rule = method.rules.get(name)
            if rule is None:
                continue
            for h in params.fractions or {}:
                if h not in self.ds.horizons:
                    self.unknown((*path, "fractions", h), "horizon", h, self.ds.horizons, key=True)
            if params.reference == "level" and params.level is None and rule.level is None:
                self.at(F.SCHEMA_MISSING, (*path, "reference"),
                        f"reference `level` needs a `level` for rule {name}", "write level: {value: 15, source: \"<source> <section>\"}")

    def rule_names(self, data) -> None:
        """The rules the scenario names, read from the file itself: checked even when the
        method block has other errors."""
        method = data.get("method") if isinstance(data, dict) else None
        rules = method.get("rules") if isinstance(method, dict) else None
        known = self.ds.indicators_file.method.rules
        for name in rules if isinstance(rules, dict) else ():
            if name not in known:
                self.unknown(("method", "rules", name), "rule", name, known, key=True)
