"""Routing decisions from scores alone (plain function, no matcher needed)."""
from __future__ import annotations

from compact.matcher import Match
from compact.routing import ANSWER_LEXICAL, ANSWER_SIMILAR, CLARIFY_LEXICAL, OOS_OVERRIDE_LEXICAL, decide


def c(entry_id: str, score: float, lexical: float = 0.5, similar: float = 0.5, kind: str = "commitment") -> Match:
    return Match(entry_id, kind, score, lexical, similar)


def test_clear_winner_is_answered():
    d = decide([c("13.2", 1.0), c("13.1", 0.6)])
    assert d.kind == "answer" and [m.entry_id for m in d.matches] == ["13.2"]


def test_two_equal_commitments_are_a_tie():
    d = decide([c("3.6", 1.0), c("4.8", 0.98), c("3.2", 0.5, lexical=0.2)])
    assert d.kind == "tie" and [m.entry_id for m in d.matches] == ["3.6", "4.8"]


def test_three_equal_candidates_ask_to_clarify():
    assert decide([c("2.3", 0.9), c("20.3", 0.89), c("18.7", 0.88)]).kind == "clarify"


def test_a_very_close_example_is_enough_to_answer():
    assert decide([c("9.1", 0.8, lexical=0.05, similar=ANSWER_SIMILAR + 0.01)]).kind == "answer"


def test_weak_match_asks_one_clarifying_question_or_declines():
    weak = [c("9.1", 0.5, lexical=(ANSWER_LEXICAL + CLARIFY_LEXICAL) / 2, similar=0.3), c("9.2", 0.2)]
    assert decide(weak, "ask_compact", 0.9).kind == "clarify"
    assert decide(weak, "out_of_scope", 0.9).kind == "out_of_scope"
    assert decide([c("9.1", 0.3, lexical=CLARIFY_LEXICAL / 2, similar=0.3)], "ask_compact", 0.9).kind == "out_of_scope"
    assert decide([]).kind == "out_of_scope"


def test_confident_off_topic_intent_needs_a_strong_lexical_match():
    assert decide([c("13.2", 1.0, lexical=OOS_OVERRIDE_LEXICAL - 0.01, similar=0.9)], "out_of_scope", 0.95).kind == "out_of_scope"
    assert decide([c("13.2", 1.0, lexical=OOS_OVERRIDE_LEXICAL + 0.01)], "out_of_scope", 0.95).kind == "answer"
    assert decide([c("13.2", 1.0, lexical=OOS_OVERRIDE_LEXICAL - 0.01)], "out_of_scope", 0.4).kind == "answer"


def test_a_principle_next_to_a_commitment_is_not_a_tie():
    assert decide([c("Independence", 1.0, kind="principle"), c("3.1", 0.99)]).kind == "answer"


def test_words_that_every_candidate_explains_make_a_question_vague():
    funding = [c("7.1", 1.6, lexical=0.90, similar=0.74), c("16.4", 1.5, lexical=0.96), c("13.2", 1.4, lexical=0.92)]
    assert decide(funding, "ask_compact", 0.9).kind == "clarify"
    exact_term = [c("10.4", 1.9, lexical=0.90, similar=1.0), c("10.1", 1.2, lexical=0.9), c("16.5", 1.1, lexical=0.9)]
    assert decide(exact_term, "ask_compact", 0.9).kind == "answer"
