"""Old conversations expire from the SQL tracker store; recent ones stay."""
from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.expiry import expire_forever, purge, sql_engine

DAY = 86400.0


def store(tmp_path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def conversation(sender: str, last_active: float) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen", timestamp=last_active - 60),
        UserUttered("how long should a consultation last?", timestamp=last_active - 30),
        ActionExecuted("action_listen", timestamp=last_active)])


def senders(engine: sa.engine.Engine) -> set[str]:
    with engine.connect() as c:
        return {row[0] for row in c.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}


def test_conversations_last_active_before_the_cutoff_are_deleted_whole(tmp_path):
    s = store(tmp_path)
    now = time.time()
    for sender, age_days in (("old", 45), ("recent", 2), ("edge", 29.9)):
        asyncio.run(s.save(conversation(sender, now - age_days * DAY)))
    # A conversation that started long ago but is still going is kept.
    asyncio.run(s.save(DialogueStateTracker.from_events("ongoing", [ActionExecuted("action_listen", timestamp=now - 60 * DAY),
                                                                   ActionExecuted("action_listen", timestamp=now - 60)])))
    assert purge(s.engine, now - 30 * DAY) == 1
    assert senders(s.engine) == {"recent", "edge", "ongoing"}
    assert purge(s.engine, now - 30 * DAY) == 0, "nothing more to delete"


def test_the_engine_is_found_behind_rasas_wrappers(tmp_path):
    s = store(tmp_path)
    assert sql_engine(SimpleNamespace(_tracker_store=s)) is s.engine
    assert sql_engine(SimpleNamespace()) is None


def test_the_server_task_purges_on_its_schedule(tmp_path, monkeypatch):
    s = store(tmp_path)
    asyncio.run(s.save(conversation("old", time.time() - 10)))
    monkeypatch.setenv("COMPACT_KEEP_DAYS", str(5 / DAY))  # keep five seconds
    monkeypatch.setenv("COMPACT_EXPIRY_CHECK_SECONDS", "0.05")
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=s)))

    async def run_briefly() -> None:
        task = asyncio.ensure_future(expire_forever(app))
        await asyncio.sleep(0.2)
        task.cancel()

    asyncio.run(run_briefly())
    assert senders(s.engine) == set()
