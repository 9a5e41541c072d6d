"""A lock store whose every change to a conversation's ticket lock is one atomic step.

Rasa's ``LockStore`` changes a lock by reading it, changing it in Python and writing it back.
Two processes doing that at once for one conversation (two messages arriving together at two
Rasa workers or instances) overwrite each other: both take ticket 1 and run the conversation
side by side, so one turn is silently lost; or a waiting ticket is dropped and its message fails
with a ``LockError``.

:class:`AtomicTicketLocks` states Rasa's ticket operations once, each as one call to the store's
``_change``, which applies a change to the stored lock atomically (a Redis transaction in
bot/redis_lock_store.py, an SQLite write transaction in bot/sqlite_lock_store.py).
"""

from __future__ import annotations

import contextlib
from typing import AsyncIterator, Callable, Optional, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError

Result = TypeVar("Result")
Change = Callable[[Optional[TicketLock]], "tuple[Optional[TicketLock], Result]"]


class AtomicTicketLocks:
    """Mixed in before a Rasa ``LockStore``: its ticket operations, each made atomic."""

    def _change(self, conversation_id: str, change: Change[Result]) -> Result:
        """Apply ``change`` to the stored lock atomically. ``change`` gets the lock (None if there
        is none) and returns the lock to store (None deletes it) and a result. It may run more
        than once, when another process changed the lock meanwhile, so it must not have effects."""
        raise NotImplementedError

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._issue(conversation_id, lock_lifetime)[0]

    def _issue(self, conversation_id: str, lock_lifetime: float) -> tuple[int, TicketLock]:
        """A ticket, and the lock as issuing it left it."""

        def take(lock: Optional[TicketLock]) -> tuple[TicketLock, tuple[int, TicketLock]]:
            lock = lock or TicketLock(conversation_id)
            return lock, (lock.issue_ticket(lock_lifetime), lock)

        try:
            return self._change(conversation_id, take)
        except Exception as e:  # as Rasa's stores: the caller expects a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    @contextlib.asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncIterator[TicketLock]:
        """Rasa's ``LockStore.lock``, except that a ticket served at once (nobody else's is waiting
        for the conversation, the usual case) needs no second look at the stored lock: nothing another
        process does can put a ticket before it. A ticket that must wait waits as Rasa's does."""
        ticket, issued = self._issue(conversation_id, lock_lifetime)
        try:
            if issued.is_locked(ticket):
                yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)  # type: ignore[attr-defined]
            else:
                yield issued
        finally:
            self.cleanup(conversation_id, ticket)

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
