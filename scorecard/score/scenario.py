"""The dataset a scenario describes: the data with hypothetical figures and changed method parameters.

Pure: `apply` takes a loaded `Dataset` and a checked `Scenario` and returns a new dataset;
neither is changed, and nothing is written anywhere. Every figure the scenario adds is a
`Hypothetical` (or a `HypotheticalBenchmark`), so anything that shows a figure can tell it
from the data's. The returned dataset carries an `Applied`, which says what the scenario
changed, which rows of a scorecard rest on it, and which gaps its delivered actions close.

A rule computes its targets as of its base year (docs/method.md, "Targets"): the scenario's
figures, dated after the data's latest, move scores; they move a target only when dated at
or before the base year, as a revised figure would. A scenario that changes a rule's
parameters, the base year or the rounding moves the targets that depend on them, and
`diff --scenario` names what moved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from scorecard.load.dataset import Dataset
from scorecard.load.scenario import Figure, Scenario
from scorecard.model import Benchmark, Method, Observation
from scorecard.score import method as m
from scorecard.score.card import IndicatorScore, Scorecard, build
from scorecard.score.targets import Plan, plans


class Hypothetical(Observation):
    """A figure of the subject that the scenario supposes, not one of the data; its `source`
    names the scenario's file and the delivered action that brings it."""

    hypothetical: ClassVar[bool] = True


class HypotheticalBenchmark(Benchmark):
    """A peer's figure that the scenario supposes."""

    hypothetical: ClassVar[bool] = True


def is_hypothetical(point: Observation | None) -> bool:
    return getattr(point, "hypothetical", False)


@dataclass(frozen=True)
class Parameter:
    """One method parameter the scenario changes, by its dotted name
    (`bands.challenges_remain`, `rules.catch-up.fractions.near`)."""

    name: str
    before: object
    after: object


@dataclass(frozen=True)
class Marks:
    """The aggregates of one scorecard that rest on the scenario (an indicator's row: `rests`)."""

    shortfalls: frozenset[str]
    actions: frozenset[str]
    overall: bool


@dataclass(frozen=True)
class Closing:
    """What a delivered action's figures do at one horizon."""

    closes: tuple[str, ...]  # indicators achieved under the scenario and not in the data
    narrows: tuple[str, ...]  # indicators scoring higher under the scenario, not achieved


def source(scenario: Scenario, action: str | None) -> str:
    """What a hypothetical figure cites: the scenario's file, and the action that brings it."""
    cited = f"scenario {scenario.file.name}"
    return f"{cited}: {action}" if action else cited


def figure(f: Figure, cited: str) -> Observation:
    """A scenario's figure as the subject's observation or a peer's benchmark."""
    fields = dict(year=f.year, value=float(f.value), relation=f.relation, source=cited, note=f.note)
    if f.peer is not None:
        return HypotheticalBenchmark(peer=f.peer, **fields)
    return Hypothetical(**fields)


def apply(ds: Dataset, scenario: Scenario) -> Supposed:
    """The dataset the scenario describes: `ds` with the scenario's figures added to their
    series and its method parameters in place of the data's. `ds` is left as it was."""
    added: dict[str, list[Observation]] = defaultdict(list)
    for action, f in scenario.figures():
        added[f.indicator].append(figure(f, source(scenario, action)))
    indicators = []
    for ind in ds.indicators_file.indicators:
        new = added.get(ind.id)
        if new:
            ind = ind.model_copy(update={
                "observations": [*ind.observations, *(x for x in new if not isinstance(x, Benchmark))],
                "benchmarks": [*ind.benchmarks, *(x for x in new if isinstance(x, Benchmark))]})
        indicators.append(ind)
    before = ds.indicators_file.method
    after = scenario.model.method.over(before) if scenario.model.method is not None else before
    file = ds.indicators_file.model_construct(**{**dict(ds.indicators_file), "indicators": indicators,
                                                 "method": after})
    return Supposed(file, ds.actions_file, ds, Applied(ds, scenario, changes(before, after)))


def changes(before: Method, after: Method) -> tuple[Parameter, ...]:
    """Every method parameter whose value differs, by dotted name, in the data's order."""
    old, new = dict(_flat(before.model_dump())), dict(_flat(after.model_dump()))
    return tuple(Parameter(k, old.get(k), new.get(k)) for k in dict.fromkeys([*old, *new])
                 if old.get(k) != new.get(k))


def _flat(value, prefix: str = ""):
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from _flat(v, f"{prefix}.{k}" if prefix else str(k))
    else:
        yield prefix, value


class Supposed(Dataset):
    """A dataset as a scenario describes it; `scenario` says what the scenario changed."""

    def __init__(self, indicators_file, actions_file, base: Dataset, applied: Applied):
        super().__init__(indicators_file, actions_file, base.location, {})
        self.scenario = applied


class Applied:
    """A scenario as applied to one dataset: what it changed, and what rests on it."""

    def __init__(self, base: Dataset, scenario: Scenario, parameters: tuple[Parameter, ...]):
        self.base, self.scenario, self.parameters = base, scenario, parameters
        delivered: dict[str, list[str]] = {}
        for d in scenario.model.delivered:
            delivered[d.action] = list(dict.fromkeys(f.indicator for f in d.figures if f.peer is None))
        self.delivered = {a: tuple(ids) for a, ids in delivered.items()}
        self._cards: dict[str, Scorecard] = {}

    @property
    def file(self) -> str:
        return str(self.scenario.file)

    def name(self, lang: str) -> str:
        return self.scenario.name(lang)

    @property
    def figures(self) -> int:
        return len(self.scenario.figures())

    def _moved(self, group: str) -> bool:
        return any(p.name.split(".")[0] == group for p in self.parameters)

    @cached_property
    def base_plans(self) -> dict[str, Plan]:
        return plans(self.base)

    def rests(self, r: IndicatorScore) -> bool:
        """Does this indicator's row rest on the scenario: a hypothetical latest figure or best
        peer, a target or floor other than the data's, or a band drawn at the scenario's edges?"""
        if r.score is not None and self._moved("bands"):
            return True
        if is_hypothetical(r.latest) or is_hypothetical(r.frontier):
            return True
        b, p, h = self.base_plans[r.id], r.plan, r.horizon.id
        return (_value(b.targets.get(h)) != _value(p.targets.get(h))
                or (b.floor, b.floor_basis) != (p.floor, p.floor_basis))

    def marks(self, card: Scorecard) -> Marks:
        """The aggregates of `card` that rest on the scenario: through a member meant to be
        scored that does (with moved band edges, every member with a score does), or, with a
        score, through a changed coverage threshold; an action also through a shortfall whose
        score moves, as its priority is their mean gap."""
        scored = {r.id for r in card.indicators if r.counted and self.rests(r)}
        covered = self._moved("coverage")
        moving = {s.shortfall.id for s in card.shortfalls if scored.intersection(s.indicators)}
        shortfalls = moving | {s.shortfall.id for s in card.shortfalls if covered and s.result.score is not None}
        actions = frozenset(a.action.id for a in card.actions
                            if scored.intersection(a.action.indicator_ids)
                            or moving.intersection(x.id for x in a.action.shortfalls)
                            or (covered and a.result.score is not None))
        return Marks(frozenset(shortfalls), actions, bool(scored) or (covered and card.overall.score is not None))

    def _base_card(self, horizon: str) -> Scorecard:
        if horizon not in self._cards:
            self._cards[horizon] = build(self.base, horizon, plan_of=self.base_plans)
        return self._cards[horizon]

    def closing(self, card: Scorecard) -> dict[str, Closing]:
        """Each delivered action: which of the indicators it brings figures for reach their
        target at the card's horizon under the scenario and not in the data (the gaps it
        closes), and which score higher without reaching it."""
        before = {r.id: r for r in self._base_card(card.horizon.id).indicators}
        after = {r.id: r for r in card.indicators}
        out = {}
        for action, ids in self.delivered.items():
            closes = tuple(i for i in ids if _achieved(after[i]) and not _achieved(before[i]))
            narrows = tuple(i for i in ids if i not in closes and _higher(after[i], before[i]))
            out[action] = Closing(closes, narrows)
        return out


def _value(target) -> float | None:
    return target.value if target is not None else None


def _achieved(r: IndicatorScore) -> bool:
    return r.status is m.Status.ACHIEVED


def _higher(after: IndicatorScore, before: IndicatorScore) -> bool:
    return (after.score is not None and before.score is not None
            and after.score > before.score + m.TOLERANCE)
