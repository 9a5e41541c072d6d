"""The action server goes down and comes back: the user gets an apology, then answers again."""
from __future__ import annotations

import os
import signal
import time
import uuid

import requests

from bot.rest_channel import RETRY_AFTER_SECONDS
from scripts.servers import answers, running, start_action_server, wait_until
from scripts.with_assistant import free_port


def ask(url: str, sender: str) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": "what is the compact?"}, timeout=30)


def test_action_server_down_then_back(tmp_path, knowledge):
    with running(port=free_port(), action_port=free_port(), tracker_db=tmp_path / "t.db", log_dir=tmp_path) as r:
        sender = uuid.uuid4().hex
        assert ask(r.url, sender).status_code == 200
        os.kill(r.pids[1], signal.SIGTERM)
        time.sleep(1)
        down = ask(r.url, sender)
        assert down.status_code == 503 and down.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "Sorry" in down.json()[0]["text"] and "send it again" in down.json()[0]["text"]
        again = start_action_server(r.action_port, r.env, tmp_path)
        try:
            wait_until(lambda: answers("GET", f"{r.action_url}/health"), "the action server is back")
            back = ask(r.url, sender)
            assert back.status_code == 200 and knowledge.topics["what_is_compact"].title in back.json()[0]["text"]
        finally:
            again.terminate()
            again.wait(timeout=20)
