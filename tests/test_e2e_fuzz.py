"""Property-based fuzzing at the HTTP level (hypothesis) of every route that takes a message — REST,
the widget's and Teams — on the real running assistant: bodies of any shape (nesting, huge
numbers, every Unicode category including lone surrogates and non-characters, any size), any
content type, odd headers. Never a 5xx, the server never stops, and a normal question is
answered afterwards."""

from __future__ import annotations

import json
import uuid

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rest_client import new_widget_conversation

ROUTES = ["/webhooks/rest/webhook", "/widget/webhook", "/webhooks/teams/webhook"]
FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

# Every Unicode category, surrogates (Cs) and non-characters (Cn) included.
ANY_CHAR = st.characters(blacklist_categories=())
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=60),
    st.sampled_from(
        ["\ud800", "\udfff", "a\udc80b", "\ufffe\uffff", "\U0010ffff", "\x00", "how much notice before funding ends?"]
    ),
)
NUMBER = st.one_of(
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.integers(1, 4000).map(lambda n: int("9" * n))
)
JSONISH = st.recursive(
    st.none() | st.booleans() | NUMBER | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def encode(value, ascii_only: bool) -> bytes:
    """JSON text for ``value``, its lone surrogates as escapes or as raw (invalid UTF-8) bytes."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def bodies(draw, teams_activity: dict | None = None, valid_sender: str | None = None) -> bytes:
    kind = draw(st.sampled_from(["message"] * 5 + ["json", "nested", "digits", "binary", "huge"]))
    if kind == "message":  # the shape the route expects, with anything in it
        known = st.just(valid_sender or uuid.uuid4().hex)  # an id the route accepts, most of the time
        body = {"sender": draw(st.one_of(known, known, known, TEXT, NUMBER)), "message": draw(st.one_of(TEXT, JSONISH))}
        if teams_activity is not None:
            body = {**teams_activity, "text": body["message"], "from": {"id": body["sender"]}}
        body.update(draw(st.dictionaries(TEXT, JSONISH, max_size=3)))
        return encode(body, draw(st.booleans()))
    if kind == "json":
        return encode(draw(JSONISH), draw(st.booleans()))
    if kind == "nested":
        depth = draw(st.integers(1, 40_000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        closed = draw(st.booleans())
        return (opener * depth + "1" + (closer * depth if closed else "")).encode()[:70_000]
    if kind == "digits":
        return b'{"sender": "fuzz", "message": "hi", "n": ' + b"7" * draw(st.integers(4000, 20_000)) + b"}"
    if kind == "huge":
        return b'{"sender": "fuzz", "message": "' + b"x" * draw(st.integers(60_000, 300_000)) + b'"}'
    return draw(st.binary(max_size=2000))


HEADER_NAME = st.from_regex(r"\AX-[A-Za-z0-9-]{1,20}\Z")
HEADER_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40).map(str.strip)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/json; charset=latin-1",
        "",
        "*/*",
        "\x7f;;;",
    ]
)
ORIGINS = st.one_of(
    st.none(),
    st.sampled_from(["http://[", "null", "https://evil.example", "http://localhost:1", "\x01", "http://127.0.0.1"]),
    HEADER_VALUE,
)


@st.composite
def requests_for(draw, route: str, botframework, valid_sender: str | None) -> tuple[bytes, dict[str, str]]:
    headers = {"Content-Type": draw(CONTENT_TYPES)}
    headers.update(draw(st.dictionaries(HEADER_NAME, HEADER_VALUE, max_size=3)))
    origin = draw(ORIGINS)
    if origin is not None and route == "/widget/webhook":
        headers["Origin"] = origin.encode("latin-1", "replace").decode("latin-1")
    activity = None
    if route.startswith("/webhooks/teams"):
        auth = draw(st.sampled_from(["valid", "none", "garbage"]))
        if auth == "valid":
            headers["Authorization"] = f"Bearer {botframework.token()}"
            activity = botframework.activity()
        elif auth == "garbage":
            headers["Authorization"] = "Bearer " + draw(HEADER_VALUE)
    return draw(bodies(activity, valid_sender)), headers


def send(url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
    return requests.post(url, data=body, headers={k: v for k, v in headers.items() if v}, timeout=60)


def check_route(bot, botframework, route: str) -> None:
    url = bot[0].url + route
    statuses: set[int] = set()
    valid_sender = new_widget_conversation(bot[0].url) if route.startswith("/widget") else None

    @FUZZ
    @given(requests_for(route, botframework, valid_sender))
    def never_a_5xx(request):
        body, headers = request
        r = send(url, body, headers)
        statuses.add(r.status_code)
        assert r.status_code < 500, (r.status_code, r.text[:300], body[:200], headers)
        if r.status_code >= 400:
            assert r.json()["error"], "a 4xx says why"

    never_a_5xx()
    rasa, actions = (child.process for child in bot[0].children)
    assert rasa.poll() is None and actions.poll() is None, "both servers still running"
    question = requests.post(
        bot[0].url + "/webhooks/rest/webhook",
        timeout=30,
        json={"sender": uuid.uuid4().hex, "message": "how much notice before funding ends?"},
    )
    assert question.status_code == 200 and "Commitment 13.2" in question.text, "a normal question is answered after"
    assert any(s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses), f"the fuzz reached both outcomes: {statuses}"


def test_rest_route_never_fails(bot, botframework):
    check_route(bot, botframework, ROUTES[0])


def test_widget_route_never_fails(bot, botframework):
    check_route(bot, botframework, ROUTES[1])


def test_teams_route_never_fails(bot, botframework):
    check_route(bot, botframework, ROUTES[2])
