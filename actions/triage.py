"""The breach triage in Rasa: the form's validation, its questions, and start/back/stop/summary.

Thin shells over ``compact.triage`` (the step machine) and ``compact.triage_replies`` (the
wording). The form asks one question at a time; a reply that answers it fills its slot. A
control word ("stop", "back", "start again") or a side question is left unanswered by the
form, so the rules in ``data/rules.yml`` handle it and the form then asks again. Logs carry
slot names and step values, never what the user typed.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answering import _UsesAssistant, latest, send
from compact.triage import COMMITMENT, DESCRIPTION, MAX_DESCRIPTION, SIDE, SLOTS, answered_slots, is_control
from compact.triage_replies import STOPPED, TRIAGE_ANSWER

logger = logging.getLogger(__name__)
FORM = "triage_form"
REQUESTED = "requested_slot"
ASIDE_INTENTS = ("ask_compact", "out_of_scope", "nlu_fallback", "bot_challenge", "capabilities", "human_handoff",
                 "legal_advice")  # the intents data/rules.yml answers in the middle of the triage
NOT_RESUMING = (None, "user", "action_triage_start", "action_triage_back")


def before_form(tracker: Tracker) -> str | None:
    """What led to this form run: "user" for a new message, else the action that ran before it.

    Rasa calls the form's validation and question actions with a tracker ending in the form's
    own ``triage_form`` event (plus slot events); look past that.
    """
    skipped_form = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return "user"
        if kind == "action":
            name = event.get("name")
            if name == FORM and not skipped_form:
                skipped_form = True
            elif name not in ("action_listen", "action_extract_slots"):
                return name
    return None


def reasked(tracker: Tracker, slot: str) -> bool:
    """Did validation just refuse an answer to ``slot`` (so the question is asked again, briefly)?"""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == slot and event.get("value") is None:
            return True
    return False


def cleared(tracker: Tracker, names: list[str]) -> list[EventType]:
    """Empty those of ``names`` that hold a value. Emptying an empty slot changes nothing but
    adds an event that Rasa stores, sends to this server and replays on every later turn."""
    return [SlotSet(name, None) for name in names if tracker.get_slot(name) is not None]


class _UsesTriage(_UsesAssistant):
    def slots(self, tracker: Tracker) -> dict[str, str | None]:
        return answered_slots(tracker.slots)


class ValidateTriageForm(_UsesTriage, FormValidationAction):
    """Reads each reply with the step machine and decides which question comes next."""

    def name(self) -> str:
        return "validate_triage_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        return self.assistant.triage.required_slots(self.slots(tracker))

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> list[EventType]:
        """Fill the requested slot from a new message, unless it is a control word or a side question."""
        slot = tracker.get_slot(REQUESTED)
        if slot not in SLOTS or before_form(tracker) != "user":
            return []
        text, intent, _ = latest(tracker)
        clicked_entry = intent == "show_entry" and text.startswith("/")  # an earlier answer's button
        if is_control(intent, text) or clicked_entry:
            return []
        raw = next(tracker.get_latest_entity_values("triage_value"), None) if intent == TRIAGE_ANSWER else None
        raw = raw or text
        if intent in ASIDE_INTENTS and self.assistant.triage.interpret(slot, raw, self.slots(tracker), date.today()).aside:
            logger.info("triage aside at %s", slot)
            return []
        return [SlotSet(slot, raw)]

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        slots = self.slots(tracker)
        answer = self.assistant.triage.interpret(slot, str(value), slots, date.today())
        if answer.value is not None:
            logger.info("triage %s filled", slot)
            return {slot: answer.value}
        if answer.more:
            return {slot: None, DESCRIPTION: f"{slots[DESCRIPTION]} {answer.more}"[:MAX_DESCRIPTION]}
        logger.info("triage %s asked again", slot)
        if answer.problem:
            dispatcher.utter_message(text=answer.problem)
        return {slot: None}

    def validate_triage_description(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_description", value, dispatcher, tracker)

    def validate_triage_side(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_side", value, dispatcher, tracker)

    def validate_triage_commitment(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_commitment", value, dispatcher, tracker)

    def validate_triage_start(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_start", value, dispatcher, tracker)

    def validate_triage_end(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_end", value, dispatcher, tracker)

    def validate_triage_step1(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_step1", value, dispatcher, tracker)

    def validate_triage_step2(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_step2", value, dispatcher, tracker)

    def validate_triage_step3(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_step3", value, dispatcher, tracker)

    def validate_triage_outcome(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate("triage_outcome", value, dispatcher, tracker)


class _AsksTriageQuestion(_UsesTriage):
    """``action_ask_<slot>``: the form's question for one slot (one class per slot, made below)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = self.slots(tracker)
        replies = self.assistant.triage_replies
        if reasked(tracker, self.slot):
            reply = replies.prompt(self.slot, slots, lead=False)
        else:
            reply = replies.prompt(self.slot, slots, resumed=before_form(tracker) not in NOT_RESUMING)
        send(dispatcher, reply)
        return []


for _slot in SLOTS:  # rasa-sdk registers every Action subclass: one per slot, sharing one implementation
    _name = "Ask" + "".join(part.title() for part in _slot.split("_"))
    globals()[_name] = type(_name, (_AsksTriageQuestion, Action), {"slot": _slot, "__doc__": f"Ask for {_slot}."})


class ActionTriageStart(_UsesTriage, Action):
    """Begin (or begin again): clear earlier answers, keep what the opening message already says."""

    def name(self) -> str:
        return "action_triage_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events = cleared(tracker, [*SLOTS, REQUESTED])
        entry = next(tracker.get_latest_entity_values("entry_id"), None)
        text, intent, confidence = latest(tracker)
        if entry in self.assistant.knowledge.commitments:  # "Was this not kept?" under a commitment
            events.append(SlotSet(COMMITMENT, entry))
        elif not text.startswith("/") and intent == "report_breach":
            decision = self.assistant.decide(text, intent, confidence)
            if self.assistant.triage.describes_situation(decision):
                events.append(SlotSet(DESCRIPTION, text[:MAX_DESCRIPTION]))
            elif side := self.assistant.triage.side_from(text):  # "a charity we fund broke the Compact"
                events.append(SlotSet(SIDE, side))
        logger.info("triage start preset=%s", [e["name"] for e in events if e.get("value") is not None])
        send(dispatcher, self.assistant.triage_replies.intro())
        return events


class ActionTriageBack(_UsesTriage, Action):
    """Go back one question: clear the last answer (and any after it); the form asks it again."""

    def name(self) -> str:
        return "action_triage_back"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        cleared = self.assistant.triage.back(self.slots(tracker))
        logger.info("triage back clears=%s", cleared)
        dispatcher.utter_message(text="Going back a step." if cleared else "That's the first question, so there's nothing to go back to.")
        return [SlotSet(s, None) for s in cleared]


class ActionTriageStop(_UsesTriage, Action):
    """After the form is deactivated: forget the answers and say so (no later steps mentioned)."""

    def name(self) -> str:
        return "action_triage_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=STOPPED)
        return cleared(tracker, SLOTS)


class ActionTriageSummary(_UsesTriage, Action):
    """The summary to keep and, unless it is resolved, a ready-to-send message (also as a download)."""

    def name(self) -> str:
        return "action_triage_summary"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = self.slots(tracker)
        replies = self.assistant.triage_replies
        send(dispatcher, replies.summary(slots))
        letter = replies.letter(slots)
        if letter:
            dispatcher.utter_message(text="Here is a message you can copy, fill in where it says [brackets], and send:\n\n" + letter)
            dispatcher.utter_message(json_message={"type": "download", "filename": replies.letter_filename(slots),
                                                   "mime_type": "text/plain", "content": letter})
        logger.info("triage summary commitment=%s stage=%s", slots.get(COMMITMENT), replies.triage.stage(slots))
        return []
