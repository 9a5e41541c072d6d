"""Old conversations expire: a conversation whose last event is older than the retention period
(``COMPACT_KEEP_DAYS``, default 30 days) is deleted from the SQL tracker store, SQLite or
PostgreSQL alike. The Rasa server checks once an hour (``COMPACT_EXPIRY_CHECK_SECONDS``); with
several instances each runs the same idempotent delete.
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any

import sqlalchemy as sa

logger = logging.getLogger(__name__)

DEFAULT_KEEP_DAYS = 30.0
DEFAULT_CHECK_SECONDS = 3600.0
STALE = sa.text("""
    DELETE FROM events WHERE sender_id IN (
        SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)
""")
COUNT = sa.text("SELECT COUNT(DISTINCT sender_id) FROM events WHERE sender_id IN ("
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)")


def keep_seconds() -> float:
    return float(os.environ.get("COMPACT_KEEP_DAYS", DEFAULT_KEEP_DAYS)) * 86400


def purge(engine: sa.engine.Engine, cutoff: float) -> int:
    """Delete every conversation last active before ``cutoff`` (a Unix time); return how many."""
    with engine.begin() as connection:
        conversations = connection.execute(COUNT, {"cutoff": cutoff}).scalar() or 0
        if conversations:
            connection.execute(STALE, {"cutoff": cutoff})
    return int(conversations)


def sql_engine(tracker_store: Any) -> sa.engine.Engine | None:
    """The SQL engine behind Rasa's (possibly wrapped) tracker store, or None for other stores."""
    for _ in range(3):
        engine = getattr(tracker_store, "engine", None)
        if isinstance(engine, sa.engine.Engine):
            return engine
        tracker_store = getattr(tracker_store, "_tracker_store", None) or getattr(tracker_store, "tracker_store", None)
    return None


async def expire_forever(app: Any) -> None:
    """A Sanic background task: purge, then wait, for as long as the server runs."""
    engine = sql_engine(getattr(app.ctx.agent, "tracker_store", None))
    if engine is None:
        logger.info("conversation expiry off: the tracker store is not an SQL store")
        return
    interval = float(os.environ.get("COMPACT_EXPIRY_CHECK_SECONDS", DEFAULT_CHECK_SECONDS))
    while True:
        try:
            removed = purge(engine, time.time() - keep_seconds())
            if removed:
                logger.info("conversation expiry: %d conversations older than %.0f days deleted", removed, keep_seconds() / 86400)
        except sa.exc.SQLAlchemyError as error:
            logger.error("conversation expiry failed: %s", error)
        await asyncio.sleep(interval)


async def start(app: Any, *_: Any) -> None:
    """A Sanic ``after_server_start`` listener (the agent and its tracker store are loaded)."""
    app.add_task(expire_forever(app))
