"""All-or-nothing writes, one writer at a time.

A reader (or a crash) must see either the old file or the new one, never half
of each: we write a temporary file beside the target, fsync it, and rename it
over the target. Two `scorecard set` runs on one file must not both read the
old text and each drop the other's change: the whole read-modify-write runs
under an exclusive lock on a sidecar file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class Busy(Exception):
    """Another writer held the lock for longer than we were willing to wait."""


def target(path: Path) -> Path:
    """The real file behind `path`: a symlinked data file is updated where it lives."""
    return Path(os.path.realpath(path))


def lock_path(path: Path) -> Path:
    real = target(path)
    return real.with_name(f".{real.name}.lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock for `path` (its real file, whatever link leads there).

    The lock file is removed on release. A waiter may then hold a lock on the
    removed file, so after locking we check that the path still names the file
    we locked, and start over when it does not.
    """
    import fcntl

    where = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(where, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as err:
                    if err.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise Busy(f"{target(path)} is being updated by another process") from None
                    time.sleep(0.01)
            try:
                same = os.stat(where).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(where)
        os.close(fd)


def write(path: Path, data: bytes) -> None:
    """Replace the file at `path` (through any symlink) with `data`, keeping its mode."""
    real = target(path)
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), mode)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _sync_directory(real.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every platform lets a folder be fsynced."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
