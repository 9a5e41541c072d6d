"""The attack suite: what someone with nothing but an HTTP client (or a seat in a shared Teams chat)
tries, against the real running assistant, and what comes back. One test per defence; the table
in docs/security.md points here. Each test's docstring says what is sent and what must come back."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
import requests

from bot.conversation_ids import teams_conversation
from scripts.expiry_load import ENV, measure
from scripts.servers import children, ROOT, running
from scripts.with_assistant import free_port
from tests.rest_client import new_widget_conversation
from tests.server_secret import SERVER_SECRET

MARKER = "Zanzibar-7731"  # what the victim describes; must never reach anyone else
STORY = f"The council cut our grant with two weeks notice, our project {MARKER} stops"


def widget(url: str, sender: str, text: str, **headers: str) -> requests.Response:
    return requests.post(f"{url}/widget/webhook", json={"sender": sender, "message": text}, headers=headers, timeout=30)


def rest(url: str, sender: str, text: str, **headers: str) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, headers=headers, timeout=30)


@pytest.fixture(scope="module")
def victim(bot) -> str:
    """A widget user mid-triage, who has described their dispute; returns their conversation id."""
    url = bot[0].url
    token = new_widget_conversation(url)
    for text in ("I want to report a breach of the Compact", STORY):
        assert widget(url, token, text).status_code == 200
    summary = widget(url, token, "can you give me a summary so far?")
    assert summary.status_code == 200
    return token


def stored_senders(db) -> set[str]:
    with sqlite3.connect(db) as c:
        return {row[0] for row in c.execute("SELECT DISTINCT sender_id FROM events")}


def test_widget_ids_cannot_be_chosen_guessed_or_forged(bot, victim):
    """Sent: the victim's conversation continued with ids an attacker could know or make (the
    README's "me", the id as the database stores it, the random part alone, the token with its
    signature changed, a token from another server). Back: 401 every time, and never the
    victim's words; the victim's own token still works."""
    url = bot[0].url
    random_part = victim.split(".")[0]
    forged = victim[:-2] + ("AA" if not victim.endswith("AA") else "BB")
    other_server = random_part + "." + hashlib.sha256(b"x").hexdigest()[:22]
    for attempt in ("me", f"widget:{random_part}", random_part, forged, other_server):
        r = widget(url, attempt, "show me the summary")
        assert r.status_code == 401 and MARKER not in r.text, (attempt, r.status_code)
        assert "POST /widget/conversation" in r.json()["error"]
    assert widget(url, victim, "what's the commitment?").status_code == 200


def test_a_fresh_conversation_never_sees_anyone_elses(bot, victim):
    """Sent: a new widget conversation (a second person) asking for "my summary" and "what did I
    say". Back: answers about their own empty conversation, never the victim's words."""
    url = bot[0].url
    mine = new_widget_conversation(url)
    assert mine != victim
    for text in ("show me my summary", "what did I tell you?", "write the letter for me"):
        r = widget(url, mine, text)
        assert r.status_code == 200 and MARKER not in r.text


def test_rest_cannot_reach_the_widgets_or_teams_conversations(bot, victim, teams_victim):
    """Sent: REST requests naming the victims' stored ids (``widget:<random>``, ``teams:<hmac>``)
    and the old unkeyed Teams hash. Back: 400 for the reserved namespaces; the unkeyed hash is
    just a new, empty REST conversation."""
    url = bot[0].url
    for sender in (f"widget:{victim.split('.')[0]}", teams_victim, teams_victim.upper()):
        r = rest(url, sender, "show me the summary")
        assert r.status_code == 400 and "other channels" in r.json()["error"] and MARKER not in r.text
    unkeyed = "teams-" + hashlib.sha256(b"a:teams-victim|aad-user-1").hexdigest()[:40]
    r = rest(url, unkeyed, "show me the summary")
    assert r.status_code == 200 and MARKER not in r.text


@pytest.fixture(scope="module")
def teams_victim(bot, botframework) -> str:
    """A Teams user who described their dispute; returns the id the server stores it under."""
    url = bot[0].url + "/webhooks/teams/webhook"
    for text in ("I want to report a breach of the Compact", STORY):
        activity = botframework.activity(text, conversation="a:teams-victim")
        r = requests.post(url, json=activity, headers={"Authorization": f"Bearer {botframework.token()}"}, timeout=30)
        assert r.status_code == 200
    return teams_conversation(SERVER_SECRET.encode(), "a:teams-victim", "aad-user-1")


def test_teams_ids_are_keyed_with_the_servers_secret(bot, teams_victim):
    """Sent: a Teams conversation. Stored: under an HMAC with the server's secret, not the
    unkeyed hash of ids a colleague can see (which is not in the store at all)."""
    senders = stored_senders(bot[1])
    unkeyed = "teams-" + hashlib.sha256(b"a:teams-victim|aad-user-1").hexdigest()[:40]
    assert teams_victim in senders
    assert not any(s.startswith("teams-") and s != unkeyed for s in senders)
    assert teams_conversation(b"a guess at the secret, 32 characters+", "a:teams-victim", "aad-user-1") not in senders


def test_rest_through_a_proxy_needs_the_key(bot):
    """Sent: a REST message relayed by a reverse proxy on the same machine (X-Forwarded-For).
    Back: 401 asking for the API key: loopback is open to local tools only."""
    r = rest(bot[0].url, "integration-1", "hello", **{"X-Forwarded-For": "203.0.113.5"})
    assert r.status_code == 401 and "COMPACT_REST_API_KEY" in r.json()["error"]
    assert rest(bot[0].url, "integration-1", "hello").status_code == 200, "a local tool"


def test_beyond_loopback_rest_needs_its_key_and_the_server_will_not_start_without_one(tmp_path):
    """Sent: Rasa started on 0.0.0.0 with no API key, then with one; REST requests without the
    key, with a wrong key, with the right key. Back: no start (exit code and the variable's name
    in the log), then 401, 401, 200."""
    port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TRACKER_DB": str(tmp_path / "t.db"),
        "LOCK_DB": str(tmp_path / "t.locks"),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "COMPACT_REST_API_KEY": "",
    }
    refused = subprocess.run(
        [sys.executable, "scripts/servers.py", "serve", "rasa", "--host", "0.0.0.0", "--port", str(port)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode != 0 and "COMPACT_REST_API_KEY" in refused.stderr
    direct = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "run",
            "--model",
            "models/compact.tar.gz",
            "--endpoints",
            "bot/endpoints.yml",
            "--credentials",
            "bot/credentials.yml",
            "--interface",
            "0.0.0.0",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert direct.returncode != 0 and "not starting" in direct.stdout + direct.stderr, "rasa run itself refuses too"
    key = "k3y-" + uuid.uuid4().hex
    with running(
        port=port,
        action_port=action_port,
        tracker_db=tmp_path / "t2.db",
        host="0.0.0.0",
        log_dir=tmp_path,
        extra_env={"COMPACT_REST_API_KEY": key},
    ) as r:
        assert rest(r.url, "crm-1", "hello").status_code == 401
        assert rest(r.url, "crm-1", "hello", Authorization="Bearer wrong-" + key).status_code == 401
        ok = rest(r.url, "crm-1", "how much notice before funding ends?", Authorization=f"Bearer {key}")
        assert ok.status_code == 200 and "Commitment 13.2" in ok.text


def test_new_conversations_are_limited_per_address(bot):
    """Sent: new widget conversations, as fast as possible, from one client address (behind the
    configured trusted proxy), then one from another address. Back: 201 up to the burst, then 429
    with Retry-After; the other address is unaffected; an X-Forwarded-For written by a client that
    is not the proxy would not count (tests/test_client_address.py)."""
    url = bot[0].url
    flooder = {"X-Forwarded-For": "198.51.100.7"}
    statuses = [requests.post(f"{url}/widget/conversation", headers=flooder, timeout=10).status_code for _ in range(320)]
    assert statuses[:300] == [201] * 300 and statuses[-1] == 429, statuses[-25:]
    refused = requests.post(f"{url}/widget/conversation", headers=flooder, timeout=10)
    assert int(refused.headers["Retry-After"]) >= 1 and "new conversations" in refused.json()["error"]
    assert requests.post(f"{url}/widget/conversation", headers={"X-Forwarded-For": "198.51.100.8"}, timeout=10).status_code == 201


def test_messages_are_limited_per_address_whatever_the_conversation(bot):
    """Sent: widget requests from one address, each with a different (made-up) conversation id,
    until one is refused. Back: 401 (unknown conversation) until the address's burst (600 here) is
    spent, then 429, no later than the burst plus what refilled meanwhile (600 a minute); another
    address still gets answers. (A fixed count of 650 failed on a loaded machine: sent slowly
    enough, the refill keeps up, as it should.)"""
    url = bot[0].url
    statuses: list[int] = []
    started = time.monotonic()
    while len(statuses) < 5000 and 429 not in statuses[-1:]:
        statuses.append(widget(url, uuid.uuid4().hex, "hi", **{"X-Forwarded-For": "198.51.100.20"}).status_code)
    refilled = (time.monotonic() - started) * 600 / 60
    assert set(statuses[:600]) == {401} and statuses[-1] == 429 and len(statuses) <= 600 + refilled + 2
    other = new_widget_conversation(url, **{"X-Forwarded-For": "198.51.100.21"})
    assert widget(url, other, "what is the compact?", **{"X-Forwarded-For": "198.51.100.21"}).status_code == 200


def test_expiry_of_100000_events_does_not_hold_up_messages(tmp_path):
    """Sent: plain questions to a running assistant, then 100,000 old events written into its
    store, and more questions while expiry deletes them. Back: every question answered; the
    latency while expiry runs stays close to the latency without it (the figures: make
    bench-expiry); the deleted conversations' words are not left in the database file."""
    db = tmp_path / "tracker.db"
    with running(port=free_port(), action_port=free_port(), tracker_db=db, log_dir=tmp_path, extra_env=ENV) as r:
        found = measure(r.url, db)
    assert found.answered == found.sent and len(found.during) >= 3, found
    before, during = sorted(found.before), sorted(found.during)
    median = lambda values: values[len(values) // 2]  # noqa: E731
    # Generous, for shared CI machines: expiry on the event loop held every message for the whole purge.
    assert median(during) <= 3 * median(before) + 0.25, (median(before), median(during), found.purge_seconds)
    files = b"".join(p.read_bytes() for p in tmp_path.glob("tracker.db*"))
    assert b"a story about a funding decision" not in files, "deleted content overwritten in the database's files"


def test_made_up_key_ids_do_not_queue_teams_requests(bot, botframework):
    """Sent: Teams requests signed with made-up key ids (each would make the server fetch
    Microsoft's keys again), then a genuine request. Back: 401 for each forgery, the genuine one
    answered; the keys were fetched at most once for all the forgeries by each Rasa worker (each
    keeps its own copy; back-off and spacing: tests/test_teams_auth.py also covers an outage)."""
    url = bot[0].url + "/webhooks/teams/webhook"
    fetches = botframework.counts["keys"]
    for i in range(20):
        token = botframework.token(kid=f"made-up-{i}")
        r = requests.post(url, json=botframework.activity("hello"), headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert r.status_code == 401
    assert botframework.counts["keys"] - fetches <= max(1, len(children(bot[0].pids[0])))
    good = botframework.activity("how much notice before funding ends?")
    assert (
        requests.post(url, json=good, headers={"Authorization": f"Bearer {botframework.token()}"}, timeout=30).status_code == 200
    )


def test_teams_never_reposts_a_users_links_or_markdown(bot, botframework):
    """Sent: in a shared Teams chat, a description with a Markdown link, a bare web address, bold
    and a heading, then "write the message for me". Back: the bot's message repeats the words with
    every Markdown character escaped, so nothing becomes a link or formatting under its name."""
    url = bot[0].url + "/webhooks/teams/webhook"
    conversation = f"19:{uuid.uuid4().hex}@thread.v2"
    lure = "our grant ends in 2 weeks, see [the letter](https://evil.example/x) at www.evil.example **now** # urgent"
    for text in ("I want to report a breach of the Compact", lure, "can you write the message for me?"):
        activity = botframework.activity(text, conversation=conversation, kind="groupChat")
        assert (
            requests.post(url, json=activity, headers={"Authorization": f"Bearer {botframework.token()}"}, timeout=30).status_code
            == 200
        )
    said = "\n".join(json.dumps(m) for m in botframework.messages_to(conversation))
    assert "evil" in said, "the description was repeated"
    assert "](https://evil" not in said and "www.evil.example" not in said and "**now**" not in said
    assert "https\\\\:\\\\/\\\\/evil" in said, "escaped, shown as typed"


def test_deleting_a_conversation_on_request(bot, tmp_path):
    """Sent: `scripts/forget.py` with a widget conversation's id, and with an id shaped as SQL
    (``x' OR '1'='1``). Back: that conversation's events are gone (and its words from the file),
    every other conversation is kept."""
    url, db = bot[0].url, bot[1]
    token = new_widget_conversation(url)
    assert widget(url, token, f"how much notice before funding ends? {MARKER}-forget").status_code == 200
    before = stored_senders(db)
    env = {**os.environ, "TRACKER_DB": str(db), "COMPACT_SECRET": SERVER_SECRET}
    # "--", as `make forget` passes it: a random id may start with "-" (this test failed once on "-dZoA…")
    run = subprocess.run([sys.executable, "scripts/forget.py", "--", token], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0 and "deleted" in run.stdout
    injected = subprocess.run(
        [sys.executable, "scripts/forget.py", "--stored", "x' OR '1'='1"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert injected.returncode == 0 and "no conversation" in injected.stdout
    after = stored_senders(db)
    assert before - after == {f"widget:{token.split('.')[0]}"}
    assert f"{MARKER}-forget".encode() not in b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
