"""Actions that answer Compact questions, show a chosen entry, and give contacts.

Each answering action sets the ``answer_kind`` slot; the rules in ``data/rules.yml`` follow an
``out_of_scope`` or ``not_found`` answer with the domain's response. They log decisions (kind
and ids), never what the user typed.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from compact.assistant import Assistant, shared
from compact.language import looks_english
from compact.replies import Reply
from compact.settings import resolve
from compact.triage import is_control

logger = logging.getLogger(__name__)
ANSWER_KIND = "answer_kind"
LEGAL_INTENT = "legal_advice"

# Build the knowledge index when the action server starts: a broken knowledge file stops the
# server with a message naming the file, entry and field, and the first user does not wait.
shared()


def latest(tracker: Tracker) -> tuple[str, str | None, float]:
    """The latest user message: its text, intent name and the intent's confidence."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return str(message.get("text") or ""), intent.get("name"), float(intent.get("confidence") or 0.0)


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=[{"title": b.title, "payload": b.payload} for b in reply.buttons])


class _UsesAssistant:
    """Shared by the actions (a mixin: rasa-sdk registers every Action subclass by name)."""

    def __init__(self, assistant: Assistant | None = None) -> None:
        self._assistant = assistant  # tests inject one; otherwise the shared one built at import

    @property
    def assistant(self) -> Assistant:
        return self._assistant or shared()

    def answer_question(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        text, intent, confidence = latest(tracker)
        if text.startswith("/"):  # a button payload with nothing to answer (a stale click)
            logger.info("answer decision=stale_payload")
            return [SlotSet(ANSWER_KIND, "not_found")]
        if is_control(intent, text):  # "stop" with no triage running
            return [SlotSet(ANSWER_KIND, "control")]
        if not looks_english(text):  # answered in English only: say so rather than guess
            logger.info("answer decision=other_language")
            return [SlotSet(ANSWER_KIND, "other_language")]
        legal = intent == LEGAL_INTENT
        # A legal question is off-topic for the Compact unless a commitment fits it as clearly as an
        # off-topic-looking question needs to ("can we include overheads in the bid?").
        decision = self.assistant.decide(text, "out_of_scope" if legal else intent, confidence)
        logger.info("answer decision=%s entries=%s", decision.kind, [m.entry_id for m in decision.matches])
        if legal and not (decision.kind == "answer" and decision.matches[0].kind == "commitment"):
            return [SlotSet(ANSWER_KIND, "legal")]  # "can we sue?": the rules say it is not legal advice
        reply = self.assistant.answer_for(decision)
        if reply is None:
            return [SlotSet(ANSWER_KIND, "out_of_scope")]
        send(dispatcher, reply)
        return [SlotSet(ANSWER_KIND, "answered")]


class ActionAnswerQuestion(_UsesAssistant, Action):
    """Run the matcher on the user's question and reply as the routing decision says."""

    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return self.answer_question(dispatcher, tracker)


class ActionShowEntry(_UsesAssistant, Action):
    """Show the commitment, principle or topic named by the ``entry_id`` entity (buttons, "show 13.2")."""

    def name(self) -> str:
        return "action_show_entry"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        entry_id = next(tracker.get_latest_entity_values("entry_id"), None)
        if entry_id is None:  # classified as "show" but no id in it: treat it as a question
            return self.answer_question(dispatcher, tracker)
        reply = self.assistant.show(str(entry_id))
        if reply is None:
            logger.info("show_entry unknown id")
            return [SlotSet(ANSWER_KIND, "not_found")]
        send(dispatcher, reply)
        return [SlotSet(ANSWER_KIND, "answered")]


class ActionContacts(_UsesAssistant, Action):
    """Who to talk to: the configured contacts, or what the draft says while they are to be added."""

    def name(self) -> str:
        return "action_contacts"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        contacts = self.assistant.show("contacts")
        lines = ["I'm an automated assistant, so I can't pass you to a person myself.", ""]
        lines += [contacts.text if contacts else "", "", resolve(self.assistant.knowledge, "critical_friend", self.assistant.settings)]
        send(dispatcher, Reply("\n".join(lines)))
        return []
