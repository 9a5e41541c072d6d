"""`make bench`: train time, start-up to first answer, memory and REST latency, for this
project's configuration and for the stock `rasa init` configuration on the same data and action
server, in one run, so each figure is also a ratio (the machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import importlib.util
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import ContextManager

import aiohttp
import requests
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compact.settings import from_environment  # noqa: E402
from scripts.servers import BIN, ROOT, Running, base_env, children, running  # noqa: E402
from scripts.services import SCALE_OUT, another_instance, nginx, postgres, redis  # noqa: E402
from scripts.with_assistant import free_port  # noqa: E402

# The configuration `rasa init` writes, read from the installed Rasa package (without importing it).
STOCK_CONFIG = Path(importlib.util.find_spec("rasa").origin).parent / "cli" / "initial_project" / "config.yml"


def memory_mb(pid: int) -> float:
    """Memory of a process and its descendants, from /proc: the proportional set size, in which a
    page shared by forked workers counts once in all (resident size would count it in each)."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def descendants(pid: int) -> list[int]:
    return [d for c in children(pid) for d in (c, *descendants(c))]


def train(config: Path, out: Path) -> float:
    """Train from scratch: a fresh Rasa cache directory, so no earlier run's components are reused."""
    env = {**base_env(5055, out / "t.db"), "RASA_CACHE_DIRECTORY": str(out / "cache")}
    started = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "rasa"),
            "train",
            "--config",
            str(config),
            "--domain",
            "bot/domain",
            "--data",
            "data",
            "--out",
            str(out),
            "--fixed-model-name",
            "bench",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0] if latencies else float("nan")] * 99
    return cuts[49], cuts[94], cuts[98]


# The saturation load: this many users, each sending the next message as soon as the last is answered.
SATURATION_USERS = 8

# What a realistic user does: questions, and now and then a few turns of the breach triage.
TRIAGE_TURNS = ["I want to report a breach of the Compact", "The council ended our grant with two weeks notice", "stop"]


async def user(
    session: aiohttp.ClientSession,
    url: str,
    questions: list[str],
    seconds: float,
    pause: float,
    latencies: list[float],
    errors: list[str],
    offset: int,
) -> None:
    """One user: a message, the answer, then (with ``pause``) a wait so messages are ``pause`` apart."""
    sender, turn = uuid.uuid4().hex, offset
    script = [*questions[offset % len(questions) :][:3], *TRIAGE_TURNS]
    end = time.perf_counter() + seconds
    await asyncio.sleep(random.random() * pause)  # users do not start in step
    while time.perf_counter() < end:
        started = time.perf_counter()
        message = script[turn % len(script)] if pause else questions[turn % len(questions)]
        if not pause:
            sender = uuid.uuid4().hex  # without pause, one conversation would be rate-limited: spread it
        try:
            async with session.post(url, json={"sender": sender, "message": message}) as r:
                await r.read()
                if r.status != 200:
                    errors.append(str(r.status))
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            errors.append(type(error).__name__)
        latencies.append((time.perf_counter() - started) * 1000)
        turn += 1
        if pause:
            await asyncio.sleep(max(0.0, pause - (time.perf_counter() - started)))


async def load(url: str, questions: list[str], users: int, seconds: float, pause: float) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=users + 5)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(user(session, url, questions, seconds, pause, latencies, errors, i) for i in range(users)))
        elapsed = time.perf_counter() - started
    if errors:  # what failed, not just how many: an HTTP status or the client's exception
        kinds = ", ".join(f"{kind} ×{n}" for kind, n in collections.Counter(errors).most_common())
        print(f"  errors, {users} users at {url}: {kinds}", flush=True)
    p50, p95, p99 = percentiles(latencies)
    return {"p50": p50, "p95": p95, "p99": p99, "rate": len(latencies) / elapsed, "errors": float(len(errors))}


# One long conversation: a turn should cost the same late in it as early (bot/bounded_sessions.py).
LONG_TURNS = 200
EARLY, LATE = range(0, 20), range(180, 200)  # (the same number of turns)
# Its 200 turns in a row are more than one conversation may send in a minute (the abuse limit).
UNLIMITED = {"COMPACT_RATE_BURST": "100000", "COMPACT_RATE_PER_MINUTE": "100000"}


def long_conversation(url: str, questions: list[str], db: Path) -> dict[str, float]:
    """Median latency of turns 1-20 and 181-200 of a conversation, questions one after another,
    and what the conversation stored per message (for docs/capacity.md). Turns 1-20 are a second
    conversation's, sent alternately with the first one's turns 181-200, so that both medians
    come from the same seconds of a shared, noisy machine (measured one after the other, the
    ratio of the same server ranged from 0.7 to 1.4 between runs)."""
    session, long, fresh = requests.Session(), uuid.uuid4().hex, uuid.uuid4().hex

    def turn(sender: str, number: int) -> float:
        started = time.perf_counter()
        message = questions[number % len(questions)]
        session.post(url, json={"sender": sender, "message": message}, timeout=60).raise_for_status()
        return (time.perf_counter() - started) * 1000

    for number in range(LATE.start):
        turn(long, number)
    early, late = [], []
    for number in EARLY:
        early.append(turn(fresh, number))
        late.append(turn(long, LATE.start + number))
    with contextlib.closing(sqlite3.connect(db)) as stored:
        events, size = stored.execute("SELECT COUNT(*), SUM(LENGTH(data)) FROM events WHERE sender_id = ?", (long,)).fetchone()
    return {
        "stored events per message": events / LONG_TURNS,
        "stored event data per message (KB)": size / LONG_TURNS / 1000,
        "turns 1-20 of one conversation, median (ms)": statistics.median(early),
        "turns 181-200 of one conversation, median (ms)": statistics.median(late),
        "turns 181-200 / turns 1-20": statistics.median(late) / statistics.median(early),
    }


def serving(model: Path, db: Path, env: dict[str, str]) -> ContextManager[Running]:
    """Both servers on free ports, with ``model`` and the tracker database ``db``."""
    return running(port=free_port(), action_port=free_port(), model=model, tracker_db=db, log_dir=model.parent, extra_env=env)


def unbounded_sessions(model: Path, questions: list[str]) -> dict[str, float]:
    """The same long conversation with sessions never restarted: what a turn cost before."""
    db = model.parent / "u.db"
    with serving(model, db, {**UNLIMITED, "COMPACT_SESSION_EVENTS": str(10**9)}) as r:
        found = long_conversation(f"{r.url}/webhooks/rest/webhook", questions, db)
    return {f"{key}, sessions unbounded": value for key, value in found.items() if key.startswith("turns")}


def one_worker(model: Path, questions: list[str], seconds: float) -> dict[str, float]:
    """50 users and saturation with a single Rasa process: what the workers add, same run."""
    with serving(model, model.parent / "w.db", {**UNLIMITED, "COMPACT_RASA_WORKERS": "1"}) as r:
        url = f"{r.url}/webhooks/rest/webhook"
        users = asyncio.run(load(url, questions, 50, seconds, pause=1.0))
        saturation = asyncio.run(load(url, questions, SATURATION_USERS, seconds, pause=0.0))
    return {
        "latency p95, 50 users, one Rasa worker (ms)": users["p95"],
        "saturation throughput, one Rasa worker (messages/s)": saturation["rate"],
    }


def measure(model: Path, questions: list[str], rounds: int, seconds: float, workers: str = "") -> dict[str, float]:
    """Every figure for one configuration; ``workers``: Rasa workers (COMPACT_RASA_WORKERS; default one per core)."""
    with serving(model, model.parent / "t.db", {**UNLIMITED, "COMPACT_RASA_WORKERS": workers}) as r:
        session = requests.Session()
        latencies = []
        for i in range(rounds):
            q = questions[i % len(questions)]
            t = time.perf_counter()
            resp = session.post(f"{r.url}/webhooks/rest/webhook", json={"sender": uuid.uuid4().hex, "message": q}, timeout=30)
            latencies.append((time.perf_counter() - t) * 1000)
            resp.raise_for_status()
        figures = {
            "start-up to first answer (s)": r.startup_seconds,
            "Rasa server memory, all workers (MB)": memory_mb(r.pids[0]),
            "action server memory (MB)": memory_mb(r.pids[1]),
            "both servers' memory (MB)": memory_mb(r.pids[0]) + memory_mb(r.pids[1]),
        }
        figures["Rasa workers"] = float(from_environment({**os.environ, "COMPACT_RASA_WORKERS": workers}).workers)
        figures.update(
            zip(("latency p50, 1 user (ms)", "latency p95, 1 user (ms)", "latency p99, 1 user (ms)"), percentiles(latencies))
        )
        url = f"{r.url}/webhooks/rest/webhook"
        for users in (20, 50):
            found = asyncio.run(load(url, questions, users, seconds, pause=1.0))
            figures.update(
                {
                    f"latency p50, {users} users (ms)": found["p50"],
                    f"latency p95, {users} users (ms)": found["p95"],
                    f"latency p99, {users} users (ms)": found["p99"],
                    f"errors, {users} users": found["errors"],
                }
            )
        found = asyncio.run(load(url, questions, SATURATION_USERS, seconds, pause=0.0))
        figures.update({"saturation throughput (messages/s)": found["rate"], "errors, saturation": found["errors"]})
        figures.update(long_conversation(url, questions, model.parent / "t.db"))
    figures.update(unbounded_sessions(model, questions))
    return figures


# Saturation side by side: every configuration compared is up at once (one that is not being loaded
# takes next to no CPU) and each is loaded in turn, window after window. Measured minutes apart, one
# after the other, the same code's ratio moved by a third with the machine (7.27× and 9.44×, 23
# minutes apart): windows taken in turn see the same machine, and the median drops a slow window.
ALTERNATING_WINDOWS = 5
WARM_UP_SECONDS = 3.0


def alternating_saturation(
    urls: dict[str, str], questions: list[str], seconds: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Each REST webhook in ``urls`` at saturation for ``seconds``, in turn, ``ALTERNATING_WINDOWS``
    times over after a warm-up: the median of each one's windows (messages/s) and its errors."""
    for url in urls.values():
        asyncio.run(load(url, questions, SATURATION_USERS, WARM_UP_SECONDS, pause=0.0))
    rates: dict[str, list[float]] = {label: [] for label in urls}
    errors = dict.fromkeys(urls, 0.0)
    for _ in range(ALTERNATING_WINDOWS):
        for label, url in urls.items():
            found = asyncio.run(load(url, questions, SATURATION_USERS, seconds, pause=0.0))
            rates[label].append(found["rate"])
            errors[label] += found["errors"]
    for label, windows in rates.items():
        print(f"  {label}, windows side by side (messages/s): {', '.join(f'{rate:.1f}' for rate in windows)}", flush=True)
    return {label: statistics.median(windows) for label, windows in rates.items()}, errors


def side_by_side(
    configs: dict[str, tuple[Path, str]], questions: list[str], seconds: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Saturation of each configuration (its model, its Rasa workers), all up at once, in turn."""
    with contextlib.ExitStack() as stack:
        urls = {}
        for name, (model, workers) in configs.items():
            env = {**UNLIMITED, "COMPACT_RASA_WORKERS": workers}
            urls[name] = f"{stack.enter_context(serving(model, model.parent / 's.db', env)).url}/webhooks/rest/webhook"
        return alternating_saturation(urls, questions, seconds)


def users_50(url: str, questions: list[str], seconds: float, label: str) -> dict[str, float]:
    """50 users through the balancer at ``url``."""
    users = asyncio.run(load(f"{url}/webhooks/rest/webhook", questions, 50, seconds, pause=1.0))
    return {f"{label}: latency p95, 50 users (ms)": users["p95"], f"{label}: errors, 50 users": users["errors"]}


def scale_out(model: Path, questions: list[str], seconds: float) -> dict[str, float]:
    """On this same machine, PostgreSQL and Redis: one Rasa instance behind nginx, and two (round
    robin, no sticky sessions) behind another, sharing one action server: what a second instance
    adds, their saturation taken side by side. Each instance has one worker (a core's worth), so
    that the second has a core to add here, as it would on a machine of its own; with a worker per
    core each, the second only shares the first's."""
    work = model.parent / "scale-out"
    with postgres(work / "pg") as pg, redis(work) as rd:
        env = {**pg.env(), **rd.env(), **UNLIMITED, "COMPACT_RASA_WORKERS": "1"}
        with (
            running(
                port=free_port(), action_port=free_port(), model=model, extra_env=env, endpoints=SCALE_OUT, log_dir=work
            ) as first,
            another_instance(first, work, model) as second_url,
            nginx(work / "nginx-1", [first.url]) as one,
            nginx(work / "nginx-2", [first.url, second_url]) as two,
        ):
            labels = {"1 instance behind nginx": one.url, "2 instances behind nginx": two.url}
            figures: dict[str, float] = {}
            for label, url in labels.items():
                figures.update(users_50(url, questions, seconds, label))
            webhooks = {label: f"{url}/webhooks/rest/webhook" for label, url in labels.items()}
            rates, errors = alternating_saturation(webhooks, questions, seconds)
            for label in labels:
                figures[f"{label}: saturation throughput, side by side, median (messages/s)"] = rates[label]
                figures[f"{label}: errors, saturation"] = errors[label]
    if any(value for key, value in figures.items() if "errors" in key):
        show_failures(work)
    return figures


def show_failures(work: Path) -> None:
    """What the servers and the balancers logged of failures, before the work folder goes."""
    for log in sorted(work.glob("*.log")) + sorted(work.glob("nginx-*/error.log")):
        lines = [line for line in log.read_text(errors="replace").splitlines() if " ERROR " in line or "[error]" in line]
        for line in lines[-20:]:
            print(f"  {log.relative_to(work)}: {line}", flush=True)


def dev_questions() -> list[str]:
    """The dev set's questions: the load's messages (and the tests' sample of ordinary questions)."""
    return [q["q"] for q in yaml.safe_load((ROOT / "eval" / "dev.yaml").read_text())["questions"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200, help="sequential messages for the 1-user latency")
    parser.add_argument("--seconds", type=float, default=20, help="how long each load level runs")
    parser.add_argument("--only", choices=["ours", "stock"], help="measure one configuration (no ratios)")
    parser.add_argument(
        "--scale-out", action="store_true", help="also this project as 1 and 2 instances behind nginx (make test-deps first)"
    )
    args = parser.parse_args()
    questions = dev_questions()
    results: dict[str, dict[str, float]] = {}
    scaled: dict[str, float] = {}
    ours_alone: dict[str, float] = {}
    models: dict[str, tuple[Path, str]] = {}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        # The stock configuration runs as Rasa runs it by default: one process.
        configs = {"ours": ("this project", ROOT / "bot" / "config.yml", ""), "stock": ("stock rasa init", STOCK_CONFIG, "1")}
        for key, (name, config, workers) in configs.items():
            if args.only and key != args.only:
                continue
            out = work / name.replace(" ", "-")
            out.mkdir()
            print(f"training and measuring: {name} ({config.relative_to(config.parents[1])})", flush=True)
            seconds = train(config, out)
            results[name] = {
                "training (s)": seconds,
                **measure(out / "bench.tar.gz", questions, args.rounds, args.seconds, workers),
            }
            models[name] = (out / "bench.tar.gz", workers)
            if key == "ours":
                ours_alone = one_worker(out / "bench.tar.gz", questions, args.seconds)
            if args.scale_out and key == "ours":
                scaled = scale_out(out / "bench.tar.gz", questions, args.seconds)
        if len(models) == 2:
            print("saturation of both, side by side", flush=True)
            rates, errors = side_by_side(models, questions, args.seconds)
            for name in models:
                results[name]["saturation throughput, side by side, median (messages/s)"] = rates[name]
                results[name]["errors, saturation side by side"] = errors[name]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names = list(results)
    if ours_alone:
        print("\n| this project, one Rasa worker, same run | value |\n|---|---:|")
        for key, value in ours_alone.items():
            print(f"| {key} | {value:.1f} |")
    if scaled:
        print("\n| this project on PostgreSQL and Redis, same machine | value |\n|---|---:|")
        for key, value in scaled.items():
            print(f"| {key} | {value:.1f} |")
    print("\n| figure | " + " | ".join(names) + (" | ratio |" if len(names) == 2 else " |"))
    print("|---|" + "---:|" * (len(names) + (len(names) == 2)))
    for key in results[names[0]]:
        values = [results[n][key] for n in names]
        cells = [f"{v:.1f}" for v in values]
        if len(names) == 2:
            cells.append(f"{values[0] / values[1]:.2f}×" if values[1] else "–")
        print(f"| {key} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
