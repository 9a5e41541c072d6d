"""The supervisor's restart decisions, with a fake clock and fake processes (scripts/supervisor.py)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from scripts.supervisor import (
    FIRST_DELAY_SECONDS,
    MAX_DELAY_SECONDS,
    STABLE_AFTER_SECONDS,
    Child,
    Watched,
    exit_status,
    next_delay,
    supervise,
)


@dataclass
class FakeProcess:
    pid: int
    code: int | None = None

    def poll(self) -> int | None:
        return self.code


class Starts:
    def __init__(self) -> None:
        self.made: list[FakeProcess] = []

    def __call__(self) -> FakeProcess:
        self.made.append(FakeProcess(100 + len(self.made)))
        return self.made[-1]


def test_backoff_doubles_while_crash_looping_and_resets_after_a_stable_run():
    delays, delay = [], None
    for _ in range(8):
        delay = next_delay(delay, ran_for=0.5)
        delays.append(delay)
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60]
    assert next_delay(MAX_DELAY_SECONDS, ran_for=STABLE_AFTER_SECONDS) == FIRST_DELAY_SECONDS


def test_exit_statuses_are_named():
    assert exit_status(-9) == "killed by SIGKILL" and exit_status(1) == "exit status 1"
    assert exit_status(-200) == "killed by signal 200"


def test_a_dead_process_is_restarted_after_the_delay_and_logged_with_status_and_count(caplog):
    starts = Starts()
    w = Watched(Child("Rasa server", starts, starts()), started=0.0)
    w.check(100.0)
    assert len(starts.made) == 1, "running: nothing to do"
    starts.made[0].code = -9
    with caplog.at_level(logging.WARNING, "supervisor"):
        w.check(200.0)
        assert len(starts.made) == 1 and w.due == 200.0 + FIRST_DELAY_SECONDS
        w.check(200.5)
        assert len(starts.made) == 1, "not before the delay"
        w.check(201.0)
    assert len(starts.made) == 2 and w.child.process is starts.made[1] and w.restarts == 1
    assert "Rasa server (pid 100) stopped: killed by SIGKILL; restart 1 in 1 s" in caplog.text
    assert "Rasa server restarted (pid 101); 1 restart so far" in caplog.text


def test_a_process_that_dies_at_once_again_waits_longer():
    starts = Starts()
    w = Watched(Child("action server", starts, starts()), started=0.0)
    now = 1000.0
    for expected in (1, 2, 4):
        w.child.process.code = 1
        w.check(now)
        assert w.delay == expected
        now += expected
        w.check(now)
        now += 0.5  # dies half a second after starting
    assert w.restarts == 3


def test_supervise_stops_when_asked():
    starts = Starts()
    stop = threading.Event()
    stop.set()
    watched = supervise([Child("x", starts, starts())], stop, poll_seconds=0.01)
    assert [w.restarts for w in watched] == [0]
