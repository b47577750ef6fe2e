from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini() -> Path:
    """The hand-worked fixture dataset (read-only: copy it before editing)."""
    return DATA / "mini"
