"""Old conversations expire, and one conversation can be deleted on request.

A conversation whose last event is older than the retention period (``COMPACT_KEEP_DAYS``,
default 30 days) is deleted from the SQL tracker store, SQLite or PostgreSQL alike. The Rasa
server checks once an hour (``COMPACT_EXPIRY_CHECK_SECONDS``: compact/settings.py); with
several instances each runs the same idempotent delete.

The work runs in a thread, never on the server's event loop, and in batches of
:data:`BATCH` conversations, each its own short transaction, so messages keep being answered
while a large store is purged. A conversation that became active again between finding it and
deleting it is kept. The SQLite store overwrites deleted content (``secure_delete``,
bot/tracker_store.py) and the deletion is checkpointed into the file (:func:`checkpoint`),
so a deleted conversation cannot be read back from the database's files.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Iterable

import sqlalchemy as sa

from compact.insights.rollup import before_purge
from compact.settings import Settings, settings

logger = logging.getLogger(__name__)

BATCH = 50
PAUSE_BETWEEN_BATCHES_SECONDS = 0.05  # lets the server's own writes in between
STALE = sa.text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff")
ACTIVE_AGAIN = sa.text("SELECT DISTINCT sender_id FROM events WHERE sender_id IN :ids AND timestamp >= :cutoff").bindparams(
    sa.bindparam("ids", expanding=True)
)
DELETE_ALL = sa.text("DELETE FROM events WHERE sender_id IN :ids").bindparams(sa.bindparam("ids", expanding=True))
DELETE = sa.text("DELETE FROM events WHERE sender_id = :sender_id")


def batches(items: list[str], size: int = BATCH) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def purge(engine: sa.engine.Engine, cutoff: float, pause: float = PAUSE_BETWEEN_BATCHES_SECONDS) -> int:
    """Delete every conversation last active before ``cutoff`` (a Unix time); return how many.
    Blocking: the server calls it in a thread (:func:`expire_forever`)."""
    with engine.connect() as connection:
        stale = [row[0] for row in connection.execute(STALE, {"cutoff": cutoff})]
    removed = 0
    for ids in batches(stale):
        with engine.begin() as connection:
            active = {row[0] for row in connection.execute(ACTIVE_AGAIN, {"ids": ids, "cutoff": cutoff})}
            still_stale = [i for i in ids if i not in active]
            if still_stale:
                connection.execute(DELETE_ALL, {"ids": still_stale})
            removed += len(still_stale)
        checkpoint(engine, "PASSIVE")  # here, not in a server turn's commit (SQLite's auto-checkpoint)
        time.sleep(pause)
    if removed:
        checkpoint(engine, "TRUNCATE")
    return removed


def checkpoint(engine: sa.engine.Engine, mode: str) -> None:
    """SQLite's WAL mode (bot/platform/speedups.py) keeps deleted rows in the database file, and their
    old copies in the WAL file, until a checkpoint. ``PASSIVE`` copies what it can without
    blocking anyone (after each batch, so a server turn never pays for a large auto-checkpoint);
    ``TRUNCATE`` at the end also empties the WAL. Best effort: an open reader keeps some frames
    until the next one."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy = connection.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})").fetchone()
    if busy and busy[0]:
        logger.debug("wal checkpoint (%s) after a deletion was partial (a reader was active)", mode)


def delete_conversation(engine: sa.engine.Engine, sender_id: str) -> int:
    """Delete one conversation now (a bound parameter, never SQL built from the id); the number of events removed."""
    with engine.begin() as connection:
        removed = int(connection.execute(DELETE, {"sender_id": sender_id}).rowcount or 0)
    checkpoint(engine, "TRUNCATE")
    return removed


def sql_engine(tracker_store: Any) -> sa.engine.Engine | None:
    """The SQL engine behind Rasa's (possibly wrapped) tracker store, or None for other stores."""
    for _ in range(3):
        engine = getattr(tracker_store, "engine", None)
        if isinstance(engine, sa.engine.Engine):
            return engine
        tracker_store = getattr(tracker_store, "_tracker_store", None) or getattr(tracker_store, "tracker_store", None)
    return None


async def expire_forever(app: Any, config: Settings | None = None) -> None:
    """A Sanic background task: purge (in a thread), then wait, for as long as the server runs."""
    config = config or settings()
    engine = sql_engine(getattr(app.ctx.agent, "tracker_store", None))
    if engine is None:
        logger.info("conversation expiry off: the tracker store is not an SQL store")
        return
    while True:
        try:
            await asyncio.to_thread(before_purge, engine)  # each complete day's counts, kept before its conversations go
            removed = await asyncio.to_thread(purge, engine, time.time() - config.keep_seconds)
            if removed:
                logger.info("conversation expiry: %d conversations older than %g days deleted", removed, config.keep_days)
        except sa.exc.SQLAlchemyError as error:
            logger.error("conversation expiry failed: %s", type(error).__name__)
        await asyncio.sleep(config.expiry_check_seconds)


async def start(app: Any, *_: Any) -> None:
    """A Sanic ``after_server_start`` listener (the agent and its tracker store are loaded)."""
    app.add_task(expire_forever(app))
