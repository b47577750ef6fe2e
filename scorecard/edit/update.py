"""`scorecard set` and `scorecard import`: figures added, replaced or removed, and proof that
nothing else changed.

A batch (one figure for `set`, a sheet of them for `import`) is one plan, one splice,
one validation and one write. The order matters: under the lock we read the bytes and
find the dataset they make (from the cache, or parsed and validated); we plan every
figure on the models, in the order given, so that a later figure sees an earlier one
(a new source or peer, a new year); we splice the edits into the text at the marks of
the entries they touch, parse those entries again on their own and validate them (the
rest of the text is unchanged, so it still validates), check that the validated
entries are exactly the planned ones, and only then replace the file, if it is still
the file that was read. Anything that goes wrong before the rename leaves the file as
it was.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import findings as F
from scorecard.edit import atomic, inputs, regions, text
from scorecard.load import cache, citation, reader, yamltree
from scorecard.load.dataset import Dataset, Location, load_files, load_texts, portable, snapshot
from scorecard.model import Benchmark, Indicator, IndicatorsFile, Observation, Peer, Source, Text

BOM = b"\xef\xbb\xbf"
_INDICATOR_KEYS = ("id", "name", "unit", "kind", "direction", "floor", "floor_reason", "weight",
                   "shortfalls")
# The keys of a figure in the order they are written; a key added to an existing figure
# goes after the last of those before it that the figure has.
_FIGURE_KEYS = ("peer", "year", "value", "relation", "source", "quote", "derived", "note", "scored")


class Refused(Exception):
    """The update was not made; the file is untouched. `code` is the exit status to use;
    `problems` says which figures of a batch could not be recorded, and why."""

    def __init__(self, message: str, code: int = 1, found: list[F.Finding] | None = None,
                 problems: list[Problem] | None = None):
        super().__init__(message)
        self.message, self.code, self.findings = message, code, found or []
        self.problems = problems or []


class BadRequest(Refused):
    """One figure cannot be recorded as asked; `field` names the part of the request at fault
    ("id", "year", "value", "peer", "source", "source_title", …)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message, 2)
        self.field = field


@dataclass(frozen=True)
class Problem:
    """A figure of a batch that cannot be recorded: the request's place in the batch, the
    field at fault ('' for the figure as a whole), and why; `finding` when validation
    found it."""

    request: int
    field: str
    message: str
    finding: F.Finding | None = None


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from, as typed: `003 二(一)`, or a bare source id `003`."""

    text: str
    source: str
    section: str  # '' for a bare source id, which only picks an entry

    @classmethod
    def parse(cls, typed: str) -> Citation:
        written = inputs.text(typed, "source")
        return cls(written, *citation.split(written))


@dataclass(frozen=True)
class Request:
    """One figure as asked for, parsed once: which figure, its value, where it comes from,
    and what else the entry says (relation, quote, note, whether it is the one scored)."""

    indicator: str
    year: int
    value: float | None  # None when the figure is removed
    text: str | None  # the value as it is written to the file
    citation: Citation | None = None
    peer: str | None = None  # a peer's id, or its name in one of the data's languages
    new_peer: bool = False
    peer_kind: str = "city"
    relation: str | None = None  # "<", "≤", …; "" for an exact figure; None: as it is
    quote: str | None = None
    note: str | None = None
    scored: bool = False
    source_title: str | dict[str, str] | None = None  # adds the source when it is not yet known
    source_year: int | None = None
    remove: bool = False

    @classmethod
    def parse(cls, indicator: str, value: str | None, year: int, source: str | None = None,
              peer: str | None = None, new_peer: bool = False, peer_kind: str = "city", *,
              relation: str | None = None, quote: str | None = None, note: str | None = None,
              scored: bool = False, source_title: str | dict[str, str] | None = None,
              source_year: int | None = None, remove: bool = False) -> Request:
        """What the user typed → a request, or `BadRequest` (exit 2) saying what to type."""
        where = "value"
        try:
            if remove and value is not None:
                raise inputs.BadInput("a figure to remove takes no value: give the year (and peer or "
                                      "source) alone")
            if not remove and value is None:
                raise inputs.BadInput("give the figure's value")
            written, number = inputs.number(value) if value is not None else (None, None)
            where = "source"
            cited = Citation.parse(source) if source is not None else None
            where = "peer"
            peer_name = inputs.text(peer, "peer") if peer is not None else None
            where = "relation"
            bound = inputs.relation(relation) if relation is not None else None
            where = "quote"
            said = inputs.text(quote, "quote") if quote is not None else None
            where = "note"
            noted = inputs.text(note, "note") if note is not None else None
            where = "source_title"
            title = _title(source_title)
        except inputs.BadInput as err:
            raise BadRequest(str(err), where) from None
        low, high = year_range()
        if not low <= year <= high:
            raise BadRequest(f"year {year} is out of range; a year lies between {low} and {high}", "year")
        if source_year is not None and not low <= source_year <= high:
            raise BadRequest(f"source year {source_year} is out of range; a year lies between {low} and "
                             f"{high}", "source_year")
        return cls(indicator, year, number, written, cited, peer_name, new_peer, peer_kind, bound, said,
                   noted, scored, title, source_year, remove)


def _title(typed):
    if typed is None:
        return None
    if isinstance(typed, dict):
        return {lang: inputs.text(t, "source title") for lang, t in typed.items()}
    return inputs.text(typed, "source title")


@dataclass
class Figure:
    """What became of one request: `action` is added, replaced, removed or unchanged; `where`
    the figure's path in the data (in the new file; in the old one for a removed figure)."""

    request: Request
    indicator: str
    action: str
    where: tuple
    old: Observation | None
    new: Observation | None
    line: int = 0


@dataclass
class Batch:
    file: Path
    figures: list[Figure]
    before: Dataset
    after: Dataset
    peers_added: list[Peer] = field(default_factory=list)
    sources_added: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[F.Finding] = field(default_factory=list)  # new ones only

    def count(self, action: str) -> int:
        return sum(f.action == action for f in self.figures)


class Outcome(Batch):
    """A batch of one figure (`set`), read as that figure."""

    @property
    def _one(self) -> Figure:
        return self.figures[0]

    indicator = property(lambda self: self._one.indicator)
    action = property(lambda self: self._one.action)
    line = property(lambda self: self._one.line)
    old = property(lambda self: self._one.old)
    new = property(lambda self: self._one.new)
    peer_added = property(lambda self: self.peers_added[0] if self.peers_added else None)
    source_added = property(lambda self: self.sources_added[0] if self.sources_added else None)


def year_range() -> tuple[int, int]:
    """The years the model accepts, read from it so the two never disagree."""
    bounds = {k: getattr(m, k) for m in Observation.model_fields["year"].metadata
              for k in ("ge", "le") if getattr(m, k, None) is not None}
    return bounds["ge"], bounds["le"]


def apply(location: Location, request: Request) -> Outcome:
    """Make one change (`set`), or raise `Refused` (or `DataError` when the data is already
    invalid); a request that cannot be made is a `BadRequest`."""
    try:
        done = apply_all(location, [request])
    except Refused as err:
        if err.problems and not err.findings and len(err.problems) == 1:
            problem = err.problems[0]
            raise BadRequest(problem.message, problem.field) from None
        raise
    return Outcome(**{f.name: getattr(done, f.name) for f in dataclasses.fields(Batch)})


def apply_all(location: Location, requests: list[Request], check: bool = False) -> Batch:
    """Make every change or none: one lock, one validation, one write (none when `check`:
    the batch is planned and validated alone). Raises `Refused` with a `Problem` for each
    figure that cannot be recorded (or `DataError` when the data is already invalid)."""
    path = location.indicators
    try:  # what is not a regular file of a sane size is refused before a lock is made beside it
        reader.look(path)
    except F.DataError as err:
        raise Refused(f"{path} cannot be updated; nothing was written", 1, err.findings) from None
    try:
        atomic.check(path)  # a file the user may not replace as it is: said before any work
        with atomic.locked(path):
            removed = atomic.remove_stale(path)
            done = _apply(location, requests, path, check)
    except atomic.Busy as err:
        raise Refused(f"{err}; try again in a moment") from None
    except atomic.Refusal as err:
        raise Refused(str(err)) from None
    except OSError as err:
        raise Refused(f"{path}: {err.strerror or err}; nothing was written") from None
    done.notes += [f"removed {p.name}, left behind by an update that was interrupted" for p in removed]
    return done


def _apply(location: Location, requests: list[Request], path: Path, check: bool = False) -> Batch:
    read = reader.read(path)
    actions = snapshot(location.actions)
    before = load_files(location, read, actions)
    plan = _Plan(before)
    problems = []
    for k, req in enumerate(requests):
        try:
            plan.add(k, req)
        except BadRequest as err:
            problems.append(Problem(k, err.field, err.message))
    if problems and len(requests) == 1:
        raise Refused(_cannot(problems, 1), 1, problems=problems)
    # With problems, the other figures are still checked, so that every one is said at once.
    plan.finish()
    bom = BOM if read.raw.startswith(BOM) else b""
    old_text = read.raw[len(bom):].decode("utf-8")
    try:
        edit = _Regional(before, plan, old_text)
    except regions.Unusual:
        edit = _Whole(before, plan, read.raw, actions)
    if not plan.edits:
        if problems:
            raise Refused(_cannot(problems, len(requests)), 1, problems=problems)
        for f in plan.figures:
            f.line = edit.tree.position(f.where)[0]
        return Batch(path, plan.figures, before, before, notes=plan.notes)
    try:
        cuts = text.splices(old_text, edit.tree, plan.edits)
    except text.EditError as err:
        raise Refused(f"{path}: cannot edit the file as text ({err}); nothing was written") from None
    new_text = text.splice(old_text, cuts)
    try:
        after = edit.check(new_text, cuts)
    except Refused as err:
        if len(requests) == 1:
            raise
        err = plan.placed(err)
        every = sorted([*problems, *err.problems], key=lambda p: p.request)
        raise Refused(_cannot(every, len(requests)) if every else err.message, err.code, err.findings,
                      every) from None
    if problems:
        raise Refused(_cannot(problems, len(requests)), 1, problems=problems)
    new_raw = bom + new_text.encode("utf-8")
    if not check:
        atomic.write(path, new_raw, read)
        name = cache.key(new_raw, actions.raw) if not isinstance(actions, list) else None
        if name:
            edit.remember(name)

    new_tree, old_tree = after.trees["indicators"], edit.tree
    for f in plan.figures:
        f.line = (old_tree if f.action == "removed" else new_tree).position(f.where)[0]
    seen = {_key(x) for x in before.warnings}
    warnings = [w for w in after.warnings if _key(w) not in seen]
    return Batch(path, plan.figures, before, after, plan.new_peers, plan.new_sources, plan.notes, warnings)


def _cannot(problems: list[Problem], total: int) -> str:
    if total == 1:
        return f"{problems[0].message}; nothing was written"
    return f"{len(problems)} of {total} figures cannot be recorded; nothing was written"


def _key(finding: F.Finding) -> tuple:
    return (finding.code, finding.message)


def _invalid(found: list[F.Finding]) -> Refused:
    return Refused("the change would make the data invalid (lines above are as they would have been); "
                   "nothing was written", 1, [f for f in found if f.is_error])


def _more_than_planned(path) -> Refused:
    return Refused(f"{path}: the edit would change more than the figures asked for; nothing was written "
                   "(please report this with a copy of the file)")


class _Regional:
    """The edit placed and checked on the lines of the entries it touches alone."""

    def __init__(self, before: Dataset, plan: _Plan, old_text: str):
        self.before, self.plan, self.old_text = before, plan, old_text
        self.skeleton = before.skeleton()
        self.regions = [regions.entry(old_text, self.skeleton, "indicators", i) for i in sorted(plan.touched)]
        for key in plan.lists_added:
            self.regions.append(regions.whole(old_text, self.skeleton, key))
        self.tree = regions.read(old_text, self.skeleton, self.regions)

    def check(self, new_text: str, cuts: list) -> Dataset:
        """The dataset as the new text makes it, from the touched entries parsed again."""
        before, plan, file = self.before, self.plan, self.skeleton.file
        try:
            self.places = regions.moved(self.old_text, new_text, cuts, self.regions)
        except regions.Unusual:
            raise _more_than_planned(file) from None
        try:
            tree, self.parsed = regions.reread(new_text, self.skeleton, self.places)
        except F.DataError as err:
            raise _invalid(err.findings) from None
        except regions.Unusual:  # the edit made something other than the entries
            raise _more_than_planned(file) from None
        from scorecard.load import checks, schema

        found, entries, lists = [], {}, {}
        for i in sorted(plan.touched):
            entries[i], problems = schema.validate_entry(IndicatorsFile, ("indicators", i),
                                                         self.parsed[("indicators", i)][0], tree)
            found += problems
        for key in plan.lists_added:
            lists[key] = []
            for j, raw in enumerate(self.parsed[(key, None)][0]):
                entry, problems = schema.validate_entry(IndicatorsFile, (key, j), raw, tree)
                lists[key].append(entry)
                found += problems
        if found:
            raise _invalid(found)
        expected = plan.expected()
        if not (all(_same(entries[i], expected.indicators[i]) for i in entries)
                and all(_same_list(lists[key], getattr(expected, key)) for key in lists)):
            raise _more_than_planned(file)
        listed = list(before.indicators_file.indicators)
        for i, entry in entries.items():
            listed[i] = entry
        self.files = (_replaced(before.indicators_file, indicators=listed, **lists), before.actions_file)
        self.entries, self.lists = entries, lists
        found = [f for i, entry in entries.items()
                 for f in checks.one_indicator(self.files[0], self.files[1], tree, i, entry)]
        if any(f.is_error for f in found):
            raise _invalid(found)
        self.warnings = sorted(self._kept_warnings() + found)
        return Dataset(*self.files, before.location, {"indicators": tree, "actions": None}, self.warnings)

    def _kept_warnings(self) -> list[F.Finding]:
        """The warnings about everything else, their lines moved with the text."""
        touched = [f"indicators[{i}]" for i in self.plan.touched]
        kept = []
        for w in self.before.warnings:
            if w.file == str(self.before.location.indicators):
                if any(w.path == t or w.path.startswith((t + ".", t + "[")) for t in touched):
                    continue
                more = sum(m.lines for m in self.places if w.line > m.last)
                w = dataclasses.replace(w, line=w.line + more)
            kept.append(w)
        return kept

    def remember(self, name: str) -> None:
        """Keep the new dataset in the cache as the old one's entry plus this change."""
        before = self.before
        if before.cached is None:
            return
        skeleton = regions.shifted_skeleton(self.skeleton, self.places, self.parsed)
        cache.store_change(name, before.cached, before.depth, self.entries, self.lists.get("peers"),
                           portable(self.warnings, before.location), skeleton, self.files,
                           sources=self.lists.get("sources"))


class _Whole:
    """The edit placed and checked on the whole file, parsed in full: for a layout the
    entries cannot be cut from (a flow list, a dash on a line of its own)."""

    def __init__(self, before: Dataset, plan: _Plan, raw: bytes, actions):
        self.before, self.plan, self.actions = before, plan, actions
        self.bom = BOM if raw.startswith(BOM) else b""
        self.tree = before.trees.get("indicators") or yamltree.parse(raw, before.location.indicators)

    def check(self, new_text: str, cuts: list) -> Dataset:
        before, path = self.before, self.before.location.indicators
        try:
            tree = yamltree.parse(self.bom + new_text.encode("utf-8"), path)
            after = load_texts(before.location, tree, yamltree.parse(self.actions.raw, self.actions.path))
        except F.DataError as err:
            raise _invalid(err.findings) from None
        if not _same(after.indicators_file, self.plan.expected()):
            raise _more_than_planned(path)
        return after

    def remember(self, name: str) -> None:
        pass  # the next command validates the new text in full, and keeps it


def _same(a, b) -> bool:
    """The same data, whichever fields were written out: pydantic before 2.6 also compares
    which fields were set, and a model read back from the cache may set them differently."""
    return a.model_dump() == b.model_dump()


def _same_list(a: list, b: list) -> bool:
    return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))


def _replaced(file: IndicatorsFile, **fields) -> IndicatorsFile:
    """The file with these fields replaced (and counted as set, as a parse would)."""
    return file.model_construct(_fields_set=file.model_fields_set | set(fields), **{**dict(file), **fields})


# The plan. ---------------------------------------------------------------------------------

@dataclass
class _Slot:
    """A figure of a series as the batch leaves it: `origin` its place in the file (None for a
    new one), `fields` the keys to write on an existing one (text, or None to take the key
    out), `request` the request that set it."""

    origin: int | None
    point: Observation
    fields: dict = field(default_factory=dict)
    request: int | None = None
    item: dict | None = None  # a new figure's entry as written


class _Plan:
    """Every figure of a batch, planned on the models in the order given, then turned into
    text edits against the file as it was read."""

    def __init__(self, ds: Dataset):
        self.ds, self.file = ds, ds.indicators_file
        self.languages = self.file.languages
        self.slots: dict[tuple[int, str], list[_Slot]] = {}
        self.peers = list(self.file.peers)
        self.sources = list(self.file.sources)
        self.new_peers: list[Peer] = []
        self.new_sources: list[Source] = []
        self.figures: list[Figure] = []
        self.slot_of: dict[int, _Slot] = {}  # a figure's slot, by the figure's id()
        self.notes: list[str] = []
        self.edits: list = []
        self.joined: list[tuple[int, str, str | None, int]] = []  # groups a new figure joined
        self._expected: IndicatorsFile | None = None

    @property
    def touched(self) -> set[int]:
        return {i for (i, _key), slots in self.slots.items()
                if any(s.request is not None or s.fields for s in slots) or self._removed(i, _key)}

    @property
    def lists_added(self) -> list[str]:
        return [key for key, new in (("sources", self.new_sources), ("peers", self.new_peers)) if new]

    def _removed(self, index: int, key: str) -> bool:
        return len([s for s in self.slots[(index, key)] if s.origin is not None]) < \
            len(getattr(self.file.indicators[index], key))

    def series(self, index: int, key: str) -> list[_Slot]:
        if (index, key) not in self.slots:
            self.slots[(index, key)] = [_Slot(j, p) for j, p in enumerate(getattr(self.file.indicators[index], key))]
        return self.slots[(index, key)]

    # One request. --------------------------------------------------------------------------

    def add(self, k: int, req: Request) -> None:
        index, ind = self.indicator(req.indicator)
        peer_id = None if req.peer is None else self.peer(req.peer, req)
        key = "observations" if peer_id is None else "benchmarks"
        slots = self.series(index, key)
        same = [s for s in slots if s.point.year == req.year and getattr(s.point, "peer", None) == peer_id]
        base = ("indicators", index, key)
        cited, source_text = req.citation, None
        if cited is not None:
            source_id = self.source(cited, req)
            source_text = f"{source_id} {cited.section}" if cited.section else source_id
            chosen = [s for s in same if s.point.source_id == source_id]
        elif len(same) > 1:
            listing = "; ".join(f"{s.point.value:g} from {s.point.source!r}" for s in same)
            ids = " or ".join(f"--source {s.point.source_id}" for s in same)
            raise BadRequest(f"{ind.id} has {len(same)} figures for {_who(peer_id)}{req.year} from different "
                             f"sources ({listing}); say which with {ids}", "source")
        elif not same:
            if req.remove:
                raise BadRequest(f"{ind.id} has no figure for {_who(peer_id)}{req.year} to remove", "year")
            raise BadRequest(f"{ind.id} has no figure for {_who(peer_id)}{req.year}, so this adds one: "
                             f"say where it comes from with --source, e.g. --source \"{self._example()}\"",
                             "source")
        else:
            chosen = same
        if chosen and chosen[0].request is not None:
            raise BadRequest(f"{ind.id} {_who(peer_id)}{req.year} from {chosen[0].point.source_id} is given "
                             "twice; keep one", "year")
        if req.remove:
            if not chosen:
                raise BadRequest(f"{ind.id} has no figure for {_who(peer_id)}{req.year} from {cited.source} "
                                 "to remove", "source")
            slot = chosen[0]
            slot.request = k
            slots.remove(slot)
            self.figures.append(Figure(req, ind.id, "removed", (*base, slot.origin), slot.point, None))
            self.notes += self._now_scored(ind, slots, slot.point)
            return
        if req.scored:
            for other in same:
                if other not in chosen and other.point.scored:
                    other.point = other.point.model_copy(update={"scored": None})
                    other.fields["scored"] = None
        if chosen:
            self._replace(k, req, ind, base, chosen[0], source_text, same)
        else:
            self._add(k, req, ind, base, slots, peer_id, source_text, same)

    def _replace(self, k, req, ind, base, slot: _Slot, source_text, same) -> None:
        old = slot.point
        update, fields = {}, {}
        if req.value != old.value:
            update["value"], fields["value"] = req.value, text.Raw(req.text)
        if req.citation is not None and req.citation.section and source_text != old.source:
            update["source"], fields["source"] = source_text, text.quote(source_text)
        if req.relation is not None and (req.relation or None) != old.relation:
            update["relation"] = req.relation or None
            fields["relation"] = text.quote(req.relation) if req.relation else None
        for name in ("quote", "note"):
            given = getattr(req, name)
            if given is not None and given != getattr(old, name):
                update[name], fields[name] = given, text.quote(given)
        if req.scored and not old.scored:
            update["scored"], fields["scored"] = True, "true"
        slot.request = k
        if not update:
            self._figure(Figure(req, ind.id, "unchanged", (*base, slot.origin), old, old), slot)
            return
        slot.point = old.model_copy(update=update)
        slot.fields.update(fields)
        if "value" in update and req.quote is None and (old.quote or old.derived):
            self.notes.append(f"{ind.id} {_who(getattr(old, 'peer', None))}{old.year}: the entry's "
                              f"quote/derived text still describes {old.value:g}; update it (--quote) "
                              "if it no longer fits")
        self._figure(Figure(req, ind.id, "replaced", (*base, slot.origin), old, slot.point), slot)

    def _add(self, k, req, ind, base, slots, peer_id, source_text, same) -> None:
        item: dict = {} if peer_id is None else {"peer": peer_id}
        item.update(year=req.year, value=text.Raw(req.text))
        values = {"year": req.year, "value": req.value, "source": source_text}
        if req.relation:
            item["relation"] = values["relation"] = req.relation
        item["source"] = source_text
        for name in ("quote", "note"):
            if getattr(req, name) is not None:
                item[name] = values[name] = getattr(req, name)
        if req.scored:
            item["scored"] = values["scored"] = True
        new = Observation(**values) if peer_id is None else Benchmark(peer=peer_id, **values)
        at = _position([s.point for s in slots], req.year, peer_id)
        slot = _Slot(None, new, request=k, item=item)
        slots.insert(at, slot)
        if same:
            self.joined.append((base[1], base[2], peer_id, req.year))
        self._figure(Figure(req, ind.id, "added", base, None, new), slot)

    def _figure(self, figure: Figure, slot: _Slot) -> None:
        self.figures.append(figure)
        self.slot_of[id(figure)] = slot

    def _now_scored(self, ind: Indicator, slots: list[_Slot], gone: Observation) -> list[str]:
        """After a removal, which figure of the year is scored, when others remain."""
        left = [s.point for s in slots if s.point.year == gone.year
                and getattr(s.point, "peer", None) == getattr(gone, "peer", None)]
        if not left:
            return []
        listing = ", ".join(f"{p.value:g} from {p.source!r}" for p in left)
        return [f"{ind.id} {_who(getattr(gone, 'peer', None))}{gone.year}: {gone.value:g} from "
                f"{gone.source!r} removed; left: {listing}"]

    # Names as typed → the data's ids. --------------------------------------------------------

    def indicator(self, typed: str) -> tuple[int, Indicator]:
        listed = self.file.indicators
        found = next((i for i, x in enumerate(listed) if x.id == typed), None)
        if found is None:
            folded = typed.casefold()
            found = next((i for i, x in enumerate(listed) if x.id.casefold() == folded), None)
        if found is None:
            hint = F.did_you_mean(typed, self.ds.indicators) or "see `scorecard indicators` for the ids"
            raise BadRequest(f"unknown indicator {typed!r}; {hint}", "id")
        return found, listed[found]

    def peer(self, name: str, req: Request) -> str:
        folded = name.casefold()
        for p in self.peers:
            if p.id.casefold() == folded or folded in (t.casefold() for t in p.name.texts):
                return p.id
        slug = inputs.slug(name)
        if any(p.id.casefold() == slug for p in self.peers):
            return next(p.id for p in self.peers if p.id.casefold() == slug)
        if not req.new_peer:
            choices = [*(p.id for p in self.peers), *(n for p in self.peers for n in p.name.texts)]
            known = ", ".join(sorted(p.id for p in self.peers)) or "none"
            hint = F.did_you_mean(name, choices) or f"known peers: {known}"
            raise BadRequest(f"unknown peer {name!r}; {hint}; to add it to peers:, repeat with --new-peer", "peer")
        if not slug or not slug[0].isalnum():
            raise BadRequest(f"cannot make a peer id from {name!r}: give its name in Latin letters "
                             "and correct its names in peers: afterwards", "peer")
        added = Peer(id=slug, name=Text.same(name, self.languages), kind=req.peer_kind)
        self.peers.append(added)
        self.new_peers.append(added)
        self.notes.append(f"added peer {slug!r} to peers: with {name!r} as its name in "
                          f"{', '.join(self.languages)}, kind {req.peer_kind}; correct them in the file if needed")
        return slug

    def source(self, cited: Citation, req: Request) -> str:
        """The id of the source a citation names, adding the source when its title is given."""
        folded = cited.source.casefold()
        known = next((s.id for s in self.sources if s.id.casefold() == folded), None)
        if known is not None:
            return known
        if req.source_title is None:
            ids = [s.id for s in self.sources]
            hint = F.did_you_mean(cited.source, ids) or f"known sources: {F.listing(ids)}"
            raise BadRequest(f"source {cited.text!r} names no known source (the first word is the source "
                             f"id); {hint}; to add a new publication, give its title (--source-title, or "
                             "a source_title column)", "source")
        if not _ID.fullmatch(cited.source):
            raise BadRequest(f"{cited.source!r} cannot be a source id: use letters, digits, '-', '_' and "
                             "'.', starting with a letter or digit", "source")
        title, missing = _label(req.source_title, self.languages)
        year = req.source_year or datetime.date.today().year
        added = Source(id=cited.source, title=title, year=year)
        self.sources.append(added)
        self.new_sources.append(added)
        said = f"year {year}" + ("" if req.source_year else " (this year: give the source's year if it is older)")
        more = f" ({', '.join(missing)} as given in another language)" if missing else ""
        self.notes.append(f"added source {cited.source!r} to sources: with its title{more}, {said}; "
                          "correct them in the file if needed")
        return cited.source

    def _example(self) -> str:
        return f"{self.sources[-1].id} <section>"

    # The edits. ------------------------------------------------------------------------------

    def finish(self) -> None:
        """The text edits, against the file as it was read; and which figure of a year that a
        new figure joined is the one scored."""
        for (index, key), slots in self.slots.items():
            base = ("indicators", index, key)
            kept = {s.origin for s in slots if s.origin is not None}
            for j in range(len(getattr(self.file.indicators[index], key))):
                if j not in kept:
                    self.edits.append(text.Remove((*base, j)))
            waiting: list[_Slot] = []
            gap = 0
            for slot in [*slots, None]:
                if slot is not None and slot.origin is None:
                    waiting.append(slot)
                    continue
                if waiting:
                    follows = _INDICATOR_KEYS + (("observations",) if key == "benchmarks" else ())
                    self.edits.append(text.Insert(base, gap, waiting[0].item, follows,
                                                  also=tuple(w.item for w in waiting[1:])))
                    waiting = []
                if slot is None:
                    break
                gap = slot.origin + 1
                for name, value in slot.fields.items():
                    path = (*base, slot.origin)
                    if value is None:
                        self.edits.append(text.DropKey((*path, name)))
                    else:
                        order = _FIGURE_KEYS[:_FIGURE_KEYS.index(name)]
                        self.edits.append(text.SetKey(path, name, value, order))
        for key, added, old in (("peers", self.new_peers, self.file.peers),
                                ("sources", self.new_sources, self.file.sources)):
            if added:
                items = [_entry(x) for x in added]
                self.edits.append(text.Insert((key,), len(old), items[0], _BEFORE[key], block=None,
                                              also=tuple(items[1:])))
        for f in self.figures:
            if f.action != "removed":
                f.where = self._place(f)
        self._explain_choices()

    def _place(self, f: Figure) -> tuple:
        """The figure's path in the new data."""
        _, index, key = f.where[:3]
        slots = self.slots[(index, key)]
        mine = self.slot_of[id(f)]
        return ("indicators", index, key, next(j for j, s in enumerate(slots) if s is mine))

    def _explain_choices(self) -> None:
        from scorecard.score.figures import Priority, choose

        years = {s.id: s.year for s in self.sources}
        method = self.file.method.source_priority
        for index, key, peer, year in dict.fromkeys(self.joined):
            ind = self.file.indicators[index]
            group = [s.point for s in self.slots[(index, key)]
                     if s.point.year == year and getattr(s.point, "peer", None) == peer]
            if len({p.value for p in group}) < 2:
                continue
            chosen = choose(group, Priority(ind.source_priority, method, years))
            if chosen is None:
                continue  # validation says so, with the figures
            why = ("it is marked `scored: true`" if chosen.scored
                   else "by the indicator's source_priority" if ind.source_priority
                   else "its source is the newest" if method == "newest"
                   else "by method.source_priority")
            others = ", ".join(f"{p.value:g} from {p.source!r}" for p in group if p is not chosen)
            self.notes.append(f"{ind.id} {_who(peer)}{year}: {chosen.value:g} from {chosen.source!r} is scored "
                              f"({why}); kept: {others}")

    def expected(self) -> IndicatorsFile:
        """The indicators file as the batch means to leave it."""
        if self._expected is None:
            listed = list(self.file.indicators)
            for (index, key), slots in self.slots.items():
                listed[index] = listed[index].model_copy(update={key: [s.point for s in slots]})
            self._expected = _replaced(self.file, indicators=listed, peers=self.peers, sources=self.sources)
        return self._expected

    def placed(self, err: Refused) -> Refused:
        """A refusal of the validated result, its findings about a figure of the batch turned
        into that figure's problem."""
        by_path = {}
        for (index, key), slots in self.slots.items():
            for j, s in enumerate(slots):
                if s.request is not None:
                    by_path[f"indicators[{index}].{key}[{j}]"] = s.request
        problems, rest = [], []
        for f in err.findings:
            prefix = next((p for p in by_path if f.path == p or f.path.startswith(p + ".")), None)
            if prefix is None:
                rest.append(f)
            else:
                problems.append(Problem(by_path[prefix], f.path[len(prefix) + 1:], f.message, f))
        return Refused(err.message, err.code, rest, problems)


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_BEFORE = {"peers": ("sources",), "sources": ("method", "languages", "subject")}


def _entry(x: Peer | Source) -> dict:
    """A new peer's or source's entry as written."""
    if isinstance(x, Peer):
        return {"id": x.id, "name": x.name.model_dump(), **({} if x.kind == "city" else {"kind": x.kind})}
    return {"id": x.id, "title": x.title.model_dump(), "year": x.year}


def _label(given: str | dict[str, str], languages: list[str]) -> tuple[Text, list[str]]:
    """A label in every declared language from what was given; the languages filled in from
    another one."""
    if isinstance(given, str):
        return Text.same(given, languages), []
    texts = {lang: given[lang] for lang in languages if given.get(lang)}
    fallback = given.get("*") or next(iter(texts.values()), None) or next(iter(given.values()))
    missing = [lang for lang in languages if lang not in texts and "*" not in given]
    if len(languages) == 1:
        return Text(texts.get(languages[0], fallback)), missing
    return Text({lang: texts.get(lang, fallback) for lang in languages}), missing


def _position(points, year: int, peer: str | None) -> int:
    """Where a new figure goes: after its own series' last earlier year, so the file stays in order."""
    mine = [j for j, p in enumerate(points) if getattr(p, "peer", None) == peer]
    earlier = [j for j in mine if points[j].year <= year]
    if earlier:
        return earlier[-1] + 1
    if mine:
        return mine[0]
    return len(points) if peer is not None else 0


def _who(peer: str | None) -> str:
    return f"{peer} " if peer else ""
