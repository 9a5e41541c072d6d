"""The atomic Redis lock store against a real Redis: one conversation's messages arriving together
at several instances are handled one at a time, none is dropped."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading

import pytest
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.redis_lock_store import AtomicRedisLockStore
from bot.tracker_store import ConversationStoreUnavailable
from tests.lock_stores import a_finished_ticket_never_deletes_a_waiting_one
from scripts.services import redis


@pytest.fixture(scope="module")
def redis_settings(tmp_path_factory):
    with redis(tmp_path_factory.mktemp("redis")) as server:
        yield {"host": "127.0.0.1", "port": server.port, "db": 0, "key_prefix": "test"}


def instances(settings: dict, n: int) -> list[AtomicRedisLockStore]:
    """Separate store objects, each with its own connections, as in separate Rasa instances."""
    return [AtomicRedisLockStore(**settings) for _ in range(n)]


def test_rasa_builds_it_from_the_endpoint_configuration(redis_settings):
    config = EndpointConfig.from_dict(
        {
            "type": "bot.redis_lock_store.AtomicRedisLockStore",
            "url": redis_settings["host"],
            "port": redis_settings["port"],
            "db": 0,
            "key_prefix": "test",
        }
    )
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore) and store.key_prefix.startswith("test:")
    assert store.red.ping()


def test_tickets_taken_at_once_by_several_instances_are_all_different(redis_settings):
    stores = instances(redis_settings, 4)
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        tickets = list(pool.map(lambda i: stores[i % 4].issue_ticket("together"), range(200)))
    assert sorted(tickets) == list(range(200))
    assert len(stores[0].get_lock("together").tickets) == 200


def test_a_finished_ticket_never_deletes_a_waiting_one(redis_settings):
    a_finished_ticket_never_deletes_a_waiting_one(*instances(redis_settings, 2))


def test_one_conversation_is_served_one_message_at_a_time_across_instances(redis_settings):
    stores = instances(redis_settings, 3)
    inside, overlaps, served = [0], [], []
    guard = threading.Lock()

    async def handle(store: AtomicRedisLockStore, n: int) -> None:
        async with store.lock("busy", wait_time_in_seconds=0.005):
            with guard:
                inside[0] += 1
                overlaps.append(inside[0])
            await asyncio.sleep(0.002)
            with guard:
                inside[0] -= 1
                served.append(n)

    def instance(k: int) -> None:
        async def messages() -> None:
            await asyncio.gather(*(handle(stores[k], k * 100 + n) for n in range(15)))

        asyncio.run(messages())

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(instance, range(3)))  # re-raises a LockError from any instance
    assert max(overlaps) == 1, "two messages of one conversation were handled at once"
    assert len(served) == 45
    assert stores[0].get_lock("busy") is None, "the lock is gone when nobody waits"


def test_redis_down_abandons_the_turn_and_redis_back_serves_again(tmp_path):
    """Rasa's store lets redis-py's ConnectionError through (a 500); ours abandons the turn (503)."""
    with redis(tmp_path) as server:
        store = AtomicRedisLockStore(host="127.0.0.1", port=server.port, db=0, key_prefix="down")
        server.service.stop()
        for operation in (lambda: store.issue_ticket("c"), lambda: store.get_lock("c"), lambda: store.cleanup("c", 0)):
            with pytest.raises(ConversationStoreUnavailable):
                operation()
        server.service.start()
        assert store.issue_ticket("c") == 0
