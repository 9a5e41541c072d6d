"""What the triage says: questions one step at a time, the summary, the ready-to-send message."""

from __future__ import annotations

import pytest

from compact.assistant import Assistant
from compact.triage import NONE, NOT_TRIED, RESOLVED, UNRESOLVED
from tests.triage_state import state


@pytest.fixture(scope="module")
def replies(assistant):
    return assistant.triage_replies


NOTICE = dict(
    description="The council told us our grant ends in two weeks", commitment="13.2", start="2026-03-01", end="2026-03-15"
)


def test_commitment_question_offers_candidates_and_none(replies):
    reply = replies.prompt(
        "triage_commitment", state(description="The council gave us two weeks' notice that our grant is ending")
    )
    assert "**Commitment 13.2**" in reply.text
    assert reply.buttons[0].payload == '/triage_answer{"triage_value": "13.2"}'
    assert reply.buttons[-1].title == "None of these" and len(reply.buttons) <= 4


def test_a_lone_candidate_is_offered_as_one_not_as_a_list(assistant, replies):
    told = "we gave the council our survey results, marked confidential, and they've put them in a public report"
    slots = state(description=told, side="vcs")
    assert len(assistant.triage.candidates(told, "vcs")) == 1
    reply = replies.prompt("triage_commitment", slots)
    assert "This one fits best" in reply.text and '"yes"' in reply.text and "These fit best" not in reply.text


def test_what_a_reply_established_is_said_before_the_next_question(replies, knowledge):
    before = state(description="d")
    chosen = replies.established(before, {"triage_commitment": "13.2"}, state(description="d", commitment="13.2"))
    assert "**Commitment 13.2** — a statutory sector commitment" in chosen[0] and knowledge.commitments["13.2"].text in chosen[0]
    proposed = replies.established(
        before, {"triage_commitment": "13.2", "triage_proposed": "13.2"}, state(description="d", commitment="13.2")
    )
    assert proposed[0].startswith("This sounds like **Commitment 13.2**") and "type its number" in proposed[0]
    not_yet = replies.established(state(**NOTICE), {"triage_step1": NOT_TRIED}, state(**NOTICE, step1=NOT_TRIED))
    assert "**Step 1 of 3: Raise it directly.**" in not_yet[0] and "Commitment 13.2" in not_yet[0]


def test_dates_show_the_shortfall_and_the_caveat(replies):
    text = "\n".join(
        replies.established(
            state(description="d", commitment="13.2"),
            {"triage_start": NOTICE["start"], "triage_end": NOTICE["end"]},
            state(**NOTICE),
        )
    )
    assert "notice given 1 March 2026, funding ends 15 March 2026: 2 weeks" in text
    assert "1 June 2026" in text and "78 days" in text and '"where possible"' in text


def test_step_one_does_not_mention_later_steps(replies, knowledge):
    text = replies.prompt("triage_step1", state(**NOTICE)).text
    assert "Step 1 of 3" in text and knowledge.escalation[0].ask in text
    assert "critical friend" not in text.lower() and "partners" not in text
    assert [b.payload for b in replies.prompt("triage_step1", state(**NOTICE)).buttons] == [
        '/triage_answer{"triage_value": "resolved"}',
        '/triage_answer{"triage_value": "unresolved"}',
        '/triage_answer{"triage_value": "not_tried"}',
    ]


def test_step_two_says_the_critical_friend_is_not_named_yet_or_names_the_configured_one(replies, knowledge):
    s = state(**NOTICE, step1=UNRESOLVED)
    assert "does not name the critical friend yet" in replies.prompt("triage_step2", s).text
    configured = Assistant(knowledge, settings={"critical_friend": "Jo Example, jo@example.org"})
    text = configured.triage_replies.prompt("triage_step2", s).text
    assert "Critical friend: Jo Example, jo@example.org" in text and "does not name" not in text


def test_step_three_says_who_convenes_is_open(replies):
    text = replies.prompt("triage_step3", state(**NOTICE, step1=UNRESOLVED, step2=UNRESOLVED)).text
    assert "small group of partners" in text and "does not say who convenes" in text


def test_resumed_question_offers_to_carry_on(replies):
    assert replies.prompt("triage_step1", state(**NOTICE), resumed=True).text.startswith("Shall we carry on")
    assert replies.prompt("triage_step1", state(**NOTICE)).text.startswith("**Step 1 of 3")


def test_summary_cites_the_commitment_and_says_where_the_user_is(replies, knowledge):
    text = replies.summary(state(**NOTICE, step1=UNRESOLVED, step2=NOT_TRIED, outcome="explanation")).text
    assert "**Commitment 13.2**" in text and knowledge.commitments["13.2"].text in text
    assert NOTICE["description"] in text and "78 days" in text
    assert "step 2 of 3, contact the critical friend" in text and "step 3 is: a small group of partners" in text
    assert "not legal advice" in text


def test_letter_names_commitment_facts_step_and_ask(replies, knowledge):
    letter = replies.letter(state(**NOTICE, step1=UNRESOLVED, step2=NOT_TRIED, outcome="explanation"))
    assert "Commitment 13.2" in letter and knowledge.commitments["13.2"].text in letter
    assert "1 June 2026" in letter and "critical friend" in letter and "a written explanation" in letter
    assert "[your name]" in letter and NOTICE["description"] in letter
    first_step = replies.letter(state(**NOTICE, step1=NOT_TRIED, outcome="meeting"))
    assert "directly first" in first_step and "critical friend" not in first_step


def test_nothing_to_send_when_resolved_or_no_commitment(replies):
    assert replies.letter(state(**NOTICE, step1=RESOLVED)) is None
    assert "resolved at step 1" in replies.summary(state(**NOTICE, step1=RESOLVED)).text
    none = state(description="the bins were not collected", commitment=NONE)
    assert replies.letter(none) is None and "may be outside the Compact" in replies.summary(none).text


def test_all_three_steps_tried(replies):
    text = replies.summary(state(**NOTICE, step1=UNRESOLVED, step2=UNRESOLVED, step3=UNRESOLVED, outcome="meeting")).text
    assert "all 3 steps tried" in text and "no further step" in text


def test_intro_gives_the_route_and_says_what_is_kept(replies):
    text = replies.intro().text
    assert "1. raise it directly, then 2. contact the critical friend, then 3. a small group of partners" in text
    assert "only for this conversation" in text and "leave out names" in text


def test_the_letter_states_the_standard_without_advising_its_reader(replies):
    letter = replies.letter(state(**NOTICE, step1=NOT_TRIED, outcome="meeting"))
    assert "Notice given 1 March 2026, funding ends 15 March 2026: 2 weeks." in letter
    assert "at least 3 months (notice before ending funding, where possible), which would have meant 1 June 2026" in letter
    assert "fair to ask" not in letter
    length = replies.letter(state(description="d", commitment="3.6", start="3 weeks", step1=NOT_TRIED, outcome="meeting"))
    assert "Consultation length of 3 weeks." in length and "Commitment 4.8 asks for at least 8 weeks" in length


def test_the_introduction_keeps_the_later_steps_from_someone_who_has_not_raised_it(replies):
    """Someone known not to have raised it yet is not sent ahead: the later steps are named when reached."""
    for known in (False, True):
        text = replies.intro(known, whole_route=False).text
        assert "3 steps" in text and "raise it directly" in text
        assert "critical friend" not in text.lower() and "partners" not in text
        assert "2. contact the critical friend, then 3. a small group of partners" in replies.intro(known).text


def test_the_number_asked_for_after_a_part_of_the_document_names_the_part(assistant):
    said = assistant.triage_replies.quote_entry("escalation")
    assert "part 6" in said and "What to do if things go wrong" in said
    assert "part" not in assistant.triage_replies.quote_entry("tax")  # not one of the document's parts
