"""Deciding what kind of reply a ranked list of matches deserves.

Ranking uses the combined score. Whether a question is about the Compact at all uses two
signals of the best match — its lexical coverage (how much of the question it explains) and the
trained selector's margin — against a bar that depends on what NLU made of the message: lower
when NLU is confident it is a Compact question, higher when NLU thinks it is off-topic.
Thresholds were chosen on ``eval/validation.yaml`` and ``eval/dev.yaml``, never on the held-out
``eval/questions.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

from compact.knowledge import Neighbour
from compact.matcher import Match

INTENT_CONFIDENCE = 0.6  # NLU is "confident" from here
DOUBTED_OFF_TOPIC = 0.75  # below this, NLU's "off-topic" is not trusted for a message about the sectors' dealings
UNSURE_INTENTS = ("ask_compact", "nlu_fallback")  # NLU's weak guesses that a question may be about the Compact
NLU_SURE = 0.95  # NLU is sure of its intent (a question naming the Compact, below; an "and…" follow-up off-topic: context.py)


@dataclass(frozen=True)
class Bar:
    """In scope when the best match reaches either threshold."""

    lexical: float
    learnt: float


ASKED = Bar(lexical=0.10, learnt=-0.35)  # NLU confident it is a Compact question
UNSURE = Bar(lexical=0.15, learnt=-0.10)  # NLU unsure (fallback, low confidence)
OFF_TOPIC = Bar(lexical=0.30, learnt=0.30)  # NLU confident it is off-topic
CLARIFY = Bar(lexical=0.05, learnt=-0.50)  # below ASKED but reaching both: ask one clarifying question
CLARIFY_SURE = Bar(lexical=0.03, learnt=-0.80)  # reaching either, when NLU is sure (as above): ask one clarifying question
TIE_GAP = 0.05  # candidates within this score of the best are "equally likely"
VAGUE_LEXICAL = 0.5  # several entries explain most of the question's words equally: it is vague...
EXACT_LEARNT = 0.5  # ...unless the selector is sure (a curated term or example, nearly as typed)
ALTERNATIVE_GAP = 0.6  # runners-up this close to an answer are offered first under it (hard_questions_tuning)
NEIGHBOUR_LEARNT = 0.55  # a question naming a neighbouring subject is still answered from this margin (hard_questions_tuning)

Kind = Literal["answer", "tie", "clarify", "out_of_scope"]


@dataclass(frozen=True)
class Decision:
    kind: Kind
    matches: tuple[Match, ...]
    neighbour: Neighbour | None = None  # out of scope, and where to ask instead
    alternatives: tuple[str, ...] = ()  # for an answer: commitments that came close, offered first under it
    also: str | None = None  # for an answer: the commitment a second question in the same message asks for
    doubtful: bool = False  # a clarification asked only because NLU is sure: the match is too weak to say it is in the Compact


def reaches(m: Match, bar: Bar) -> bool:
    return m.lexical >= bar.lexical or m.learnt >= bar.learnt


def decide(
    matches: Sequence[Match],
    intent: str | None = None,
    intent_confidence: float = 0.0,
    neighbour: Neighbour | None = None,
    dealing: bool = False,
    named: bool = False,
    of_a_dealing: bool = False,
) -> Decision:
    """Answer, offer two equally likely commitments, ask one clarifying question, or decline.

    Three or more near-equal candidates, or three that explain the question's words equally
    well, mean the question is vague, so the bot asks. A question that names a subject next to
    the Compact (``neighbour``: VAT, charity registration…) is declined, with where to ask,
    unless the selector is sure it is about a Compact entry. ``dealing``: the message names one of
    the sectors' dealings (funding, a consultation…) and a party to it, so when NLU is confident it is
    a Compact question, a weak match is asked about rather than declined, saying it may be outside the
    Compact (``doubtful``): a wrong "that's outside the Compact" loses the user, a doubtful question
    does not. When NLU thinks it is off-topic but is not sure, it is held to the "unsure" bar, not
    the off-topic one. (A question that only mentions a grant or a policy is not enough: "do we need
    a safeguarding policy?" is still declined.) ``named``: the question names the Compact itself
    ("what are we meant to do about equality under the compact?"), so when NLU is sure (``NLU_SURE``:
    "does the compact say so?" after an answer is a follow-up, not a new question) it is a Compact
    question, a weak match is asked about too. ``of_a_dealing``: a
    question about one of the dealings, with no party named ("how long should a tender be open
    for?"): NLU's middling "off-topic" is not trusted for it either.
    """
    top = tuple(matches)
    if neighbour is not None and not (top and top[0].learnt >= NEIGHBOUR_LEARNT):
        return Decision("out_of_scope", (), neighbour)
    if not top:
        return Decision("out_of_scope", ())
    best = top[0]
    confident = intent_confidence >= INTENT_CONFIDENCE
    # None: no NLU (in-process use); NLU's unsure "Compact question" (or no idea at all) about one of the dealings is one
    asked = intent is None or (intent == "ask_compact" and confident) or (intent in UNSURE_INTENTS and of_a_dealing)
    # NLU's middling "off-topic" for the sectors' dealings
    doubted = (dealing or of_a_dealing) and intent_confidence < DOUBTED_OFF_TOPIC
    off_topic = intent == "out_of_scope" and confident and not doubted
    bar = OFF_TOPIC if off_topic else ASKED if asked else UNSURE
    in_scope = reaches(best, bar)
    close = [m for m in top if best.score - m.score <= TIE_GAP]
    undiscriminating = [m for m in top if m.lexical >= 0.9 * best.lexical]  # e.g. just "funding"
    vague = len(close) > 2 or (best.lexical >= VAGUE_LEXICAL and len(undiscriminating) > 2 and best.learnt < EXACT_LEARNT)
    if in_scope and not vague:
        if len(close) == 2 and close[0].kind == close[1].kind == "commitment":
            return Decision("tie", top[:2])
        near = tuple(m.entry_id for m in top[1:] if m.kind == "commitment" and best.score - m.score <= ALTERNATIVE_GAP)
        return Decision("answer", top[:1], alternatives=near[:2])
    if in_scope or (asked and best.lexical >= CLARIFY.lexical and best.learnt >= CLARIFY.learnt):
        return Decision("clarify", top[:3])
    sure = intent == "ask_compact" and ((dealing and confident) or (named and intent_confidence >= NLU_SURE))
    if sure and reaches(best, CLARIFY_SURE):
        return Decision("clarify", top[:3], doubtful=True)
    return Decision("out_of_scope", ())
