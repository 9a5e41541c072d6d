"""Does conversation expiry slow anyone down? Message latency on a running assistant holding
100,000 stored events (2,000 conversations), first while expiry has nothing to do, then while it
deletes them all, in one run.

    make bench-expiry        # prints the figures; tests/test_attacks.py runs the same measurement

The events are written straight into the SQLite tracker store while the servers run, dated so
that they pass the retention period (one hour here) :data:`STALE_AFTER` seconds later; the
server's expiry task (checking every second here) then deletes them while messages keep
arriving. Every message is a fresh conversation asking a plain question.
"""

from __future__ import annotations

import contextlib
import sqlite3
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.servers import running  # noqa: E402
from scripts.with_assistant import free_port  # noqa: E402

EVENTS = 100_000
PER_CONVERSATION = 50
QUESTION = "how much notice before funding ends?"
KEEP_SECONDS = 3600
ENV = {"COMPACT_EXPIRY_CHECK_SECONDS": "1", "COMPACT_KEEP_DAYS": str(KEEP_SECONDS / 86400)}  # the servers measured need these
STALE_AFTER = 20.0  # seconds from seeding until the events expire
OLD_PREFIX = "expiry-load-"


@dataclass(frozen=True)
class Latencies:
    before: list[float]
    during: list[float]
    purge_seconds: float
    answered: int  # messages answered correctly (all of them, or something broke)
    sent: int


def seed(db: Path, events: int = EVENTS, stale_after: float = STALE_AFTER) -> float:
    """Conversations of as many events as asked, whose last event passes the retention period
    ``stale_after`` seconds from now; returns that moment (a Unix time)."""
    old = time.time() + stale_after - KEEP_SECONDS - PER_CONVERSATION
    with sqlite3.connect(db, timeout=30) as c:
        c.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)",
            (
                (
                    f"{OLD_PREFIX}{i // PER_CONVERSATION}",
                    old + i % PER_CONVERSATION,
                    '{"event": "user", "text": "a story about a funding decision, kept for the test"}',
                )
                for i in range(events)
            ),
        )
    return old + PER_CONVERSATION + KEEP_SECONDS


def remaining(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as c:
        return c.execute("SELECT COUNT(*) FROM events WHERE sender_id LIKE ?", (OLD_PREFIX + "%",)).fetchone()[0]


def ask(url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": uuid.uuid4().hex, "message": QUESTION}, timeout=60)
    return time.perf_counter() - started, r.status_code == 200 and "Commitment 13.2" in r.text


def measure(url: str, db: Path) -> Latencies:
    """Latency of messages with the events stored and nothing to expire, then from the moment they
    expire until expiry has deleted them."""
    stale_at = seed(db)
    results = []
    while time.time() < stale_at - 1:
        results.append(ask(url))
    before = [t for t, _ in results]
    done = threading.Event()
    purge_time: list[float] = []

    def watch() -> None:
        started = None
        while not done.is_set():
            left = remaining(db)
            if started is None and left < EVENTS:
                started = time.perf_counter()
            if left == 0:
                purge_time.append(time.perf_counter() - (started or time.perf_counter()))
                done.set()
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    during: list[float] = []
    deadline = time.monotonic() + 120
    while not done.is_set() and time.monotonic() < deadline:
        took, ok = ask(url)
        during.append(took)
        results.append((took, ok))
    done.set()
    watcher.join()
    return Latencies(before, during, purge_time[0] if purge_time else float("nan"), sum(ok for _, ok in results), len(results))


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.0f} | {p95:.0f} | {ms[-1]:.0f} |"


def main() -> int:
    work = Path(f"/tmp/compact-expiry-{uuid.uuid4().hex[:8]}")
    work.mkdir()
    with running(port=free_port(), action_port=free_port(), tracker_db=work / "tracker.db", extra_env=ENV, log_dir=work) as r:
        found = measure(r.url, work / "tracker.db")
    print(
        f"Expiry of {EVENTS:,} events ({EVENTS // PER_CONVERSATION:,} conversations) took {found.purge_seconds:.2f} s; "
        f"{found.answered}/{found.sent} messages answered correctly.\n"
    )
    print("| messages | n | median ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    print(summary(f"{EVENTS:,} events stored, nothing to expire", found.before))
    print(summary("the same, while expiry deletes them", found.during))
    return 0 if found.answered == found.sent else 1


if __name__ == "__main__":
    sys.exit(main())
