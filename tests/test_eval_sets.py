"""The held-out questions are kept apart from training data and cover what the issue asks."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from compact.knowledge import all_terms

ROOT = Path(__file__).resolve().parent.parent


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def questions(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "eval" / name).read_text(encoding="utf-8"))["questions"]


def nlu_examples() -> list[str]:
    """Every NLU example in data/nlu*.yml (handwritten, triage and generated)."""
    out = []
    for path in sorted((ROOT / "data").glob("nlu*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in block:
                out += [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line[2:]) for line in block["examples"].splitlines() if line.startswith("- ")]
    return out


def test_every_nlu_file_is_read():
    assert len(nlu_examples()) > 300 and "start the breach checker" in nlu_examples()


def test_held_out_questions_are_not_training_data(knowledge):
    """Neither NLU examples nor knowledge terms or summaries repeat a held-out question."""
    name = "questions.yaml"
    training = {norm(t) for t in nlu_examples()} | {norm(t) for t in all_terms(knowledge)}
    training |= {norm(c.summary) for c in knowledge.commitments.values()}
    training.discard("")
    for q in questions(name):
        n = norm(q["q"])
        assert n not in training, f"{name}: {q['q']!r} is also training data"
        close = [t for t in training if len(t) > 20 and fuzz.ratio(n, t) >= 90]
        assert not close, f"{name}: {q['q']!r} is nearly {close[0]!r}"


@pytest.mark.parametrize("tuning", ["dev.yaml", "validation.yaml", "validation2.yaml"])
def test_held_out_and_tuning_sets_are_disjoint(tuning):
    held = {norm(q["q"]) for q in questions("questions.yaml")} - {""}  # "" is an emoji-only question
    assert not held & {norm(q["q"]) for q in questions(tuning)}


def test_held_out_set_covers_the_issue(knowledge):
    qs = questions("questions.yaml")
    assert len(qs) >= 200
    gold = {g for q in qs if q["kind"] == "commitment" for g in q["gold"]}
    assert set(knowledge.commitments) <= gold
    assert sum(q["kind"] == "oos" for q in qs) >= 30
    assert sum(q["kind"] in ("principle", "general") for q in qs) >= 20
    for q in qs:
        if q["kind"] == "commitment":
            assert set(q["gold"]) <= set(knowledge.commitments), q
        if q["kind"] == "principle":
            assert set(q["gold"]) <= set(knowledge.principles), q


def conversation_turns(name: str) -> list[str]:
    data = yaml.safe_load((ROOT / "eval" / name).read_text(encoding="utf-8"))["conversations"]
    return [turn["user"] for c in data for turn in c["turns"]]


def training_text(knowledge) -> set[str]:
    """Everything the assistant learns from: NLU examples, the knowledge's terms, examples and summaries."""
    found = {norm(t) for t in nlu_examples()} | {norm(t) for t in all_terms(knowledge)}
    found |= {norm(c.summary) for c in knowledge.commitments.values()}
    found |= {norm(e) for entry in (*knowledge.commitments.values(), *knowledge.principles.values(), *knowledge.topics.values())
              for e in entry.examples}
    found.discard("")
    return found


@pytest.mark.parametrize("name", ["conversations.yaml", "conversations_tuning.yaml"])
def test_conversation_sets_are_not_training_data(knowledge, name):
    """No typed turn of a conversation set (held out or tuning) is, or nearly is, training text.
    Short replies ("yes", "not yet", "stop") are what people type and carry no content to learn."""
    training = training_text(knowledge)
    long_training = [t for t in training if len(t) > 20]
    for turn in conversation_turns(name):
        n = norm(turn)
        if len(n.split()) < 4:
            continue
        assert n not in training, f"{name}: {turn!r} is also training data"
        close = [t for t in long_training if fuzz.ratio(n, t) >= 90]
        assert not close, f"{name}: {turn!r} is nearly {close[0]!r}"


def test_held_out_and_tuning_conversations_are_disjoint():
    """No line of seven words or more in both (shorter ones, such as "what should I say to them?",
    are the moves the assistant's description names, which both authors were given)."""
    held = {norm(t) for t in conversation_turns("conversations.yaml") if len(norm(t).split()) >= 7}
    assert not held & {norm(t) for t in conversation_turns("conversations_tuning.yaml")}


def test_held_out_conversations_cover_the_issue():
    data = yaml.safe_load((ROOT / "eval" / "conversations.yaml").read_text(encoding="utf-8"))["conversations"]
    kinds = [c["category"] for c in data]
    assert len(data) >= 80 and kinds.count("qa_followup") >= 25 and kinds.count("triage") >= 45 and kinds.count("no_carry") >= 10
    for c in data:
        for turn in c["turns"]:
            assert not turn["user"].startswith("/"), f"{c['name']}: typed only, no button payloads or intent syntax"
            for pattern in (*(turn.get("expect") or []), *(turn.get("forbid") or [])):
                re.compile(pattern)
