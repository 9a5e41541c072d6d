"""The triage's rasa-sdk actions with inline trackers: one reader for every reply, side requests
served inside the form, control words left to the rules."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.triage import ActionTriageBack, ActionTriageStart, ActionTriageStop, ActionTriageSummary, ValidateTriageForm
from compact.triage import PROPOSED, SLOTS, STATE_SLOTS
from compact import turn_memo
from compact.wording import say
from scripts.servers import ROOT

DOMAIN = {
    "forms": {"triage_form": {"required_slots": list(SLOTS)}},
    "slots": {s: {"type": "text", "mappings": [{"type": "custom"}]} for s in (*SLOTS, *STATE_SLOTS)},
}


def form_tracker(
    text: str,
    requested: str | None,
    intent: str = "ask_compact",
    entities: list | None = None,
    after: str | None = None,
    handed_over: dict | None = None,
    **slots: str,
) -> Tracker:
    """A tracker as Rasa sends it to the form's actions: the user's message (then, for a start,
    the slots the answering action handed over this turn), then the form's event."""
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": message}]
    if after:  # something else ran before the form, this turn
        events.append({"event": "action", "name": after})
    events += [{"event": "slot", "name": k, "value": v} for k, v in (handed_over or {}).items()]
    events.append({"event": "action", "name": "triage_form"})
    values = {s: None for s in (*SLOTS, *STATE_SLOTS)} | {f"triage_{k}": v for k, v in slots.items()}
    values |= {"requested_slot": requested, **(handed_over or {})}
    return Tracker("test-user", values, message, events, False, None, {"name": "triage_form"}, "triage_form")


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, DOMAIN)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return dispatcher.messages, events


def said(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture
def validate(assistant):
    return ValidateTriageForm(assistant)


def test_no_users_words_stay_in_the_analyzer_after_a_triage_reply(validate, assistant):
    run(validate, form_tracker("The council gave us two weeks' notice that our grant is ending", "triage_description"))
    assert turn_memo.kept() == 0


def test_a_clear_description_fills_what_it_says_and_names_the_commitment(validate):
    text = "The council gave us two weeks' notice that our grant is ending"
    messages, events = run(validate, form_tracker(text, "triage_description"))
    for slot, value in (
        ("triage_description", text),
        ("triage_commitment", "13.2"),
        (PROPOSED, "13.2"),
        ("triage_start", "2 weeks"),
    ):
        assert SlotSet(slot, value) in events
    assert events[-1] == SlotSet("requested_slot", "triage_step1"), "the dates are not asked: the description had them"
    assert "This sounds like **Commitment 13.2**" in said(messages) and "2 weeks" in said(messages)


def test_a_button_value_fills_the_slot(validate):
    t = form_tracker(
        '/triage_answer{"triage_value": "13.2"}',
        "triage_commitment",
        "triage_answer",
        [{"entity": "triage_value", "value": "13.2"}],
        description="notice too short",
    )
    _, events = run(validate, t)
    assert SlotSet("triage_commitment", "13.2") in events and events[-1] == SlotSet("requested_slot", "triage_start")


def test_one_reply_can_answer_two_questions(validate):
    t = form_tracker(
        "the first one, and we haven't spoken to them about it yet",
        "triage_commitment",
        description="The council gave us two weeks' notice that our grant is ending and didn't say why",
    )
    _, events = run(validate, t)
    assert SlotSet("triage_step1", "not_tried") in events and any(e["name"] == "triage_commitment" and e["value"] for e in events)


def test_an_unreadable_date_is_asked_again_with_the_reason(validate):
    t = form_tracker("31 April 2026", "triage_start", description="d", commitment="13.2")
    messages, events = run(validate, t)
    assert SlotSet("triage_start", None) in events and "no 31 April" in said(messages)


@pytest.mark.parametrize(
    "text, intent",
    [("stop", "stop"), ("go back", "go_back"), ("start again", "start_over"), ('/show_entry{"entry_id": "4.8"}', "show_entry")],
)
def test_control_words_are_left_to_the_rules(validate, text, intent):
    _, events = run(validate, form_tracker(text, "triage_start", intent, description="d", commitment="13.2"))
    assert not [e for e in events if e["name"] != "requested_slot"]  # nothing filled: the form is rejected


def test_a_side_question_is_answered_and_the_same_question_comes_back(validate):
    messages, events = run(
        validate, form_tracker("how long should a consultation last?", "triage_start", description="d", commitment="13.2")
    )
    assert "**Commitment 3.6**" in said(messages) and say("triage.resume") in said(messages)
    assert SlotSet("triage_start", None) in events and events[-1] == SlotSet("requested_slot", "triage_start")


def test_a_new_subject_in_the_middle_is_answered_and_the_issue_waits_without_naming_it_again(validate, assistant):
    from actions.triage import AskTriageStep1

    text = "different issue now: our treasurer is standing down next month - do we need to tell the funder?"
    at_step = dict(description="they paid us late", side="vcs", commitment="11.2")
    messages, events = run(validate, form_tracker(text, "triage_step1", **at_step))
    assert "**Commitment 12.9**" in said(messages) and say("triage.waiting") in said(messages)
    assert "11.2" not in said(messages) and SlotSet("triage_step1", None) in events
    asked, _ = run(AskTriageStep1(assistant), form_tracker(text, "triage_step1", **at_step))
    assert asked == []  # the step's question (naming 11.2) is not asked again
    asked, _ = run(AskTriageStep1(assistant), form_tracker("who is that?", "triage_step1", **at_step))
    assert "Commitment 11.2" in said(asked)  # after any other side question it is


def test_who_decides_asked_at_a_step_is_told_the_compact_does_not_say(validate):
    text = "does the Compact say who decides whether it's actually a breach?"
    messages, _ = run(validate, form_tracker(text, "triage_step1", description="d", side="statutory", commitment="20.1"))
    assert say("triage.who_decides") in said(messages) and "Raise it directly" in said(messages)


def test_asked_for_a_person_at_a_step_it_gives_the_contacts_or_where_a_named_route_is_asked(validate):
    """ "Who can I talk to?" gets the contacts; "can I go to the ombudsman after that?", read as asking for a
    person too, gets where to ask instead: the Compact has its own route. Either way the question comes back."""
    at_step = dict(description="d", commitment="3.5", step1="unresolved")
    person = said(run(validate, form_tracker("who can I talk to?", "triage_step2", "human_handoff", **at_step))[0])
    assert "automated assistant" in person and say("triage.resume") in person
    ombudsman = form_tracker("can I go to the ombudsman after that?", "triage_step2", "human_handoff", **at_step)
    messages, events = run(validate, ombudsman)
    assert "Ombudsman" in said(messages) and "automated assistant" not in said(messages)
    assert say("triage.resume") in said(messages) and events[-1] == SlotSet("requested_slot", "triage_step2")


def test_asked_to_act_for_them_in_a_triage_it_says_it_cannot_and_the_question_comes_back(validate):
    at_step = dict(description="d", commitment="13.3", step1="unresolved", step2="unresolved")
    messages, events = run(validate, form_tracker("can you get the group together for us?", "triage_step3", **at_step))
    assert say("letter.not_for_you") in said(messages) and say("triage.resume") in said(messages)
    assert "Commitment 18.6" not in said(messages) and events[-1] == SlotSet("requested_slot", "triage_step3")


def test_a_side_question_about_the_other_side_is_read_against_the_commitment_at_stake(validate):
    text = "hold on, what does the compact say we should have done on our side?"
    messages, events = run(validate, form_tracker(text, "triage_step2", description="d", commitment="16.1", step1="unresolved"))
    assert "**Commitment 10.1**" in said(messages) and say("triage.resume") in said(messages)
    assert events[-1] == SlotSet("requested_slot", "triage_step2")


@pytest.mark.parametrize(
    "text, shown",
    [
        ("quick q - does that commitment say they have to explain if they're late?", "**Commitment 9.2**"),  # its wording
        ("quick q is there a 9.4 as well?", "There is no Commitment 9.4 in the draft"),  # a number it does not have
        ("does this even count as a breach?", "The Compact doesn't say who"),  # its wording, and who decides
    ],
)
def test_a_side_question_is_read_against_the_commitment_at_stake(validate, text, shown):
    messages, events = run(validate, form_tracker(text, "triage_step2", description="d", commitment="9.2", step1="unresolved"))
    assert shown in said(messages) and say("triage.resume") in said(messages)


def test_asking_for_the_message_or_the_number_is_served_in_the_form(validate):
    state = dict(description="they cut our grant with two weeks notice", commitment="13.2", start="2 weeks")
    messages, events = run(validate, form_tracker("what should I say to them?", "triage_step1", **state))
    assert (
        "Subject: Derby and Derbyshire Compact, Commitment 13.2" in said(messages)
        and messages[-1]["custom"]["type"] == "download"
    )
    assert SlotSet("triage_step1", None) in events
    messages, _ = run(validate, form_tracker("which number do I quote?", "triage_step1", **state))
    assert "Quote **Commitment 13.2**" in said(messages) and "On the other side" not in said(messages)


def test_asking_for_the_number_and_the_other_sides_gets_both(validate):
    state = dict(description="new outcome measures added after we signed", commitment="12.1")
    text = "which number do I quote, and is there a VCS one as well?"
    messages, _ = run(validate, form_tracker(text, "triage_step1", **state))
    assert "Quote **Commitment 12.1**" in said(messages) and "On the other side, **Commitment 12.7**" in said(messages)


def test_asking_for_the_message_before_a_commitment_is_picked_writes_it_about_the_best_candidate(validate):
    """The message is written now about the closest fit, proposed so the user can still name another."""
    description = "the county gave us one week's notice that our grant stops, and they never said why"
    best = validate.assistant.triage.candidates(description)[0].id
    messages, events = run(validate, form_tracker("email pls", "triage_commitment", description=description))
    assert SlotSet("triage_commitment", best) in events and SlotSet(PROPOSED, best) in events
    assert f"This sounds like **Commitment {best}**" in said(messages)
    assert f"Subject: Derby and Derbyshire Compact, Commitment {best}" in said(messages)
    messages, events = run(validate, form_tracker("email pls", "triage_step1", description=description, commitment="none"))
    assert "once we know which commitment" in said(messages) and not any(e.get("name") == "triage_commitment" for e in events)


def test_a_summary_is_given_at_any_step_and_the_question_comes_back(validate):
    state = dict(description="they cut our grant with two weeks notice", commitment="13.2", start="2 weeks")
    messages, events = run(validate, form_tracker("ok cheers, summary please", "triage_step1", intent="thank", **state))
    assert "**Your summary.**" in said(messages) and "Commitment 13.2" in said(messages) and "step 1 of 3" in said(messages)
    assert events[-1] == SlotSet("requested_slot", "triage_step1") and SlotSet("triage_step1", None) in events


def test_agreeing_with_the_proposed_commitment_is_not_an_answer_to_the_step(validate):
    t = form_tracker("yes that's the one", "triage_step1", description="d", commitment="10.4", proposed="10.4")
    messages, events = run(validate, t)
    assert SlotSet(PROPOSED, None) in events and SlotSet("triage_step1", "unresolved") not in events
    assert events[-1] == SlotSet("requested_slot", "triage_step1")
    assert "**Commitment 10.4** it is." in said(messages)
    t = form_tracker("yes", "triage_step2", description="d", commitment="15.2", proposed="15.2", step1="unresolved")
    messages, events = run(validate, t)  # just after the proposal, a bare "yes" agrees with it: step 2 is asked again
    assert SlotSet("triage_step2", "unresolved") not in events and "**Commitment 15.2** it is." in said(messages)


def test_a_long_answer_using_a_control_word_is_still_an_answer(validate):
    text = "they said stop all the funding from next month without telling us why"
    _, events = run(validate, form_tracker(text, "triage_description", "stop"))
    assert SlotSet("triage_description", text) in events


def test_coming_back_after_a_rule_does_not_reread_the_message(validate):
    t = form_tracker("/show_entry", "triage_start", after="action_show_entry", description="d", commitment="13.2")
    _, events = run(validate, t)
    assert events == [SlotSet("requested_slot", "triage_start")]


def test_start_keeps_what_was_handed_over_this_turn_and_forgets_earlier_answers(assistant):
    handed = {"triage_description": "they ended our grant with two weeks notice", "triage_commitment": "13.2"}
    t = form_tracker(
        "I want to report this", None, "report_breach", after="action_answer_question", handed_over=handed, step1="unresolved"
    )
    messages, events = run(ActionTriageStart(assistant), t)
    assert SlotSet("triage_step1", None) in events and not [e for e in events if e["name"] in handed]
    assert "only for this conversation" in said(messages) and "**Commitment 13.2**" in said(messages)


def test_start_again_forgets_everything_but_the_users_side(assistant):
    _, events = run(
        ActionTriageStart(assistant),
        form_tracker("start again", "triage_step1", "start_over", description="d", commitment="13.2", side="vcs"),
    )
    assert sorted(e["name"] for e in events) == ["requested_slot", "triage_commitment", "triage_description"]
    assert all(e["value"] is None for e in events)


def test_start_again_with_a_new_account_reads_it_as_the_opening_one(assistant):
    """ "start over - it's a different problem: …" begins again from the account it goes on to give."""
    text = "start over - it's a different problem. The council gave us two weeks' notice that our grant is ending"
    messages, events = run(
        ActionTriageStart(assistant),
        form_tracker(text, "triage_step1", "start_over", description="d", commitment="12.3", side="vcs"),
    )
    assert SlotSet("triage_description", "The council gave us two weeks' notice that our grant is ending") in events
    assert SlotSet("triage_commitment", "13.2") in events and "**Commitment 13.2**" in said(messages)


def test_back_and_stop(assistant):
    t = form_tracker("back", "triage_step1", "go_back", description="d", commitment="13.2", start="2 weeks")
    messages, events = run(ActionTriageBack(assistant), t)
    assert events[0] == SlotSet("triage_start", None) and "Going back" in said(messages)
    messages, events = run(ActionTriageStop(assistant), form_tracker("stop", None, "stop", description="d"))
    assert events == [SlotSet("triage_description", None)], "only what holds a value is emptied"
    assert "critical friend" not in said(messages) and "step" not in said(messages).lower()


def test_back_after_the_first_step_asks_it_again_and_keeps_the_dates(assistant):
    told = {"triage_description": "d", "triage_commitment": "3.6", "triage_start": "4 weeks"}
    t = form_tracker("back", "triage_step2", "go_back", handed_over=told, description="d", commitment="3.6", start="4 weeks")
    t.events.insert(-1, {"event": "slot", "name": "triage_step1", "value": "unresolved"})  # answered after the dates
    t.slots["triage_step1"] = "unresolved"
    _, events = run(ActionTriageBack(assistant), t)
    assert events[0] == SlotSet("triage_step1", None) and SlotSet("triage_start", None) not in events


def test_summary_sends_the_letter_and_a_download(assistant):
    t = form_tracker(
        "explanation", None, description="d", commitment="13.2", start="2 weeks", step1="not_tried", outcome="explanation"
    )
    messages, _ = run(ActionTriageSummary(assistant), t)
    assert "**Your summary.**" in messages[0]["text"] and "Subject:" in messages[1]["text"]
    download = messages[2]["custom"]
    assert download["type"] == "download" and download["filename"] == "compact-13.2-message.txt"
    assert download["content"] in messages[1]["text"]


def test_start_again_inside_a_longer_reply_starts_again(validate):
    t = form_tracker("hang on, start again, that's not the main thing", "triage_step1", description="d", commitment="11.2")
    messages, events = run(validate, t)
    assert SlotSet("triage_commitment", None) in events and SlotSet("triage_description", None) in events
    assert events[-1] == SlotSet("requested_slot", "triage_description") and "start again" in said(messages)


def test_a_side_question_in_a_triage_is_answered_without_asking_for_a_vote(validate):
    messages, _ = run(
        validate, form_tracker("how long should a consultation last?", "triage_start", description="d", commitment="13.2")
    )
    assert "**Commitment 3.6**" in said(messages) and all("feedback" not in m for m in messages)


def test_a_question_nlu_takes_for_are_you_a_bot_is_not_answered_as_one_unless_it_addresses_the_bot(validate):
    state = dict(description="the group can't account for the grant", commitment="16.5", side="statutory")
    t = form_tracker("does this actually count as a breach or am I being harsh?", "triage_step1", intent="bot_challenge", **state)
    messages, _ = run(validate, t)
    assert "doesn't say who decides" in said(messages) and "Commitment 16.5" in said(messages) and "bot" not in said(messages)
    messages, _ = run(validate, form_tracker("are you a bot?", "triage_step1", intent="bot_challenge", **state))
    assert messages[0].get("response") == "utter_iamabot"


def test_only_the_forms_validation_is_sent_the_domain():
    """Rasa sends the domain (8 KB of JSON) only to actions that ask for it (enable_selective_domain):
    the form's validation reads its required slots from it; without it no answer would be kept
    (tests/test_e2e_triage.py walks the form over HTTP)."""
    for endpoints in ("endpoints.yml", "endpoints.scale-out.yml"):
        assert yaml.safe_load((ROOT / "bot" / endpoints).read_text())["action_endpoint"]["enable_selective_domain"] is True
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    needing = {a for a in domain.user_actions if domain.does_custom_action_explicitly_need_domain(a)}
    assert needing == {"validate_triage_form"}
    assert ValidateTriageForm().domain_slots(domain.as_dict()) == list(SLOTS)


def test_asked_what_is_kept_during_the_triage_it_answers_and_the_question_comes_back(validate):
    state = dict(description="they cut our grant with two weeks notice", commitment="13.2", start="2 weeks")
    asked = form_tracker("do you store what I tell you?", "triage_step1", intent="capabilities", **state)
    messages, events = run(validate, asked)
    assert say("answer.privacy", keep_days="30").split(" It is")[0] in said(messages) and say("triage.resume") in said(messages)
    assert events[-1] == SlotSet("requested_slot", "triage_step1") and SlotSet("triage_step1", None) in events


@pytest.mark.parametrize(
    "text, asked, note",
    [
        ("what would you like me to say?", "triage_step1", "triage.unclear"),
        ("what can we do about it", "triage_end", "triage.what_to_do"),  # the steps are still to come
        ("what can we do about it", "triage_step1", "triage.what_to_do_at_steps"),  # they are being walked
        ("what can we do about it", "triage_outcome", "triage.what_to_do_at_steps"),
    ],
)
@pytest.mark.parametrize("intent", ["capabilities", "ask_compact"])
def test_asked_about_the_triage_at_a_question_it_is_asked_again_not_the_general_help(validate, intent, text, asked, note):
    state = dict(description="they cut our grant with two weeks notice", commitment="13.2", start="1 March 2026")
    if asked == "triage_outcome":
        state |= {"end": "15 March 2026"} | {f"step{n}": "unresolved" for n in (1, 2, 3)}
    elif asked == "triage_step1":
        state |= {"end": "15 March 2026"}
    messages, events = run(validate, form_tracker(text, asked, intent=intent, **state))
    assert said(messages) == say(note) and not [m for m in messages if m.get("response")]
    assert events[-1] == SlotSet("requested_slot", asked) and SlotSet(asked, None) in events


@pytest.mark.parametrize("intent", ["capabilities", "ask_compact"])
def test_a_short_form_asked_in_the_triage_is_spelt_out_whatever_nlu_calls_it(validate, intent):
    state = dict(description="they cut our grant with two weeks notice", commitment="13.2", start="1 March 2026")
    messages, events = run(validate, form_tracker("what does FOI stand for?", "triage_end", intent=intent, **state))
    assert "**FOI** stands for" in said(messages) and say("triage.resume") in said(messages)
    assert not [m for m in messages if m.get("response") == "utter_capabilities"]
    assert events[-1] == SlotSet("requested_slot", "triage_end") and SlotSet("triage_end", None) in events


def test_a_new_question_marked_as_separate_in_a_triage_is_answered_after_its_lead(validate):
    """ "separate question, …" at a step: the question after the lead is answered (it was declined whole), then the
    issue waits for "carry on"."""
    text = "separate question, what's the whole compact actually for"
    messages, events = run(validate, form_tracker(text, "triage_step2", description="d", commitment="11.2", step1="unresolved"))
    assert "What is the Compact?" in said(messages) and say("triage.waiting") in said(messages)
    assert events[-1] == SlotSet("requested_slot", "triage_step2")
