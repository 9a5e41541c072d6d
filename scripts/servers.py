"""Start the action server and the Rasa server as `make run` does, and wait for a first answer.

One piece of code for every caller: `make run` (foreground), the end-to-end tests, `make eval`
and `make bench` use :func:`running`. Logs go to files under ``.run/`` (never to the user).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "compact.tar.gz"
ENDPOINTS = os.environ.get("COMPACT_ENDPOINTS", "bot/endpoints.yml")  # bot/endpoints.scale-out.yml: several instances
RUN_DIR = ROOT / ".run"


@dataclass(frozen=True)
class Running:
    url: str
    action_url: str
    startup_seconds: float
    pids: tuple[int, int]  # (Rasa, action server)
    action_port: int
    env: dict[str, str]
    log_dir: Path
    port: int


def base_env(action_port: int, tracker_db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "SANIC_HOST": "127.0.0.1",  # rasa-sdk's action server listens on loopback only
        "TRACKER_DB": str(tracker_db),
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    })
    return env


def wait_for_answer(url: str, deadline: float, procs: list[subprocess.Popen], log_dir: Path) -> None:
    """Poll the REST channel until the bot shows a commitment (model loaded, action server up)."""
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"a server exited early with code {p.returncode}; see the logs in {log_dir}")
        with contextlib.suppress(requests.RequestException):
            r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": "startup-probe", "message": "/show_entry{\"entry_id\": \"13.2\"}"}, timeout=5)
            if r.ok and any("Commitment 13.2" in m.get("text", "") for m in r.json()):
                return
        time.sleep(0.25)
    raise TimeoutError(f"the assistant did not answer at {url} in time; see the logs in {log_dir}")


def start_action_server(port: int, env: dict[str, str], log_dir: Path) -> subprocess.Popen:
    with open(log_dir / "actions.log", "ab") as log:
        return subprocess.Popen([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def start_rasa(port: int, env: dict[str, str], log_dir: Path, model: Path = MODEL, host: str = "127.0.0.1",
               endpoints: str = ENDPOINTS, log_name: str = "rasa.log") -> subprocess.Popen:
    with open(log_dir / log_name, "ab") as log:
        return subprocess.Popen([str(BIN / "rasa"), "run", "--model", str(model), "--endpoints", endpoints,
                                 "--credentials", "bot/credentials.yml", "--interface", host, "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def answers(method: str, url: str, **kwargs) -> bool:
    """Does ``url`` answer with a 2xx right now?"""
    try:
        return requests.request(method, url, timeout=5, **kwargs).ok
    except requests.RequestException:
        return False


def rest_answers(url: str) -> bool:
    return answers("POST", f"{url}/webhooks/rest/webhook", json={"sender": "probe", "message": "hello"})


def wait_until(check: Callable[[], bool], what: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise TimeoutError(f"gave up waiting: {what}")


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


@contextlib.contextmanager
def running(port: int = 5005, action_port: int = 5055, model: Path = MODEL, tracker_db: Path | None = None,
            host: str = "127.0.0.1", extra_env: dict[str, str] | None = None, timeout: float = 240,
            log_dir: Path = RUN_DIR, endpoints: str = ENDPOINTS) -> Iterator[Running]:
    """Run both servers until the block ends. Logs: <log_dir>/rasa.log and <log_dir>/actions.log."""
    if not model.exists():
        raise FileNotFoundError(f"{model} is missing: run `make train` first")
    for p in (port, action_port):
        if port_in_use(p):
            raise RuntimeError(f"port {p} is already in use (is the assistant already running?)")
    log_dir.mkdir(parents=True, exist_ok=True)
    env = base_env(action_port, tracker_db or RUN_DIR / "tracker.db")
    env.update(extra_env or {})
    started = time.monotonic()
    procs: list[subprocess.Popen] = []
    try:
        (log_dir / "actions.log").unlink(missing_ok=True)
        procs.append(start_action_server(action_port, env, log_dir))
        (log_dir / "rasa.log").unlink(missing_ok=True)
        procs.append(start_rasa(port, env, log_dir, model, host, endpoints))
        url = f"http://127.0.0.1:{port}"
        wait_for_answer(url, started + timeout, procs, log_dir)
        yield Running(url, f"http://127.0.0.1:{action_port}", time.monotonic() - started, (procs[1].pid, procs[0].pid),
                      action_port, env, log_dir, port)
    finally:
        stop(procs)


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the Compact assistant in the foreground (Ctrl-C stops it).")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--action-port", type=int, default=int(os.environ.get("ACTION_PORT", 5055)))
    parser.add_argument("--host", default=os.environ.get("RASA_HOST", "127.0.0.1"))
    args = parser.parse_args()
    print("Starting the action server and Rasa (the first start takes a little while)...", flush=True)
    with running(args.port, args.action_port, host=args.host) as r:
        print(f"\nThe Compact assistant is ready after {r.startup_seconds:.0f} s.\n"
              f"  Website widget (demo page): {r.url}/widget/\n"
              f"  REST channel: POST {r.url}/webhooks/rest/webhook  {{\"sender\": \"me\", \"message\": \"hello\"}}\n"
              f"  try: curl -s -XPOST {r.url}/webhooks/rest/webhook -d '{{\"sender\":\"me\",\"message\":\"how long should a consultation last?\"}}'\n"
              f"  chat in a terminal: make shell      logs: {RUN_DIR}/rasa.log, {RUN_DIR}/actions.log\n"
              "Press Ctrl-C to stop.", flush=True)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
