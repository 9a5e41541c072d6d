"""An answer tells Rasa to listen next (``then_listen`` in actions/answering.py) instead of Rasa
running its policies to find that out: checked here against the trained model's own prediction,
for every intent, each answering action, a first message and a later one, with and without an
entry named, and with a triage running (where the form, not listening, comes next)."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop as SdkActiveLoop
from rasa_sdk.events import FollowupAction
from rasa_sdk.events import SlotSet as SdkSlotSet

from actions.answering import then_listen
from scripts.servers import ROOT

ANSWERING = ("action_answer_question", "action_show_entry")


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(str(ROOT / "models" / "compact.tar.gz"))


def said(intent: str, entry: bool) -> UserUttered:
    entities = [{"entity": "entry_id", "value": "13.2", "start": 0, "end": 4}] if entry else []
    parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities, "text": "words"}
    return UserUttered("words", parse["intent"], entities, parse)


def answered(action: str) -> list[Event]:
    return [ActionExecuted(action), SlotSet("answer_kind", "answered")]


def predicted(agent: Agent, events: list[Event]) -> str:
    start = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("listening", start + events, agent.domain.slots)
    prediction = agent.processor._predict_next_with_tracker(tracker)
    return agent.domain.action_names_or_texts[prediction.max_confidence_index]


def test_after_an_answer_with_no_triage_running_rasa_would_listen(agent: Agent) -> None:
    """What ``then_listen`` tells Rasa is what Rasa's own rules predict: for each message (an
    intent, with or without an entry named, first or after an answer) that Rasa gives to an
    answering action, what it predicts once that action has answered."""
    earlier = [said("ask_compact", False), *answered("action_answer_question"), ActionExecuted("action_listen")]
    after: dict[tuple[int, str, bool, str], str] = {}
    for before in ([], earlier):
        for intent in agent.domain.intents:
            for entry in (False, True):
                message = [*before, said(intent, entry)]
                action = predicted(agent, message)
                if action in ANSWERING:
                    after[(len(before), intent, entry, action)] = predicted(agent, [*message, *answered(action)])
    assert {case for case, action in after.items() if action != "action_listen"} == set()
    assert {case[3] for case in after} == set(ANSWERING) and len(after) > 40


def test_with_a_triage_running_the_form_comes_next_so_no_listening_is_told(agent: Agent) -> None:
    running = [ActiveLoop("triage_form")]
    assert predicted(agent, [*running, said("ask_compact", False), *answered("action_answer_question")]) == "triage_form"
    tracker = Tracker("t", {}, {}, [], False, None, {"name": "triage_form"}, "action_listen")
    assert then_listen([SdkSlotSet("answer_kind", "answered")], tracker) == [SdkSlotSet("answer_kind", "answered")]


def quiet() -> Tracker:
    return Tracker("t", {}, {}, [], False, None, {}, "action_listen")


@pytest.mark.parametrize("kind", ["out_of_scope", "start_triage", "said_goodbye", "capabilities", "legal", "not_found"])
def test_a_reply_the_rules_follow_with_more_tells_nothing(kind: str) -> None:
    assert then_listen([SdkSlotSet("answer_kind", kind)], quiet()) == [SdkSlotSet("answer_kind", kind)]


def test_only_the_last_kind_set_counts_and_listening_is_told_once() -> None:
    answered = [SdkSlotSet("answer_kind", "answered")]
    assert then_listen(answered, quiet()) == [*answered, FollowupAction("action_listen")]
    legal = [*answered, SdkSlotSet("answer_kind", "legal")]
    assert then_listen(legal, quiet()) == legal
    told = then_listen(answered, quiet())
    assert then_listen(told, quiet()) == told  # (action_show_entry answers through action_answer_question's run)
    starting = [*answered, SdkActiveLoop("triage_form")]
    assert then_listen(starting, quiet()) == starting
