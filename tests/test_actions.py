"""The rasa-sdk actions, run with a real Tracker and CollectingDispatcher."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerQuestion, ActionContacts, ActionShowEntry


def tracker(text: str, intent: str = "ask_compact", confidence: float = 0.9, entities: list | None = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": entities or []}
    return Tracker("test-user", {}, message, [], False, None, {}, "action_listen")


@pytest.fixture
def run(assistant):
    def go(action_cls, t: Tracker):
        dispatcher = CollectingDispatcher()
        events = action_cls(assistant).run(dispatcher, t, {})
        return dispatcher.messages, events
    return go


def test_answer_cites_the_commitment(run):
    messages, events = run(ActionAnswerQuestion, tracker("minimum notice in writing before a funding relationship ends"))
    assert "**Commitment 13.2**" in messages[0]["text"] and messages[0]["buttons"]
    assert events == [SlotSet("answer_kind", "answered")]


def test_out_of_scope_sends_nothing_and_lets_the_rule_answer(run):
    messages, events = run(ActionAnswerQuestion, tracker("book a table for two", "out_of_scope", 0.95))
    assert messages == [] and events == [SlotSet("answer_kind", "out_of_scope")]


def test_show_entry_from_a_button(run):
    messages, events = run(ActionShowEntry, tracker('/show_entry{"entry_id": "12.9"}', "show_entry", 1.0,
                                                   [{"entity": "entry_id", "value": "12.9"}]))
    assert "**Commitment 12.9**" in messages[0]["text"] and events == [SlotSet("answer_kind", "answered")]


def test_show_entry_with_an_unknown_number(run):
    messages, events = run(ActionShowEntry, tracker("show 7.2", "show_entry", 0.9, [{"entity": "entry_id", "value": "7.2"}]))
    assert messages == [] and events == [SlotSet("answer_kind", "not_found")]


def test_show_entry_without_a_number_answers_the_question(run):
    messages, events = run(ActionShowEntry, tracker("show me the rules on underspend", "show_entry", 0.6))
    assert messages and events == [SlotSet("answer_kind", "answered")]


def test_contacts_say_they_are_to_be_added(run):
    messages, _ = run(ActionContacts, tracker("can I talk to a person", "human_handoff"))
    text = messages[0]["text"]
    assert "automated assistant" in text and "not added contact details yet" in text and "critical friend" in text


def test_a_stale_button_payload_is_not_treated_as_a_question(run):
    messages, events = run(ActionAnswerQuestion, tracker('/triage_answer{"triage_value": "resolved"}', "triage_answer", 1.0))
    assert messages == [] and events == [SlotSet("answer_kind", "not_found")]


@pytest.mark.parametrize("question", ["can we take the council to court", "can we sue the council", "is the compact legally binding"])
def test_a_legal_question_is_not_answered_as_advice(run, question):
    messages, events = run(ActionAnswerQuestion, tracker(question, "legal_advice", 0.8))
    assert messages == [] and events == [SlotSet("answer_kind", "legal")]


def test_a_compact_question_that_looks_legal_is_still_answered(run):
    messages, events = run(ActionAnswerQuestion, tracker("can we include our overheads and core costs in the bid", "legal_advice", 0.5))
    assert "**Commitment 8.1**" in messages[0]["text"] and events == [SlotSet("answer_kind", "answered")]


def test_control_words_outside_the_triage(run):
    _, events = run(ActionAnswerQuestion, tracker("stop", "stop", 0.9))
    assert events == [SlotSet("answer_kind", "control")]
    messages, events = run(ActionAnswerQuestion, tracker("they stopped our grant without any notice in writing", "stop", 0.5))
    assert "**Commitment 13.2**" in messages[0]["text"] and events == [SlotSet("answer_kind", "answered")]
