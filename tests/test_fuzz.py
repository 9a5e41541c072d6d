"""A small fuzz test (hypothesis): arbitrary text never breaks the matcher, date parsing, language
check, request checks, Teams activity parsing or reply rendering."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.rest_channel import Incoming, Rejected, parse_body
from bot.teams_activity import interpret, replies, sender_id, strip_mentions
from bot.teams_channel import parse_activity
from compact.dates import Length, OnDate, Unclear, parse_when
from compact.language import looks_english

# Text as people (and attackers) send it: any Unicode, plus words the parsers look for.
WORDS = st.sampled_from(
    [
        "notice",
        "funding",
        "12 weeks",
        "31 April",
        "03/04/2026",
        "last Friday",
        "two weeks ago",
        "13.2",
        "<script>",
        "**",
        "[x](javascript:1)",
        "\x00",
        "👍",
        "ٹیکس",
        "stop",
        "back",
        "/greet",
        "{",
        "}",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=20).map(" ".join))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(TEXT)
def test_the_matcher_always_decides(assistant, text):
    decision = assistant.decide(text)
    assert decision.kind in {"answer", "tie", "clarify", "out_of_scope"}
    reply = assistant.answer_for(decision)
    assert reply is None or isinstance(reply.text, str)


@FUZZ
@given(TEXT, st.sampled_from(["past", "future", "any"]), st.dates(date(2000, 1, 1), date(2090, 1, 1)))
def test_dates_parse_or_say_unclear(text, role, today):
    assert isinstance(parse_when(text, today, role), (OnDate, Length, Unclear, type(None)))


@FUZZ
@given(TEXT)
def test_the_language_check_always_answers(text):
    assert isinstance(looks_english(text), bool)


@FUZZ
@given(st.one_of(st.binary(max_size=400), TEXT.map(lambda t: json.dumps({"sender": "s", "message": t}).encode())))
def test_request_checks_never_raise(body):
    assert isinstance(parse_body(body), (Incoming, Rejected))
    activity = parse_activity(body)
    assert activity is None or isinstance(activity, dict)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["type", "text", "value", "entities", "recipient", "membersAdded", "from", "conversation"]),
        JSONISH,
        max_size=8,
    ),
    TEXT,
)
def test_teams_activities_never_break_parsing(activity, text):
    found = interpret(activity)
    assert isinstance(sender_id(activity, b"k" * 32), str)
    assert found.kind in {"message", "welcome", "edited", "ignore"}
    assert isinstance(strip_mentions(text, {}), str)


@FUZZ
@given(
    st.lists(
        st.fixed_dictionaries(
            {"text": TEXT},
            optional={
                "buttons": st.lists(
                    st.fixed_dictionaries({"title": st.text(max_size=40), "payload": st.text(max_size=40)}), max_size=9
                )
            },
        ),
        max_size=4,
    )
)
def test_replies_always_render_for_teams(messages):
    for activity in replies(messages):
        assert activity["type"] == "message"
        for card in activity.get("attachments", []):
            assert len(card["content"]["actions"]) <= 6
