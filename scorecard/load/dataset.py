"""Find the data, read both files, and return one validated `Dataset`.

Every problem in either file is collected before anything is returned, so
`scorecard validate` can show them all at once; warnings travel with the
dataset, errors travel in `DataError`.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import findings as F
from scorecard.load import checks, reader, schema, yamltree
from scorecard.model import (
    Action,
    ActionsFile,
    HorizonGoal,
    Indicator,
    IndicatorsFile,
    Peer,
    Programme,
    Shortfall,
    Source,
)

INDICATORS = "indicators.yaml"
ACTIONS = "actions.yaml"


@dataclass(frozen=True)
class Location:
    """Where the data comes from, and how it was chosen (said on stderr when not obvious)."""

    directory: Path
    origin: str  # "option", "cwd" or "bundled"

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


def locate(option: Path | None, cwd: Path | None = None) -> Location:
    if option is not None:
        return Location(option, "option")
    try:
        cwd = cwd or Path.cwd()
        here = (cwd / INDICATORS).is_file() or (cwd / ACTIONS).is_file()
    except OSError:  # a deleted or unreadable current folder holds no data
        here = False
    return Location(cwd, "cwd") if here else Location(bundled_directory(), "bundled")


@dataclass
class Dataset:
    indicators_file: IndicatorsFile
    actions_file: ActionsFile
    location: Location
    trees: dict[str, yamltree.Tree] = field(repr=False)
    warnings: list[F.Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sources: dict[str, Source] = {s.id: s for s in self.indicators_file.sources}
        self.peers: dict[str, Peer] = {p.id: p for p in self.indicators_file.peers}
        self.shortfalls: dict[str, Shortfall] = {s.id: s for s in self.indicators_file.shortfalls}
        self.indicators: dict[str, Indicator] = {i.id: i for i in self.indicators_file.indicators}
        self.horizons: dict[str, HorizonGoal] = {h.id: h for h in self.actions_file.horizons}
        self.programmes: dict[str, Programme] = {p.id: p for p in self.actions_file.programmes}
        self.actions: dict[str, Action] = {a.id: a for a in self.actions_file.actions}
        self._acting: dict[str, tuple[str, ...]] | None = None

    def actions_for(self, indicator: str) -> tuple[str, ...]:
        """The ids of the actions whose effect `indicator` shows, in the actions' order.

        Indexed on first use, so scoring every indicator reads the actions once,
        not once per indicator (which grew with the square of the data)."""
        if self._acting is None:
            index: dict[str, list[str]] = {}
            for a in self.actions.values():
                for i in dict.fromkeys(a.indicators):
                    index.setdefault(i, []).append(a.id)
            self._acting = {i: tuple(ids) for i, ids in index.items()}
        return self._acting.get(indicator, ())


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
    return load_texts(location, _read(location.indicators), _read(location.actions))


def _read(path: Path):
    try:
        return read_tree(path)
    except F.DataError as err:
        return err.findings


def load_texts(location: Location, ti, ta) -> Dataset:
    """Validate two parsed trees (or the findings that stopped their parsing).

    Each file is checked as far as it can be whatever the other file's state, so
    one run reports syntax, schema and cross-reference findings together.
    """
    with yamltree.paused_gc():
        return _validate(location, ti, ta)


def _validate(location: Location, ti, ta) -> Dataset:
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
    return Dataset(ind, act, location, {"indicators": ti, "actions": ta}, sorted(found))
