"""Two datasets scored side by side: what moved, and why.

What can move: an indicator's score, band, trend, target or best peer; a
shortfall's score, band or rank; an action's score, band, priority or rank; a
horizon's score or band. Each moves for one of a few reasons: new or revised
data (a figure added, revised or removed, or another figure of a year now
scored), a changed target, a changed best peer, a changed mapping (which
indicators measure a shortfall, which an action moves), a changed parameter of
the method (floor, direction, weight, bands, horizon year), or, for a rank,
others moving past. Each change carries the reasons found, as codes with a
short language-neutral detail, so a reader can tell an update from a
redefinition. Pure: no files, no printing.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.load.dataset import Dataset
from scorecard.model import Indicator, Text
from scorecard.numbers import exact
from scorecard.score.card import IndicatorScore, Scorecard, build
from scorecard.score.targets import plans

KINDS = ("indicator", "shortfall", "action", "horizon")
_EPS = 1e-9


@dataclass(frozen=True)
class State:
    score: float | None
    status: str | None
    trend: str | None = None
    target: float | None = None  # an indicator's target at the horizon
    peer: str | None = None  # an indicator's best peer, and its figure
    peer_value: float | None = None
    priority: float | None = None  # an action's
    rank: int | None = None  # a shortfall's or an action's place in its ranking

    def differs(self, other: State) -> bool:
        for name in _COMPARED:
            x, y = getattr(self, name), getattr(other, name)
            if (x is None) != (y is None):
                return True
            if isinstance(x, float) or isinstance(y, float):
                if x is not None and abs(x - y) > _EPS:
                    return True
            elif x != y:
                return True
        return False


_COMPARED = ("score", "status", "trend", "target", "peer", "peer_value", "priority", "rank")


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    id: str
    horizon: str
    name: Text | None
    before: State | None  # None: not in the old data
    after: State | None
    why: tuple[tuple[str, str], ...]  # (reason code, detail)

    @property
    def moved(self) -> bool:
        if self.before is None or self.after is None:
            return True
        return self.before.differs(self.after)

    @property
    def score_change(self) -> float | None:
        """After − before, where both have a score."""
        b, a = self.before, self.after
        if b is None or a is None or b.score is None or a.score is None:
            return None
        return a.score - b.score

    @property
    def reasons(self) -> list[str]:
        return list(dict.fromkeys(code for code, _ in self.why))


def compare(old: Dataset, new: Dataset, horizons: list[str] | None = None,
            only: set[tuple[str, str]] | None = None, everything: bool = False,
            ranked: bool = True) -> list[Change]:
    """Changes at each horizon both datasets define (or those asked for).

    `only` keeps the (kind, id) pairs named; `everything` keeps unmoved items too,
    which `set` uses to show before and after even when nothing moved. `ranked`
    False leaves ranks out, for datasets cut to a few indicators (`set`'s report),
    whose rankings are not the whole data's.
    """
    if old is new and not everything:  # an update that wrote nothing: nothing can have moved
        return []
    names = horizons or list(dict.fromkeys([*new.horizons, *old.horizons]))
    changes: list[Change] = []
    plans_old, plans_new = plans(old), plans(new)
    for h in names:
        if h not in old.horizons and h not in new.horizons:
            continue
        a = build(old, h, plan_of=plans_old) if h in old.horizons else None
        b = build(new, h, plan_of=plans_new) if h in new.horizons else None
        if a is None or b is None:
            goal = new.horizons.get(h) or old.horizons.get(h)
            changes.append(Change("horizon", h, h, goal.name if goal else None, _overall(a), _overall(b),
                                  (("new" if a is None else "removed", h),)))
            continue
        changes += _indicators(old, new, a, b, h)
        moved = _moved_indicators(a, b)
        shortfalls = _groups("shortfall", old, new, a, b, h, moved, {}, ranked)
        changes += shortfalls
        gaps = {c.id: f"{_n(_gap(c.before), 1)} → {_n(_gap(c.after), 1)}" for c in shortfalls
                if c.before is not None and c.after is not None
                and _differs(_gap(c.before), _gap(c.after))}
        changes += _groups("action", old, new, a, b, h, moved, gaps, ranked)
        changes.append(_horizon(old, new, a, b, h, moved))
    keep = [c for c in changes if (everything or c.moved) and (only is None or (c.kind, c.id) in only)]
    order = {k: i for i, k in enumerate(KINDS)}
    hpos = {h: i for i, h in enumerate(names)}
    return sorted(keep, key=lambda c: (order[c.kind], hpos.get(c.id, 0) if c.kind == "horizon" else c.id,
                                       hpos.get(c.horizon, 0)))


def _overall(card: Scorecard | None) -> State | None:
    if card is None:
        return None
    return State(card.overall.score, _v(card.overall_status))


def _gap(state: State | None) -> float | None:
    return None if state is None or state.score is None else 100.0 - state.score


def _differs(x: float | None, y: float | None) -> bool:
    return (x is None) != (y is None) or (x is not None and abs(x - y) > _EPS)


def _indicator_state(r: IndicatorScore | None) -> State | None:
    if r is None:
        return None
    best = r.frontier
    return State(r.score, _v(r.status), _v(r.trend), r.target.value if r.target else None,
                 best.peer if best else None, best.value if best else None)


def _indicators(old, new, a: Scorecard, b: Scorecard, h: str) -> list[Change]:
    before = {r.id: r for r in a.indicators}
    after = {r.id: r for r in b.indicators}
    out = []
    for i in sorted(before.keys() | after.keys()):
        x, y = before.get(i), after.get(i)
        sx, sy = _indicator_state(x), _indicator_state(y)
        if x is None or y is None:
            why = (("new" if x is None else "removed", i),)
        else:
            why = tuple(indicator_reasons(old, new, x, y, h))
        name = (y or x).indicator.name
        out.append(Change("indicator", i, h, name, sx, sy, why))
    return out


def indicator_reasons(old: Dataset, new: Dataset, rx: IndicatorScore, ry: IndicatorScore, h: str):
    """Why indicator x (old) and y (new) may score differently at horizon h."""
    x, y = rx.indicator, ry.indicator
    yield from (("data", d) for d in _series_changes(x, y))
    yield from (("data", d) for d in _scored_changes(rx.plan, ry.plan))
    fx, fy = rx.frontier, ry.frontier
    if _figure(fx) != _figure(fy):
        yield "peer", f"{_best(fx)} → {_best(fy)}"
    tx, ty = rx.target, ry.target
    vx, vy = (tx.value if tx else None), (ty.value if ty else None)
    if vx != vy:
        yield "target", f"{_n(vx)} → {_n(vy)}" + _target_cause(tx, ty)
    if (rx.plan.floor, rx.plan.floor_basis) != (ry.plan.floor, ry.plan.floor_basis):
        yield "method", f"floor {_n(rx.plan.floor)} → {_n(ry.plan.floor)}"
    for attr in ("direction", "kind"):
        if getattr(x, attr) != getattr(y, attr):
            yield "method", f"{attr} {_n(getattr(x, attr))} → {_n(getattr(y, attr))}"
    yield from _common(old, new, h)


def _target_cause(tx, ty) -> str:
    """What moved a computed target: the rule, or one of the numbers it applies."""
    px = tx.parameters() if tx else None
    py = ty.parameters() if ty else None
    if px is None or py is None:
        return ""
    if px["name"] != py["name"]:
        return f" (rule {px['name']} → {py['name']})"
    moved = [f"{k} {_n(px.get(k))} → {_n(py.get(k))}" for k in py if px.get(k) != py.get(k)]
    return f" ({'; '.join(moved)})" if moved else ""


def _common(old: Dataset, new: Dataset, h: str):
    if old.horizons[h].year != new.horizons[h].year:
        yield "method", f"{h} year {old.horizons[h].year} → {new.horizons[h].year}"
    mo, mn = old.indicators_file.method, new.indicators_file.method
    if mo.bands != mn.bands:
        yield "method", "bands"
    if mo.coverage != mn.coverage:
        yield "method", f"coverage {_n(mo.coverage)} → {_n(mn.coverage)}"


def _series_changes(x: Indicator, y: Indicator) -> list[str]:
    """Figures added, removed or revised: the subject's first, then each peer's."""
    def keyed(points):
        return {(getattr(p, "peer", None) or "", p.year, p.source_id): p for p in points}

    out = []
    for key in ("observations", "benchmarks"):
        a, b = keyed(getattr(x, key)), keyed(getattr(y, key))
        who = lambda k: f"{k[0]} " if k[0] else ""  # noqa: E731
        for k in sorted(b.keys() - a.keys()):
            out.append(f"+{who(k)}{k[1]} {_value(b[k])} ({b[k].source})")
        for k in sorted(a.keys() - b.keys()):
            out.append(f"−{who(k)}{k[1]} {_value(a[k])} ({a[k].source})")
        for k in sorted(a.keys() & b.keys()):
            if (a[k].value, a[k].bound) != (b[k].value, b[k].bound):
                out.append(f"{who(k)}{k[1]} {_value(a[k])} → {_value(b[k])} ({b[k].source})")
    return out


def _scored_changes(px, py) -> list[str]:
    """Years, of the subject or a peer, where another figure is now the one scored (a newer
    publication's, by the source priority), the other kept."""
    def keyed(plan):
        return {(getattr(p, "peer", None) or "", p.year): p for p in (*plan.series, *plan.benchmarks)}

    a, b = keyed(px), keyed(py)
    out = []
    for k in sorted(a.keys() & b.keys()):
        was, now = a[k], b[k]
        if was.source_id != now.source_id:
            who = f"{k[0]} " if k[0] else ""
            out.append(f"{who}{k[1]} scored {_value(now)} ({now.source}) over {_value(was)} ({was.source})")
    return out


def _value(point) -> str:
    return f"{point.bound or ''}{_n(point.value)}"


def _figure(b) -> tuple | None:
    return None if b is None else (b.peer, b.value, b.year)


def _best(b) -> str:
    return "–" if b is None else f"{b.peer} {_n(b.value)} ({b.year})"


@dataclass(frozen=True)
class _Member:
    """A shortfall or an action as `_groups` compares it."""

    name: Text
    state: State
    indicators: tuple[str, ...]
    shortfalls: tuple[str, ...] = ()  # an action's


def _members(kind: str, card: Scorecard, ranked: bool) -> dict[str, _Member]:
    if kind == "shortfall":
        place = {s.shortfall.id: n + 1 for n, s in enumerate(card.shortfalls) if s.gap is not None}
        return {s.shortfall.id: _Member(s.shortfall.name, State(
                    s.result.score, _v(s.status), rank=place.get(s.shortfall.id) if ranked else None),
                    s.indicators) for s in card.shortfalls}
    return {s.action.id: _Member(s.action.name, State(
                s.result.score, _v(s.status), priority=s.priority, rank=s.rank if ranked else None),
                s.action.indicator_ids, tuple(x.id for x in s.action.shortfalls)) for s in card.actions}


def _groups(kind: str, old, new, a: Scorecard, b: Scorecard, h: str,
            moved: dict[str, str], gaps: dict[str, str], ranked: bool) -> list[Change]:
    """Shortfalls or actions: each a mean of member indicators, so they move for the same
    reasons; an action's priority also moves with the gaps of the shortfalls it addresses,
    and a rank as others move past."""
    before, after = _members(kind, a, ranked), _members(kind, b, ranked)
    out = []
    for i in sorted(before.keys() | after.keys()):
        x, y = before.get(i), after.get(i)
        if x is None or y is None:
            why = [("new" if x is None else "removed", i)]
        else:
            why = _membership(x.indicators, y.indicators) + _membership(x.shortfalls, y.shortfalls)
            why += [("indicator", f"{m} {moved[m]}") for m in y.indicators if m in moved]
            why += [("method", f"weight of {m}") for m in y.indicators
                    if m in old.indicators and old.indicators[m].weight != new.indicators[m].weight]
            why += [("shortfall", f"{s} {gaps[s]}") for s in y.shortfalls if s in gaps]
            if not why and x.state.rank != y.state.rank:
                why = [("ranking", f"{_n(x.state.rank)} → {_n(y.state.rank)}")]
        out.append(Change(kind, i, h, (y or x).name, x.state if x else None, y.state if y else None,
                          tuple(why)))
    return out


def _horizon(old, new, a: Scorecard, b: Scorecard, h: str, moved: dict[str, str]) -> Change:
    why = [("indicator", f"{m} {d}") for m, d in sorted(moved.items())]
    why += [(c, d) for c, d in _common(old, new, h)]
    added = sorted(new.indicators.keys() - old.indicators.keys())
    gone = sorted(old.indicators.keys() - new.indicators.keys())
    why += [("mapping", f"+{i}") for i in added] + [("mapping", f"−{i}") for i in gone]
    return Change("horizon", h, h, b.horizon.name, _overall(a), _overall(b), tuple(why))


def _membership(old_ids, new_ids) -> list[tuple[str, str]]:
    plus = [f"+{i}" for i in new_ids if i not in old_ids]
    minus = [f"−{i}" for i in old_ids if i not in new_ids]
    return [("mapping", d) for d in plus + minus]


def _moved_indicators(a: Scorecard, b: Scorecard) -> dict[str, str]:
    """Indicators whose score moved at this horizon → 'old → new' (scores), both datasets."""
    x = {r.id: r.score for r in a.indicators}
    y = {r.id: r.score for r in b.indicators}
    out = {}
    for i in x.keys() & y.keys():
        if (x[i] is None) != (y[i] is None) or (x[i] is not None and abs(x[i] - y[i]) > _EPS):
            out[i] = f"{_n(x[i], 1)} → {_n(y[i], 1)}"
    return out


def _v(enum) -> str | None:
    return enum.value if enum is not None else None


def _n(value, digits: int = 4) -> str:
    return exact(value, digits)
