import atexit
import difflib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

# Validated data is cached between runs; the tests keep theirs in a folder of their
# own (inherited by the commands they start), never in the user's cache.
os.environ["SCORECARD_CACHE_DIR"] = tempfile.mkdtemp(prefix="scorecard-test-cache-")
atexit.register(shutil.rmtree, os.environ["SCORECARD_CACHE_DIR"], True)


@pytest.fixture
def mini() -> Path:
    """The hand-worked fixture dataset (read-only: copy it before editing)."""
    return DATA / "mini"


@pytest.fixture
def data(tmp_path) -> Path:
    """A writable copy of the commented fixture, the hand-kept file `set` edits."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "commented", target)
    return target


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every text handed to the YAML parser during the test, in order: how much a
    command parsed, counted in work rather than in seconds."""
    from scorecard.load import yamltree

    texts: list[str] = []
    real = yamltree._build

    def counting(text, file):
        texts.append(text)
        return real(text, file)

    monkeypatch.setattr(yamltree, "_build", counting)
    return texts


def changes(old: str, new: str) -> list[tuple[list[str], list[str]]]:
    """The blocks of lines that differ between two texts: (old lines, new lines) for each."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
