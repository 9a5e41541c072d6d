"""Teams activities as plain functions: what an activity asks, mention stripping, conversations,
and the bot's messages as Teams activities and Adaptive Cards."""

from __future__ import annotations

import json

import pytest

from bot.teams_activity import (
    MAX_ACTIONS_PER_CARD,
    Incoming,
    addressed,
    button_payload,
    interpret,
    replies,
    sender_id as keyed_sender_id,
    strip_mentions,
)
from bot.teams_channel import parse_activity, settings_from
from compact.settings import from_environment

BOT = {"id": "28:bot", "name": "Compact assistant"}


def activity(**fields) -> dict:
    return {
        "type": "message",
        "id": "1",
        "channelId": "msteams",
        "serviceUrl": "https://smba.example/emea/",
        "from": {"id": "29:u", "aadObjectId": "aad-u"},
        "recipient": BOT,
        "conversation": {"id": "a:1"},
        **fields,
    }


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        (
            "<at>Compact assistant</at> how long is a consultation?",
            [{"type": "mention", "text": "<at>Compact assistant</at>", "mentioned": BOT}],
            "how long is a consultation?",
        ),
        ("<at>Compact assistant</at>&nbsp;notice periods", [], "notice periods"),
        (
            "ask <at>Jo Bloggs</at> about grants",
            [{"type": "mention", "text": "<at>Jo Bloggs</at>", "mentioned": {"id": "29:jo"}}],
            "ask Jo Bloggs about grants",
        ),
        ("plain question", None, "plain question"),
    ],
)
def test_the_bots_mention_is_stripped_and_others_kept(text, entities, expected):
    assert strip_mentions(text, activity(entities=entities)) == expected


def test_what_an_activity_asks():
    assert interpret(activity(text="hello")) == Incoming("message", "hello")
    assert interpret(activity(text="13.2: Where…", value={"payload": '/show_entry{"entry_id": "13.2"}'})) == Incoming(
        "message", '/show_entry{"entry_id": "13.2"}'
    )
    assert interpret(activity(text="x", value=json.dumps({"payload": "/greet"}))).text == "/greet"
    assert interpret(activity(type="conversationUpdate", membersAdded=[BOT])).kind == "welcome"
    assert interpret(activity(type="conversationUpdate", membersAdded=[{"id": "29:someone"}])).kind == "ignore"
    assert interpret(activity(type="messageUpdate", text="edited")).kind == "edited"
    for kind in ("messageReaction", "messageDelete", "typing", "installationUpdate", "invoke", None):
        assert interpret(activity(type=kind)).kind == "ignore"


@pytest.mark.parametrize("value", [None, "not json", {"payload": ""}, {"payload": 3}, ["x"], {"other": "/greet"}])
def test_a_value_without_a_payload_is_not_a_button(value):
    assert button_payload(value) is None


def sender_id(a: dict, secret: bytes = b"k" * 32) -> str:
    return keyed_sender_id(a, secret)


def test_each_conversation_and_user_has_its_own_rasa_conversation():
    one = sender_id(activity())
    assert one == sender_id(activity(text="other text")) and one.startswith("teams:") and len(one) < 64
    assert sender_id(activity(), b"another server's secret, 32+ chars") != one, "keyed: not computable without it"
    assert sender_id(activity(conversation={"id": "19:chat@thread.v2"})) != one
    assert sender_id(activity(conversation={"id": "19:c@thread.tacv2;messageid=2"})) != sender_id(
        activity(conversation={"id": "19:c@thread.tacv2;messageid=3"})
    ), "each channel thread"
    assert sender_id(activity(**{"from": {"id": "29:v", "aadObjectId": "aad-v"}})) != one
    assert "aad-u" not in one and "a:1" not in one


def test_text_becomes_a_markdown_message_and_buttons_an_adaptive_card():
    out = replies(
        [
            {"recipient_id": "x", "text": "**Commitment 13.2** — notice"},
            {
                "recipient_id": "x",
                "text": "Pick one",
                "buttons": [{"title": "13.1: …", "payload": '/show_entry{"entry_id": "13.1"}'}],
            },
            {"recipient_id": "x", "custom": {"type": "download", "content": "letter"}},
        ]
    )
    assert out[0] == {"type": "message", "text": "**Commitment 13.2** — notice", "textFormat": "markdown"}
    card = out[1]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    content = card["content"]
    assert content["version"] == "1.4" and content["body"] == [{"type": "TextBlock", "text": "Pick one", "wrap": True}]
    action = content["actions"][0]
    assert action["type"] == "Action.Submit" and action["title"] == "13.1: …"
    assert action["data"]["msteams"]["type"] == "messageBack"
    assert json.loads(action["data"]["msteams"]["value"]) == {"payload": '/show_entry{"entry_id": "13.1"}'}
    assert len(out) == 2, "the download has no Teams form; its text went as a message"


def test_more_than_six_buttons_go_on_further_cards():
    buttons = [{"title": f"b{i}", "payload": f"/p{i}"} for i in range(8)]
    out = replies([{"text": "Choose", "buttons": buttons}])
    actions = [len(r["attachments"][0]["content"]["actions"]) for r in out]
    assert actions == [MAX_ACTIONS_PER_CARD, 2]
    assert out[1]["attachments"][0]["content"]["body"] == []


def test_a_reply_is_addressed_back_to_the_sender():
    reply = addressed({"type": "message", "text": "hi"}, activity())
    assert reply["replyToId"] == "1" and reply["conversation"] == {"id": "a:1"}
    assert reply["from"] == BOT and reply["recipient"]["id"] == "29:u"


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'"x"', b"\xff", b'{"type": "message"}', b"{}" + b" " * 70_000])
def test_a_body_that_is_not_an_activity_is_refused(body):
    assert parse_activity(body) is None


def test_settings_come_from_the_environment_first_and_secrets_never_default():
    assert settings_from({}, from_environment({})) is None
    assert settings_from({"app_id": "id"}, from_environment({})) is None, "no password: Teams stays off"
    s = settings_from(
        {"app_id": "file-id", "allowed_channels": "msteams"},
        from_environment({"TEAMS_APP_ID": "env-id", "TEAMS_APP_PASSWORD": "pw", "TEAMS_TENANT_ID": "tenant-1"}),
    )
    assert s.auth.app_id == s.connector.app_id == "env-id" and s.auth.allowed_channels == {"msteams"}
    assert s.connector.token_url == "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token"
    assert s.openid_metadata_url == "https://login.botframework.com/v1/.well-known/openidconfiguration"
