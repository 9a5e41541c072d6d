"""Routing decisions from scores alone (plain function, no matcher needed)."""
from __future__ import annotations

from compact.matcher import Match
from compact.routing import ANSWER_AT, CLARIFY_AT, OOS_OVERRIDE_AT, decide


def c(entry_id: str, score: float, kind: str = "commitment") -> Match:
    return Match(entry_id, kind, score)


def test_clear_winner_is_answered():
    d = decide([c("13.2", 0.6), c("13.1", 0.3)])
    assert d.kind == "answer" and [m.entry_id for m in d.matches] == ["13.2"]


def test_two_equal_commitments_are_a_tie():
    d = decide([c("3.6", 0.5), c("4.8", 0.49), c("3.2", 0.2)])
    assert d.kind == "tie" and [m.entry_id for m in d.matches] == ["3.6", "4.8"]


def test_three_equal_candidates_ask_to_clarify():
    assert decide([c("2.3", 0.47), c("20.3", 0.46), c("18.7", 0.46)]).kind == "clarify"


def test_weak_match_asks_one_clarifying_question_or_declines():
    weak = [c("9.1", (ANSWER_AT + CLARIFY_AT) / 2), c("9.2", 0.05)]
    assert decide(weak, "ask_compact", 0.9).kind == "clarify"
    assert decide(weak, "out_of_scope", 0.9).kind == "out_of_scope"
    assert decide([c("9.1", CLARIFY_AT / 2)]).kind == "out_of_scope"
    assert decide([]).kind == "out_of_scope"


def test_confident_off_topic_intent_needs_a_strong_match_to_answer():
    assert decide([c("13.2", OOS_OVERRIDE_AT - 0.01)], "out_of_scope", 0.95).kind == "out_of_scope"
    assert decide([c("13.2", OOS_OVERRIDE_AT + 0.01)], "out_of_scope", 0.95).kind == "answer"


def test_a_principle_next_to_a_commitment_is_not_a_tie():
    assert decide([c("Independence", 0.5, "principle"), c("3.1", 0.49)]).kind == "answer"
