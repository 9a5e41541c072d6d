"""Run a command while the assistant runs on free loopback ports; COMPACT_URL tells it where.

python scripts/with_assistant.py python eval/evaluate.py eval/questions.yaml
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.servers import RUN_DIR, running  # noqa: E402


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A port free now that this process has not handed out before: two calls in a row (a Rasa and an action port)
    can otherwise get the same one back from the system, and the second server then fails to bind it."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a SIGTERM stops both servers too, as Ctrl-C does
    port = free_port()
    log_dir = RUN_DIR / "with-assistant"
    db = log_dir / f"tracker-{port}.db"
    with running(port=port, action_port=free_port(), tracker_db=db, log_dir=log_dir) as r:
        print(f"assistant ready at {r.url} after {r.startup_seconds:.1f} s", flush=True)
        code = subprocess.call(argv, env={**os.environ, "COMPACT_URL": r.url})
    db.unlink(missing_ok=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
