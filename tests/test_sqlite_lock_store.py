"""The SQLite lock store shared by one instance's Rasa workers: one conversation's messages arriving
together at several processes are handled one at a time, none is dropped."""

from __future__ import annotations

import asyncio
import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.sqlite_lock_store import SQLiteLockStore
from bot.tracker_store import ConversationStoreUnavailable
from tests.lock_stores import a_finished_ticket_never_deletes_a_waiting_one

FORK = multiprocessing.get_context("fork")


def test_rasa_builds_it_from_the_endpoint_configuration(tmp_path):
    config = EndpointConfig.from_dict({"type": "bot.sqlite_lock_store.SQLiteLockStore", "db": str(tmp_path / "l.db")})
    store = LockStore.create(config)
    assert isinstance(store, SQLiteLockStore)
    assert store.issue_ticket("c") == 0 and store.get_lock("c") is not None


def test_it_needs_a_file(tmp_path):
    with pytest.raises(ValueError, match="needs `db`"):
        LockStore.create(EndpointConfig.from_dict({"type": "bot.sqlite_lock_store.SQLiteLockStore"}))


def take_tickets(path: str, n: int, out: multiprocessing.Queue) -> None:
    store = SQLiteLockStore(db=path)
    out.put([store.issue_ticket("together") for _ in range(n)])


def test_tickets_taken_at_once_by_several_processes_are_all_different(tmp_path):
    """Rasa's own read-change-write would hand two processes the same ticket."""
    path, out = str(tmp_path / "l.db"), FORK.Queue()
    SQLiteLockStore(db=path)  # the table exists before they race
    workers = [FORK.Process(target=take_tickets, args=(path, 50, out)) for _ in range(4)]
    for w in workers:
        w.start()
    tickets = sorted(t for _ in workers for t in out.get(timeout=60))
    for w in workers:
        w.join(timeout=60)
    assert tickets == list(range(200))
    assert len(SQLiteLockStore(db=path).get_lock("together").tickets) == 200


def test_a_finished_ticket_never_deletes_a_waiting_one(tmp_path):
    a_finished_ticket_never_deletes_a_waiting_one(
        SQLiteLockStore(db=str(tmp_path / "l.db")), SQLiteLockStore(db=str(tmp_path / "l.db"))
    )


def serve_messages(path: str, k: int, log: str) -> None:
    """One process: 10 messages of one conversation at once, each noting when it is inside."""
    store = SQLiteLockStore(db=path)

    async def handle(n: int) -> None:
        async with store.lock("busy", wait_time_in_seconds=0.005):
            with open(log, "a") as f:
                f.write(f"in {k} {n} {time.monotonic()}\n")
            await asyncio.sleep(0.003)
            with open(log, "a") as f:
                f.write(f"out {k} {n} {time.monotonic()}\n")

    async def messages() -> None:
        await asyncio.gather(*(handle(n) for n in range(10)))

    asyncio.run(messages())


def test_one_conversation_is_served_one_message_at_a_time_across_processes(tmp_path):
    path, log = str(tmp_path / "l.db"), tmp_path / "log"
    SQLiteLockStore(db=path)
    workers = [FORK.Process(target=serve_messages, args=(path, k, str(log))) for k in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert all(w.exitcode == 0 for w in workers), "a process failed (a LockError?)"
    lines = log.read_text().splitlines()
    inside, most = 0, 0
    for line in lines:  # appended in order, one process at a time inside
        inside += 1 if line.startswith("in ") else -1
        most = max(most, inside)
    assert most == 1, "two messages of one conversation were handled at once"
    assert len(lines) == 60
    assert SQLiteLockStore(db=path).get_lock("busy") is None, "the lock is gone when nobody waits"


def test_a_database_that_stays_busy_abandons_the_turn(tmp_path, monkeypatch):
    monkeypatch.setattr("bot.shared_file.BUSY_SECONDS", 0.1)
    path = tmp_path / "l.db"
    store = SQLiteLockStore(db=str(path))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock and never lets go
    try:
        for operation in (lambda: store.issue_ticket("c"), lambda: store.cleanup("c", 0)):
            with pytest.raises(ConversationStoreUnavailable):  # a 503, as the Redis store's
                operation()
    finally:
        other.execute("ROLLBACK")
    assert store.issue_ticket("c") == 0


def test_the_locks_file_is_made_where_it_is_named(tmp_path):
    path = tmp_path / "deeper" / "locks.db"
    SQLiteLockStore(db=str(path)).issue_ticket("c")
    assert Path(path).exists()


def test_a_ticket_served_at_once_needs_no_second_look_at_the_lock(tmp_path):
    """The lock as issuing the ticket left it answers: two transactions a message (the ticket, and
    its return), as Rasa's first look at the stored lock would find it serving that ticket."""
    store = SQLiteLockStore(db=str(tmp_path / "l.db"))
    looks: list[bool] = []
    transaction = store.file.transaction
    store.file.transaction = lambda write=True: looks.append(write) or transaction(write)  # type: ignore[method-assign]

    async def message() -> None:
        async with store.lock("alone") as lock:
            assert not lock.is_locked(lock.now_serving) and lock.now_serving == lock.last_issued
            assert looks == [True], "only the ticket's transaction so far"
            rasas = await LockStore._acquire_lock(store, "alone", lock.now_serving, 0.01)
            assert rasas.dumps() == lock.dumps()

    asyncio.run(message())
    assert looks == [True, False, True] and store.get_lock("alone") is None  # (Rasa's look, above, was the read)
