"""Talking to the running assistant over its REST channel, for the end-to-end tests."""

from __future__ import annotations

import uuid

import requests


# A short conversation mixing questions and a triage, for the tests that drive several users at once.
MIXED_TURNS = [
    "what is the compact?",
    "how long should a consultation last?",
    "I want to report a breach of the Compact",
    "The council ended our grant with only two weeks notice",
    "stop",
    "how much notice before funding ends?",
]


def say(bot, text: str, sender: str | None = None) -> list[dict]:
    r = requests.post(
        f"{bot[0].url}/webhooks/rest/webhook", json={"sender": sender or uuid.uuid4().hex, "message": text}, timeout=30
    )
    assert r.status_code == 200, r.text
    return r.json()


def new_widget_conversation(url: str, **headers: str) -> str:
    """A conversation id issued by the widget's channel (the only ids it accepts)."""
    r = requests.post(f"{url}/widget/conversation", timeout=10, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()["conversation"]


def text_of(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def reply(messages: list[dict]) -> tuple[str, list[str]]:
    return text_of(messages), [b["payload"] for m in messages for b in m.get("buttons", [])]
