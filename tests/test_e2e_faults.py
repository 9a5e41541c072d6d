"""The action server goes down and comes back: the user gets an apology, then answers again."""
from __future__ import annotations

import os
import signal
import time
import uuid

import requests

from bot.rest_channel import RETRY_AFTER_SECONDS
from scripts.servers import running, start_action_server
from scripts.with_assistant import free_port


def ask(url: str, sender: str) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": "what is the compact?"}, timeout=30)


def wait_healthy(action_url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{action_url}/health", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise TimeoutError("action server did not come back")


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
            wait_healthy(r.action_url, time.monotonic() + 120)
            back = ask(r.url, sender)
            assert back.status_code == 200 and knowledge.topics["what_is_compact"].title in back.json()[0]["text"]
        finally:
            again.terminate()
            again.wait(timeout=20)
