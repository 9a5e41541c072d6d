"""A per-sender rate limit (token bucket), so one conversation flooding the server cannot slow it
down for everyone else. A person typing or clicking never reaches it: the defaults allow bursts
of 20 messages and 90 a minute after that. Per instance and in memory: behind a load balancer
each instance limits what reaches it (docs/security.md says how to add a per-address limit at
the proxy)."""
from __future__ import annotations

import os
import time
from typing import Callable

DEFAULT_BURST = 20
DEFAULT_PER_MINUTE = 90
FORGET_AFTER_SECONDS = 600  # a sender idle this long starts again with a full bucket


class RateLimiter:
    def __init__(self, burst: int = DEFAULT_BURST, per_minute: float = DEFAULT_PER_MINUTE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.rate, self.clock = burst, per_minute / 60.0, clock
        self.buckets: dict[str, tuple[float, float]] = {}  # sender -> (tokens, when)
        self.checks = 0

    def wait(self, sender: str) -> float:
        """0 if ``sender`` may send now (and count it), else the seconds until it may."""
        now = self.clock()
        self.checks += 1
        if self.checks % 1000 == 0:
            self.forget_idle(now)
        tokens, when = self.buckets.get(sender, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - when) * self.rate)
        if tokens >= 1:
            self.buckets[sender] = (tokens - 1, now)
            return 0.0
        self.buckets[sender] = (tokens, now)
        return (1 - tokens) / self.rate

    def forget_idle(self, now: float) -> None:
        self.buckets = {s: b for s, b in self.buckets.items() if now - b[1] < FORGET_AFTER_SECONDS}


def from_environment() -> RateLimiter:
    """``COMPACT_RATE_BURST`` and ``COMPACT_RATE_PER_MINUTE`` override the defaults."""
    return RateLimiter(int(os.environ.get("COMPACT_RATE_BURST", DEFAULT_BURST)),
                       float(os.environ.get("COMPACT_RATE_PER_MINUTE", DEFAULT_PER_MINUTE)))
