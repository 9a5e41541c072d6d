"""The server's abuse limits (bot/rate_limit.py), made from the settings once per process,
shared by every channel and kept where every worker of the instance counts against them."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sanic.request import Request

from bot.client_address import Network, client_address
from bot.conversation_ids import load_secret
from bot.rate_limit import RateLimiter
from compact.settings import Settings, settings


@dataclass(frozen=True)
class Limits:
    conversation: RateLimiter  # messages per conversation
    address: RateLimiter  # messages per client address (public routes)
    new_conversation: RateLimiter  # conversations started per client address
    trusted_proxies: tuple[Network, ...]

    def address_of(self, request: Request) -> str:
        return client_address(request.ip, request.headers.getall("x-forwarded-for", []), self.trusted_proxies)


def from_settings(s: Settings) -> Limits:
    """The limits, kept where every worker of the instance counts against them (bot/rate_limit.py)."""
    secret = load_secret(s)
    return Limits(
        RateLimiter("conversation", s.shared_file, secret, s.rate_burst, s.rate_per_minute),
        RateLimiter("address", s.shared_file, secret, s.address_burst, s.address_per_minute),
        RateLimiter("new conversation", s.shared_file, secret, s.new_conversations_burst, s.new_conversations_per_hour / 60),
        tuple(s.trusted_proxies),
    )


@functools.cache
def shared() -> Limits:
    """This process's limits (one set for every channel)."""
    return from_settings(settings())
