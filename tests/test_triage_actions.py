"""The triage's rasa-sdk actions with inline trackers: what fills a slot, what is left to the rules."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.triage import ActionTriageBack, ActionTriageStart, ActionTriageStop, ActionTriageSummary, ValidateTriageForm
from compact.triage import SLOTS

DOMAIN = {"forms": {"triage_form": {"required_slots": list(SLOTS)}},
          "slots": {s: {"type": "text", "mappings": [{"type": "custom"}]} for s in SLOTS}}


def form_tracker(text: str, requested: str | None, intent: str = "ask_compact", entities: list | None = None,
                 after: str | None = None, **slots: str) -> Tracker:
    """A tracker as Rasa sends it to the form's actions: the user's message, then the form's event."""
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": message}]
    if after:  # a side question was answered before the form runs again
        events.append({"event": "action", "name": after})
    events.append({"event": "action", "name": "triage_form"})
    values = {s: None for s in SLOTS} | {f"triage_{k}": v for k, v in slots.items()} | {"requested_slot": requested}
    return Tracker("test-user", values, message, events, False, None, {"name": "triage_form"}, "triage_form")


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, DOMAIN)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return dispatcher.messages, events


@pytest.fixture
def validate(assistant):
    return ValidateTriageForm(assistant)


def test_a_description_fills_its_slot_and_the_commitment_is_asked_next(validate):
    messages, events = run(validate, form_tracker("The council gave us two weeks' notice that our grant is ending", "triage_description"))
    assert SlotSet("triage_description", "The council gave us two weeks' notice that our grant is ending") in events
    assert events[-1] == SlotSet("requested_slot", "triage_commitment") and messages == []


def test_a_button_value_fills_the_slot(validate):
    t = form_tracker('/triage_answer{"triage_value": "13.2"}', "triage_commitment", "triage_answer",
                     [{"entity": "triage_value", "value": "13.2"}], description="notice too short")
    _, events = run(validate, t)
    assert SlotSet("triage_commitment", "13.2") in events and events[-1] == SlotSet("requested_slot", "triage_start")


def test_an_unreadable_date_is_asked_again_with_the_reason(validate):
    t = form_tracker("31 April 2026", "triage_start", description="d", commitment="13.2")
    messages, events = run(validate, t)
    assert SlotSet("triage_start", None) in events and "no 31 April" in messages[0]["text"]


@pytest.mark.parametrize("text, intent", [("stop", "stop"), ("go back", "go_back"), ("start again", "start_over"),
                                          ("how long should a consultation last?", "ask_compact"),
                                          ('/show_entry{"entry_id": "4.8"}', "show_entry")])
def test_control_words_and_side_questions_are_left_to_the_rules(validate, text, intent):
    _, events = run(validate, form_tracker(text, "triage_start", intent, description="d", commitment="13.2"))
    assert not [e for e in events if e["name"] != "requested_slot"]  # nothing filled: the form is rejected


def test_a_long_answer_using_a_control_word_is_still_an_answer(validate):
    text = "they said stop all the funding from next month without telling us why"
    _, events = run(validate, form_tracker(text, "triage_description", "stop"))
    assert SlotSet("triage_description", text) in events


def test_coming_back_after_a_side_question_does_not_reread_it(validate):
    t = form_tracker("how long should a consultation last?", "triage_start", after="action_answer_question",
                     description="d", commitment="13.2")
    _, events = run(validate, t)
    assert events == [SlotSet("requested_slot", "triage_start")]


def test_start_from_a_commitment_button_presets_it(assistant):
    t = form_tracker('/report_breach{"entry_id": "13.2"}', None, "report_breach", [{"entity": "entry_id", "value": "13.2"}])
    messages, events = run(ActionTriageStart(assistant), t)
    assert SlotSet("triage_commitment", "13.2") in events and "only for this conversation" in messages[0]["text"]


def test_start_from_a_description_does_not_ask_again(assistant):
    text = "I want to report that the council gave us two weeks' notice before ending our grant"
    _, events = run(ActionTriageStart(assistant), form_tracker(text, None, "report_breach"))
    assert SlotSet("triage_description", text) in events


def test_start_from_a_bare_request_asks_what_happened(assistant):
    _, events = run(ActionTriageStart(assistant), form_tracker("I want to report a breach", None, "report_breach"))
    assert events == []
    _, events = run(ActionTriageStart(assistant), form_tracker("start again", "triage_step1", "report_breach", description="d", commitment="13.2"))
    assert sorted(e["name"] for e in events) == ["requested_slot", "triage_commitment", "triage_description"]
    assert all(e["value"] is None for e in events), "a new start forgets the last one's answers"
    _, events = run(ActionTriageStart(assistant), form_tracker("a charity we fund has broken the compact", None, "report_breach"))
    assert SlotSet("triage_side", "statutory") in events  # who acted is known: the side is not asked


def test_back_and_stop(assistant):
    t = form_tracker("back", "triage_step1", "go_back", description="d", commitment="13.2", start="2 weeks")
    messages, events = run(ActionTriageBack(assistant), t)
    assert events[0] == SlotSet("triage_start", None) and "Going back" in messages[0]["text"]
    messages, events = run(ActionTriageStop(assistant), form_tracker("stop", None, "stop", description="d"))
    assert events == [SlotSet("triage_description", None)], "only what holds a value is emptied"
    assert "critical friend" not in messages[0]["text"] and "step" not in messages[0]["text"].lower()


def test_summary_sends_the_letter_and_a_download(assistant):
    t = form_tracker("explanation", None, description="d", commitment="13.2", start="2 weeks", step1="not_tried",
                     outcome="explanation")
    messages, _ = run(ActionTriageSummary(assistant), t)
    assert "**Your summary.**" in messages[0]["text"] and "Subject:" in messages[1]["text"]
    download = messages[2]["custom"]
    assert download["type"] == "download" and download["filename"] == "compact-13.2-message.txt"
    assert download["content"] in messages[1]["text"]
