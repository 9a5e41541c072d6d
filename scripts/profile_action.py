"""The answering action's own cost, in one process (docs/capacity.md, "Not met yet"): each question
of a set sent to ``action_answer_question`` as rasa-sdk calls it, a new conversation each, with
the loaded objects frozen out of the garbage collector's reach as the servers freeze them (without
that, a full collection lands inside whatever runs and looks like its cost). Prints the process
time per message over three runs, and with ``--profile`` cProfile's top functions.

    PYTHONPATH=. .venv/bin/python scripts/profile_action.py eval/dev.yaml [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import logging
import pstats
import sys
import time
from pathlib import Path

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.answering import ActionAnswerQuestion  # noqa: E402

RUNS = 3


def question_tracker(text: str) -> Tracker:
    """A new conversation whose one message is ``text``, read by NLU as a Compact question."""
    message = {"text": text, "intent": {"name": "ask_compact", "confidence": 0.9}, "entities": []}
    return Tracker("profile", {}, message, [], False, None, {}, "action_listen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=Path, help="a question set (eval/*.yaml)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top functions")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # (the action logs a line per answer)
    texts = [q["q"] for q in yaml.safe_load(args.questions.read_text(encoding="utf-8"))["questions"]]
    action = ActionAnswerQuestion()

    def answer_all() -> None:
        for text in texts:
            action.run(CollectingDispatcher(), question_tracker(text), {})

    answer_all()  # loads the assistant and warms every cache a first answer fills
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        answer_all()
        times.append((time.process_time() - start) * 1000 / len(texts))
    print(f"{len(texts)} questions, process time per message over {RUNS} runs: " + ", ".join(f"{t:.2f} ms" for t in times))
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(answer_all)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
