"""Bad and hostile input over every route that takes messages (REST, the widget's, Teams), against
the real running assistant: a polite answer or a 4xx with a reason, never a 5xx or a trace;
malformed HTTP and oversized bodies are refused before the body is read; one sender flooding the
server does not hold up anyone else."""

from __future__ import annotations

import concurrent.futures
import json
import socket
import time
import uuid

import pytest
import requests

from tests.rest_client import new_widget_conversation

ROUTES = ["/webhooks/rest/webhook", "/widget/webhook"]
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def post(url: str, body: bytes, **headers: str) -> requests.Response:
    return requests.post(url, data=body, headers={"Content-Type": "application/json", **headers}, timeout=30)


def message(text: str, sender: str | None = None) -> bytes:
    return json.dumps({"sender": sender or uuid.uuid4().hex, "message": text}).encode()


def new_sender(bot, route: str) -> str:
    """A conversation id the route accepts: the client's own for REST, one the server issued for the widget."""
    return new_widget_conversation(bot[0].url) if route.startswith("/widget") else uuid.uuid4().hex


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "body, status, words",
    [
        (b"", 400, "empty request body"),
        (b"{not json", 400, "not valid JSON"),
        (b"\xff\xfe\xfd", 400, "not UTF-8"),
        (b"[]", 400, "expected a JSON object"),
        (b'{"sender": 5.5, "message": "hi"}', 400, "'sender' must be"),
        (b'{"message": "hi"}', 400, "'sender' must be"),
        (b'{"sender": "a", "message": ["hi"]}', 400, "'message' must be a string"),
        (message("x" * 100_000), 413, "too large"),
        (message("x" * 5_000), 413, "too long"),
    ],
)
def test_malformed_requests_get_a_4xx_with_a_reason(bot, route, body, status, words):
    r = post(bot[0].url + route, body)
    assert r.status_code == status and words in r.json()["error"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "text, expect",
    [
        ("", "anything"),
        ("   \n\t ", "anything"),
        (HOSTILE, "no echo"),
        ("👍🙂🎉", "anything"),
        ("\x00\x07 how long\x1b should a consultation last?", "Commitment"),
        ("Jak długo powinny trwać konsultacje?", "English"),
        ("مشاورت کتنی دیر ہونی چاہیے؟", "English"),
        ("Как долго должна длиться консультация?", "English"),
    ],
)
def test_odd_messages_get_a_polite_answer(bot, route, text, expect):
    r = post(bot[0].url + route, message(text, new_sender(bot, route)))
    assert r.status_code == 200, r.text
    replies = r.json()
    said = "\n".join(m.get("text", "") for m in replies)
    assert said.strip(), "always an answer"
    assert "Traceback" not in r.text and "Exception" not in r.text
    if expect == "no echo":
        assert "<script>" not in said and "onerror" not in said
    elif expect != "anything":
        assert expect in said


@pytest.mark.parametrize("route", ROUTES)
def test_a_flooding_sender_is_slowed_and_others_are_not(bot, route):
    """One conversation sending back to back as fast as the server answers. (Sent in parallel,
    Rasa's per-conversation lock already queues them about a second apart.)"""
    url = bot[0].url + route
    flooder, other_sender = new_sender(bot, route), new_sender(bot, route)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        flood = pool.submit(lambda: [post(url, message("what is the compact?", flooder)) for _ in range(60)])
        time.sleep(0.3)
        started = time.monotonic()
        other = post(url, message("how long should a consultation last?", other_sender))
        waited = time.monotonic() - started
        answers = flood.result()
    statuses = [r.status_code for r in answers]
    assert other.status_code == 200 and "Commitment" in other.text
    assert set(statuses) <= {200, 429} and statuses.count(429) >= 30, statuses
    refused = next(r for r in answers if r.status_code == 429)
    assert int(refused.headers["Retry-After"]) >= 1 and "too many messages" in refused.json()["error"]
    assert waited < 5, "the other user was answered without waiting for the flood"


def test_teams_bad_bodies_and_texts(bot, botframework):
    url = bot[0].url + "/webhooks/teams/webhook"
    token = {"Authorization": f"Bearer {botframework.token()}"}
    assert post(url, b"{not json", **token).status_code == 400
    assert post(url, b'{"type": "message"}', **token).status_code == 400
    assert post(url, b"[]").status_code == 401, "no token: 401 before anything else"
    for text, words in (("   ", "didn't catch"), ("x" * 3000, "too long"), (HOSTILE, "")):
        activity = botframework.activity(text)
        assert post(url, json.dumps(activity).encode(), **token).status_code == 200
        sent = [a for a in botframework.messages_to(activity["conversation"]["id"])]
        assert sent and words in json.dumps(sent) and "<script>" not in json.dumps(sent)


def raw_exchange(url: str, request: bytes) -> bytes:
    """Send bytes as they are (no HTTP client tidies them) and read the answer's head and start."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def head(path: str, *headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: x", "Content-Type: application/json", *headers]
    return ("".join(line + "\r\n" for line in lines) + "\r\n").encode()


CHUNK = b"4000\r\n" + b"x" * 0x4000 + b"\r\n"


@pytest.mark.parametrize("route", ROUTES + ["/webhooks/teams/webhook"])
@pytest.mark.parametrize(
    "request_bytes, status, words",
    [
        (lambda r: head(r, "Content-Length: 200000000"), 413, "too large"),  # the body is never sent: refused before reading
        (lambda r: head(r, "Transfer-Encoding: chunked") + CHUNK * 7 + b"0\r\n\r\n", 413, "too large"),
        (lambda r: head(r, "Content-Length: -5") + b"{}", 400, "Content-Length"),  # Sanic looped forever on this
        (lambda r: head(r, "Content-Length: abc") + b"{}", 400, "Content-Length"),
        (lambda r: head(r, "Content-Length: 2", "Content-Length: 3") + b"{} ", 400, "Content-Length"),
        (lambda r: head(r, "Transfer-Encoding: gzip") + b"{}", 400, "Transfer-Encoding"),
        (lambda r: head(r, "Transfer-Encoding: chunked", "Content-Length: 2") + b"2\r\n{}\r\n0\r\n\r\n", 400, "not both"),
        (lambda r: head(r, "Transfer-Encoding: chunked") + b"zz\r\n{}\r\n0\r\n\r\n", 400, "chunked"),
        (lambda r: head(r, "X-Long: " + "a" * 20_000, "Content-Length: 2") + b"{}", 413, "headers too large"),
        (lambda r: b"NONSENSE\r\n\r\n", 400, "bad request"),
    ],
    ids=[
        "declared-200MB",
        "chunked-112KB",
        "negative-length",
        "length-not-a-number",
        "two-lengths",
        "gzip-encoding",
        "both-framings",
        "bad-chunk-size",
        "20KB-header",
        "not-http",
    ],
)
def test_malformed_http_gets_a_4xx_before_the_body_is_read(bot, route, request_bytes, status, words):
    answer = raw_exchange(bot[0].url, request_bytes(route))
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.split()[1] == str(status).encode() and words.encode() in rest, answer[:400]
    assert post(bot[0].url + ROUTES[0], message("hello")).status_code == 200, "the server still answers everyone else"
