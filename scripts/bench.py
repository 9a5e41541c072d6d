"""`make bench`: train time, start-up to first answer, memory and REST latency, for this
project's configuration and for the stock `rasa init` configuration on the same data and action
server, in one run, so each figure is also a ratio (the machines are shared and noisy).
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.servers import BIN, ROOT, base_env, running  # noqa: E402
from scripts.with_assistant import free_port  # noqa: E402

# The configuration `rasa init` writes, read from the installed Rasa package (without importing it).
STOCK_CONFIG = Path(importlib.util.find_spec("rasa").origin).parent / "cli" / "initial_project" / "config.yml"


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, from /proc."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def descendants(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for c in map(int, children):
            out += [c, *descendants(c)]
    return out


def train(config: Path, out: Path) -> float:
    """Train from scratch: a fresh Rasa cache directory, so no earlier run's components are reused."""
    env = {**base_env(5055, out / "t.db"), "RASA_CACHE_DIRECTORY": str(out / "cache")}
    started = time.perf_counter()
    subprocess.run([str(BIN / "rasa"), "train", "--config", str(config), "--domain", "bot/domain.yml", "--data", "data",
                    "--out", str(out), "--fixed-model-name", "bench"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(model: Path, questions: list[str], rounds: int) -> dict[str, float]:
    with running(port=free_port(), action_port=free_port(), model=model, tracker_db=model.parent / "t.db", log_dir=model.parent) as r:
        session = requests.Session()
        latencies = []
        for i in range(rounds):
            q = questions[i % len(questions)]
            t = time.perf_counter()
            resp = session.post(f"{r.url}/webhooks/rest/webhook", json={"sender": uuid.uuid4().hex, "message": q}, timeout=30)
            latencies.append((time.perf_counter() - t) * 1000)
            resp.raise_for_status()
        cuts = statistics.quantiles(latencies, n=100)
        return {"start-up to first answer (s)": r.startup_seconds, "Rasa server RSS (MB)": rss_mb(r.pids[0]),
                "action server RSS (MB)": rss_mb(r.pids[1]), "both processes RSS (MB)": rss_mb(r.pids[0]) + rss_mb(r.pids[1]),
                "latency p50, 1 user (ms)": cuts[49], "latency p95, 1 user (ms)": cuts[94]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    questions = [q["q"] for q in yaml.safe_load((ROOT / "eval" / "dev.yaml").read_text())["questions"]]
    results: dict[str, dict[str, float]] = {}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        for name, config in (("this project", ROOT / "bot" / "config.yml"), ("stock rasa init", STOCK_CONFIG)):
            out = work / name.replace(" ", "-")
            out.mkdir()
            print(f"training and measuring: {name} ({config.relative_to(config.parents[1])})", flush=True)
            seconds = train(config, out)
            results[name] = {"training (s)": seconds, **measure(out / "bench.tar.gz", questions, args.rounds)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours, stock = results["this project"], results["stock rasa init"]
    print(f"\n| figure | this project | stock `rasa init` | ratio |\n|---|---:|---:|---:|")
    for key in ours:
        print(f"| {key} | {ours[key]:.1f} | {stock[key]:.1f} | {ours[key] / stock[key]:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
