"""`scorecard set`: add or replace one figure, and prove nothing else changed.

The order matters: under the lock we read the bytes and find the dataset they
make (from the cache, or parsed and validated); we plan the edit, splice it into
the text at the marks of the entries it touches, parse those entries again on
their own and validate them (the rest of the text is unchanged, so it still
validates), check that the validated entries differ from the old by exactly the
intended figure, and only then replace the file, if it is still the file that
was read. Anything that goes wrong before the rename leaves the file as it was.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import findings as F
from scorecard.edit import atomic, inputs, regions, text
from scorecard.load import cache, citation, reader, yamltree
from scorecard.load.dataset import Dataset, Location, load_files, load_texts, portable, snapshot
from scorecard.model import Benchmark, Indicator, IndicatorsFile, Observation, Peer, Text

BOM = b"\xef\xbb\xbf"
_INDICATOR_KEYS = ("id", "name", "unit", "kind", "direction", "floor", "floor_reason", "weight",
                   "shortfalls")


class Refused(Exception):
    """The update was not made; the file is untouched. `code` is the exit status to use."""

    def __init__(self, message: str, code: int = 1, found: list[F.Finding] | None = None):
        super().__init__(message)
        self.message, self.code, self.findings = message, code, found or []


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
    """One update as asked for, parsed once: which figure, its value, where it comes from."""

    indicator: str
    year: int
    value: float
    text: str  # the value as it is written to the file
    citation: Citation | None = None
    peer: str | None = None  # a peer's id, or its Chinese or English name
    new_peer: bool = False
    peer_kind: str = "city"

    @classmethod
    def parse(cls, indicator: str, value: str, year: int, source: str | None = None,
              peer: str | None = None, new_peer: bool = False, peer_kind: str = "city") -> Request:
        """What the user typed → a request, or `Refused` (exit 2) saying what to type."""
        try:
            written, number = inputs.number(value)
            cited = Citation.parse(source) if source is not None else None
            peer_name = inputs.text(peer, "peer") if peer is not None else None
        except inputs.BadInput as err:
            raise Refused(str(err), 2) from None
        low, high = year_range()
        if not low <= year <= high:
            raise Refused(f"year {year} is out of range; a year lies between {low} and {high}", 2)
        return cls(indicator, year, number, written, cited, peer_name, new_peer, peer_kind)


@dataclass
class Outcome:
    file: Path
    indicator: str
    action: str  # "added", "replaced" or "unchanged"
    line: int
    old: Observation | None
    new: Observation
    before: Dataset
    after: Dataset
    peer_added: Peer | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[F.Finding] = field(default_factory=list)  # new ones only


def year_range() -> tuple[int, int]:
    """The years the model accepts, read from it so the two never disagree."""
    bounds = {k: getattr(m, k) for m in Observation.model_fields["year"].metadata
              for k in ("ge", "le") if getattr(m, k, None) is not None}
    return bounds["ge"], bounds["le"]


def apply(location: Location, request: Request) -> Outcome:
    """Make the change, or raise `Refused` (or `DataError` when the data is already invalid)."""
    path = location.indicators
    try:  # what is not a regular file of a sane size is refused before a lock is made beside it
        reader.look(path)
    except F.DataError as err:
        raise Refused(f"{path} cannot be updated; nothing was written", 1, err.findings) from None
    try:
        atomic.check(path)  # a file the user may not replace as it is: said before any work
        with atomic.locked(path):
            removed = atomic.remove_stale(path)
            done = _apply(location, request, path)
    except atomic.Busy as err:
        raise Refused(f"{err}; try again in a moment") from None
    except atomic.Refusal as err:
        raise Refused(str(err)) from None
    except OSError as err:
        raise Refused(f"{path}: {err.strerror or err}; nothing was written") from None
    done.notes += [f"removed {p.name}, left behind by an update that was interrupted" for p in removed]
    return done


def _apply(location: Location, req: Request, path: Path) -> Outcome:
    read = reader.read(path)
    actions = snapshot(location.actions)
    before = load_files(location, read, actions)
    plan = _plan(before, req)
    bom = BOM if read.raw.startswith(BOM) else b""
    old_text = read.raw[len(bom):].decode("utf-8")
    try:
        edit = _Regional(before, plan, old_text)
    except regions.Unusual:
        edit = _Whole(before, plan, read.raw, actions)
    if plan.action == "unchanged":
        return Outcome(path, plan.indicator.id, "unchanged", edit.tree.position(plan.where)[0], plan.old,
                       plan.old, before, before, notes=plan.notes)
    try:
        cuts = text.splices(old_text, edit.tree, plan.edits)
    except text.EditError as err:
        raise Refused(f"{path}: cannot edit the file as text ({err}); nothing was written") from None
    new_text = text.splice(old_text, cuts)
    after = edit.check(new_text, cuts)
    new_raw = bom + new_text.encode("utf-8")
    atomic.write(path, new_raw, read)
    name = cache.key(new_raw, actions.raw) if not isinstance(actions, list) else None
    if name:
        edit.remember(name)

    line = after.trees["indicators"].position(plan.where)[0]
    seen = {_key(x) for x in before.warnings}
    warnings = [w for w in after.warnings if _key(w) not in seen]
    return Outcome(path, plan.indicator.id, plan.action, line, plan.old, plan.new, before, after,
                   plan.peer_added, plan.notes, warnings)


def _key(finding: F.Finding) -> tuple:
    return (finding.code, finding.message)


def _invalid(found: list[F.Finding]) -> Refused:
    return Refused("the change would make the data invalid (lines above are as they would have been); "
                   "nothing was written", 1, [f for f in found if f.is_error])


def _more_than_one_figure(path) -> Refused:
    return Refused(f"{path}: the edit would change more than the one figure; nothing was written "
                   "(please report this with a copy of the file)")


class _Regional:
    """The edit placed and checked on the lines of the entries it touches alone."""

    def __init__(self, before: Dataset, plan: _Plan, old_text: str):
        self.before, self.plan, self.old_text = before, plan, old_text
        self.skeleton = before.skeleton()
        self.regions = [regions.entry(old_text, self.skeleton, "indicators", plan.index)]
        if plan.peer_added is not None:
            self.regions.append(regions.whole(old_text, self.skeleton, "peers"))
        self.tree = regions.read(old_text, self.skeleton, self.regions)

    def check(self, new_text: str, cuts: list) -> Dataset:
        """The dataset as the new text makes it, from the touched entries parsed again."""
        before, plan = self.before, self.plan
        try:
            self.places = regions.moved(self.old_text, new_text, cuts, self.regions)
        except regions.Unusual:
            raise _more_than_one_figure(self.skeleton.file) from None
        try:
            tree, self.parsed = regions.reread(new_text, self.skeleton, self.places)
        except F.DataError as err:
            raise _invalid(err.findings) from None
        except regions.Unusual:  # the edit made something other than the one entry
            raise _more_than_one_figure(self.skeleton.file) from None
        from scorecard.load import checks, schema

        entry, found = schema.validate_entry(IndicatorsFile, ("indicators", plan.index),
                                             self.parsed["indicators"][0], tree)
        peers = list(before.indicators_file.peers)
        if plan.peer_added is not None:
            peers = []
            for j, raw in enumerate(self.parsed["peers"][0]):
                peer, problems = schema.validate_entry(IndicatorsFile, ("peers", j), raw, tree)
                peers.append(peer)
                found += problems
        if found:
            raise _invalid(found)
        if not (_same(entry, plan.new_indicator) and len(peers) == len(plan.peers)
                and all(_same(a, b) for a, b in zip(peers, plan.peers))):
            raise _more_than_one_figure(self.skeleton.file)
        listed = list(before.indicators_file.indicators)
        listed[plan.index] = entry
        self.files = (_replaced(before.indicators_file, indicators=listed, peers=peers),
                      before.actions_file)
        found = checks.one_indicator(self.files[0], self.files[1], tree, plan.index, entry)
        if any(f.is_error for f in found):
            raise _invalid(found)
        self.warnings = sorted(self._kept_warnings() + found)
        return Dataset(*self.files, before.location, {"indicators": tree, "actions": None}, self.warnings)

    def _kept_warnings(self) -> list[F.Finding]:
        """The warnings about everything else, their lines moved with the text."""
        here = f"indicators[{self.plan.index}]"
        kept = []
        for w in self.before.warnings:
            if w.file == str(self.before.location.indicators):
                if w.path == here or w.path.startswith((here + ".", here + "[")):
                    continue
                more = sum(m.lines for m in self.places if w.line > m.last)
                w = dataclasses.replace(w, line=w.line + more)
            kept.append(w)
        return kept

    def remember(self, name: str) -> None:
        """Keep the new dataset in the cache as the old one's entry plus this change."""
        before, plan = self.before, self.plan
        if before.cached is None:
            return
        skeleton = regions.shifted_skeleton(self.skeleton, self.places, self.parsed)
        cache.store_change(name, before.cached, before.depth, {plan.index: self.files[0].indicators[plan.index]},
                           self.files[0].peers if plan.peer_added is not None else None,
                           portable(self.warnings, before.location), skeleton, self.files)


class _Whole:
    """The edit placed and checked on the whole file, parsed in full: for a layout the
    entries cannot be cut from (a flow list, a dash on a line of its own)."""

    def __init__(self, before: Dataset, plan: _Plan, raw: bytes, actions):
        self.before, self.plan, self.actions = before, plan, actions
        self.bom = BOM if raw.startswith(BOM) else b""
        self.tree = before.trees.get("indicators") or yamltree.parse(raw, before.location.indicators)

    def check(self, new_text: str, cuts: list) -> Dataset:
        before, plan, path = self.before, self.plan, self.before.location.indicators
        try:
            tree = yamltree.parse(self.bom + new_text.encode("utf-8"), path)
            after = load_texts(before.location, tree, yamltree.parse(self.actions.raw, self.actions.path))
        except F.DataError as err:
            raise _invalid(err.findings) from None
        listed = list(before.indicators_file.indicators)
        listed[plan.index] = plan.new_indicator
        expected = _replaced(before.indicators_file, indicators=listed, peers=plan.peers)
        if not _same(after.indicators_file, expected):
            raise _more_than_one_figure(path)
        return after

    def remember(self, name: str) -> None:
        pass  # the next command validates the new text in full, and keeps it


def _same(a, b) -> bool:
    """The same data, whichever fields were written out: pydantic before 2.6 also compares
    which fields were set, and a model read back from the cache may set them differently."""
    return a.model_dump() == b.model_dump()


def _replaced(file: IndicatorsFile, **fields) -> IndicatorsFile:
    """The file with these fields replaced (and counted as set, as a parse would)."""
    return file.model_construct(_fields_set=file.model_fields_set | set(fields), **{**dict(file), **fields})


@dataclass
class _Plan:
    action: str
    index: int  # of the indicator in the file
    indicator: Indicator
    where: tuple  # path of the figure in the data
    old: Observation | None
    new: Observation
    new_indicator: Indicator | None = None
    peers: list[Peer] = field(default_factory=list)  # the peers afterwards
    edits: list = field(default_factory=list)
    peer_added: Peer | None = None
    notes: list[str] = field(default_factory=list)


def _plan(ds: Dataset, req: Request) -> _Plan:
    index, ind = _indicator(ds, req.indicator)
    notes: list[str] = []
    peer_id, peer_added = (None, None) if req.peer is None else _peer(ds, req.peer, req, notes)
    key = "observations" if peer_id is None else "benchmarks"
    points = list(getattr(ind, key))
    same = [j for j, p in enumerate(points) if p.year == req.year and getattr(p, "peer", None) == peer_id]
    cited = req.citation
    if cited is not None:
        _known_source(ds, cited)
        chosen = [j for j in same if citation.source_id(points[j].source) == cited.source]
    elif len(same) > 1:
        listing = "; ".join(f"{points[j].value:g} from {points[j].source!r}" for j in same)
        ids = " or ".join(f"--source {citation.source_id(points[j].source)}" for j in same)
        raise Refused(f"{ind.id} has {len(same)} figures for {_who(peer_id)}{req.year} from different "
                      f"sources ({listing}); say which to replace with {ids}", 2)
    elif not same:
        raise Refused(f"{ind.id} has no figure for {_who(peer_id)}{req.year}, so this adds one: "
                      f"say where it comes from with --source, e.g. --source \"{_example(ds)}\"", 2)
    else:
        chosen = same
    base = ("indicators", index, key)
    peers = list(ds.indicators_file.peers)

    if chosen:
        j = chosen[0]
        old = points[j]
        # A bare source id only picks the entry; a full citation replaces the old one.
        new_source = cited.text if cited is not None and cited.section else old.source
        new = old.model_copy(update={"value": req.value, "source": new_source})
        if new.value == old.value and new.source == old.source:
            return _Plan("unchanged", index, ind, (*base, j), old, old, ind, peers, notes=notes)
        edits = [] if new.value == old.value else [text.Replace((*base, j, "value"), text.Raw(req.text))]
        if new.source != old.source:
            edits.append(text.Replace((*base, j, "source"), text.quote(new.source)))
        if old.quote or old.derived:
            notes.append(f"the entry's quote/derived text still describes {old.value:g}; "
                         "update it by hand if it no longer fits")
        points[j] = new
        return _Plan("replaced", index, ind, (*base, j), old, new, ind.model_copy(update={key: points}),
                     peers, edits, peer_added, notes)

    item: dict = {} if peer_id is None else {"peer": peer_id}
    item.update(year=req.year, value=text.Raw(req.text), source=cited.text)
    new = (Observation(year=req.year, value=req.value, source=cited.text) if peer_id is None
           else Benchmark(peer=peer_id, year=req.year, value=req.value, source=cited.text))
    at = _position(points, req.year, peer_id)
    follows = _INDICATOR_KEYS + (("observations",) if key == "benchmarks" else ())
    edits = [text.Insert(("indicators", index, key), at, item, follows)]
    if same:
        others = ", ".join(f"{points[j].value:g} from {points[j].source!r}" for j in same)
        notes.append(f"{_who(peer_id)}{req.year} now has figures from several sources ({others}, "
                     f"and this one); the one listed last, this one, is scored")
    points.insert(at, new)
    if peer_added is not None:
        edits.append(text.Insert(("peers",), len(peers),
                                 {"id": peer_added.id, "name": peer_added.name.model_dump(),
                                  **({} if peer_added.kind == "city" else {"kind": peer_added.kind})},
                                 ("sources",), block=None))
        peers.append(peer_added)
    return _Plan("added", index, ind, (*base, at), None, new, ind.model_copy(update={key: points}),
                 peers, edits, peer_added, notes)


def _indicator(ds: Dataset, ind_id: str) -> tuple[int, Indicator]:
    for i, ind in enumerate(ds.indicators_file.indicators):
        if ind.id == ind_id:
            return i, ind
    hint = F.did_you_mean(ind_id, ds.indicators) or "see `scorecard indicators` for the ids"
    raise Refused(f"unknown indicator {ind_id!r}; {hint}", 2)


def _peer(ds: Dataset, name: str, req: Request, notes: list[str]) -> tuple[str, Peer | None]:
    if name in ds.peers:
        return name, None
    for p in ds.peers.values():
        if name.casefold() in (t.casefold() for t in p.name.texts):
            return p.id, None
    slug = inputs.slug(name)
    if slug in ds.peers:
        return slug, None
    if not req.new_peer:
        names = [n for p in ds.peers.values() for n in p.name.texts]
        choices = [*ds.peers, *names]
        hint = F.did_you_mean(name, choices) or f"known peers: {', '.join(sorted(ds.peers)) or 'none'}"
        raise Refused(f"unknown peer {name!r}; {hint}; to add it to peers:, repeat with --new-peer", 2)
    if not slug or not slug[0].isalnum():
        raise Refused(f"cannot make a peer id from {name!r}: give its name in Latin letters "
                      "and correct its names in peers: afterwards", 2)
    languages = ds.indicators_file.languages
    notes.append(f"added peer {slug!r} to peers: with {name!r} as its name in {', '.join(languages)}, "
                 f"kind {req.peer_kind}; correct them in the file if needed")
    return slug, Peer(id=slug, name=Text.same(name, languages), kind=req.peer_kind)


def _known_source(ds: Dataset, cited: Citation) -> None:
    if cited.source not in ds.sources:
        hint = F.did_you_mean(cited.source, ds.sources) or f"known sources: {', '.join(sorted(ds.sources))}"
        raise Refused(f"--source {cited.text!r} names no known source (the first word is the source id); "
                      f"{hint}; add a new publication to sources: first", 2)


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


def _example(ds: Dataset) -> str:
    last = list(ds.sources)[-1]
    return f"{last} <section>"
