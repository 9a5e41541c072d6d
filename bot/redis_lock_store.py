"""Rasa's Redis lock store with every change to a lock made atomically (bot/atomic_locks.py).

Rasa 3.6's ``RedisLockStore`` changes a conversation's ticket lock by reading it, changing it in
Python and writing it back, so two instances handling one conversation's messages at once could
both run it (the scale-out test caught a lost turn). Here each read-change-write runs in a Redis
transaction (WATCH the key, MULTI/EXEC, retried if another instance changed the key meanwhile).
When Redis cannot be reached (restarting, network), every operation raises
:class:`~bot.tracker_store.ConversationStoreUnavailable`, so the turn is abandoned with a 503
(Rasa's store let ``redis.ConnectionError`` through as a 500).

Selected in bot/endpoints.scale-out.yml with ``type: bot.redis_lock_store.AtomicRedisLockStore``;
it takes the same settings as Rasa's ``type: redis``.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Iterator, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

from bot.atomic_locks import AtomicTicketLocks, Change, Result
from bot.tracker_store import ConversationStoreUnavailable


@contextlib.contextmanager
def redis_errors_abandon_the_turn() -> Iterator[None]:
    try:
        yield
    except RedisError as error:
        raise ConversationStoreUnavailable(f"lock store: {type(error).__name__}") from error


class AtomicRedisLockStore(AtomicTicketLocks, RedisLockStore):
    """Same storage format and keys as Rasa's store; only the updates differ."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **settings: Any) -> None:
        """Rasa builds a lock store named by its module path from the endpoint configuration
        (``url`` is the host, the rest as for ``type: redis``); tests pass the settings directly."""
        if endpoint_config is not None:
            settings = {"host": endpoint_config.url, **endpoint_config.kwargs}
        super().__init__(**settings)

    def _change(self, conversation_id: str, change: Change[Result]) -> Result:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> Result:  # a redis-py pipeline watching ``key``
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is not None:
                pipe.set(key, new_lock.dumps())
            elif lock is not None:
                pipe.delete(key)
            return result

        with redis_errors_abandon_the_turn():
            return self.red.transaction(attempt, key, value_from_callable=True)

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        with redis_errors_abandon_the_turn():
            return super().get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        with redis_errors_abandon_the_turn():
            super().delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        with redis_errors_abandon_the_turn():
            super().save_lock(lock)
