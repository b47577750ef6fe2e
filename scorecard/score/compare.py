"""Two datasets scored side by side: what moved, and why.

A score moves for one of a few reasons: new or revised data, a changed target,
a changed mapping (which indicators measure a shortfall, which an action
moves), or a changed parameter of the method (floor, direction, weight, bands,
horizon year). Each change carries the reasons found, as codes with a short
language-neutral detail, so a reader can tell an update from a redefinition.
Pure: no files, no printing.
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
        b, a = self.before, self.after
        if (b.score is None) != (a.score is None):
            return True
        if b.score is not None and abs(b.score - a.score) > _EPS:
            return True
        return (b.status, b.trend) != (a.status, a.trend)

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
            only: set[tuple[str, str]] | None = None, everything: bool = False) -> list[Change]:
    """Changes at each horizon both datasets define (or those asked for).

    `only` keeps the (kind, id) pairs named; `everything` keeps unmoved items too,
    which `set` uses to show before and after even when nothing moved.
    """
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
            changes.append(Change("horizon", h, h, goal.name if goal else None, _overall(old, a),
                                  _overall(new, b), (("new" if a is None else "removed", h),)))
            continue
        changes += _indicators(old, new, a, b, h)
        moved = _moved_indicators(a, b)
        changes += _groups("shortfall", old, new, a, b, h, moved)
        changes += _groups("action", old, new, a, b, h, moved)
        changes.append(_horizon(old, new, a, b, h, moved))
    keep = [c for c in changes if (everything or c.moved) and (only is None or (c.kind, c.id) in only)]
    order = {k: i for i, k in enumerate(KINDS)}
    hpos = {h: i for i, h in enumerate(names)}
    return sorted(keep, key=lambda c: (order[c.kind], hpos.get(c.id, 0) if c.kind == "horizon" else c.id,
                                       hpos.get(c.horizon, 0)))


def _overall(ds: Dataset, card: Scorecard | None) -> State | None:
    if card is None:
        return None
    return State(card.overall.score, _v(card.overall_status))


def _indicators(old, new, a: Scorecard, b: Scorecard, h: str) -> list[Change]:
    before = {r.id: r for r in a.indicators}
    after = {r.id: r for r in b.indicators}
    out = []
    for i in sorted(before.keys() | after.keys()):
        x, y = before.get(i), after.get(i)
        sx = State(x.score, _v(x.status), _v(x.trend)) if x else None
        sy = State(y.score, _v(y.status), _v(y.trend)) if y else None
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
    def keyed(ind):
        return {(o.year, o.source_id): o for o in ind.observations}

    a, b = keyed(x), keyed(y)
    out = []
    for k in sorted(b.keys() - a.keys()):
        out.append(f"+{k[0]} {_n(b[k].value)} ({b[k].source})")
    for k in sorted(a.keys() - b.keys()):
        out.append(f"−{k[0]} {_n(a[k].value)} ({a[k].source})")
    for k in sorted(a.keys() & b.keys()):
        if a[k].value != b[k].value:
            out.append(f"{k[0]} {_n(a[k].value)} → {_n(b[k].value)} ({b[k].source})")
    return out


def _groups(kind: str, old, new, a: Scorecard, b: Scorecard, h: str,
            moved: dict[str, str]) -> list[Change]:
    """Shortfalls or actions: each a mean of member indicators, so they move for the same reasons."""
    def members(card: Scorecard) -> dict[str, tuple]:
        if kind == "shortfall":
            return {s.shortfall.id: (s.shortfall.name, s.result.score, s.indicators, _v(s.status))
                    for s in card.shortfalls}
        return {s.action.id: (s.action.name, s.result.score, s.action.indicator_ids, _v(s.status))
                for s in card.actions}

    before, after = members(a), members(b)
    out = []
    for i in sorted(before.keys() | after.keys()):
        x, y = before.get(i), after.get(i)
        sx = State(x[1], x[3]) if x else None
        sy = State(y[1], y[3]) if y else None
        if x is None or y is None:
            why = [("new" if x is None else "removed", i)]
        else:
            why = _membership(x[2], y[2])
            why += [("indicator", f"{m} {moved[m]}") for m in y[2] if m in moved]
            why += [("method", f"weight of {m}") for m in y[2]
                    if m in old.indicators and old.indicators[m].weight != new.indicators[m].weight]
        out.append(Change(kind, i, h, (y or x)[0], sx, sy, tuple(why)))
    return out


def _horizon(old, new, a: Scorecard, b: Scorecard, h: str, moved: dict[str, str]) -> Change:
    why = [("indicator", f"{m} {d}") for m, d in sorted(moved.items())]
    why += [(c, d) for c, d in _common(old, new, h)]
    added = sorted(new.indicators.keys() - old.indicators.keys())
    gone = sorted(old.indicators.keys() - new.indicators.keys())
    why += [("mapping", f"+{i}") for i in added] + [("mapping", f"−{i}") for i in gone]
    return Change("horizon", h, h, b.horizon.name, _overall(old, a), _overall(new, b), tuple(why))


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
