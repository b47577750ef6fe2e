"""Checks that need the whole dataset: ids, references, series, plausible values.

Each check yields findings positioned at the offending value, so a user sees
`indicators.yaml:120:18` rather than "somewhere in the data". The checks run on
whatever is valid: a file that failed its schema arrives as a `Partial` (its
valid entries, None for the others) and one that did not parse as None, so
schema and reference findings are reported in the same run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from scorecard import findings as F
from scorecard.load import citation, labels
from scorecard.load.schema import Partial
from scorecard.load.yamltree import Tree, dotted
from scorecard.model import Indicator, Method, RuleUse
from scorecard.score.figures import Priority, choose, conflicted, groups

# Each did-you-mean compares against every known id; past this many, the list alone.
_SUGGESTIONS = 100
_INDICATOR_LISTS = ("sources", "peers", "shortfalls", "indicators")
_ACTION_LISTS = ("horizons", "programmes", "actions")


def run(ind, act, ti: Tree | None, ta: Tree | None) -> list[F.Finding]:
    """`ind` and `act`: a validated file, a `Partial`, or None when the file did not parse."""
    return [*_ids(ind, act, ti, ta), *_references(ind, act, ti, ta), *_indicators(ind, ti),
            *_method(ind, act, ti), *labels.check(ind, act, ti, ta)]


def _method_of(ind):
    return None if ind is None or isinstance(ind, Partial) else ind.method


def _entries(file, name: str) -> list | None:
    """One list of entries (None in place of an invalid one), or None if it cannot be checked."""
    if file is None:
        return None
    if isinstance(file, Partial):
        return file.lists.get(name)
    return getattr(file, name)


def _each(file, name: str) -> list[tuple[int, object]]:
    return [(i, e) for i, e in enumerate(_entries(file, name) or []) if e is not None]


def _known(file, name: str) -> set[str] | None:
    """The ids a reference may name; None when unknowable, so nothing is reported."""
    entries = _entries(file, name)
    if entries is None:
        return None
    ids = {e.id for e in entries if e is not None}
    if isinstance(file, Partial):
        claimed = file.claimed[name]
        return None if claimed is None else ids | claimed
    return ids


def _at(tree: Tree, kind: F.Kind, path: tuple, message: str, hint: str = "") -> F.Finding:
    return F.make(kind, tree.file, message, pos=tree.position(path), path=dotted(path), hint=hint)


def _ids(ind, act, ti, ta) -> Iterator[F.Finding]:
    groups = [(ti, ind, key) for key in _INDICATOR_LISTS] + [(ta, act, key) for key in _ACTION_LISTS]
    for tree, file, key in groups:
        seen: dict[str, int] = {}
        folded: dict[str, int] = {}
        for i, item in _each(file, key):
            if item.id in seen:
                first = tree.position((key, seen[item.id], "id"))
                where = f" (first at line {first[0]})" if first else ""
                yield _at(tree, F.ID_DUPLICATE, (key, i, "id"),
                          f"{key} id {F.quote(item.id)} is used twice{where}")
                continue
            seen[item.id] = i
            other = folded.setdefault(item.id.casefold(), i)
            if other != i:
                first = tree.position((key, other, "id"))
                where = f" at line {first[0]}" if first else ""
                yield _at(tree, F.ID_CASE, (key, i, "id"),
                          f"{key} id {F.quote(item.id)} differs only in case from "
                          f"{F.quote(_entries(file, key)[other].id)}{where}")


class _References:
    """The ids a reference may name (None: unknowable, nothing reported), and the
    did-you-mean budget shared by every reference of one run."""

    def __init__(self, ind, act):
        self.sources, self.peers = _known(ind, "sources"), _known(ind, "peers")
        self.shortfalls, self.indicators = _known(ind, "shortfalls"), _known(ind, "indicators")
        self.programmes, self.horizons = _known(act, "programmes"), _known(act, "horizons")
        self.budget = _SUGGESTIONS

    def advice(self, value, known, what) -> str:
        suggestion = ""
        if self.budget > 0:
            self.budget -= 1
            suggestion = F.did_you_mean(value, known)
        return suggestion or f"known {what}: {F.listing(known)}"

    def ref(self, tree, path, value, known, what) -> F.Finding | None:
        if known is not None and value not in known:
            hint = self.advice(value, known, what)
            return _at(tree, F.REF_UNKNOWN, path, f"unknown {what[:-1]} {F.quote(value)}", hint)
        return None

    def cite(self, tree, path, text) -> F.Finding | None:
        if text is None or self.sources is None:
            return None
        head, section = citation.split(text)
        if head not in self.sources:
            hint = self.advice(head, self.sources, "sources")
            return _at(tree, F.REF_UNKNOWN, path, f"citation {F.quote(text)} names no known source", hint)
        if not section:
            return _at(tree, F.CITATION_NO_SECTION, path, f"citation {F.quote(text)} has no section")
        return None

    def indicator(self, tree, i: int, x: Indicator) -> list:
        base = ("indicators", i)
        found = [self.ref(tree, (*base, "shortfalls", j), s, self.shortfalls, "shortfalls")
                 for j, s in enumerate(x.shortfalls)]
        found.append(self.cite(tree, (*base, "source"), x.source))
        for j, o in enumerate(x.observations):
            found.append(self.cite(tree, (*base, "observations", j, "source"), o.source))
        for j, b in enumerate(x.benchmarks):
            found.append(self.cite(tree, (*base, "benchmarks", j, "source"), b.source))
            found.append(self.ref(tree, (*base, "benchmarks", j, "peer"), b.peer, self.peers, "peers"))
        for h, t in x.targets.items():
            found.append(self.cite(tree, (*base, "targets", h, "source"), t.source))
            if self.horizons is not None and h not in self.horizons:
                found.append(self.ref(tree, (*base, "targets", h), h, self.horizons, "horizons"))
        return found


def one_indicator(ind, act, tree: Tree, i: int, x: Indicator) -> list[F.Finding]:
    """The findings about indicator `i` alone, its references, values, conflicts and rule:
    what an update of that indicator can change (`scorecard set` checks no more)."""
    refs = [f for f in _References(ind, act).indicator(tree, i, x) if f is not None]
    rule = []
    method = _method_of(ind)
    if method is not None:
        sources = {s.id for _, s in _each(ind, "sources")}
        rule = list(_indicator_rule(tree, i, x, method, _known(act, "horizons"), sources))
    return refs + list(_values(tree, i, x)) + list(_indicator_conflicts(ind, tree, i, x)) + rule


def _references(ind, act, ti: Tree, ta: Tree) -> Iterator[F.Finding]:
    """References within and across the files."""
    r = _References(ind, act)
    found: list = []
    for i, s in _each(ind, "shortfalls"):
        found.append(r.cite(ti, ("shortfalls", i, "source"), s.source))
        found += [r.ref(ti, ("shortfalls", i, "related", j), x, r.shortfalls, "shortfalls")
                  for j, x in enumerate(s.related)]
    for i, x in _each(ind, "indicators"):
        found += r.indicator(ti, i, x)
    for i, h in _each(act, "horizons"):
        found.append(r.cite(ta, ("horizons", i, "source"), h.source))
    for i, p in _each(act, "programmes"):
        found.append(r.cite(ta, ("programmes", i, "source"), p.source))
    for i, a in _each(act, "actions"):
        base = ("actions", i)
        found.append(r.cite(ta, (*base, "source"), a.source))
        found.append(r.cite(ta, (*base, "status", "source"), a.status.source))
        found.append(r.ref(ta, (*base, "programme"), a.programme, r.programmes, "programmes"))
        found += [r.ref(ta, (*base, "shortfalls", j, "id"), s.id, r.shortfalls, "shortfalls")
                  for j, s in enumerate(a.shortfalls)]
        found += [r.ref(ta, (*base, "indicators", j), x.id, r.indicators, "indicators")
                  for j, x in enumerate(a.indicators)]
    yield from (f for f in found if f is not None)


def _indicators(ind, tree: Tree | None) -> Iterator[F.Finding]:
    for i, x in _each(ind, "indicators"):
        yield from _values(tree, i, x)


def _values(tree: Tree | None, i: int, x: Indicator) -> Iterator[F.Finding]:
    """One indicator's series and values: repeated years, impossible values, targets."""
    yield from _series(x, ("indicators", i, "observations"), x.observations, tree)
    yield from _series(x, ("indicators", i, "benchmarks"), x.benchmarks, tree)
    for key in ("observations", "benchmarks"):
        for j, point in enumerate(getattr(x, key)):
            problem = impossible(x, point.value)
            if problem:
                yield _at(tree, F.VALUE_IMPOSSIBLE, ("indicators", i, key, j, "value"), problem)
            if not point.quote:
                who = f"{point.peer} " if key == "benchmarks" else ""
                yield _at(tree, F.FIGURE_NO_QUOTE, ("indicators", i, key, j),
                          f"{x.id}: {who}{point.year} = {point.value:g} ({point.source}) has no quote")
    floor = _fixed_floor(x)
    for h, t in x.targets.items():
        path = ("indicators", i, "targets", h, "value")
        problem = impossible(x, t.value)
        if problem:
            yield _at(tree, F.VALUE_IMPOSSIBLE, path, problem)
        elif floor is None:
            continue
        elif t.value == floor:
            yield _at(tree, F.TARGET_AT_FLOOR, path, f"{h} target {t.value:g} equals the floor")
        elif (t.value < floor) == (x.direction == "higher"):
            side = "above" if x.direction == "higher" else "below"
            yield _at(tree, F.TARGET_WRONG_SIDE, path,
                      f"{h} target {t.value:g} should be {side} the floor {floor:g}")


def _fixed_floor(x: Indicator) -> float | None:
    """The floor when it is known without the figures: stated, or 0 for a linear natural zero."""
    if x.floor == "worst" or x.kind == "rank":
        return None
    return 0.0 if x.floor is None else float(x.floor)


def _series(x: Indicator, path: tuple, points, tree: Tree) -> Iterator[F.Finding]:
    """A year twice from one source is an error; from two sources it is a conflict to show."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for j, p in enumerate(points):
        groups[(getattr(p, "peer", None), p.year)].append(j)
    for (peer, year), idx in groups.items():
        if len(idx) < 2:
            continue
        who = f"{peer} " if peer else ""
        by_source: dict[str, int] = {}
        for j in idx:
            src = points[j].source_id
            if src in by_source:
                yield _at(tree, F.YEAR_DUPLICATE, (*path, j, "year"),
                          f"{who}{year} appears twice from source {F.quote(src)} in {F.quote(x.id)}")
            by_source[src] = j


def _conflicts(ind, tree: Tree) -> Iterator[F.Finding]:
    """Figures of one year that disagree: which is scored must be declared, once.

    In a file that failed its schema the method is unknown: conflicts are shown as
    the default method would decide them, and none is called undecided."""
    if ind is None:
        return
    for i, x in _each(ind, "indicators"):
        yield from _indicator_conflicts(ind, tree, i, x)


def _indicator_conflicts(ind, tree: Tree, i: int, x: Indicator) -> Iterator[F.Finding]:
    partial = isinstance(ind, Partial)
    method = Method() if partial else ind.method
    years = {s.id: s.year for _, s in _each(ind, "sources")}
    order = Priority(x.source_priority, method.source_priority, years)
    for key in ("observations", "benchmarks"):
        points = getattr(x, key)
        where = {id(p): j for j, p in enumerate(points)}
        for (peer, year), group in groups(points).items():
            who = f"{peer} " if peer else ""
            flagged = [p for p in group if p.scored]
            if len(flagged) > 1:
                yield _at(tree, F.CONFLICT_UNDECIDED, ("indicators", i, key, where[id(flagged[1])], "scored"),
                          f"{x.id}: {who}{year} has more than one figure marked `scored: true`",
                          "mark only the figure to score")
                continue
            if not conflicted(group) or len({p.source_id for p in group}) < len(group):
                continue  # agreeing figures, or a year twice from one source (year-duplicate)
            listing = ", ".join(f"{p.source}: {p.value:g}" for p in group)
            chosen = choose(group, order)
            if chosen is None and partial:
                continue
            if chosen is None:
                yield _at(tree, F.CONFLICT_UNDECIDED, ("indicators", i, key, where[id(group[-1])], "value"),
                          f"{x.id}: {who}{year} differs between sources ({listing}) "
                          "and nothing says which to score")
            else:
                yield _at(tree, F.SOURCE_CONFLICT, ("indicators", i, key, where[id(chosen)], "value"),
                          f"{x.id}: {who}{year} differs between sources ({listing}); "
                          f"{chosen.source}'s {chosen.value:g} is scored", x.conflict_note or "")


def _method(ind, act, ti: Tree | None) -> Iterator[F.Finding]:
    """The method block against the data: rules that exist and can be applied, horizons and
    sources that exist."""
    yield from _conflicts(ind, ti)
    method = _method_of(ind)
    if method is None:
        return
    horizons = _known(act, "horizons")
    sources = {s.id for s in ind.sources}
    if isinstance(method.source_priority, list):
        for j, src in enumerate(method.source_priority):
            if src not in sources:
                yield _at(ti, F.REF_UNKNOWN, ("method", "source_priority", j),
                          f"unknown source {F.quote(src)}", f"known sources: {F.listing(sources)}")
    for name, rule in method.rules.items():
        yield from _horizon_keys(ti, ("method", "rules", name), rule, horizons)
    for i, x in _each(ind, "indicators"):
        yield from _indicator_rule(ti, i, x, method, horizons, sources)


def _indicator_rule(ti: Tree, i: int, x: Indicator, method: Method, horizons, sources) -> Iterator[F.Finding]:
    """One indicator's conflict priority and rule: sources that exist, a rule that exists and
    has what it needs to apply."""
    base = ("indicators", i)
    for j, src in enumerate(x.source_priority or []):
        if src not in sources:
            yield _at(ti, F.REF_UNKNOWN, (*base, "source_priority", j),
                      f"unknown source {F.quote(src)}", f"known sources: {F.listing(sources)}")
    name = x.rule_name
    if name is None:
        return
    path = (*base, "rule", "use") if isinstance(x.rule, RuleUse) else (*base, "rule")
    rule = method.rules.get(name)
    if rule is None:
        known = list(method.rules)
        hint = F.did_you_mean(name, known) or f"rules in method.rules: {F.listing(known)}"
        yield _at(ti, F.REF_UNKNOWN, path, f"unknown rule {F.quote(name)}", hint)
        return
    over = x.rule if isinstance(x.rule, RuleUse) else None
    if over is not None:
        yield from _horizon_keys(ti, (*base, "rule"), over, horizons)
    pick = lambda key: next((getattr(o, key) for o in (over, rule)  # noqa: E731
                             if o is not None and getattr(o, key) is not None), None)
    if pick("base_year") is None and method.base_year is None:
        yield _at(ti, F.SCHEMA_MISSING, path, f"{x.id}: rule {F.quote(name)} has no base year",
                  "set `base_year` in `method:` (or on the rule): the year its targets are computed as of")
    if rule.formula == "close_gap":
        if not pick("fractions"):
            yield _at(ti, F.SCHEMA_MISSING, path, f"{x.id}: rule {F.quote(name)} has no `fractions`",
                      "give the share of the gap to close by each horizon, e.g. {near: 1/3, long: 1}")
        reference = pick("reference") or "best_peer"
        if reference == "level" and pick("level") is None:
            yield _at(ti, F.SCHEMA_MISSING, path, f"{x.id}: reference `level` needs a `level`",
                      "write level: {value: 15, source: \"<source> <section>\", quote: \"…\"}")
        if reference == "ideal" and pick("ideal") is None and x.kind != "share":
            yield _at(ti, F.SCHEMA_MISSING, path, f"{x.id}: reference `ideal` needs an `ideal`",
                      "only a share has an ideal end known without saying (0% or 100%)")


def _horizon_keys(tree: Tree, base: tuple, params, horizons) -> Iterator[F.Finding]:
    if horizons is None:
        return
    spots = [("fractions", params.fractions)]
    if getattr(params, "vary", None) is not None:
        spots.append(("vary", params.vary.fractions))
    for key, mapping in spots:
        for h in mapping or {}:
            if h not in horizons:
                path = (*base, key, h) if key == "fractions" else (*base, "vary", "fractions", h)
                hint = F.did_you_mean(h, horizons) or f"horizons: {F.listing(horizons)}"
                yield _at(tree, F.REF_UNKNOWN, path, f"unknown horizon {F.quote(h)}", hint)
    vary = getattr(params, "vary", None)
    for h, (low, high) in ((vary.fractions or {}).items() if vary else ()):
        if low > high:
            yield _at(tree, F.SCHEMA_VALUE, (*base, "vary", "fractions", h),
                      f"the range [{low:g}, {high:g}] runs backwards", "write [low, high]")


def impossible(x: Indicator, value: float) -> str:
    """Why a value cannot be right for the indicator's kind, or ''."""
    if x.kind == "share" and not 0 <= value <= 100:
        return f"a share must lie between 0 and 100, found {value:g}"
    if x.kind in ("count", "amount") and value < 0:
        return f"a {x.kind} cannot be negative, found {value:g}"
    if x.kind == "rank" and value < 1:
        return f"a rank starts at 1, found {value:g}"
    return ""
