"""A lock store in an SQLite file, for the Rasa workers of one instance (the default set-up).

One instance runs several Rasa server processes (``COMPACT_RASA_WORKERS``, one per core by
default: docs/capacity.md), and Rasa's in-memory lock store is per process, so two messages of
one conversation reaching two workers at once would both run it. Rasa's own shared store needs
Redis; this one needs nothing beyond the file beside the tracker store. Each change to a lock is
one write transaction (bot/atomic_locks.py, bot/shared_file.py), which SQLite runs one at a
time across processes. A lock left by a killed worker expires as Rasa's do (its tickets' lifetime).

Selected in bot/endpoints.yml with ``type: bot.sqlite_lock_store.SQLiteLockStore`` and
``db: <file>``. Several instances on several machines need Redis (bot/endpoints.scale-out.yml).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.atomic_locks import AtomicTicketLocks, Change, Result
from bot.shared_file import SharedFile

SCHEMA = "CREATE TABLE IF NOT EXISTS locks (conversation_id TEXT PRIMARY KEY, data TEXT NOT NULL)"


class SQLiteLockStore(AtomicTicketLocks, LockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, db: Optional[str] = None) -> None:
        """Rasa builds it from the endpoint configuration (``db``: the file); tests pass ``db``."""
        path = endpoint_config.kwargs.get("db") if endpoint_config is not None else db
        if not path:
            raise ValueError("the SQLite lock store needs `db`, the file to keep its locks in")
        self.file = SharedFile(path, SCHEMA)

    @staticmethod
    def _read(db: sqlite3.Connection, conversation_id: str) -> Optional[TicketLock]:
        row = db.execute("SELECT data FROM locks WHERE conversation_id = ?", (conversation_id,)).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def _change(self, conversation_id: str, change: Change[Result]) -> Result:
        with self.file.transaction() as db:
            lock = self._read(db, conversation_id)
            new_lock, result = change(lock)
            if new_lock is not None:
                db.execute("INSERT OR REPLACE INTO locks VALUES (?, ?)", (conversation_id, new_lock.dumps()))
            elif lock is not None:
                db.execute("DELETE FROM locks WHERE conversation_id = ?", (conversation_id,))
            return result

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        with self.file.transaction(write=False) as db:
            return self._read(db, conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda _lock: (None, None))

    def save_lock(self, lock: TicketLock) -> None:
        self._change(lock.conversation_id, lambda _lock: (lock, None))
