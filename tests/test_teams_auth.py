"""The Bot Framework token checks as plain functions, each attack refused for its own reason,
and the signing keys' lazy fetching, caching and refresh."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.teams_auth import (
    FIRST_BACKOFF_SECONDS,
    MAX_BACKOFF_SECONDS,
    MIN_REFRESH_INTERVAL_SECONDS,
    AuthError,
    AuthSettings,
    KeysUnavailable,
    SigningKeys,
    bearer_token,
    check_token,
)
from tests.botframework_standin import APP_ID, KID, StandIn, new_key, public_jwk

SETTINGS = AuthSettings(APP_ID)


@pytest.fixture(scope="module")
def bf() -> StandIn:
    return StandIn()  # not started: only its keys and signing are used here


def check(bf: StandIn, token: str, key: dict | None = "published", **activity_changes) -> dict:
    key = bf.keys[0] if key == "published" else key
    return check_token(token, key, {**bf.activity("hi"), **activity_changes}, SETTINGS)


def test_a_genuine_token_passes_and_gives_its_claims(bf):
    claims = check(bf, bf.token())
    assert claims["aud"] == APP_ID and claims["serviceurl"] == bf.service_url


def test_clock_skew_of_up_to_five_minutes_is_tolerated(bf):
    assert check(bf, bf.token(exp=int(time.time()) - 240, nbf=int(time.time()) + 240))


OTHER = new_key()


@pytest.mark.parametrize(
    "make, key, changes, reason",
    [
        (lambda bf: "a.b.c", "published", {}, "malformed token"),
        (lambda bf: bf.token(algorithm="HS256"), "published", {}, "is not RS256"),
        (lambda bf: bf.token(key=OTHER), "published", {}, "Signature verification failed"),
        (lambda bf: bf.token(key=OTHER, kid="x"), None, {}, "unknown key"),
        (lambda bf: bf.token(iss="https://login.microsoftonline.com/x/v2.0"), "published", {}, "Invalid issuer"),
        (lambda bf: bf.token(aud="someone-else"), "published", {}, "Audience doesn't match"),
        (lambda bf: bf.token(exp=int(time.time()) - 400), "published", {}, "expired"),
        (lambda bf: bf.token(nbf=int(time.time()) + 400), "published", {}, "not yet valid"),
        (lambda bf: bf.token(exp=None), "published", {}, 'missing the "exp" claim'),
        (lambda bf: bf.token(serviceurl="https://attacker.example/"), "published", {}, "serviceurl does not match"),
        (lambda bf: bf.token(), "published", {"serviceUrl": "https://attacker.example/"}, "serviceurl does not match"),
        (lambda bf: bf.token(), "published", {"channelId": "webchat"}, "channel 'webchat' is not accepted"),
        (lambda bf: bf.token(), "published", {"channelId": None}, "channel None is not accepted"),
    ],
)
def test_each_attack_is_refused_for_its_reason(bf, make, key, changes, reason):
    with pytest.raises(AuthError, match=reason):
        check(bf, make(bf), key=key, **changes)


def test_a_key_not_endorsed_for_the_channel_is_refused(bf):
    webchat_only = public_jwk(bf.key, KID, ["webchat"])
    with pytest.raises(AuthError, match="not endorsed for channel 'msteams'"):
        check(bf, bf.token(), key=webchat_only)


@pytest.mark.parametrize(
    "header, reason",
    [
        (None, "no Authorization header"),
        ("", "no Authorization header"),
        ("Basic abc", "not a Bearer token"),
        ("Bearer ", "not a Bearer token"),
    ],
)
def test_the_authorization_header_must_be_a_bearer_token(header, reason):
    with pytest.raises(AuthError, match=reason):
        bearer_token(header)


class FakeMicrosoft:
    """OpenID metadata and JWKS behind a counter and a clock the test moves."""

    def __init__(self, keys: list[dict]) -> None:
        self.keys, self.calls, self.now, self.down = keys, 0, 1000.0, False

    async def fetch(self, url: str) -> dict:
        self.calls += 1
        if self.down:
            raise ConnectionError("no network")
        return {"jwks_uri": "https://keys"} if url == "https://metadata" else {"keys": self.keys}


def test_keys_are_fetched_lazily_then_cached(bf):
    ms = FakeMicrosoft(bf.keys)
    keys = SigningKeys("https://metadata", ms.fetch, clock=lambda: ms.now)
    assert ms.calls == 0, "nothing is fetched at start-up"
    assert asyncio.run(keys.find(KID))["kid"] == KID and ms.calls == 2
    ms.now += 3600
    asyncio.run(keys.find(KID))
    assert ms.calls == 2, "cached"
    ms.now += 24 * 3600
    asyncio.run(keys.find(KID))
    assert ms.calls == 4, "refreshed after a day"


def test_an_unknown_key_id_refreshes_at_most_once_a_minute(bf):
    ms = FakeMicrosoft(list(bf.keys))
    keys = SigningKeys("https://metadata", ms.fetch, clock=lambda: ms.now)
    asyncio.run(keys.find(KID))
    rotated = public_jwk(new_key(), "rotated", ["msteams"])
    ms.keys.append(rotated)
    assert asyncio.run(keys.find("rotated")) is None and ms.calls == 2, "just fetched: no refresh yet"
    ms.now += MIN_REFRESH_INTERVAL_SECONDS + 1
    assert asyncio.run(keys.find("rotated")) == rotated and ms.calls == 4
    for _ in range(5):
        assert asyncio.run(keys.find("made-up")) is None
    assert ms.calls == 4, "made-up key ids do not flood Microsoft with requests"


def test_when_the_keys_cannot_be_fetched(bf):
    ms = FakeMicrosoft(bf.keys)
    ms.down = True
    keys = SigningKeys("https://metadata", ms.fetch, clock=lambda: ms.now)
    with pytest.raises(KeysUnavailable):
        asyncio.run(keys.find(KID))
    ms.down = False
    with pytest.raises(KeysUnavailable):
        asyncio.run(keys.find(KID))
    assert ms.calls == 1, "backing off: no second fetch straight away"
    ms.now += FIRST_BACKOFF_SECONDS
    asyncio.run(keys.find(KID))
    ms.down, ms.now = True, ms.now + 2 * 24 * 3600
    assert asyncio.run(keys.find(KID))["kid"] == KID, "an outage keeps the keys we had"


def test_refresh_backs_off_while_microsoft_is_unreachable(bf):
    """Tokens with unknown key ids during an outage: fetches at growing intervals, not per token."""
    ms = FakeMicrosoft(bf.keys)
    keys = SigningKeys("https://metadata", ms.fetch, clock=lambda: ms.now)
    asyncio.run(keys.find(KID))
    ms.down, fetched = True, ms.calls
    attempts = []
    for second in range(0, 1200):  # twenty minutes, one made-up kid a second
        ms.now += 1
        before = ms.calls
        assert asyncio.run(keys.find(f"made-up-{second}")) is None
        if ms.calls != before:
            attempts.append(second)
    gaps = [b - a for a, b in zip(attempts, attempts[1:])]
    assert ms.calls - fetched == len(attempts) <= 10, attempts
    assert gaps == sorted(gaps) and gaps[-1] == MAX_BACKOFF_SECONDS, gaps
    assert asyncio.run(keys.find(KID))["kid"] == KID, "known keys still work throughout"


def test_a_known_key_never_waits_for_a_refresh(bf):
    """One slow fetch (an unknown kid) must not queue requests whose key we have."""

    async def scenario() -> tuple[bool, bool]:
        ms = FakeMicrosoft(bf.keys)
        keys = SigningKeys("https://metadata", ms.fetch, clock=lambda: ms.now)
        await keys.find(KID)
        release = asyncio.Event()
        fetch = ms.fetch

        async def slow(url: str) -> dict:
            await release.wait()
            return await fetch(url)

        keys.fetch_json = slow
        ms.now += MIN_REFRESH_INTERVAL_SECONDS + 1
        refreshing = asyncio.create_task(keys.find("rotated"))
        await asyncio.sleep(0)
        assert keys.lock.locked()
        known = asyncio.create_task(keys.find(KID))
        await asyncio.sleep(0)
        answered_during_refresh = known.done()
        ms.now += 24 * 3600  # even when the keys are a day old: answered from what we have
        stale_known = asyncio.create_task(keys.find(KID))
        await asyncio.sleep(0)
        stale_answered = stale_known.done()
        release.set()
        await refreshing
        return answered_during_refresh, stale_answered

    assert asyncio.run(scenario()) == (True, True)
