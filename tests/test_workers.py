"""bot/platform/workers.py: when the main process stops its instance, judged from its workers' exit codes."""

from __future__ import annotations

from bot.platform.workers import GRACE, judged


def test_workers_running_serve():
    assert judged([None, None], None, 0.0) == "serving"


def test_a_worker_that_failed_or_was_killed_restarts_the_instance():
    assert judged([None, -9], None, 0.0) == "a Rasa worker stopped (killed by signal 9)"
    assert judged([1, None], None, 0.0) == "a Rasa worker stopped (exit status 1)"
    assert judged([0, -15], 5.0, 6.0) == "a Rasa worker stopped (killed by signal 15)"  # (even while stopping)


def test_workers_stopped_as_asked_are_an_orderly_stop():
    assert judged([0, None], None, 0.0) == "stopping"  # (the others are finishing their turns)
    assert judged([0, None], 0.0, GRACE - 1) == "stopping"
    assert judged([0, 0], 0.0, GRACE + 60) == "stopped"


def test_a_worker_stopped_alone_restarts_the_instance_after_the_grace():
    assert judged([0, None], 0.0, GRACE + 1) == f"a Rasa worker stopped alone {GRACE:.0f} s ago"
