"""How sure the ranking is: the assumptions the data declares uncertain, drawn and re-scored.

An uncertainty analysis in the manner of JRC COINr's `get_sensitivity`. The uncertain inputs
are exactly those the data's `method:` block declares with a range or alternatives, at one
horizon:

- `fraction`, per rule: the share of the gap its close-gap targets close by the horizon,
  uniform on the rule's `vary.fractions` range;
- `reference`, per rule: the reference of its close-gap targets, one of `vary.reference`;
- `floor`: one convention for every floor the data does not state, one of `method.vary.floors`
  (`natural`: the scale's zero; `worst`: the worst of the subject and its peers as of the
  base year, where the indicator has a peer figure by then);
- `weight`: each indicator's weight w, uniform on w·(1 ± `method.vary.weights`), each on its
  own (COINr's `get_noisy_weights`);
- `band`: each band edge, uniform on edge ± `method.vary.bands` points.

A parameter an indicator sets for itself (its own `fractions` or `reference`), a stated or
hand-written target and a stated floor are declarations, not drawn. Discrete alternatives are
drawn with equal probability. One draw is one `Assumptions`; `Frame.score` re-scores the whole
scorecard under it from what `Frame` computed once (the figures, each target's starting value
and every reference alternative), with the same functions `card.build` uses, so the declared
assumptions give exactly the scores `scorecard gaps` shows.

Ranks are by gap, largest first, ties sharing the better rank (1, 2, 2, 4); an item without a
score in a draw ranks after every item with one; an item that can have no score at all has no
rank. For each shortfall, action and indicator: its declared ("nominal") rank, the median and
the 5th and 95th percentiles of its rank over the draws (each an actual rank: the smallest r
with at least that share of draws ranked r or better), the share of draws in which it is among
the `top` largest gaps, and the share in each band. For each level, the mean absolute rank
shift from the nominal ranking (COINr's summary statistic), averaged over the draws. The
sensitivity indices (module `sensitivity`) are computed for the shortfalls' mean absolute rank
shift and for each shortfall's rank; the draws are the rows of the design's matrix A, so the
uncertainty statistics cost no extra runs.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from scorecard.load.dataset import Dataset
from scorecard.model import RuleUse
from scorecard.score import method as m
from scorecard.score import rules
from scorecard.score import sensitivity as sa
from scorecard.score.figures import latest_by_peer
from scorecard.score.targets import (
    Reference,
    compute_reference,
    natural_floor,
    parameters,
    plans,
    round_target,
    target_digits,
    worst_floor,
)

LEVELS = ("shortfalls", "actions", "indicators")
BANDS = tuple(s.value for s in m.Status)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Assumptions:
    """The choices a scorecard rests on that are not figures. A draw sets all of them; a
    scenario may set a few. Anything left out is as the data declares it."""

    fractions: Mapping[str, float] = field(default_factory=dict)  # rule → fraction at the horizon
    references: Mapping[str, str] = field(default_factory=dict)  # rule → reference kind
    floors: str | None = None  # natural or worst, for every floor the data does not state
    weights: Mapping[str, float] = field(default_factory=dict)  # indicator → weight
    bands: tuple[float, float, float] | None = None  # challenges_remain, moderate, significant


@dataclass(frozen=True)
class Uncertain:
    """One declared uncertain input, as drawn: a group of `width` uniform numbers."""

    kind: str  # fraction, reference, floor, weight or band
    rule: str | None
    width: int
    indicators: int  # how many indicators it bears on
    nominal: object = None  # the declared value (fraction, reference) or None
    low: float | None = None  # fraction: the range; weight: the factor; band: points added
    high: float | None = None
    alternatives: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # weight: the indicators, in column order

    def value(self, u: float) -> object:
        """A uniform number in [0, 1) → the fraction or the alternative it stands for."""
        if self.alternatives:
            return self.alternatives[min(int(u * len(self.alternatives)), len(self.alternatives) - 1)]
        return self.low + u * (self.high - self.low)


class _Entry:
    """One indicator: what does not change between draws."""

    def __init__(self, ds: Dataset, plan, horizon):
        ind = plan.indicator
        self.id, self.indicator = ind.id, ind
        self.direction, self.scale = ind.direction, ind.scale
        self.weight, self.counted = ind.weight, not ind.unscored
        latest = plan.series[-1] if plan.series else None
        self.x = latest.value if latest else None
        target = plan.targets.get(horizon.id)
        self.target = target.value if target else None  # the nominal target
        self.floor, self.floor_basis = plan.floor, plan.floor_basis
        self.floors: dict[str, float | None] = {}
        self._scores: dict[tuple, float] = {}
        self.rule: str | None = None  # the rule whose drawn parameters move the target
        params = parameters(ds, ind)  # as `plan` reads them, the floor's base year included
        base_year = params.get("base_year")
        if self.floor_basis != "stated":
            natural = natural_floor(ind)
            compared = latest_by_peer(plan.benchmarks, base_year)  # no peer: no group to be worst of
            worst = worst_floor(ind, plan.series, plan.benchmarks, base_year) if compared else natural
            self.floors = {"natural": natural, "worst": worst}
        if target is None or target.rule is None or target.formula != "close_gap":
            return  # a stated or hand-written target, a trend, or none: nothing here is drawn
        own = ind.rule if isinstance(ind.rule, RuleUse) else None
        self.rule = ind.rule_name
        self.own_fraction = own is not None and own.fractions is not None
        self.own_reference = own is not None and own.reference is not None
        self.fraction = target.fraction
        self.reference = target.reference.kind
        self.start = target.start
        self.digits = target_digits(params["digits"], target.start)
        self._params, self._plan, self._base_year = params, plan, base_year
        self._refs: dict[str, float | None] = {self.reference: target.reference.value}

    def reference_value(self, kind: str) -> float | None:
        """R under another reference (computed once); None where it cannot be computed."""
        if kind not in self._refs:
            params = dict(self._params, reference=kind)
            if kind == "level" and params.get("level") is None:
                self._refs[kind] = None
            else:
                r = compute_reference(self.indicator, params, self.start, self._plan.benchmarks,
                                      self._base_year)
                self._refs[kind] = r.value if isinstance(r, Reference) else None
        return self._refs[kind]

    def target_under(self, a: Assumptions) -> float | None:
        if self.rule is None:
            return self.target
        f = self.fraction if self.own_fraction else a.fractions.get(self.rule, self.fraction)
        kind = self.reference if self.own_reference else a.references.get(self.rule, self.reference)
        if f == self.fraction and kind == self.reference:
            return self.target
        r = self.reference_value(kind)
        if r is None:
            return None
        raw = rules.close_gap(self.start.value, r, f)
        return round_target(self.indicator, raw, self.digits)

    def floor_under(self, a: Assumptions) -> float | None:
        if a.floors is None or not self.floors:
            return self.floor
        return self.floors[a.floors]

    def score(self, a: Assumptions) -> float | None:
        """The score under `a`. A computed target is rounded, so draws share a few targets
        and floors: each pair is scored once."""
        if self.x is None:
            return None
        target = self.target_under(a)
        if target is None:
            return None
        key = (target, self.floor_under(a))
        score = self._scores.get(key)
        if score is None:
            score = self._scores[key] = m.Goalposts(target, key[1], self.direction, self.scale).score(self.x)
        return score


@dataclass(frozen=True)
class Outcome:
    """A scorecard re-scored: each level's scores (gaps: 100 − score; actions: priority) and
    bands, in the frame's order."""

    scores: list[float | None]
    statuses: list[m.Status | None]
    shortfall_scores: list[float | None]
    shortfall_statuses: list[m.Status | None]
    priorities: list[float | None]
    action_statuses: list[m.Status | None]

    def gaps(self, level: str) -> list[float | None]:
        if level == "indicators":
            return [m.distance(s) for s in self.scores]
        if level == "shortfalls":
            return [m.distance(s) for s in self.shortfall_scores]
        return self.priorities

    def bands(self, level: str) -> list[m.Status | None]:
        return {"indicators": self.statuses, "shortfalls": self.shortfall_statuses,
                "actions": self.action_statuses}[level]


class Frame:
    """Everything about one horizon's scorecard that no draw changes, and the declared
    uncertain inputs that bear on it."""

    def __init__(self, ds: Dataset, horizon: str):
        self.horizon = ds.horizons[horizon]
        method = ds.indicators_file.method
        self.coverage = method.coverage
        b = method.bands
        self.bands = (b.challenges_remain, b.moderate_challenges, b.significant_challenges)
        self.entries = [_Entry(ds, p, self.horizon) for p in plans(ds).values()]
        where = {e.id: n for n, e in enumerate(self.entries)}
        self.weights = {e.id: e.weight for e in self.entries}
        self.ids = {"indicators": [e.id for e in self.entries],
                    "shortfalls": list(ds.shortfalls),
                    "actions": list(ds.actions)}
        self.members = [[n for n, e in enumerate(self.entries) if e.counted and s in e.indicator.shortfalls]
                        for s in ds.shortfalls]
        sindex = {s: n for n, s in enumerate(ds.shortfalls)}
        self.acting = [[where[i] for i in a.indicator_ids if i in where and self.entries[where[i]].counted]
                       for a in ds.actions.values()]
        self.addressed = [[sindex[x.id] for x in a.shortfalls if x.id in sindex] for a in ds.actions.values()]
        scorable = [e.x is not None and e.target is not None for e in self.entries]
        sf = [any(scorable[i] for i in members) for members in self.members]
        self.scorable = {"indicators": scorable, "shortfalls": sf,
                         "actions": [any(sf[s] for s in shortfalls) for shortfalls in self.addressed]}
        self.uncertain = _uncertain(ds, self)

    def nominal(self) -> Assumptions:
        return Assumptions()

    def assume(self, row: Sequence[float]) -> Assumptions:
        """One draw: a row of uniform numbers, group by group, → the assumptions it stands for."""
        fractions, references, weights = {}, {}, {}
        floors = bands = None
        at = 0
        for u in self.uncertain:
            us = row[at:at + u.width]
            at += u.width
            if u.kind == "fraction":
                fractions[u.rule] = u.value(us[0])
            elif u.kind == "reference":
                references[u.rule] = u.value(us[0])
            elif u.kind == "floor":
                floors = u.value(us[0])
            elif u.kind == "weight":
                weights = {k: self.weights[k] * (u.low + v * (u.high - u.low))
                           for k, v in zip(u.keys, us)}
            else:
                edges = [min(100.0, max(0.0, e + u.low + v * (u.high - u.low)))
                         for e, v in zip(self.bands, us)]
                bands = tuple(sorted(edges, reverse=True))
        return Assumptions(fractions, references, floors, weights, bands)

    def score(self, a: Assumptions) -> Outcome:
        """The scorecard under `a`: every indicator, shortfall and action, as `card.build`
        scores them."""
        edges = a.bands or self.bands
        band = lambda s: m.status(s, *edges)  # noqa: E731
        scores = [e.score(a) for e in self.entries]
        weights = [a.weights.get(e.id, e.weight) for e in self.entries]
        shortfalls = [self._aggregate(members, scores, weights) for members in self.members]
        gaps = [m.distance(x.score) for x in shortfalls]
        return Outcome(
            scores, [None if s is None else band(s) for s in scores],
            [x.score for x in shortfalls],
            [m.aggregate_status(x, self.coverage, band) for x in shortfalls],
            [m.priority(gaps[s] for s in addressed) for addressed in self.addressed],
            [m.aggregate_status(self._aggregate(members, scores, weights), self.coverage, band)
             for members in self.acting])

    def shortfall_gaps(self, a: Assumptions) -> list[float | None]:
        """Only the shortfalls' gaps under `a`: what the sensitivity runs need."""
        scores = [e.score(a) for e in self.entries]
        weights = [a.weights.get(e.id, e.weight) for e in self.entries]
        return [m.distance(self._aggregate(members, scores, weights).score) for members in self.members]

    @staticmethod
    def _aggregate(members: list[int], scores: list, weights: list) -> m.Aggregate:
        return m.aggregate([scores[i] for i in members], [weights[i] for i in members])


def _uncertain(ds: Dataset, frame: Frame) -> list[Uncertain]:
    """The declared uncertain inputs that can move this horizon's scores, in a fixed order:
    each rule's fraction and reference, the floors, the weights, the band edges."""
    method = ds.indicators_file.method
    h = frame.horizon.id
    out: list[Uncertain] = []
    drawn = [e for e in frame.entries if e.rule is not None]
    for name, rule in method.rules.items():
        vary = rule.vary
        if vary is None:
            continue
        users = [e for e in drawn if e.rule == name]
        fractions = (vary.fractions or {}).get(h)
        took = [e for e in users if not e.own_fraction]
        if fractions is not None and took:
            out.append(Uncertain("fraction", name, 1, len(took), took[0].fraction,
                                 fractions[0], fractions[1]))
        took = [e for e in users if not e.own_reference]
        if vary.reference and took:
            out.append(Uncertain("reference", name, 1, len(took), took[0].reference,
                                 alternatives=tuple(vary.reference)))
    vary = method.vary
    scored = [e for e, can in zip(frame.entries, frame.scorable["indicators"]) if can]
    floored = [e for e in scored if e.floors]
    if floored:
        out.append(Uncertain("floor", None, 1, len(floored), alternatives=tuple(vary.floors)))
    weighted = [e.id for e in scored if e.counted]
    if vary.weights and weighted:
        out.append(Uncertain("weight", None, len(weighted), len(weighted), None,
                             1 - vary.weights, 1 + vary.weights, keys=tuple(weighted)))
    if vary.bands and scored:
        out.append(Uncertain("band", None, 3, len(scored), None, -vary.bands, vary.bands))
    return out


def ranks(gaps: Sequence[float | None], scorable: Sequence[bool]) -> list[int | None]:
    """Largest gap first, ties (within `method.TOLERANCE`) sharing the better rank; an item
    without a gap after every item with one; an item that can have none, None."""
    known = sorted(g for g in gaps if g is not None)
    last = len(known) + 1
    out: list[int | None] = []
    for g, can in zip(gaps, scorable):
        if not can:
            out.append(None)
        elif g is None:
            out.append(last)
        else:
            out.append(1 + len(known) - bisect_right(known, g + m.TOLERANCE))
    return out


def percentile(ordered: Sequence[int], percent: int) -> int:
    """The smallest value with at least `percent`% of `ordered` (sorted) at or below it."""
    k = -(-percent * len(ordered) // 100)  # ceil, in integers
    return ordered[max(k, 1) - 1]


def mean_shift(draw: Sequence[int | None], nominal: Sequence[int | None]) -> float:
    """Mean absolute rank shift from the nominal ranking (COINr), over the ranked items."""
    shifts = [abs(r - n) for r, n in zip(draw, nominal) if n is not None]  # None in both or neither
    return sum(shifts) / len(shifts) if shifts else 0.0


@dataclass(frozen=True)
class RankStats:
    """One shortfall, action or indicator over the draws."""

    id: str
    rank: int | None  # nominal
    score: float | None  # nominal (an action: its priority)
    status: m.Status | None  # nominal
    median: int | None
    p05: int | None
    p95: int | None
    top: float  # share of draws among the `top` largest gaps
    bands: dict[str, float]  # share of draws in each band


@dataclass(frozen=True)
class Sensitivity:
    """One output's indices, group by group (in the order of `Analysis.uncertain`)."""

    output: str  # rank_shift (of the shortfall ranking) or rank (of one shortfall)
    id: str | None
    indices: list[sa.Index]


@dataclass(frozen=True)
class Analysis:
    horizon: object
    draws: int
    seed: int
    top: int
    runs: int  # model runs in all: the draws, and the rest of the sensitivity design
    uncertain: list[Uncertain]
    levels: dict[str, list[RankStats]]  # in nominal order, items that can have no score last
    shift: dict[str, float]  # mean over the draws of the mean absolute rank shift
    sensitivity: list[Sensitivity]


def _stats(ident: str, nominal_rank, score, status, ranked: list[int | None],
           bands: list[m.Status | None], scored: list[bool], top: int) -> RankStats:
    n = len(ranked)
    counts = dict.fromkeys(BANDS, 0)
    for b in bands:
        if b is not None:
            counts[b.value] += 1
    shares = {k: c / n for k, c in counts.items()}
    if nominal_rank is None:  # it can have no score
        return RankStats(ident, None, None, None, None, None, None, 0.0, shares)
    ordered = sorted(ranked)
    in_top = sum(1 for r, s in zip(ranked, scored) if s and r <= top)
    return RankStats(ident, nominal_rank, score, status, percentile(ordered, 50),
                     percentile(ordered, 5), percentile(ordered, 95), in_top / n, shares)


def analyse(ds: Dataset, horizon: str, draws: int, seed: int, top: int, sensitivity: bool = True,
            progress: Progress | None = None) -> Analysis:
    """Draw the declared assumptions `draws` times, re-score, and summarise.

    With `sensitivity`, the draws are matrix A of a Saltelli design and the model also runs on
    B and on each A_B^g, draws·(k + 2) runs in all for k uncertain inputs. `progress(done,
    total)` is called as runs complete.
    """
    frame = Frame(ds, horizon)
    groups = frame.uncertain
    widths = [u.width for u in groups]
    rng = random.Random(seed)
    a, b = sa.matrices(draws, sum(widths), rng) if sensitivity and groups else (
        [[rng.random() for _ in range(sum(widths))] for _ in range(draws)], [])
    total = draws * (len(groups) + 2) if b else draws
    done = 0

    def tick(count: int = 1) -> None:
        nonlocal done
        done += count
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)

    nominal = frame.score(frame.nominal())
    nominal_ranks = {lv: ranks(nominal.gaps(lv), frame.scorable[lv]) for lv in LEVELS}
    per_draw = {lv: [] for lv in LEVELS}  # [draw] → ranks
    bands = {lv: [] for lv in LEVELS}
    scored = {lv: [] for lv in LEVELS}
    for row in a:
        outcome = frame.score(frame.assume(row))
        for lv in LEVELS:
            gaps = outcome.gaps(lv)
            per_draw[lv].append(ranks(gaps, frame.scorable[lv]))
            bands[lv].append(outcome.bands(lv))
            scored[lv].append([g is not None for g in gaps])
        tick()
    shift = {lv: sum(mean_shift(r, nominal_ranks[lv]) for r in per_draw[lv]) / draws for lv in LEVELS}
    levels = {}
    for lv in LEVELS:
        rows = []
        for n, ident in enumerate(frame.ids[lv]):
            score = (nominal.priorities if lv == "actions" else
                     nominal.shortfall_scores if lv == "shortfalls" else nominal.scores)[n]
            rows.append(_stats(ident, nominal_ranks[lv][n], score, nominal.bands(lv)[n],
                               [r[n] for r in per_draw[lv]], [x[n] for x in bands[lv]],
                               [x[n] for x in scored[lv]], top))
        rows.sort(key=lambda r: (r.rank if r.rank is not None else math.inf, r.id))
        levels[lv] = rows
    found: list[Sensitivity] = []
    if b:
        found = _sensitivity(frame, a, b, widths, per_draw["shortfalls"], nominal_ranks["shortfalls"], tick)
    return Analysis(frame.horizon, draws, seed, top, total, groups, levels, shift, found)


def _sensitivity(frame: Frame, a, b, widths, ranked_a, nominal, tick) -> list[Sensitivity]:
    """Indices for the shortfalls' mean absolute rank shift and for each shortfall's rank."""
    scorable = frame.scorable["shortfalls"]
    outputs = sorted((n for n, can in enumerate(scorable) if can),
                     key=lambda n: (nominal[n], frame.ids["shortfalls"][n]))

    def ys(ranked: list[int | None]) -> list[float]:
        return [mean_shift(ranked, nominal), *(float(ranked[n]) for n in outputs)]

    def run(row) -> list[float]:
        gaps = frame.shortfall_gaps(frame.assume(row))
        tick()
        return ys(ranks(gaps, scorable))

    ya = [ys(r) for r in ranked_a]
    yb = [run(row) for row in b]
    yab = [[run(sa.swapped(a[j], b[j], cols)) for j in range(len(a))] for cols in sa.blocks(widths)]
    found = []
    for o, ident in enumerate([None, *(frame.ids["shortfalls"][n] for n in outputs)]):
        col = lambda ys_: [y[o] for y in ys_]  # noqa: E731
        found.append(Sensitivity("rank_shift" if ident is None else "rank", ident,
                                 [sa.estimate(col(ya), col(yb), col(runs)) for runs in yab]))
    return found
