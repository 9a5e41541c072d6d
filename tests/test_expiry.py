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

from bot import expiry
from bot.expiry import expire_forever, purge, sql_engine
from compact.settings import from_environment

DAY = 86400.0


def store(tmp_path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def conversation(sender: str, last_active: float) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_listen", timestamp=last_active - 60),
            UserUttered("how long should a consultation last?", timestamp=last_active - 30),
            ActionExecuted("action_listen", timestamp=last_active),
        ],
    )


def senders(engine: sa.engine.Engine) -> set[str]:
    with engine.connect() as c:
        return {row[0] for row in c.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}


def test_conversations_last_active_before_the_cutoff_are_deleted_whole(tmp_path):
    s = store(tmp_path)
    now = time.time()
    for sender, age_days in (("old", 45), ("recent", 2), ("edge", 29.9)):
        asyncio.run(s.save(conversation(sender, now - age_days * DAY)))
    # A conversation that started long ago but is still going is kept.
    asyncio.run(
        s.save(
            DialogueStateTracker.from_events(
                "ongoing",
                [ActionExecuted("action_listen", timestamp=now - 60 * DAY), ActionExecuted("action_listen", timestamp=now - 60)],
            )
        )
    )
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
    config = from_environment({"COMPACT_KEEP_DAYS": str(5 / DAY), "COMPACT_EXPIRY_CHECK_SECONDS": "0.05"})  # keep five seconds
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=s)))

    async def run_briefly() -> None:
        task = asyncio.ensure_future(expire_forever(app, config))
        await asyncio.sleep(0.2)
        task.cancel()

    asyncio.run(run_briefly())
    assert senders(s.engine) == set()


def test_a_conversation_active_again_since_it_was_found_is_kept(tmp_path, monkeypatch):
    s = store(tmp_path)
    now = time.time()
    for i in range(5):
        asyncio.run(s.save(conversation(f"old-{i}", now - 45 * DAY)))
    real_batches = expiry.batches

    def revive_then_batch(ids: list[str]):  # a message arrives after the stale list was read
        with s.engine.begin() as c:
            c.execute(sa.text("INSERT INTO events (sender_id, type_name, timestamp) VALUES ('old-3', 'user', :t)"), {"t": now})
        return real_batches(ids)

    monkeypatch.setattr(expiry, "batches", revive_then_batch)
    assert purge(s.engine, now - 30 * DAY) == 4
    assert senders(s.engine) == {"old-3"}


def test_purge_works_in_batches_each_its_own_transaction(tmp_path, monkeypatch):
    s = store(tmp_path)
    now = time.time()
    for i in range(450):
        asyncio.run(s.save(conversation(f"old-{i}", now - 45 * DAY)))
    commits = []
    sa.event.listen(s.engine, "commit", lambda conn: commits.append(1))
    assert purge(s.engine, now - 30 * DAY, pause=0) == 450
    assert expiry.BATCH < 450 and len(commits) == -(-450 // expiry.BATCH), "one transaction per batch"
    assert senders(s.engine) == set()


def test_the_event_loop_keeps_running_while_a_large_store_is_purged(tmp_path, monkeypatch):
    """Expiry runs in a thread: a heartbeat on the loop keeps beating throughout the purge."""
    s = store(tmp_path)
    now = time.time()
    with s.engine.begin() as c:  # 100,000 events: 2,000 old conversations of 50 events
        c.execute(
            sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, '{}')"),
            [{"s": f"old-{i // 50}", "t": now - 45 * DAY + i % 50} for i in range(100_000)],
        )
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=s)))
    purging = []
    real_purge = purge

    def watched_purge(*args: object) -> int:
        purging.append(True)
        try:
            return real_purge(*args)
        finally:
            purging.append(False)

    monkeypatch.setattr(expiry, "purge", watched_purge)

    async def scenario() -> int:
        task = asyncio.ensure_future(expire_forever(app))
        beats_during = 0
        while not purging or purging[-1]:
            await asyncio.sleep(0.005)
            beats_during += bool(purging) and purging[-1]
        task.cancel()
        return beats_during

    assert asyncio.run(scenario()) >= 3, "the loop was blocked while the purge ran"
    assert senders(s.engine) == set()
