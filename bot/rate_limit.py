"""Rate limits (token buckets), so nobody can flood the server or fill its database.

Three limits, each a :class:`RateLimiter` keyed differently (bot/limits.py holds them):

- per conversation: a person typing or clicking never reaches it (bursts of 20, then 90 a minute);
- per client address (bot/client_address.py), on every public message route, generous enough
  for a council office behind one address (bursts of 120, then 600 a minute);
- new conversations per client address (the widget's ``POST /widget/conversation``; bursts of 30,
  then 120 an hour), so one address cannot leave rows for thousands of conversations.

Memory is bounded: at most ``max_keys`` buckets (least recently used go first), and a bucket
idle long enough to have refilled is forgotten. Per instance and in memory: behind a load
balancer each instance limits what reaches it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Callable

DEFAULT_MAX_KEYS = 100_000


class RateLimiter:
    def __init__(
        self, burst: int, per_minute: float, clock: Callable[[], float] = time.monotonic, max_keys: int = DEFAULT_MAX_KEYS
    ) -> None:
        if burst < 1 or per_minute <= 0 or max_keys < 1:
            raise ValueError("a rate limit needs a burst of at least 1, a positive rate and room for one key")
        self.burst, self.rate, self.clock, self.max_keys = burst, per_minute / 60.0, clock, max_keys
        self.refill_seconds = burst / self.rate  # an idle bucket is full again after this long
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when), oldest first

    def wait(self, key: str) -> float:
        """0 if ``key`` may go now (and count it), else the seconds until it may."""
        now = self.clock()
        self.forget_idle(now)
        tokens, when = self.buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - when) * self.rate)
        allowed = tokens >= 1
        self.buckets[key] = (tokens - 1 if allowed else tokens, now)
        if len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        return 0.0 if allowed else (1 - tokens) / self.rate

    def forget_idle(self, now: float) -> None:
        """Drop the oldest buckets while they have had time to refill (they would start full anyway)."""
        while self.buckets:
            _, (_, when) = next(iter(self.buckets.items()))
            if now - when < self.refill_seconds:
                return
            self.buckets.popitem(last=False)
