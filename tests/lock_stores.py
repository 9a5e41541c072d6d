"""Checks every shared lock store must pass (Redis: several instances; SQLite: several workers)."""

from __future__ import annotations

from rasa.core.lock_store import LockStore


def a_finished_ticket_never_deletes_a_waiting_one(first: LockStore, second: LockStore) -> None:
    """Two stores on one storage: returning the first ticket keeps the lock for the waiting one,
    and returning the last removes it."""
    mine = first.issue_ticket("handover")
    waiting = second.issue_ticket("handover")
    first.cleanup("handover", mine)
    lock = second.get_lock("handover")
    assert lock is not None and not lock.is_locked(waiting)
    second.cleanup("handover", waiting)
    assert second.get_lock("handover") is None
