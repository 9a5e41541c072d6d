"""The breach-triage step machine: which question next, what answers mean, going back."""

from __future__ import annotations

import datetime
import pytest

from compact.triage import (
    COMMITMENT,
    DESCRIPTION,
    END,
    NONE,
    NOT_TRIED,
    OUTCOME,
    RESOLVED,
    SIDE,
    SLOTS,
    START,
    STATE_SLOTS,
    STEP_SLOTS,
    UNKNOWN,
    UNRESOLVED,
    Stage,
    is_control,
    is_question,
    outcome_note,
    corrected_account,
    told_after_restart,
    wish_stated,
)
from compact.wording import say
from tests.triage_state import TODAY, state


@pytest.fixture(scope="module")
def triage(assistant):
    return assistant.triage


@pytest.mark.parametrize(
    "description, expected",
    [
        ("The council gave us two weeks' notice that our grant is ending", "13.2"),
        ("A charity we fund hid a financial crisis from us until it was too late", "12.9"),
        ("We only heard the funding decision a week before the project was meant to start", "9.2"),
        ("the payments are always months late", "11.2"),
    ],
)
def test_descriptions_find_the_commitment_first(triage, description, expected):
    assert triage.candidates(description)[0].id == expected


def test_at_most_three_candidates_all_from_the_side_that_acted(triage):
    found = triage.candidates("The council didn't consult us before changing the policy")
    assert 1 <= len(found) <= 3 and {c.sector for c in found} == {"statutory"}


def test_side_is_asked_only_when_it_decides_whose_commitment(triage):
    vague = "the consultation on the library closures only ran for three weeks"
    assert triage.side_matters(vague)  # 3.6 (statutory) and 4.8 (VCS) both fit
    assert triage.required_slots(state(description=vague))[:3] == [DESCRIPTION, SIDE, COMMITMENT]
    assert [c.sector for c in triage.candidates(vague, "vcs")] == ["statutory"] * len(triage.candidates(vague, "vcs"))
    assert not triage.side_matters("The council gave us two weeks' notice that our grant is ending")
    assert SIDE not in triage.required_slots(state(description="The council gave us two weeks' notice"))


def test_the_side_is_filled_from_who_acted(triage):
    told = "the hospital trust wants monitoring returns every fortnight on a £2,000 grant for our hospital radio"
    assert triage.from_description(told, state(), TODAY)[SIDE] == "vcs"


def test_the_acting_sides_best_match_is_offered_even_when_weak(triage):
    # most of the words are the group's own ("hospital radio", "£2,000"): 12.3 falls below the bar, but is the
    # trust's best match
    told = "the hospital trust wants monitoring returns every fortnight on a £2,000 grant for our hospital radio"
    assert triage.candidates(told)[0].id == "12.3"


def test_who_acted_comes_from_the_description(triage):
    assert triage.breacher("Our charity was given two weeks' notice by the council") == "statutory"
    assert triage.breacher("a charity we fund didn't warn us") == "vcs"
    assert triage.breacher("as a commissioner, I think a provider ignored the compact") == "vcs"
    assert triage.breacher("something went wrong") is None
    # whose side the assistant is on is asked, not who acted (tuning94)
    told = "you're on the voluntary sector's side, right? the council wants a 40 page application for a £500 grant."
    assert triage.breacher(told) == "statutory"
    # the user's own body, described, did not act; "our local council" is where the user is (tuning87)
    told = "our counselling charity works in three county primary schools. the council's education team sent a letter"
    assert triage.breacher(told) == "statutory"
    assert triage.breacher("our local council cut the grant") == "statutory"
    # the user asks whether their own side broke it (tuning66)
    assert triage.breacher("I'm at the LA. procurement told a charity on 1/3 that their grant ends 15/3. are we in breach?") == (
        "statutory"
    )
    assert triage.breacher("we're a charity and we never told the council our treasurer left. have we breached it?") == "vcs"


def test_full_path_order_with_dates_and_three_steps(triage):
    s = state(description="notice cut short", commitment="13.2")
    assert triage.next_slot(s) == START
    s[START] = "2026-03-01"
    assert triage.next_slot(s) == END
    s[END] = "2026-03-15"
    assert triage.next_slot(s) == "triage_step1"
    s["triage_step1"] = UNRESOLVED
    assert triage.next_slot(s) == "triage_step2"
    s["triage_step2"] = UNRESOLVED
    assert triage.next_slot(s) == "triage_step3"
    s["triage_step3"] = NOT_TRIED
    assert triage.next_slot(s) == OUTCOME
    s[OUTCOME] = "meeting"
    assert triage.next_slot(s) is None and triage.stage(s) == Stage(3)


def test_no_later_step_is_asked_before_the_earlier_one_fails(triage):
    s = state(description="x happened", commitment="12.9", step1=NOT_TRIED)
    assert "triage_step2" not in triage.required_slots(s) and triage.next_slot(s) == OUTCOME


def test_resolved_needs_no_outcome(triage):
    s = state(description="x happened", commitment="12.9", step1=RESOLVED)
    assert triage.next_slot(s) is None and triage.stage(s) == Stage(None, resolved_at=1)


def test_length_answer_skips_the_end_date_and_unknown_skips_the_check(triage):
    assert END not in triage.required_slots(state(description="d", commitment="3.6", start="3 weeks"))
    assert END not in triage.required_slots(state(description="d", commitment="3.6", start=UNKNOWN))
    assert triage.verdicts(state(description="d", commitment="3.6", start=UNKNOWN)) == []


def test_commitments_without_a_measure_skip_the_dates(triage):
    assert START not in triage.required_slots(state(description="d", commitment="12.9"))


def test_none_of_these_ends_without_steps(triage):
    s = state(description="d", commitment=NONE)
    assert triage.required_slots(s) == [DESCRIPTION, COMMITMENT] and triage.next_slot(s) is None


def test_consultation_length_is_checked_against_3_6_and_4_8(triage):
    verdicts = triage.verdicts(state(description="d", commitment="3.6", start="3 weeks"))
    assert [(c.id, v.status, v.shortfall_days) for c, v in verdicts] == [("3.6", "short", 63), ("4.8", "short", 35)]


def test_decision_before_start_is_checked_against_9_2(triage):
    verdicts = triage.verdicts(state(description="d", commitment="9.2", start="2026-03-25", end="2026-04-01"))
    assert [(c.id, v.status) for c, v in verdicts] == [("9.2", "short")]


def test_back_clears_the_last_answer_and_everything_after_it(triage):
    s = state(description="d", commitment="13.2", start="2026-03-01", end="2026-03-15", step1=NOT_TRIED)
    cleared = triage.back(s)
    assert cleared[0] == "triage_step1" and OUTCOME in cleared and END not in cleared
    s.update(dict.fromkeys(cleared))
    assert triage.back(s)[0] == END
    assert triage.back(state()) == []


def test_back_after_a_step_told_after_the_dates_goes_back_to_that_step(triage):
    """Dates told in the first message, then "we emailed them, no reply": the questions' order puts
    the dates after the steps now, but the step was the last answer."""
    s = state(description="d", commitment="3.6", start="4 weeks", step1=UNRESOLVED)
    told = ["triage_description", "triage_commitment", "triage_start", "triage_step1"]
    cleared = triage.back(s, told)
    assert cleared[0] == "triage_step1" and START not in cleared and OUTCOME in cleared
    assert triage.back(s)[0] == START  # without the order they were told in: the questions' order


def test_raising_it_with_them_again_is_not_the_later_step(triage):
    s = state(description="d", commitment="15.2", side="statutory", step1=UNRESOLVED)
    again = triage.read("we also had a meeting with all three of them last week, got nowhere", s, TODAY)
    assert again.fills == {} and again.note  # step 2 (the critical friend) is asked again
    assert triage.read("went to the critical friend, no joy", s, TODAY).fills == {"triage_step2": UNRESOLVED}
    assert triage.read("yes, no luck", s, TODAY).fills == {"triage_step2": UNRESOLVED}


def test_once_it_was_raised_in_vain_the_steps_come_before_the_dates(triage):
    """Told what was tried already ("emailed them twice, no reply"): the critical friend next, then the dates."""
    s = state(description="d", commitment="13.2", step1=UNRESOLVED)
    assert triage.next_slot(s) == "triage_step2"
    s.update({"triage_step2": UNRESOLVED, "triage_step3": NOT_TRIED})
    assert triage.next_slot(s) == START
    s.update({START: "2026-03-01", END: "2026-03-15"})
    assert triage.next_slot(s) == OUTCOME and triage.back(s)[0] == END  # back: the last question asked
    assert triage.next_slot(state(description="d", commitment="13.2")) == START  # not yet told: the dates first


@pytest.mark.parametrize(
    "typed, value",
    [
        ("Yes, but it's not resolved", UNRESOLVED),
        ("yes but they ignored us", UNRESOLVED),
        ("we did, no reply", UNRESOLVED),
        ("yes", UNRESOLVED),
        ("it's sorted now", RESOLVED),
        ("yes and it was resolved", RESOLVED),
        ("not yet", NOT_TRIED),
        ("no", NOT_TRIED),
        ("haven't had the chance", NOT_TRIED),
        ("not_tried", NOT_TRIED),
        ("sorry, we did ring them - the grants officer just said budgets were late", UNRESOLVED),
    ],
)
def test_step_answers(triage, typed, value):
    assert triage.interpret("triage_step1", typed, state(), TODAY).value == value


def test_a_question_mid_way_is_a_side_question(triage):
    s = state(description="d", commitment="13.2")
    answer = triage.interpret(START, "how long should a consultation last?", s, TODAY)
    assert answer.aside and answer.value is None
    assert not triage.interpret(START, "the day after the meeting", s, TODAY).aside


def test_a_question_giving_a_length_at_a_step_is_asked_not_told(triage):
    """ "hang on isnt 8 weeks the minimum anyway" at step 1 asks; it does not say how long they had (tuning69)."""
    s = {**state(description="d", commitment="4.8", side="vcs", start="6 weeks"), "requested_slot": STEP_SLOTS[0]}
    reading = triage.read("hang on isnt 8 weeks the minimum anyway", s, TODAY)
    assert reading.aside and reading.fills == {}


def test_dates_are_read_and_checked_in_order(triage):
    s = state(description="d", commitment="13.2")
    assert triage.interpret(START, "1 March 2026", s, TODAY).value == "2026-03-01"
    assert triage.interpret(START, "two weeks", s, TODAY).value == "2 weeks"
    assert triage.interpret(START, "I don't know", s, TODAY).value == UNKNOWN
    future = triage.interpret(START, "5 January 2027", s, TODAY)  # notice is given in the past
    assert future.value is None and "future" in future.problem
    s[START] = "2026-03-01"
    before = triage.interpret(END, "15 February 2026", s, TODAY)
    assert before.value is None and "before 1 March 2026" in before.problem
    assert triage.interpret(END, "end of March 2026", s, TODAY).value == "2026-03-31"
    assert "day first" in triage.interpret(END, "03/13/2026", s, TODAY).problem


def test_commitment_answers(triage):
    assert triage.interpret(COMMITMENT, "13.2", state(), TODAY).value == "13.2"
    assert triage.interpret(COMMITMENT, "it's 9.2 I think", state(), TODAY).value == "9.2"
    assert triage.interpret(COMMITMENT, "none of these", state(), TODAY).value == NONE
    more = triage.interpret(COMMITMENT, "it was about the consultation being rushed", state(), TODAY)
    assert more.value is None and more.more
    assert triage.interpret(COMMITMENT, "99.9", state(), TODAY).value is None


def test_side_answers(triage):
    assert triage.interpret(SIDE, "We're a small charity", state(), TODAY).value == "vcs"
    assert triage.interpret(SIDE, "I work at the council", state(), TODAY).value == "statutory"
    assert triage.interpret(SIDE, "statutory", state(), TODAY).value == "statutory"
    assert triage.interpret(SIDE, "hmm", state(), TODAY).value is None


def test_descriptions_and_outcomes(triage):
    assert triage.interpret(DESCRIPTION, "👍", state(), TODAY).problem
    assert len(triage.interpret(DESCRIPTION, "word " * 500, state(), TODAY).value) == 1000
    assert triage.interpret(OUTCOME, "a meeting", state(), TODAY).value == "meeting"
    assert triage.interpret(OUTCOME, "an apology and the notice extended", state(), TODAY).value.startswith("an apology")


@pytest.mark.parametrize("who", ["we're a small charity", "btw we are a tiny community group", "I work for the county council"])
def test_saying_who_you_are_at_the_outcome_question_is_not_what_you_would_like(triage, who):
    assert triage.interpret(OUTCOME, who, state(), TODAY).problem == say("triage.again_outcome")
    wish = f"{who}, we'd like the decision looked at again"
    assert triage.interpret(OUTCOME, wish, state(), TODAY).value == wish


def test_is_question():
    assert is_question("how long should a consultation last?") and is_question("can we sue")
    assert not is_question("two weeks") and not is_question("yes but nothing changed")
    assert is_question("3 months before what exactly") and not is_question("we were told 3 months before")  # asked at its end
    # a question marked as a change of subject, at "what would you like to happen?": asked, not wished for
    assert is_question("different thing - how long should a formal consultation last")
    assert is_question("unrelated but does the compact say anything about funding for more than a year at a time")
    assert not is_question("unrelated but we also lost our hall")
    # "shouldn't they…" asks, typed with or without its apostrophe or mark; "wouldn't know" answers
    assert is_question("shouldnt they have told us before signing") and is_question("shouldn't that be 12 weeks")
    assert not is_question("wouldnt know") and not is_question("dont know")


def test_opening_words_that_name_who_acted_give_the_users_side(triage):
    assert triage.side_from("a charity we fund has broken the compact") == "statutory"
    assert triage.side_from("the council broke the Compact") == "vcs"
    assert triage.side_from("I want to report a breach") is None
    assert triage.breacher("they kept a crisis from their funder") is None  # "their funder" is not who acted
    # "us, their funder": the user says they are the funder, so those who kept it from them are the VCS
    assert triage.breacher("they kept a crisis from us, their funder") == "vcs"
    assert triage.side_from("the county keeps asking us, the local CVS, to pay for their events") == "vcs"
    # "the county's grants round" is the county acting, though a charity is named later
    assert (
        triage.breacher("nobody told us about the county's grants round, we heard from a friend at another charity")
        == "statutory"
    )


@pytest.mark.parametrize(
    "intent, text, control",
    [
        ("stop", "stop", True),
        ("stop", "never mind", True),
        ("stop", "don't know", False),
        ("stop", "they stopped our funding last month without any warning at all", False),
        ("go_back", "go back", True),
        ("go_back", "oops go back one", True),
        ("go_back", "rang their chair twice, no call back", False),
        ("go_back", "they never got back to us", False),
        ("go_back", "I emailed their chair last week, nothing back", False),
        ("go_back", "wot about reporting back", False),  # a subject: reporting back to the funder
        ("go_back", "take me back", True),
        ("start_over", "start again", True),
        ("ask_compact", "stop", False),
        # opening with the word and going on to give a reason: however long
        ("stop", "actually stop, I need to check with my line manager before going further", True),
        ("start_over", "sorry, start again, I described the whole thing wrong the first time", True),
        ("stop", "stop funding us was what they did and they never said why at all", False),
        ("stop", "cancel, why would they do that to a charity like ours without asking?", False),
    ],
)
def test_control_messages_need_both_the_intent_and_the_words(intent, text, control):
    assert is_control(intent, text) is control


def test_the_people_a_group_is_made_of_hint_the_side_when_nothing_else_says_it(triage):
    assert triage.side_from("health consultation - online survey only. our members have had strokes") == "vcs"
    assert triage.side_from("the budget went to our elected members last week") is None


def test_a_story_with_a_periods_dates_and_its_name_is_about_the_duty_measuring_it(triage):
    """Dates alone say a period; what the period was (a consultation, notice, a decision before the
    start) says which measured duty it is, whatever else the story's words suggest."""
    consultation = "the consultation opened on 1 June 2026 and shut on 6 July 2026, we couldn't get our members together"
    assert triage.periods_named(consultation) == {"3.6", "4.8"}  # both measure a consultation
    assert triage.ranked(consultation)[0][0].id == "3.6"  # 3.6 fits the story best
    assert triage.side_from(consultation) == "vcs"  # "our members": the consulted side, so 4.8 (its own) is not at stake
    assert triage.clear_choice(consultation, "vcs").id == "3.6"
    decision = "we run a youth club. the season starts on 1 August 2026 and we were only told yes on 18 July 2026"
    assert triage.periods_named(decision) == {"9.2"} and triage.clear_choice(decision).id == "9.2"
    assert triage.periods_named("the consultation was far too short") == set()  # no dates: no period given
    late = "our contract starts 1 April and the council only confirmed it on 20 March. staff were on redundancy notice"
    assert triage.periods_named(late) == {"9.2"}, "notice of redundancy is not notice of the funding ending"
    ending = "The county council told us on 12 January that our grant would end on 31 March."
    assert triage.periods_named(ending) == {"13.2"}, "'would end' names the funding's end as 'ends' does"
    tender = "the county advertised a tender on 1 November with a deadline of 11 November. Don't get me started on the portal"
    assert triage.periods_named(tender) == set(), "'get me started on' is an idiom, not a start date"
    assert (
        triage.periods_named("they emailed on 1 June 2026 and rang on 6 July 2026") == set()
    )  # a period, but of nothing measured


def test_saying_at_a_later_step_that_it_was_never_raised_with_them_goes_back_to_step_1(triage):
    s = state(description="d", commitment="4.4", step1=UNRESOLVED)
    reading = triage.read("not raised it with them yet", s, TODAY)
    assert reading.fills == {"triage_step1": NOT_TRIED}
    assert triage.read("not yet", s, TODAY).fills == {"triage_step2": NOT_TRIED}, "a plain 'not yet' answers the step asked"
    later = state(description="d", commitment="3.1", step1=UNRESOLVED, step2=UNRESOLVED)
    assert triage.read("we haven't done anything, we're scared it'll make things worse", later, TODAY).fills == {
        "triage_step1": NOT_TRIED,
        "triage_step2": None,
    }


def test_a_length_given_for_the_one_period_a_story_names_favours_its_duty(triage):
    """ "a consultation on closing two day centres … only open for four weeks": the consultation's length
    (3.6), not the closing of services (13.2)."""
    told = "the city council has launched a consultation on closing two day centres and it's only open for four weeks"
    assert triage.ranked(told)[0][0].id == "3.6"


def test_nothing_tried_yet_is_not_none_of_the_commitments(triage):
    s = state(description="they pulled our funding with no warning at all", commitment="13.2", proposed="13.2")
    assert triage.read("none yet", s, TODAY).fills == {"triage_step1": NOT_TRIED, "triage_proposed": None}


def test_both_dates_without_their_month_are_the_latest_such_days_and_one_alone_asks_for_it(triage):
    """ "told last wk on the 3rd, ends on the 10th" on 25 November is 3 to 10 November, shown back with the month
    in the dates' summary; "told on the 3rd" alone asks which month before anything else the reply says."""
    s = state(description="cncl stopped r funding no notice at all", commitment="13.2")
    reading = triage.read("told last wk on the 3rd, ends on the 10th", s, TODAY)
    assert (reading.fills[START], reading.fills[END]) == ("2026-11-03", "2026-11-10") and not reading.note
    reading = triage.read("they told us on the 3rd", s, TODAY)
    assert reading.fills == {} and reading.note and "month" in reading.note


def test_a_question_asked_for_the_outcome_is_a_side_question(triage):
    s = state(description="d", commitment="4.4", step1=NOT_TRIED)
    assert triage.read("is there anything about the figures they send being accurate?", s, TODAY).aside
    assert triage.read("could they look at it again?", s, TODAY).fills == {OUTCOME: "could they look at it again?"}


def test_a_short_reply_about_the_steps_keeps_the_description(triage):
    description = "the city council cut our refuge grant and nobody assessed what it means for the women using it"
    reading = triage.read("not raised it formally", state(description=description), TODAY)
    assert DESCRIPTION not in reading.fills and reading.fills.get("triage_step1") == NOT_TRIED


def test_what_was_tried_told_at_the_commitment_question_does_not_change_the_likeliest(triage):
    """ "it's a council decision", said of what estates replied, is not a story about funding decisions."""
    description = (
        "The county council has let us use an old clinic rent free for 11 years. Letter arrived 10 May saying we must be "
        "out by 31 May."
    )
    reading = triage.read("we wrote to estates, they just said it's a council decision", state(description=description), TODAY)
    assert DESCRIPTION not in reading.fills and reading.fills.get("triage_commitment") == "13.2"
    assert reading.fills.get("triage_step1") == UNRESOLVED


def test_what_the_user_says_about_raising_it_replaces_what_the_account_suggested(triage):
    s = state(description="we emailed them about the cut, no answer", step1=UNRESOLVED)
    assert triage.read("actually we've not spoken to them since", s, TODAY).fills == {"triage_step1": NOT_TRIED}


def test_a_storys_dates_without_a_year_are_the_past_ones_for_what_has_happened(triage):
    """In late November, "told on 2 March that it stops on 31 March" is this year's March, not next."""
    notice = triage.knowledge.measures["notice_before_end"]
    story = "the district council told us on 2 March that our grant stops on 31 March"
    assert triage.dates_from(story, notice, TODAY) == {START: "2026-03-02", END: "2026-03-31"}
    assert triage.dates_from("told on 2 March 2027 that it stops on 31 March 2027", notice, TODAY) == {}


def test_dates_of_what_was_tried_since_are_not_the_period(triage):
    """ "emailed us on 2 June to say our grant stops on 30 June. We emailed them on 5 June and 12 June": the notice ran
    2 to 30 June (in December, the nearest 2 June is next year's and 12 June this year's, which had made it 5-12 June)."""
    notice = triage.knowledge.measures["notice_before_end"]
    told = datetime.date(2026, 12, 7)
    story = (
        "The county council emailed us on 2 June to say our grant stops on 30 June, no reason given. "
        "We emailed the officer on 5 June and again on 12 June and got no reply."
    )
    assert triage.dates_from(story, notice, told) == {START: "2026-06-02", END: "2026-06-30"}
    ends_first = "our grant stops on 30 June 2026, they told us on 2 June 2026; we wrote on 5 June 2026 and 1 July 2026"
    assert triage.dates_from(ends_first, notice, told) == {START: "2026-06-02", END: "2026-06-30"}
    # no date marked as the end: the first and last, as before
    assert triage.dates_from("told 2 June 2026, wrote 5 June 2026, met 30 June 2026", notice, told) == {
        START: "2026-06-02",
        END: "2026-06-30",
    }


def test_a_told_date_and_a_length_make_the_period_from_that_day(triage):
    """ "told on 2 November that it stops in 6 weeks": notice from 2 November to six weeks later;
    a date still to come is the end, and the length alone is the period."""
    notice = triage.knowledge.measures["notice_before_end"]
    told = datetime.date(2026, 11, 30)
    story = "we were told on 2 November that our funding will stop in 6 weeks"
    assert triage.dates_from(story, notice, told) == {START: "2026-11-02", END: "2026-12-14"}
    consultation = triage.knowledge.measures["consultation_length"]
    opened = "the consultation opened on 20 November and only runs for 3 weeks"
    assert triage.dates_from(opened, consultation, told) == {START: "2026-11-20", END: "2026-12-11"}
    closed = "the consultation closed on 30 November after 4 weeks"  # the date it ended: the length before it
    assert triage.dates_from(closed, consultation, told) == {START: "2026-11-02", END: "2026-11-30"}
    decision = triage.knowledge.measures["decision_before_start"]  # "in 2 weeks" on its own: from today
    heard = "we heard on 1 October that the grant was approved, and the project starts in 2 weeks"
    assert triage.dates_from(heard, decision, told) == {START: "2026-10-01", END: "2026-12-14"}
    assert triage.dates_from("it ends on 31 January and we only got 6 weeks notice", notice, told) == {START: "6 weeks"}
    assert triage.dates_from("told on 2 November, six weeks or eight weeks to go", notice, told) == {}


def test_yes_to_a_list_of_candidates_goes_on_with_the_likeliest_proposed(triage):
    description = "the county keeps asking us to run consultation events and won't pay for the room hire or staff time"
    offered = triage.candidates(description, "vcs")
    assert len(offered) > 1
    fills = triage.read("yeah that's it", state(description=description, side="vcs"), TODAY).fills
    assert fills == {COMMITMENT: offered[0].id, "triage_proposed": offered[0].id}


def test_saying_what_was_tried_instead_of_picking_goes_on_with_the_likeliest(triage):
    description = "the county keeps asking us to run consultation events and won't pay for the room hire or staff time"
    best = triage.candidates(description, "vcs")[0].id
    reading = triage.read("not yet, i wanted to know where we stand first", state(description=description, side="vcs"), TODAY)
    assert reading.fills == {COMMITMENT: best, "triage_proposed": best, "triage_step1": NOT_TRIED}


def test_an_account_that_says_the_critical_friend_was_tried_starts_at_step_three(triage):
    account = "They paid our grant three months late. We raised it with them, then went to the critical friend, still not sorted."
    fills = triage.from_description(account, state(description=account), TODAY)
    assert (fills["triage_step1"], fills["triage_step2"]) == (UNRESOLVED, UNRESOLVED)
    account = "They paid our grant late. We raised it with them but haven't contacted the critical friend yet."
    fills = triage.from_description(account, state(description=account), TODAY)
    assert fills["triage_step1"] == UNRESOLVED and "triage_step2" not in fills


def test_a_wish_ending_an_account_answers_the_last_question(triage):
    account = "The CCG ended our contract over missed targets. We asked for a meeting, refused. We'd like the decision paused."
    assert triage.from_description(account, state(description=account), TODAY)[OUTCOME] == "the decision paused"
    alone = "We'd like the decision paused."  # (a wish alone is no account: read at the offer, context.py)
    assert OUTCOME not in triage.from_description(alone, state(description=alone), TODAY)
    asked = "They cut our grant with two weeks' notice. We want to know if that is allowed."
    assert OUTCOME not in triage.from_description(asked, state(description=asked), TODAY)


def test_the_number_to_quote_asked_before_the_commitment_is_settled_is_the_likeliest_proposed(triage):
    description = "the county keeps asking us to run consultation events and won't pay for the room hire or staff time"
    best = triage.candidates(description, "vcs")[0].id
    reading = triage.read("whats the number i should quote", state(description=description, side="vcs"), TODAY)
    assert reading.quote and reading.fills == {COMMITMENT: best, "triage_proposed": best}


def test_asked_which_of_two_numbers_to_quote_the_one_the_story_fits_is_proposed(triage):
    """ "is it 4.4 or 20.1, which would you quote?" chooses between those two, not the list's first."""
    description = "a forum's response said older people overwhelmingly oppose the changes; it was four people over coffee"
    for asked in ("is it 4.4 or 20.1, which would you quote?", "20.1 or 4.4 - which do I quote?"):
        reading = triage.read(asked, state(description=description, side="statutory"), TODAY)
        assert reading.quote and reading.fills[COMMITMENT] in ("4.4", "20.1")
    alone = triage.read("is it 20.1 or 6.2, which would you quote?", state(description=description), TODAY)
    assert alone.fills[COMMITMENT] in ("20.1", "6.2")


@pytest.mark.parametrize("closing", ["thanks", "ok thanks", "cheers", "thank you very much"])
def test_thanks_at_the_outcome_question_is_not_what_they_would_like(triage, closing):
    s = state(description="d", commitment="4.4", step1=NOT_TRIED)
    assert triage.read(closing, s, TODAY).fills == {}
    wish = "thanks, a meeting to talk it through"
    assert triage.read(wish, s, TODAY).fills == {OUTCOME: wish}


def test_a_storys_dates_are_read_whichever_comes_first(triage):
    """ "Our grant ends 30 June and they told us on 10 May" is 10 May to 30 June, seven weeks: not
    10 May next year, which had said the three months' notice was met."""
    notice = triage.knowledge.measures["notice_before_end"]
    story = "Our grant ends 30 June and they only told us on 10 May. What now?"
    assert triage.dates_from(story, notice, TODAY) == {START: "2026-05-10", END: "2026-06-30"}
    assert triage.dates_from("told us on 3rd feb our grant stops end of feb", notice, TODAY) == {
        START: "2026-02-03",
        END: "2026-02-28",
    }
    # no month at all: the last such days, which the dates' summary shows with the month for the user to correct
    told = datetime.date(2026, 12, 2)
    assert triage.dates_from("told us on 3rd ends 17th", notice, told) == {START: "2026-11-03", END: "2026-11-17"}


@pytest.mark.parametrize(
    "text",
    [
        "then what",
        "and after that?",
        "and if they cant help",
        "what if they dont reply?",
        "whats next",
        "ok so what now",
        "ok and if the critical friend can't fix it",
        "and if they cant sort it either?",
        "and if thats no use either?",
        "and then what if that doesnt help",
    ],
)
def test_asking_what_comes_next_at_a_step_shows_the_next_one(triage, assistant, text):
    s = state(description="payments are always late", side="vcs", commitment="11.2", step1=UNRESOLVED)
    reading = triage.read(text, s, TODAY)
    assert reading.ahead and not reading.fills
    assert "Step 3 of 3" in assistant.triage_replies.ahead(s)  # at step 2: the small group of partners
    last = state(description="payments are always late", side="vcs", commitment="11.2", step1=UNRESOLVED, step2=UNRESOLVED)
    assert "last step" in assistant.triage_replies.ahead(last)
    at_the_wish = state(description="payments are always late", side="vcs", commitment="11.2", step1=NOT_TRIED)
    assert triage.read(text, at_the_wish, TODAY).ahead  # "then what" is not what they would like to happen
    ahead = assistant.triage_replies.ahead(at_the_wish)  # at step 1: every step after it, so "and after that?" is answered
    assert ahead.index("Step 2 of 3") < ahead.index("Step 3 of 3") and "Step 1 of 3" not in ahead


def test_asked_which_commitment_a_reply_that_both_steps_were_tried_fills_both(triage):
    s = state(description="they ended our funding with no assessment of the impact", side="vcs")
    text = "weve been through their complaints procedure and the critical friend, still stuck"
    fills = triage.said_on_the_way(text, s, COMMITMENT, TODAY)
    assert (fills["triage_step1"], fills["triage_step2"]) == (UNRESOLVED, UNRESOLVED)


@pytest.mark.parametrize("text", ["carry on", "ok where were we", "back to my issue please"])
def test_going_back_to_the_issue_is_never_an_answer_even_to_the_last_question(triage, text):
    s = state(description="payments are always late", side="vcs", commitment="11.2", step1="not_tried")
    reading = triage.read(text, s, TODAY)  # at the last question (what they would like), any text could be a wish
    assert reading.fills == {} and reading.note == say("triage.back_to_commitment", id="11.2")
    assert triage.read(text, state(description="payments are always late"), TODAY).note == say("triage.back_to_it")


def test_a_reply_to_an_answers_offer_that_both_steps_were_tried_fills_both(triage):
    s = state(commitment="3.5")  # no question asked yet (requested None): what was tried, told straight after the answer
    text = "we emailed the libraries manager twice, no reply, then went to the critical friend and that's gone nowhere either"
    fills = triage.said_on_the_way(text, s, None, TODAY)
    assert (fills["triage_step1"], fills["triage_step2"]) == (UNRESOLVED, UNRESOLVED)


def test_a_step_reply_that_says_the_critical_friend_was_tried_too_fills_both(triage):
    s = state(description="payments are always late", side="vcs", commitment="11.2")
    fills = triage.read("yes and the critical friend didn't help either", s, TODAY).fills
    assert fills == {"triage_step1": UNRESOLVED, "triage_step2": UNRESOLVED}


@pytest.mark.parametrize(
    "text, question",
    [
        ("btw whats full cost recovery, someone at the CVS mentioned it", True),
        ("quick q, does the compact actually apply to the PCC? we're not a council", True),
        ("oh and what does vcs mean", True),
        ("also we emailed them", False),
        ("actually no we havent", False),
    ],
)
def test_a_side_question_after_a_lead_in_is_a_question(text, question):
    assert is_question(text) is question


def test_what_was_tried_told_at_the_last_question_is_not_what_they_want(triage):
    """At "what would you like to happen?" after "not yet": "raised it at the workshop, no change"
    says step 1 was tried (on to the critical friend), not the outcome wanted."""
    s = state(description="the charity sent managers, not service users", side="statutory", commitment="14.1", step1=NOT_TRIED)
    reading = triage.read("raised it at the last workshop, they said they'd sort it. That was 2 months ago.", s, TODAY)
    assert reading.fills == {"triage_step1": UNRESOLVED}
    assert triage.read("yes", s, TODAY).fills == {}  # a bare yes is no wish either
    assert triage.read("a meeting with them", s, TODAY).fills == {OUTCOME: "a meeting with them"}


def test_none_of_those_and_what_it_is_instead_after_a_proposal_searches_again(triage):
    """ "none of those. they only told us about the terms after we'd signed…" just after 10.2 was proposed:
    the new account is searched (10.1, the risks discussed before signing), not just the proposal dropped."""
    slots = state(description="the PCC has changed things on our grant", commitment="10.2", proposed="10.2", side="vcs")
    text = "none of those. they only told us about the payment by results terms after we'd signed, the risks were never discussed"
    fills = triage.read(text, slots, TODAY).fills
    assert fills[DESCRIPTION].startswith("they only told us") and fills[COMMITMENT] == "10.1"
    assert triage.read("none of those", slots, TODAY).fills[COMMITMENT] is None


def test_two_dates_given_later_replace_a_length_told_first(triage):
    known = state(description="derby city council just cut our grant, 2 weeks notice", commitment="13.2", start="2 weeks")
    fills = triage.said_on_the_way("they emailed on 3rd june saying it stops 17th june", known, "triage_step1", TODAY)
    assert fills["triage_start"].endswith("-06-03") and fills["triage_end"].endswith("-06-17")
    assert "triage_start" not in triage.said_on_the_way("it was 3 weeks in the end", known, "triage_step1", TODAY)


def test_the_length_in_the_account_is_read_once_the_commitment_is_settled(triage):
    told = "ccg gave us 2 wks to respond to a consultation on closing the minor injuries unit, is that allowed?"
    assert triage.read("yeah", state(description=told, side="vcs"), TODAY).fills["triage_start"] == "2 weeks"
    assert triage.read("3.6", state(description=told, side="vcs"), TODAY).fills["triage_start"] == "2 weeks"


def test_a_charity_sub_contracting_to_a_vcs_user_is_the_party_at_fault(triage):
    """One charity sub-contracting to another: the commitment at stake (15.3) binds the VCS, though
    a council or the PCC funds the contract at the top of the chain; the user is the VCS too."""
    story = (
        "we're a small lunch club, sub-contracted by a large charity on a council contract. they pay us late, "
        "pass all the risk down to us and never ask us before changing targets"
    )
    assert triage.breacher(story) == "vcs" and triage.side_from(story) == "vcs"
    assert triage.ranked(story, "vcs")[0][0].id == "15.3"
    # the user's own self-description ("we're a small charity") is not the other party
    assert triage.breacher("we're a small charity subcontracted by the county council, they pay late") == "statutory"
    # a commissioner telling of the lead charity's sub-contracting: the user is statutory, the breacher the VCS
    commissioner = "I commission the falls contract. The lead charity sub-contracted part of it and pays months late"
    assert triage.side_from(commissioner) == "statutory" and triage.breacher(commissioner) == "vcs"


def test_a_new_account_keeps_the_length_the_first_one_gave(triage):
    """ "none of those actually, the bigger issue is they never said why it was so short" after an account
    giving "2 wks": the length still holds for the commitment found again, and is not asked for."""
    told = "ccg gave us 2 wks to respond to a consultation on closing the minor injuries unit"
    slots = state(description=told, commitment="18.7", proposed="18.7", side="vcs")
    fills = triage.read("none of those actually, the bigger issue is they never said why it was so short", slots, TODAY).fills
    assert fills[COMMITMENT] == "3.6" and fills["triage_start"] == "2 weeks"


def test_nobody_looking_at_what_a_cut_means_for_users_is_the_impact_duty(triage):
    told = "High Peak BC stopped our funding and honestly nobody looked at what it would mean for the 60 kids who come"
    assert triage.ranked(told, "vcs")[0][0].id == "13.1"


def test_both_dates_given_at_the_first_date_question_are_both_taken(triage):
    known = state(description="council told us our grant ends end of month", commitment="13.2", side="vcs")
    fills = triage.read("got an email on 14 june saying it stops 30 june", known, TODAY).fills
    assert fills["triage_start"].endswith("-06-14") and fills["triage_end"].endswith("-06-30")


def test_asking_for_the_next_commitment_at_a_step_is_a_side_question(triage):
    at_outcome = state(description="grant ends in two weeks", commitment="13.2", side="vcs", step1=NOT_TRIED)
    assert triage.read("and the one after", at_outcome, TODAY).aside


@pytest.mark.parametrize(
    "text, told",
    [
        (
            "start over - there's actually a different problem. The lead charity ignores the Compact with its subcontractors",
            "The lead charity ignores the Compact with its subcontractors",
        ),
        (
            "sorry, start again: the council never consulted us on the new policy",
            "the council never consulted us on the new policy",
        ),
        ("start again please, I got it wrong", None),  # no account
        ("start again, i got the dates wrong", None),  # the user's own slip, not what happened
        ("start over - my mistake, I typed the wrong year", None),
        (
            "start again, the council gave us the wrong dates and the consultation closed early",
            "the council gave us the wrong dates and the consultation closed early",
        ),
        ("start again", None),
        (  # told as "the issue", whatever its verbs ("asked" alone tells nothing: "what is asked of us")
            "start again - actually my real issue is they asked us for more cost breakdown detail than the companies",
            "they asked us for more cost breakdown detail than the companies",
        ),
        ("start again, my real issue is the dates", None),  # too short to be an account
    ],
)
def test_the_account_told_after_start_again(text, told):
    assert told_after_restart(text) == told


def test_start_again_with_a_new_account_in_the_triage_reads_the_account(triage):
    slots = {s: None for s in (*SLOTS, *STATE_SLOTS)}
    slots.update({COMMITMENT: "15.2", SIDE: "vcs", DESCRIPTION: "consortium", STEP_SLOTS[0]: "not_tried"})
    text = "start over - a different problem. The council gave us two weeks' notice that our grant is ending"
    reading = triage.read(text, slots, TODAY)
    assert reading.fills[COMMITMENT] == "13.2" and reading.fills[STEP_SLOTS[0]] is None and SIDE not in reading.fills


def test_a_date_answer_may_give_both_dates_a_clause_each(triage):
    """At the first date question, "told friday, ends next friday" answers both (weekdays, which a
    description's dates leave out); one clause alone answers only the question asked."""
    s = state(commitment="13.2", side="vcs", description="grant ended no notice")
    assert triage.read("told friday, ends next friday", s, TODAY).fills == {START: "2026-11-20", END: "2026-11-27"}
    assert triage.read("told friday", s, TODAY).fills == {START: "2026-11-20"}


def test_more_of_the_account_asking_only_whether_it_is_right_is_not_a_side_question(triage):
    told_first = "our residents association got a city council grant, second half was meant to land in March"
    s = state(description=told_first, side="vcs")
    told = "it's now July and still nothing, we've been paying the suppliers out of the chair's own pocket. is that normal?"
    reading = triage.read(told, s, TODAY)
    assert not reading.aside and reading.fills[COMMITMENT] == "11.2"


@pytest.mark.parametrize(
    "held, text, fixed",
    [
        (dict(start="2026-06-03", end="2026-07-01"), "sorry it actually opened 13/6, not 3/6", {START: "2026-06-13"}),
        (dict(start="2026-06-03", end="2026-07-01"), "oops, closes 8 July not 1 July", {END: "2026-07-08"}),
        (dict(start="10 weeks"), "actually sorry it was 10 days not 10 weeks", {START: "10 days", END: None}),
        (dict(start="10 weeks"), "i meant six days not six weeks", None),  # six weeks was never said
        (dict(start="2 weeks"), "they gave us 2 weeks not 3 months", None),  # the complaint, not a correction
        (dict(start="10 weeks"), "sorry it was the county not the city", None),
        (dict(start="10 weeks"), "actually we haven't, not yet", None),
        # the month alone said to be wrong: the date held in it
        (
            dict(start="2026-08-20", end="2026-10-01"),
            "sorry I mean we heard on the 20th of June, not August",
            {START: "2026-06-20"},
        ),
        (dict(start="2026-08-20", end="2026-10-01"), "sorry I mean the 20th of June, not May", None),  # no date held in May
    ],
)
def test_a_date_or_length_said_again_correctly_replaces_the_one_held(triage, held, text, fixed):
    s = state(description="consultation too short", side="vcs", commitment="3.6", **held)
    assert triage.corrected(text, s, TODAY) == fixed
    if fixed:
        reading = triage.read(text, s, TODAY)
        assert reading.fills == fixed and reading.note


def test_naming_a_subject_none_of_the_candidates_covers_finds_the_one_that_does(triage):
    told = "borough council is changing how all youth services work, nobody asked any of the youth groups and now a tender is out"
    s = state(description=told, side="vcs")
    assert not any(c.id.startswith("3.") for c in triage.candidates(told, "vcs"))
    assert triage.read("the consultation one", s, TODAY).fills[COMMITMENT].startswith("3.")  # not the lone candidate
    assert triage.read("the first one", s, TODAY).fills[COMMITMENT] == "5.2"
    proposed = state(description="they cut our grant with 2 weeks notice", side="vcs", commitment="13.2", proposed="13.2")
    assert triage.read("the notice one", proposed, TODAY).fills == {"triage_proposed": None}  # the one proposed, agreed


def test_eh_at_a_step_asks_again(triage):
    s = state(description="payments are always late", side="vcs", commitment="11.2", step1=UNRESOLVED)
    reading = triage.read("eh?", s, TODAY)
    assert not reading.fills and reading.note and not reading.aside


def test_asking_what_if_that_fails_before_the_steps_shows_the_later_steps(triage, assistant):
    reading = triage.read("wot if that dont work", {}, TODAY)  # just after the route's outline, at "what happened?"
    assert reading.ahead and not reading.fills
    assert "Step 2 of 3" in assistant.triage_replies.ahead({})


def test_saying_at_the_dates_question_that_the_notice_is_not_the_problem_reruns_the_search(triage):
    """The length it gives ("we had 4 months notice") is why the notice was fine, not a correction of a date."""
    s = state(description="Council ended our contract for the day centre", commitment="13.2", proposed="13.2")
    text = (
        "no its not the notice, we had 4 months notice. the issue is they made the decision at cabinet without ever "
        "letting us put our side, we only heard afterwards"
    )
    assert triage.read(text, s, TODAY).fills.get("triage_commitment") == "13.3"


def test_dates_of_a_notice_told_after_a_commitment_with_no_figure_turn_to_the_notice_duty(triage):
    """18.4 sets no time; "told on 1 Sept it stops on 30 Sept" is a notice period, checked against 13.2's three months."""
    s = state(description="the council withdrew the grant for our service for deaf people", commitment="18.4", side="vcs")
    fills = triage.read("they told us on 1 Sept that it stops on 30 Sept as well", s, TODAY).fills
    assert fills["triage_commitment"] == "13.2" and fills["triage_start"] and fills["triage_end"]
    assert "deaf" in str(fills["triage_description"])  # the account kept
    assert not triage.read("we emailed them on 1 Sept and again on 30 Sept", s, TODAY).fills.get("triage_commitment")
    timed = state(description="they cut our grant", commitment="13.2", side="vcs")  # a commitment with a figure: the dates
    assert triage.read("they told us on 1 Sept that it stops on 30 Sept", timed, TODAY).fills.get("triage_commitment") is None


def test_a_length_told_after_a_commitment_with_no_figure_turns_to_the_duty_measuring_it(triage):
    """13.1 (discuss before deciding) sets no time; "4 weeks notice" at its first step is checked against 13.2,
    and a consultation "only open for 3 weeks" after 3.5 (feedback) against 3.6."""
    s = state(description="the council decided to end our funding without discussing it", commitment="13.1", side="vcs")
    fills = triage.read("they only gave us 4 weeks notice too", s, TODAY).fills
    assert (fills["triage_commitment"], fills["triage_start"]) == ("13.2", "4 weeks")
    assert "discussing" in str(fills["triage_description"])  # the account kept
    s = state(description="the council never told us how our responses were used", commitment="3.5", side="vcs")
    fills = triage.read("and the consultation was only open for 3 weeks", s, TODAY).fills
    assert (fills["triage_commitment"], fills["triage_start"]) == ("3.6", "3 weeks")
    for other in (  # a length told of something else: what was tried, and when
        "we emailed them 2 weeks ago",
        "we wrote back within a week but they said the decision is final",
        "emailed the consultation officer, 5 weeks ago, no reply",
        "i rang the consultation team in june and they said wait. thats 4 months ago",
    ):
        assert not triage.read(other, s, TODAY).fills.get("triage_commitment"), other


def test_another_problem_told_at_a_step_is_the_one_followed_now(triage):
    s = state(description="they cut our grant with four weeks notice", commitment="13.2", side="vcs", step1="unresolved")
    assert triage.read("also they never let us say anything b4 they decided", s, TODAY).fills.get("triage_commitment") == "13.3"
    assert "triage_commitment" not in triage.read("also we emailed them twice", s, TODAY).fills  # what was tried, at the step


@pytest.mark.parametrize(
    "text, asked",
    [
        ("anything on leftover money at the end", True),
        ("ok and whats on us before we sign", True),
        ("oh one more - is it fair for them to want their logo on our leaflets", True),
        ("before we sign a grant agreement what is supposed to be sorted out", True),
        ("before they told us what was happening we had spent it", False),  # what happened
        ("anything that stops it happening again", False),  # a wish
        ("ok we emailed them", False),
    ],
)
def test_questions_typed_without_their_mark_are_side_questions(text, asked):
    assert is_question(text) is asked


@pytest.mark.parametrize(
    "told",
    ["our council gave us 4 weeks to respond to a consultation", "our local council cut our grant", "our ccg won't pay us"],
)
def test_a_body_that_is_ours_only_as_where_we_are_acting_on_us_is_the_breacher(triage, told):
    assert triage.breacher(told) == "statutory"
    assert triage.breacher("a charity didn't respond to our council's consultation") == "vcs"


def test_raised_with_no_reply_yet_goes_on_saying_they_may_still_reply(triage):
    s = {**state(description="d", commitment="5.2"), "requested_slot": STEP_SLOTS[0]}
    for waiting in ("we emailed them last week but no reply yet", "rang them, not heard back yet"):
        reading = triage.read(waiting, s, TODAY)
        assert reading.fills == {"triage_step1": UNRESOLVED} and reading.note == say("triage.awaiting_reply"), waiting
    failed = triage.read("emailed them 5 weeks ago, no reply", s, TODAY)
    assert failed.fills == {"triage_step1": UNRESOLVED} and failed.note is None  # no "yet": it did not work
    assert triage.read("not yet", s, TODAY).fills == {"triage_step1": NOT_TRIED}


def test_what_the_user_wants_typed_at_a_step_is_kept_for_the_last_question(triage):
    """ "a meeting" typed while a step is asked: kept (and said so), the step asked again, the last question not asked."""
    s = {**state(description="d", commitment="3.5", step1=UNRESOLVED), "requested_slot": STEP_SLOTS[1]}
    reading = triage.read("a meeting", s, TODAY)
    assert reading.fills == {"triage_outcome": "meeting"}
    assert reading.note == say("triage.outcome_noted", outcome="a meeting to talk it through")
    assert "triage_outcome" not in triage.read("a meeting", {**s, "triage_outcome": "explanation"}, TODAY).fills  # said before
    assert triage.read("not yet", s, TODAY).fills == {STEP_SLOTS[1]: NOT_TRIED}


@pytest.mark.parametrize(
    "text, wish",
    [
        ("honestly we just want a meeting with them", "meeting"),
        ("we'd like a meeting with them tbh", "meeting"),
        ("we want them to reverse it", "them to reverse it"),
        ("we would like an apology.", "an apology"),
        ("we want to know what to do", None),
        ("we want the compact to cover us", None),
        ("they want a meeting with us", None),
    ],
)
def test_a_wish_said_before_it_is_asked(text, wish):
    assert wish_stated(text) == wish


def test_a_wish_kept_early_is_noted_in_the_buttons_words_or_as_typed():
    assert outcome_note("meeting") == say("triage.outcome_noted", outcome="a meeting to talk it through")
    assert outcome_note("them to reverse it") == say("triage.outcome_noted", outcome="them to reverse it")


def test_raised_since_at_the_last_question_goes_on_to_step_two(triage):
    slots = state(description="they added monthly reporting", side="vcs", commitment="12.1", step1=NOT_TRIED)
    assert triage.read("did that, they say its council policy now. next?", slots, TODAY).fills == {"triage_step1": UNRESOLVED}


def test_how_to_raise_it_asked_in_the_triage_is_the_message(triage):
    slots = state(description="they said we need a constitution", side="vcs", commitment="18.8", step1=NOT_TRIED)
    assert triage.read("how do i raise it with them nicely", slots, TODAY).letter


@pytest.mark.parametrize(
    "text, asks",
    [
        (
            "thanks. totally different thing - we want more deaf volunteers, is there anything in the compact about disability",
            True,
        ),
        ("btw we are a charity, does it apply", True),
        ("ok, we want them to pay, is that fair", False),  # a wish, with "ok" only before it
        ("thanks. we emailed them, no reply", False),
    ],
)
def test_a_question_after_a_different_thing_lead_may_follow_what_it_is_about(text, asks):
    assert is_question(text) is asks


def test_a_length_told_short_of_its_period_puts_that_duty_first(triage):
    told = (
        "we got 6 weeks to respond to the councils consultation, we've emailed the consultation team twice and heard nothing back"
    )
    assert triage.told_short(told) == {"3.6", "4.8"}
    assert triage.ranked(told, "vcs")[0][0].id == "3.6"
    assert triage.told_short("we got 14 weeks to respond to the consultation") == set()  # met: not what went wrong
    # (a length told of something else, or a notice that is not funding's)
    assert triage.length_told("we have 28 days to respond once the county says it's ending our funding") == set()
    assert triage.length_told("they gave us 10 days' notice of the consultation meeting") == set()


def test_a_corrected_date_or_length_replaces_the_one_in_the_account():
    told = "we only found out from an invoice dated 12 May."
    assert corrected_account(told, "Sorry, the invoice was dated 21 May, not 12 May.", TODAY) == (
        "we only found out from an invoice dated 21 May."
    )
    shorter = corrected_account("they gave us 3 weeks notice", "sorry, it was 2 weeks not 3 weeks", TODAY)
    assert shorter == "they gave us 2 weeks notice"
    assert corrected_account("they gave us 3 weeks notice", "sorry, it was 2 weeks not 3 months", TODAY) is None  # not in it
    assert corrected_account("told three months after", "sorry - it was six months after, not three", TODAY) is None  # "after"


def test_a_length_corrected_in_the_triage_is_corrected_in_the_account_too(triage):
    slots = state(description="they gave us 3 weeks notice", side="vcs", commitment="13.2", start="3 weeks")
    reading = triage.read("sorry, it was 2 weeks not 3 weeks", slots, TODAY)
    assert reading.fills.get(DESCRIPTION) == "they gave us 2 weeks notice"


def test_a_grant_not_renewed_is_ending_notice_not_a_decision_before_a_start(triage):
    told = "we got a letter from the district council in mid feb saying our grant wont be renewed from 1 april"
    assert triage.measures_named(told) == {"notice_before_end"}
    assert triage.ranked(told)[0][0].id == "13.2"


def test_a_group_the_user_speaks_for_is_not_the_party_that_acted(assistant):
    """ "my friend's charity … a council grant": the charity is on the user's side (a go-between); the council acted."""
    told = "my friend's charity just lost out on a council grant and nobody's told them why. are they entitled to know?"
    assert assistant.triage.breacher(told) == "statutory"
    assert assistant.triage.breacher("the charity we fund told us nothing for months") == "vcs"
    told = "a small group I volunteer with was given two weeks notice by the council that their grant ends"
    assert assistant.triage.breacher(told) == "statutory"  # spoken for, after it
    assert assistant.triage.breacher("a charity we support hasn't sent its monitoring returns") == "vcs"  # (its funder)
