"""Find the data, read both files, and return one validated `Dataset`.

Every problem in either file is collected before anything is returned, so
`scorecard validate` can show them all at once; warnings travel with the
dataset, errors travel in `DataError`.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from typing import TYPE_CHECKING

from scorecard import findings as F
from scorecard.load import reader, yamltree

if TYPE_CHECKING:  # the models are imported when first built: `validate` on cached data needs none
    from scorecard.model import (Action, ActionsFile, HorizonGoal, Indicator, IndicatorsFile, Peer,
                                 Programme, Shortfall, Source)

INDICATORS = "indicators.yaml"
ACTIONS = "actions.yaml"


@dataclass(frozen=True)
class Location:
    """Where the data comes from, and how it was chosen (said on stderr when not obvious)."""

    directory: Path
    origin: str  # "option", "environment", "cwd" or "bundled"

    @property
    def indicators(self) -> Path:
        return self.directory / INDICATORS

    @property
    def actions(self) -> Path:
        return self.directory / ACTIONS


def bundled_directory() -> Path:
    """The default dataset: shipped inside the wheel, or the repo root in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data"
    if (installed / INDICATORS).is_file():
        return installed
    return package.parent


DATA_VARIABLE = "SCORECARD_DATA"


def locate(option: Path | None, cwd: Path | None = None) -> Location:
    """Where the data is: the folder given (`--data`), else the folder SCORECARD_DATA names,
    else the current folder when it holds a data file, else the bundled data."""
    if option is not None:
        return Location(option, "option")
    named = os.environ.get(DATA_VARIABLE)
    if named:
        return Location(Path(named), "environment")
    try:
        cwd = cwd or Path.cwd()
        here = (cwd / INDICATORS).is_file() or (cwd / ACTIONS).is_file()
    except OSError:  # a deleted or unreadable current folder holds no data
        here = False
    return Location(cwd, "cwd") if here else Location(bundled_directory(), "bundled")


class Dataset:
    """Both files, validated: the models, their warnings, and where each value stands.

    The models may come later: a dataset read back from the cache builds them on
    first use, so `validate`, which needs only the warnings, never pays for them.
    """

    def __init__(self, indicators_file: IndicatorsFile | None, actions_file: ActionsFile | None,
                 location: Location, trees: dict[str, object], warnings: list[F.Finding] | None = None,
                 models: Callable[[], tuple[IndicatorsFile, ActionsFile]] | None = None):
        self.location = location
        self.trees = trees
        self.warnings = list(warnings or [])
        self._files = (indicators_file, actions_file) if models is None else None
        self._models = models
        self.cached: str | None = None  # the cache entry of these bytes, when there is one
        self.depth = 0  # how many updates that entry stands on
        self.skeleton: Callable[[], yamltree.Skeleton] | None = None

    def _both(self) -> tuple[IndicatorsFile, ActionsFile]:
        if self._files is None:
            self._files = self._models()
        return self._files

    @property
    def indicators_file(self) -> IndicatorsFile:
        return self._both()[0]

    @property
    def actions_file(self) -> ActionsFile:
        return self._both()[1]

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.indicators_file.sources}

    @cached_property
    def peers(self) -> dict[str, Peer]:
        return {p.id: p for p in self.indicators_file.peers}

    @cached_property
    def shortfalls(self) -> dict[str, Shortfall]:
        return {s.id: s for s in self.indicators_file.shortfalls}

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators_file.indicators}

    @cached_property
    def horizons(self) -> dict[str, HorizonGoal]:
        return {h.id: h for h in self.actions_file.horizons}

    @cached_property
    def programmes(self) -> dict[str, Programme]:
        return {p.id: p for p in self.actions_file.programmes}

    @cached_property
    def actions(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions_file.actions}

    @cached_property
    def _acting(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for a in self.actions.values():
            for i in dict.fromkeys(a.indicator_ids):
                index.setdefault(i, []).append(a.id)
        return {i: tuple(ids) for i, ids in index.items()}

    def actions_for(self, indicator: str) -> tuple[str, ...]:
        """The ids of the actions whose effect `indicator` shows, in the actions' order.

        Indexed on first use, so scoring every indicator reads the actions once,
        not once per indicator (which grew with the square of the data)."""
        return self._acting.get(indicator, ())

    def scoring(self, indicators: set[str]) -> Dataset:
        """The same data with only these indicators and no actions: what scoring them,
        and the shortfalls they measure, needs (`set` reports on one indicator)."""
        ind = self.indicators_file.model_construct(**{
            **dict(self.indicators_file), "indicators": [i for i in self.indicators_file.indicators
                                                        if i.id in indicators]})
        act = self.actions_file.model_construct(**{**dict(self.actions_file), "actions": []})
        return Dataset(ind, act, self.location, {}, self.warnings)


def read_tree(path: Path) -> yamltree.Tree:
    """One file → its tree; a missing, odd or unreadable file is a finding, not a traceback."""
    return yamltree.parse(reader.read(path).raw, path)


def _refuse(kind: F.Kind, path: Path, message: str) -> F.DataError:
    return reader.refuse(kind, path, message)


def load(location: Location) -> Dataset:
    """Read and validate both files. Raises `DataError` listing every error found."""
    try:
        folder = stat.S_ISDIR(location.directory.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        raise _refuse(F.DATA_FOLDER, location.directory, "the data folder does not exist") from None
    except OSError as err:
        raise _refuse(F.FILE_UNREADABLE, location.directory, err.strerror or str(err)) from None
    if not folder:
        raise _refuse(F.DATA_FOLDER, location.directory, "the data folder is not a folder")
    return load_files(location, snapshot(location.indicators), snapshot(location.actions))


def snapshot(path: Path) -> reader.Snapshot | list[F.Finding]:
    """The file's bytes, or the finding that says why there are none."""
    try:
        return reader.read(path)
    except F.DataError as err:
        return err.findings


def load_files(location: Location, ind, act) -> Dataset:
    """Both files' bytes (or the findings that stopped their reading) → a validated
    dataset: from the cache when these bytes were validated before, else parsed and
    validated here (and then kept in the cache)."""
    if isinstance(ind, list) or isinstance(act, list):
        return load_texts(location, ind if isinstance(ind, list) else _parse(ind),
                          act if isinstance(act, list) else _parse(act))
    from scorecard.load import cache

    name = cache.key(ind.raw, act.raw)
    entry = cache.lookup(name) if name else None
    if entry is not None:
        try:
            return _from_cache(location, ind, act, name, entry)
        except Exception:  # an entry made for other paths or broken: never a reason to fail
            pass
    ti, ta = _parse(ind), _parse(act)
    ds = load_texts(location, ti, ta)
    skeleton = yamltree.Skeleton.of(ti)
    if name:
        cache.store(name, (ds.indicators_file, ds.actions_file), portable(ds.warnings, location), skeleton)
    ds.cached, ds.depth, ds.skeleton = name, 0, lambda: skeleton
    return ds


def _parse(snap: reader.Snapshot):
    try:
        return yamltree.parse(snap.raw, snap.path)
    except F.DataError as err:
        return err.findings


# Findings in the cache name the files as {indicators} and {actions}: the same bytes
# may be read again from another folder.

def portable(found: list[F.Finding], location: Location) -> list[F.Finding]:
    names = {str(location.indicators): "{indicators}", str(location.actions): "{actions}"}
    return [dataclasses.replace(f, file=names.get(f.file, f.file)) for f in found]


def placed(found: list[F.Finding], location: Location) -> list[F.Finding]:
    names = {"{indicators}": str(location.indicators), "{actions}": str(location.actions)}
    return [dataclasses.replace(f, file=names.get(f.file, f.file)) for f in found]


def _from_cache(location: Location, ind, act, name: str, entry) -> Dataset:
    def models():
        try:
            return entry.models()
        except Exception:  # the entry an update was made from is gone: validate again
            ds = load_texts(location, _parse(ind), _parse(act))
            return ds.indicators_file, ds.actions_file

    def skeleton():
        try:
            found = entry.skeleton()
            found.file = location.indicators
            return found
        except Exception:
            return yamltree.Skeleton.of(yamltree.parse(ind.raw, ind.path))

    ds = Dataset(None, None, location, {"indicators": None, "actions": None},
                 placed(entry.warnings, location), models=models)
    ds.cached, ds.depth, ds.skeleton = name, entry.depth, skeleton
    return ds


def load_texts(location: Location, ti, ta) -> Dataset:
    """Validate two parsed trees (or the findings that stopped their parsing).

    Each file is checked as far as it can be whatever the other file's state, so
    one run reports syntax, schema and cross-reference findings together.
    """
    with yamltree.paused_gc():
        return _validate(location, ti, ta)


def _validate(location: Location, ti, ta) -> Dataset:
    from scorecard.load import checks, schema
    from scorecard.model import ActionsFile, IndicatorsFile

    found: list[F.Finding] = []
    parsed: dict[str, object] = {"indicators": None, "actions": None}
    trees: dict[str, yamltree.Tree | None] = {"indicators": None, "actions": None}
    for name, tree, model in (("indicators", ti, IndicatorsFile), ("actions", ta, ActionsFile)):
        if isinstance(tree, list):
            found += tree
            continue
        obj, problems = schema.validate(model, tree)
        found += problems
        parsed[name] = obj if obj is not None else schema.salvage(model, tree)
        trees[name] = tree
    ind, act = parsed["indicators"], parsed["actions"]
    found += checks.run(ind, act, trees["indicators"], trees["actions"])
    complete = isinstance(ind, IndicatorsFile) and isinstance(act, ActionsFile)
    if not complete or any(f.is_error for f in found):
        raise F.DataError(found)
    ds = Dataset(ind, act, location, {"indicators": ti, "actions": ta}, found)
    from scorecard.score.targets import audit, plans  # a hand-written target against its rule

    ds.warnings = sorted([*found, *audit(ds, plans(ds).values())])
    return ds
