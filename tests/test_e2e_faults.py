"""The action server goes down, hangs or breaks, or the database is locked, and comes back: the
user gets an apology with a way forward, the failed turn is not stored, the server keeps
running, turns that need no custom action still work, and the assistant answers again when the
failed part is back."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests

from bot.rest_channel import RETRY_AFTER_SECONDS
from scripts.servers import Running, answers, running, start_action_server, wait_until
from scripts.with_assistant import free_port
from tests.botframework_standin import APP_ID, APP_PASSWORD

QUESTION = "what is the compact?"


@dataclass
class Assistant:
    running: Running
    work: Path
    action_server: subprocess.Popen | None = None  # a restarted one, stopped at the end

    def stop_action_server(self) -> None:
        if self.action_server is None:
            os.kill(self.running.pids[1], signal.SIGTERM)
        else:
            self.action_server.terminate()
            self.action_server.wait(timeout=20)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, botframework):
    work = tmp_path_factory.mktemp("faults")
    env = {
        "COMPACT_ACTION_TIMEOUT": "2",
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": APP_PASSWORD,
        "TEAMS_OPENID_METADATA_URL": botframework.openid_url,
        "TEAMS_TOKEN_URL": botframework.token_url,
    }
    with running(port=free_port(), action_port=free_port(), tracker_db=work / "t.db", log_dir=work, extra_env=env) as r:
        a = Assistant(r, work)
        try:
            yield a
        finally:
            if a.action_server is not None:
                a.stop_action_server()


def ask(url: str, sender: str, text: str = QUESTION) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)


def stored_user_messages(work, sender: str) -> list[str]:
    with contextlib.closing(sqlite3.connect(work / "t.db")) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,))
        return [json.loads(data)["text"] for (data,) in rows]


def assert_apology(reply: requests.Response) -> None:
    assert reply.status_code == 503 and reply.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    text = reply.json()[0]["text"]
    assert "Sorry" in text and "send it again" in text and "voluntary sector team" in text


@contextlib.contextmanager
def action_server_replaced_by(a: Assistant, behaviour: str) -> Iterator[None]:
    """Stop the real action server and put a stand-in on its port ('hang' never answers in
    time, 'broken' answers 500); afterwards start the real one again and wait for it."""
    r = a.running
    a.stop_action_server()
    wait_until(lambda: not answers("GET", f"{r.action_url}/health"), "the action server stops")

    class StandIn(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if behaviour == "hang":
                time.sleep(8)
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"Internal Server Error")

        def log_message(self, *_: object) -> None:
            pass

    server = None
    if behaviour != "down":
        server = http.server.ThreadingHTTPServer(("127.0.0.1", r.action_port), StandIn)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        if server:
            server.shutdown()
            server.server_close()
        a.action_server = start_action_server(r.action_port, r.env, r.log_dir)
        wait_until(lambda: answers("GET", f"{r.action_url}/health"), "the action server is back")


@pytest.mark.parametrize("behaviour", ["down", "hang", "broken"])
def test_a_failing_action_server_gets_an_apology_and_the_turn_is_not_stored(assistant, knowledge, behaviour):
    r, work = assistant.running, assistant.work
    sender = uuid.uuid4().hex
    assert ask(r.url, sender).status_code == 200
    with action_server_replaced_by(assistant, behaviour):
        assert_apology(ask(r.url, sender, "how much notice before funding ends?"))
        assert stored_user_messages(work, sender) == [QUESTION], "the failed turn left nothing behind"
        greeting = ask(r.url, sender, "hello")
        assert greeting.status_code == 200, "a turn without a custom action still works"
        assert any(b["title"] == "Something has gone wrong" for b in greeting.json()[0].get("buttons", []))
    back = ask(r.url, sender)
    assert back.status_code == 200 and knowledge.topics["what_is_compact"].title in back.json()[0]["text"]
    assert stored_user_messages(work, sender) == [QUESTION, "hello", QUESTION]


def test_teams_gets_the_apology_in_the_conversation_when_the_action_server_is_down(assistant, botframework):
    activity = botframework.activity("how much notice before funding ends?")
    with action_server_replaced_by(assistant, "down"):
        posted = requests.post(
            f"{assistant.running.url}/webhooks/teams/webhook",
            json=activity,
            timeout=30,
            headers={"Authorization": f"Bearer {botframework.token()}"},
        )
        assert posted.status_code == 200
        sent = botframework.sent_to(activity["conversation"]["id"])
    assert [reply["type"] for reply in sent] == ["typing", "message"]
    assert "Sorry" in sent[1]["text"] and sent[1]["replyToId"] == activity["id"]


def test_a_locked_database_gets_an_apology_the_server_stays_up_and_the_conversation_carries_on(assistant, knowledge):
    """The SQLite file is locked by another process (a backup tool, a stuck writer) for longer than
    the driver waits: that turn is refused with 503 and not stored; once the lock is gone the same
    conversation carries on where it was."""
    r, work = assistant.running, assistant.work
    sender = uuid.uuid4().hex
    assert ask(r.url, sender).status_code == 200
    secret = "my officer Jane Smith ended our grant"
    with contextlib.closing(sqlite3.connect(work / "t.db", isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        failed = ask(r.url, sender, secret)
        other.execute("ROLLBACK")
    assert_apology(failed)
    assert r.children[0].process.poll() is None, "the Rasa server is still running"
    back = ask(r.url, sender, "how much notice before funding ends?")
    assert back.status_code == 200 and "Commitment 13.2" in back.json()[0]["text"]
    assert stored_user_messages(work, sender) == [QUESTION, "how much notice before funding ends?"], "nothing of the refused turn"
    log = (work / "rasa.log").read_text()
    assert "conversation store failed (OperationalError/OperationalError: database is locked); rest turn abandoned" in log
    assert secret not in log, "the log says why, never what the user wrote"


def test_teams_gets_the_apology_when_the_database_is_locked(assistant, botframework):
    activity = botframework.activity("how much notice before funding ends?")
    with contextlib.closing(sqlite3.connect(assistant.work / "t.db", isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        posted = requests.post(
            f"{assistant.running.url}/webhooks/teams/webhook",
            json=activity,
            timeout=30,
            headers={"Authorization": f"Bearer {botframework.token()}"},
        )
        other.execute("ROLLBACK")
    assert posted.status_code == 200, "the activity was handled: the user has the apology"
    sent = botframework.sent_to(activity["conversation"]["id"])
    assert [reply["type"] for reply in sent] == ["typing", "message"] and "Sorry" in sent[1]["text"]
