"""Reading a data file: one reader for every command, checks before a byte is read.

A data file path may lead anywhere: a symlink to /dev/zero (endless), a FIFO
(blocks until someone writes), a sparse file of gigabytes, a folder. Every
command reads through `read`, which looks at what the path names first, then
opens it without blocking or taking a terminal, checks again on the open
descriptor (the path may have changed in between), and reads at most the size
limit. What it read comes back with the file's identity, so a writer can check,
just before replacing the file, that it is still the one that was read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from scorecard import findings as F
from scorecard.load import limits
from scorecard.load.yamltree import too_large

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Identity:
    """What tells one version of a file from another, short of reading it."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> Identity:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read, with its identity and status at that moment."""

    path: Path
    raw: bytes
    identity: Identity
    info: os.stat_result

    @property
    def digest(self) -> str:
        return digest(self.raw)


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def refuse(kind: F.Kind, path: Path, message: str, hint: str = "") -> F.DataError:
    return F.DataError([F.make(kind, path, message, hint=hint)])


def check(path: Path, info: os.stat_result) -> None:
    """Refuse what is not a regular file of an acceptable size (raises `DataError`)."""
    if stat.S_ISDIR(info.st_mode):
        raise refuse(F.FILE_UNREADABLE, path, "this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero would never end
        raise refuse(F.FILE_UNREADABLE, path, "this is not a regular file")
    if info.st_size > limits.max_bytes():
        raise F.DataError([too_large(path, info.st_size)])


def look(path: Path) -> os.stat_result:
    """The status of what `path` names (through links), checked as `read` checks it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise refuse(F.FILE_MISSING, path, "no such file") from None
    except OSError as err:
        raise refuse(F.FILE_UNREADABLE, path, err.strerror or str(err)) from None
    check(path, info)
    return info


def read(path: Path) -> Snapshot:
    """The bytes of the data file at `path`, or `DataError` with one finding saying why not."""
    look(path)
    cap = limits.max_bytes()
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise refuse(F.FILE_MISSING, path, "no such file") from None
    except OSError as err:
        raise refuse(F.FILE_UNREADABLE, path, err.strerror or str(err)) from None
    try:
        info = os.fstat(fd)
        check(path, info)  # what was opened, which may not be what was looked at
        chunks, size = [], 0
        while size <= cap:
            chunk = os.read(fd, min(cap + 1 - size, 1 << 20) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise refuse(F.FILE_UNREADABLE, path, err.strerror or str(err)) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > cap:  # it grew while being read
        raise F.DataError([too_large(path, len(raw))])
    return Snapshot(path, raw, Identity.of(info), info)
