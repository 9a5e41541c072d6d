"""Conversations survive the server being killed: SIGKILL in the middle of a breach triage, a
restart, and the conversation carries on at the same step. Its own assistant, so killing it
disturbs no other test."""

from __future__ import annotations

import os
import signal
import sqlite3
import uuid

import requests

from scripts.servers import alive, children, rest_answers, running, start_rasa, stop, wait_until
from scripts.with_assistant import free_port


def say(url: str, sender: str, text: str) -> str:
    r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)
    r.raise_for_status()
    return "\n".join(m.get("text", "") for m in r.json())


def test_a_triage_carries_on_at_the_same_step_after_sigkill(tmp_path):
    db = tmp_path / "tracker.db"
    restarted = []
    with running(port=free_port(), action_port=free_port(), tracker_db=db, log_dir=tmp_path) as r:
        try:
            # (the start-up probe waits for the action server: Rasa up first logged a failed action)
            assert " ERROR " not in (tmp_path / "rasa.log").read_text(encoding="utf-8")
            sender = uuid.uuid4().hex
            say(r.url, sender, "I want to report a breach of the Compact")
            asked = say(r.url, sender, "The council ended our grant with only two weeks notice")
            assert "Commitment 13.2" in asked and "Step 1 of 3" in asked
            workers = children(r.pids[0])
            os.kill(r.pids[0], signal.SIGKILL)  # no chance to flush or shut down cleanly
            wait_until(lambda: not any(map(alive, workers)), "its workers stop with it, serving or still starting", 30)
            with sqlite3.connect(db) as c:
                stored = c.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
            assert stored > 0, "the turns were committed before the kill"
            restarted.append(start_rasa(r.port, r.env, tmp_path))
            wait_until(lambda: rest_answers(r.url), "the restarted server answers")
            carried_on = say(r.url, sender, "we emailed them twice, no reply")
            assert "Step 2 of 3" in carried_on, "the next question of the same triage"
        finally:
            stop(restarted)
