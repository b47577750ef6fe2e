"""All-or-nothing writes, one writer at a time, never where the user could not write.

A reader (or a crash) must see either the old file or the new one, never half
of each: we write a temporary file beside the target, fsync it, and rename it
over the target. Two `scorecard set` runs on one file must not both read the
old text and each drop the other's change: the whole read-modify-write runs
under an exclusive lock on a sidecar file.

A rename replaces more than the text, so before it we make sure the result is
the file the user had, changed only in its text: the same mode, owner and
group, and no hard link split in two (each is refused when it cannot be
kept). Write permission is read from the mode bits, so a read-only file stays
untouched whoever runs the command. And just before the rename we check that
the file is still the one that was read (inode, size, time and content): an
editor's save made meanwhile is not overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from scorecard.findings import DataError
from scorecard.load import reader


class Refusal(Exception):
    """The file cannot be replaced safely; the message says why and what to do."""


class Busy(Refusal):
    """Another writer held the lock for longer than we were willing to wait."""


class Changed(Refusal):
    """The file on disk is no longer the one that was read."""


def target(path: Path) -> Path:
    """The real file behind `path`: a symlinked data file is updated where it lives."""
    return Path(os.path.realpath(path))


def lock_path(path: Path) -> Path:
    real = target(path)
    return real.with_name(f".{real.name}.lock")


def _temporary(real: Path) -> re.Pattern:
    """The names `write` gives its temporary files (tempfile's eight random characters)."""
    return re.compile(rf"\.{re.escape(real.name)}\.[a-z0-9_]{{8}}\.tmp")


@contextlib.contextmanager
def locked(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock for `path` (its real file, whatever link leads there).

    The lock file is created where it is named, never through a symbolic link.
    It is removed on release. A waiter may then hold a lock on the removed file,
    so after locking we check that the path still names the file we locked, and
    start over when it does not.
    """
    import fcntl

    where = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        fd = _open_lock(where)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as err:
                    if err.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise Busy(f"{target(path)} is being updated by another process "
                                   f"(it holds {where})") from None
                    time.sleep(0.01)
            try:
                same = os.lstat(where).st_ino == os.fstat(fd).st_ino
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


def _open_lock(where: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(where, flags, 0o666)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Refusal(f"the lock file {where} is a symbolic link; nothing was written; "
                          "remove the link (it holds no data) and run again") from None
        raise Refusal(f"cannot create the lock file {where}: {err.strerror or err}; "
                      "nothing was written") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Refusal(f"the lock file {where} is not a regular file; nothing was written; "
                      "remove it and run again")
    return fd


def remove_stale(path: Path) -> list[Path]:
    """Temporary files an interrupted update left beside `path`'s real file; call under
    the lock, when no other update of this file can be writing one."""
    real = target(path)
    pattern, removed = _temporary(real), []
    try:
        names = os.listdir(real.parent)
    except OSError:
        return removed
    for name in names:
        if pattern.fullmatch(name):
            stale = real.parent / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(stale).st_mode):
                    os.unlink(stale)
                    removed.append(stale)
    return removed


def may_write(info: os.stat_result) -> bool:
    """Do the mode bits let this process write? (The owner's, the group's or the others'.)"""
    if os.geteuid() == info.st_uid:
        return bool(info.st_mode & stat.S_IWUSR)
    if info.st_gid == os.getegid() or info.st_gid in os.getgroups():
        return bool(info.st_mode & stat.S_IWGRP)
    return bool(info.st_mode & stat.S_IWOTH)


def check(path: Path) -> os.stat_result:
    """Refuse, before any work, a file this process could not replace as it is."""
    real = target(path)
    try:
        info = os.stat(real)
        folder = os.stat(real.parent)
    except OSError as err:
        raise Refusal(f"{path}: {err.strerror or err}; nothing was written") from None
    if not may_write(info):
        raise Refusal(f"{path}: the file is read-only for you (mode {stat.filemode(info.st_mode)}, "
                      f"owner {_user(info.st_uid)}); nothing was written; if it should be updated, "
                      f"make it writable first (chmod u+w)")
    if not may_write(folder):
        raise Refusal(f"{path}: its folder {real.parent} is read-only for you (mode "
                      f"{stat.filemode(folder.st_mode)}), and the new text is written beside the "
                      "file before it replaces it; nothing was written")
    if info.st_nlink > 1:
        raise Refusal(f"{path} has {info.st_nlink} hard links; replacing it would leave the other "
                      "names with the old text; nothing was written; to update this name alone, "
                      "give it a copy of its own first (cp FILE FILE.new && mv FILE.new FILE)")
    return info


def write(path: Path, data: bytes, read: reader.Snapshot) -> None:
    """Replace the file at `path` (through any symlink) with `data`, keeping its mode,
    owner and group, provided it is still the file `read` holds."""
    info = check(path)
    _swap(target(path), data, stat.S_IMODE(info.st_mode), owner=lambda fd: _keep_owner(fd, path, info),
          ready=lambda: _still_the_same(path, read))


def _swap(real: Path, data: bytes, mode: int, owner=None, ready=None) -> None:
    """`data` into a temporary file beside `real`, with its mode (and `owner(fd)`'s owner),
    flushed to disk, then, once `ready()` has not refused, renamed over `real`; the temporary
    file never outlives a failure."""
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            if owner is not None:
                owner(out.fileno())
            os.fsync(out.fileno())
        if ready is not None:
            ready()
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _sync_directory(real.parent)


def _keep_owner(fd: int, path: Path, info: os.stat_result) -> None:
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        raise Refusal(f"{path} belongs to {_user(info.st_uid)} (group {_group(info.st_gid)}); "
                      "the updated file would belong to you instead, so nothing was written; "
                      f"ask {_user(info.st_uid)} to make the update, or work on a copy of your own") from None


def _still_the_same(path: Path, read: reader.Snapshot) -> None:
    """Is the file on disk still, byte for byte, the one that was read?"""
    try:
        now = reader.read(target(path))
    except DataError:
        now = None
    if now is None or now.identity != read.identity or now.raw != read.raw:
        raise Changed(f"{path}: the file changed while updating; nothing written (another program "
                      "saved it after it was read); run the update again on the new text")


def _user(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _group(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def replace(path: Path, data: bytes) -> None:
    """Write a file of output (a report, a chart, `-o FILE`) whole or not at all: a temporary
    file beside it, flushed to disk and renamed over it (through a symlink, where the real file
    lives). A replaced file keeps its mode; a new one gets the mode the umask gives. Unlike
    `write`, this is output, not the user's data: no lock, and no check of what it replaces.
    Raises OSError."""
    real = target(path)
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o666 & ~mask
    _swap(real, data, mode)


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
