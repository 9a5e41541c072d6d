"""An instance's Rasa workers live and die together, so the process manager sees one process.

With several workers (``SANIC_WORKERS``, set from ``COMPACT_RASA_WORKERS``: docs/capacity.md)
Sanic forks them from a main process that only waits for them. Sanic 21.12 neither restarts a
worker that dies nor stops the others, so the instance would carry on silently with fewer; and
a main process killed outright would leave its workers serving. Here:

- the main process watches its workers and, when one has failed or been killed (an exit status
  other than 0), stops the rest and exits, so the supervisor (``make run``) or systemd restarts the
  whole instance; workers that stop as asked, as all do when the instance is stopped, are not a
  failure (one stopped alone, the rest still serving :data:`GRACE` seconds later, is);
- each worker asks the kernel to stop it when the main process dies (``PR_SET_PDEATHSIG``), and
  also looks for its main process every second once it serves: Sanic 21.12 drops a stop signal
  that arrives while the worker finishes starting (``app.stop`` then ignores every later one),
  so such a worker stops outright after :data:`GRACE` seconds.
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
LOOK_EVERY = 1.0  # seconds between looks at the workers, or at the main process
GRACE = 20.0  # seconds a worker without its main process has to finish its turns


def watch_workers(*_: Any) -> None:
    """A Sanic ``main_process_start`` listener (it runs before the workers are forked)."""
    threading.Thread(target=_watch, name="watch-workers", daemon=True).start()


def _watch() -> None:
    workers: dict[int, Any] = {}  # every worker seen, by pid
    stopped_at = None  # when a worker first stopped as asked (exit status 0)
    while True:
        time.sleep(LOOK_EVERY)
        workers.update((w.pid, w) for w in multiprocessing.active_children())
        verdict = judged([w.exitcode for w in workers.values()], stopped_at, time.monotonic())
        if verdict == "stopping":
            stopped_at = stopped_at or time.monotonic()
        elif verdict == "stopped":
            return  # the whole instance stopped as asked: Sanic's main process ends now
        elif verdict != "serving":
            logger.error("%s; stopping this instance so that it is restarted whole", verdict)
            os.kill(os.getpid(), signal.SIGTERM)  # Sanic's handler stops the other workers
            return


def judged(exit_codes: list[int | None], stopped_at: float | None, now: float) -> str:
    """What the workers' exit codes (None: running) say: "serving"; "stopping" or "stopped" (each
    worker stopped as asked, exit status 0, as all do when the instance is stopped); or, for the
    log, why the instance must restart: a worker failed or was killed, or one stopped as asked
    but the others were still serving :data:`GRACE` seconds later (someone stopped that worker alone)."""
    failed = [code for code in exit_codes if code not in (None, 0)]
    if failed:
        how = f"killed by signal {-failed[0]}" if failed[0] < 0 else f"exit status {failed[0]}"
        return f"a Rasa worker stopped ({how})"
    if 0 not in exit_codes:
        return "serving"
    if None not in exit_codes:
        return "stopped"
    if stopped_at is not None and now - stopped_at > GRACE:
        return f"a Rasa worker stopped alone {GRACE:.0f} s ago"
    return "stopping"


def die_with_main_process(*_: Any) -> None:
    """A Sanic ``before_server_start`` listener: a forked worker stops when its main process dies."""
    parent = multiprocessing.parent_process()
    if parent is None:  # a single process: nobody to die with
        return
    # Until Sanic sets the worker's own handler (once it serves), a SIGTERM would run the handler
    # inherited from the main process, which signals the workers forked before this one and
    # leaves this one running: a worker still starting stops outright.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent.pid:  # it died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def stop_without_main_process(app: Any, loop: Any) -> None:
    """A Sanic ``after_server_start`` listener: a forked worker whose main process has gone stops,
    gracefully if it can, else after :data:`GRACE` seconds outright."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_stop_without, args=(app, loop, parent.pid), name="follow-main", daemon=True).start()


def _stop_without(app: Any, loop: Any, parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(LOOK_EVERY)
    logger.error("this Rasa worker's main process has gone; stopping")
    if not app.is_stopping:  # Sanic ignores a second stop: one lost while starting stays lost
        loop.call_soon_threadsafe(app.stop)
    time.sleep(GRACE)
    os._exit(1)
