"""The rate limiter as a plain object with a clock the test moves, its buckets in a file of the test's own."""

from __future__ import annotations

from bot.rate_limit import RateLimiter

SECRET = b"a test secret of at least thirty-two characters"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_the_sender_waits(tmp_path):
    clock = Clock()
    limit = RateLimiter("address", tmp_path / "shared.locks", SECRET, burst=3, per_minute=60, clock=clock)
    assert [limit.wait("a") for _ in range(3)] == [0, 0, 0]
    assert limit.wait("a") == 1.0, "one message a second after the burst"
    assert limit.wait("b") == 0, "other senders are unaffected"
    clock.now += 1
    assert limit.wait("a") == 0 and limit.wait("a") > 0


def test_the_bucket_refills_up_to_the_burst_only(tmp_path):
    clock = Clock()
    limit = RateLimiter("address", tmp_path / "shared.locks", SECRET, burst=2, per_minute=60, clock=clock)
    limit.wait("a"), limit.wait("a")
    clock.now += 3600
    assert [limit.wait("a") for _ in range(3)][:2] == [0, 0] and limit.wait("a") > 0


def test_a_shared_limit_counts_every_process_against_one_bucket(tmp_path):
    """Two processes of one instance (two Rasa workers) share one limit: a flood split between
    them gets the burst once, not once per process."""
    clock = Clock()
    path = tmp_path / "shared.locks"
    first, second = (RateLimiter("address", path, SECRET, burst=10, per_minute=60, clock=clock) for _ in range(2))
    allowed = [limit.wait("flooder") == 0 for _ in range(10) for limit in (first, second)]
    assert allowed.count(True) == 10
    assert second.wait("someone else") == 0
    clock.now += 1
    assert first.wait("flooder") == 0 and second.wait("flooder") > 0, "one token a second, whoever asks"
    other = RateLimiter("conversation", path, SECRET, burst=1, per_minute=60, clock=clock)
    assert other.wait("flooder") == 0, "each limit has its own buckets"


def test_a_shared_limit_forgets_idle_buckets_and_keeps_no_address(tmp_path):
    clock = Clock()
    limit = RateLimiter("address", tmp_path / "shared.locks", SECRET, burst=100, per_minute=6, clock=clock, max_keys=100)
    for i in range(300):
        limit.wait(f"203.0.113.{i}")
        limit.wait("flooder")
    clock.now += limit.TIDY_SECONDS
    limit.wait("flooder")  # tidies: beyond the 100 most recent, the least recently used go
    with limit.file.transaction(write=False) as db:
        assert db.execute("SELECT COUNT(*) FROM buckets").fetchone()[0] == 100
    assert sum(limit.wait("flooder") == 0 for _ in range(20)) < 10, "the busy key is kept (not a fresh burst)"
    assert b"203.0.113" not in (tmp_path / "shared.locks").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("shared.locks-*")
    ), "addresses are kept only as an HMAC"
    clock.now += limit.refill_seconds + limit.TIDY_SECONDS
    limit.wait("flooder")
    with limit.file.transaction(write=False) as db:
        assert db.execute("SELECT COUNT(*) FROM buckets").fetchone()[0] == 1, "idle buckets are forgotten"


def test_a_shared_limit_whose_file_is_busy_lets_the_request_through(tmp_path, monkeypatch, caplog):
    """A limit that cannot be checked must not turn every message into an error (the channels
    answer with it before the turn's own error handling)."""
    import sqlite3

    monkeypatch.setattr("bot.shared_file.BUSY_SECONDS", 0.1)
    path = tmp_path / "shared.locks"
    limit = RateLimiter("address", path, SECRET, burst=1, per_minute=1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert [limit.wait("203.0.113.9") for _ in range(3)] == [0.0, 0.0, 0.0]
    finally:
        other.execute("ROLLBACK")
    assert "rate limit address not checked" in caplog.text and "203.0.113.9" not in caplog.text
    assert limit.wait("203.0.113.9") == 0.0 and limit.wait("203.0.113.9") > 0, "checked again once it can be"
