"""Deciding what kind of reply a ranked list of matches deserves.

Ranking uses the combined score; whether a question is about the Compact at all uses the
lexical coverage (how much of the question the best entry explains) or a very close curated
example, because character-level similarity alone finds something "close" to any question.
Thresholds were tuned on ``eval/dev.yaml`` (never on the held-out ``eval/questions.yaml``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

from compact.matcher import Match

ANSWER_LEXICAL = 0.12  # the best entry explains this much of the question: answer it
ANSWER_SIMILAR = 0.70  # ...or a curated example is this close to the question
CLARIFY_LEXICAL = 0.07  # weaker, but NLU says it is a Compact question: ask one clarifying question
TIE_RATIO = 0.95  # candidates scoring this close to the best one are "equally likely"
EXACT_SIMILAR = 0.95  # a curated term or example (almost) exactly as typed: never vague
OOS_INTENT_CONFIDENCE = 0.6  # NLU confident the question is off-topic...
OOS_OVERRIDE_LEXICAL = 0.3  # ...unless the matcher explains this much of it

Kind = Literal["answer", "tie", "clarify", "out_of_scope"]


@dataclass(frozen=True)
class Decision:
    kind: Kind
    matches: tuple[Match, ...]


def decide(matches: Sequence[Match], intent: str | None = None, intent_confidence: float = 0.0) -> Decision:
    """Answer, offer two equally likely commitments, ask one clarifying question, or decline.

    Three or more near-equal candidates, or three that explain the question's words equally
    well, mean the question is vague, so the bot asks.
    """
    top = tuple(matches)
    if not top:
        return Decision("out_of_scope", ())
    best = top[0]
    off_topic = intent == "out_of_scope" and intent_confidence >= OOS_INTENT_CONFIDENCE
    if off_topic:
        in_scope = best.lexical >= OOS_OVERRIDE_LEXICAL
    else:
        in_scope = best.lexical >= ANSWER_LEXICAL or best.similar >= ANSWER_SIMILAR
    close = [m for m in top if m.score >= TIE_RATIO * best.score]
    undiscriminating = [m for m in top if m.lexical >= TIE_RATIO * best.lexical]  # e.g. just "funding"
    vague = len(close) > 2 or (len(undiscriminating) > 2 and best.similar < EXACT_SIMILAR)
    if in_scope and not vague:
        if len(close) == 2 and close[0].kind == close[1].kind == "commitment":
            return Decision("tie", top[:2])
        return Decision("answer", top[:1])
    if in_scope or (not off_topic and best.lexical >= CLARIFY_LEXICAL and intent in ("ask_compact", None)):
        return Decision("clarify", top[:3])
    return Decision("out_of_scope", ())
