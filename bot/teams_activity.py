"""Teams activities in and out, as plain functions: what an incoming activity asks of the bot,
the text to give Rasa, whose conversation it is, and the bot's messages as Teams activities
(Markdown text, buttons as Adaptive Cards whose clicks come back as messages)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from bot.conversation_ids import teams_conversation
from compact.feedback import FEEDBACK, MAX_COMMENT_CHARS
from compact.wording import say

MAX_ACTIONS_PER_CARD = 6
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
AT_TAG = re.compile(r"<at>[^<]{0,200}</at>", re.IGNORECASE)
TAG = re.compile(r"<[^>]{0,500}>")
FEEDBACK_DATA = "compact_feedback"  # a feedback card's data: the vote (bot/feedback.py)
COMMENT_INPUT = "comment"  # its "what was missing?" box


def field(activity: Any, name: str) -> dict[str, Any]:
    """``activity[name]`` when it is an object, else an empty one: Teams sends objects there, and
    anything else must not break the channel."""
    value = activity.get(name) if isinstance(activity, dict) else None
    return value if isinstance(value, dict) else {}


def items(activity: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = activity.get(name)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class Incoming:
    """What an activity asks of the bot: ``kind`` is message, feedback (a vote from an answer's
    card: ``vote`` holds its fields), welcome, edited or ignore."""

    kind: str
    text: str = ""
    vote: dict[str, Any] | None = None


def sender_id(activity: dict[str, Any], secret: bytes) -> str:
    """One Rasa conversation per Teams conversation (1:1 chat, group chat, channel thread) and
    user, keyed with the server's secret (bot/conversation_ids.py): the tracker store holds no
    Teams identifiers, and a colleague who can see them cannot work out the stored id."""
    conversation = field(activity, "conversation").get("id", "")
    sender = field(activity, "from")
    user = sender.get("aadObjectId") or sender.get("id", "")
    return teams_conversation(secret, str(conversation), str(user))


def strip_mentions(text: str, activity: dict[str, Any]) -> str:
    """The text without the bot's @mention (channels and group chats put ``<at>Bot</at>`` in it)."""
    bot_id = field(activity, "recipient").get("id")
    for entity in items(activity, "entities"):
        if (
            entity.get("type") == "mention"
            and field(entity, "mentioned").get("id") == bot_id
            and isinstance(entity.get("text"), str)
        ):
            text = text.replace(entity["text"], " ")
    text = AT_TAG.sub(" ", text) if AT_TAG.match(text.strip()) else text  # a leading mention the entities missed
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def button_payload(value: Any) -> str | None:
    """The Rasa payload a card button carries (``value`` may arrive as JSON text)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    payload = value.get("payload") if isinstance(value, dict) else None
    return payload if isinstance(payload, str) and payload.strip() else None


def vote_in(value: Any) -> dict[str, Any] | None:
    """The fields of a vote sent from a feedback card (:func:`feedback_card`): its data, with the
    typed comment Teams adds beside it."""
    vote = value.get(FEEDBACK_DATA) if isinstance(value, dict) else None
    if not isinstance(vote, dict):
        return None
    return {**vote, "comment": value.get(COMMENT_INPUT)} if value.get(COMMENT_INPUT) else dict(vote)


def interpret(activity: dict[str, Any]) -> Incoming:
    kind = activity.get("type")
    if kind == "message" and (vote := vote_in(activity.get("value"))) is not None:
        return Incoming("feedback", vote=vote)
    if kind == "message":
        payload = button_payload(activity.get("value"))
        if payload:
            return Incoming("message", payload)
        text = activity.get("text")
        return Incoming("message", strip_mentions(text if isinstance(text, str) else "", activity))
    if kind == "conversationUpdate":
        bot_id = field(activity, "recipient").get("id")
        added = [m.get("id") for m in items(activity, "membersAdded")]
        return Incoming("welcome") if bot_id and bot_id in added else Incoming("ignore")
    if kind == "messageUpdate":
        return Incoming("edited")
    return Incoming("ignore")  # reactions, deletes, typing, installation updates, invokes…


def card(text: str, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    """An Adaptive Card: the text (Markdown) and up to six buttons. A click sends a message
    showing the button's title, with the payload in ``value`` (Teams' messageBack)."""
    body = [{"type": "TextBlock", "text": text, "wrap": True}] if text else []
    actions = [
        {
            "type": "Action.Submit",
            "title": b["title"],
            "data": {
                "msteams": {
                    "type": "messageBack",
                    "text": b["title"],
                    "displayText": b["title"],
                    "value": json.dumps({"payload": b["payload"]}),
                }
            },
        }
        for b in buttons[:MAX_ACTIONS_PER_CARD]
    ]
    return adaptive_card(body, actions)


def adaptive_card(body: list[dict[str, Any]], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """An attachment holding an Adaptive Card 1.4 (what Teams renders on desktop and mobile)."""
    return {
        "contentType": ADAPTIVE_CARD,
        "content": {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": body,
            "actions": actions,
        },
    }


def feedback_card(entry: str) -> dict[str, Any]:
    """The card under an answer, "Helpful? Yes / No": Yes sends the vote; No opens an optional "what
    was missing?" box with its own Send. Both come back as a message whose ``value`` holds the vote."""

    def submit(title: str, helpful: bool) -> dict[str, Any]:
        return {"type": "Action.Submit", "title": title, "data": {FEEDBACK_DATA: {"entry": entry, "helpful": helpful}}}

    missing = {
        "type": "AdaptiveCard",
        "body": [
            {
                "type": "Input.Text",
                "id": COMMENT_INPUT,
                "label": say("feedback.missing"),
                "isMultiline": True,
                "maxLength": MAX_COMMENT_CHARS,
            }
        ],
        "actions": [submit(say("feedback.send"), False)],
    }
    question = [{"type": "TextBlock", "text": say("feedback.question"), "wrap": True, "size": "Small"}]
    no = {"type": "Action.ShowCard", "title": say("feedback.no"), "card": missing}
    return adaptive_card(question, [submit(say("feedback.yes"), True), no])


def replies(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bot's messages (as Rasa's collector gathers them) as Teams message activities. Buttons
    beyond six go on further cards; an answer that can be voted on is followed by its feedback
    card. Custom payloads (the widget's download) have no Teams form: their text has already
    been sent as a message of its own."""
    out = []
    for message in messages:
        text = str(message.get("text") or "")
        buttons = [b for b in message.get("buttons") or [] if b.get("title") and b.get("payload")]
        if not buttons and text:
            out.append({"type": "message", "text": text, "textFormat": "markdown"})
        for start in range(0, len(buttons), MAX_ACTIONS_PER_CARD):
            out.append(
                {
                    "type": "message",
                    "attachments": [card(text if start == 0 else "", buttons[start : start + MAX_ACTIONS_PER_CARD])],
                }
            )
        about = message.get(FEEDBACK)
        if text and isinstance(about, dict) and isinstance(about.get("entry"), str):
            out.append({"type": "message", "attachments": [feedback_card(about["entry"])]})
    return out


def addressed(reply: dict[str, Any], activity: dict[str, Any]) -> dict[str, Any]:
    """``reply`` as an answer to ``activity``: same conversation, from the bot, to the user."""
    return {
        **reply,
        "conversation": activity.get("conversation"),
        "from": activity.get("recipient"),
        "recipient": activity.get("from"),
        "replyToId": activity.get("id"),
        "channelId": activity.get("channelId"),
        "serviceUrl": activity.get("serviceUrl"),
    }
