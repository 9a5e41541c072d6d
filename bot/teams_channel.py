"""Microsoft Teams channel: ``POST /webhooks/teams/webhook`` (the bot's messaging endpoint).

Every request is authenticated (bot/teams_auth.py) before anything else happens: anything that
fails gets 401 and never reaches the bot. Then, by activity type (bot/teams_activity.py): a
message goes to Rasa, with a typing indicator first; the bot being added sends the welcome;
an edit gets a polite note; reactions and other events are acknowledged and ignored. Replies
are posted to the Bot Framework connector (bot/teams_connector.py).

Configuration comes from environment variables (``TEAMS_APP_ID``, ``TEAMS_APP_PASSWORD``, …,
see docs/teams.md) or this channel's entry in bot/credentials.yml; secrets belong in the
environment. Without an app id and password the endpoint answers 503 and the rest of the
assistant runs as usual.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import feedback, limits
from bot.conversation_ids import server_secret
from bot.request_body import Rejected, json_object
from bot.rest_channel import CONTROL, MAX_MESSAGE_CHARS, TURN_ABANDONED, WholeMessageCollector, abandoned_because
from bot.teams_activity import addressed, field, interpret, replies, sender_id
from bot.teams_auth import AuthError, AuthSettings, KeysUnavailable, SigningKeys, bearer_token, check_token, unverified_kid
from bot.teams_connector import Connector, ConnectorSettings
from compact.settings import Settings
from compact.settings import settings as configured  # the name `settings` is this channel's TeamsSettings
from compact.wording import say

logger = logging.getLogger(__name__)

WELCOME_PAYLOAD = "/greet"


@dataclass(frozen=True)
class TeamsSettings:
    auth: AuthSettings
    connector: ConnectorSettings
    openid_metadata_url: str


def settings_from(credentials: dict[str, Any] | None, config: Settings) -> TeamsSettings | None:
    """The ``TEAMS_*`` settings (compact/settings.py, which holds the defaults), a value set in
    the environment winning over this channel's entry in credentials.yml; None when the bot has no
    app id or password (Teams is then off)."""
    conf = credentials or {}

    def get(name: str) -> str:
        field = f"teams_{name}"
        chosen = getattr(config, field) if field in config.__fields_set__ or not conf.get(name) else conf[name]
        return str(chosen).strip()

    app_id, password = get("app_id"), get("app_password")
    if not app_id or not password:
        return None
    token_url = get("token_url") or f"https://login.microsoftonline.com/{get('tenant_id')}/oauth2/v2.0/token"
    channels = frozenset(get("allowed_channels").replace(",", " ").split())
    return TeamsSettings(
        AuthSettings(app_id, get("issuer"), channels),
        ConnectorSettings(app_id, password, token_url, get("scope")),
        get("openid_metadata_url"),
    )


class TeamsInput(InputChannel):
    """Registered in bot/credentials.yml as ``bot.teams_channel.TeamsInput``."""

    def __init__(self, settings: TeamsSettings | None, secret: bytes | None = None) -> None:
        self.settings = settings
        self.secret = secret or server_secret()
        self.connector = Connector(settings.connector) if settings else None
        self.keys = SigningKeys(settings.openid_metadata_url, self.connector.get_json) if settings and self.connector else None

    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        settings = settings_from(credentials, configured())
        if settings is None:
            logger.info("teams channel off: TEAMS_APP_ID and TEAMS_APP_PASSWORD are not set")
        return cls(settings)

    async def authenticate(self, request: Request, activity: dict[str, Any]) -> None:
        assert self.settings and self.keys
        token = bearer_token(request.headers.get("authorization"))
        key = await self.keys.find(unverified_kid(token))
        check_token(token, key, activity, self.settings.auth)

    async def say(self, activity: dict[str, Any], reply: dict[str, Any]) -> bool:
        assert self.connector
        conversation = str(field(activity, "conversation").get("id", ""))
        return await self.connector.send(activity["serviceUrl"], conversation, addressed(reply, activity))

    async def run(self, activity: dict[str, Any], text: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        conversation = sender_id(activity, self.secret)
        if limits.shared().conversation.wait(conversation):
            logger.warning("rate limit: teams conversation sending too fast; message not answered")
            return
        await self.say(activity, {"type": "typing"})
        collector = WholeMessageCollector()
        try:
            await on_new_message(UserMessage(text, collector, conversation, input_channel=self.name()))
        except TURN_ABANDONED as e:
            logger.error("%s; teams turn abandoned, apology sent", abandoned_because(e))
            await self.say(activity, {"type": "message", "text": say("channel.apology")})
            return
        for reply in replies(collector.messages):
            await self.say(activity, reply)

    async def vote(self, activity: dict[str, Any], fields: dict[str, Any], agent: Any) -> None:
        """Keep a vote from an answer's feedback card (bot/feedback.py) and thank the user, or say it
        could not be kept."""
        conversation = sender_id(activity, self.secret)
        if limits.shared().conversation.wait(conversation):
            logger.warning("rate limit: teams conversation sending too fast; feedback not kept")
            return
        vote = feedback.feedback_from(fields)
        try:
            refused = vote if isinstance(vote, Rejected) else await feedback.record(agent, conversation, vote)
        except TURN_ABANDONED as e:
            logger.error("%s; teams feedback not recorded", abandoned_because(e))
            refused = Rejected(503, "store unavailable")
        if refused:
            logger.info("teams feedback refused: %s", refused.status)
        await self.say(activity, {"type": "message", "text": say("feedback.failed" if refused else "feedback.thanks")})

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("compact_teams_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.settings is not None})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.settings is None:
                return response.json(
                    {"error": "Teams is not configured on this server (TEAMS_APP_ID, TEAMS_APP_PASSWORD)"}, status=503
                )
            if not request.headers.get("authorization"):
                return response.json({"error": "not authenticated"}, status=401)
            activity = parse_activity(request.body)
            if activity is None:
                return response.json({"error": "expected a Bot Framework activity as a JSON object"}, status=400)
            try:
                await self.authenticate(request, activity)
            except AuthError as error:
                logger.warning("teams request rejected: %s", error)
                return response.json({"error": "not authenticated"}, status=401)
            except KeysUnavailable:
                return response.json({"error": "cannot check the request just now"}, status=503, headers={"Retry-After": "30"})
            incoming = interpret(activity)
            logger.info("teams activity type=%s kind=%s", activity.get("type"), incoming.kind)
            if incoming.kind == "message":
                text = CONTROL.sub(" ", incoming.text).strip()
                if not text:
                    await self.say(activity, {"type": "message", "text": say("channel.teams_empty")})
                elif len(text) > MAX_MESSAGE_CHARS:
                    await self.say(
                        activity, {"type": "message", "text": say("channel.too_long", max_characters=MAX_MESSAGE_CHARS)}
                    )
                else:
                    await self.run(activity, text, on_new_message)
            elif incoming.kind == "feedback" and incoming.vote is not None:
                await self.vote(activity, incoming.vote, request.app.ctx.agent)
            elif incoming.kind == "welcome":
                await self.run(activity, WELCOME_PAYLOAD, on_new_message)
            elif incoming.kind == "edited":
                await self.say(activity, {"type": "message", "text": say("channel.teams_edited")})
            return response.json({}, status=200)

        @bp.listener("after_server_stop")
        async def close(*_: Any) -> None:
            if self.connector:
                await self.connector.close()

        return bp


def parse_activity(body: bytes | None) -> dict[str, Any] | None:
    """The activity in a request body, or None when it is not one JSON object of a sane size
    with a ``serviceUrl`` (the same body checks as the REST channel)."""
    activity = json_object(body, usage="expected a Bot Framework activity")
    return activity if isinstance(activity, dict) and isinstance(activity.get("serviceUrl"), str) else None
