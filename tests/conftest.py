from __future__ import annotations

import os
from pathlib import Path

import pytest

from compact.assistant import Assistant
from compact.knowledge import Knowledge, load

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(os.environ.get("COMPACT_SOURCE", ROOT.parent / "shared" / "compact" / "derby-derbyshire-compact-draft-2016.txt"))


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load()


@pytest.fixture(scope="session")
def assistant(knowledge: Knowledge) -> Assistant:
    return Assistant(knowledge, settings={})


@pytest.fixture(scope="session")
def source_text() -> str:
    assert SOURCE.exists(), f"the source document is missing: {SOURCE} (set COMPACT_SOURCE to its path)"
    return SOURCE.read_text(encoding="utf-8")
