"""The server's abuse limits (bot/rate_limit.py), configured from the environment once per process
and shared by every channel."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Mapping

from sanic.request import Request

from bot.client_address import TRUSTED_PROXIES_ENV, Network, client_address, parse_networks
from bot.rate_limit import RateLimiter

# (environment variable, default): a bad value stops start-up with a message naming the variable.
SETTINGS = {
    "conversation_burst": ("COMPACT_RATE_BURST", 20),
    "conversation_per_minute": ("COMPACT_RATE_PER_MINUTE", 90),
    "address_burst": ("COMPACT_ADDRESS_BURST", 120),
    "address_per_minute": ("COMPACT_ADDRESS_PER_MINUTE", 600),
    "new_burst": ("COMPACT_NEW_CONVERSATIONS_BURST", 30),
    "new_per_hour": ("COMPACT_NEW_CONVERSATIONS_PER_HOUR", 120),
}


@dataclass(frozen=True)
class Limits:
    conversation: RateLimiter      # messages per conversation
    address: RateLimiter           # messages per client address (public routes)
    new_conversation: RateLimiter  # conversations started per client address
    trusted_proxies: tuple[Network, ...]

    def address_of(self, request: Request) -> str:
        return client_address(request.ip, request.headers.getall("x-forwarded-for", []), self.trusted_proxies)


def _number(env: Mapping[str, str], name: str, default: int) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return float(default)
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 1:
        raise ValueError(f"{name} must be a number of at least 1 (got {raw!r})")
    return value


def from_environment(env: Mapping[str, str] | None = None) -> Limits:
    env = os.environ if env is None else env
    v = {key: _number(env, name, default) for key, (name, default) in SETTINGS.items()}
    return Limits(RateLimiter(int(v["conversation_burst"]), v["conversation_per_minute"]),
                  RateLimiter(int(v["address_burst"]), v["address_per_minute"]),
                  RateLimiter(int(v["new_burst"]), v["new_per_hour"] / 60),
                  parse_networks(env.get(TRUSTED_PROXIES_ENV)))


@functools.cache
def shared() -> Limits:
    """This process's limits (one set for every channel)."""
    return from_environment()
