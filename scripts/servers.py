"""Start the action server and the Rasa server as `make run` does, and wait for a first answer.

One piece of code for every caller: `make run` (foreground, with the processes restarted when
they die: scripts/supervisor.py), the end-to-end tests, `make eval` and `make bench` use
:func:`running`; a production server's systemd units run each process with
``scripts/servers.py serve rasa|actions`` (deploy/systemd/). Logs go to files under ``.run/``
(never to the user).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.rest_access import required_key  # noqa: E402
from compact.settings import SettingsError, from_environment, settings, shared_file_beside  # noqa: E402
from scripts.supervisor import Child, supervise  # noqa: E402

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
    children: tuple[Child, Child]  # (Rasa, action server); a supervisor may replace their processes
    action_port: int
    env: dict[str, str]
    log_dir: Path
    port: int

    @property
    def pids(self) -> tuple[int, int]:
        """(Rasa, action server) as they are now."""
        return self.children[0].process.pid, self.children[1].process.pid


def base_env(action_port: int, tracker_db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
            "SANIC_HOST": "127.0.0.1",  # rasa-sdk's action server listens on loopback only
            # Both servers' loggers drop Sanic's access lines (Rasa sets them to ERROR), but Sanic still
            # built each line's URL and record: 1-2% of either server's time under load (make profile).
            "SANIC_ACCESS_LOG": "false",
            "TRACKER_DB": str(tracker_db),
            "LOCK_DB": env.get("LOCK_DB") or str(shared_file_beside(tracker_db)),  # what the Rasa workers share
            "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    return env


def action_env(env: dict[str, str]) -> dict[str, str]:
    """The action server's environment: it keeps an idle connection as long as Rasa's own server
    does (`rasa run --keep-alive-timeout`, 120 s), not Sanic's default 5 s, which is shorter than
    Rasa's pool of connections to it keeps one (bot/platform/speedups.py, POOL_IDLE_SECONDS)."""
    return {"SANIC_KEEP_ALIVE_TIMEOUT": "120", **env}


def rasa_env(env: dict[str, str]) -> dict[str, str]:
    """The Rasa server's environment: its number of worker processes (Sanic's ``SANIC_WORKERS``,
    from ``COMPACT_RASA_WORKERS``: docs/capacity.md)."""
    return {**env, "SANIC_WORKERS": str(from_environment(env).workers)}


def rest_headers(env: dict[str, str] | None = None) -> dict[str, str]:
    """The REST channel's API key, when one is configured (always needed beyond loopback)."""
    key = (settings() if env is None else from_environment(env)).rest_api_key
    return {"Authorization": f"Bearer {key}"} if key else {}


def check_settings(host: str | None, env: dict[str, str]) -> None:
    """Refuse to start on a bad setting, or Rasa listening on ``host`` beyond loopback without the
    REST channel's API key, before starting anything (the servers check again themselves)."""
    config = from_environment(env)
    if host is not None:
        required_key(host, config.rest_api_key)


def wait_for_answer(
    url: str,
    action_url: str,
    deadline: float,
    procs: list[subprocess.Popen],
    log_dir: Path,
    headers: dict[str, str] | None = None,
) -> None:
    """Poll the REST channel until the bot shows a commitment (model loaded, action server up).

    The action server is asked first (its /health): a probe Rasa answered before the action
    server was up would log a failed action, with its traceback, at every start."""
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"a server exited early with code {p.returncode}; see the logs in {log_dir}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{action_url}/health", timeout=5).ok:
                r = requests.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": "startup-probe", "message": '/show_entry{"entry_id": "13.2"}'},
                    headers=headers or {},
                    timeout=5,
                )
                if r.ok and any("Commitment 13.2" in m.get("text", "") for m in r.json()):
                    return
        time.sleep(0.25)
    raise TimeoutError(f"the assistant did not answer at {url} in time; see the logs in {log_dir}")


def action_server_command(port: int) -> list[str]:
    """rasa-sdk's own server, as `rasa run actions` starts it, without first importing Rasa's
    command line (a second and about 80 MB the action server never uses)."""
    return [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]


def rasa_command(
    port: int, model: Path = MODEL, host: str = "127.0.0.1", endpoints: str = ENDPOINTS, credentials: str = "bot/credentials.yml"
) -> list[str]:
    """`rasa run`, through the platform layer (bot/platform/server.py)."""
    return [
        str(BIN / "python"),
        "-m",
        "bot.platform.server",
        "run",
        "--model",
        str(model),
        "--endpoints",
        endpoints,
        "--credentials",
        credentials,
        "--interface",
        host,
        "--port",
        str(port),
    ]


def start_action_server(port: int, env: dict[str, str], log_dir: Path) -> subprocess.Popen:
    with open(log_dir / "actions.log", "ab") as log:
        return subprocess.Popen(action_server_command(port), cwd=ROOT, env=action_env(env), stdout=log, stderr=subprocess.STDOUT)


def start_rasa(
    port: int,
    env: dict[str, str],
    log_dir: Path,
    model: Path = MODEL,
    host: str = "127.0.0.1",
    endpoints: str = ENDPOINTS,
    log_name: str = "rasa.log",
    credentials: str = "bot/credentials.yml",
) -> subprocess.Popen:
    with open(log_dir / log_name, "ab") as log:
        return subprocess.Popen(
            rasa_command(port, model, host, endpoints, credentials),
            cwd=ROOT,
            env=rasa_env(env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def with_pid_file(start: Callable[[], subprocess.Popen], path: Path) -> Callable[[], subprocess.Popen]:
    """``start``, recording each new process's pid in ``path`` (for operators, and the restart test)."""

    def started() -> subprocess.Popen:
        process = start()
        path.write_text(f"{process.pid}\n")
        return process

    return started


def answers(method: str, url: str, **kwargs) -> bool:
    """Does ``url`` answer with a 2xx right now?"""
    try:
        return requests.request(method, url, timeout=5, **kwargs).ok
    except requests.RequestException:
        return False


def rest_answers(url: str) -> bool:
    return answers("POST", f"{url}/webhooks/rest/webhook", json={"sender": "probe", "message": "hello"}, headers=rest_headers())


def wait_until(check: Callable[[], bool], what: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise TimeoutError(f"gave up waiting: {what}")


def children(pid: int) -> list[int]:
    """A process's children (a Rasa server's workers), from /proc; none once it has gone."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(FileNotFoundError):
            found += map(int, (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    """Running, or at least not stopped (a zombie waiting to be reaped has stopped)."""
    try:
        os.kill(pid, 0)
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False


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
def running(
    port: int = 5005,
    action_port: int = 5055,
    model: Path = MODEL,
    tracker_db: Path | None = None,
    host: str = "127.0.0.1",
    extra_env: dict[str, str] | None = None,
    timeout: float = 240,
    log_dir: Path = RUN_DIR,
    endpoints: str = ENDPOINTS,
    credentials: str = "bot/credentials.yml",
) -> Iterator[Running]:
    """Run both servers until the block ends. Logs: <log_dir>/rasa.log and <log_dir>/actions.log;
    pids: <log_dir>/rasa.pid and <log_dir>/actions.pid."""
    if not model.exists():
        raise FileNotFoundError(f"{model} is missing: run `make train` first")
    for p in (port, action_port):
        if port_in_use(p):
            raise RuntimeError(f"port {p} is already in use (is the assistant already running?)")
    log_dir.mkdir(parents=True, exist_ok=True)
    env = base_env(action_port, tracker_db or RUN_DIR / "tracker.db")
    env.update(extra_env or {})
    check_settings(host, env)
    started = time.monotonic()
    children: list[Child] = []
    try:
        (log_dir / "actions.log").unlink(missing_ok=True)
        start = with_pid_file(lambda: start_action_server(action_port, env, log_dir), log_dir / "actions.pid")
        children.append(Child("action server", start, start()))
        (log_dir / "rasa.log").unlink(missing_ok=True)
        start = with_pid_file(
            lambda: start_rasa(port, env, log_dir, model, host, endpoints, credentials=credentials), log_dir / "rasa.pid"
        )
        children.insert(0, Child("Rasa server", start, start()))
        url, action_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{action_port}"
        wait_for_answer(url, action_url, started + timeout, [c.process for c in children], log_dir, rest_headers(env))
        yield Running(
            url,
            action_url,
            time.monotonic() - started,
            (children[0], children[1]),
            action_port,
            env,
            log_dir,
            port,
        )
    finally:
        stop([c.process for c in children])


def serve(which: str, args: argparse.Namespace) -> int:
    """Become one of the two servers (for a process manager such as systemd: deploy/systemd/)."""
    env = base_env(args.action_port, args.tracker_db)
    check_settings(args.host if which == "rasa" else None, env)
    command = rasa_command(args.port, host=args.host) if which == "rasa" else action_server_command(args.action_port)
    os.chdir(ROOT)
    os.execve(command[0], command, rasa_env(env) if which == "rasa" else action_env(env))
    return 1  # not reached


def log_to(log_dir: Path) -> None:
    """The supervisor's lines go to the terminal (or journal) and to <log_dir>/supervisor.log."""
    log_dir.mkdir(parents=True, exist_ok=True)
    form = logging.Formatter("%(asctime)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    for handler in (logging.StreamHandler(sys.stdout), logging.FileHandler(log_dir / "supervisor.log")):
        handler.setFormatter(form)
        logging.getLogger("supervisor").addHandler(handler)
    logging.getLogger("supervisor").setLevel(logging.INFO)


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Run the Compact assistant in the foreground (Ctrl-C stops it); "
        "`serve rasa|actions` runs one server for a process manager."
    )
    parser.add_argument("command", nargs="*", help="nothing (run both, supervised), or: serve rasa | serve actions")
    try:
        config = from_environment()
    except SettingsError as error:
        parser.exit(2, f"Not starting: {error}\n")
    parser.add_argument("--port", type=int, default=config.rasa_port)
    parser.add_argument("--action-port", type=int, default=config.action_port)
    parser.add_argument("--host", default=config.rasa_host)
    parser.add_argument(
        "--tracker-db", type=Path, default=config.tracker_db if config.tracker_db.is_absolute() else ROOT / config.tracker_db
    )
    parser.add_argument("--log-dir", type=Path, default=RUN_DIR)
    args = parser.parse_args()
    if args.command:
        if args.command[0] != "serve" or len(args.command) != 2 or args.command[1] not in ("rasa", "actions"):
            parser.error("the only command is: serve rasa | serve actions")
        return serve(args.command[1], args)
    try:
        check_settings(args.host, dict(os.environ))
    except (SettingsError, ValueError) as error:
        parser.exit(2, f"Not starting: {error}\n")
    log_to(args.log_dir)
    print("Starting the action server and Rasa (the first start takes a little while)...", flush=True)
    # Stop both servers on SIGTERM or SIGINT, as Ctrl-C does, even when started in the background
    # (a shell starts background jobs with SIGINT ignored, and Python then leaves it ignored).
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, signal.default_int_handler)
    with (
        contextlib.suppress(KeyboardInterrupt),
        running(args.port, args.action_port, host=args.host, tracker_db=args.tracker_db, log_dir=args.log_dir) as r,
    ):
        print(
            f"\nThe Compact assistant is ready after {r.startup_seconds:.0f} s.\n"
            f"  Website widget (demo page): {r.url}/widget/\n"
            f'  REST channel: POST {r.url}/webhooks/rest/webhook  {{"sender": "me", "message": "hello"}}\n'
            f"  try: curl -s -XPOST {r.url}/webhooks/rest/webhook -d "
            f'\'{{"sender":"me","message":"how long should a consultation last?"}}\'\n'
            f"  chat in a terminal: make shell      logs: {args.log_dir}/rasa.log, {args.log_dir}/actions.log\n"
            "If either server stops, it is started again (supervisor.log says when and why).\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        supervise(list(r.children), threading.Event())  # until Ctrl-C or SIGTERM
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
