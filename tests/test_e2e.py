"""End to end: the trained assistant and the action server, started for real, over REST."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
import requests
import yaml

from eval.evaluate import cited_ids, judge
from tests.rest_client import reply, say, text_of

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "data" / "public_example_questions.yaml"  # the public examples (tests/data/README.md)


def test_greeting(bot):
    assert "Derby and Derbyshire Compact" in text_of(say(bot, "hello"))


def test_answer_with_citation_wording_and_buttons(bot, knowledge):
    messages = say(bot, "how much notice must they give when ending funding?")
    text, payloads = reply(messages)
    assert cited_ids((text, payloads), knowledge)[0] == "13.2"
    assert "statutory sector commitment" in text and knowledge.commitments["13.2"].text in text
    assert any('"13.1"' in p for p in payloads) and any(p.startswith("/report_breach") for p in payloads)


def test_button_click_shows_the_related_commitment(bot):
    text = text_of(say(bot, '/show_entry{"entry_id": "13.1"}'))
    assert text.count("**Commitment 13.1**") == 1


def test_a_commitment_number_the_draft_does_not_have_is_said_so(bot):
    text = text_of(say(bot, '/show_entry{"entry_id": "7.2"}'))
    assert text.startswith("There is no Commitment 7.2 in the draft.") and "**Commitment" not in text
    messages = say(bot, "what does commitment 21.4 say about paying our invoices late?")
    assert "There is no Commitment 21.4 in the draft." in text_of(messages) and "Commitment 11.2" in text_of(messages)


def test_out_of_scope_cites_nothing_and_says_what_it_can_do(bot, knowledge):
    messages = say(bot, "when is my green bin collected")
    assert not cited_ids(reply(messages), knowledge)
    assert "Compact" in text_of(messages)


def test_vague_question_gets_one_clarifying_question(bot, knowledge):
    messages = say(bot, "funding")
    text, payloads = reply(messages)
    assert "say a little more" in text and 2 <= len(payloads) <= 3
    # the candidates are in the text too, so typing "the second one" works without the buttons
    assert cited_ids((text, []), knowledge) == cited_ids(("", payloads), knowledge)


def test_contacts_are_to_be_added(bot):
    assert "not added contact details yet" in text_of(say(bot, "can I talk to a real person please"))


def test_conversation_is_stored_in_the_sqlite_tracker(bot):
    sender = f"persist-{uuid.uuid4().hex}"
    say(bot, "hello", sender)
    say(bot, "what is the compact?", sender)
    with sqlite3.connect(bot[1]) as db:
        rows = db.execute("select type_name, data from events where sender_id = ?", (sender,)).fetchall()
    users = [json.loads(d)["text"] for t, d in rows if t == "user"]
    assert users == ["hello", "what is the compact?"]


def test_public_example_questions(bot, knowledge):
    examples = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))["questions"]
    failures = [q["q"] for q in examples if not all(judge(q, reply(say(bot, q["q"])), knowledge).values())]
    assert not failures, failures


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"", 400),
        (b"{oops", 400),
        (b"[]", 400),
        (json.dumps({"message": "hi"}).encode(), 400),
        (json.dumps({"sender": "x", "message": "a" * 100_000}).encode(), 413),
    ],
)
def test_malformed_requests_get_a_4xx_with_a_reason(bot, raw, status):
    r = requests.post(f"{bot[0].url}/webhooks/rest/webhook", data=raw, headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == status and r.json()["error"]


@pytest.mark.parametrize(
    "text", ["", "   ", "<img src=x onerror=alert(1)>", "👍👍🙂", "¿Dónde puedo pagar una multa?", "\x00\x01"]
)
def test_odd_messages_get_a_polite_reply_and_are_never_echoed(bot, text):
    messages = say(bot, text)
    assert messages and all("onerror" not in m.get("text", "") for m in messages)


def listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on a TCP port, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_both_servers_listen_on_loopback_only(bot):
    loopback = "0100007F"  # 127.0.0.1, as /proc/net/tcp prints it
    for url in (bot[0].url, bot[0].action_url):
        assert listening_addresses(int(url.rsplit(":", 1)[1])) == {loopback}, url
