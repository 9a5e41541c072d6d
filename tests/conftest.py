from __future__ import annotations

import os
from pathlib import Path

import pytest

from compact.assistant import Assistant
from compact.knowledge import Knowledge, load
from scripts.servers import running
from scripts.with_assistant import free_port

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


@pytest.fixture(scope="session")
def bot(tmp_path_factory):
    """The trained assistant and its action server, started for real once per test run:
    (servers, path of the SQLite tracker store)."""
    work = tmp_path_factory.mktemp("assistant")
    db = work / "tracker.db"
    with running(port=free_port(), action_port=free_port(), tracker_db=db, extra_env={"COMPACT_SETTINGS": ""}, log_dir=work) as r:
        yield r, db
