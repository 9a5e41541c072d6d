"""Routing decisions from scores alone (plain function, no matcher needed)."""

from __future__ import annotations

from compact.matcher import Match
from compact.routing import ASKED, CLARIFY, OFF_TOPIC, TIE_GAP, UNSURE, decide


def c(entry_id: str, score: float, lexical: float = 0.5, learnt: float = 0.5, kind: str = "commitment") -> Match:
    return Match(entry_id, kind, score, lexical, learnt)


def test_clear_winner_is_answered():
    d = decide([c("13.2", 1.0), c("13.1", 0.6)], "ask_compact", 0.9)
    assert d.kind == "answer" and [m.entry_id for m in d.matches] == ["13.2"]


def test_two_equal_commitments_are_a_tie():
    d = decide([c("3.6", 1.0), c("4.8", 1.0 - TIE_GAP / 2), c("3.2", 0.5, lexical=0.2)], "ask_compact", 0.9)
    assert d.kind == "tie" and [m.entry_id for m in d.matches] == ["3.6", "4.8"]


def test_three_equal_candidates_ask_to_clarify():
    assert decide([c("2.3", 0.90), c("20.3", 0.89), c("18.7", 0.88)], "ask_compact", 0.9).kind == "clarify"


def test_words_that_every_candidate_explains_make_a_question_vague():
    funding = [c("7.1", 1.6, lexical=0.90, learnt=0.1), c("16.4", 1.2, lexical=0.96), c("13.2", 1.1, lexical=0.92)]
    assert decide(funding, "ask_compact", 0.9).kind == "clarify"
    exact_term = [c("10.4", 1.9, lexical=0.90, learnt=1.0), c("10.1", 1.2, lexical=0.9), c("16.5", 1.1, lexical=0.9)]
    assert decide(exact_term, "ask_compact", 0.9).kind == "answer"


def test_the_bar_depends_on_what_nlu_made_of_the_message():
    weak = [c("9.1", 1.0, lexical=ASKED.lexical, learnt=-1.0)]
    assert decide(weak, "ask_compact", 0.9).kind == "answer"
    assert UNSURE.lexical > ASKED.lexical and decide(weak, "nlu_fallback", 0.3).kind == "out_of_scope"
    assert decide(weak, "out_of_scope", 0.9).kind == "out_of_scope"
    strong = [c("13.2", 1.0, lexical=OFF_TOPIC.lexical, learnt=-1.0)]
    assert decide(strong, "out_of_scope", 0.9).kind == "answer"


def test_the_selector_alone_can_carry_a_question():
    assert decide([c("12.9", 1.0, lexical=0.0, learnt=ASKED.learnt)], "ask_compact", 0.9).kind == "answer"


def test_weak_evidence_asks_one_clarifying_question_or_declines():
    weak = [c("9.1", 0.5, lexical=CLARIFY.lexical, learnt=CLARIFY.learnt), c("9.2", 0.2, lexical=0.0)]
    assert decide(weak, "ask_compact", 0.9).kind == "clarify"
    assert decide(weak, "out_of_scope", 0.9).kind == "out_of_scope"
    assert (
        decide([c("9.1", 0.3, lexical=CLARIFY.lexical, learnt=CLARIFY.learnt - 0.1)], "ask_compact", 0.9).kind == "out_of_scope"
    )
    assert decide([]).kind == "out_of_scope"


def test_a_principle_next_to_a_commitment_is_not_a_tie():
    assert decide([c("Independence", 1.0, kind="principle"), c("3.1", 0.99)], "ask_compact", 0.9).kind == "answer"


def test_a_weak_match_for_the_sectors_dealings_is_asked_about_when_nlu_is_confident():
    weak = [c("1.1", -0.43, lexical=0.049, learnt=-0.39), c("16.3", -0.73, lexical=0.02, learnt=-0.69)]
    asked = decide(weak, "ask_compact", 0.99, dealing=True)  # an account or a question: either may be the Compact's
    assert (asked.kind, asked.doubtful) == ("clarify", True)
    assert decide(weak, "ask_compact", 0.99).kind == "out_of_scope"  # names none of the dealings
    # "council wants a 12 page form for a 500 quid grant for new chairs is that fair" (NLU 0.91)
    assert decide(weak, "ask_compact", 0.9, dealing=True).doubtful
    assert decide(weak, "ask_compact", 0.5, dealing=True).kind == "out_of_scope"  # NLU not confident
    assert decide(weak, "out_of_scope", 0.7, dealing=True).kind == "out_of_scope"
    # a question naming the Compact itself ("what are we meant to do about equality under the compact?")
    assert decide(weak, "ask_compact", 0.99, named=True).doubtful
    assert decide(weak, "ask_compact", 0.9, named=True).kind == "out_of_scope"


def test_a_clarification_the_match_itself_reaches_is_not_doubtful():
    middling = [c("9.1", 0.3, lexical=CLARIFY.lexical, learnt=CLARIFY.learnt), c("9.2", -0.2, lexical=0.02, learnt=-0.6)]
    asked = decide(middling, "ask_compact", 0.99, dealing=True)
    assert (asked.kind, asked.doubtful) == ("clarify", False)


def test_nlus_off_topic_is_not_trusted_for_the_sectors_dealings():
    middling = [c("12.9", 0.11, lexical=0.02, learnt=-0.09), c("16.5", -0.09, lexical=0.08, learnt=-0.31)]
    assert decide(middling, "out_of_scope", 0.61).kind == "out_of_scope"
    assert decide(middling, "out_of_scope", 0.61, dealing=True).kind == "answer"
    assert decide(middling, "out_of_scope", 0.9, dealing=True).kind == "out_of_scope"  # NLU sure it is off-topic


def test_a_question_about_a_dealing_is_held_to_the_unsure_bar_when_nlu_doubts_it_is_off_topic():
    weak = [c("7.3", 0.15, 0.21, 0.1)]  # reaches UNSURE, not OFF_TOPIC
    assert decide(weak, "out_of_scope", 0.65).kind == "out_of_scope"
    assert decide(weak, "out_of_scope", 0.65, of_a_dealing=True).kind == "answer"
    assert decide(weak, "out_of_scope", 0.9, of_a_dealing=True).kind == "out_of_scope"  # NLU sure: still off-topic


def test_nlu_unsure_it_is_a_compact_question_about_a_dealing_is_taken_as_one():
    weak = [c("6.1", -0.19, 0.10, -0.22)]  # reaches ASKED, not UNSURE
    assert decide(weak, "ask_compact", 0.59).kind == "out_of_scope"
    assert decide(weak, "ask_compact", 0.59, of_a_dealing=True).kind == "answer"


def test_nlu_with_no_idea_about_a_question_on_a_dealing_is_held_to_the_asked_bar():
    weak = [c("6.1", -0.19, 0.10, -0.22)]
    assert decide(weak, "nlu_fallback", 0.5).kind == "out_of_scope"
    assert decide(weak, "nlu_fallback", 0.5, of_a_dealing=True).kind == "answer"
