"""What a user sees: answer first, then citation, wording, related buttons; pending items."""

from __future__ import annotations

import pytest

from compact.assistant import Assistant, silence_lead
from compact.matcher import Match
from compact.replies import ESCALATION_TOPIC, commitment_reply, decision_reply, show_payload, shown_by, triage_payload
from compact.routing import Decision
from compact.wording import say


def test_commitment_reply_order_and_buttons(assistant):
    reply = assistant.show("13.2")
    text = reply.text
    k = assistant.knowledge
    c = k.commitments["13.2"]
    assert text.index(c.summary) < text.index("**Commitment 13.2**") < text.index(c.text)
    assert "statutory sector commitment" in text and c.section.title in text and c.section.theme.title in text
    payloads = [b.payload for b in reply.buttons]
    assert payloads[:-1] == [show_payload(r) for r in c.related] and len(payloads) <= 4
    assert payloads[-1] == triage_payload("13.2") and reply.buttons[-1].title.startswith("Was this not kept?")


def test_no_next_steps_button_for_a_duty_of_the_readers_own_side(assistant):
    """A council officer told 13.2 (the statutory side's) is not offered to complain of it; a charity is."""
    c = assistant.knowledge.commitments["13.2"]
    offered = {None: True, "vcs": True, "statutory": False}
    for reader, shown in offered.items():
        reply = commitment_reply(assistant.knowledge, c, reader=reader)
        assert (triage_payload("13.2") in [b.payload for b in reply.buttons]) is shown, reader


def test_first_commitment_number_is_the_best_answer(assistant):
    reply = assistant.answer("minimum notice in writing before a funding relationship ends")
    assert reply.text.split("**Commitment ")[1].startswith("13.2")


def test_key_figures_come_from_the_structured_durations(assistant):
    fact = assistant.knowledge.commitments["13.2"].facts[0]
    assert f"Key figure: at least 3 months — {fact.duty} (where possible)." in assistant.show("13.2").text
    assert "Key figure" not in assistant.show("13.1").text


def test_vcs_commitment_says_who_it_binds(assistant):
    assert "voluntary and community sector (VCS) commitment" in assistant.show("12.9").text


def test_a_statutory_reader_is_not_spoken_to_as_the_vcs_organisation(assistant):
    """The plain summaries speak to a VCS reader; to someone who said they work for a statutory body, a
    summary that says "you" gives way to whose commitment it is, in the Compact's own words."""
    k = assistant.knowledge
    vcs, statutory = k.commitments["12.8"], k.commitments["13.2"]
    assert vcs.summary.startswith("Your organisation") and " you " in statutory.summary
    for c, doer in ((vcs, "voluntary and community sector (VCS) organisations"), (statutory, "statutory bodies")):
        text = assistant.show(c.id, "statutory").text
        assert c.summary not in text and f'In the Compact, {doer} commit to: "{c.text}"' in text
        assert f"**Commitment {c.id}**" in text
        assert assistant.show(c.id, "vcs").text == assistant.show(c.id).text and c.summary in assistant.show(c.id).text
    plain = next(c for c in k.commitments.values() if "you" not in c.summary.lower().split())
    assert plain.summary in assistant.show(plain.id, "statutory").text, "a summary that speaks to nobody stays"


def test_the_sections_other_duties_are_told_for_the_reader(assistant):
    """ "What are our duties…" lists the section's other commitments of that side: for a council officer, in
    the Compact's own words where the plain summary would speak to them as the funded group."""
    from compact.replies import section_also

    k = assistant.knowledge
    listed = section_also(k, k.commitments["13.2"], "statutory") or ""
    assert k.commitments["13.1"].text in listed and k.commitments["13.1"].summary not in listed
    assert k.commitments["13.1"].summary in (section_also(k, k.commitments["13.2"]) or "")


def test_a_council_officers_complaint_about_a_charity_is_answered_to_the_officer(assistant):
    from compact.context import Context

    said = "I'm a council officer. A charity we fund hasn't sent its monitoring reports for six months"
    reply = assistant.reply_for(assistant.conversation.read(said, Context(), None, 0.0), said)
    assert "**Commitment 12.8**" in reply.text and "Your organisation" not in reply.text
    assert not [b.title for b in reply.buttons if "Your organisation" in b.title], "nor in the buttons under it"


def test_principle_reply_quotes_the_document(assistant):
    text = assistant.show("Independence").text
    assert "seven shared principles" in text and assistant.knowledge.principles["Independence"].text in text
    # the commitment behind it, in the text as well as on a button: people who type see no buttons
    assert "The commitment that puts it into practice: Commitment 3.1" in text
    assert "Commitments that put it into practice include Commitment 4.1" in assistant.show("Volunteering").text


def test_a_principle_with_a_theme_of_its_name_lists_that_themes_commitments_first(assistant):
    equality = assistant.show("Equality").text
    assert "include Commitment 18.1" in equality and 'The theme "Advancing equality" (sections 18 to 20)' in equality
    assert "The theme" not in assistant.show("Honesty").text


def test_escalation_walks_three_steps_and_says_the_critical_friend_is_not_named(assistant):
    text = assistant.show("escalation").text
    assert "1. **Raise it directly**" in text and "3. **A small group of partners**" in text
    assert "does not name the critical friend yet" in text
    assert [b.payload for b in assistant.show("escalation").buttons] == [triage_payload()]  # the guided walk


def test_configured_values_replace_what_the_draft_leaves_open(knowledge):
    configured = Assistant(knowledge, settings={"critical_friend": "Jo Example, jo@example.org"})
    text = configured.show("escalation").text
    assert "Critical friend: Jo Example, jo@example.org" in text and "does not name" not in text


def test_unknown_entry_has_no_reply(assistant):
    assert assistant.show("7.2") is None


def test_out_of_scope_has_no_reply_and_cites_nothing(assistant):
    assert assistant.answer("when does the swimming pool open", "out_of_scope", 0.9) is None


def test_tie_offers_both_as_buttons(assistant):
    from compact.matcher import Match
    from compact.routing import Decision

    reply = assistant.answer_for(Decision("tie", (Match("3.6", "commitment", 0.5), Match("4.8", "commitment", 0.5))))
    assert "equally well" in reply.text and [b.payload for b in reply.buttons] == [show_payload("3.6"), show_payload("4.8")]


def test_a_clarifying_question_lists_its_candidates_in_the_text(knowledge):
    decision = Decision("clarify", (Match("13.2", "commitment", 0.1), Match("who_is_covered", "topic", 0.0)))
    reply = decision_reply(knowledge, decision, {})
    assert "Commitment 13.2" in reply.text and knowledge.entry_title("who_is_covered") in reply.text
    assert len(reply.buttons) == 2
    assert "not sure the Compact covers" not in reply.text


def test_a_doubtful_clarification_says_the_question_may_be_outside_the_compact(knowledge):
    decision = Decision("clarify", (Match("13.1", "commitment", -0.7), Match("18.4", "commitment", -0.7)), doubtful=True)
    reply = decision_reply(knowledge, decision, {})
    assert reply.text.startswith("I'm not sure the Compact covers that") and "outside the Compact" in reply.text
    assert "Commitment 13.1" in reply.text and len(reply.buttons) == 2


def test_close_runners_up_are_named_in_the_answers_text_too(knowledge):
    """People who type never read buttons as choices: the commitments that came close are said."""
    decision = Decision("answer", (Match("12.5", "commitment", 0.1),), alternatives=("12.4", "4.5"))
    text = decision_reply(knowledge, decision, {}).text
    assert text.index("**Commitment 12.5**") < text.index("Also close: Commitment 12.4 (") < text.index("; or Commitment 4.5 (")
    assert "Also close" not in decision_reply(knowledge, Decision("answer", (Match("12.5", "commitment", 0.1),)), {}).text


def test_who_decides_whether_it_is_a_breach_is_said_to_be_open_before_the_route(assistant):
    from compact.context import Context

    asked = "does the Compact say who decides whether it's actually a breach?"
    reply = assistant.reply_for(
        assistant.conversation.read(asked, Context(entry="4.4", offered="4.4"), "ask_compact", 0.9), asked
    )
    assert reply is not None and reply.text.startswith(say("triage.who_decides")) and "Raise it directly" in reply.text
    harsh = "would that be a breach or am I being harsh?"  # (a side question in a triage, answered by the route)
    assert silence_lead(harsh, ESCALATION_TOPIC) == say("triage.who_decides")
    assert silence_lead(harsh, "13.2") is None
    for legal in ("is this compact legally binding?", "can a court enforce the compact?"):
        assert silence_lead(legal, "what_is_compact") == say("topic.legal_force"), legal
    assert silence_lead("what is the compact for?", "what_is_compact") is None
    plain = "what happens if the compact is broken?"
    reply = assistant.reply_for(assistant.conversation.read(plain, Context(), "ask_compact", 0.9), plain)
    assert reply is not None and say("triage.who_decides") not in reply.text


def test_a_complaint_answered_by_another_commitment_than_its_words_names_theirs_as_close(assistant):
    """The story's dates chose 9.2 (decision before the start); the words' own best match, 13.3 (a chance
    to respond), is named first under it. A topic matched best is not a commitment to name."""
    from compact.context import Move

    told = Decision("answer", (Match("13.3", "commitment", 0.1),), alternatives=("9.2", "13.2"))
    reply = assistant.reply_for(Move("complaint", "9.2", told), "they gave us one day to respond").text
    assert reply.index("**Commitment 9.2**") < reply.index("Also close: Commitment 13.3 (") < reply.index("; or Commitment 13.2")
    route = Decision("answer", (Match("escalation", "topic", 0.1),), alternatives=("11.2",))
    assert "Also close: Commitment 11.2" in assistant.reply_for(Move("complaint", "13.2", route), "they pay late").text


def test_a_question_about_what_a_principle_says_gets_its_wording_under_the_commitment(assistant):
    from compact.context import Context

    question = "does the compact protect our right to campaign against council policy"
    reply = assistant.reply_for(assistant.conversation.read(question, Context()), question).text
    assert "**Commitment 3.1**" in reply and 'The Independence principle says: "' in reply and "campaign" in reply
    plain = "how much notice should the council give before ending our grant?"
    assert "principle says" not in assistant.reply_for(assistant.conversation.read(plain, Context()), plain).text


@pytest.mark.parametrize(
    ("asked", "body"),
    [
        ("do parish councils have to follow the compact?", "parish councils"),
        ("im the clerk to a small parish council. are we part of the compact or is it just the big councils?", "parish council"),
        ("are schools part of the compact", "schools"),
        ("what about individual GP practices?", "GP practices"),
        ("does the compact cover housing associations", "housing associations"),
    ],
)
def test_a_body_the_draft_does_not_name_is_said_not_to_be_named_before_who_is_covered(assistant, asked, body):
    from compact.context import Context

    reply = assistant.reply_for(assistant.conversation.read(asked, Context(), None, 0.0), asked)
    assert reply is not None and reply.text.startswith(say("topic.not_named", body=body))
    assert "**Who does the Compact cover?**" in reply.text


@pytest.mark.parametrize(
    "asked",
    [
        "the academy cut our funding with 2 weeks notice, is that covered by the compact?",  # an act, not a party
        "does the compact apply to the clinical commissioning groups?",  # named by the draft
        "our counselling charity works in three county schools and the council cut the grant",  # no coverage asked
        # a body named beside another question (tuning14, 63, 68, 69)
        "I manage grants at a District Council. A group we fund has no receipts. Is there something in the Compact about this?",
        "does the compact cover GDPR data sharing agreements between us and the nhs trust",
        "Who is the critical friend in the compact? We've had a falling-out with the district council.",
        "different question - we're a housing association putting a bid together, can it include one-off set-up costs?",
    ],
)
def test_no_body_the_draft_leaves_unnamed_is_claimed_where_none_is_asked_about(assistant, asked):
    from compact.context import Context

    reply = assistant.reply_for(assistant.conversation.read(asked, Context(), None, 0.0), asked)
    assert reply is None or "among the bodies it covers" not in reply.text


def test_words_the_compact_does_not_print_are_said_to_be_absent_before_the_nearest(assistant, knowledge):
    from compact.context import Context

    asked = "does the compact say anything about sign language at all?"
    reply = assistant.reply_for(assistant.conversation.read(asked, Context(), None, 0.0), asked)
    assert reply is not None and reply.text.startswith(say("topic.not_printed", words="sign language"))
    assert "**Commitment" in reply.text  # the nearest it comes, after
    said = ["does the compact say anything about volunteers?", "is there anything about consultations"]  # (plural or not)
    # parties, short forms and topics, said in the knowledge file's own words ("councils": the statutory sector)
    said += [f"does the compact say anything about {w}?" for w in ("councils", "the NHS", "CCGs", "derby city")]
    for question in said:
        assert assistant.conversation.words_not_printed(question) is None, question
    # a thing of the Compact's own asked after by name ("is there a compact steering group?"), not a question of ours
    assert assistant.conversation.words_not_printed("is there a compact steering group? who sits on it") == "steering group"
    for question in ("is there any funding for us?", "is there an action plan?", "is there an 11.3?", "is there a form?"):
        assert assistant.conversation.words_not_printed(question) is None, question
    outside = "does the compact say anything about the living wage"  # declined: no "nearest it comes" before a decline
    reply = assistant.reply_for(assistant.conversation.read(outside, Context(), None, 0.0), outside)
    assert reply is None or "The nearest it comes" not in reply.text


def test_the_entry_a_button_shows_is_read_back_from_its_payload():
    assert shown_by(show_payload("13.2")) == "13.2"
    assert shown_by(show_payload("Honesty")) == "Honesty"
    for other in (triage_payload("13.2"), "/show_entry", '/show_entry{"entry_id": 3}', "/show_entry{not json", "13.2"):
        assert shown_by(other) is None
