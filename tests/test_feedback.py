"""Votes on answers (bot/feedback.py): what a request may say, which answers can be voted on,
and the vote kept in the conversation with Rasa's own tracker and lock stores; how the channels
carry an answer's vote (the REST collector, Teams' card)."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.feedback import feedback_from, parse_body, record, was_answered
from bot.request_body import Rejected
from bot.rest_channel import WholeMessageCollector
from bot.teams_activity import COMMENT_INPUT, FEEDBACK_DATA, feedback_card, interpret, replies
from compact import feedback
from compact.feedback import Feedback
from compact.wording import say

DOMAIN = Domain.from_yaml(
    """
slots:
  feedback: {type: any, influence_conversation: false, mappings: [{type: custom}]}
  last_entry: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  answered: {type: list, influence_conversation: false, mappings: [{type: custom}]}
"""
)


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"entry": "13.2", "helpful": True}, Feedback("13.2", True)),
        ({"entry": " 13.2 ", "helpful": False, "comment": "  the  dates\n"}, Feedback("13.2", False, "the dates")),
        ({"entry": "13.2", "helpful": False, "comment": "   "}, Feedback("13.2", False)),
        ({"entry": "13.2", "helpful": "yes"}, 400),
        ({"entry": "13.2", "helpful": 1}, 400),
        ({"helpful": True}, 400),
        ({"entry": "", "helpful": True}, 400),
        ({"entry": "x" * 65, "helpful": True}, 400),
        ({"entry": "13.2\x00", "helpful": True}, 400),
        ({"entry": "13.2", "helpful": False, "comment": 5}, 400),
        ({"entry": "13.2", "helpful": False, "comment": "x" * 501}, 413),
    ],
)
def test_a_vote_is_checked_field_by_field(data, expected):
    got = feedback_from(data)
    assert (got.status if isinstance(got, Rejected) else got) == expected


@pytest.mark.parametrize(
    "body, status",
    [(b"", 400), (b"[1]", 400), (b"{", 400), (b'{"entry": "13.2", "helpful": true}', 400), (b'{"sender": 5}', 400)],
)
def test_a_malformed_body_is_refused_with_a_reason(body, status):
    got = parse_body(body)
    assert isinstance(got, Rejected) and got.status == status and got.reason


def test_a_body_names_the_conversation_and_the_vote():
    assert parse_body(b'{"sender": "s1", "entry": "4.1", "helpful": true}') == ("s1", Feedback("4.1", True))


def test_the_value_of_a_vote_is_what_the_report_reads():
    assert Feedback("4.1", False, "dates").value() == {"entry": "4.1", "helpful": False, "comment": "dates"}
    assert Feedback("4.1", True).value() == {"entry": "4.1", "helpful": True}


def conversation(sender: str = "s1", *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, list(events), slots=DOMAIN.slots)


def test_only_an_answer_the_conversation_was_given_can_be_voted_on():
    answered = conversation("s1", UserUttered("q"), BotUttered("13.2 says…", metadata={"feedback": {"entry": "13.2"}}))
    assert was_answered(answered, "13.2") and not was_answered(answered, "4.1")
    plain = conversation("s1", UserUttered("q"), BotUttered("no vote on this one"))
    assert not was_answered(plain, "13.2")
    # after a session restart the answer itself is in an earlier session: the slots carried over say it
    carried = conversation("s1", SlotSet("last_entry", "4.1"), SlotSet("answered", ["13.2", "4.1"]))
    assert was_answered(carried, "4.1") and was_answered(carried, "13.2") and not was_answered(carried, "9.2")


def stores() -> SimpleNamespace:
    return SimpleNamespace(tracker_store=InMemoryTrackerStore(DOMAIN), lock_store=InMemoryLockStore())


def test_a_vote_is_kept_as_an_event_of_that_conversation_and_nothing_else_changes():
    agent = stores()
    given = [ActionExecuted("action_listen"), UserUttered("q"), BotUttered("a", metadata={"feedback": {"entry": "13.2"}})]
    asyncio.run(agent.tracker_store.save(conversation("s1", *given)))
    assert asyncio.run(record(agent, "s1", Feedback("13.2", False, "the dates"))) is None
    kept = asyncio.run(agent.tracker_store.retrieve("s1"))
    assert kept.events[-1] == SlotSet("feedback", {"entry": "13.2", "helpful": False, "comment": "the dates"})
    assert list(kept.events)[:-1] == given
    assert kept.latest_message.text == "q", "the vote is not a turn: the last thing said is still the question"


def test_a_vote_on_an_answer_not_given_or_a_conversation_that_does_not_exist_is_refused():
    agent = stores()
    asyncio.run(agent.tracker_store.save(conversation("s1", BotUttered("a", metadata={"feedback": {"entry": "13.2"}}))))
    not_given = asyncio.run(record(agent, "s1", Feedback("4.1", True)))
    nobody = asyncio.run(record(agent, "someone-else", Feedback("13.2", True)))
    assert isinstance(not_given, Rejected) and not_given.status == 404
    assert isinstance(nobody, Rejected) and nobody.status == 404
    assert asyncio.run(agent.tracker_store.retrieve("someone-else")) is None, "nothing is created for an unknown id"
    assert [e for e in asyncio.run(agent.tracker_store.retrieve("s1")).events if isinstance(e, SlotSet)] == []


def test_the_collector_keeps_an_answers_vote_and_nothing_else():
    collector = WholeMessageCollector()
    asyncio.run(collector.send_text_message("s1", "answer", feedback={"entry": "13.2"}, model_id="m"))
    asyncio.run(collector.send_text_with_buttons("s1", "answer", [{"title": "t", "payload": "/p"}], feedback={"entry": "4.1"}))
    asyncio.run(collector.send_text_message("s1", "no vote"))
    assert [m.get("feedback") for m in collector.messages] == [{"entry": "13.2"}, {"entry": "4.1"}, None]
    assert "model_id" not in collector.messages[0]


def test_teams_shows_a_feedback_card_after_an_answer_that_can_be_voted_on():
    out = replies([{"text": "13.2 says…", "feedback": {"entry": "13.2"}}, {"text": "Want next steps?"}])
    assert [("text" in r, "attachments" in r) for r in out] == [(True, False), (False, True), (True, False)]
    card = out[1]["attachments"][0]["content"]
    yes, no = card["actions"]
    assert yes["type"] == "Action.Submit" and yes["data"] == {FEEDBACK_DATA: {"entry": "13.2", "helpful": True}}
    assert no["type"] == "Action.ShowCard" and no["title"] == say("feedback.no")
    box = no["card"]["body"][0]
    assert box["type"] == "Input.Text" and box["id"] == COMMENT_INPUT and box["label"] == say("feedback.missing")
    assert no["card"]["actions"][0]["data"] == {FEEDBACK_DATA: {"entry": "13.2", "helpful": False}}
    json.dumps(card)  # plain JSON, as the connector sends it


def test_a_vote_from_the_card_comes_back_as_feedback_with_the_typed_comment():
    sent = {"type": "message", "value": {FEEDBACK_DATA: {"entry": "13.2", "helpful": False}, COMMENT_INPUT: "the dates"}}
    got = interpret(sent)
    assert got.kind == "feedback" and got.vote == {"entry": "13.2", "helpful": False, "comment": "the dates"}
    assert feedback_from(got.vote) == Feedback("13.2", False, "the dates")
    assert interpret({"type": "message", "text": "hello", "value": {FEEDBACK_DATA: "junk"}}).kind == "message"


def test_the_feedback_card_uses_only_adaptive_card_1_4_elements():
    card = feedback_card("4.1")["content"]
    assert card["version"] == "1.4"
    kinds = {card["body"][0]["type"], *(a["type"] for a in card["actions"]), card["actions"][1]["card"]["body"][0]["type"]}
    assert kinds == {"TextBlock", "Action.Submit", "Action.ShowCard", "Input.Text"}


def test_the_module_names_the_domains_slot():
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).parent.parent / "bot" / "domain" / "domain.yml").read_text())
    slot = domain["slots"][feedback.FEEDBACK]
    assert slot["influence_conversation"] is False, "a vote never changes what the assistant does next"
