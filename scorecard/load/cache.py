"""Validated data kept between runs, keyed by the bytes it was validated from.

Parsing and validating a large dataset costs seconds (pydantic checks every
entry); the same bytes with the same code always validate the same way. So
after a full load, the validated model, its findings (warnings) and the top of
the indicators file's tree of marks are kept in the user's cache folder
(`SCORECARD_CACHE_DIR`, else `$XDG_CACHE_HOME/scorecard`, else
`~/.cache/scorecard`), never beside the data. The key is a hash of both files'
bytes and of this package's own source, Python and pydantic versions. Nothing
else is kept: no scores, no output.

After `set`, the entry for the new bytes holds only what changed (the entry it
was made from, and the indicator and peers that changed), so an update does not
write the whole model again.

A cache that is missing, corrupt, unreadable, of another version or in a folder
that is not the user's own is ignored without a word; it never breaks a command.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from scorecard.load import limits, yamltree

VARIABLE = "SCORECARD_CACHE_DIR"
_FORMAT = 1
_KEEP = 24  # entries; the oldest beyond this are removed when one is added
_CHAIN = 16  # updates on top of one full entry before a full one is written again
_SOURCE: list[str] = []


def directory() -> Path | None:
    """The cache folder, or None when caching is off (`SCORECARD_CACHE_DIR=off`)."""
    chosen = os.environ.get(VARIABLE, "")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "scorecard"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "scorecard" if home != "~" else None


def source_hash() -> str:
    """A hash of every module of this package, so that changed code never reads an
    entry made by other code."""
    if not _SOURCE:
        digest = hashlib.sha256()
        package = Path(__file__).resolve().parent.parent
        for file in sorted(package.rglob("*.py")):
            digest.update(file.relative_to(package).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
        import pydantic

        digest.update(f"{sys.version}\0{pydantic.VERSION}\0{_FORMAT}".encode())
        _SOURCE.append(digest.hexdigest())
    return _SOURCE[0]


def key(indicators: bytes, actions: bytes) -> str | None:
    """The key of the dataset made of these two files' bytes (under this value limit,
    which a parse checks and a cached result would not); None when caching is off or
    the package's source cannot be read."""
    if directory() is None:
        return None
    try:
        digest = hashlib.sha256(f"{source_hash()}\0{limits.max_values()}".encode())
    except OSError:
        return None
    for raw in (indicators, actions):
        digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


def _folder(create: bool) -> Path | None:
    """The cache folder when it is safe to use: a folder of our own that nobody else
    may write (it holds pickles, which can run code when read)."""
    where = directory()
    if where is None:
        return None
    try:
        if create:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(where)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return None
    return where


class Entry:
    """One cached dataset: its warnings at once, its model and marks when asked for."""

    def __init__(self, name: str, body: dict):
        self.name, self._body = name, body

    @property
    def warnings(self) -> list:
        return self._body["warnings"]

    def skeleton(self) -> yamltree.Skeleton:
        return pickle.loads(self._body["skeleton"])

    def models(self, depth: int = 0):
        """(IndicatorsFile, ActionsFile); an update's entry is its base with the change."""
        body = self._body
        if body.get("model") is not None:
            return _loads(body["model"])
        base = lookup(body["base"]) if depth < _CHAIN else None
        if base is None:
            raise LookupError("the entry an update was made from is gone")
        indicators, actions = base.models(depth + 1)
        change = _loads(body["change"])
        listed = list(indicators.indicators)
        for i, entry in change["indicators"].items():
            listed[i] = entry
        fields = {**dict(indicators), "indicators": listed}
        for key in ("peers", "sources"):
            if change.get(key) is not None:
                fields[key] = change[key]
        return indicators.model_construct(_fields_set=indicators.model_fields_set, **fields), actions

    @property
    def depth(self) -> int:
        return self._body.get("depth", 0)


def lookup(name: str) -> Entry | None:
    """The entry stored under `name`, or None (missing, corrupt, of another format)."""
    folder = _folder(create=False)
    if folder is None:
        return None
    try:
        with yamltree.paused_gc():
            body = pickle.loads((folder / name).read_bytes())
        if not isinstance(body, dict) or body.get("format") != _FORMAT:
            return None
        with contextlib.suppress(OSError):
            os.utime(folder / name)  # recently used: kept longest
        return Entry(name, body)
    except Exception:  # a cache never breaks a command
        return None


def store(name: str, models, warnings: list, skeleton: yamltree.Skeleton) -> None:
    """Keep a fully validated dataset under `name`."""
    _write(name, lambda: {"model": _dumps(models), "warnings": warnings,
                          "skeleton": pickle.dumps(skeleton, protocol=pickle.HIGHEST_PROTOCOL)})


def store_change(name: str, base: str, depth: int, indicators: dict, peers, warnings: list,
                 skeleton: yamltree.Skeleton, models, sources=None) -> None:
    """Keep the dataset an update made, as the entry `base` it came from (itself `depth`
    updates deep) plus what changed (indicators by place; peers and sources whole, or None
    when unchanged); in full once a chain of updates grows long."""
    if depth + 1 >= _CHAIN:
        store(name, models, warnings, skeleton)
        return
    _write(name, lambda: {
        "base": base, "depth": depth + 1, "warnings": warnings,
        "change": _dumps({"indicators": indicators, "peers": peers, "sources": sources}),
        "skeleton": pickle.dumps(skeleton, protocol=pickle.HIGHEST_PROTOCOL)})


def _write(name: str, body) -> None:
    folder = _folder(create=True)
    if folder is None:
        return
    tmp = None
    try:
        data = pickle.dumps({"format": _FORMAT, **body()}, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=folder)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, folder / name)
        tmp = None
        _prune(folder)
    except Exception:  # a full disk, a read-only folder: the command goes on without
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    entries = []
    for item in folder.iterdir():
        with contextlib.suppress(OSError):
            if len(item.name) == 64:
                entries.append((item.stat().st_mtime_ns, item))
    for _, item in sorted(entries, reverse=True)[_KEEP:]:
        with contextlib.suppress(OSError):
            item.unlink()


# The models, pickled field by field: pydantic's own __getstate__/__setstate__ cost
# four times as much per object, and a large dataset holds a hundred thousand.

_new, _set = object.__new__, object.__setattr__


def _rebuild(cls, fields: dict, fields_set: set):
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", fields_set)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _reduce(obj):
    if obj.__pydantic_extra__ is not None or obj.__pydantic_private__ is not None:
        return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # pydantic's own way, slower
    return _rebuild, (obj.__class__, obj.__dict__, obj.__pydantic_fields_set__)


def _table() -> dict:
    from pydantic import BaseModel

    from scorecard import model

    table = dict(copyreg.dispatch_table)
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            table[value] = _reduce
    return table


def _dumps(value) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _table()
    with yamltree.paused_gc():
        pickler.dump(value)
    return buffer.getvalue()


def _loads(raw: bytes):
    with yamltree.paused_gc():
        return pickle.loads(raw)
