"""The answering actions, run with a real Tracker and CollectingDispatcher: answers, follow-ups in
context, complaints with an offer of next steps, and the hand-over to the triage."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerQuestion, ActionShowEntry
from compact import turn_memo
from compact.settings import settings
from compact.wording import say


def tracker(
    text: str, intent: str = "ask_compact", confidence: float = 0.9, entities: list | None = None, **slots: str
) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": entities or []}
    return Tracker("test-user", dict(slots), message, [], False, None, {}, "action_listen")


@pytest.fixture
def run(assistant):
    def go(action_cls, t: Tracker):
        dispatcher = CollectingDispatcher()
        events = action_cls(assistant).run(dispatcher, t, {})
        return dispatcher.messages, events

    return go


def said(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def slot(events, name: str):
    return next((e["value"] for e in events if e.get("name") == name), "unset")


def test_answer_cites_the_commitment_and_remembers_it(run):
    messages, events = run(ActionAnswerQuestion, tracker("minimum notice in writing before a funding relationship ends"))
    assert "**Commitment 13.2**" in messages[0]["text"] and messages[0]["buttons"]
    assert events == [
        SlotSet("answer_kind", "answered"),
        SlotSet("last_entry", "13.2"),
        SlotSet("last_commitment", "13.2"),
        SlotSet("answered", ["13.2"]),
        SlotSet("buttons", ["13.1", "13.3", "17.1"]),  # for a typed "the second one"
        FollowupAction("action_listen"),  # an answer ends the turn (the rules would predict listening)
    ]


def test_no_users_words_stay_in_the_analyzer_after_a_turn(run, assistant):
    run(ActionAnswerQuestion, tracker("can the council cut our grant with a week's notice?"))
    assert turn_memo.kept() == 0


def test_out_of_scope_sends_nothing_and_lets_the_rule_answer(run):
    messages, events = run(ActionAnswerQuestion, tracker("book a table for two", "out_of_scope", 0.95))
    assert messages == [] and events == [SlotSet("answer_kind", "out_of_scope"), SlotSet("last_entry", None)]


def test_show_entry_from_a_button(run):
    messages, events = run(
        ActionShowEntry, tracker('/show_entry{"entry_id": "12.9"}', "show_entry", 1.0, [{"entity": "entry_id", "value": "12.9"}])
    )
    assert "**Commitment 12.9**" in messages[0]["text"] and SlotSet("answer_kind", "answered") in events


def test_show_entry_with_a_number_the_draft_does_not_have(run):
    messages, events = run(ActionShowEntry, tracker("show 7.2", "show_entry", 0.9, [{"entity": "entry_id", "value": "7.2"}]))
    assert messages[0]["text"].startswith("There is no Commitment 7.2 in the draft.") and "7.1" in messages[0]["text"]
    assert SlotSet("answer_kind", "answered") in events


def test_a_number_found_inside_a_date_is_not_a_commitment_named(run):
    told = "we got our grant 13.05.26 and will have about £2k left at the end of the yr - what happens to it"
    messages, _ = run(ActionShowEntry, tracker(told, "show_entry", 0.6, [{"entity": "entry_id", "value": "13.05"}]))
    assert "There is no Commitment" not in said(messages) and "10.4" in said(messages)


def test_show_entry_without_a_number_answers_the_question(run):
    messages, events = run(ActionShowEntry, tracker("show me the rules on underspend", "show_entry", 0.6))
    assert messages and SlotSet("answer_kind", "answered") in events


def test_contacts_say_they_are_to_be_added(run):
    messages, _ = run(ActionAnswerQuestion, tracker("can I talk to a person", "human_handoff"))
    text = said(messages)
    assert "automated assistant" in text and "not added contact details yet" in text and "critical friend" in text


def test_our_duties_are_those_of_the_side_said_earlier(run):
    """Someone who said earlier they work for a council ("reader_side") asks about "our" duties: theirs."""
    asked = "what are our own duties on monitoring?"
    officer = said(run(ActionAnswerQuestion, tracker(asked, reader_side="statutory"))[0])
    group = said(run(ActionAnswerQuestion, tracker(asked))[0])
    assert "— a statutory sector commitment" in officer and "— a statutory sector commitment" not in group
    assert "— a voluntary and community sector (VCS) commitment" in group


def test_asking_to_take_it_to_an_ombudsman_or_an_mp_says_the_compact_has_its_own_route(run):
    """Read as asking for a person, "can I go to the ombudsman?" gets where to ask, not the Compact's contacts."""
    for question in ("can I go to the ombudsman about the council?", "can I just go to my MP over it instead"):
        text = said(run(ActionAnswerQuestion, tracker(question, "human_handoff", 0.7))[0])
        assert "outside" in text and "critical friend" in text and "Ombudsman" in text, question
        assert "automated assistant" not in text, question


def test_asking_for_help_with_a_subject_next_to_the_compact_says_where_to_ask(run):
    messages, events = run(ActionAnswerQuestion, tracker("can you help me fill in our VAT return?", "capabilities", 0.8))
    assert "outside" in said(messages) and "HMRC" in said(messages)
    assert SlotSet("answer_kind", "capabilities") not in events
    _, events = run(ActionAnswerQuestion, tracker("what can you help me with?", "capabilities", 0.9))
    assert SlotSet("answer_kind", "capabilities") in events


def test_asking_for_help_with_a_task_outside_the_compact_is_declined(run):
    """Not "here is what I can do": the task asked for is outside the Compact, and that is said."""
    _, events = run(ActionAnswerQuestion, tracker("can you help me write a job advert for a youth worker?", "capabilities", 0.8))
    assert SlotSet("answer_kind", "out_of_scope") in events
    _, events = run(ActionAnswerQuestion, tracker("how can you help me?", "capabilities", 0.9))
    assert SlotSet("answer_kind", "capabilities") in events


def test_are_you_a_bot_is_answered_as_such_only_when_it_addresses_the_bot(run):
    _, events = run(ActionAnswerQuestion, tracker("are you a real person?", "bot_challenge", 0.9))
    assert events == [SlotSet("answer_kind", "bot_challenge")]  # the rule follows with utter_iamabot
    messages, events = run(ActionAnswerQuestion, tracker("so is this draft actually agreed yet?", "bot_challenge", 0.64))
    assert "Status of this document" in said(messages) and SlotSet("answer_kind", "answered") in events


def test_a_stale_button_payload_is_not_treated_as_a_question(run):
    messages, events = run(ActionAnswerQuestion, tracker('/triage_answer{"triage_value": "resolved"}', "triage_answer", 1.0))
    assert messages == [] and events == [SlotSet("answer_kind", "not_found")]


@pytest.mark.parametrize(
    "question", ["can we take the council to court", "can we sue the council", "is the compact legally binding"]
)
def test_a_legal_question_is_not_answered_as_advice(run, question):
    messages, events = run(ActionAnswerQuestion, tracker(question, "legal_advice", 0.8))
    assert messages == [] and slot(events, "answer_kind") == "legal"


def test_a_compact_question_that_looks_legal_is_still_answered(run):
    messages, events = run(
        ActionAnswerQuestion, tracker("can we include our overheads and core costs in the bid", "legal_advice", 0.5)
    )
    assert "**Commitment 8.1**" in messages[0]["text"] and slot(events, "answer_kind") == "answered"


def test_a_question_classified_legal_that_names_no_law_is_read_as_a_compact_question(run):
    """ "do we need to tell them?" sounds like advice but names no law: the funder's early notice of changes (12.9)."""
    asked = "our coordinator leaves next month. do we need to tell them?"
    messages, events = run(ActionAnswerQuestion, tracker(asked, "legal_advice", 0.9, last_entry="16.4"))
    assert "**Commitment 12.9**" in messages[0]["text"] and slot(events, "answer_kind") == "answered"
    _, events = run(ActionAnswerQuestion, tracker("can we claim compensation?", "legal_advice", 0.9))
    assert slot(events, "answer_kind") == "legal"


def test_a_topic_question_that_looks_legal_is_answered_unless_it_names_the_law(run):
    messages, events = run(ActionAnswerQuestion, tracker("how do we sign the pledge", "legal_advice", 0.8))
    assert "pledge" in messages[0]["text"].lower() and slot(events, "answer_kind") == "answered"


def test_starting_again_outside_the_triage_forgets_what_was_answered(run):
    """ "start again" greets afresh, so the next message is not read against the old answer."""
    _, events = run(ActionAnswerQuestion, tracker("start again", "start_over", 0.9, last_entry="3.6", last_commitment="3.6"))
    assert SlotSet("answer_kind", "control") in events
    assert SlotSet("last_entry", None) in events and SlotSet("last_commitment", None) in events
    _, events = run(ActionAnswerQuestion, tracker("stop", "stop", 0.9, last_entry="3.6"))
    assert events == [SlotSet("answer_kind", "control")]  # "stop" keeps the thread


def test_control_words_outside_the_triage(run):
    _, events = run(ActionAnswerQuestion, tracker("stop", "stop", 0.9))
    assert events == [SlotSet("answer_kind", "control")]


@pytest.mark.parametrize(
    "follow_up, cited",
    [
        ("must they give reasons too?", "13.2"),
        ("what about us?", "17.1"),
        ("tell me more", "13.2"),
        ("which number do I quote?", "13.2"),
    ],
)
def test_follow_ups_are_read_against_the_last_answer(run, follow_up, cited):
    messages, events = run(ActionAnswerQuestion, tracker(follow_up, last_entry="13.2"))
    assert f"Commitment {cited}" in said(messages), said(messages)[:300]


def test_after_a_floor_that_one_is_the_floor_shown(run):
    """ "and if they can't manage that long?" after 3.6 shows 4.8's eight weeks: "which number is
    that?" or "is that one for councils or for us?" next is about 4.8."""
    messages, events = run(ActionAnswerQuestion, tracker("and if they cant manage that long?", last_entry="3.6"))
    assert "**Commitment 4.8**" in said(messages) and slot(events, "last_entry") == "3.6"  # the thread: the duty
    assert slot(events, "last_shown") == "4.8"
    messages, events = run(ActionAnswerQuestion, tracker("which number is that?", last_entry="3.6", last_shown="4.8"))
    assert "Quote **Commitment 4.8**" in said(messages) and slot(events, "last_shown") is None


def test_the_number_to_quote_after_the_route_is_the_commitment_the_conversation_was_about(run):
    """The route and the themes carry no number: "which number do I cite?" after them quotes the
    commitment last answered, which the slot keeps through them."""
    messages, events = run(ActionAnswerQuestion, tracker("what are the three themes of the commitments?", last_entry="12.9"))
    assert slot(events, "last_entry") == "themes"
    assert slot(events, "last_commitment") == "unset"  # an answer that is not a commitment leaves it as it was
    messages, _ = run(ActionAnswerQuestion, tracker("which number do i cite", last_entry="escalation", last_commitment="12.9"))
    assert "Quote **Commitment 12.9**" in said(messages)
    messages, _ = run(ActionAnswerQuestion, tracker("which number do i cite", last_entry="escalation"))
    assert "Quote **Commitment" not in said(messages)  # with nothing answered before, there is nothing to quote


def test_a_time_limit_for_raising_it_is_said_to_be_unset_with_the_route(run):
    messages, events = run(ActionAnswerQuestion, tracker("Is there a time limit for raising it?", last_entry="escalation"))
    assert "doesn't give a number of days" in said(messages) and "Raise it directly" in said(messages)
    assert slot(events, "last_entry") == "escalation"


def test_where_a_commitment_sits_is_its_section_and_theme(run):
    messages, events = run(ActionAnswerQuestion, tracker("which part of the compact is that in?", last_entry="3.6"))
    assert 'section 3 "How to involve?"' in said(messages) and "Involvement in policy development" in said(messages)
    assert slot(events, "last_entry") == "3.6"


def test_what_if_they_dont_leads_to_what_to_do_and_offers_help(run):
    messages, events = run(ActionAnswerQuestion, tracker("and what if they don't?", last_entry="13.2"))
    assert "What to do if things go wrong" in said(messages) and say("triage.offer") in said(messages)
    assert slot(events, "offered") == "13.2"


def test_an_account_that_says_what_was_tried_is_offered_next_steps_without_being_asked_it(run):
    text = (
        "Our new funding agreement with the Police and Crime Commissioner's office doesn't mention the Compact anywhere. "
        "We're a victim support charity. We signed it a fortnight ago without noticing and haven't raised it."
    )
    messages, events = run(ActionAnswerQuestion, tracker(text))
    assert say("triage.offer_tried_told") in said(messages) and say("triage.offer") not in said(messages)
    assert slot(events, "triage_step1") == "not_tried"


def test_a_clear_new_question_is_answered_on_its_own(run):
    messages, events = run(ActionAnswerQuestion, tracker("how long should a formal consultation run for?", last_entry="13.2"))
    assert "**Commitment 3.6**" in said(messages) and "Commitment 13.2" not in said(messages)


def test_a_complaint_is_answered_with_what_the_dates_show_and_an_offer(run):
    text = "the council told us on 2 March 2026 that our grant ends on 16 March 2026"
    messages, events = run(ActionAnswerQuestion, tracker(text))
    assert "**Commitment 13.2**" in said(messages) and "2 weeks" in said(messages) and say("triage.offer") in said(messages)
    assert slot(events, "offered") == "13.2" and slot(events, "triage_description") == text
    assert slot(events, "triage_start") == "2026-03-02" and slot(events, "triage_end") == "2026-03-16"


def test_yes_to_the_offer_or_saying_what_was_tried_starts_the_triage(run):
    offer = dict(
        last_entry="13.2",
        offered="13.2",
        triage_description="they ended our grant with two weeks notice",
        triage_commitment="13.2",
        triage_start="2 weeks",
    )
    _, events = run(ActionAnswerQuestion, tracker("yes please", **offer))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_commitment") == "13.2"
    _, events = run(ActionAnswerQuestion, tracker("we emailed the grants officer twice, no reply", **offer))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_step1") == "unresolved"
    messages, _ = run(ActionAnswerQuestion, tracker("can you write me an email to send?", **offer))
    assert "Subject:" in said(messages) and "Dear" in said(messages) and "two weeks notice" in said(messages)
    assert say("letter.not_for_you") not in said(messages)
    # asked to act for them: it says it cannot, and gives the message to send
    messages, _ = run(ActionAnswerQuestion, tracker("can you contact the council for us?", **offer))
    assert said(messages).startswith(say("letter.not_for_you")) and "Subject:" in said(messages)


def test_start_again_at_the_offer_with_a_new_account_starts_from_that_account(run):
    """ "start again - actually my real issue is they asked us for far more cost breakdown detail than the companies
    bidding", after an answer about tender time: that account, answered afresh (it asked "What happened?" before)."""
    offer = dict(last_entry="7.3", offered="7.3", triage_description="a 10 day tender deadline", triage_commitment="7.3")
    text = "start again - actually my real issue is they asked us for more cost breakdown detail than the companies bidding"
    messages, events = run(ActionAnswerQuestion, tracker(text, "start_over", **offer))
    assert slot(events, "last_entry") == "8.3" and "**Commitment 8.3**" in said(messages)


def test_what_happens_next_walks_the_steps_or_gives_the_ones_after_the_step_reached(run):
    offer = dict(last_entry="13.2", offered="13.2", triage_commitment="13.2", triage_description="two weeks notice")
    _, events = run(ActionAnswerQuestion, tracker("what happens next?", **offer))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_commitment") == "13.2"
    summarised = dict(offer, triage_step1="not_tried", triage_outcome="a meeting")  # after the summary
    messages, events = run(ActionAnswerQuestion, tracker("what happens next?", **summarised))
    assert slot(events, "answer_kind") == "answered"
    assert said(messages).startswith(say("triage.step_ahead", number=1)) and "Step 3 of 3" in said(messages)
    messages, _ = run(ActionAnswerQuestion, tracker("and then what?", **dict(summarised, triage_step1="unresolved")))
    assert said(messages).startswith(say("triage.step_ahead", number=2)) and "Step 2 of 3" not in said(messages)
    messages, _ = run(ActionAnswerQuestion, tracker("what happens next?", **dict(summarised, triage_step1="resolved")))
    assert "**Your summary.**" in said(messages)


def test_asked_what_is_kept_it_says_for_how_long_and_keeps_the_offer(run, monkeypatch):
    monkeypatch.setenv("COMPACT_KEEP_DAYS", "14")
    settings.cache_clear()
    try:
        messages, events = run(ActionAnswerQuestion, tracker("what do you keep about me?", last_entry="13.2", offered="13.2"))
    finally:
        settings.cache_clear()
    assert "14 days" in said(messages) and "deleted" in said(messages) and "personal details" in said(messages)
    assert events == [SlotSet("answer_kind", "answered"), FollowupAction("action_listen")]  # what it was about stays


def test_what_the_reply_says_was_tried_replaces_what_the_account_suggested(run):
    offer = dict(last_entry="3.2", offered="3.2", triage_commitment="3.2", triage_step1="not_tried")
    _, events = run(ActionAnswerQuestion, tracker("yes but no joy", **offer))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_step1") == "unresolved"


def test_a_question_asked_after_saying_what_was_tried_is_answered_before_the_steps(run):
    offer = dict(last_entry="10.4", offered="10.4", triage_commitment="10.4", triage_description="they want the underspend back")
    text = "We wrote to the grants officer and got nowhere. Also, is every grant agreement supposed to mention the Compact?"
    messages, events = run(ActionAnswerQuestion, tracker(text, **offer))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_step1") == "unresolved"
    assert "**Commitment 10.3**" in said(messages)
    messages, _ = run(ActionAnswerQuestion, tracker("We wrote to the grants officer and got nowhere.", **offer))
    assert said(messages) == ""  # nothing else asked: straight to the steps


def test_a_yes_long_after_the_offer_is_not_taken_as_accepting_it(run):
    _, events = run(ActionAnswerQuestion, tracker("yes", last_entry="3.6", offered="13.2", triage_commitment="13.2"))
    assert slot(events, "answer_kind") != "start_triage"


def test_asking_to_report_a_breach_hands_over_to_the_triage(run):
    _, events = run(ActionAnswerQuestion, tracker("I want to report a breach of the Compact", "report_breach"))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_description") == "unset"
    _, events = run(
        ActionAnswerQuestion,
        tracker('/report_breach{"entry_id": "13.2"}', "report_breach", 1.0, [{"entity": "entry_id", "value": "13.2"}]),
    )
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_commitment") == "13.2"
    _, events = run(ActionAnswerQuestion, tracker("a charity we fund has broken the compact", "report_breach"))
    assert slot(events, "triage_side") == "statutory", "who acted is known: the side is not asked"


def test_the_number_to_quote_for_a_principle_is_its_commitments(run):
    messages, _ = run(ActionAnswerQuestion, tracker("which number do I quote?", last_entry="Independence"))
    assert "is a principle, so it has no number" in said(messages) and "**Commitment 3.1**" in said(messages)


def test_saying_what_was_tried_after_a_plain_answer_starts_the_triage_on_it(run):
    """No offer was made (the first message read as a question), but "we spoke to them twice"
    shows a dispute about what was answered: the triage starts on it, with the earlier account as
    what happened, and a question before it is not taken as one."""
    account = "the town council want monthly 20 page reports on every person who comes to our lunch club"
    events_before = [{"event": "user", "text": account}, {"event": "bot", "text": "…"}]
    latest_ = {"text": "spoke to the clerk twice, she says that's just the rules", "intent": {"name": "ask_compact"}}
    t = Tracker(
        "u", {"last_entry": "12.3"}, latest_, [*events_before, {"event": "user", "text": latest_["text"]}], False, None, {}, ""
    )
    _, events = run(ActionAnswerQuestion, t)
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_commitment") == "12.3"
    assert slot(events, "triage_description") == account and slot(events, "triage_step1") == "unresolved"
    question = [{"event": "user", "text": "what does the compact say about monitoring reports?"}]
    t = Tracker(
        "u", {"last_entry": "12.3"}, latest_, [*question, {"event": "user", "text": latest_["text"]}], False, None, {}, ""
    )
    _, events = run(ActionAnswerQuestion, t)
    assert slot(events, "triage_commitment") == "12.3" and slot(events, "triage_description") == "unset"
    agreed = [*events_before, {"event": "user", "text": "yes, the monitoring one"}, {"event": "bot", "text": "…"}]
    t = Tracker("u", {"last_entry": "12.3"}, latest_, [*agreed, {"event": "user", "text": latest_["text"]}], False, None, {}, "")
    _, events = run(ActionAnswerQuestion, t)
    assert slot(events, "triage_description") == account, "the account, not the reply agreeing with the answer"
    story = "We put in for the ward fund. Result: unsuccessful. No score, no notes. How are we meant to improve?"
    told = [{"event": "user", "text": story}, {"event": "bot", "text": "…"}]
    t = Tracker("u", {"last_entry": "9.3"}, latest_, [*told, {"event": "user", "text": latest_["text"]}], False, None, {}, "")
    _, events = run(ActionAnswerQuestion, t)
    assert slot(events, "triage_description") == "We put in for the ward fund. Result: unsuccessful. No score, no notes."


def test_a_length_told_after_the_notice_answer_is_checked_against_it_without_a_figure_note(run):
    messages, events = run(ActionAnswerQuestion, tracker("well our district council gave us 3 weeks", last_entry="13.2"))
    text = said(messages)
    assert "**Commitment 13.2**" in text and "3 weeks" in text and "3 months" in text and say("triage.offer") in text
    assert "sets no such figure" not in text  # what happened, not a claim about the Compact
    assert slot(events, "triage_start") == "3 weeks" and slot(events, "offered") == "13.2"


def test_a_complaint_that_was_raised_already_goes_on_to_the_next_step(run):
    """Told what happened and that raising it did not work: the triage starts with the commitment
    proposed and step 1 done, so the next question is step 2 (the critical friend)."""
    text = "didnt get the tender. asked the council for feedback 3 times, they wont give any. that against the compact?"
    messages, events = run(ActionAnswerQuestion, tracker(text))
    assert messages == [] and slot(events, "answer_kind") == "start_triage"
    assert slot(events, "triage_commitment") == "9.3" and slot(events, "triage_proposed") == "9.3"
    assert slot(events, "triage_step1") == "unresolved" and slot(events, "triage_description") == text


def test_after_a_missing_number_that_section_is_its_section(run):
    messages, events = run(ActionAnswerQuestion, tracker("what does commitment 7.2 say"))
    assert "no Commitment 7.2" in said(messages) and slot(events, "last_entry") == "section 7"
    assert slot(events, "last_missing") == "7.2"  # for the next message only: "what about the one after it?"
    messages, events = run(ActionAnswerQuestion, tracker("ok what about the one straight after it then", **after(events)))
    assert "**Commitment 7.3**" in said(messages) and slot(events, "last_missing") is None


def test_a_missing_number_shown_as_an_entry_is_counted_from_too(run):
    shown = tracker("show 12.2", "show_entry", entities=[{"entity": "entry_id", "value": "12.2"}])
    messages, events = run(ActionShowEntry, shown)
    assert "no Commitment 12.2" in said(messages) and slot(events, "last_missing") == "12.2"
    messages, _ = run(ActionAnswerQuestion, tracker("and the one before it?", **after(events)))
    assert "**Commitment 12.1**" in said(messages)


def after(events) -> dict:
    """The slots an action's events leave, for the next message's tracker."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


class _Broken:
    """An assistant whose every part fails, as a fault in the code would."""

    def __getattr__(self, name):
        raise KeyError("Equality")


def test_an_action_that_fails_apologises_and_the_conversation_carries_on(caplog):
    dispatcher = CollectingDispatcher()
    events = ActionAnswerQuestion(_Broken()).run(dispatcher, tracker("a question only this user typed"), {})
    assert said(dispatcher.messages) == say("channel.action_failed")
    assert slot(events, "answer_kind") == "answered"
    assert "action action_answer_question failed" in caplog.text and "only this user typed" not in caplog.text


def test_a_corrected_date_while_next_steps_are_offered_checks_the_dates_again(run):
    offer = dict(
        last_entry="3.6",
        offered="3.6",
        triage_description="the county launched a consultation on 3 June and it closes 1 July",
        triage_commitment="3.6",
        triage_start="2026-06-03",
        triage_end="2026-07-01",
    )
    messages, events = run(ActionAnswerQuestion, tracker("sorry it actually opened 13 june, not 3 june", **offer))
    assert "corrected" in said(messages) and "13 June 2026" in said(messages) and " 3 June 2026" not in said(messages)
    assert slot(events, "triage_start") == "2026-06-13" and slot(events, "offered") == "3.6"
    _, events = run(ActionAnswerQuestion, tracker("sorry it was the city not the county", **offer))
    assert slot(events, "triage_start") in ("unset", "2026-06-03")  # nothing held said to be wrong: read as usual


def test_saying_who_they_are_after_an_answer_that_stands_for_them_is_not_the_answer_again(run):
    offer = dict(last_entry="13.2", offered="13.2", triage_commitment="13.2", triage_description="our grant ended at two weeks")
    messages, events = run(ActionAnswerQuestion, tracker("we're a charity", **offer))
    text = said(messages)
    assert "three months" not in text, "the answer is not repeated"
    assert "**Commitment 13.2** is a statutory sector commitment" in text and "for the other side to keep" in text
    assert "pairs it with **Commitment 17.1**" in text  # their own side's part of it (planning for the end of funding)
    assert say("triage.offer") in text and slot(events, "offered") == "13.2"  # the offer still stands
    assert slot(events, "triage_description") == "unset", "what they told stays as it was"
    messages, _ = run(ActionAnswerQuestion, tracker("im a council officer", last_entry="13.2"))
    assert "three months" in said(messages), "a council officer is told it again, in the Compact's words"


def test_more_of_the_account_while_next_steps_are_offered_is_added_to_it(run):
    told = "the county consultation runs 4 weeks"
    offer = dict(last_entry="3.6", offered="3.6", triage_commitment="3.6", triage_description=told)
    messages, events = run(ActionAnswerQuestion, tracker("it's about cutting mobile library stops round Matlock", **offer))
    text = said(messages)
    assert "added that to what happened" in text and "**Commitment 3.6**: Formal consultations" in text
    assert say("triage.offer") in text and "outside" not in text
    told = slot(events, "triage_description")
    assert told == "the county consultation runs 4 weeks. it's about cutting mobile library stops round Matlock"
    assert slot(events, "offered") == "3.6" and slot(events, "last_entry") == "3.6"  # the offer stands
    # dates told later are read with the account's: the period they make is checked
    told = "the council are ending our grant on 16 March 2026"
    offer = dict(last_entry="13.2", offered="13.2", triage_commitment="13.2", triage_description=told, triage_end="2026-03-16")
    messages, events = run(ActionAnswerQuestion, tracker("the letter came on 2 March 2026", **offer))
    assert "2 weeks" in said(messages) and slot(events, "triage_start") == "2026-03-02"


def test_more_of_the_account_that_points_elsewhere_answers_the_commitment_it_points_to(run):
    """ "they told us on 2nd march" guessed weakly; "that funding stops 31st march" then tells what
    happened: the whole account is about the notice of an ending (13.2), not the guess."""
    offer = dict(last_entry="10.4", offered="10.4", triage_commitment="10.4", triage_description="they told us on 2nd march")
    messages, events = run(ActionAnswerQuestion, tracker("that funding stops 31st march", **offer))
    text = said(messages)
    assert "sounds more like **Commitment 13.2** than Commitment 10.4" in text and say("triage.offer") in text
    assert slot(events, "offered") == "13.2" and slot(events, "triage_commitment") == "13.2"
    assert slot(events, "triage_description") == "they told us on 2nd march. that funding stops 31st march"


def test_the_last_three_commitments_answered_are_kept_for_the_first_one_and_those_two(run):
    _, events = run(ActionAnswerQuestion, tracker("how much notice before funding ends?", answered=["3.6", "16.4", "3.1"]))
    assert slot(events, "answered") == ["16.4", "3.1", "13.2"]  # oldest dropped, the new one last
    messages, events = run(ActionAnswerQuestion, tracker("go back to the first one", answered=["16.4", "3.1", "13.2"]))
    assert "**Commitment 16.4**" in said(messages) and slot(events, "last_entry") == "16.4"
    messages, _ = run(ActionAnswerQuestion, tracker("what's the difference between those two?", answered=["3.1", "13.2"]))
    assert said(messages).startswith("Side by side, **Commitment 3.1** and **Commitment 13.2**")


def test_an_answer_can_be_voted_on_and_names_what_it_answered(run):
    messages, _ = run(ActionAnswerQuestion, tracker("minimum notice in writing before a funding relationship ends"))
    assert messages[0]["feedback"] == {"entry": "13.2"}
    shown, _ = run(
        ActionShowEntry, tracker('/show_entry{"entry_id": "12.9"}', "show_entry", 1.0, [{"entity": "entry_id", "value": "12.9"}])
    )
    assert shown[0]["feedback"] == {"entry": "12.9"}


@pytest.mark.parametrize(
    "text, intent, slots",
    [
        ("ok", "ask_compact", {"last_entry": "13.2"}),  # noted: not an answer
        ("book a table for two", "out_of_scope", {}),  # out of scope: the rule's response, nothing to vote on
        ("funding", "ask_compact", {}),  # a clarifying question
    ],
)
def test_a_reply_that_is_not_an_answer_cannot_be_voted_on(run, text, intent, slots):
    messages, _ = run(ActionAnswerQuestion, tracker(text, intent, 0.95, **slots))
    assert all("feedback" not in m for m in messages)


def test_a_typed_verdict_is_a_vote_on_the_last_answer_and_the_context_stays(run):
    messages, events = run(ActionAnswerQuestion, tracker("that didn't help", last_entry="13.2", answered=["13.2"]))
    assert slot(events, "feedback") == {"entry": "13.2", "helpful": False}
    assert said(messages) == say("feedback.typed_not_helpful") and slot(events, "last_entry") == "unset", "still about 13.2"
    messages, events = run(ActionAnswerQuestion, tracker("thanks, that was really useful", "thank", last_entry="3.6"))
    assert slot(events, "feedback") == {"entry": "3.6", "helpful": True} and said(messages) == say("feedback.typed_helpful")


def test_a_verdict_with_a_question_after_it_is_a_vote_and_the_question_is_answered(run):
    text = "that's not what I asked, how long should a consultation last?"
    messages, events = run(ActionAnswerQuestion, tracker(text, last_entry="13.2", answered=["13.2"]))
    assert slot(events, "feedback") == {"entry": "13.2", "helpful": False, "comment": "how long should a consultation last?"}
    assert "**Commitment 3.6**" in said(messages) and slot(events, "last_entry") == "3.6"


def test_a_bare_no_after_an_answer_that_asked_nothing_is_a_vote_not_a_question(run):
    messages, events = run(ActionAnswerQuestion, tracker("nope", last_entry="12.3", answered=["12.3"]))
    assert slot(events, "feedback") == {"entry": "12.3", "helpful": False}
    assert said(messages) == say("feedback.typed_not_helpful")
    # after the offer of next steps, "no" answers the offer: no vote
    _, events = run(ActionAnswerQuestion, tracker("no", last_entry="12.3", offered="12.3", answered=["12.3"]))
    assert slot(events, "feedback") == "unset"


def test_an_account_asking_if_it_is_a_breach_says_the_compact_does_not_say_who_decides(run):
    text = "just read our new funding agreement from the county, signed 3 april. it doesn't mention the compact anywhere. "
    text += "is that a breach?"
    messages, events = run(ActionAnswerQuestion, tracker(text))
    assert "**Commitment 10.3**" in said(messages) and say("triage.who_decides") in said(messages)
    assert slot(events, "offered") == "10.3"
    messages, _ = run(ActionAnswerQuestion, tracker("it doesn't mention the compact anywhere, our new funding agreement"))
    assert "**Commitment 10.3**" in said(messages) and say("triage.who_decides") not in said(messages)  # not asked


def test_a_verdict_with_no_answer_before_it_is_not_a_vote(run):
    _, events = run(ActionAnswerQuestion, tracker("that didn't help"))
    assert slot(events, "feedback") == "unset"


def test_a_missing_number_is_voted_on_only_for_the_one_it_describes(run):
    messages, _ = run(ActionAnswerQuestion, tracker("what does commitment 7.2 say"))
    assert "no Commitment 7.2" in said(messages) and all("feedback" not in m for m in messages)
    messages, _ = run(ActionAnswerQuestion, tracker("what does commitment 7.2 say about feedback on unsuccessful bids?"))
    described = messages[0]["feedback"]["entry"]
    assert "no Commitment 7.2" in said(messages) and f"Commitment {described}" in said(messages)


def test_the_side_said_once_tells_the_later_answers(run):
    """ "As a commissioner…" then "and do I have to give reasons?": the follow-up is told for
    the council's side too (the Compact's own words, not "the funder should give you"), and "start
    again" forgets it."""
    first = "As a commissioner, how much notice do I need to give a charity before ending their contract?"
    messages, events = run(ActionAnswerQuestion, tracker(first))
    assert "statutory bodies commit to" in said(messages) and slot(events, "reader_side") == "statutory"
    messages, events = run(ActionAnswerQuestion, tracker("and do I have to give reasons?", **after(events)))
    text = said(messages)
    assert "**Commitment 13.2**" in text and "the funder should give you" not in text and "statutory bodies commit to" in text
    assert slot(events, "reader_side") == "unset"  # kept as it was: not set again
    messages, _ = run(ActionAnswerQuestion, tracker("and do I have to give reasons?", last_entry="13.2"))
    assert "the funder should give you" in said(messages)  # the same follow-up from a user who said no side
    _, events = run(ActionAnswerQuestion, tracker("start again", "start_over", reader_side="statutory", last_entry="13.2"))
    assert slot(events, "reader_side") is None and any(e.get("name") == "reader_side" for e in events)


def test_the_side_said_earlier_is_not_asked_again_when_a_triage_starts(run):
    """ "I'm at the city council" in the first message, then a letter asked for with nothing told yet:
    the triage starts knowing whose side the user is on (not "Which side are you on?")."""
    text = "can you help me write a letter to them?"
    _, events = run(ActionAnswerQuestion, tracker(text, reader_side="statutory"))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_side") == "statutory"
    _, events = run(ActionAnswerQuestion, tracker(text))
    assert slot(events, "triage_side") == "unset"  # said nowhere: the triage asks


def test_an_introduction_is_thanked_asked_what_they_want_to_know_and_remembered(run):
    messages, events = run(ActionAnswerQuestion, tracker("hiya im treasurer of a small youth club"))
    assert said(messages) == say("followup.introduced_vcs") and slot(events, "reader_side") == "vcs"
    assert slot(events, "last_entry") is None  # nothing answered: a follow-up has nothing to lean on


def test_the_message_asked_for_after_answers_tells_what_the_user_said_about_it(run):
    """Told over two turns (a list that named 12.3, then 12.3), then "what should i say to them": the
    message says what they told, not "[say briefly what happened]"."""
    first = "we're a CIC running a food bank, the county want us to sign a contract with loads of monitoring, is that ok"
    second = "it's quarterly reports, case studies and monthly stats for a £5k grant"
    events = [
        {"event": "user", "text": "hello"},
        {"event": "user", "text": first},
        {"event": "slot", "name": "choices", "value": ["12.1", "12.3", "16.1"]},
        {"event": "user", "text": second},
        {"event": "slot", "name": "last_entry", "value": "12.3"},
    ]
    ask = "what should i say to them"
    message = {"text": ask, "intent": {"name": "ask_compact", "confidence": 0.9}, "entities": []}
    t = Tracker("u", {"last_entry": "12.3"}, message, [*events, {"event": "user", "text": ask}], False, None, {}, "action_listen")
    messages, _ = run(ActionAnswerQuestion, t)
    text = said(messages)
    happened = text.split("What happened: ")[1].split("\n")[0]  # (as typed: its markdown escaped)
    assert happened.startswith(first) and happened.endswith(second) and "hello" not in happened
    nothing = Tracker("u", {"last_entry": "3.6"}, message, [{"event": "user", "text": ask}], False, None, {}, "action_listen")
    assert say("letter.what_happened_blank") in said(run(ActionAnswerQuestion, nothing)[0])  # nothing told: left to fill in


@pytest.mark.parametrize(
    "text, outcome",
    [("honestly we just want a meeting with them", "meeting"), ("we'd like them to reverse it", "them to reverse it")],
)
def test_a_wish_said_when_next_steps_are_offered_starts_them_and_is_kept_for_the_message(run, text, outcome):
    """The wish is the last question's answer, said early: it is noted and kept, so that question is never asked."""
    offer = dict(last_entry="13.2", offered="13.2", triage_commitment="13.2", triage_description="two weeks notice")
    messages, events = run(ActionAnswerQuestion, tracker(text, **offer))
    assert slot(events, "answer_kind") == "start_triage" and slot(events, "triage_outcome") == outcome
    assert said(messages).startswith("Noted: you'd like ")


def test_a_wish_is_not_a_question_or_a_request(run):
    offer = dict(last_entry="13.2", offered="13.2", triage_commitment="13.2", triage_description="two weeks notice")
    _, events = run(ActionAnswerQuestion, tracker("we want to know how long they should have given us", **offer))
    assert slot(events, "triage_outcome") == "unset"


def test_a_length_corrected_after_the_offer_is_corrected_in_the_account_too(run):
    offer = dict(
        last_entry="13.2",
        offered="13.2",
        triage_commitment="13.2",
        triage_start="3 weeks",
        triage_description="they gave us 3 weeks notice that the grant ends",
    )
    messages, events = run(ActionAnswerQuestion, tracker("sorry, it was 2 weeks not 3 weeks", **offer))
    assert slot(events, "triage_start") == "2 weeks"
    assert slot(events, "triage_description") == "they gave us 2 weeks notice that the grant ends"


def test_an_answer_keeps_its_buttons_for_a_typed_choice_and_the_choice_shows_that_one(run):
    """The buttons under an answer are kept for the next message: "2" typed picks the second, as pressing it would."""
    messages, events = run(ActionAnswerQuestion, tracker("minimum notice in writing before a funding relationship ends"))
    offered = [b["payload"] for b in messages[0]["buttons"] if b["payload"].startswith("/show_entry")]
    kept = slot(events, "buttons")
    assert len(kept) == len(offered) >= 2 and all(f'"{e}"' in p for e, p in zip(kept, offered))
    messages, events = run(ActionAnswerQuestion, tracker("2", last_entry="13.2", buttons=kept))
    assert f"**Commitment {kept[1]}**" in messages[0]["text"] and slot(events, "last_entry") == kept[1]
    _, events = run(ActionAnswerQuestion, tracker("thanks", "thank", 0.95, last_entry="13.2", buttons=kept))
    assert slot(events, "buttons") is None  # kept for the next message only


def test_a_number_put_to_another_commitment_is_answered_with_the_one_described_and_says_so(run):
    messages, events = run(ActionAnswerQuestion, tracker("9.2 says they have to give feedback if our bid fails, right?"))
    text = said(messages)
    assert text.startswith("Commitment 9.2 is about something else") and "**Commitment 9.3**" in text
    assert slot(events, "last_entry") == "9.3"
    story = (
        "I'm a commissioner at the CCG. A charity we fund changed chief exec and lost its biggest funder and told us nothing"
        " for months. They've broken 12.7."
    )
    messages, events = run(ActionAnswerQuestion, tracker(story))
    text = said(messages)
    assert text.startswith("Commitment 12.7 is about something else") and "**Commitment 12.9**" in text
    assert slot(events, "offered") == "12.9"  # next steps offered for the one described
