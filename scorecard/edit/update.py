"""`scorecard set`: add or replace one figure, and prove nothing else changed.

The order matters: under the lock we read the bytes, edit the text, parse and
validate the whole dataset as it would be, check that the validated data
differs from the old by exactly the intended figure, and only then replace
the file. Anything that goes wrong before the rename leaves the file as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scorecard import findings as F
from scorecard.edit import atomic, inputs, text
from scorecard.load import yamltree
from scorecard.load.dataset import Dataset, Location, load_texts, read_tree
from scorecard.model import Benchmark, Indicator, Observation, Peer, Text

BOM = b"\xef\xbb\xbf"
_INDICATOR_KEYS = ("id", "name", "unit", "kind", "direction", "floor", "floor_reason", "weight",
                   "shortfalls")


class Refused(Exception):
    """The update was not made; the file is untouched. `code` is the exit status to use."""

    def __init__(self, message: str, code: int = 1, found: list[F.Finding] | None = None):
        super().__init__(message)
        self.message, self.code, self.findings = message, code, found or []


@dataclass(frozen=True)
class Request:
    indicator: str
    value: str  # as typed
    year: int
    source: str | None = None
    peer: str | None = None
    new_peer: bool = False
    peer_kind: str = "city"


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
    try:
        value_text, value = inputs.number(request.value)
        source = inputs.text(request.source, "source") if request.source is not None else None
        peer_name = inputs.text(request.peer, "peer") if request.peer is not None else None
    except inputs.BadInput as err:
        raise Refused(str(err), 2) from None
    low, high = year_range()
    if not low <= request.year <= high:
        raise Refused(f"year {request.year} is out of range; a year lies between {low} and {high}", 2)
    path = location.indicators
    try:
        with atomic.locked(path):
            return _apply(location, request, path, value_text, value, source, peer_name)
    except atomic.Busy as err:
        raise Refused(f"{err}; try again in a moment") from None
    except OSError as err:
        raise Refused(f"{path}: {err.strerror or err}; nothing was written") from None


def _apply(location, request, path, value_text, value, source, peer_name) -> Outcome:
    raw = _read(path)
    actions_tree = read_tree(location.actions)
    before = load_texts(location, yamltree.parse(raw, path), actions_tree)
    bom = BOM if raw.startswith(BOM) else b""
    old_text = raw[len(bom):].decode("utf-8")

    plan = _plan(before, request, value_text, value, source, peer_name)
    if plan.action == "unchanged":
        line = before.trees["indicators"].position(plan.where)[0]
        return Outcome(path, request.indicator, "unchanged", line, plan.old, plan.old, before, before,
                       notes=plan.notes)

    try:
        new_text = text.apply(old_text, plan.edits)
    except text.EditError as err:
        raise Refused(f"{path}: cannot edit the file as text ({err}); nothing was written") from None
    new_raw = bom + new_text.encode("utf-8")
    try:
        after = load_texts(location, yamltree.parse(new_raw, path), actions_tree)
    except F.DataError as err:
        raise Refused("the change would make the data invalid (lines above are as they would "
                      "have been); nothing was written", 1,
                      [f for f in err.findings if f.is_error]) from None
    if after.indicators_file.model_dump() != plan.expected:
        raise Refused(f"{path}: the edit would change more than the one figure; nothing was "
                      "written (please report this with a copy of the file)")
    atomic.write(path, new_raw)

    line = after.trees["indicators"].position(plan.where)[0]
    warnings = [w for w in after.warnings if _key(w) not in {_key(x) for x in before.warnings}]
    return Outcome(path, request.indicator, plan.action, line, plan.old, plan.new, before, after,
                   plan.peer_added, plan.notes, warnings)


def _key(finding: F.Finding) -> tuple:
    return (finding.code, finding.message)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise F.DataError([F.make(F.FILE_MISSING, path, "no such file")]) from None


@dataclass
class _Plan:
    action: str
    where: tuple  # path of the figure in the data
    old: Observation | None
    new: Observation
    edits: list = field(default_factory=list)
    expected: dict | None = None
    peer_added: Peer | None = None
    notes: list[str] = field(default_factory=list)


def _plan(ds: Dataset, req: Request, value_text: str, value: float, source, peer_name) -> _Plan:
    index, ind = _indicator(ds, req.indicator)
    notes: list[str] = []
    peer_id, peer_added = (None, None) if peer_name is None else _peer(ds, peer_name, req, notes)
    key = "observations" if peer_id is None else "benchmarks"
    points = list(getattr(ind, key))
    same = [j for j, p in enumerate(points) if p.year == req.year and getattr(p, "peer", None) == peer_id]
    if source is not None:
        _known_source(ds, source)
        sid = source.split(" ")[0]
        chosen = [j for j in same if points[j].source.split(" ")[0] == sid]
    elif len(same) > 1:
        listing = "; ".join(f"{points[j].value:g} from {points[j].source!r}" for j in same)
        ids = " or ".join(f"--source {points[j].source.split(' ')[0]}" for j in same)
        raise Refused(f"{ind.id} has {len(same)} figures for {_who(peer_id)}{req.year} from different "
                      f"sources ({listing}); say which to replace with {ids}", 2)
    elif not same:
        raise Refused(f"{ind.id} has no figure for {_who(peer_id)}{req.year}, so this adds one: "
                      f"say where it comes from with --source, e.g. --source \"{_example(ds)}\"", 2)
    else:
        chosen = same
    base = ("indicators", index, key)
    dump = ds.indicators_file.model_dump()
    series = dump["indicators"][index].setdefault(key, [])

    if chosen:
        j = chosen[0]
        old = points[j]
        # A bare source id only picks the entry; a full citation replaces the old one.
        new_source = source if source is not None and " " in source else old.source
        new = old.model_copy(update={"value": value, "source": new_source})
        if new.value == old.value and new.source == old.source:
            return _Plan("unchanged", (*base, j), old, old, notes=notes)
        edits = [] if new.value == old.value else [text.Replace((*base, j, "value"), text.Raw(value_text))]
        if new.source != old.source:
            edits.append(text.Replace((*base, j, "source"), text.quote(new.source)))
        if old.quote or old.derived:
            notes.append(f"the entry's quote/derived text still describes {old.value:g}; "
                         "update it by hand if it no longer fits")
        series[j].update(value=value, source=new_source)
        return _Plan("replaced", (*base, j), old, new, edits, dump, peer_added, notes)

    item: dict = {} if peer_id is None else {"peer": peer_id}
    item.update(year=req.year, value=text.Raw(value_text), source=source)
    new = (Observation(year=req.year, value=value, source=source) if peer_id is None
           else Benchmark(peer=peer_id, year=req.year, value=value, source=source))
    at = _position(points, req.year, peer_id)
    follows = _INDICATOR_KEYS + (("observations",) if key == "benchmarks" else ())
    edits = [text.Insert(("indicators", index, key), at, item, follows)]
    if same:
        others = ", ".join(f"{points[j].value:g} from {points[j].source!r}" for j in same)
        notes.append(f"{_who(peer_id)}{req.year} now has figures from several sources ({others}, "
                     f"and this one); the one listed last, this one, is scored")
    series.insert(at, new.model_dump())
    if peer_added is not None:
        edits.append(text.Insert(("peers",), len(ds.indicators_file.peers),
                                 {"id": peer_added.id, "name": peer_added.name.model_dump(),
                                  **({} if peer_added.kind == "city" else {"kind": peer_added.kind})},
                                 ("sources",), block=None))
        dump["peers"].append(peer_added.model_dump())
    return _Plan("added", (*base, at), None, new, edits, dump, peer_added, notes)


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


def _known_source(ds: Dataset, source: str) -> None:
    sid = source.split(" ")[0]
    if sid not in ds.sources:
        hint = F.did_you_mean(sid, ds.sources) or f"known sources: {', '.join(sorted(ds.sources))}"
        raise Refused(f"--source {source!r} names no known source (the first word is the source id); "
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
