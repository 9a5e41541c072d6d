"""Rasa's Redis lock store with every change to a lock made atomically.

Rasa 3.6's ``RedisLockStore`` changes a conversation's ticket lock by reading it, changing it in
Python and writing it back. Two instances doing that at once for one conversation (two messages
arriving together behind a load balancer) overwrite each other: both take ticket 1 and run the
conversation side by side, so one turn is silently lost from the tracker store; or a waiting
ticket is dropped and its message fails with a ``LockError``. The scale-out test caught the first.

Here each read-change-write runs in a Redis transaction (WATCH the key, MULTI/EXEC, retried if
another instance changed the key meanwhile), so tickets are issued and returned one at a time.
When Redis cannot be reached (restarting, network), every operation raises
:class:`~bot.tracker_store.ConversationStoreUnavailable`, so the turn is abandoned with a 503
(Rasa's store let ``redis.ConnectionError`` through as a 500).

Selected in bot/endpoints.scale-out.yml with ``type: bot.redis_lock_store.AtomicRedisLockStore``;
it takes the same settings as Rasa's ``type: redis``.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Callable, Iterator, Optional, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

from bot.tracker_store import ConversationStoreUnavailable

Result = TypeVar("Result")


@contextlib.contextmanager
def redis_errors_abandon_the_turn() -> Iterator[None]:
    try:
        yield
    except RedisError as error:
        raise ConversationStoreUnavailable(f"lock store: {type(error).__name__}") from error


class AtomicRedisLockStore(RedisLockStore):
    """Same storage format and keys as Rasa's store; only the updates differ."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **settings: Any) -> None:
        """Rasa builds a lock store named by its module path from the endpoint configuration
        (``url`` is the host, the rest as for ``type: redis``); tests pass the settings directly."""
        if endpoint_config is not None:
            settings = {"host": endpoint_config.url, **endpoint_config.kwargs}
        super().__init__(**settings)

    def _change(
        self, conversation_id: str, change: Callable[[Optional[TicketLock]], tuple[Optional[TicketLock], Result]]
    ) -> Result:
        """Apply ``change`` to the stored lock atomically. ``change`` gets the lock (None if there
        is none) and returns the lock to store (None deletes it) and a result. It may run more
        than once, when another instance changed the lock meanwhile, so it must not have effects."""
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

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock: Optional[TicketLock]) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, take)
        except Exception as e:  # as Rasa's store: the caller expects a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]) -> tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: (returned(lock, ticket_number), None))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Return the ticket and delete the lock if nobody is waiting, in one step: otherwise a
        ticket issued in between could be deleted with the lock."""

        def finish(lock: Optional[TicketLock]) -> tuple[Optional[TicketLock], None]:
            lock = returned(lock, ticket_number)
            return (lock if lock is not None and lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish)


def returned(lock: Optional[TicketLock], ticket_number: int) -> Optional[TicketLock]:
    if lock is not None:
        lock.remove_ticket_for(ticket_number)
    return lock
