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

import contextlib
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import findings as F
from scorecard.edit import atomic, regions, text
from scorecard.edit.plan import Figure, Plan, replaced
from scorecard.edit.request import BadRequest, Problem, Refused, Request  # noqa: F401  (the commands' names)
from scorecard.load import cache, reader, yamltree
from scorecard.load.dataset import Dataset, Location, load_files, load_texts, portable, snapshot
from scorecard.model import IndicatorsFile, Peer, Source

BOM = b"\xef\xbb\xbf"


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
    return locked([path], lambda: _apply(location, requests, path, check))


def locked(paths: list[Path], work):
    """`work()` under the locks of `paths`, once each is known to be a file the user may
    replace, with what an interrupted update left beside them removed (said in the result's
    notes); anything in the way is a `Refused`."""
    try:  # what is not a regular file of a sane size is refused before a lock is made beside it
        for path in paths:
            reader.look(path)
    except F.DataError as err:
        raise Refused(f"{err.findings[0].file} cannot be updated; nothing was written", 1, err.findings) from None
    try:
        for path in paths:
            atomic.check(path)  # a file the user may not replace as it is: said before any work
        with contextlib.ExitStack() as locks:
            for path in paths:
                locks.enter_context(atomic.locked(path))
            removed = [p for path in paths for p in atomic.remove_stale(path)]
            done = work()
    except atomic.Busy as err:
        raise Refused(f"{err}; try again in a moment") from None
    except atomic.Refusal as err:
        raise Refused(str(err)) from None
    except OSError as err:
        named = next((p for p in paths if err.filename and p.name in str(err.filename)), paths[0])
        raise Refused(f"{named}: {err.strerror or err}; nothing was written") from None
    done.notes += [f"removed {p.name}, left behind by an update that was interrupted" for p in removed]
    return done


def _apply(location: Location, requests: list[Request], path: Path, check: bool = False) -> Batch:
    read = reader.read(path)
    actions = snapshot(location.actions)
    before = load_files(location, read, actions)
    plan = Plan(before)
    problems = plan.add_all(requests)
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

    def __init__(self, before: Dataset, plan: Plan, old_text: str):
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
        if not (all(same(entries[i], expected.indicators[i]) for i in entries)
                and all(same_list(lists[key], getattr(expected, key)) for key in lists)):
            raise _more_than_planned(file)
        listed = list(before.indicators_file.indicators)
        for i, entry in entries.items():
            listed[i] = entry
        self.files = (replaced(before.indicators_file, indicators=listed, **lists), before.actions_file)
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

    def __init__(self, before: Dataset, plan: Plan, raw: bytes, actions):
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
        if not same(after.indicators_file, self.plan.expected()):
            raise _more_than_planned(path)
        return after

    def remember(self, name: str) -> None:
        pass  # the next command validates the new text in full, and keeps it


def same(a, b) -> bool:
    """The same data, whichever fields were written out: pydantic before 2.6 also compares
    which fields were set, and a model read back from the cache may set them differently."""
    return a.model_dump() == b.model_dump()


def same_list(a: list, b: list) -> bool:
    return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
