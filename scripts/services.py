"""PostgreSQL and Redis on loopback, started from Debian's packages for the scale-out test (and for
trying the scale-out set-up by hand): throwaway servers in a directory of their own, on free
ports, stopped when the block ends. `make test-deps` installs the packages."""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scripts.servers import wait_until
from scripts.with_assistant import free_port

DB_NAME = DB_USER = "compact"


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is missing: `make test-deps` installs Debian's postgresql")
    return found[-1]


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the package's own user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass(frozen=True)
class Postgres:
    host: str  # host:port

    def env(self) -> dict[str, str]:
        return {"DB_HOST": self.host, "DB_NAME": DB_NAME, "DB_USER": DB_USER, "DB_PASSWORD": ""}


@contextlib.contextmanager
def postgres(work: Path) -> Iterator[Postgres]:
    """``work`` holds the log; the data directory is a fresh one in /tmp that the postgres user
    can reach (a test's own temporary directory is private to root)."""
    data, port = Path(tempfile.mkdtemp(prefix="compact-pg-")), free_port()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    subprocess.run(as_postgres([postgres_bin("initdb"), "-D", str(data), "-U", DB_USER, "-A", "trust", "--no-sync"]),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "postgres.log", "wb") as log:
        server = subprocess.Popen(as_postgres([postgres_bin("postgres"), "-D", str(data), "-p", str(port), "-k", str(data),
                                               "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: subprocess.run([postgres_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                                    stdout=subprocess.DEVNULL).returncode == 0, "PostgreSQL starts", 60)
        subprocess.run([postgres_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", DB_USER, DB_NAME], check=True)
        yield Postgres(f"127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


@contextlib.contextmanager
def redis(work: Path) -> Iterator[dict[str, str]]:
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("redis-server is missing: `make test-deps` installs Debian's redis-server")
    port = free_port()
    with open(work / "redis.log", "wb") as log:
        server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                   "--dir", str(work)], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() == b"PONG", "Redis starts", 60)
        yield {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(port), "REDIS_PASSWORD": "", "REDIS_DB": "0"}
    finally:
        server.terminate()
        server.wait(timeout=30)
