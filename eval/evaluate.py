"""Evaluate the assistant on a question set and compare with a plain rapidfuzz baseline.

    python eval/evaluate.py eval/questions.yaml --url http://localhost:5005   # the running bot, over REST
    python eval/evaluate.py eval/dev.yaml --direct                            # in-process, for tuning

hit@1: the first commitment cited in the reply is one of the gold ids. hit@3: a gold id is among
the first three cited (reply text first, then buttons). Out-of-scope rejection: the reply cites
no commitment and answers no principle or topic. A principle question needs every principle it
asks for named. A missing number needs the wording's "There is no Commitment X.Y in the draft" (and, when the question
says what it is about, the real commitment cited first); a figure the draft does not set needs
the answer to say so.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact.context import Context  # noqa: E402
from compact.knowledge import Knowledge, load  # noqa: E402
from compact.replies import entry_reply  # noqa: E402
from compact.wording import say  # noqa: E402

CITED = re.compile(r"Commitment (\d{1,2}\.\d{1,2})")
PAYLOAD_ID = re.compile(r'"entry_id": "([^"]+)"')
BASELINE_REJECT_BELOW = 60  # rapidfuzz WRatio under which the baseline declines (chosen on dev)
SEMANTIC_REJECT_BELOW = 0.55  # cosine under which the semantic baseline declines (best mean of hit@1 and rejection on dev)

Reply = tuple[str, list[str]]  # (all reply text, button payloads)
HELD_OUT = {"questions.yaml", "hard_questions.yaml"}  # misses are never printed for these


def cited_ids(reply: Reply, knowledge: Knowledge) -> list[str]:
    text, payloads = reply
    ids = CITED.findall(text) + [i for p in payloads for i in PAYLOAD_ID.findall(p) if i in knowledge.commitments]
    return list(dict.fromkeys(ids))


def answered_entry(reply: Reply, knowledge: Knowledge) -> bool:
    """Does the reply open as the renderer opens a principle's or a topic's answer?"""
    openings = tuple(entry_reply(knowledge, i, {}).text.split("\n", 1)[0] for i in (*knowledge.principles, *knowledge.topics))
    return reply[0].startswith(openings)


NO_FIGURE = re.compile(r"sets no such figure|does not set (?:a|any) (?:figure|time|deadline|limit)", re.I)


def judge(q: dict, reply: Reply, knowledge: Knowledge) -> dict[str, bool]:
    """Whether the reply is right for the question's kind (see the module's docstring and eval/README.md)."""
    ids = cited_ids(reply, knowledge)
    text = reply[0].lower()
    if q["kind"] == "commitment":
        found = {"hit1": bool(ids) and ids[0] in q["gold"], "hit3": any(i in q["gold"] for i in ids[:3])}
        if q.get("figure"):  # a figure the user asserts that the draft does not set
            found["no_figure"] = bool(NO_FIGURE.search(reply[0]))
        return found
    if q["kind"] == "missing_number":
        cited = [i for i in ids if i != q["number"]]
        found = {"said": say("missing_number.none", number=q["number"]).lower() in text}
        if q["gold"]:
            found["hit1"] = bool(cited) and cited[0] in q["gold"]
        return found
    if q["kind"] == "principle":
        return {"ok": all(g.lower() in text for g in q["gold"])}
    if q["kind"] == "general":
        return {"ok": all(str(f).lower() in text for f in q["all"])}
    return {"rejected": not ids and not answered_entry(reply, knowledge)}


def rest_asker(url: str) -> Callable[[str], Reply]:
    import requests

    session = requests.Session()

    def ask(question: str) -> Reply:
        r = session.post(
            f"{url}/webhooks/rest/webhook", json={"sender": f"eval-{uuid.uuid4().hex}", "message": question}, timeout=30
        )
        r.raise_for_status()
        msgs = r.json()
        return ("\n".join(m.get("text", "") for m in msgs), [b["payload"] for m in msgs for b in m.get("buttons", [])])

    return ask


def direct_asker() -> Callable[[str], Reply]:
    from compact.assistant import Assistant

    assistant = Assistant(load(), settings={})

    def ask(question: str) -> Reply:
        """As the answering action reads a first message (no NLU intent in-process)."""
        reply = assistant.reply_for(assistant.conversation.read(question, Context()), question)
        return ("", []) if reply is None else (reply.text, [b.payload for b in reply.buttons])

    return ask


def baseline_asker(knowledge: Knowledge) -> Callable[[str], Reply]:
    """Plain rapidfuzz search over the verbatim commitment texts: no curation, no NLU."""
    texts = {c.id: c.text.lower() for c in knowledge.commitments.values()}

    def ask(question: str) -> Reply:
        ranked = sorted(texts, key=lambda i: -fuzz.WRatio(question.lower(), texts[i]))
        best = fuzz.WRatio(question.lower(), texts[ranked[0]])
        if best < BASELINE_REJECT_BELOW:
            return ("", [])
        return ("\n".join(f"Commitment {i}: {knowledge.commitments[i].text}" for i in ranked[:3]), [])

    return ask


def semantic_askers(knowledge: Knowledge) -> tuple[Callable[[str], Reply], Callable[[str], Reply]] | None:
    """all-MiniLM-L6-v2 embeddings of each commitment's summary and wording, nearest by cosine
    (eval/semantic.py): declining below the threshold chosen on dev, and never declining (its
    ranking alone). None when `make eval-deps` has not been run."""
    try:
        from eval.semantic import Encoder

        encoder = Encoder()
    except (ImportError, FileNotFoundError) as e:
        print(f"semantic baseline skipped: {e}", file=sys.stderr)
        return None
    ids = list(knowledge.commitments)
    index = np.stack([encoder.encode(f"{knowledge.commitments[i].summary} {knowledge.commitments[i].text}") for i in ids])
    similarity = functools.lru_cache(maxsize=None)(lambda question: index @ encoder.encode(question))

    def asker(reject_below: float) -> Callable[[str], Reply]:
        def ask(question: str) -> Reply:
            found = similarity(question)
            if found.max() < reject_below:
                return ("", [])
            return ("\n".join(f"Commitment {ids[j]}: {knowledge.commitments[ids[j]].text}" for j in np.argsort(-found)[:3]), [])

        return ask

    return asker(SEMANTIC_REJECT_BELOW), asker(-1.0)


def evaluate(questions: Iterable[dict], ask: Callable[[str], Reply], knowledge: Knowledge) -> dict:
    totals: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for q in questions:
        result = judge(q, ask(q["q"]), knowledge)
        for name, ok in result.items():
            totals[f"{q['kind']}.{name}"].append(ok)
            if q.get("style"):
                totals[f"{q['style']}.{name}"].append(ok)
        if q["kind"] == "commitment":
            theme = knowledge.commitments[q["gold"][0]].section.theme.title
            totals[f"theme.{theme}"].append(result["hit1"])
        if not all(result.values()):
            misses.append(q)
    return {"totals": {k: (sum(v), len(v)) for k, v in totals.items()}, "misses": misses}


def pct(pair: tuple[int, int]) -> str:
    ok, n = pair
    return f"{100 * ok / n:5.1f}% ({ok}/{n})" if n else "  n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--url", default=os.environ.get("COMPACT_URL", "http://localhost:5005"))
    parser.add_argument("--direct", action="store_true", help="call the matcher in-process instead of the REST bot")
    parser.add_argument("--misses", action="store_true", help="list the questions missed (dev set only!)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-semantic", action="store_true", help="skip the semantic-search baseline (slow to encode)")
    args = parser.parse_args()
    if args.misses and args.questions.name in HELD_OUT:
        parser.error(f"{args.questions.name} is held out: its misses are not for tuning")
    knowledge = load()
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))["questions"]
    started = time.perf_counter()
    ours = evaluate(questions, direct_asker() if args.direct else rest_asker(args.url), knowledge)
    ours_s = time.perf_counter() - started
    base = evaluate(questions, baseline_asker(knowledge), knowledge)
    semantic_ask = None if args.no_semantic else semantic_askers(knowledge)
    semantic, ranking = (evaluate(questions, a, knowledge) for a in semantic_ask) if semantic_ask else ({"totals": {}},) * 2
    rows = [
        ("commitment hit@1", "commitment.hit1"),
        ("commitment hit@3", "commitment.hit3"),
        ("out-of-scope rejection", "oos.rejected"),
        ("principles", "principle.ok"),
        ("general (history, escalation…)", "general.ok"),
    ]
    rows += [(f"hit@1 theme: {t.title}", f"theme.{t.title}") for t in knowledge.themes]
    styles = sorted({q["style"] for q in questions if q.get("style")})
    for style in styles:  # the hard sets: per kind of question
        rows += [
            (f"{style}: {name}", f"{style}.{name}")
            for name in ("hit1", "hit3", "rejected", "ok", "no_figure")
            if f"{style}.{name}" in ours["totals"]
        ]
    if any(q["kind"] == "missing_number" for q in questions):
        rows += [("missing number: said so", "missing_number.said"), ("missing number: the one described", "missing_number.hit1")]
    print(
        f"{args.questions} — {len(questions)} questions; assistant {'in-process' if args.direct else 'over REST at ' + args.url}"
    )
    print(f"{'figure':34} {'assistant':>18} {'rapidfuzz baseline':>20} {'semantic baseline':>20} {'semantic, no declining':>22}")
    for label, key in rows:
        figures = [pct(r["totals"].get(key, (0, 0))) for r in (ours, base, semantic, ranking)]
        print(f"{label:34} {figures[0]:>18} {figures[1]:>20} {figures[2]:>20} {figures[3]:>22}")
    print(f"assistant time: {ours_s:.1f} s ({1000 * ours_s / len(questions):.0f} ms/question)")
    if args.misses:
        for q in ours["misses"]:
            print("MISS", json.dumps(q))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "assistant": ours["totals"],
                    "baseline": base["totals"],
                    "semantic": semantic["totals"],
                    "semantic_no_declining": ranking["totals"],
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
