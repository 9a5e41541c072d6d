"""The owners' insights report, served by the assistant: ``GET /insights/`` (docs/owners.md).

Off unless ``COMPACT_INSIGHTS_TOKEN`` is set (compact/settings.py): then only a request carrying
``Authorization: Bearer <that token>`` gets the report (compared in constant time); any other
gets 403, and with no token set every request gets 404, as if the route did not exist. The page
is the one ``make insights`` writes (compact/insights/), built on request in a thread, one build
at a time, so the server keeps answering conversations meanwhile; it only reads (the daily
rollup is bot/expiry.py's and ``make insights``' job). It is never cached (``no-store``) and
runs no script (its Content Security Policy allows its inline styles and nothing else).
Optional ``?days=N`` (default 90; 0: every day there are figures for).

A Rasa custom input channel only for its route (it never passes a message to the assistant);
registered in bot/credentials.yml as ``bot.insights_channel.InsightsInput``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any, Awaitable, Callable, Mapping

import sqlalchemy as sa
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.expiry import sql_engine
from compact.settings import settings

logger = logging.getLogger(__name__)

TOKEN_ENV = "COMPACT_INSIGHTS_TOKEN"
MAX_DAYS = 3660
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
PRIVATE = {"Cache-Control": "no-store, max-age=0", "Pragma": "no-cache", "Vary": "Authorization", "X-Robots-Tag": "noindex"}
PAGE = {**PRIVATE, "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

Build = Callable[[sa.engine.Engine, int], str]


def authorized(header: str | None, token: str) -> bool:
    """Does an ``Authorization`` header carry the token (``Bearer <token>``, compared in constant time)?"""
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def requested_days(args: Mapping[str, Any]) -> int | None:
    """The ``days`` query parameter (default 90), or None when it is not a whole number from 0 to MAX_DAYS."""
    raw = args.get("days")
    value = raw[0] if isinstance(raw, list) and raw else raw
    if value in (None, ""):
        return 90
    try:
        days = int(str(value))
    except ValueError:
        return None
    return days if 0 <= days <= MAX_DAYS else None


def build_report(engine: sa.engine.Engine, days: int) -> str:
    """The report, read-only, with the matcher (loaded on first use in this process: a few seconds)."""
    from compact.insights.report import build
    from compact.insights.suggest import MatcherSuggester
    from compact.knowledge import cached

    return build(engine, days=days, roll=False, suggester=MatcherSuggester(), knowledge=cached(), keep_days=settings().keep_days)


class InsightsInput(InputChannel):
    """Registered in bot/credentials.yml as ``bot.insights_channel.InsightsInput`` (no settings there:
    the token is ``COMPACT_INSIGHTS_TOKEN``, never in that file)."""

    def __init__(self, token: str | None = None, build: Build = build_report) -> None:
        self.token = token
        self.build = build
        self._building: asyncio.Lock | None = None  # made on the server's loop

    @classmethod
    def name(cls) -> str:
        return "insights"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(settings().insights_token)

    def url_prefix(self) -> str:
        return "/insights"  # absolute: Rasa's urljoin("/webhooks/", …) mounts it at /insights

    async def respond(self, authorization: str | None, args: Mapping[str, Any], engine: sa.engine.Engine | None) -> HTTPResponse:
        if not self.token:
            return response.text("Not Found", status=404, headers=PRIVATE)
        if not authorized(authorization, self.token):
            return response.json(
                {"error": f"the insights report needs its token: Authorization: Bearer <{TOKEN_ENV}>"},
                status=403,
                headers=PRIVATE,
            )
        days = requested_days(args)
        if days is None:
            return response.json({"error": f"'days' must be a whole number from 0 to {MAX_DAYS}"}, status=400, headers=PRIVATE)
        if engine is None:
            return response.json(
                {"error": "the insights report reads an SQL tracker store, and this one is not"}, status=503, headers=PRIVATE
            )
        self._building = self._building or asyncio.Lock()
        async with self._building:  # one build at a time: each reads the whole store
            try:
                html = await asyncio.to_thread(self.build, engine, days)
            except Exception as error:  # any: the log names its kind, never data
                logger.error("insights report failed: %s", type(error).__name__)
                retry = {**PRIVATE, "Retry-After": "60"}
                return response.json({"error": "the report could not be made just now: try later"}, status=503, headers=retry)
        logger.info("insights report served (%d days)", days)
        return response.html(html, headers=PAGE)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("compact_insights", __name__)

        @bp.route("/", methods=["GET"], strict_slashes=True)
        async def report(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            engine = sql_engine(getattr(agent, "tracker_store", None)) if self.token else None
            return await self.respond(request.headers.get("authorization"), request.args, engine)

        @bp.route("", methods=["GET"])
        async def without_slash(request: Request) -> HTTPResponse:
            if not self.token:
                return response.text("Not Found", status=404, headers=PRIVATE)
            return response.redirect("/insights/", status=308, headers=PRIVATE)

        return bp
