"""What each indicator is scored against: its figures, floor and targets, from declared rules.

An indicator's `Plan` holds the figures that are scored (one a year, conflicts
decided by declaration), the floor (natural zero, stated, or the worst of the
subject and its peers), and a target for each horizon: stated in the sources,
chosen by hand, or computed by the indicator's rule from the data as of the
rule's base year. A figure dated after the base year never moves a target; a
revised figure at or before it, a changed reference or a changed parameter
does. Where no target can be set, `missing` says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from scorecard import findings as F
from scorecard.load.yamltree import dotted
from scorecard.model import Benchmark, Indicator, Level, Observation, RuleUse
from scorecard.model import Target as GivenTarget
from scorecard.score import rules
from scorecard.score.figures import Priority, as_of, conflicted, groups, latest_by_peer, scored


@dataclass(frozen=True)
class Reference:
    """R of a close-gap rule, and where it comes from."""

    kind: str  # best_peer, best_mean, peer_median, level or ideal
    value: float
    figures: tuple[Benchmark, ...] = ()  # the peers' figures it is computed from
    level: Level | None = None
    ideal: float | None = None
    reach: float | None = None


@dataclass(frozen=True)
class Target:
    """A horizon's target: stated, chosen by hand, or computed by a rule (with its arithmetic)."""

    horizon: str
    value: float
    basis: str  # "stated" or "assumption"
    rule: str | None = None  # the rule that computed it
    formula: str | None = None
    base_year: int | None = None
    start: Observation | None = None  # x: the subject's figure as of the base year
    reference: Reference | None = None
    fraction: float | None = None
    change: float | None = None  # trend: the average yearly change
    change_from: Observation | None = None
    digits: int | None = None
    unrounded: float | None = None
    given: GivenTarget | None = None  # a target written in the data
    rule_value: float | None = None  # what the rule gives where a written target stands

    @property
    def is_assumption(self) -> bool:
        return self.basis == "assumption"

    def parameters(self) -> dict | None:
        """The rule and its parameters as applied here (JSON `rule`)."""
        if self.rule is None:
            return None
        out: dict = {"name": self.rule, "formula": self.formula, "base_year": self.base_year,
                     "start_value": self.start.value, "start_year": self.start.year, "digits": self.digits}
        if self.reference is not None:
            r = self.reference
            out |= {"reference": r.kind, "reference_value": r.value, "fraction": self.fraction,
                    "reference_peers": [b.peer for b in r.figures]}
            if r.kind == "ideal":
                out |= {"ideal": r.ideal, "reach": r.reach}
            if r.level is not None:
                out |= {"level_source": r.level.source}
        if self.change_from is not None:
            out |= {"yearly_change": self.change, "first_year": self.change_from.year,
                    "first_value": self.change_from.value}
        return out


@dataclass(frozen=True)
class Missing:
    """Why a horizon has no target. `reason` is a code; `detail` names what is missing."""

    horizon: str
    reason: str  # unscored, no_rule, no_fraction, no_value, no_peer, one_year, no_ideal
    detail: str = ""


@dataclass(frozen=True)
class Plan:
    indicator: Indicator
    series: list[Observation]  # the subject's scored figures, oldest first
    benchmarks: list[Benchmark]  # the peers' scored figures, oldest first
    conflict: bool  # sources disagree on some year (the scored figure was declared)
    floor: float | None  # None: the natural zero of the scale
    floor_basis: str  # natural, stated or worst
    targets: dict[str, Target] = field(default_factory=dict)
    missing: dict[str, Missing] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def unscored(self) -> str | None:
        return self.indicator.unscored


def priority(ds, ind: Indicator) -> Priority:
    method = ds.indicators_file.method
    years = {s.id: s.year for s in ds.indicators_file.sources}
    return Priority(ind.source_priority, method.source_priority, years)


def plans(ds) -> dict[str, Plan]:
    """Every indicator's plan. Pure: computed from the dataset alone."""
    return {i.id: plan(ds, i) for i in ds.indicators.values()}


def plan(ds, ind: Indicator) -> Plan:
    order = priority(ds, ind)
    series = scored(ind.observations, order)
    benchmarks = scored(ind.benchmarks, order)
    conflict = any(conflicted(g) for g in groups([*ind.observations, *ind.benchmarks]).values())
    params = parameters(ds, ind)
    base_year = params.get("base_year")
    floor, floor_basis = _floor(ind, series, benchmarks, base_year)
    targets: dict[str, Target] = {}
    missing: dict[str, Missing] = {}
    for h in ds.horizons.values():
        computed = _computed(ind, params, series, benchmarks, h) if ind.rule_name else None
        given = ind.targets.get(h.id)
        rule_value = computed.value if isinstance(computed, Target) else None
        if given is not None:
            targets[h.id] = Target(h.id, given.value, given.basis, given=given, rule_value=rule_value)
        elif isinstance(computed, Target):
            targets[h.id] = computed
        elif isinstance(computed, Missing):
            missing[h.id] = computed
        elif ind.unscored:
            missing[h.id] = Missing(h.id, "unscored", ind.unscored)
        else:
            missing[h.id] = Missing(h.id, "no_rule")
    return Plan(ind, series, benchmarks, conflict, floor, floor_basis, targets, missing)


def parameters(ds, ind: Indicator) -> dict:
    """The indicator's rule with its overrides, and the method's defaults beneath both."""
    method = ds.indicators_file.method
    out: dict = {"base_year": method.base_year, "digits": method.digits_for(ind.kind), "k": 3,
                 "reach": 1.0}
    rule = method.rules.get(ind.rule_name)
    for layer in (rule, ind.rule if isinstance(ind.rule, RuleUse) else None):
        if layer is not None:
            out |= {k: v for k, v in layer.model_dump(exclude={"vary", "use"}).items() if v is not None}
            if layer.level is not None:
                out["level"] = layer.level
    return out


def _floor(ind: Indicator, series, benchmarks, base_year) -> tuple[float | None, str]:
    if ind.floor == "worst":
        worst = worst_floor(ind, series, benchmarks, base_year)
        if worst is not None:
            return worst, "worst"
        return natural_floor(ind), "natural"
    if ind.floor is not None:
        return float(ind.floor), "stated"
    return natural_floor(ind), "natural"


def natural_floor(ind: Indicator) -> float | None:
    """The natural zero of the indicator's scale: 0, or None for 1/rank (its zero is the end
    of any list)."""
    return None if ind.scale == "reciprocal" else 0.0


def worst_floor(ind: Indicator, series, benchmarks, base_year) -> float | None:
    """The worst of the peers' figures as of the base year; None with no peer figure.

    The subject is the one being measured, not a member of the group that sets the
    floor: counting it in would put the floor at its own figure wherever it trails every
    peer, and a floor is never derived from the subject's own value."""
    values = [p.value for p in latest_by_peer(benchmarks, base_year).values()]
    if not values:
        return None
    return min(values) if ind.direction == "higher" else max(values)


def _computed(ind: Indicator, params: dict, series, benchmarks, horizon) -> Target | Missing:
    h = horizon.id
    fractions = params.get("fractions")
    formula = params["formula"]
    if formula == "close_gap" and (not fractions or h not in fractions):
        return Missing(h, "no_fraction")
    base_year = params.get("base_year")
    start = as_of(series, base_year)
    if start is None:
        return Missing(h, "no_value", str(base_year))
    common = dict(rule=ind.rule_name, formula=formula, base_year=base_year, start=start)
    if formula == "trend":
        earlier = [p for p in series if p.year <= start.year]
        change = rules.yearly_change(earlier[0].value, earlier[0].year, start.value, start.year)
        if change is None:
            return Missing(h, "one_year", str(start.year))
        raw = rules.continue_trend(start.value, start.year, change, horizon.year)
        return _rounded(ind, params, raw, start, Target(h, raw, "assumption", change=change,
                                                        change_from=earlier[0], **common))
    reference = compute_reference(ind, params, start, benchmarks, base_year)
    if isinstance(reference, str):
        return Missing(h, reference)
    raw = rules.close_gap(start.value, reference.value, fractions[h])
    return _rounded(ind, params, raw, start, Target(h, raw, "assumption", reference=reference,
                                                    fraction=fractions[h], **common))


def _rounded(ind, params, raw: float, start: Observation, target: Target) -> Target:
    digits = target_digits(params["digits"], start)
    return replace(target, value=round_target(ind, raw, digits), digits=digits, unrounded=raw)


def target_digits(digits, start: Observation) -> int:
    """The decimals a computed target keeps: as declared, or as many as its starting figure."""
    return rules.decimals(start.value) if digits == "figure" else digits


def round_target(ind: Indicator, raw: float, digits: int) -> float:
    """A computed target as it is scored: rounded half up; a rank never better than 1."""
    value = rules.round_half_up(raw, digits)
    return max(1.0, value) if ind.kind == "rank" else value


def compute_reference(ind: Indicator, params: dict, start: Observation, benchmarks,
                      base_year) -> Reference | str:
    """R of a close-gap rule from the peers' figures as of the base year, or why there is none."""
    kind = params.get("reference") or "best_peer"
    if kind == "level":
        level: Level = params["level"]
        return Reference(kind, level.value, level=level)
    if kind == "ideal":
        ideal = params.get("ideal")
        if ideal is None and ind.kind == "share":
            ideal = 100.0 if ind.direction == "higher" else 0.0
        if ideal is None:
            return "no_ideal"
        reach = params["reach"]
        return Reference(kind, rules.toward_ideal(start.value, ideal, reach), ideal=ideal, reach=reach)
    latest = sorted(latest_by_peer(benchmarks, base_year).values(),
                    key=lambda b: (b.value if ind.direction == "lower" else -b.value, b.peer))
    if not latest:
        return "no_peer"
    values = [b.value for b in latest]
    if kind == "best_peer":
        return Reference(kind, latest[0].value, (latest[0],))
    if kind == "best_mean":
        k = params["k"]
        return Reference(kind, rules.best_mean(values, ind.direction, k), tuple(latest[:k]))
    return Reference(kind, rules.median(values), tuple(latest))


def audit(ds, all_plans: Iterable[Plan]) -> list[F.Finding]:
    """Warnings about targets: a hand-written assumed target that its own rule contradicts."""
    tree = ds.trees.get("indicators")
    index = {i.id: n for n, i in enumerate(ds.indicators_file.indicators)}
    out = []
    for p in all_plans:
        for h, t in p.targets.items():
            if t.given is None or t.basis != "assumption" or t.rule_value is None:
                continue
            if abs(t.value - t.rule_value) > 1e-9:
                path = ("indicators", index[p.id], "targets", h, "value")
                pos = tree.position(path) if tree is not None else None
                out.append(F.make(
                    F.TARGET_RULE_DISAGREES, tree.file if tree is not None else "indicators.yaml",
                    f"{p.id}: the {h} target {t.value:g} differs from what its rule "
                    f"{F.quote(p.indicator.rule_name)} gives, {t.rule_value:g}",
                    pos=pos, path=dotted(path)))
    return out
