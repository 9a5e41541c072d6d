"""The breach triage in Rasa: the form's validation, its questions, and start/back/stop/summary.

Thin shells over ``compact.triage`` (the step machine and how a typed reply is read) and
``compact.triage_replies`` (the wording). Every message during the form goes to one reader,
whatever the question on screen: it may fill several slots at once (a story with its dates and
what was tried), agree with or change the commitment found, or ask something on the side (a
question, the message to send, the number to quote), which is answered before the form asks its
question again. Only "stop", "back" and "start again" leave the form to the rules in
``data/rules_triage.yml``. Logs carry slot names and step values, never what the user typed.

Rasa 3.6's form asks only for its requested slot and rejects a reply that fills none; here the
validation action keeps the form in control by always answering for the requested slot (an
empty value when it asks again), so side questions never depend on NLU choosing a rule.
"""

from __future__ import annotations

import logging
from datetime import date

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answering import (
    LAST_COMMITMENT,
    LAST_ENTRY,
    OFFERED,
    READER,
    _UsesAssistant,
    latest,
    send,
    send_letter,
    send_privacy,
)
from compact.triage import (
    COMMITMENT,
    QUESTIONS,
    NOT_TRIED,
    SIDE,
    SLOTS,
    STATE_SLOTS,
    STEP_SLOTS,
    Reading,
    answered_slots,
    is_control,
    told_after_restart,
)
from compact import turn_memo
from compact.context import question_after_lead
from compact.matcher import speaking_as
from compact.triage_replies import TRIAGE_ANSWER
from compact.typed_replies import addresses_the_bot, asks_about_privacy, asks_for_letter, besides_the_number
from compact.wording import say

logger = logging.getLogger(__name__)
FORM = "triage_form"
REQUESTED = "requested_slot"
# Intents the domain answers with a response of its own during the triage, before asking again.
RESPONSES = {"bot_challenge": "utter_iamabot", "capabilities": "utter_capabilities", "thank": "utter_you_are_welcome"}
NOT_RESUMING = (None, "user", "action_triage_start", "action_triage_back")


def moved_on(text: str) -> bool:
    """Does a message say it starts a new subject ("different issue now: …", "unrelated question - …")?"""
    return question_after_lead(text.strip())[1]


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


def cleared(tracker: Tracker, names: list[str] | tuple[str, ...]) -> list[EventType]:
    """Empty those of ``names`` that hold a value. Emptying an empty slot changes nothing but
    adds an event that Rasa stores, sends to this server and replays on every later turn."""
    return [SlotSet(name, None) for name in names if tracker.get_slot(name) is not None]


def set_this_turn(tracker: Tracker) -> set[str]:
    """Slots set since the latest user message (what an answer handed to the triage)."""
    names: set[str] = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot":
            names.add(event["name"])
    return names


class _UsesTriage(_UsesAssistant):
    def slots(self, tracker: Tracker) -> dict[str, str | None]:
        state = {s: (None if tracker.get_slot(s) is None else str(tracker.get_slot(s))) for s in STATE_SLOTS}
        return {**answered_slots(tracker.slots), **state}


class ValidateTriageForm(_UsesTriage, FormValidationAction):
    """Reads each reply with the step machine and decides which question comes next."""

    def name(self) -> str:
        return "validate_triage_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            with speaking_as(tracker.get_slot(READER)):  # as the other actions read (actions/answering.py: _guarded)
                return await super().run(dispatcher, tracker, domain)
        finally:
            turn_memo.forget()  # no user's words kept past the turn

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return self.assistant.triage.required_slots(self.slots(tracker))

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Read a new message at whatever step the triage is; leave control words to the rules."""
        slot = tracker.get_slot(REQUESTED)
        if slot not in SLOTS or before_form(tracker) != "user":
            return []
        text, intent, confidence = latest(tracker)
        if is_control(intent, text) or (intent == "show_entry" and text.startswith("/")):  # an earlier answer's button
            return []
        raw = next(tracker.get_latest_entity_values("triage_value"), None) if intent == TRIAGE_ANSWER else None
        slots = self.slots(tracker)
        reading = self.assistant.triage.read(raw or text, slots, date.today())
        if intent == "bot_challenge" and not addresses_the_bot(text):  # "…or am I being harsh?" is not "are you a bot?"
            intent = "ask_compact"
        if asks_about_privacy(text) and not reading.fills:  # "do you store what I tell you?": answered, then on
            send_privacy(dispatcher)
            dispatcher.utter_message(text=say("triage.resume"))
            return [SlotSet(slot, None)]
        served = reading.fills or reading.serves or reading.about_itself
        # (not "what does FOI stand for?", whatever NLU calls it: a side question)
        if intent in (*RESPONSES, "human_handoff") and not (served or self.assistant.conversation.short_form_asked(text)):
            self.interrupted(dispatcher, intent, text, slots.get(COMMITMENT))  # "are you a bot?", "who can I talk to?"
            return [SlotSet(slot, None)]
        logger.info(
            "triage read at %s: fills=%s%s",
            slot,
            sorted(reading.fills),
            "".join(f" {k}" for k in ("aside", "letter", "quote", "summary", "ahead") if getattr(reading, k)),
        )
        return self.act(reading, slot, slots, text, intent, confidence, dispatcher)

    def act(
        self,
        reading: Reading,
        slot: str,
        slots: dict[str, str | None],
        text: str,
        intent: str | None,
        confidence: float,
        dispatcher: CollectingDispatcher,
    ) -> list[EventType]:
        replies = self.assistant.triage_replies
        if reading.fills:
            after = {**slots, **reading.fills}
            lines = replies.established(slots, reading.fills, after) + ([reading.note] if reading.note else [])
            if lines:
                dispatcher.utter_message(text="\n\n".join(lines))
            if reading.letter:
                send_letter(dispatcher, self.assistant, after)
            if reading.quote:
                dispatcher.utter_message(text=replies.quote(after, self.other_side_asked(text, after)))
            return [SlotSet(name, value) for name, value in reading.fills.items()]
        if reading.letter:
            if not send_letter(dispatcher, self.assistant, slots):
                dispatcher.utter_message(text=say("letter.needs_commitment"))
        elif reading.quote:
            dispatcher.utter_message(text=replies.quote(slots, self.other_side_asked(text, slots)))
        elif reading.summary:
            send(dispatcher, replies.summary(slots))
        elif reading.ahead:
            dispatcher.utter_message(text=replies.ahead(slots))
        elif reading.aside:
            kind = self.answer_plainly(dispatcher, text, intent, confidence, about=slots.get(COMMITMENT))
            if kind != "answered":
                dispatcher.utter_message(response="utter_no_legal_advice" if kind == "legal" else "utter_out_of_scope")
            # "different issue now: …": the issue waits, its question not asked again (action_ask_<slot> below)
            dispatcher.utter_message(text=say("triage.waiting" if moved_on(text) else "triage.resume"))
        elif reading.note:
            dispatcher.utter_message(text=reading.note)
        return [SlotSet(slot, None)]  # ask again: the form keeps the conversation

    def other_side_asked(self, text: str, slots: dict[str, str | None]) -> str | None:
        """The other side's commitment, when a request for the number asks for it too."""
        return self.assistant.conversation.other_side(besides_the_number(text), slots.get(COMMITMENT))

    def interrupted(self, dispatcher: CollectingDispatcher, intent: str, text: str, about: str | None) -> None:
        """A message for the bot itself, not the step (not "what should I type?", which the step reads)."""
        if intent == "human_handoff" and self.assistant.matcher.neighbour(text) is not None:
            self.answer_plainly(dispatcher, text, intent, 1.0, about=about)  # "can I go to the ombudsman?": where to ask
        elif intent == "human_handoff":
            send(dispatcher, self.assistant.contacts())
        else:
            dispatcher.utter_message(response=RESPONSES[intent])
        dispatcher.utter_message(text=say("triage.resume"))

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """One validator for every slot: the reader has already turned the reply into values."""
        mine = {*SLOTS, *STATE_SLOTS}
        return [SlotSet(name, value) for name, value in tracker.slots_to_validate().items() if name in mine]


class _AsksTriageQuestion(_UsesTriage):
    """``action_ask_<slot>``: the form's question for one slot (one class per slot, made below; this
    one is not an Action itself, or rasa-sdk would register it as ``action_ask_``)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots, text = self.slots(tracker), latest(tracker)[0]
        if moved_on(text) and self.assistant.triage.read(text, slots, date.today()).aside:
            return []  # a new subject, answered as an aside: the issue waits until "carry on" (said so already)
        resumed = before_form(tracker) not in NOT_RESUMING
        send(dispatcher, self.assistant.triage_replies.prompt(self.slot, slots, resumed=resumed))
        return []


for _question in QUESTIONS:  # rasa-sdk registers every Action subclass: one per question, sharing one implementation
    _name = "Ask" + "".join(part.title() for part in _question.slot.split("_"))
    globals()[_name] = type(_name, (_AsksTriageQuestion, Action), {"slot": _question.slot, "__doc__": f"Ask {_question.asks}."})


class ActionTriageStart(_UsesTriage, Action):
    """Begin (or begin again): keep what this turn's answer handed over (the opening message read
    as a description, an offered commitment), clear earlier answers, and say how it works."""

    def name(self) -> str:
        return "action_triage_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        # "start again" tells the story again: who the user is still holds
        handed_over = set_this_turn(tracker) if latest(tracker)[1] != "start_over" else {SIDE}
        events = cleared(tracker, [s for s in (*SLOTS, *STATE_SLOTS, REQUESTED) if s not in handed_over])
        slots = {**self.slots(tracker), **{e["name"]: e["value"] for e in events}}
        text, intent, _ = latest(tracker)
        told = told_after_restart(text) if intent == "start_over" else None
        if told:  # "start over - it's a different problem: …": the new account, read as an opening one
            fills = self.assistant.triage.restarted(told, slots, date.today())
            events += [SlotSet(k, v) for k, v in fills.items() if v is not None and v != slots.get(k)]
            slots.update(fills)
            handed_over |= {k for k, v in fills.items() if v is not None}
        logger.info("triage start preset=%s", sorted(s for s in handed_over if s in SLOTS and slots.get(s) is not None))
        replies = self.assistant.triage_replies
        # the whole route, unless known not to have raised it yet, or heard already ("start again")
        brief = slots.get(STEP_SLOTS[0]) == NOT_TRIED or latest(tracker)[1] == "start_over"
        lines = [replies.intro(known=slots.get(COMMITMENT) is not None, whole_route=not brief).text]
        lines += replies.established({}, {s: v for s, v in slots.items() if s in handed_over}, slots)
        dispatcher.utter_message(text="\n\n".join(lines))
        if intent != "start_over" and asks_for_letter(text):  # "write me a letter about …": the message now, the steps after
            send_letter(dispatcher, self.assistant, slots)
        return events


class ActionTriageBack(_UsesTriage, Action):
    """Go back one question: clear the last answer (and any after it); the form asks it again."""

    def name(self) -> str:
        return "action_triage_back"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        set_order = [e["name"] for e in tracker.events if e.get("event") == "slot" and e.get("value") is not None]
        to_clear = self.assistant.triage.back(self.slots(tracker), set_order)
        logger.info("triage back clears=%s", to_clear)
        dispatcher.utter_message(text=say("triage.going_back") if to_clear else say("triage.first_question"))
        return [SlotSet(s, None) for s in to_clear]


class ActionTriageStop(_UsesTriage, Action):
    """After the form is deactivated: forget the answers and say so (no later steps mentioned)."""

    def name(self) -> str:
        return "action_triage_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=say("triage.stopped"))
        return cleared(tracker, (*SLOTS, *STATE_SLOTS))


class ActionTriageSummary(_UsesTriage, Action):
    """The summary to keep and, unless it is resolved, a ready-to-send message (also as a download)."""

    def name(self) -> str:
        return "action_triage_summary"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = self.slots(tracker)
        replies = self.assistant.triage_replies
        send(dispatcher, replies.summary(slots))
        send_letter(dispatcher, self.assistant, slots)
        logger.info("triage summary commitment=%s stage=%s", slots.get(COMMITMENT), replies.triage.stage(slots))
        chosen = slots.get(COMMITMENT)
        if chosen not in self.assistant.knowledge.commitments:
            return []
        # Afterwards the conversation is about this commitment: "which number?", "write it again".
        return [SlotSet(LAST_ENTRY, chosen), SlotSet(LAST_COMMITMENT, chosen), SlotSet(OFFERED, chosen)]
