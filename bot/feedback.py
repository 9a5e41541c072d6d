"""Feedback on answers: "Helpful? Yes / No" and, after a No, what was missing (optional).

A vote is kept as an event in the conversation it is about (a ``feedback`` slot event, not
featurised: docs/owners.md), so it expires with the conversation and never runs the dialogue:
it cannot interrupt a triage or change what the assistant says next. Only an answer the
conversation was given can be voted on, and only by that conversation's own channel
credentials (the widget's signed id, the REST channel's key, a verified Teams activity).
The owners' report (``make insights``) counts the latest vote per conversation and entry.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.request_body import Rejected, json_object
from compact.feedback import FEEDBACK, MAX_COMMENT_CHARS, MAX_ENTRY_CHARS, Feedback, squashed

logger = logging.getLogger(__name__)

ANSWERED_SLOTS = ("last_entry", "answered")  # where the conversation keeps what it answered (actions/answering.py)
USAGE = 'send JSON like {"sender": "<conversation>", "entry": "13.2", "helpful": false, "comment": "optional"}'


def feedback_from(data: dict[str, Any]) -> Feedback | Rejected:
    """A vote from a request's fields (the widget's and REST body, a Teams card's data)."""
    entry, helpful, comment = data.get("entry"), data.get("helpful"), data.get("comment")
    if not isinstance(entry, str) or not entry.strip() or len(entry) > MAX_ENTRY_CHARS or not entry.isprintable():
        return Rejected(400, "'entry' must name the answer (the entry it was about, such as \"13.2\")")
    if not isinstance(helpful, bool):
        return Rejected(400, "'helpful' must be true or false")
    if comment is not None and not isinstance(comment, str):
        return Rejected(400, "'comment' must be a string")
    comment = squashed(comment)
    if comment and len(comment) > MAX_COMMENT_CHARS:
        return Rejected(413, f"'comment' is too long (at most {MAX_COMMENT_CHARS} characters)")
    return Feedback(entry.strip(), helpful, comment)


def parse_body(body: bytes | None) -> tuple[str, Feedback] | Rejected:
    """The conversation (as the client names it) and the vote, from an HTTP request body."""
    data = json_object(body, USAGE)
    if isinstance(data, Rejected):
        return data
    sender = data.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        return Rejected(400, "'sender' must be a non-empty string identifying the conversation")
    feedback = feedback_from(data)
    return feedback if isinstance(feedback, Rejected) else (sender.strip(), feedback)


def was_answered(tracker: DialogueStateTracker, entry: str) -> bool:
    """Was this conversation given an answer about ``entry`` that can be voted on (in the session
    loaded, or before it, as the slots it carried over say)?"""
    if any(isinstance(e, BotUttered) and (e.metadata.get(FEEDBACK) or {}).get("entry") == entry for e in tracker.events):
        return True
    last, earlier = (tracker.get_slot(s) for s in ANSWERED_SLOTS)
    return entry == last or entry in (earlier or ())


async def record(agent: Any, conversation: str, feedback: Feedback) -> Rejected | None:
    """Add the vote to the conversation, under its lock (as a turn is handled), so it is never
    lost to a turn saved at the same moment; a reason to refuse it otherwise."""
    async with agent.lock_store.lock(conversation):
        tracker = await agent.tracker_store.retrieve(conversation)
        if tracker is None or not was_answered(tracker, feedback.entry):
            return Rejected(404, f"this conversation has no answer about {feedback.entry!r} to give feedback on")
        tracker.update(SlotSet(FEEDBACK, feedback.value()))
        await agent.tracker_store.save(tracker)
    logger.info("feedback recorded entry=%s helpful=%s comment=%s", feedback.entry, feedback.helpful, bool(feedback.comment))
    return None
