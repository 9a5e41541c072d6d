"""Request checks of the REST channel, as a plain function."""

from __future__ import annotations

import json

import pytest

from bot.rest_channel import MAX_MESSAGE_CHARS, Incoming, Rejected, parse_body


def body(obj) -> bytes:
    return json.dumps(obj).encode()


def test_a_good_request():
    assert parse_body(body({"sender": "abc", "message": "how long should a consultation last?"})) == Incoming(
        "abc", "how long should a consultation last?"
    )


def test_numeric_sender_and_control_characters():
    assert parse_body(body({"sender": 42, "message": "hi\x00\x07 there"})) == Incoming("42", "hi   there")


@pytest.mark.parametrize(
    "raw, status, words",
    [
        (b"", 400, "empty request body"),
        (b"   ", 400, "empty request body"),
        (b"{not json", 400, "not valid JSON"),
        (b"\xff\xfe\x00", 400, "not UTF-8"),
        (b"[1, 2]", 400, "expected a JSON object, got list"),
        (b'"text"', 400, "expected a JSON object, got str"),
        (body({"message": "hi"}), 400, "'sender' must be"),
        (body({"sender": "", "message": "hi"}), 400, "'sender' must be"),
        (body({"sender": ["x"], "message": "hi"}), 400, "'sender' must be"),
        (body({"sender": "x" * 200, "message": "hi"}), 400, "'sender' is too long"),
        (body({"sender": "a"}), 400, "'message' must be a string"),
        (body({"sender": "a", "message": 12}), 400, "'message' must be a string"),
        (body({"sender": "a", "message": "x" * (MAX_MESSAGE_CHARS + 1)}), 413, "too long"),
        (b"x" * (70 * 1024), 413, "too large"),
    ],
)
def test_bad_requests_are_rejected_with_a_reason(raw, status, words):
    result = parse_body(raw)
    assert isinstance(result, Rejected) and result.status == status and words in result.reason


@pytest.mark.parametrize(
    "raw, words",
    [
        (b'{"sender": "\\ud800", "message": "hello"}', "not well-formed Unicode"),
        (b'{"sender": "a", "message": "caf\\udce9"}', "not well-formed Unicode"),
        (b'{"sender": "a", "message": "hi", "\\udfff": 1}', "not well-formed Unicode"),
        (b'{"sender": "a", "message": "hi", "x": [[["\\ud83d"]]]}', "not well-formed Unicode"),
        ('{"sender": "a", "message": "\ud800"}'.encode("utf-8", "surrogatepass"), "not UTF-8"),
        (b'{"x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}", "nested too deeply"),
        (b'{"x": ' + b"[" * 40_000, "nested too deeply"),
        (b'{"x": ' + b"[" * 32 + b"]" * 32 + b', "sender": "a", "message": "hi"}', "nested too deeply"),
        (b'{"sender": "a", "message": "hi", "n": ' + b"9" * 5000 + b"}", "number in the request body is too long"),
        (body({"sender": "a\x00b", "message": "hi"}), "control characters"),
        (body({"sender": "a\nb", "message": "hi"}), "control characters"),
    ],
    ids=[
        "lone-surrogate-sender",
        "lone-surrogate-message",
        "lone-surrogate-key",
        "lone-surrogate-nested",
        "encoded-surrogate",
        "30000-deep",
        "40000-deep-unclosed",
        "33-deep",
        "5000-digits",
        "nul-in-sender",
        "newline-in-sender",
    ],
)
def test_hostile_bodies_are_refused_with_a_reason(raw, words):
    result = parse_body(raw)
    assert isinstance(result, Rejected) and result.status == 400 and words in result.reason, result


def test_well_formed_but_unusual_unicode_is_accepted():
    """Non-characters, private use and astral characters are well-formed: a message, not an error."""
    text = "notice \ufffe\uffff\ufdd0 \ue000 \U0001f600 \U0010ffff"
    assert parse_body(body({"sender": "a", "message": text})) == Incoming("a", text)


def test_nesting_up_to_the_limit_is_accepted():
    nested = json.loads("[" * 31 + "]" * 31)
    assert isinstance(parse_body(body({"sender": "a", "message": "hi", "x": nested})), Incoming)
