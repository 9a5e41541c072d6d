"""The widget when the servers stop: the user is told, keeps what they typed, and Retry works once
the servers are back. Its own assistant, so stopping it disturbs no other test."""

from __future__ import annotations

import os
import signal

from scripts.servers import answers, rest_answers, running, start_action_server, start_rasa, stop, wait_until
from scripts.with_assistant import free_port
from tests.browser import ask, bot_bubbles, message_box, open_widget, user_bubbles, wait_idle


def send_and_fail(page, text: str) -> str:
    message_box(page).fill(text)
    message_box(page).press("Enter")
    wait_idle(page)
    page.locator(".alert .retry").wait_for()
    assert user_bubbles(page).last.inner_text() == text
    assert page.locator(".message.user .status").last.inner_text() == "Not sent"
    return page.locator(".alert").inner_text()


def retry_and_get_answer(page) -> str:
    answers = bot_bubbles(page).count()
    page.get_by_role("button", name="Retry").click()
    wait_idle(page)
    bot_bubbles(page).nth(answers).wait_for()
    assert page.locator(".alert").inner_text() == ""
    assert page.locator(".message.user .status").count() == 0
    return bot_bubbles(page).nth(answers).inner_text()


def test_action_server_down_then_assistant_down_then_both_back(tmp_path, page):
    restarted = []
    with running(port=free_port(), action_port=free_port(), tracker_db=tmp_path / "t.db", log_dir=tmp_path) as r:
        try:
            page.goto(f"{r.url}/widget/")
            open_widget(page)
            ask(page, "what is the compact?")

            # The action server stops: the assistant's own apology, and Retry.
            os.kill(r.pids[1], signal.SIGTERM)
            wait_until(lambda: not answers("GET", f"{r.action_url}/health"), "action server still up")
            alert = send_and_fail(page, "how long should a consultation last?")
            assert "Sorry, something went wrong on our side" in alert
            restarted.append(start_action_server(r.action_port, r.env, tmp_path))
            wait_until(lambda: answers("GET", f"{r.action_url}/health"), "action server did not come back")
            assert "consultation" in retry_and_get_answer(page).lower()

            # The assistant itself stops: nothing answers at all.
            os.kill(r.pids[0], signal.SIGTERM)
            wait_until(lambda: not answers("GET", r.url), "Rasa still up")
            alert = send_and_fail(page, "how much notice before funding ends?")
            assert "can't reach the assistant" in alert and "Your message is kept" in alert
            message_box(page).fill("a draft typed while it was down")
            restarted.append(start_rasa(r.port, r.env, tmp_path))
            wait_until(lambda: rest_answers(r.url), "Rasa did not come back")
            assert "13.2" in retry_and_get_answer(page)
            assert message_box(page).input_value() == "a draft typed while it was down"
        finally:
            stop(restarted)
