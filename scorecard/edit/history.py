"""The data as it was: both files read from a git revision, for `scorecard diff`.

Git is asked for the blobs (`git show REV:path`) rather than checking anything
out, so the working tree, the index and uncommitted edits are never touched.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from scorecard.findings import DataError
from scorecard.load import limits, yamltree
from scorecard.load.dataset import Dataset, Location, load_texts


class GitError(Exception):
    """Git could not give us the files; the message says which step failed and why."""


class NoRevision(GitError):
    """The name given is not a revision of the repository (a usage error)."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", LC_ALL="C")
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, env=env,
                              timeout=60, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than a minute") from None


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "no message"


def is_revision(location: Location, rev: str) -> bool:
    """Does `rev` name a commit of the repository that holds the data? (False when
    there is no repository, or no git.)"""
    if not rev or rev.startswith("-"):
        return False
    try:
        found = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                     Path(os.path.realpath(location.directory)))
    except GitError:
        return False
    return found.returncode == 0


def at_revision(location: Location, rev: str) -> Dataset:
    """Load both data files as they were at `rev`. Raises GitError, or DataError when invalid."""
    if not rev or rev.startswith("-"):
        raise NoRevision(f"{rev!r} is not a revision")
    directory = Path(os.path.realpath(location.directory))
    if not directory.is_dir():
        raise GitError(f"{location.directory} is not a folder")
    top = _git(["rev-parse", "--show-toplevel"], directory)
    if top.returncode != 0:
        raise GitError(f"{location.directory} is not in a git repository "
                       f"({_first_line(top.stderr)}); give a folder to compare with instead")
    root = Path(top.stdout.decode().strip())
    commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    if commit.returncode != 0:
        raise NoRevision(f"{rev!r} is neither a data folder nor a revision of {root} "
                         "(try HEAD, HEAD~1, a branch, a tag or a folder)")
    trees = []
    for path in (location.indicators, location.actions):
        rel = PurePosixPath(*Path(os.path.relpath(directory / path.name, root)).parts)
        size = _git(["cat-file", "-s", f"{rev}:{rel}"], root)
        if size.returncode == 0 and int(size.stdout or 0) > limits.max_bytes():  # asked before it is read
            raise DataError([yamltree.too_large(Path(f"{rev}:{rel}"), int(size.stdout))])
        shown = _git(["show", f"{rev}:{rel}"], root)
        if shown.returncode != 0:
            raise GitError(f"{rel} is not in revision {rev} of {root} (was it committed then?)")
        trees.append(yamltree.parse(shown.stdout, Path(f"{rev}:{rel}")))
    return load_texts(Location(location.directory, f"git {rev}"), *trees)
