"""Evaluate the assistant on typed, multi-turn conversations, over REST.

    python eval/converse.py eval/conversations.yaml --url http://localhost:5005
    python scripts/with_assistant.py .venv/bin/python eval/converse.py eval/conversations_tuning.yaml --misses

Each conversation runs in a new conversation id, one typed message at a time. A turn passes when
every ``expect`` regex (case-insensitive) is found in the bot's replies to that turn or the next
one (the bot may ask one more question first), and no ``forbid`` regex is found in the replies to
that turn. A conversation passes when all its turns do. Only the replies' text counts, not the
buttons under them: the users these sets describe never press a button.

Answers name the commitments that came close under them ("Not quite it? Also close: …"), as buttons
offer them. A second figure counts a conversation as passed only when it passes with those lines
left out, so a pass that rests on a runner-up named under an answer is seen as such.

A triage is "completed" when the bot sends its ready-to-send message ("Subject:" and "Dear");
turns per completed triage is the number of user messages up to and including that turn.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact.wording import say as worded  # noqa: E402

HELD_OUT = {"conversations.yaml"}  # misses are never printed for these: they are not for tuning
CLOSE_LINE = re.compile(rf"^{re.escape(worded('answer.close', options=chr(0)).split(chr(0))[0])}.*$", re.M)  # the runners-up
LETTER = re.compile(r"Subject:[\s\S]*Dear|Dear[\s\S]*Subject:")

Say = Callable[[str, str], str]  # (conversation id, text) -> the replies' text


@dataclass
class Outcome:
    name: str
    category: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    turns_to_letter: int | None = None
    passed_on_answers: bool = False  # passed with the runners-up named under answers left out


def rest_say(url: str) -> Say:
    import requests

    session = requests.Session()

    def say(sender: str, text: str) -> str:
        r = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
        r.raise_for_status()
        return "\n".join(m.get("text", "") for m in r.json())

    return say


def run(conversation: dict, say: Say) -> Outcome:
    sender = f"converse-{uuid.uuid4().hex}"
    turns = conversation["turns"]
    replies = [say(sender, turn["user"]) for turn in turns]
    failures = checked(turns, replies)
    on_answers = not failures and not checked(turns, [CLOSE_LINE.sub("", r) for r in replies])
    letter_at = next((n + 1 for n, r in enumerate(replies) if LETTER.search(r)), None)
    return Outcome(conversation["name"], conversation["category"], not failures, failures, letter_at, on_answers)


def checked(turns: list[dict], replies: list[str]) -> list[str]:
    """Each turn's unmet expectation and forbidden text found, as a line to print."""
    failures = []
    for n, turn in enumerate(turns):
        window = replies[n] + ("\n" + replies[n + 1] if n + 1 < len(replies) else "")
        for pattern in turn.get("expect") or []:
            if not re.search(pattern, window, re.I):
                failures.append(f"turn {n + 1} {turn['user']!r}: expected /{pattern}/ in {replies[n][:300]!r}")
        for pattern in turn.get("forbid") or []:
            if re.search(pattern, replies[n], re.I):
                failures.append(f"turn {n + 1} {turn['user']!r}: forbidden /{pattern}/ in {replies[n][:300]!r}")
    return failures


def show(conversation: dict, say: Say) -> None:
    sender = f"converse-{uuid.uuid4().hex}"
    print(f"=== {conversation['name']} [{conversation['category']}]")
    for turn in conversation["turns"]:
        print(f"USER: {turn['user']}\n  expect={turn.get('expect')} forbid={turn.get('forbid')}")
        print("  BOT: " + say(sender, turn["user"]).replace("\n", "\n       "))


def report(outcomes: list[Outcome]) -> dict[str, float]:
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_category[o.category].append(o)
    figures = {"all": 100 * sum(o.passed for o in outcomes) / len(outcomes)}
    print(f"conversations passed: {sum(o.passed for o in outcomes)}/{len(outcomes)} ({figures['all']:.1f}%)")
    figures["on_answers"] = 100 * sum(o.passed_on_answers for o in outcomes) / len(outcomes)
    print(
        f"  of them, passed without the runners-up named under answers: {sum(o.passed_on_answers for o in outcomes)}"
        f"/{len(outcomes)} ({figures['on_answers']:.1f}%)"
    )
    for category, group in sorted(by_category.items()):
        figures[category] = 100 * sum(o.passed for o in group) / len(group)
        print(f"  {category}: {sum(o.passed for o in group)}/{len(group)} ({figures[category]:.1f}%)")
    lengths = [o.turns_to_letter for o in by_category.get("triage", []) if o.turns_to_letter]
    if lengths:
        figures["median_turns_to_letter"] = statistics.median(lengths)
        print(
            f"  triage completed to the message: {len(lengths)}; turns per completed triage: median "
            f"{statistics.median(lengths):g}, mean {statistics.mean(lengths):.1f}"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("conversations", type=Path, nargs="+", help="one or more conversation sets, each reported on its own")
    parser.add_argument("--url", default=os.environ.get("COMPACT_URL", "http://localhost:5005"))
    parser.add_argument("--misses", action="store_true", help="print each failed turn (tuning sets only)")
    parser.add_argument("--show", metavar="NAME", help="print whole conversations whose name contains NAME (tuning sets only)")
    args = parser.parse_args(argv)
    held_out = [p.name for p in args.conversations if p.name in HELD_OUT]
    if (args.misses or args.show) and held_out:
        parser.error(f"{held_out[0]} is held out: its misses are not printed (tune on a tuning set)")
    say = rest_say(args.url)
    for path in args.conversations:
        conversations = yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
        if args.show:
            for c in conversations:
                if args.show in c["name"]:
                    show(c, say)
            continue
        outcomes = [run(c, say) for c in conversations]
        print(f"{path} over REST at {args.url}")
        report(outcomes)
        if args.misses:
            for o in outcomes:
                for failure in o.failures:
                    print(f"MISS [{o.category}] {o.name}: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
