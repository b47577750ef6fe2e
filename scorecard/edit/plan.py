"""Every figure of a batch planned on the models, in the order given, then turned into text
edits against the file as it was read (`edit.update` splices, checks and writes them).

Planning on the models first lets a later figure see an earlier one (a new source or peer,
a new year), lets the edits of one series be made against the old text in one go, and gives
the models the validated text must come back as.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from scorecard import findings as F
from scorecard.edit import inputs, text
from scorecard.edit.request import BadRequest, Citation, Problem, Refused, Request
from scorecard.load.dataset import Dataset
from scorecard.model import Benchmark, Indicator, IndicatorsFile, Observation, Peer, Source, Text

_INDICATOR_KEYS = ("id", "name", "unit", "kind", "direction", "floor", "floor_reason", "weight",
                   "shortfalls")
# The keys of a figure in the order they are written; a key added to an existing figure
# goes after the last of those before it that the figure has.
_FIGURE_KEYS = ("peer", "year", "value", "relation", "source", "quote", "derived", "note", "scored")


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


def replaced(file: IndicatorsFile, **fields) -> IndicatorsFile:
    """The file with these fields replaced (and counted as set, as a parse would)."""
    return file.model_construct(_fields_set=file.model_fields_set | set(fields), **{**dict(file), **fields})



@dataclass
class Slot:
    """A figure of a series as the batch leaves it: `origin` its place in the file (None for a
    new one), `fields` the keys to write on an existing one (text, or None to take the key
    out), `request` the request that set it."""

    origin: int | None
    point: Observation
    fields: dict = field(default_factory=dict)
    request: int | None = None
    item: dict | None = None  # a new figure's entry as written


class Plan:
    """Every figure of a batch, planned on the models in the order given, then turned into
    text edits against the file as it was read."""

    def __init__(self, ds: Dataset):
        self.ds, self.file = ds, ds.indicators_file
        self.languages = self.file.languages
        self.slots: dict[tuple[int, str], list[Slot]] = {}
        self.peers = list(self.file.peers)
        self.sources = list(self.file.sources)
        self.new_peers: list[Peer] = []
        self.new_sources: list[Source] = []
        self.figures: list[Figure] = []
        self.slot_of: dict[int, Slot] = {}  # a figure's slot, by the figure's id()
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

    def series(self, index: int, key: str) -> list[Slot]:
        if (index, key) not in self.slots:
            self.slots[(index, key)] = [Slot(j, p) for j, p in enumerate(getattr(self.file.indicators[index], key))]
        return self.slots[(index, key)]

    def add_all(self, requests: list[Request]) -> list[Problem]:
        """Every request planned, in order; a problem for each that cannot be (the others are
        still planned, so that every problem is said at once)."""
        problems = []
        for k, req in enumerate(requests):
            try:
                self.add(k, req)
            except BadRequest as err:
                problems.append(Problem(k, err.field, err.message))
        return problems

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

    def _replace(self, k, req, ind, base, slot: Slot, source_text, same) -> None:
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
        slot = Slot(None, new, request=k, item=item)
        slots.insert(at, slot)
        if same:
            self.joined.append((base[1], base[2], peer_id, req.year))
        self._figure(Figure(req, ind.id, "added", base, None, new), slot)

    def _figure(self, figure: Figure, slot: Slot) -> None:
        self.figures.append(figure)
        self.slot_of[id(figure)] = slot

    def _now_scored(self, ind: Indicator, slots: list[Slot], gone: Observation) -> list[str]:
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
            waiting: list[Slot] = []
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
            self._expected = replaced(self.file, indicators=listed, peers=self.peers, sources=self.sources)
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
