"""Writing a report: whole files or none, so a reader never opens half a page.

Each file is written beside its place under a temporary name, flushed to disk and renamed over
the old one (through a symlink, where the real file lives). A file that is replaced keeps its
mode; a new one gets the mode the user's umask gives. Unlike `set`, a report is output, not the
user's data: it takes no lock and does not check what it replaces.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from scorecard.edit.atomic import target

CHART = re.compile(r"chart-\d+-[A-Za-z0-9][A-Za-z0-9_.-]*\.svg")  # the names the report gives its charts


def _new_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write(path: Path, data: bytes) -> None:
    real = target(path)
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        mode = _new_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        folder = os.open(real.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def replace_charts(folder: Path, charts: dict[str, bytes]) -> None:
    """Write the charts into `folder` (made if need be), and remove the charts an earlier report
    left there that this one no longer has. Nothing else in the folder is touched."""
    folder.mkdir(exist_ok=True)
    for name, data in charts.items():
        write(folder / name, data)
    for old in folder.iterdir():
        if CHART.fullmatch(old.name) and old.name not in charts and old.is_file():
            old.unlink()
