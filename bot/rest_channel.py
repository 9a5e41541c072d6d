"""Rasa's REST channel (same URL: POST /webhooks/rest/webhook), made safe for the public.

- Malformed requests get a 4xx with a reason instead of Rasa's 500 (empty body, invalid JSON,
  a JSON array, nesting too deep, strings that are not well-formed Unicode, wrong types, a
  missing sender, an oversized message): :func:`parse_body` and bot/request_body.py; bodies
  over 64 KB are refused before they are read (bot/platform/server_limits.py).
- A conversation sending faster than a person can (bot/limits.py) gets 429 and ``Retry-After``.
  There is no per-address limit here: on loopback the clients are local tools, beyond it they
  hold the API key (an integration may carry many people's conversations from one address).
- Conversation ids are the client's own here (the channel is for integrations), but never in
  the widget's or Teams' namespace (bot/conversation_ids.py); beyond loopback every request needs
  the API key (bot/rest_access.py) and the server does not start without one.
- When the action server fails during the turn (down, slow, broken: bot/platform/action_failures.py), or
  the tracker or lock store does (bot/tracker_store.py), the turn is abandoned (nothing of it
  is stored), the server keeps running, and the user gets an apology and a way forward with 503
  and ``Retry-After``. The apology lives here, not in the domain, because it is sent
  when the dialogue cannot run.
- ``POST /webhooks/rest/feedback`` (same key) keeps a vote on an answer: ``{"sender": "…",
  "entry": "13.2", "helpful": false, "comment": "optional"}`` (bot/feedback.py).
- Nothing here logs message text.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.lock_store import LockError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import feedback, limits, rest_access
from bot.platform.action_failures import ActionServerUnavailable
from bot.conversation_ids import RESERVED_PREFIXES, rest_sender_allowed
from bot.request_body import Rejected, json_object
from bot.tracker_store import ConversationStoreUnavailable
from compact.feedback import FEEDBACK
from compact.settings import settings
from compact.wording import say

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class Incoming:
    sender: str
    text: str


USAGE = 'send JSON like {"sender": "a-conversation-id", "message": "your question"}'


def parse_body(body: bytes | None) -> Incoming | Rejected:
    """Check a REST request body; say precisely what is wrong with a bad one."""
    data = json_object(body, USAGE)
    if isinstance(data, Rejected):
        return data
    sender, message = data.get("sender"), data.get("message")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        return Rejected(400, "'sender' must be a non-empty string identifying the conversation")
    if len(sender) > MAX_SENDER_CHARS:
        return Rejected(400, f"'sender' is too long (at most {MAX_SENDER_CHARS} characters)")
    if re.search(r"[\x00-\x1f\x7f]", sender):
        return Rejected(400, "'sender' must not contain control characters")
    if not isinstance(message, str):
        return Rejected(400, "'message' must be a string")
    if len(message) > MAX_MESSAGE_CHARS:
        return Rejected(413, f"'message' is too long (at most {MAX_MESSAGE_CHARS} characters)")
    return Incoming(sender.strip(), CONTROL.sub(" ", message).strip())


class WholeMessageCollector(CollectingOutputChannel):
    """Keeps each bot message whole. Rasa's collector splits text at blank lines into separate
    messages, which scatters a summary or a ready-to-send letter across many bubbles. An answer
    that can be voted on keeps its ``feedback`` (``{"entry": "13.2"}``: actions/answering.py)."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._persist_message(self.with_feedback(self._message(recipient_id, text=text.strip()), kwargs))

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any) -> None:
        await self._persist_message(self.with_feedback(self._message(recipient_id, text=text, buttons=buttons), kwargs))

    @staticmethod
    def with_feedback(message: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        about = kwargs.get(FEEDBACK)
        return {**message, FEEDBACK: about} if isinstance(about, dict) else message


# A turn that cannot finish: nothing of it is stored, and the user is asked to send it again.
TURN_ABANDONED = (ActionServerUnavailable, ConversationStoreUnavailable, LockError)


def abandoned_because(error: BaseException) -> str:
    """The log line's reason (no message text: the errors' own wording is kept out of them)."""
    if isinstance(error, ActionServerUnavailable):
        return f"action server failed ({error})"
    if isinstance(error, ConversationStoreUnavailable):
        return f"conversation store failed ({error})"
    return "conversation lock failed (LockError)"


def too_many(what: str, wait: float) -> HTTPResponse:
    seconds = max(1, math.ceil(wait))
    return response.json(
        {"error": f"too many {what}: wait {seconds} s and try again"}, status=429, headers={"Retry-After": str(seconds)}
    )


Identify = Callable[[str], "str | Rejected"]


async def answer(
    request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]], channel: str, identify: Identify
) -> HTTPResponse:
    """Check the request, make sure the dialogue can run, and answer with the bot's messages.
    Shared by the REST channel and the website widget's channel; ``identify`` turns the body's
    ``sender`` into the stored conversation id, or refuses it."""
    incoming = parse_body(request.body)
    if isinstance(incoming, Rejected):
        return response.json({"error": incoming.reason}, status=incoming.status)
    conversation = identify(incoming.sender)
    if isinstance(conversation, Rejected):
        return response.json({"error": conversation.reason}, status=conversation.status)
    wait = limits.shared().conversation.wait(conversation)
    if wait:
        logger.warning("rate limit: %s conversation sending too fast", channel)
        return too_many("messages from this conversation", wait)
    collector = WholeMessageCollector()
    try:
        await on_new_message(UserMessage(incoming.text, collector, conversation, input_channel=channel))
    except TURN_ABANDONED as e:
        logger.error("%s; %s turn abandoned, apology sent", abandoned_because(e), channel)
        return response.json(
            [{"recipient_id": conversation, "text": say("channel.apology")}],
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return response.json(collector.messages)


async def answer_feedback(request: Request, identify: Identify) -> HTTPResponse:
    """The HTTP shell shared by the REST channel and the widget: check the body, find the
    conversation (``identify``, as for messages), keep the vote; 200, or a 4xx saying why, or
    503 when the conversation store cannot be reached (nothing is kept; the client may resend)."""
    parsed = feedback.parse_body(request.body)
    if isinstance(parsed, Rejected):
        return response.json({"error": parsed.reason}, status=parsed.status)
    sender, vote = parsed
    conversation = identify(sender)
    if isinstance(conversation, Rejected):
        return response.json({"error": conversation.reason}, status=conversation.status)
    wait = limits.shared().conversation.wait(conversation)
    if wait:
        return too_many("messages from this conversation", wait)
    try:
        refused = await feedback.record(request.app.ctx.agent, conversation, vote)
    except TURN_ABANDONED as e:
        logger.error("%s; feedback not recorded", abandoned_because(e))
        retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return response.json({"error": "feedback could not be kept just now: try again"}, status=503, headers=retry)
    if refused:
        return response.json({"error": refused.reason}, status=refused.status)
    return response.json({"recorded": True})


def rest_conversation(sender: str) -> str | Rejected:
    if not rest_sender_allowed(sender):
        reserved = " or ".join(f"'{prefix}'" for prefix in RESERVED_PREFIXES)
        return Rejected(400, f"'sender' must not start with {reserved} (those conversations belong to other channels)")
    return sender


class CompactRestInput(RestInput):
    """Registered in bot/credentials.yml in place of the stock ``rest`` channel."""

    api_key: str | None = None  # set at server start, when the listening address is known

    @classmethod
    def name(cls) -> str:
        return "rest"

    def unauthorized(self, request: Request) -> HTTPResponse | None:
        proxied = "x-forwarded-for" in request.headers or "forwarded" in request.headers
        if rest_access.authorized(request.headers.get("authorization"), self.api_key, proxied):
            return None
        return response.json(
            {
                "error": "the REST channel is for integrations: send its API key as "
                f"Authorization: Bearer <key> (the operator sets {rest_access.API_KEY_ENV})"
            },
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("compact_rest_webhook", __name__)

        @bp.listener("before_server_start")
        async def require_key_beyond_loopback(app: Any, *_: Any) -> None:
            try:
                self.api_key = rest_access.required_key(app.state.host, settings().rest_api_key)
            except ValueError as error:
                logger.critical("not starting: %s", error)
                raise SystemExit(f"not starting: {error}") from None

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return self.unauthorized(request) or await answer(request, on_new_message, self.name(), rest_conversation)

        @bp.route("/feedback", methods=["POST"])
        async def vote(request: Request) -> HTTPResponse:
            return self.unauthorized(request) or await answer_feedback(request, rest_conversation)

        return bp
