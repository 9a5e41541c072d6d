"""Keep the assistant's processes running: `make run` restarts the Rasa server or the action
server when either exits, whatever the reason (a crash, the kernel's out-of-memory killer, a
stray `kill -9`).

A process that dies is started again after a delay that doubles while it keeps dying soon after
starting (1, 2, 4 … 60 s), so a broken configuration does not spin the CPU, and drops back to
1 s once it has run for a minute. Each exit is logged with its status and a count of restarts.
The deployment guide's systemd units do the same for a production server (deploy/systemd/).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Callable

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
STABLE_AFTER_SECONDS = 60.0  # a process that ran this long had not been crash-looping

logger = logging.getLogger("supervisor")


@dataclass
class Child:
    """One supervised process: ``start`` makes a new one; ``process`` is the current one."""

    name: str
    start: Callable[[], subprocess.Popen]
    process: subprocess.Popen


def next_delay(previous: float | None, ran_for: float) -> float:
    """How long to wait before restarting a process that exited after running ``ran_for`` seconds."""
    if previous is None or ran_for >= STABLE_AFTER_SECONDS:
        return FIRST_DELAY_SECONDS
    return min(previous * 2, MAX_DELAY_SECONDS)


def exit_status(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


@dataclass
class Watched:
    child: Child
    started: float
    restarts: int = 0
    delay: float | None = None
    due: float | None = None  # when the pending restart happens

    def check(self, now: float) -> None:
        """One look at the process: notice an exit and schedule a restart, or carry one out."""
        if self.due is None:
            code = self.child.process.poll()
            if code is None:
                return
            self.delay = next_delay(self.delay, now - self.started)
            self.due = now + self.delay
            logger.warning(
                "%s (pid %d) stopped: %s; restart %d in %.0f s",
                self.child.name,
                self.child.process.pid,
                exit_status(code),
                self.restarts + 1,
                self.delay,
            )
        elif now >= self.due:
            self.child.process = self.child.start()
            self.restarts += 1
            self.started, self.due = now, None
            logger.warning(
                "%s restarted (pid %d); %d restart%s so far",
                self.child.name,
                self.child.process.pid,
                self.restarts,
                "" if self.restarts == 1 else "s",
            )


def supervise(
    children: list[Child], stop: threading.Event, poll_seconds: float = 0.2, clock: Callable[[], float] = time.monotonic
) -> list[Watched]:
    """Watch ``children`` until ``stop`` is set; returns what was watched (with restart counts)."""
    watched = [Watched(child, clock()) for child in children]
    while not stop.wait(poll_seconds):
        for w in watched:
            w.check(clock())
    return watched
