"""An instance's Rasa workers live and die together, so the process manager sees one process.

With several workers (``SANIC_WORKERS``, set from ``COMPACT_RASA_WORKERS``: docs/capacity.md)
Sanic forks them from a main process that only waits for them. Sanic 21.12 neither restarts a
worker that dies nor stops the others, so the instance would carry on silently with fewer; and
a main process killed outright would leave its workers serving. Here:

- the main process watches its workers and, when one has stopped, stops the rest and exits,
  so the supervisor (``make run``) or systemd restarts the whole instance;
- each worker asks the kernel to stop it when the main process dies (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import threading
import time
from typing import Any

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
LOOK_EVERY = 1.0  # seconds between looks at the workers


def watch_workers(*_: Any) -> None:
    """A Sanic ``main_process_start`` listener (it runs before the workers are forked)."""
    threading.Thread(target=_watch, name="watch-workers", daemon=True).start()


def _watch() -> None:
    most = 0
    while True:
        time.sleep(LOOK_EVERY)
        alive = len(multiprocessing.active_children())
        if alive < most:
            logger.error("a Rasa worker stopped; stopping this instance so that it is restarted whole")
            os.kill(os.getpid(), signal.SIGTERM)  # Sanic's handler stops the other workers
            return
        most = max(most, alive)


def die_with_main_process(*_: Any) -> None:
    """A Sanic ``before_server_start`` listener: a forked worker stops when its main process dies."""
    parent = multiprocessing.parent_process()
    if parent is None:  # a single process: nobody to die with
        return
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent.pid:  # it died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)
