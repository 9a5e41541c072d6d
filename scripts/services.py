"""PostgreSQL, Redis and an nginx balancer on loopback, started from Debian's packages for the
scale-out tests and `make bench` (and for trying the scale-out set-up by hand): throwaway servers
in a directory of their own, on free ports, stopped when the block ends, and restartable in
between. `make test-deps` installs the packages."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from scripts.servers import MODEL, Running, rest_answers, start_rasa, stop, wait_until
from scripts.with_assistant import free_port

DB_NAME = DB_USER = "compact"
SCALE_OUT = "bot/endpoints.scale-out.yml"  # conversations in PostgreSQL, locks in Redis


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is missing: `make test-deps` installs Debian's postgresql")
    return found[-1]


def postgres_user() -> str | None:
    """PostgreSQL refuses to run as root: run it as the package's own user then."""
    return "postgres" if os.geteuid() == 0 else None


class Service:
    """A throwaway server on loopback that can be stopped and started again on the same port and
    data (to test what happens while a database restarts)."""

    def __init__(
        self,
        name: str,
        command: list[str],
        log: Path,
        ready: Callable[[], bool],
        user: str | None = None,
        stop_signal: int = signal.SIGTERM,
    ) -> None:
        self.name, self.command, self.log, self.ready = name, command, log, ready
        self.user, self.stop_signal = user, stop_signal
        self.server: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.server = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT, user=self.user)
        wait_until(self.ready, f"{self.name} starts", 60)

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(self.stop_signal)
            self.server.wait(timeout=30)
        self.server = None


@dataclass(frozen=True)
class Postgres:
    host: str  # host:port
    service: Service

    def env(self) -> dict[str, str]:
        return {"DB_HOST": self.host, "DB_NAME": DB_NAME, "DB_USER": DB_USER, "DB_PASSWORD": ""}


@contextlib.contextmanager
def postgres(work: Path) -> Iterator[Postgres]:
    """``work`` holds the log; the data directory is a fresh one in /tmp that the postgres user
    can reach (a test's own temporary directory is private to root)."""
    data, port = Path(tempfile.mkdtemp(prefix="compact-pg-")), free_port()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    subprocess.run(
        [postgres_bin("initdb"), "-D", str(data), "-U", DB_USER, "-A", "trust", "--no-sync"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        user=postgres_user(),
    )
    work.mkdir(parents=True, exist_ok=True)
    command = [
        postgres_bin("postgres"),
        "-D",
        str(data),
        "-p",
        str(port),
        "-k",
        str(data),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
    ]

    def ready() -> bool:
        return (
            subprocess.run([postgres_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL).returncode
            == 0
        )

    # SIGINT is PostgreSQL's "fast" shutdown: it does not wait for Rasa's pooled connections to close.
    service = Service("PostgreSQL", command, work / "postgres.log", ready, postgres_user(), signal.SIGINT)
    try:
        service.start()
        subprocess.run([postgres_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", DB_USER, DB_NAME], check=True)
        yield Postgres(f"127.0.0.1:{port}", service)
    finally:
        service.stop()
        shutil.rmtree(data, ignore_errors=True)


@dataclass(frozen=True)
class Redis:
    port: int
    service: Service

    def env(self) -> dict[str, str]:
        return {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(self.port), "REDIS_PASSWORD": "", "REDIS_DB": "0"}


@contextlib.contextmanager
def redis(work: Path) -> Iterator[Redis]:
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("redis-server is missing: `make test-deps` installs Debian's redis-server")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(work)]
    service = Service(
        "Redis",
        command,
        work / "redis.log",
        lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() == b"PONG",
    )
    try:
        service.start()
        yield Redis(port, service)
    finally:
        service.stop()


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's, installed by scripts/test-deps.sh


@dataclass(frozen=True)
class Balancer:
    url: str
    access_log: Path  # one line per request: the instance that served it, and its status


@contextlib.contextmanager
def nginx(work: Path, instances: list[str]) -> Iterator[Balancer]:
    """nginx in front of ``instances`` (their base URLs), round robin (its default), no sticky
    sessions; POST is never retried on another instance (nginx's default)."""
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    upstreams = "".join(f"    server {url.split('//', 1)[1]};\n" for url in instances)
    temp = "".join(f"  {kind}_temp_path {work}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n{temp}  log_format upstream '$upstream_addr $status';\n  access_log {work}/access.log upstream;\n"
        f"  upstream rasa {{\n{upstreams}    keepalive 32;\n  }}\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n"
        '    location / { proxy_pass http://rasa; proxy_http_version 1.1; proxy_set_header Connection "";'
        " proxy_read_timeout 120s; }\n  }\n}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: proc.poll() is None and rest_answers(url), "nginx forwards to the instances", 60)
        yield Balancer(url, work / "access.log")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextlib.contextmanager
def another_instance(first: Running, work: Path, model: Path = MODEL) -> Iterator[str]:
    """A second Rasa instance beside ``first`` (its settings and action server, on the scale-out
    stores), answering until the block ends; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    second = start_rasa(port, first.env, work, model, endpoints=SCALE_OUT, log_name="rasa-2.log")
    try:
        wait_until(lambda: rest_answers(url), "the second instance answers")
        yield url
    finally:
        stop([second])
