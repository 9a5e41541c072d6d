"""Request checks of the REST channel, as a plain function."""
from __future__ import annotations

import json

import pytest

from bot.rest_channel import MAX_MESSAGE_CHARS, Incoming, Rejected, parse_body


def body(obj) -> bytes:
    return json.dumps(obj).encode()


def test_a_good_request():
    assert parse_body(body({"sender": "abc", "message": "how long should a consultation last?"})) == Incoming(
        "abc", "how long should a consultation last?")


def test_numeric_sender_and_control_characters():
    assert parse_body(body({"sender": 42, "message": "hi\x00\x07 there"})) == Incoming("42", "hi   there")


@pytest.mark.parametrize("raw, status, words", [
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
])
def test_bad_requests_are_rejected_with_a_reason(raw, status, words):
    result = parse_body(raw)
    assert isinstance(result, Rejected) and result.status == status and words in result.reason
