"""Teams, end to end: signed activities to the real running assistant; replies arrive at the
Bot Framework stand-in's connector. Forged or mismatched requests are refused and never reach
the bot."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid

import pytest
import requests

from bot.teams_activity import FEEDBACK_DATA
from bot.teams_activity import sender_id as keyed_sender_id
from tests.botframework_standin import BOT_ID, new_key
from tests.server_secret import SERVER_SECRET

QUESTION = "how much notice before funding ends?"


@pytest.fixture
def teams(bot, botframework):
    servers, db = bot
    url = f"{servers.url}/webhooks/teams/webhook"

    def post(activity: dict, token: str | None = "default", **headers: str) -> requests.Response:
        if token == "default":
            token = botframework.token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.post(url, json=activity, headers=headers, timeout=30)

    post.db = db
    return post


def sender_id(activity: dict) -> str:
    return keyed_sender_id(activity, SERVER_SECRET.encode())


def conversation_of(activity: dict) -> str:
    return activity["conversation"]["id"]


def card_of(reply: dict) -> dict:
    return reply["attachments"][0]["content"]


def text_of(reply: dict) -> str:
    if "attachments" in reply:
        return " ".join(block["text"] for block in card_of(reply)["body"])
    return reply["text"]


def is_feedback_card(reply: dict) -> bool:
    return "attachments" in reply and any(FEEDBACK_DATA in str(a.get("data")) for a in card_of(reply)["actions"])


def stored_senders(db) -> set[str]:
    with sqlite3.connect(db) as c:
        return {row[0] for row in c.execute("select distinct sender_id from events")}


def test_a_signed_message_gets_a_reply_in_the_same_conversation(teams, botframework):
    activity = botframework.activity(QUESTION)
    assert teams(activity).status_code == 200
    sent = botframework.sent_to(conversation_of(activity))
    assert sent[0]["type"] == "typing", "a typing indicator while it works"
    reply = sent[1]
    assert reply["replyToId"] == activity["id"] and reply["conversation"]["id"] == conversation_of(activity)
    assert reply["from"]["id"] == BOT_ID and reply["recipient"]["id"] == "29:user-1"
    assert "Commitment 13.2" in text_of(reply)


def test_the_bots_mention_is_stripped_in_a_channel(teams, botframework):
    mention = "<at>Compact assistant</at>"
    activity = botframework.activity(
        f"{mention} {QUESTION}",
        conversation=f"19:{uuid.uuid4().hex}@thread.tacv2;messageid=1",
        kind="channel",
        entities=[{"type": "mention", "text": mention, "mentioned": {"id": BOT_ID, "name": "Compact assistant"}}],
    )
    assert teams(activity).status_code == 200
    assert "Commitment 13.2" in text_of(botframework.messages_to(conversation_of(activity))[0])


def test_a_welcome_with_example_buttons_when_the_bot_is_added(teams, botframework):
    activity = botframework.activity(type="conversationUpdate", membersAdded=[{"id": BOT_ID}])
    del activity["text"]
    assert teams(activity).status_code == 200
    welcome = botframework.messages_to(conversation_of(activity))
    assert len(welcome) == 1 and "Compact" in text_of(welcome[0])
    assert [a["title"] for a in card_of(welcome[0])["actions"]]


def test_someone_else_joining_gets_no_welcome(teams, botframework):
    activity = botframework.activity(type="conversationUpdate", membersAdded=[{"id": "29:another-user"}])
    assert teams(activity).status_code == 200
    assert botframework.sent_to(conversation_of(activity)) == []


def test_buttons_are_an_adaptive_card_and_a_click_comes_back_as_a_message(teams, botframework):
    activity = botframework.activity(QUESTION)
    teams(activity)
    card = card_of(next(r for r in botframework.messages_to(conversation_of(activity)) if "attachments" in r))
    assert card["type"] == "AdaptiveCard" and 1 <= len(card["actions"]) <= 6
    action = card["actions"][0]
    back = action["data"]["msteams"]
    assert action["type"] == "Action.Submit" and back["type"] == "messageBack" and back["displayText"] == action["title"]
    click = botframework.activity(back["text"], conversation=conversation_of(activity), value=json.loads(back["value"]))
    assert teams(click).status_code == 200
    answer = [m for m in botframework.messages_to(conversation_of(activity)) if not is_feedback_card(m)][-1]
    cited = action["title"].split(":")[0]
    assert f"Commitment {cited}" in text_of(answer) or cited in text_of(answer)


def test_a_breach_triage_in_teams(teams, botframework):
    conversation = f"a:{uuid.uuid4().hex}"

    def say(text: str = "", **fields) -> dict:
        before = len(botframework.messages_to(conversation))
        assert teams(botframework.activity(text, conversation=conversation, **fields)).status_code == 200
        return botframework.messages_to(conversation)[before:][-1]

    def click(reply: dict, title_start: str) -> dict:
        action = next(a for a in card_of(reply)["actions"] if a["title"].startswith(title_start))
        back = action["data"]["msteams"]
        return say(back["text"], value=json.loads(back["value"]))

    say("I want to report a breach of the Compact")
    say("The council told us on 1 March 2026 that our grant ends on 15 March 2026")
    found = "\n".join(text_of(m) for m in botframework.messages_to(conversation)[-2:])
    assert "Commitment 13.2" in found and "2 weeks" in found, "the commitment and the dates, read from the story"
    reply = say("we emailed them, no reply")  # typed, as in the widget
    for _ in range(2):
        reply = click(reply, "Yes, but it's not resolved")  # or with the card's buttons
    reply = click(reply, "A written explanation")
    assert "Subject:" in text_of(reply) and "13.2" in text_of(reply)


def test_each_chat_and_channel_keeps_its_own_conversation(teams, botframework):
    personal = botframework.activity("I want to report a breach of the Compact")
    teams(personal)
    assert "What happened?" in text_of(botframework.messages_to(conversation_of(personal))[-1])
    group = botframework.activity(QUESTION, kind="groupChat", conversation=f"19:{uuid.uuid4().hex}@thread.v2")
    teams(group)
    assert "Commitment 13.2" in text_of(botframework.messages_to(conversation_of(group))[0]), "not the triage's question"
    assert sender_id(personal) != sender_id(group)


def test_an_edit_gets_a_polite_note_and_a_reaction_is_ignored(teams, botframework):
    edit = botframework.activity("how long is a consultation?", type="messageUpdate")
    assert teams(edit).status_code == 200
    assert "new message" in text_of(botframework.messages_to(conversation_of(edit))[0])
    reaction = botframework.activity(type="messageReaction", reactionsAdded=[{"type": "like"}])
    assert teams(reaction).status_code == 200
    assert botframework.sent_to(conversation_of(reaction)) == []
    assert sender_id(reaction) not in stored_senders(teams.db)


def test_replies_are_retried_when_the_connector_is_busy(teams, botframework):
    botframework.fail_next[:] = [429, 503]
    activity = botframework.activity(QUESTION)
    assert teams(activity).status_code == 200
    assert any("Commitment 13.2" in text_of(r) for r in botframework.messages_to(conversation_of(activity)))


OTHER_KEY = new_key()


@pytest.mark.parametrize(
    "attack, token, change",
    [
        ("no token", None, {}),
        ("not a JWT", "not-a-jwt", {}),
        ("signed with another key under the real key id", lambda bf: bf.token(key=OTHER_KEY), {}),
        ("unknown key id", lambda bf: bf.token(key=OTHER_KEY, kid="attacker-key"), {}),
        ("no key id", lambda bf: bf.token(kid=None), {}),
        ("HS256 instead of RS256", lambda bf: bf.token(algorithm="HS256"), {}),
        ("wrong issuer", lambda bf: bf.token(iss="https://sts.windows.net/attacker/"), {}),
        ("wrong audience", lambda bf: bf.token(aud="another-bots-app-id"), {}),
        ("expired", lambda bf: bf.token(exp=int(time.time()) - 600), {}),
        ("not yet valid", lambda bf: bf.token(nbf=int(time.time()) + 600), {}),
        ("no expiry", lambda bf: bf.token(exp=None), {}),
        ("serviceUrl differs from the token's", lambda bf: bf.token(), {"serviceUrl": "https://attacker.example/"}),
        ("token without serviceurl", lambda bf: bf.token(serviceurl=None), {}),
        ("channel the key is not endorsed for", lambda bf: bf.token(), {"channelId": "webchat"}),
        ("Basic instead of Bearer", "Basic dXNlcjpwYXNz", {}),
    ],
)
def test_forged_or_mismatched_requests_are_refused_and_never_reach_the_bot(teams, botframework, attack, token, change):
    activity = {**botframework.activity(QUESTION), **change}
    if callable(token):
        token = token(botframework)
    if token and token.startswith("Basic"):
        r = teams(activity, token=None, Authorization=token)
    else:
        r = teams(activity, token=token)
    assert r.status_code == 401, attack
    assert r.json() == {"error": "not authenticated"}
    time.sleep(0.2)
    assert botframework.sent_to(conversation_of(activity)) == [], "nothing was sent"
    assert sender_id(activity) not in stored_senders(teams.db), "the bot never saw it"


def test_every_command_in_the_app_package_gets_a_fitting_answer(teams, botframework, knowledge):
    from scripts.teams_app import manifest

    commands = manifest("8f14e45f-ceea-4e7a-9b1d-2c3d4e5f6a7b", "compact.example.gov.uk", knowledge, {})["bots"][0][
        "commandLists"
    ][0]["commands"]
    for command in commands:
        activity = botframework.activity(command["title"])
        assert teams(activity).status_code == 200
        answer = text_of(botframework.messages_to(conversation_of(activity))[0])
        if command["description"].startswith("Commitment "):
            assert command["description"].split(":")[0] in answer, command["title"]
        elif command["title"].startswith("Report a breach"):
            assert "What happened?" in " ".join(text_of(m) for m in botframework.messages_to(conversation_of(activity)))
        else:
            assert "I answer questions" in answer, command["title"]


def test_an_answer_is_followed_by_a_feedback_card_whose_vote_is_kept_and_thanked(teams, botframework):
    activity = botframework.activity(QUESTION)
    teams(activity)
    conversation = conversation_of(activity)
    card = card_of(next(m for m in botframework.messages_to(conversation) if is_feedback_card(m)))
    no = next(a for a in card["actions"] if a["type"] == "Action.ShowCard")
    # Teams sends the card's data with the typed box's value beside it, as a message with no text
    sent = {**no["card"]["actions"][0]["data"], no["card"]["body"][0]["id"]: "what if it's a contract?"}
    vote = botframework.activity("", conversation=conversation, value=sent)
    assert teams(vote).status_code == 200
    assert text_of(botframework.messages_to(conversation)[-1]) == "Thanks for your feedback."
    with sqlite3.connect(teams.db) as c:
        rows = c.execute("select data from events where sender_id = ? and type_name = 'slot'", (sender_id(activity),)).fetchall()
    kept = [json.loads(d)["value"] for (d,) in rows if json.loads(d)["name"] == "feedback"]
    assert kept == [{"entry": "13.2", "helpful": False, "comment": "what if it's a contract?"}]
    other = botframework.activity("", value={FEEDBACK_DATA: {"entry": "4.1", "helpful": True}})  # never answered there
    teams(other)
    assert "couldn't keep" in text_of(botframework.messages_to(conversation_of(other))[-1])
