"""Sending replies to Teams: a token from the token service (client credentials, cached until
near expiry), then ``POST {serviceUrl}/v3/conversations/{id}/activities`` with async HTTP,
timeouts, a retry on 429/5xx (honouring ``Retry-After``, briefly) and one token refresh on 401.
Failures are logged with the status, never the message text, and reported to the caller."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp

logger = logging.getLogger(__name__)

TOKEN_MARGIN_SECONDS = 300
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_ATTEMPTS = 3
MAX_RETRY_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class ConnectorSettings:
    app_id: str
    app_password: str
    token_url: str = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    scope: str = "https://api.botframework.com/.default"
    timeout_seconds: float = 10.0


def retry_wait(attempt: int, retry_after: str | None) -> float:
    """Seconds to wait before attempt ``attempt + 1``: the server's Retry-After when it gives
    seconds, else 0.5 s, 1 s, …; never more than a few seconds (the user is waiting)."""
    try:
        wanted = float(retry_after) if retry_after else 0.5 * 2**attempt
    except ValueError:
        wanted = 0.5 * 2**attempt
    return max(0.0, min(wanted, MAX_RETRY_WAIT_SECONDS))


def activities_url(service_url: str, conversation_id: str) -> str:
    return f"{service_url.rstrip('/')}/v3/conversations/{quote(conversation_id, safe='')}/activities"


class Connector:
    def __init__(self, settings: ConnectorSettings, clock=time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.session: aiohttp.ClientSession | None = None
        self.cached: tuple[str, float] | None = None  # (token, usable until)
        self.lock = asyncio.Lock()

    def http(self) -> aiohttp.ClientSession:
        if self.session is None or self.session.closed:
            self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.settings.timeout_seconds))
        return self.session

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    async def get_json(self, url: str) -> Any:
        async with self.http().get(url) as r:
            r.raise_for_status()
            return await r.json(content_type=None)

    async def token(self) -> str:
        async with self.lock:
            if self.cached and self.clock() < self.cached[1]:
                return self.cached[0]
            form = {
                "grant_type": "client_credentials",
                "client_id": self.settings.app_id,
                "client_secret": self.settings.app_password,
                "scope": self.settings.scope,
            }
            async with self.http().post(self.settings.token_url, data=form) as r:
                if r.status != 200:
                    raise ConnectionError(f"token service answered {r.status}")
                body = await r.json(content_type=None)
            lifetime = float(body.get("expires_in", 3600))
            self.cached = (body["access_token"], self.clock() + max(lifetime - TOKEN_MARGIN_SECONDS, lifetime / 2))
            return self.cached[0]

    async def send(self, service_url: str, conversation_id: str, activity: dict[str, Any]) -> bool:
        """Post one activity; True when the connector accepted it."""
        url = activities_url(service_url, conversation_id)
        status: int | str = "no attempt"
        refreshed = False
        for attempt in range(MAX_ATTEMPTS + 1):
            try:
                token = await self.token()
                async with self.http().post(url, json=activity, headers={"Authorization": f"Bearer {token}"}) as r:
                    status = r.status
                    if status < 300:
                        return True
                    retry_after = r.headers.get("Retry-After")
            except (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError, KeyError, ValueError) as error:
                status, retry_after = f"{type(error).__name__}: {error}", None
            if status == 401 and not refreshed:
                self.cached, refreshed = None, True
                continue
            if attempt < MAX_ATTEMPTS and (status in RETRY_STATUSES or isinstance(status, str)):
                await asyncio.sleep(retry_wait(attempt, retry_after))
                continue
            break
        logger.error("teams reply not delivered: type=%s status=%s", activity.get("type"), status)
        return False
