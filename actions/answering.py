"""Actions that answer Compact questions in the light of the conversation, show a chosen entry,
and give contacts.

``action_answer_question`` reads every free-text message outside the breach triage against the
conversation's context (``compact.context``): a new question, a follow-up about the last answer,
a complaint (answered with the commitment, a check of any dates in it, and an offer of next
steps), accepting that offer or saying what was tried already (which starts the triage where the
user is), or asking for the message to send. It sets ``answer_kind``; the rules in
``data/rules.yml`` follow an ``out_of_scope``, ``legal`` or ``start_triage`` answer with the
domain's response or the triage. Logs carry decisions (kind and ids), never what the user typed.
"""

from __future__ import annotations

import functools
import inspect
import logging
from datetime import date
from typing import Any, Callable, Mapping

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.interfaces import ACTION_LISTEN_NAME
from rasa_sdk.executor import CollectingDispatcher

from compact.assistant import Assistant, shared, silence_lead
from compact.feedback import FEEDBACK, MAX_COMMENT_CHARS, Feedback, squashed
from compact.context import (
    FOR_US,
    Context,
    Move,
    asks_help_with_a_task,
    clear_commitment,
    asks_if_a_breach,
    leans_on_context,
    names_the_law,
    question_after_lead,
)
from compact.routing import Decision
from compact.language import looks_english
from compact.native_threads import one_thread_each
from compact.knowledge import numbers_named
from compact.knowledge_schema import COMMITMENT_ID
from compact.matcher import speaking_as
from compact.markdown import as_typed
from compact.replies import ESCALATION_TOPIC, Reply, drafted_section, shown_by
from compact.triage_replies import offer_of_next_steps
from compact.triage import (
    ASIDE_LEAD,
    COMMITMENT,
    DESCRIPTION,
    OUTCOME,
    outcome_note,
    PROPOSED,
    SIDE,
    SLOTS,
    STATE_SLOTS,
    STEP_SLOTS,
    UNRESOLVED,
    answered_slots,
    corrected_account,
    is_control,
    is_question,
    told_after_restart,
)
from compact import turn_memo
from compact.text import sentences
from compact.typed_replies import (
    account_in_letter_request,
    addresses_the_bot,
    confirms,
    describes_event,
    points_to_it,
    reports_contact,
    side_said,
    tried,
    verdict,
)
from compact.settings import settings
from compact.wording import say

logger = logging.getLogger(__name__)
ANSWER_KIND = "answer_kind"
LAST_ENTRY = "last_entry"  # the entry last answered: what a follow-up is about
OFFERED = "offered"  # the commitment whose next steps were just offered
CHOICES = "choices"  # the entries a tie or clarifying question just listed, for a typed "the second one"
SHOWN = "last_shown"  # a floor shown for the last answer (4.8 under 3.6): what "which number is that?" means
MISSING = "last_missing"  # a number the draft lacks, just asked about (12.2): what "the one after it" counts from
LAST_COMMITMENT = "last_commitment"  # the commitment last answered: "which number do I cite?" after the route
ANSWERED = "answered"  # the last few commitments answered, oldest first: "go back to the first one", "those two"
HISTORY = 3  # how many of them
BUTTONS = "buttons"  # the entries offered as buttons under the last answer, in order: a typed "the second one" picks one
# what a follow-up is read against
CONTEXT_SLOTS = (LAST_ENTRY, OFFERED, CHOICES, SHOWN, LAST_COMMITMENT, ANSWERED, MISSING, BUTTONS)
READER = "reader_side"  # the side the user said they are on ("as a commissioner"): later answers are told for it
LEGAL_INTENT = "legal_advice"
REPORT_INTENT = "report_breach"
# moves whose reply is not an answer to vote on
NOT_ANSWERS = frozenset({"noted", "offer", "corrected", "side_noted", "introduced", "detail", "not_followed"})
CLOSING = {"thank": "thanked", "goodbye": "said_goodbye"}  # answered by the domain's response, unless a reply to context

# Build the knowledge index when the action server starts: a broken knowledge file stops the
# server with a message naming the file, entry and field, and the first user does not wait.
shared()
one_thread_each()  # (numpy and scipy are loaded now)


def latest(tracker: Tracker) -> tuple[str, str | None, float]:
    """The latest user message: its text, intent name and the intent's confidence."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return str(message.get("text") or ""), intent.get("name"), float(intent.get("confidence") or 0.0)


# What a side question in the triage can be, read against the commitment at stake (the rest, such
# as a new account or agreeing, are the triage's own business).
ASIDE_MOVES = (
    "followup",
    "floor",
    "silent",
    "more",
    "other_side",
    "missing",
    "misnumbered",
    "principles",
    "placed",
    "is_breach",
    "abbreviation",
)
# The moves whose entry the next follow-up is read against
CONTEXT_MOVES = (
    "abbreviation",
    "misnumbered",
    "other_side",
    "more",
    "followup",
    "floor",
    "silent",
    "quote",
    "chosen",
    "placed",
    "unclear",
    "not_followed",
    "noted",
    "corrected",
    "side_noted",
)
# moves answering several commitments: "which one is ours?" may pick among them
SEVERAL = ("several", "compared", "unranked")
ACCOUNT_LOOKBACK = 3  # earlier messages searched for the account an answer was about
STATEMENT_WORDS = 6  # the statements of a message ending in a question tell what happened when at least this long


def earlier_account(tracker: Tracker) -> str | None:
    """What happened, as the user told it before the latest message, for the triage's description:
    the latest of the few messages before that tells of an event ("our invoices still haven't been
    paid"), else the latest that is not a question (before any side question asked since); never a
    reply agreeing with an answer ("yes, the timely payment one")."""
    said = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"][-1 - ACCOUNT_LOOKBACK : -1]
    told = [t for t in said if not (confirms(t) or points_to_it(t))]  # not "yes, the timely payment one"
    found = next((t for t in reversed(told) if describes_event(t)), None) or next(
        (t for t in reversed(told) if "?" not in t), None
    )
    # "We bid for the fund. Result: unsuccessful. No comments. How are we supposed to improve?": what it told
    statements = " ".join(s for s in sentences(told[-1]) if not is_question(s)) if told and not found else ""
    found = found or (statements if len(statements.split()) >= STATEMENT_WORDS else None)
    return found[:1000] if found else None


def told_about(tracker: Tracker, entry: str) -> str | None:
    """What the user told in the turns answered with ``entry``, or listing it to choose from ("the county
    want us to sign a contract with loads of monitoring", then "it's quarterly reports … for a £5k
    grant"): their statements, for the message they ask for, so it does not ask again what happened."""
    told: list[str] = []
    text: str | None = None
    for event in tracker.events:
        if event.get("event") == "user":
            text = str(event.get("text") or "")
        elif event.get("event") == "slot" and text is not None:
            value = event.get("value")
            if (event.get("name") == LAST_ENTRY and value == entry) or (event.get("name") == CHOICES and entry in (value or ())):
                told.append(text)
                text = None  # (once a turn)
    statements = [s for t in told if not (confirms(t) or points_to_it(t)) for s in sentences(t) if not s.rstrip().endswith("?")]
    said = functools.reduce(followed_by, statements, "")
    return said[:1000] if len(said.split()) >= STATEMENT_WORDS else None


def followed_by(earlier: str, text: str) -> str:
    """Two things told, one after the other, the first ended as a sentence."""
    earlier = earlier.rstrip()
    return f"{earlier}{'' if not earlier or earlier[-1] in '.!?' else '.'} {text.strip()}".strip()


def send(dispatcher: CollectingDispatcher, reply: Reply, about: str | None = None) -> None:
    """Send a reply; one that answers about an entry (``about``) can be voted on: the channels
    show "Helpful? Yes / No" under it (bot/feedback.py)."""
    vote = {FEEDBACK: {"entry": about}} if about else {}
    dispatcher.utter_message(text=reply.text, buttons=[{"title": b.title, "payload": b.payload} for b in reply.buttons], **vote)


def send_privacy(dispatcher: CollectingDispatcher) -> None:
    """What is kept of the conversation and for how long ("what do you keep about me?")."""
    dispatcher.utter_message(text=say("answer.privacy", keep_days=f"{settings().keep_days:g}"))


def send_letter(dispatcher: CollectingDispatcher, assistant: Assistant, slots: Mapping[str, str | None]) -> bool:
    """The ready-to-send message for what is known so far (also as a download); False when there
    is no commitment to write about yet."""
    replies = assistant.triage_replies
    letter = replies.letter(slots)
    if not letter:
        return False
    dispatcher.utter_message(text=say("letter.lead") + "\n\n" + str(replies.letter(slots, quote=as_typed)))
    dispatcher.utter_message(
        json_message={
            "type": "download",
            "filename": replies.letter_filename(slots),
            "mime_type": "text/plain",
            "content": letter,
        }
    )
    return True


Run = Callable[[Any, CollectingDispatcher, Tracker, Any], list[EventType]]


def with_buttons(events: list[EventType], dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """The entries the turn's last buttons show, kept for the next message only: "the second one" or "2"
    typed under an answer picks its second button, as pressing it would."""
    if any(e.get("event") == "slot" and e.get("name") == BUTTONS for e in events):  # (an action run inside another)
        return events
    rows = [m["buttons"] for m in dispatcher.messages if m.get("buttons")]
    shown = [e for b in rows[-1] if (e := shown_by(str(b.get("payload", ""))))] if rows else []
    return [*events, SlotSet(BUTTONS, shown or None)] if shown or tracker.get_slot(BUTTONS) else events


def then_listen(events: list[EventType], tracker: Tracker) -> list[EventType]:
    """An answer with no triage running ends the turn: Rasa's rules then predict listening
    ("Answer a Compact question", "Show a commitment…" in data/rules.yml), and saying so with
    Rasa's ``FollowupAction`` spares the Rasa worker running its policies again to find that out
    (a replay of the session into states: 0.36 ms a message in one process; docs/capacity.md,
    "A ninth round"). tests/test_listening.py checks with the trained model that the rules agree."""
    kinds = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == ANSWER_KIND]
    handed_on = tracker.active_loop.get("name") or any(e.get("event") in ("active_loop", "followup") for e in events)
    return [*events, FollowupAction(ACTION_LISTEN_NAME)] if kinds[-1:] == ["answered"] and not handed_on else events


def _guarded(run: Run) -> Run:
    """An action that fails on our side answers with an apology and the conversation carries on,
    instead of the action server answering 500: the user would get a 503, and Rasa would log the
    whole request, the user's words included. The log says which action failed, never the text."""

    @functools.wraps(run)
    def guarded(self: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any) -> list[EventType]:
        try:
            with speaking_as(tracker.get_slot(READER)):  # "what are our duties?" from someone who said earlier who they are
                events = run(self, dispatcher, tracker, domain)
            return then_listen(with_buttons(events, dispatcher, tracker), tracker) if self.ends_turn_when_answered else events
        except Exception:
            logger.exception("action %s failed; apology sent", self.name())
            dispatcher.utter_message(text=say("channel.action_failed"))
            return [SlotSet(ANSWER_KIND, "answered")]  # said: no rule adds a reply of its own
        finally:
            turn_memo.forget()  # no user's words kept past the turn

    return guarded


class _UsesAssistant:
    """Shared by the actions (a mixin: rasa-sdk registers every Action subclass by name). Each
    action's own ``run`` is guarded (see :func:`_guarded`)."""

    ends_turn_when_answered = False  # its answers end the turn (:func:`then_listen`)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__ and not inspect.iscoroutinefunction(cls.__dict__["run"]):  # (the form's is rasa-sdk's)
            cls.run = _guarded(cls.__dict__["run"])  # type: ignore[attr-defined]

    def __init__(self, assistant: Assistant | None = None) -> None:
        self._assistant = assistant  # tests inject one; otherwise the shared one built at import

    @property
    def assistant(self) -> Assistant:
        return self._assistant or shared()

    def answer_plainly(
        self,
        dispatcher: CollectingDispatcher,
        text: str,
        intent: str | None,
        confidence: float,
        about: str | None = None,
        votes: bool = False,
    ) -> str:
        """Answer a question on its own, or the other side of the commitment ``about`` when it asks
        for that ("what should we have done on our side?" in a triage about it); the kind of
        answer ("answered", "out_of_scope", "legal"). With ``votes`` an answer can be voted on
        (not in a triage, which it would interrupt)."""

        def voted(entry: str | None) -> str | None:
            return entry if votes else None

        if intent != LEGAL_INTENT and self.assistant.conversation.asks_if_not(text):  # "and if that goes nowhere?": the route
            send(dispatcher, self.assistant.show(ESCALATION_TOPIC) or Reply(""), voted(ESCALATION_TOPIC))
            return "answered"
        if intent != LEGAL_INTENT:  # read against it: "does that commitment say…?", "is there an 11.3?"
            move = self.assistant.conversation.read(text, Context(entry=about), intent, confidence)
            if move.kind == "letter" and FOR_US in move.entries:  # "can you get the group together for us?" in a triage
                dispatcher.utter_message(text=say("letter.not_for_you"))
                return "answered"
            reply = self.assistant.reply_for(move, text) if move.kind in ASIDE_MOVES else None
            if reply is not None:
                logger.info("answer move=%s entry=%s", move.kind, move.entry)
                send(dispatcher, reply, voted(move.entry))
                return "answered"
        other = self.assistant.conversation.other_side(text, about)
        if other:
            logger.info("answer move=other_side entry=%s", other)
            send(dispatcher, self.assistant.other_side_reply(str(about), other, text) or Reply(""), voted(other))
            return "answered"
        legal = intent == LEGAL_INTENT
        # A legal question is off-topic for the Compact unless a commitment or topic fits it as clearly as an
        # off-topic-looking question needs to ("can we include overheads in the bid?", "is there a pledge we can sign?").
        # (after its lead: "separate question, what's the whole compact actually for" in a triage)
        asked = question_after_lead(text.strip())[0]
        decision = self.assistant.decide(asked, "out_of_scope" if legal else intent, confidence)
        logger.info("answer decision=%s entries=%s", decision.kind, [m.entry_id for m in decision.matches])
        fits = decision.kind == "answer" and (
            decision.matches[0].kind == "commitment" or (decision.matches[0].kind == "topic" and not names_the_law(text))
        )
        if legal and not fits:
            return "legal"
        reply = self.assistant.answer_for(decision, side_said(text))
        if reply is None:
            return "out_of_scope"
        if lead := silence_lead(text, decision.matches[0].entry_id if decision.kind == "answer" else None):
            reply = reply.led(lead)
        send(dispatcher, reply, voted(decision.matches[0].entry_id if decision.kind == "answer" else None))
        return "answered"


class ActionAnswerQuestion(_UsesAssistant, Action):
    """Answer the message in the light of the conversation (see the module's docstring)."""

    ends_turn_when_answered = True

    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text, intent, confidence = latest(tracker)
        entry = next(tracker.get_latest_entity_values("entry_id"), None)
        if text.startswith("/"):
            if intent == REPORT_INTENT:  # "Something has gone wrong", or "Was this not kept?" under an answer
                presets = {COMMITMENT: entry} if entry in self.assistant.knowledge.commitments else {}
                return self.start_triage(tracker, presets)
            logger.info("answer decision=stale_payload")  # a button with nothing to answer (a stale click)
            return [SlotSet(ANSWER_KIND, "not_found")]
        entry, offered, choices, shown, commitment, answered, missing, buttons = (tracker.get_slot(s) for s in CONTEXT_SLOTS)
        context = Context(
            entry, offered, tuple(choices or ()), shown, commitment, tuple(answered or ()), missing, tuple(buttons or ())
        )
        if told := told_after_restart(text):  # "start over - there's a different problem: …": a new account
            text, context = told, Context()
        elif (
            is_control(intent, text)
            and not (context.offer_open and intent == "stop")
            and self.assistant.conversation.back_to_an_answer(text, context) is None  # "go back to the previous one"
        ):  # "stop" with no triage running
            # (a "stop" to the offer of next steps turns it down, below); "start again" forgets what was answered
            forget = [SlotSet(s, None) for s in (*CONTEXT_SLOTS, READER)] if intent == "start_over" else []
            return [SlotSet(ANSWER_KIND, "control"), *forget]
        if not looks_english(text):  # answered in English only: say so rather than guess
            logger.info("answer decision=other_language")
            return [SlotSet(ANSWER_KIND, "other_language")]
        if intent == "bot_challenge":  # "are you a bot?" (data/rules.yml), unless it asks about the Compact
            if addresses_the_bot(text):
                return [SlotSet(ANSWER_KIND, "bot_challenge")]
            intent = "ask_compact"
        if intent == LEGAL_INTENT and not names_the_law(text):  # "do we need to tell them?" names no law: a question
            intent = "ask_compact"
        # (a bare "no" after an answer that asked nothing, no offer and no list, says it did not help)
        said = verdict(text, nothing_asked=not context.offer_open and not context.choices) if context.entry else None
        if said:  # "that didn't help": a vote on the last answer, typed; what follows it is read on its own
            helped, rest = said
            logger.info("answer decision=typed_vote helpful=%s", helped)
            missing = (squashed(rest) or "")[:MAX_COMMENT_CHARS] or None
            vote = SlotSet(FEEDBACK, Feedback(str(context.entry), helped, missing).value())
            if not rest:
                dispatcher.utter_message(text=say("feedback.typed_helpful" if helped else "feedback.typed_not_helpful"))
                return [vote, SlotSet(ANSWER_KIND, "answered")]
            return [vote, *self.respond(rest, context, intent, confidence, dispatcher, tracker)]
        return self.respond(text, context, intent, confidence, dispatcher, tracker)

    def respond(
        self,
        text: str,
        context: Context,
        intent: str | None,
        confidence: float,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> list[EventType]:
        """The reply to a message read against the conversation so far."""
        offered = answered_slots(tracker.slots)
        if context.offer_open and (fixed := self.assistant.triage.corrected(text, offered, date.today())):
            return self.corrected(dispatcher, tracker, {**offered, **fixed})  # "sorry, it opened 13 June, not 3 June"
        move = self.assistant.conversation.read(text, context, intent, confidence)
        logger.info("answer move=%s entry=%s", move.kind, move.entry)
        events = self.act(move, text, intent, confidence, dispatcher, tracker)
        side = side_said(text)
        return [*events, SlotSet(READER, side)] if side and side != tracker.get_slot(READER) else events

    def act(
        self, move: Move, text: str, intent: str | None, confidence: float, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        a = self.assistant
        offered = answered_slots(tracker.slots)
        if move.kind == "start":
            about = account_in_letter_request(text)  # "write me a letter about …": what it is about
            account = about or text
            if move.entry or about or describes_event(text):  # the opening message already says what happened
                known = {**{s: None for s in SLOTS}, DESCRIPTION: account, COMMITMENT: move.entry}
                presets = {**a.triage.from_description(account, known, date.today()), DESCRIPTION: account[:1000]}
                acted = a.triage.breacher(text)
                fits = move.entry and acted in (None, a.knowledge.commitments[move.entry].sector)
                if fits and presets.get(COMMITMENT) is None:  # the one the account is about: proposed, another can be named
                    presets.update({COMMITMENT: move.entry, PROPOSED: move.entry})
                return self.start_triage(tracker, presets)
            side = a.triage.side_from(text)  # "a charity we fund broke the Compact"
            return self.start_triage(tracker, {SIDE: side} if side else {})
        if move.kind in ("accept", "tried"):
            presets = {k: v for k, v in offered.items() if v is not None}
            if presets.get(COMMITMENT) != move.entry:  # answered, not offered: the dispute is about what was answered,
                presets = {COMMITMENT: move.entry, DESCRIPTION: earlier_account(tracker)}  # what it answered may tell it
            if move.kind == "tried":  # what the reply says was tried replaces what the account suggested
                presets.update(a.triage.said_on_the_way(text, {**offered, **presets}, None, date.today()))
                presets[STEP_SLOTS[0]] = tried(text) or presets.get(STEP_SLOTS[0])
                self.asked_besides(dispatcher, text, str(move.entry), tracker.get_slot(READER))
            if move.kind == "accept" and move.entries:  # "honestly we just want a meeting with them": the last question's
                presets[OUTCOME] = move.entries[0]  # answer, said early
                dispatcher.utter_message(text=outcome_note(move.entries[0]))
            return self.start_triage(tracker, presets)
        if move.kind == "letter":
            if FOR_US in move.entries:  # "can you contact them for us?": it cannot, but it can write the message
                dispatcher.utter_message(text=say("letter.not_for_you"))
            told = told_about(tracker, str(move.entry))  # what the user said in the turns about it
            slots = offered if offered.get(COMMITMENT) == move.entry else {**offered, COMMITMENT: move.entry, DESCRIPTION: told}
            send_letter(dispatcher, a, slots)
            return [SlotSet(ANSWER_KIND, "answered")]
        if move.kind == "ahead":  # the steps after the one reached, once the triage has walked them; else the walk
            if offered.get(COMMITMENT) != move.entry or not any(offered.get(s) for s in STEP_SLOTS):
                return self.act(Move("accept", move.entry), text, intent, confidence, dispatcher, tracker)
            resolved = a.triage.stage(offered).resolved_at  # nothing ahead: where it stands
            send(dispatcher, a.triage_replies.summary(offered) if resolved else Reply(a.triage_replies.ahead(offered)))
            return [SlotSet(ANSWER_KIND, "answered")]
        if move.kind == "privacy":  # what is kept of the conversation, for how long, and how to have it deleted sooner
            send_privacy(dispatcher)
            return [SlotSet(ANSWER_KIND, "answered")]
        if move.kind == "summary":  # what the offered complaint comes to so far, and the step it stands at
            slots = offered if offered.get(COMMITMENT) == move.entry else {**offered, COMMITMENT: move.entry}
            send(dispatcher, a.triage_replies.summary(slots))
            return [SlotSet(ANSWER_KIND, "answered")]
        if move.kind == "declined":  # the offer of next steps turned down: it is withdrawn, the answer stays the context
            dispatcher.utter_message(text=say("triage.offer_declined"))
            return [*self.answered(tracker, move.entry), SlotSet(OFFERED, None)]
        # "thanks, bye": the rules follow with the domain's response, the context stays ("thanks. is D2N2 in it?": answered)
        asks_on = move.decision is not None and move.decision.kind == "answer" and is_question(sentences(text)[-1])
        if move.kind == "new" and intent in CLOSING and not asks_on:
            return [SlotSet(ANSWER_KIND, CLOSING[intent])]
        named = move.decision is not None and move.decision.neighbour is not None  # "can you help me with our VAT return?"
        # "can you help me write a job advert?": a task outside the Compact is declined, not answered with what the bot does
        task_outside = asks_help_with_a_task(text) and move.decision is not None and move.decision.kind == "out_of_scope"
        if move.kind == "new" and intent == "capabilities" and not (named or task_outside):  # the rules follow with the response
            return self.answered(tracker, None, kind="capabilities")
        if move.kind == "new" and intent == "human_handoff" and not named:  # "can I go to the ombudsman?": where to ask
            send(dispatcher, a.contacts())
            return self.answered(tracker, None)
        if move.kind == "new" and intent == LEGAL_INTENT:
            kind = self.answer_plainly(dispatcher, text, intent, confidence, votes=True)
            return self.answered(tracker, None, kind=kind)
        account = earlier_account(tracker) if move.kind == "offer" and move.entry else None
        if move.entry and account and describes_event(account):  # "yes" after an answer to an account: on to next steps
            return self.start_triage(tracker, self.complaint_presets(str(move.entry), account))
        presets = self.complaint_presets(move.entry, text) if move.kind == "complaint" and move.entry else {}
        if presets.get(STEP_SLOTS[0]) == UNRESOLVED:  # raised with them already, not sorted: on to the next step
            return self.start_triage(tracker, {**presets, PROPOSED: move.entry})
        if move.kind == "detail":  # more of the account while next steps are on offer: added to it, its dates read again
            return self.told_more(dispatcher, tracker, str(move.entry), text)
        reply = a.reply_for(move, text, tracker.get_slot(READER))
        wrong = a.conversation.misnumbered(text) if move.kind == "complaint" and reply else None
        if reply and wrong and wrong.entry == move.entry:  # "…told us nothing for months. They've broken 12.7.": 12.9
            reply = reply.led(a.misnumbered_lead(wrong, side_said(text) or tracker.get_slot(READER)))
        if reply is None:  # a short reply not understood ("yh") leaves the conversation where it was
            return self.answered(tracker, tracker.get_slot(LAST_ENTRY) if leans_on_context(text) else None, kind="out_of_scope")
        send(dispatcher, reply, self.voted_on(move))
        if move.kind == "offer" and move.entry:  # the answer was to a question: it is what the triage would be about
            return self.answered(tracker, move.entry, offered=move.entry, presets={COMMITMENT: move.entry, DESCRIPTION: account})
        if move.kind in ("corrected", "side_noted") and tracker.get_slot(OFFERED) == move.entry:  # the offer stands
            dispatcher.utter_message(text=offer_of_next_steps(offered))
            return self.answered(tracker, move.entry, offered=move.entry, presets=offered)
        if move.kind in ("if_not", "is_breach") and move.entry:  # still about the commitment: "yes" accepts, the number is its
            same = offered if offered.get(COMMITMENT) == move.entry else {}  # a complaint about it, told earlier
            if move.kind == "is_breach" and a.triage.measure(move.entry) and a.triage.period(same):
                dispatcher.utter_message(text=a.triage_replies.dates_text(same))  # what the dates told showed
            dispatcher.utter_message(text=offer_of_next_steps(same))
            return self.answered(tracker, move.entry, offered=move.entry, presets={**same, COMMITMENT: move.entry})
        if move.kind == "complaint" and move.entry:
            if a.triage.measure(move.entry) and a.triage.period(presets):
                dispatcher.utter_message(text=a.triage_replies.dates_text(presets))
            if asks_if_a_breach(text):
                dispatcher.utter_message(text=say("triage.who_decides"))
            dispatcher.utter_message(text=offer_of_next_steps(presets))
            return self.answered(tracker, move.entry, offered=move.entry, presets=presets)
        dated = self.subject(move) if move.kind == "new" else None  # "told 2 January it ends 30 June - have we a case?"
        told = self.complaint_presets(dated, text) if dated in a.knowledge.commitments and a.triage.measure(dated) else {}
        if a.triage.period(told):
            dispatcher.utter_message(text=a.triage_replies.dates_text(told))
            if any(v.status != "met" for _, v in a.triage.verdicts(told)):  # kept in time: nothing to take further on that
                dispatcher.utter_message(text=offer_of_next_steps(told))
                return self.answered(tracker, dated, offered=dated, presets=told)
        listed = move.decision.kind in ("tie", "clarify") if move.decision and move.kind == "new" else False
        return self.answered(
            tracker,
            self.subject(move),
            choices=tuple(m.entry_id for m in move.decision.matches) if listed else move.entries if move.kind in SEVERAL else (),
            shown=move.entries[0] if move.kind == "floor" else None,
            missing=move.entry if move.kind == "missing" else None,
        )

    def corrected(self, dispatcher: CollectingDispatcher, tracker: Tracker, presets: dict[str, str | None]) -> list[EventType]:
        """The dates of a complaint, corrected while its next steps are on offer: checked again, offered again."""
        a, entry = self.assistant, str(presets[COMMITMENT])
        logger.info("answer decision=dates_corrected")
        dispatcher.utter_message(text=say("triage.corrected"))
        if a.triage.period(presets):
            dispatcher.utter_message(text=a.triage_replies.dates_text(presets))
        dispatcher.utter_message(text=offer_of_next_steps(presets))
        return self.answered(tracker, entry, offered=entry, presets=presets)

    def told_more(self, dispatcher: CollectingDispatcher, tracker: Tracker, entry: str, text: str) -> list[EventType]:
        """A statement adding to the account whose next steps are on offer ("it's about cutting library stops", "the
        letter came on 1 March"): kept with it for the triage's summary and message, the dates checked again."""
        a, offered = self.assistant, answered_slots(tracker.slots)
        account = offered.get(DESCRIPTION) or ""
        told = corrected_account(account, text, date.today()) or followed_by(account, text)  # (a date corrected: replaced)
        better = a.triage.clear_choice(told)
        if better is not None and better.id != entry:  # "they told us on 2nd march", then "that funding stops 31st march"
            logger.info("answer decision=detail_points_elsewhere")
            dispatcher.utter_message(text=say("triage.detail_points_elsewhere", id=better.id, old=entry))
            return self.act(Move("complaint", better.id), told, "ask_compact", 1.0, dispatcher, tracker)
        found = {k: v for k, v in self.complaint_presets(entry, told).items() if v is not None}
        presets = {**offered, **found, COMMITMENT: entry}
        logger.info("answer decision=detail_added")
        duty = a.knowledge.commitments[entry]
        dispatcher.utter_message(text=say("triage.detail_added", id=duty.id, summary=duty.summary))
        shown = a.triage_replies.dates_text(offered) if a.triage.period(offered) else None
        dates = a.triage_replies.dates_text(presets) if a.triage.measure(entry) and a.triage.period(presets) else None
        if dates and dates != shown:
            dispatcher.utter_message(text=dates)  # the dates it adds, checked
        dispatcher.utter_message(text=offer_of_next_steps(presets))
        return self.answered(tracker, entry, offered=entry, presets=presets)

    def subject(self, move: Move) -> str | None:
        """What the answer was about, for the next follow-up."""
        if move.kind == "missing" and not (move.decision and move.decision.kind == "answer"):
            return self.missing_section(str(move.entry))  # "what is in that section then?"
        if move.kind in SEVERAL:  # "does that have to be in writing?" after two: the first named
            return move.entries[0]
        if move.kind in CONTEXT_MOVES or (move.kind == "if_not" and move.entry):
            return move.entry
        if move.kind == "if_not":
            return ESCALATION_TOPIC
        if move.kind == "principles":
            return move.entries[0]
        answer = move.decision if move.decision is not None and move.decision.kind == "answer" else None
        return answer.matches[0].entry_id if answer and answer.matches else None

    def voted_on(self, move: Move) -> str | None:
        """The entry a reply answers, which a vote on it is about; None for a reply that is not an
        answer ("ok" taken in, an offer) or a missing number with nothing described."""
        if move.kind in NOT_ANSWERS:
            return None
        if move.kind == "missing":
            return move.decision.matches[0].entry_id if move.decision and move.decision.kind == "answer" else None
        return self.subject(move)

    def missing_section(self, number: str) -> str | None:
        """The section of a commitment number the draft lacks (7.2: section 7), if the draft has that section."""
        return drafted_section(self.assistant.knowledge, number.split(".")[0])

    def answered(
        self,
        tracker: Tracker,
        entry: str | None,
        kind: str = "answered",
        offered: str | None = None,
        presets: Mapping[str, str | None] | None = None,
        choices: tuple[str, ...] = (),
        shown: str | None = None,
        missing: str | None = None,
    ) -> list[EventType]:
        """The slots after an answer: what it was about and, with a new offer of next steps, what
        the complaint said, for the triage it may start. An earlier offer stays through other
        questions ("we emailed them, no reply" can still follow a side question); a "yes" accepts
        it only straight after it."""
        events: list[EventType] = [SlotSet(ANSWER_KIND, kind), SlotSet(LAST_ENTRY, entry)]
        if entry in self.assistant.knowledge.commitments:
            events.append(SlotSet(LAST_COMMITMENT, entry))
            earlier = [e for e in tracker.get_slot(ANSWERED) or () if e != entry]
            events.append(SlotSet(ANSWERED, [*earlier, entry][-HISTORY:]))
        if choices or tracker.get_slot(CHOICES):  # a list to choose from stands for the next message only
            events.append(SlotSet(CHOICES, list(choices) or None))
        for name, value in ((SHOWN, shown), (MISSING, missing)):  # and so do a floor shown and a number the draft lacks
            if value or tracker.get_slot(name):
                events.append(SlotSet(name, value))
        if tracker.active_loop.get("name") or offered is None:  # the offer (if any) and the triage's answers stay
            return events
        events.append(SlotSet(OFFERED, offered))
        keep = dict(presets or {})
        events += [SlotSet(s, keep.get(s)) for s in (*SLOTS, *STATE_SLOTS) if keep.get(s) != tracker.get_slot(s)]
        return events

    def complaint_presets(self, entry: str, text: str) -> dict[str, str | None]:
        """What a complaint already answers for the triage: the commitment, its dates, whether it was raised."""
        told = {**{s: None for s in SLOTS}, DESCRIPTION: text, COMMITMENT: entry}  # its dates read by its measure
        presets = self.assistant.triage.from_description(text, told, date.today())
        return {**presets, DESCRIPTION: text[:1000], COMMITMENT: entry, PROPOSED: None}

    def asked_besides(self, dispatcher: CollectingDispatcher, text: str, entry: str, reader: str | None) -> None:
        """A question asked after saying what was tried ("We wrote to the grants officer… Also, is every grant
        agreement supposed to mention the Compact?"): answered before the steps, when another commitment clearly
        answers it alone."""
        told = sentences(text)
        if len(told) < 2 or not is_question(told[-1]):
            return
        asked = ASIDE_LEAD.sub("", told[-1], count=1)
        move = self.assistant.conversation.read(asked, Context(), "ask_compact", 1.0)
        if move.kind == "new" and move.decision is not None and clear_commitment(move.decision) not in (None, entry):
            reply = self.assistant.reply_for(move, asked, reader)
            if reply is not None:
                send(dispatcher, reply)

    def start_triage(self, tracker: Tracker, presets: Mapping[str, str | None]) -> list[EventType]:
        """Hand over to the triage (data/rules_triage.yml), with what is already known set again
        this turn, so ``action_triage_start`` keeps it. The side the user said earlier ("I'm at the
        city council") is the triage's answer to whose side they are on, unless this turn says another."""
        reader = tracker.get_slot(READER)
        if presets.get(SIDE) is None and reader:
            presets = {**presets, SIDE: reader}
        logger.info("answer decision=start_triage preset=%s", sorted(k for k, v in presets.items() if v is not None))
        return [
            SlotSet(ANSWER_KIND, "start_triage"),
            SlotSet(OFFERED, None),
            *(SlotSet(s, v) for s, v in presets.items() if v is not None),
        ]


class ActionShowEntry(ActionAnswerQuestion):
    """Show the commitment, principle or topic named by the ``entry_id`` entity (buttons, "show 13.2")."""

    def name(self) -> str:
        return "action_show_entry"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        entry_id = next(tracker.get_latest_entity_values("entry_id"), None)
        text = str(tracker.latest_message.get("text") or "")
        # classified as "show" but naming nothing (a question), or asking for the one after the number named
        typed = not text.startswith("/")
        neighbour = typed and self.assistant.conversation.numbered_neighbour(text, None)
        # (a number the NLU's pattern found inside a date, "13.05.26", is not named: the knowledge's own reading decides)
        numbered = COMMITMENT_ID.fullmatch(str(entry_id)) and (not typed or str(entry_id) in numbers_named(text))
        named = entry_id is not None and (numbered or self.assistant.show(str(entry_id)))
        several = typed and len(set(self.assistant.knowledge.commitments_named(text))) > 1  # "10.1 and 16.1?"
        told = typed and reports_contact(text) is not None  # "sticking with 18.4. we wrote to them in January, no reply"
        misnumbered = typed and self.assistant.conversation.misnumbered(text) is not None  # "is 7.5 the smaller lots one?"
        if neighbour or several or told or misnumbered or not named:
            return super().run(dispatcher, tracker, domain)
        if COMMITMENT_ID.fullmatch(str(entry_id)) and str(entry_id) not in self.assistant.knowledge.commitments:
            # "what does 7.2 say about…": the one described, too
            missing = self.assistant.conversation.missing_number(text) or Move(
                "missing", str(entry_id), Decision("out_of_scope", ())
            )
            send(dispatcher, self.assistant.reply_for(missing, text) or Reply(""), self.voted_on(missing))
            return self.answered(tracker, self.subject(missing), missing=missing.entry)
        reply = self.assistant.show(str(entry_id))
        if reply is None:
            logger.info("show_entry unknown id")
            return [SlotSet(ANSWER_KIND, "not_found")]
        send(dispatcher, reply, str(entry_id))
        return self.answered(tracker, str(entry_id))
