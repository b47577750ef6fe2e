import atexit
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
