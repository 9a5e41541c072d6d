"""The per-sender rate limit as a plain object with a clock the test moves."""
from __future__ import annotations

from bot.rate_limit import FORGET_AFTER_SECONDS, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_the_sender_waits():
    clock = Clock()
    limit = RateLimiter(burst=3, per_minute=60, clock=clock)
    assert [limit.wait("a") for _ in range(3)] == [0, 0, 0]
    assert limit.wait("a") == 1.0, "one message a second after the burst"
    assert limit.wait("b") == 0, "other senders are unaffected"
    clock.now += 1
    assert limit.wait("a") == 0 and limit.wait("a") > 0


def test_the_bucket_refills_up_to_the_burst_only():
    clock = Clock()
    limit = RateLimiter(burst=2, per_minute=60, clock=clock)
    limit.wait("a"), limit.wait("a")
    clock.now += 3600
    assert [limit.wait("a") for _ in range(3)][:2] == [0, 0] and limit.wait("a") > 0


def test_idle_senders_are_forgotten():
    clock = Clock()
    limit = RateLimiter(clock=clock)
    for i in range(999):
        limit.wait(f"s{i}")
    clock.now += FORGET_AFTER_SECONDS + 1
    limit.wait("new")
    assert list(limit.buckets) == ["new"]
