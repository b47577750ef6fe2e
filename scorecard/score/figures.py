"""Which figures are scored: one a year (and peer), chosen by declaration, never by file order.

Two sources may give different values for the same year. The one scored is the
figure marked `scored: true`, else the first source in the indicator's own
`source_priority`, else in the method's: a list of source ids, or `newest`, the
source published last. When nothing decides, there is no choice to make here:
`validate` refuses the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from scorecard.model import Observation

P = TypeVar("P", bound=Observation)


class Priority:
    """The order in which sources are trusted for one indicator."""

    def __init__(self, own: Sequence[str] | None, method: Sequence[str] | str,
                 source_years: dict[str, int | None]):
        self.own = list(own or [])
        self.method = method
        self.years = source_years

    def key(self, point: Observation) -> tuple:
        """Smaller is preferred."""
        src = point.source_id
        own = self.own.index(src) if src in self.own else len(self.own)
        if self.method == "newest":
            year = self.years.get(src)
            rest = -year if year is not None else 0
        else:
            rest = self.method.index(src) if src in self.method else len(self.method)
        return (not point.scored, own, rest)


def _key(point: Observation) -> tuple:
    return (getattr(point, "peer", None), point.year)


def groups(points: Iterable[P]) -> dict[tuple, list[P]]:
    """Figures by (peer, year); the subject's have peer None."""
    out: dict[tuple, list[P]] = defaultdict(list)
    for p in points:
        out[_key(p)].append(p)
    return out


def choose(group: list[P], priority: Priority) -> P | None:
    """The figure to score among those for one year; None when sources disagree and
    nothing declared decides."""
    if len(group) == 1:
        return group[0]
    ranked = sorted(group, key=priority.key)
    top = [p for p in ranked if priority.key(p) == priority.key(ranked[0])]
    return ranked[0] if len({p.value for p in top}) == 1 else None


def conflicted(group: list[Observation]) -> bool:
    return len({p.value for p in group}) > 1


def scored(points: Iterable[P], priority: Priority) -> list[P]:
    """One figure per (peer, year), oldest first. A year whose figures nothing decides
    between is left out; `validate` refuses such data before anything is scored."""
    chosen = [choose(g, priority) for g in groups(points).values()]
    return sorted((p for p in chosen if p is not None), key=lambda p: p.year)


def as_of(points: Sequence[P], year: int | None) -> P | None:
    """The latest of `points` (one a year, oldest first) at or before `year` (None: the latest)."""
    eligible = [p for p in points if year is None or p.year <= year]
    return eligible[-1] if eligible else None


def latest_by_peer(points: Sequence[P], year: int | None = None) -> dict[str, P]:
    """Each peer's latest scored figure at or before `year`."""
    out: dict[str, P] = {}
    for p in points:
        if year is None or p.year <= year:
            out[p.peer] = p  # points run oldest first
    return out
