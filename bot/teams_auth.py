"""Is an incoming Teams activity really from the Bot Framework, for this bot?

The checks the Bot Framework specifies for "Bot Connector to bot" requests, done with PyJWT:
the token is signed with RS256 by a key published in the OpenID metadata's JWKS; the key is
endorsed for the activity's channel; issuer and audience (the bot's app id) match; it is within
its validity period (five minutes' clock skew); its ``serviceurl`` claim is the activity's
``serviceUrl`` (so nobody can make the bot send its own token to another address).

:func:`check_token` is the pure part; :class:`SigningKeys` fetches and caches the keys lazily,
so the server starts without a network.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import jwt

logger = logging.getLogger(__name__)

CLOCK_SKEW_SECONDS = 300
KEYS_MAX_AGE_SECONDS = 24 * 3600
# An unknown key id makes us refresh the keys (Microsoft rotates them), at most this often, so
# a flood of tokens with made-up key ids cannot turn into a flood of requests to Microsoft.
MIN_REFRESH_INTERVAL_SECONDS = 60
FIRST_BACKOFF_SECONDS = 5
MAX_BACKOFF_SECONDS = 300


class AuthError(Exception):
    """The request is not authentic; the message says why (logged, and returned with the 401)."""


class KeysUnavailable(Exception):
    """The signing keys could not be fetched: the request cannot be checked just now."""


@dataclass(frozen=True)
class AuthSettings:
    app_id: str
    issuer: str = "https://api.botframework.com"
    allowed_channels: frozenset[str] = frozenset({"msteams"})


def bearer_token(header: str | None) -> str:
    if not header:
        raise AuthError("no Authorization header")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("the Authorization header is not a Bearer token")
    return token.strip()


def check_token(token: str, key: dict[str, Any] | None, activity: dict[str, Any], settings: AuthSettings) -> dict[str, Any]:
    """Validate ``token`` (already matched to its published ``key``, a JWK, or None if unknown)
    for ``activity``; return its claims or raise :class:`AuthError`."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise AuthError(f"malformed token ({error})") from None
    if header.get("alg") != "RS256":
        raise AuthError(f"token algorithm {header.get('alg')!r} is not RS256")
    if key is None:
        raise AuthError(f"token signed with an unknown key {header.get('kid')!r}")
    channel = activity.get("channelId")
    if channel not in settings.allowed_channels:
        raise AuthError(f"channel {channel!r} is not accepted")
    if channel not in key.get("endorsements", []):
        raise AuthError(f"the signing key is not endorsed for channel {channel!r}")
    try:
        claims = jwt.decode(
            token,
            jwt.PyJWK(key, algorithm="RS256").key,
            algorithms=["RS256"],
            audience=settings.app_id,
            issuer=settings.issuer,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["exp", "iss", "aud"]},
        )
    except jwt.PyJWTError as error:
        raise AuthError(f"token rejected: {error}") from None
    service_url = str(activity.get("serviceUrl") or "")
    if not service_url or str(claims.get("serviceurl", "")).rstrip("/") != service_url.rstrip("/"):
        raise AuthError("the token's serviceurl does not match the activity's serviceUrl")
    return claims


Fetch = Callable[[str], Awaitable[Any]]


class SigningKeys:
    """The Bot Framework's signing keys: OpenID metadata → ``jwks_uri`` → JWKS, fetched on first
    use, kept for a day, refreshed early when a token names a key we do not have.

    A token signed with a key we have is checked without waiting for anything: only a refresh
    takes the lock, so one slow fetch never queues the requests whose keys are known. Fetches
    are spaced: after a success, an unknown key id waits :data:`MIN_REFRESH_INTERVAL_SECONDS`;
    after a failure (Microsoft unreachable) the next attempt waits longer each time, from
    :data:`FIRST_BACKOFF_SECONDS` doubling up to :data:`MAX_BACKOFF_SECONDS`, and meanwhile
    requests are answered from what we have (401 for an unknown key; 503 when we have none)."""

    def __init__(self, metadata_url: str, fetch_json: Fetch, clock: Callable[[], float] = time.monotonic) -> None:
        self.metadata_url = metadata_url
        self.fetch_json = fetch_json
        self.clock = clock
        self.keys: dict[str, dict[str, Any]] = {}
        self.fetched_at: float | None = None
        self.next_attempt = float("-inf")  # no fetch before this time (spacing and back-off)
        self.failures = 0
        self.lock = asyncio.Lock()

    def stale(self) -> bool:
        return self.fetched_at is None or self.clock() - self.fetched_at > KEYS_MAX_AGE_SECONDS

    def wanted(self, kid: str | None) -> bool:
        """Should this lookup fetch the keys (if the spacing allows)?"""
        return self.stale() or (bool(kid) and kid not in self.keys)

    async def find(self, kid: str | None) -> dict[str, Any] | None:
        known = bool(kid) and kid in self.keys  # then never wait for someone else's refresh
        if self.wanted(kid) and self.clock() >= self.next_attempt and not (known and self.lock.locked()):
            async with self.lock:
                if self.wanted(kid) and self.clock() >= self.next_attempt:  # nobody refreshed while we waited
                    await self.refresh()
        if not self.keys:
            raise KeysUnavailable(f"no signing keys yet; next attempt in {max(0.0, self.next_attempt - self.clock()):.0f} s")
        return self.keys.get(kid) if kid else None

    async def refresh(self) -> None:
        try:
            metadata = await self.fetch_json(self.metadata_url)
            jwks = await self.fetch_json(metadata["jwks_uri"])
            keys = {k["kid"]: k for k in jwks["keys"] if isinstance(k, dict) and k.get("kid")}
        except Exception as error:  # network, JSON or shape: keep what we had, and back off
            self.failures += 1
            wait = min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** (self.failures - 1))
            self.next_attempt = self.clock() + wait
            logger.error(
                "teams signing keys could not be fetched from %s (%d in a row; next try in %.0f s): %s",
                self.metadata_url,
                self.failures,
                wait,
                error,
            )
            return
        self.keys, self.fetched_at, self.failures = keys, self.clock(), 0
        self.next_attempt = self.clock() + MIN_REFRESH_INTERVAL_SECONDS
        logger.info("teams signing keys fetched: %d keys", len(keys))


def unverified_kid(token: str) -> str | None:
    try:
        return jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError:
        return None
