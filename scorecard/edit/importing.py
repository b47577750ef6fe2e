"""Sheets of entries and of figures recorded in one update of both files, or in none.

Under both locks we read both files and the dataset they make; plan the entries
(`edit.structure`) and splice them into the text; validate the whole result; plan the
figures on that dataset (`edit.plan`, as `set` does) and splice them in; validate again;
check that the entries and figures came back as planned; and only then replace each file
that changed, if it is still the file that was read. A failure of the second write puts
the first file back, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecard import findings as F
from scorecard.edit import atomic, text
from scorecard.edit.plan import Figure, Plan
from scorecard.edit.request import Refused, Request
from scorecard.edit.structure import Structure
from scorecard.edit.update import locked, same, same_list
from scorecard.load import reader, yamltree
from scorecard.load.dataset import Dataset, Location, load_files, load_texts


BOM = b"\xef\xbb\xbf"


@dataclass
class Imported:
    before: Dataset
    after: Dataset
    tallies: dict  # kind → structure.Tally
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[F.Finding] = field(default_factory=list)  # new ones only
    written: list = field(default_factory=list)  # the files replaced

    def count(self, action: str) -> int:
        return sum(f.action == action for f in self.figures)


def apply_sheets(location: Location, sheets: list, requests: list[Request], check: bool = False) -> Imported:
    """Record the entries of `sheets` ((kind, sheet) pairs in the order of `edit.kinds.STRUCTURE`)
    and the figures `requests`. Raises `Refused`: findings at the sheets' rows, and a
    `Problem` for each figure that cannot be recorded."""
    return locked([location.indicators, location.actions], lambda: _apply(location, sheets, requests, check))


def _apply(location: Location, sheets: list, requests: list[Request], check: bool) -> Imported:
    reads = {"indicators": reader.read(location.indicators), "actions": reader.read(location.actions)}
    before = load_files(location, reads["indicators"], reads["actions"])
    plan = Structure(before)
    for kind, sheet in sheets:
        plan.add(kind, sheet)
    if plan.found:
        raise Refused(f"{len(plan.found)} problem(s) in the sheets; nothing was written", 1, sorted(plan.found))
    if not plan.planned and not requests:  # the sheets say what the data says
        return Imported(before, before, plan.tallies)
    texts = _Texts(reads)
    files = {"indicators": location.indicators, "actions": location.actions}
    middle = before
    if plan.planned:
        plan.finish({name: texts.tree(name) for name in files})
        for name in files:
            if plan.edits[name]:
                try:
                    texts.edited[name] = text.apply(texts.text(name), texts.tree(name), plan.edits[name])
                except text.EditError as err:
                    raise Refused(f"{files[name]}: cannot edit the file as text ({err}); nothing was written") \
                        from None
        middle = _validated(location, texts, plan, files)
        for name in files:
            if not all(same_list(getattr(getattr(middle, f"{name}_file"), key), entries)
                       for key, entries in plan.expected(name).items()):
                raise Refused(f"{files[name]}: the import would change more than its sheets say; nothing was "
                              "written (please report this with a copy of the files)")
    figures, notes = [], []
    after = middle
    if requests:
        figures, notes, after = _figures(middle, requests, texts, plan, files)
    written = []
    if not check:
        written = _write(location, texts)
    seen = {(w.code, w.message) for w in before.warnings}
    return Imported(before, after, plan.tallies, figures, notes,
                    [w for w in after.warnings if (w.code, w.message) not in seen], written)


def _validated(location: Location, texts: _Texts, plan: Structure, files: dict) -> Dataset:
    trees, found = {}, []
    for name in files:
        try:
            trees[name] = yamltree.parse(texts.raw(name), files[name]) if name in texts.edited else texts.tree(name)
        except F.DataError as err:
            found += err.findings
    if found:
        raise _refused(plan.located(found, files))
    try:
        return load_texts(location, trees["indicators"], trees["actions"])
    except F.DataError as err:
        raise _refused(plan.located([f for f in err.findings if f.is_error], files)) from None


def _refused(found: list[F.Finding]) -> Refused:
    return Refused(f"the sheets would make the data invalid ({len(found)} problem(s)); nothing was written", 1,
                   sorted(found, key=lambda f: (f.file, f.line, f.column)))


def _figures(ds: Dataset, requests: list[Request], texts: _Texts, structure: Structure, files: dict):
    """The figures planned on the dataset the entries made, and spliced into its text."""
    plan = Plan(ds)
    problems = plan.add_all(requests)
    plan.finish()
    if not plan.edits and not problems:  # every figure is there already: nothing to place
        return plan.figures, plan.notes, ds
    old_tree = ds.trees.get("indicators") or texts.tree("indicators")
    actions_tree = ds.trees.get("actions") or texts.tree("actions")
    new = texts.text("indicators")
    if plan.edits:
        try:
            new = text.apply(new, old_tree, plan.edits)
        except text.EditError as err:
            raise Refused(f"{files['indicators']}: cannot edit the file as text ({err}); nothing was written") \
                from None
    try:
        tree = yamltree.parse(_encode(new, texts.reads["indicators"].raw), files["indicators"])
        after = load_texts(ds.location, tree, actions_tree)
    except F.DataError as err:
        refused = plan.placed(Refused("", 1, [f for f in err.findings if f.is_error]))
        problems += refused.problems
        raise Refused(f"{len(problems)} figure(s) cannot be recorded; nothing was written", 1,
                      structure.located(refused.findings, files), sorted(problems, key=lambda p: p.request)) \
            from None
    if problems:
        raise Refused(f"{len(problems)} figure(s) cannot be recorded; nothing was written", 1, problems=problems)
    if not same(after.indicators_file, plan.expected()):
        raise Refused(f"{files['indicators']}: the import would change more than its figures say; nothing was "
                      "written (please report this with a copy of the files)")
    for f in plan.figures:
        f.line = (old_tree if f.action == "removed" else tree).position(f.where)[0]
    texts.edited["indicators"] = new
    return plan.figures, plan.notes, after


def _write(location: Location, texts: _Texts) -> list:
    """Each file that changed replaced, if still the one read; the first put back when the
    second cannot be written."""
    paths = {"indicators": location.indicators, "actions": location.actions}
    done = []
    for name in ("actions", "indicators"):
        if name not in texts.edited or texts.raw(name) == texts.reads[name].raw:
            continue
        try:
            atomic.write(paths[name], texts.raw(name), texts.reads[name])
        except BaseException:
            for back in done:
                atomic.replace(paths[back], texts.reads[back].raw)
            raise
        done.append(name)
    return [paths[name] for name in done]


class _Texts:
    """Both files as read, parsed only when an edit needs their text and marks; and their
    text as edited."""

    def __init__(self, reads: dict):
        self.reads, self.edited, self._parsed = reads, {}, {}

    def _parse(self, name: str) -> tuple:
        if name not in self._parsed:
            snap = self.reads[name]
            self._parsed[name] = yamltree.parse_text(snap.raw, snap.path)
        return self._parsed[name]

    def tree(self, name: str):
        return self._parse(name)[0]

    def text(self, name: str) -> str:
        return self.edited.get(name) or self._parse(name)[1]

    def raw(self, name: str) -> bytes:
        """The file's bytes as edited, with the byte-order mark it was read with."""
        return _encode(self.text(name), self.reads[name].raw)


def _encode(body: str, raw: bytes) -> bytes:
    """The text as bytes, with the byte-order mark the file was read with."""
    return (BOM if raw.startswith(BOM) else b"") + body.encode("utf-8")
