"""`make profile`: where each server's time goes under load (docs/capacity.md, "Where the time
goes"). Starts both servers, sends the bench's mixed load (questions and breach-triage turns, each
user a message a second), records both processes with py-spy, and prints for each the share of
its busy samples spent in each stage of a turn, and how busy it was.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench import SATURATION_USERS, UNLIMITED, dev_questions, load  # noqa: E402
from scripts.servers import BIN, running  # noqa: E402
from scripts.with_assistant import free_port  # noqa: E402

RATE = 50  # samples a second

# A stage of a turn: the function whose frames it covers (matched as "name (path" in py-spy's frames).
RASA_STAGES = {
    "choosing the next action (policies)": "predict_next_with_tracker_if_should (rasa/core/processor.py",
    "  the rule policy": "predict_action_probabilities (rasa/core/policies/rule_policy.py",
    "understanding the message (NLU)": "parse_message (rasa/core/processor.py",
    "loading the conversation": "get_or_create_tracker (rasa/core/tracker_store.py",
    "calling the action server": "run (rasa/core/actions/action.py",
    "  writing the conversation as JSON": "__init__ (aiohttp/payload.py",  # (the request body, by ujson: speedups.py)
    "saving the conversation": "save_tracker (rasa/core/processor.py",
}
ACTION_STAGES = {
    "answering a question (actions/answering.py)": "run (actions/answering.py",
    "  ranking it (compact/matcher.py)": "rank (compact/matcher.py",
    "the triage form (actions/triage.py, rasa_sdk/forms.py)": "run (rasa_sdk/forms.py",
    "reading the conversation's JSON": "json (sanic/request.py",
}


def shares(raw: Path, stages: dict[str, str]) -> tuple[int, dict[str, float]]:
    """Samples in py-spy's raw (collapsed) output, and the share of them inside each stage."""
    total, inside = 0, Counter[str]()
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        total += int(count)
        for name, frame in stages.items():
            if frame in stack:
                inside[name] += int(count)
    return total, {name: 100 * inside[name] / total if total else 0.0 for name in stages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument(
        "--saturation",
        action="store_true",
        help="the bench's saturation load instead: its users without pause, a new conversation each message",
    )
    parser.add_argument("--raw", type=Path, help="also keep py-spy's raw records (collapsed stacks) in this directory")
    args = parser.parse_args()
    questions = dev_questions()
    work = Path(tempfile.mkdtemp(prefix="profile-"))
    with running(port=free_port(), action_port=free_port(), tracker_db=work / "t.db", log_dir=work, extra_env=UNLIMITED) as r:
        records = {name: work / f"{name}.txt" for name in ("rasa", "actions")}
        spies = [
            subprocess.Popen(
                [str(BIN / "py-spy"), "record", "-p", str(pid), "--subprocesses", "-o", str(out), "-f", "raw", "-r", str(RATE)]
                + ["-d", str(int(args.seconds))],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for pid, out in zip(r.pids, records.values())
        ]
        users, pause = (SATURATION_USERS, 0.0) if args.saturation else (args.users, 1.0)
        found = asyncio.run(load(f"{r.url}/webhooks/rest/webhook", questions, users, args.seconds, pause=pause))
        for spy in spies:
            spy.wait(timeout=60)
    if args.raw:
        args.raw.mkdir(parents=True, exist_ok=True)
        for record in records.values():
            shutil.copy(record, args.raw / record.name)
    load_name = f"{users} users without pause" if args.saturation else f"{users} users"
    print(f"{load_name} for {args.seconds:.0f} s: {found['rate']:.1f} messages/s, p95 {found['p95']:.0f} ms")
    for name, stages in (("rasa", RASA_STAGES), ("actions", ACTION_STAGES)):
        total, found_shares = shares(records[name], stages)
        busy = 100 * total / (RATE * args.seconds)
        print(f"\n| {name} server (all its workers): busy {busy:.0f}% of one core | share of its time |")
        print("|---|---:|")
        for stage, share in found_shares.items():
            print(f"| {stage} | {share:.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
