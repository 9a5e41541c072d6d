"""The tracker store fails one turn, never the server or the conversation, compared with Rasa's own
store on the same database (bot/tracker_store.py)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import fcntl
import sqlite3
import time
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.platform import speedups
from bot.tracker_store import CompactSQLTrackerStore, ConversationStoreUnavailable

SECRET = "our grant officer Jane Smith said"


def store(kind: type[SQLTrackerStore], db: Path) -> SQLTrackerStore:
    # A short busy timeout: a locked database fails in a fifth of a second instead of five.
    return kind(domain=Domain.empty(), dialect="sqlite", db=str(db), query={"timeout": "0.2"})


def conversation(sender: str, *texts: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered(t) for t in texts])


@contextlib.contextmanager
def locked(db: Path) -> Iterator[None]:
    """Another process holds the database's write lock (as a backup tool or a stuck writer would)."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_sender_the_database_cannot_encode_fails_the_turn_not_the_server(tmp_path):
    ours = store(CompactSQLTrackerStore, tmp_path / "ours.db")
    with pytest.raises(ConversationStoreUnavailable):
        asyncio.run(ours.save(conversation("\ud800", "hello")))
    asyncio.run(ours.save(conversation("someone", "hello")))
    assert asyncio.run(ours.retrieve("someone")).latest_message.text == "hello", "the store still works"


def test_rasas_own_store_exits_the_process_on_the_same_sender(tmp_path):
    """The defect this replaces: Rasa 3.6 took the encoding error for a missing schema and exited."""
    with pytest.raises(SystemExit):
        asyncio.run(store(SQLTrackerStore, tmp_path / "rasa.db").save(conversation("\ud800", "hello")))


def test_a_locked_database_fails_the_turn_and_the_next_one_is_stored(tmp_path):
    db = tmp_path / "t.db"
    ours = store(CompactSQLTrackerStore, db)
    asyncio.run(ours.save(conversation("a", "first")))
    with locked(db), pytest.raises(ConversationStoreUnavailable) as failure:
        asyncio.run(ours.save(conversation("a", "first", SECRET)))
    assert "database is locked" in str(failure.value) and SECRET not in str(failure.value), "the reason, not the words"
    asyncio.run(ours.save(conversation("a", "first", "again")))
    assert [e.text for e in asyncio.run(ours.retrieve("a")).events if isinstance(e, UserUttered)] == ["first", "again"]


def test_a_loaded_conversations_turn_that_cannot_be_stored_fails_and_is_stored_by_the_next_save(tmp_path):
    """A loaded tracker's new events are saved without an ORM session (speedups.py): the same failure,
    and the events not stored are not taken for stored."""
    db = tmp_path / "t.db"
    ours = store(CompactSQLTrackerStore, db)
    asyncio.run(ours.save(conversation("a", "first")))
    loaded = asyncio.run(ours.retrieve("a"))
    loaded.update(UserUttered(SECRET))
    with locked(db), pytest.raises(ConversationStoreUnavailable) as failure:
        asyncio.run(ours.save(loaded))
    assert "database is locked" in str(failure.value) and SECRET not in str(failure.value)
    asyncio.run(ours.save(loaded))
    assert [e.text for e in asyncio.run(ours.retrieve("a")).events if isinstance(e, UserUttered)] == ["first", SECRET]


def test_through_rasas_fail_safe_wrapper_the_failure_reaches_the_channel(tmp_path):
    """Rasa's agent wraps every store in FailSafeTrackerStore. With Rasa's store it swallows the
    error and carries on with a new, empty conversation; with ours the turn is abandoned."""
    db = tmp_path / "t.db"
    asyncio.run(store(CompactSQLTrackerStore, db).save(conversation("a", "mid-triage")))
    rasa_wrapped = FailSafeTrackerStore(store(SQLTrackerStore, db))
    ours_wrapped = FailSafeTrackerStore(store(CompactSQLTrackerStore, db))
    with locked(db):
        asyncio.run(rasa_wrapped.save(conversation("a", "mid-triage", SECRET)))  # no error: kept in memory only
        with pytest.raises(ConversationStoreUnavailable):
            asyncio.run(ours_wrapped.save(conversation("a", "mid-triage", SECRET)))
    stored = asyncio.run(store(CompactSQLTrackerStore, db).retrieve("a"))
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == ["mid-triage"], "Rasa's turn was lost silently"


def test_reading_a_broken_database_fails_instead_of_starting_afresh(tmp_path):
    db = tmp_path / "t.db"
    ours = FailSafeTrackerStore(store(CompactSQLTrackerStore, db))
    rasas = FailSafeTrackerStore(store(SQLTrackerStore, db))
    asyncio.run(ours.save(conversation("a", "hello")))
    with contextlib.closing(sqlite3.connect(db)) as other:  # someone restores the wrong backup
        other.execute("DROP TABLE events")
    assert asyncio.run(rasas.retrieve("a")) is None, "Rasa's answer: no such conversation"
    with pytest.raises(ConversationStoreUnavailable):
        asyncio.run(ours.retrieve("a"))


def test_sqlite_overwrites_deleted_content_with_the_servers_settings(tmp_path, monkeypatch):
    """A deleted conversation's words are gone from the database's files (the database and its
    write-ahead log), with the connection pool and WAL mode the server uses (bot/platform/speedups.py)."""
    import sqlalchemy as sa
    from rasa.core import tracker_store

    from bot.platform import speedups
    from bot.expiry import delete_conversation
    from bot.tracker_store import CompactSQLTrackerStore

    monkeypatch.setattr(tracker_store, "create_engine_kwargs", speedups.engine_kwargs())
    store = CompactSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    sa.event.listen(store.engine, "connect", speedups.sqlite_pragmas)
    store.engine.dispose()
    for sender in ("forget-me", "keep-me"):
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, [UserUttered(f"words of {sender}: Zanzibar-7731")])))
    assert delete_conversation(store.engine, "forget-me") == 1
    files = b"".join(p.read_bytes() for p in tmp_path.glob("t.db*"))
    assert b"words of forget-me" not in files and b"words of keep-me" in files


def test_workers_starting_together_make_their_stores_one_at_a_time(tmp_path, caplog):
    """Rasa creates its tables as a store is made; a worker that raced another to it logged "Could
    not create tables" as an ERROR on a fresh start. A store waits for one being made on its file."""
    db = tmp_path / "t.db"
    with open(db, "ab") as other, concurrent.futures.ThreadPoolExecutor(1) as pool:
        fcntl.flock(other, fcntl.LOCK_EX)  # another worker, making its store
        made = pool.submit(store, CompactSQLTrackerStore, db)
        time.sleep(0.5)
        assert not made.done(), "a store was made while another was being made on the same file"
        fcntl.flock(other, fcntl.LOCK_UN)
        made.result(timeout=60)
    again = store(CompactSQLTrackerStore, db)  # (tables there: made without creating them)
    assert asyncio.run(again.retrieve("nobody")) is None
    assert "Could not create tables" not in caplog.text


def test_a_new_conversation_is_stored_by_its_turn_alone_with_the_rows_rasa_stores(tmp_path):
    """Rasa's agent (through its wrappers) saves the empty tracker it makes for a new sender, which
    stores nothing but costs a count and a commit; ours skips that save, and the turn's save stores
    the same rows as Rasa's store does, without counting."""
    speedups.install()
    rows, before_turn, counts = {}, {}, {}
    for kind in (SQLTrackerStore, CompactSQLTrackerStore):
        inner, statements = store(kind, tmp_path / f"{kind.__name__}.db"), []
        sa.event.listen(inner.engine, "before_cursor_execute", lambda *args, said=statements: said.append(args[2]))
        wrapped = FailSafeTrackerStore(AwaitableTrackerStore(inner))

        async def turn() -> int:
            tracker = await wrapped.get_or_create_tracker("someone", append_action_listen=False)
            created = len(statements)
            for happened in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
                tracker.update(happened)
            tracker.update(UserUttered("hello"))
            await wrapped.save(tracker)
            return created

        before_turn[kind] = asyncio.run(turn())
        counts[kind] = sum("count(" in s.lower() for s in statements)
        with contextlib.closing(sqlite3.connect(tmp_path / f"{kind.__name__}.db")) as db:
            rows[kind] = db.execute("SELECT type_name, action_name FROM events ORDER BY id").fetchall()
    assert rows[CompactSQLTrackerStore] == rows[SQLTrackerStore] and len(rows[SQLTrackerStore]) == 4
    assert before_turn[CompactSQLTrackerStore] == 1 < before_turn[SQLTrackerStore], "only the look-up for the sender"
    assert counts[CompactSQLTrackerStore] == 0 < counts[SQLTrackerStore]
