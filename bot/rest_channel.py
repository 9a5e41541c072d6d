"""Rasa's REST channel (same URL: POST /webhooks/rest/webhook), made safe for the public.

- Malformed requests get a 4xx with a reason instead of Rasa's 500 (empty body, invalid JSON,
  a JSON array, wrong types, a missing sender, an oversized message): :func:`parse_body`.
- A conversation sending faster than a person can (bot/rate_limit.py) gets 429 and ``Retry-After``.
- When the action server fails during the turn (down, slow, broken: bot/action_failures.py), the
  turn is abandoned (nothing of it is stored) and the user gets an apology and a way forward
  with 503 and ``Retry-After``. The apology lives here, not in the domain, because it is sent
  when the dialogue cannot run.
- Nothing here logs message text.
"""
from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import action_failures, expiry, rasa_speedups
from bot.action_failures import ActionServerUnavailable
from bot.rate_limit import from_environment

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
APOLOGY = ("Sorry, something went wrong on our side and I can't answer just now. Your message "
           "wasn't lost: please send it again in a minute. If it keeps happening, your council's "
           "voluntary sector team can help with questions about the Compact.")
RETRY_AFTER_SECONDS = 30
LIMITER = from_environment()  # one per server process, shared by the REST and widget channels
rasa_speedups.install()  # every channel of ours imports this module
action_failures.install()


@dataclass(frozen=True)
class Incoming:
    sender: str
    text: str


@dataclass(frozen=True)
class Rejected:
    status: int
    reason: str


USAGE = 'send JSON like {"sender": "a-conversation-id", "message": "your question"}'


def json_object(body: bytes | None, usage: str = USAGE) -> dict[str, Any] | Rejected:
    """A request body that must be one JSON object of a sane size (REST, widget and Teams)."""
    if not body or not body.strip():
        return Rejected(400, f"empty request body: {usage}")
    if len(body) > MAX_BODY_BYTES:
        return Rejected(413, f"request body too large (at most {MAX_BODY_BYTES} bytes)")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return Rejected(400, "request body is not UTF-8 text")
    except json.JSONDecodeError:
        return Rejected(400, f"request body is not valid JSON: {usage}")
    if not isinstance(data, dict):
        return Rejected(400, f"expected a JSON object, got {type(data).__name__}: {usage}")
    return data


def parse_body(body: bytes | None) -> Incoming | Rejected:
    """Check a REST request body; say precisely what is wrong with a bad one."""
    data = json_object(body)
    if isinstance(data, Rejected):
        return data
    sender, message = data.get("sender"), data.get("message")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        return Rejected(400, "'sender' must be a non-empty string identifying the conversation")
    if len(sender) > MAX_SENDER_CHARS:
        return Rejected(400, f"'sender' is too long (at most {MAX_SENDER_CHARS} characters)")
    if not isinstance(message, str):
        return Rejected(400, "'message' must be a string")
    if len(message) > MAX_MESSAGE_CHARS:
        return Rejected(413, f"'message' is too long (at most {MAX_MESSAGE_CHARS} characters)")
    return Incoming(sender.strip(), CONTROL.sub(" ", message).strip())


class WholeMessageCollector(CollectingOutputChannel):
    """Keeps each bot message whole. Rasa's collector splits text at blank lines into separate
    messages, which scatters a summary or a ready-to-send letter across many bubbles."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=text.strip()))


async def answer(request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]], channel: str) -> HTTPResponse:
    """Check the request, make sure the dialogue can run, and answer with the bot's messages.
    Shared by the REST channel and the website widget's channel."""
    incoming = parse_body(request.body)
    if isinstance(incoming, Rejected):
        return response.json({"error": incoming.reason}, status=incoming.status)
    wait = LIMITER.wait(f"{channel}:{incoming.sender}")
    if wait:
        logger.warning("rate limit: %s conversation sending too fast", channel)
        return response.json({"error": f"too many messages from this conversation: wait {math.ceil(wait)} s and send again"},
                             status=429, headers={"Retry-After": str(math.ceil(wait))})
    collector = WholeMessageCollector()
    try:
        await on_new_message(UserMessage(incoming.text, collector, incoming.sender, input_channel=channel))
    except ActionServerUnavailable as e:
        logger.error("action server failed (%s); %s turn abandoned, apology sent", e, channel)
        return response.json([{"recipient_id": incoming.sender, "text": APOLOGY}], status=503,
                             headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return response.json(collector.messages)


class CompactRestInput(RestInput):
    """Registered in bot/credentials.yml in place of the stock ``rest`` channel."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("compact_rest_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await answer(request, on_new_message, self.name())

        bp.listener("after_server_start")(rasa_speedups.freeze_startup_objects)
        bp.listener("after_server_start")(expiry.start)

        return bp
