"""Rate limits (token buckets), so nobody can flood the server or fill its database.

Three limits, each a :class:`RateLimiter` keyed differently (bot/limits.py holds them):

- per conversation: a person typing or clicking never reaches it (bursts of 20, then 90 a minute);
- per client address (bot/client_address.py), on every public message route, generous enough
  for a council office behind one address (bursts of 120, then 600 a minute);
- new conversations per client address (the widget's ``POST /widget/conversation``; bursts of 30,
  then 120 an hour), so one address cannot leave rows for thousands of conversations.

The buckets are kept in the file an instance's Rasa workers share (bot/shared_file.py), so an
instance limits what reaches it whichever worker takes each request; behind a load balancer
each instance limits what reaches it. The file is bounded: each minute, buckets idle long enough
to have refilled are forgotten, then all but the ``max_keys`` most recently used.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import sqlite3
import time
from pathlib import Path
from typing import Callable

from bot.shared_file import SharedFile
from bot.tracker_store import ConversationStoreUnavailable

logger = logging.getLogger(__name__)

DEFAULT_MAX_KEYS = 100_000


class RateLimiter:
    """One limit, its buckets kept in a file the processes of one instance share; ``name``
    tells this limit's buckets from the others' there. A bucket is stored under an HMAC of its key
    (``secret``: the server's), so the file never holds a client address or a conversation id.
    The clock is the wall clock, which every process (and a restarted one) reads alike."""

    SCHEMA = "CREATE TABLE IF NOT EXISTS buckets (name TEXT, key TEXT, tokens REAL, at REAL, PRIMARY KEY (name, key))"
    TIDY_SECONDS = 60.0  # at most this often, a request removes the idle buckets

    def __init__(
        self,
        name: str,
        path: Path,
        secret: bytes,
        burst: int,
        per_minute: float,
        clock: Callable[[], float] = time.time,
        max_keys: int = DEFAULT_MAX_KEYS,
    ) -> None:
        if burst < 1 or per_minute <= 0 or max_keys < 1:
            raise ValueError("a rate limit needs a burst of at least 1, a positive rate and room for one key")
        self.burst, self.rate, self.clock, self.max_keys = burst, per_minute / 60.0, clock, max_keys
        self.refill_seconds = burst / self.rate  # an idle bucket is full again after this long
        self.name, self.file, self.secret = name, SharedFile(path, self.SCHEMA), secret
        self.tidied = self.clock()

    def wait(self, key: str) -> float:
        """0 if ``key`` may go now (and count it), else the seconds until it may. A file that
        cannot be written lets the request through (logged): the limits guard against floods,
        and must not fail every message themselves."""
        try:
            return self._wait(key)
        except ConversationStoreUnavailable as error:
            logger.warning("rate limit %s not checked: %s", self.name, error)
            return 0.0

    def _wait(self, key: str) -> float:
        now = self.clock()
        key = hmac.new(self.secret, key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:32]
        with self.file.transaction() as db:
            row = db.execute("SELECT tokens, at FROM buckets WHERE name = ? AND key = ?", (self.name, key)).fetchone()
            tokens, wait = self.take(row, now)
            db.execute("INSERT OR REPLACE INTO buckets VALUES (?, ?, ?, ?)", (self.name, key, tokens, now))
            if now - self.tidied >= self.TIDY_SECONDS:
                self.tidied = now
                self.tidy(db, now)
        return wait

    def take(self, bucket: tuple[float, float] | None, now: float) -> tuple[float, float]:
        """A request against ``bucket`` (tokens, when; None: full): the tokens left and the
        seconds to wait (0: it may go, and took a token)."""
        tokens, when = bucket or (float(self.burst), now)
        tokens = min(float(self.burst), tokens + max(0.0, now - when) * self.rate)
        if tokens >= 1:
            return tokens - 1, 0.0
        return tokens, (1 - tokens) / self.rate

    def tidy(self, db: sqlite3.Connection, now: float) -> None:
        """Forget buckets idle long enough to be full again, then the least recently used beyond ``max_keys``."""
        db.execute("DELETE FROM buckets WHERE name = ? AND at <= ?", (self.name, now - self.refill_seconds))
        db.execute(
            "DELETE FROM buckets WHERE name = ? AND key IN "
            "(SELECT key FROM buckets WHERE name = ? ORDER BY at DESC LIMIT -1 OFFSET ?)",
            (self.name, self.name, self.max_keys),
        )
