"""Votes on answers, end to end over HTTP against the real running assistant: kept in the
conversation's SQLite store, refused for an answer not given or a conversation not one's own,
and never a turn (the conversation carries on where it was)."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
import requests

from tests.rest_client import new_widget_conversation, say, text_of

QUESTION = "how much notice before funding ends?"


def votes(db, sender: str) -> list[dict]:
    """The votes cast, without the copies a new session carries over (as the owners' report reads them)."""
    with sqlite3.connect(db) as c:
        rows = c.execute("select type_name, data from events where sender_id = ? order by id", (sender,)).fetchall()
    found, carried = [], False
    for kind, data in rows:
        carried = kind == "session_started" or (carried and kind != "action")
        event = json.loads(data)
        if kind == "slot" and event["name"] == "feedback" and not carried:
            found.append(event["value"])
    return found


def vote(url: str, body: dict | bytes) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body)
    return requests.post(url, data=data, headers={"Content-Type": "text/plain;charset=UTF-8"}, timeout=30)


def test_an_answer_names_what_a_vote_on_it_is_about_and_the_vote_is_kept(bot):
    servers, db = bot
    sender = f"vote-{uuid.uuid4().hex}"
    answer = say(bot, QUESTION, sender)
    assert answer[0]["feedback"] == {"entry": "13.2"} and "Commitment 13.2" in answer[0]["text"]
    assert all("feedback" not in m for m in answer[1:]), "only the answer, not the offer after it"
    url = f"{servers.url}/webhooks/rest/feedback"
    assert vote(url, {"sender": sender, "entry": "13.2", "helpful": False}).status_code == 200
    assert vote(url, {"sender": sender, "entry": "13.2", "helpful": False, "comment": "the dates"}).json() == {"recorded": True}
    assert votes(db, sender) == [{"entry": "13.2", "helpful": False}, {"entry": "13.2", "helpful": False, "comment": "the dates"}]


def test_a_vote_does_not_interrupt_the_conversation(bot):
    servers, _ = bot
    sender = f"vote-{uuid.uuid4().hex}"
    say(bot, QUESTION, sender)
    assert vote(f"{servers.url}/webhooks/rest/feedback", {"sender": sender, "entry": "13.2", "helpful": True}).status_code == 200
    after = text_of(say(bot, "what about us?", sender))
    assert "13.2" in after, "the follow-up is still read against the answer voted on"


@pytest.mark.parametrize(
    "body, status",
    [
        (b"", 400),
        (b"[]", 400),
        ({"sender": "SENDER", "entry": "4.1", "helpful": True}, 404),  # an answer this conversation was not given
        ({"sender": "someone-else", "entry": "13.2", "helpful": True}, 404),  # another conversation (or none)
        ({"sender": "SENDER", "entry": "13.2", "helpful": "yes"}, 400),
        ({"sender": "SENDER", "entry": "13.2", "helpful": False, "comment": "x" * 501}, 413),
        ({"sender": "widget:SENDER", "entry": "13.2", "helpful": True}, 400),  # the widget's namespace
    ],
)
def test_bad_votes_get_a_4xx_with_a_reason_and_nothing_is_kept(bot, body, status):
    servers, db = bot
    sender = f"vote-{uuid.uuid4().hex}"
    say(bot, QUESTION, sender)
    if isinstance(body, dict):
        body = json.dumps(body).replace("SENDER", sender).encode()
    r = vote(f"{servers.url}/webhooks/rest/feedback", body)
    assert r.status_code == status and r.json()["error"]
    assert votes(db, sender) == []


def test_the_widget_votes_with_its_own_signed_conversation_only(bot):
    servers, db = bot
    token = new_widget_conversation(servers.url)
    r = requests.post(f"{servers.url}/widget/webhook", data=json.dumps({"sender": token, "message": QUESTION}), timeout=30)
    assert r.json()[0]["feedback"] == {"entry": "13.2"}
    url = f"{servers.url}/widget/feedback"
    assert vote(url, {"sender": "made-up", "entry": "13.2", "helpful": True}).status_code == 401
    assert vote(url, {"sender": new_widget_conversation(servers.url), "entry": "13.2", "helpful": True}).status_code == 404
    assert vote(url, {"sender": token, "entry": "13.2", "helpful": True}).status_code == 200
    with sqlite3.connect(db) as c:
        stored = c.execute("select data from events where type_name = 'slot' and data like '%\"feedback\"%'").fetchall()
    assert any(json.loads(d)["value"] == {"entry": "13.2", "helpful": True} for (d,) in stored)


def test_a_typed_verdict_is_kept_as_the_same_vote_a_button_gives(bot):
    _, db = bot
    sender = f"vote-{uuid.uuid4().hex}"
    say(bot, QUESTION, sender)
    reply = text_of(say(bot, "that doesn't answer my question - what about a contract?", sender))
    assert votes(db, sender) == [{"entry": "13.2", "helpful": False, "comment": "what about a contract?"}]
    assert "13.2" in reply, "the question after the verdict is answered in context"
