"""The SQLite file an instance's Rasa workers share (``LOCK_DB``, beside the tracker store): the
conversation locks (bot/sqlite_lock_store.py) and the rate limits (bot/rate_limit.py).

A write is one ``BEGIN IMMEDIATE`` transaction, which SQLite runs one at a time across
processes; each process opens its own connection (a forked worker gets its own). What is kept
lives seconds to minutes, so ``synchronous=NORMAL``: a power cut loses nothing that matters.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Iterator

from bot.tracker_store import ConversationStoreUnavailable

BUSY_SECONDS = 10.0  # how long a write waits for another process's transaction before giving up


class SharedFile:
    def __init__(self, path: Path | str, schema: str) -> None:
        """``schema``: the statement that creates the caller's table if it is missing."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connections: dict[int, sqlite3.Connection] = {}
        self._guard = threading.Lock()
        with self.transaction() as db:
            db.execute(schema)

    def _connection(self) -> sqlite3.Connection:
        pid = os.getpid()
        if pid not in self._connections:
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._connections = {pid: connection}
        return self._connections[pid]

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction (a read alone needs none). A file that stays busy or fails abandons
        the turn (a 503), as a tracker store that fails does."""
        with self._guard:
            try:
                connection = self._connection()
                if not write:
                    yield connection
                    return
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield connection
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                raise ConversationStoreUnavailable(f"{self.path.name}: {type(error).__name__}") from error
