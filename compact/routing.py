"""Deciding what kind of reply a ranked list of matches deserves.

Thresholds were tuned on ``eval/dev.yaml`` (never on the held-out ``eval/questions.yaml``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

from compact.matcher import Match

ANSWER_AT = 0.15  # top score from which the bot answers outright
CLARIFY_AT = 0.10  # below ANSWER_AT but above this: about the Compact, but vague
TIE_RATIO = 0.95  # second commitment this close to the first: say both fit
OOS_INTENT_CONFIDENCE = 0.6  # NLU confident it is off-topic...
OOS_OVERRIDE_AT = 0.5  # ...unless the matcher is at least this sure

Kind = Literal["answer", "tie", "clarify", "out_of_scope"]


@dataclass(frozen=True)
class Decision:
    kind: Kind
    matches: tuple[Match, ...]


def decide(matches: Sequence[Match], intent: str | None = None, intent_confidence: float = 0.0) -> Decision:
    """Answer, offer two equally likely commitments, ask one clarifying question, or decline.

    Three or more near-equal candidates mean the question is vague, so the bot asks.
    """
    top = tuple(matches)
    best = top[0].score if top else 0.0
    off_topic = intent == "out_of_scope" and intent_confidence >= OOS_INTENT_CONFIDENCE
    if not top or (off_topic and best < OOS_OVERRIDE_AT):
        return Decision("out_of_scope", ())
    close = [m for m in top if m.score >= TIE_RATIO * best]
    if best >= ANSWER_AT and len(close) <= 2:
        if len(close) == 2 and close[0].kind == close[1].kind == "commitment":
            return Decision("tie", top[:2])
        return Decision("answer", top[:1])
    several_fit = best >= ANSWER_AT
    if several_fit or (best >= CLARIFY_AT and intent in ("ask_compact", None)):
        return Decision("clarify", top[:3])
    return Decision("out_of_scope", ())
