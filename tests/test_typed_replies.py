"""Reading the short replies people type instead of pressing a button (compact/typed_replies.py)."""

from __future__ import annotations

import pytest

from compact.typed_replies import (
    raised_in_vain,
    asks_about_privacy,
    asks_to_act_for_us,
    account_in_letter_request,
    asks_for_letter,
    asks_plainer,
    asks_whats_next,
    is_unclear,
    means_first_step,
    asks_for_number,
    asks_for_summary,
    choice,
    confirms,
    describes_event,
    hedges,
    not_the_problem,
    points_to_it,
    reports_contact,
    reports_friend,
    side_said,
    tried,
    thanks_only,
    verdict,
)


@pytest.mark.parametrize(
    "text, options, picked",
    [
        ("the first one", 3, 0),
        ("1st", 2, 0),
        ("2nd one", 3, 1),
        ("number 3", 3, 2),
        ("the last one", 3, 2),
        ("it's the second", 2, 1),
        ("the third one", 2, None),
        ("first, and they never replied", 3, None),
        ("hello", 3, None),
        ("what does the second one mean?", 7, 1),
        ("and the fifth principle?", 7, 4),
        ("the second one said they would pay us within a month but it is now three months late", 3, None),
    ],
)
def test_picking_by_position(text, options, picked):
    assert choice(text, options) == picked


@pytest.mark.parametrize(
    "text, meant",
    [
        ("yes that's the one", True),
        ("yep that one", True),
        ("that's right", True),
        ("correct", True),
        ("yes", False),
        ("yes we emailed them", False),
        ("is that the one?", False),
        ("yes that one, they gave no reason at all", True),  # agreeing, then telling more
        ("yes, the timely payment one", True),  # named by what it is about
        ("we're the only one in the county", False),
        ("we asked them whether it was the one they meant, they said nothing", False),
        ("and for the first one, which number do i quote if they only offer us 12 months", False),  # asked after it
    ],
)
def test_agreeing_with_a_proposed_commitment_needs_a_pointer(text, meant):
    assert points_to_it(text) is meant
    assert confirms("yes") and not confirms("no")


@pytest.mark.parametrize(
    "text, side",
    [
        ("we're a small charity", "vcs"),
        ("were a small youth charity, council still havent paid", "vcs"),  # typed without the apostrophe
        ("I work for the county council", "statutory"),
        ("i'm from a domestic abuse charity", "vcs"),
        ("I'm in the nhs trust's engagement team", "statutory"),
        ("council", "statutory"),
        ("a charity", "vcs"),
        ("they cut our grant", "vcs"),
        ("a charity we fund broke the compact", "statutory"),
        ("our grants team said no", None),
        ("hello there", None),
        ("council contracts officer here. a charity signed our contract", "statutory"),
        ("hi, small food bank volunteer here", "vcs"),
        ("the council is here to help", None),
        ("we run a youth football club", "vcs"),
        ("our contract with a peer support charity finished in the spring", "statutory"),  # the charity is the other party
        ("our contract with the council ends", "vcs"),
        ("the county keeps asking us, the local CVS, to pay", "vcs"),
        ("I chair a small food bank charity", "vcs"),
        ("City council policy officer. A charity's response to our consultation was misleading", "statutory"),
        ("Community group trustee: the council cut our grant", "vcs"),
        ("The council refused.", None),
        ("Fire service community safety lead. We co-designed a scheme with a charity", "statutory"),
        ("I manage community partnerships at the fire and rescue service", "statutory"),  # not a "community" group
        ("I manage grants at a district council", "statutory"),
        ("Fire service here. Our partner charity put in a bid and now says it can't deliver", "statutory"),
        ("my team at the district council funds a festival run by a local trust", "statutory"),
        (
            "From the district council. We gave a debt advice charity six months' written notice that our funding would end",
            "statutory",
        ),
        ("We gave a family support charity written notice on 1 September", "statutory"),
        ("quick one from the CCG - if VCS reps sit on our partnership board do we have to cover their costs??", "statutory"),
        ("Our grant to a community transport scheme ends in March and they were told in writing", "statutory"),  # (tuning70)
        ("I'm at the LA. procurement told a charity on 1/3 that their grant ends 15/3", "statutory"),  # local authority
        ("I work in community engagement for derbyshire police. a group replied to our consultation", "statutory"),
        ("the consortium that won our contract can't say which charity is accountable", None),  # theirs to win: not ours
        ("a charity we support has refused to acknowledge our funding anywhere", "statutory"),  # the funder's credit
        ("PCC's office here. We only have six weeks for our plan consultation", "statutory"),
        ("Neighbourhood inspector here. A residents group keeps saying it speaks for the estate", "statutory"),
        ("A youth club we grant fund won't fill in the monitoring return", "statutory"),
        ("charity", "vcs"),
        ("Our force gives money to a prime contractor", "statutory"),
        ("what about us as the charity - what equality duties do we have?", "vcs"),
        ("me as a trustee, what do I need to know?", "vcs"),
        ("we're a charity and the council ended our use of the community centre", "vcs"),  # the next clause's actor
        ("we are a charity working with the council", "vcs"),
        ("we are a council-funded charity", "vcs"),
        ("I work for the council-run leisure service", "statutory"),
    ],
)
def test_the_side_people_say_or_give_away(text, side):
    assert side_said(text) == side


@pytest.mark.parametrize(
    "text, step",
    [
        ("not yet", "not_tried"),
        ("we haven't talked to them yet", "not_tried"),
        ("nah not spoken to anyone about it", "not_tried"),
        ("we emailed them twice, no reply", "unresolved"),
        ("yes but nothing changed", "unresolved"),
        ("emaild the manager no reply", "unresolved"),
        ("we tryed phoning the grants officer, got the same answer", "unresolved"),
        ("had three meetings with the commissioner, no improvement", "unresolved"),
        ("ok. spoke to the commissioner, she said policy is policy", "unresolved"),
        ("yes and it's sorted now", "resolved"),
        ("it's not resolved", "unresolved"),
        ("what is a critical friend?", None),
        ("not formally, just mentioned it at a meeting", "not_tried"),
        ("we had one meeting where they said it was already decided", "unresolved"),
        ("yes but no joy", "unresolved"),
        ("did that, nothing", "unresolved"),
        ("no notice", None),  # what went wrong, not what was tried
        ("we argued it in the clarification questions, they haven't budged", "unresolved"),
        ("we pushed back but they won't budge", "unresolved"),
        ("they argued we were late", None),  # what they did
        ("we held a meeting with all three last week, they're still arguing about it", "unresolved"),
        ("one of us asked the officer directly, she said rules are rules", "unresolved"),
        ("we've said it at every provider forum for a year", "unresolved"),
        ("we've had those meetings, as I said", "unresolved"),
        ("she said it was fine", None),  # what they said
        ("the interim manager just told us it was none of our business", "unresolved"),  # their brush-off (tuning65)
    ],
)
def test_what_was_tried(text, step):
    assert tried(text) == step


@pytest.mark.parametrize(
    "text, found",
    [
        ("I rang the grants team in March, they promised to call back and never did", "unresolved"),
        ("we haven't raised it with them yet", "not_tried"),
        ("how long should a consultation last?", None),
        ("they cut our grant with two weeks notice", None),
        ("didnt get the tender. asked the council for feedback 3 times, they wont give any", "unresolved"),
        ("they cut our grant. told us nothing", None),  # "told" after a full stop is what they did
        ("we've had a meeting with them about it but they keep saying the same thing", "unresolved"),
        ("they had a meeting without us", None),
        ("we're asked to sit on three council partnership boards and get nothing for it", None),  # asked of us
        ("we were told to sign it, then we emailed them twice with no reply", "unresolved"),
        ("got a one line email saying unsuccessful. asked twice for feedback, nothing.", "unresolved"),
        ("tender lost. asked why. nothing. 3 emails", "unresolved"),
        ("we lost the tender. 3 emails say we scored low", None),  # their emails
        ("our engagement lead phoned their coordinator, who said the public has a right to know", "unresolved"),
        ("we replied to the email asking why. got an auto-reply, that's all", "unresolved"),
        ("yes. two reminder letters (may and aug) plus a meeting, still nothing", "unresolved"),
        ("yes but no joy - the facilities manager says its not his call", "unresolved"),  # their answer (tuning64)
        ("the officer said it's not her call", "unresolved"),
        # the breach named to them, in a story (tuning70)
        ("Told the PCC's office that ending our contract on four weeks' notice broke the Compact. Nothing since.", "unresolved"),
        # someone else reaching us is how we heard, not raising it (tuning75)
        ("We only found out because a taxi firm rang us asking if we wanted to partner.", None),
        ("we rang them and they rang us back, nothing", "unresolved"),
        # a question put another way, not "no, not yet" (tuning86)
        ("no wait, what I actually need to know is whether they're allowed to fund a group that only serves one", None),
    ],
)
def test_contact_reported_in_a_longer_message(text, found):
    assert reports_contact(text) == found


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("what should I say to them?", True),
        ("can you write me an email?", True),
        ("email pls", True),
        ("draft it", True),
        ("can u do me a letter", True),
        ("whats the message then", True),
        ("wat do i say", True),
        ("what should I actually say to them?", True),
        ("can you put that in a letter", True),
        ("can you write to them for me", True),
        ("ok whats the message i send them", True),
        ("what should the email to them say?", True),
        ("what message do i send them", True),
        ("can we get the email", True),
        ("I'd like to send them something polite about it", True),
        ("can u write sumthing i can send them", True),  # text-speak
        ("ok rite sumthing i can send them pls", True),
        ("Thank you. Please draft the note.", True),
        ("email to the procurement officer covering both please", True),
        ("email to them?", True),
        ("k letter", True),
        ("we wrote a note to them last week", False),
        ("what number do I put in the email?", False),  # the number to quote
        ("did the council get our email?", False),
        ("what does the message mean", False),
        ("what is a letter of comfort", False),
        ("how long should a consultation last?", False),
        ("do we have to do the same for our own members who helped write it", False),  # what others did
        ("and a letter too", True),  # after the summary
        ("email to send pls", True),  # terse, at the critical friend step
        ("email it", True),  # at the date step (tuning69)
        ("did they email it", False),
        ("go on then, the letter", True),  # the letter promised earlier, asked for at a step (tuning62)
        ("email template please", True),  # the noun pair, asked for at step 2 (tuning64)
        ("can i just write it myself or should i ask the folk we help first?", False),  # writing their own response
        ("what should the email to the critical friend say", True),
        ("a letter as well please", True),
        ("the letter too was ignored", False),
        ("can they do that by email?", False),  # the means, not a message asked for
        ("do they have to give notice in a letter?", False),
    ],
)
def test_asking_for_the_message(text, wanted):
    assert asks_for_letter(text) is wanted


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("which number do I quote?", True),
        ("what's the number i should quote", True),
        ("which numbers that", True),
        ("is there a numbered commitment on that?", True),
        ("what would be the number to put in our letter", True),
        ("which no. do i quote for the first bit", True),  # "no." for "number"
        ("which commitment do i tell my manager", True),  # (tuning66)
        ("which commitment tells them to consult", False),
        ("which number do i stick in the email then", True),
        ("how many weeks?", False),
        ("no. we haven't quoted anything to them", False),
        ("emailed finance three times, got a reference number and nothing since", False),  # their ticket (tuning93)
        ("what reference do i quote?", True),
    ],
)
def test_asking_for_the_number(text, wanted):
    assert asks_for_number(text) is wanted


@pytest.mark.parametrize(
    "text, asked",
    [
        ("can you contact the council for us?", True),
        ("can you get the group together for us?", True),
        ("could you email them on our behalf?", True),
        ("can u ring them for me", True),
        ("can you tell me what 13.2 says?", False),  # information, not an act
        ("can you explain it for us?", False),
    ],
)
def test_the_bot_asked_to_act_for_the_user(text, asked):
    assert asks_to_act_for_us(text) is asked


def test_not_the_real_problem():
    assert (
        not_the_problem("actually that's not really the problem, it's more that they never assessed the impact")
        == "they never assessed the impact"
    )
    assert not_the_problem("no that's not it") == ""
    assert not_the_problem("we emailed them") is None
    # what the problem is, then said to be it
    assert not_the_problem("no its more the payment being held back thats the problem") == "the payment being held back"
    assert not_the_problem("its mainly how they scored the bids that is the real problem") == "how they scored the bids"
    assert not_the_problem("it's really the council that decides") is None
    told = "no we had plenty of notice, the problem is they never let us respond before deciding"
    assert not_the_problem(told) == "they never let us respond before deciding"  # what was found waved aside
    assert not_the_problem("we had plenty of notice") is None
    told = "no actually the agreement did cover that, the problem is they changed the monitoring forms halfway through"
    assert not_the_problem(told) == "they changed the monitoring forms halfway through"  # what was found was done (tuning67)
    assert not_the_problem("the agreement did cover that") is None
    assert not_the_problem("no its not really that, its more they decided it all") == "they decided it all"
    assert not_the_problem("actually the bigger thing for us is they only gave us 4 weeks notice") == (
        "they only gave us 4 weeks notice"
    )
    assert not_the_problem("the problem now is the council pays us late") == "the council pays us late"
    assert not_the_problem("go back - I think the bigger problem is they never said it was open") == "they never said it was open"
    assert not_the_problem("what I actually want to report is they decided late") == "they decided late"
    assert not_the_problem("the problem is they decided late") is None  # may just tell more
    # another number named as the one: the rest is read with it
    assert not_the_problem("no its more 3.4 really, they only did the online survey and never said why") == (
        "3.4 really, they only did the online survey and never said why"
    )
    # what was found was kept, and the real problem told after it
    assert not_the_problem(
        "no the notice was actually fine, we got four months. the real problem is they never let us put our side"
    ) == ("they never let us put our side")
    assert not_the_problem("actually the notice period was fine, it's more that they never asked us") == "they never asked us"


@pytest.mark.parametrize(
    "text, event",
    [
        ("they cut our grant with two weeks notice", True),
        ("we were never consulted", True),
        ("for the fifth year running derby city has given us a one year grant", True),
        ("how long should a consultation last?", False),
        ("are we expected to ask our members first?", False),
        ("I want to report a breach", False),
        ("The borough council opened its consultation on 2 May and it shut on 16 May", True),  # "the borough council"
        ("the decision only came a fortnight before we were due to start", True),
        ("told 3rd march, ends end of april. is that even allowed", True),  # "we were" left out
        ("they've come back with proposals without involving any of their members", True),  # (tuning68)
        ("has the time come to complain?", False),
        ("The police rewrote their referral policy without involving any of the VCS refuges.", True),  # (tuning70)
    ],
)
def test_telling_what_happened_versus_asking(text, event):
    assert describes_event(text) is event


@pytest.mark.parametrize(
    "text, meant",
    [
        ("can i have a summary of all this to take to our trustees", True),
        ("ok cheers, summary please", True),
        ("can you sum it all up for me", True),
        ("where are we up to?", True),
        ("can you summarise the shared principles?", False),
        ("give me a summary of section 12", False),
        ("what does 13.2 say", False),
    ],
)
def test_asking_for_a_summary(text, meant):
    assert asks_for_summary(text) is meant


def test_in_a_story_telling_them_is_an_event_not_raising_the_breach():
    story = "we were short staffed for a month and told them at the time, but nobody sat down with us"
    assert reports_contact(story, story=True) is None
    assert reports_contact("they cut the grant and we emailed them twice, no answer", story=True) == "unresolved"
    assert reports_contact("a group said it spoke for everyone, but when we asked it was three people", story=True) is None
    assert reports_contact("asked the council for feedback 3 times, they wont give any", story=True) == "unresolved"
    # asking for what the commitment is about is the story; asking for reasons or a meeting is raising it
    asked = "Asked for some in advance and got told no, it's policy."
    assert reports_contact(asked, story=True) is None and not raised_in_vain(asked)
    assert reports_contact("we asked them for a meeting, no reply", story=True) == "unresolved"
    assert reports_contact("yes but no joy - spoke to their CEO, she apologised but it's still up") == "unresolved"
    assert reports_contact("we gave the charity written notice in May that the grant would end", story=True) is None
    assert reports_contact("the county cut our grant, so we sent in a formal complaint, nothing back", story=True) == "unresolved"
    assert reports_contact("after we spoke to the local paper about the cuts, an officer rang our director", story=True) is None
    assert reports_contact("we went to the press and then emailed the council twice, no reply") == "unresolved"
    untold = "we sent a response and were never told what happened to it. emailed the officer twice, no reply"
    assert reports_contact(untold, story=True) == "unresolved"  # what they failed to do is not "not raised yet"


def test_someone_else_named_after_us_is_not_who_we_are():
    assert side_said("they never sat down with us, the commissioner has written to say it ends") is None
    assert side_said("the county keeps asking us, the local CVS, to pay for their events") == "vcs"


def test_both_sides_said_apart_the_last_one_is_who_is_asking():
    told = "I work for the council - that's my day job, but I'm asking as the residents' group secretary"
    assert side_said(told) == "vcs"
    assert side_said("I'm in the NHS trust's team") == "statutory"  # one phrase naming both: a public body's trust


@pytest.mark.parametrize(
    "text, asks",
    [
        ("can u write to the critical friend for me", True),
        ("email to the critical friend please", True),
        ("letter to the council", True),
        ("what if they write to the council for us", False),  # what someone else might do
        ("write to the council about consultations", False),
    ],
)
def test_asking_for_a_message_to_someone(text, asks):
    assert asks_for_letter(text) is asks


@pytest.mark.parametrize(
    "text, side",
    [
        ("Commissioning officer at the county. The charity lost its chief exec", "statutory"),
        ("Public health commissioner. We told the charity six months ago", "statutory"),
        ("Project officer at a small charity. The council cut our grant", "vcs"),
        ("Volunteer coordinator for a community group, the council never replied", "vcs"),
        ("contracts manager, NHS. Provider signed in Feb and now wants to renegotiate", "statutory"),
        ("Community safety officer, Derbyshire Constabulary. A charity we fund", "statutory"),
        ("Trustee, small befriending charity. The council stopped our grant", "vcs"),
        ("Manager, the council said no to our bid.", "vcs"),  # the council is who spoke, not the employer
        ("Community safety team at the borough council. A charity won't take part in our review", "statutory"),
        ("District council community team. We told a youth charity in writing", "statutory"),
        ("PCC commissioning team. A victim support charity hasn't sent a single report", "statutory"),
        ("I lead on the libraries consultation for the county. One forum sent in a response", "statutory"),
        ("I'm evaluating the end of our three-year transport pilot for the county.", "statutory"),
        ("The grant ran to August. The money arrived at the end of September.", "vcs"),  # the money reaching them
        ("We applied for a community grant and the form was forty pages", "vcs"),
    ],
)
def test_a_job_title_as_the_opening_says_the_side(text, side):
    assert side_said(text) == side


def test_a_story_told_of_several_parties_is_an_event():
    assert describes_event("Three charities bid jointly. Now each one says another is responsible.")


def test_bringing_it_up_counts_as_raising_it_only_when_done():
    assert reports_contact("we did bring it up at the review meeting, they said it's standard") == "unresolved"
    assert reports_contact("we might bring it up next week") is None


def test_the_request_a_story_is_about_is_not_raising_the_breach():
    story = "We asked the charity to co-design the new service with people who use it. They sent two managers."
    assert reports_contact(story, story=True) is None
    assert reports_contact("they cut our grant, we asked the council to reconsider, no reply", story=True) == "unresolved"


def test_the_complaints_procedure_and_the_critical_friend_reported_in_a_reply():
    assert tried("we've been through their complaints procedure and had the final response, nothing upheld") == "unresolved"
    assert reports_friend("then we got in touch with the critical friend, also no luck") == "unresolved"
    told = "we did all that, went to them directly, then the critical friend, who said they couldnt"
    assert reports_friend(told) == "unresolved"
    assert reports_friend("and then the critical friend?") is None  # asking what comes next
    assert reports_friend("then we went to the compact contact they gave us and still nothing") == "unresolved"
    told = "we raised it with the council and then with the compact critical friend, still no agreement"
    assert reports_friend(told) == "unresolved"
    # the steps named as things the dispute went through
    told = "our dispute has been through direct talks, their complaints process and a critical friend. nothing's resolved."
    assert reports_contact(told, story=True) == "unresolved" and reports_friend(told) == "unresolved"
    assert reports_contact("should we have direct talks first?") is None
    assert reports_contact("the council has a complaints procedure, do we have to use it?") is None


@pytest.mark.parametrize(
    "text, event",
    [
        ("the ccg's grant agreement doesn't even mention the compact", True),
        ("what if the funder doesnt pay on time", False),  # a question, typed without its question mark
        ("VCS provider has missed its monitoring returns", True),
        ("do charities have to give notice when ending a service", False),
        ("charities have to give notice when ending a service", False),
    ],
)
def test_accounts_and_questions_typed_without_a_question_mark(text, event):
    assert describes_event(text) is event


def test_asking_about_a_duty_is_not_telling_what_was_tried():
    assert reports_contact("do we have to do the same for the people we asked?") is None
    assert reports_contact("and us, should we be telling our own members what we sent in?") is None
    assert reports_contact("do they have to reply when we emailed them twice?") == "unresolved"
    assert asks_for_number("is that actually written down anywhere?")


def test_a_time_asked_about_in_its_own_sentence_is_not_telling_what_was_tried():
    """ "what about after we've sent our response in" (typed without "?", after saying who is asking) asks of a time: it
    started the triage at step 2 as if the response had been a complaint raised; a report beside a question still counts."""
    assert (
        reports_contact("sorry should have said we're a tiny CIC, 2 part time staff. what about after we've sent our response in")
        is None
    )
    assert reports_contact("what about once we've replied") is None
    assert reports_contact("we emailed twice. do we have to wait longer?") == "unresolved"


def test_finding_out_from_others_in_a_story_is_not_raising_it():
    told = "A forum rep told scrutiny all older people's groups oppose it. I've spoken to three of those groups, none were asked."
    assert reports_contact(told, story=True) is None
    assert reports_contact("we spoke to the commissioner twice, no reply", story=True) == "unresolved"


def test_the_local_cvs_raising_it_for_the_group_is_raising_it():
    told = "we found out after it had closed. Bolsover CVS already took it up with them and just got a shrug"
    assert reports_contact(told) == "unresolved"
    assert reports_contact("our chair has taken it up with the commissioner twice") == "unresolved"


def test_none_of_those_and_what_the_issue_is_instead():
    told = "none of those actually, the bigger issue is they switched from a grant to a tender and never told us why"
    assert not_the_problem(told) == "they switched from a grant to a tender and never told us why"
    assert not_the_problem("not really that one, the problem is they never agreed it") == "they never agreed it"
    assert not_the_problem("the problem is they never asked us") is None  # telling more, not correcting
    assert not_the_problem("nah not really. actually the real problem is they never asked us") == "they never asked us"


def test_being_told_is_not_raising_it_with_them():
    """ "told last wk on the 3rd": we were told (the dates), not we told them (step 1)."""
    assert reports_contact("told on the 3rd of nov, ends on the 10th") is None
    assert reports_contact("told them twice, nothing") == "unresolved"


def test_short_asks_for_the_number_and_corrections():
    assert asks_for_number("number to quote?")
    assert not_the_problem("no, more that they never let us respond first") == "they never let us respond first"


def test_nothing_resolved_is_not_resolved():
    assert tried("we went to the critical friend as well and still nothing's resolved") == "unresolved"
    assert tried("they agreed to meet but no change") == "unresolved"
    assert tried("I emailed the procurement officer and she said the timetable was fixed") == "unresolved"  # set, not mended
    assert tried("we emailed them and they fixed it") == "resolved"
    assert tried("yes it got sorted") == "resolved"


@pytest.mark.parametrize("text", ["nothing tried yet", "nothing done yet, we wanted advice first", "tried nothing so far"])
def test_nothing_tried_yet(text):
    assert tried(text) == "not_tried"


def test_an_ampersand_is_and():
    assert side_said("Derbyshire Fire & Rescue here. A charity we part-fund refused to credit us") == "statutory"


def test_more_ways_of_telling_what_happened_and_who_is_telling_it():
    from compact.typed_replies import asks_for_letter, describes_event, side_said

    assert describes_event("only found out about the grant round after it closed")  # the "we" left out
    assert describes_event("the councils consultation closed early")  # "councils" without its apostrophe
    assert describes_event("bid rejected no feedback")  # in note form, nobody named
    assert describes_event("cut funding no notice")  # the act first
    assert not describes_event("funding cuts and notice")  # a subject, not an act
    assert describes_event("counsil cut are funding no notise")  # misspelt
    assert reports_contact("we've offered them a meeting twice and they declined") == "unresolved"
    assert not describes_event("grant applications deadline")
    assert side_said("I'm a trustee of a carers' charity.") == "vcs"  # not "trust" in "trustee"
    assert side_said("I work for the county council") == "statutory"
    assert asks_for_letter("what do we tell them") and not asks_for_letter("what do we tell our members")


def test_asking_how_to_put_in_a_request_is_not_asking_for_the_message():
    from compact.typed_replies import asks_for_letter

    assert not asks_for_letter("How do I put in a Freedom of Information request?")
    assert asks_for_letter("what do we put in the email")


@pytest.mark.parametrize(
    "text, side",
    [
        ("I'm contracts lead at the hospital trust.", "statutory"),  # a job at a public body; a hospital trust is one
        ("I work at the hospital trust", "statutory"),
        ("I chair the district council's health and wellbeing partnership.", "statutory"),
        ("we're a charity that works with the council", "vcs"),  # the council named, but not who is speaking
    ],
)
def test_who_is_speaking_from_a_job_or_a_role(text, side):
    from compact.typed_replies import side_said

    assert side_said(text) == side


@pytest.mark.parametrize(
    "text, next_asked",
    [
        ("and after that, if nothing happens?", True),
        ("ok whats next if that doesnt work either", True),
        ("if nothing happens?", True),
        ("what if they dont reply", True),
        ("and if that gets nowhere?", True),
        ("and if talking to them gets nowhere?", True),
        ("what happened next was they cut it", False),  # telling, not asking
        ("if nothing happens by friday we'll complain", False),
        ("wots the full route after that", True),  # (tuning40)
        ("what is the full route for complaints in the council", False),
        ("And if that still goes nowhere, what's after that?", True),  # (tuning76)
        ("it still goes nowhere", False),  # telling
    ],
)
def test_asking_what_comes_after_the_step_on_screen(text, next_asked):
    assert asks_whats_next(text) is next_asked


@pytest.mark.parametrize(
    "text, unclear",
    [("eh?", True), ("?", True), ("what do you mean?", True), ("huh", True), ("i dont understand", True), ("pardon?", True)]
    + [("what would you like me to say?", True), ("so what do you want me to do now?", True), ("what am i meant to type", True)]
    + [("what", False), ("what about us?", False), ("ok", False), ("what is the compact?", False), ("no", False)]
    # what to say to the other side is the message, not a request to put it plainly
    + [("what do I say?", False), ("what would you like me to say to the council?", False)],
)
def test_a_reply_saying_only_that_it_was_not_understood(text, unclear):
    assert is_unclear(text) is unclear


def test_a_step_that_could_not_help_was_tried_in_vain_and_what_comes_after_it_is_asked_ahead():
    assert tried("i've already been to the critical friend and they couldn't help") == "unresolved"
    assert tried("nt yet") == "not_tried"  # phone typing
    assert asks_whats_next("and if they cant sort it who decides")
    assert not asks_whats_next("who decides the funding?")


def test_a_side_said_after_a_question_in_phone_typing():
    assert side_said("ok so which one is on us? were a charity") == "vcs"
    assert side_said("they were a charity once") is None


@pytest.mark.parametrize(
    "text, side",
    [
        ("quick one - do we have to pay grants in advance?", "statutory"),  # the payer
        ("can we pay the groups in arrears?", "statutory"),
        ("can we pay the grant back in instalments?", None),  # paying back: not the funder
        ("we have to pay for the hall", None),
        ("do we pay VAT on the grant", None),
    ],
)
def test_who_pays_the_grants_is_the_funder(text, side):
    assert side_said(text) == side


def test_what_they_never_did_is_not_what_we_have_not_tried():
    assert tried("they never told us what came of the consultation we spent ages answering") is None
    assert tried("we never told them") == "not_tried"
    assert asks_whats_next("and then?")


def test_if_they_ignore_me_asks_what_comes_next():
    assert asks_whats_next("and if they ignore me?")


def test_how_often_it_was_raised_and_where_it_got_to():
    assert tried("twice") == "unresolved"  # raised more than once, and still here
    assert tried("no joy either time") == "unresolved"  # not "no", not yet
    assert tried("we've already been through the critical friend too and it went nowhere") == "unresolved"
    assert reports_friend("we've already been through the critical friend too and it went nowhere. what's next") == "unresolved"
    assert asks_whats_next("and if they fob me off?")
    assert asks_whats_next("and if they just ignore me?")
    assert reports_contact("and after we've sent it?") is None  # a time asked about


def test_an_officer_opening_with_a_rank_and_a_team_says_the_side():
    assert side_said("Police inspector on the community safety partnership. A charity presented research") == "statutory"
    assert side_said("council officer on the housing team. a charity did not tell us") == "statutory"
    assert describes_event("county stoped funding r befriending scheme no notice no reason, emailed 3 times nothing")


def test_still_stuck_and_getting_nowhere_and_asking_for_what_to_send():
    assert tried("weve been through their complaints procedure and the critical friend, still stuck") == "unresolved"
    assert asks_whats_next("and if that gets us nowhere")
    assert asks_for_letter("can u draft what i send")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("that was really helpful", (True, "")),
        ("thanks, that helped a lot!", (True, "")),
        ("very useful, cheers", (True, "")),
        ("that's useful to know, but what about contracts?", (True, "what about contracts?")),
        ("this is what i needed", (True, "")),
        ("That didn't help", (False, "")),
        ("no that wasn't helpful at all", (False, "")),
        ("thats not what i asked, i meant contracts", (False, "i meant contracts")),
        ("that doesn't answer my question - what about the NHS?", (False, "what about the NHS?")),
        ("you didn't answer my question", (False, "")),
        ("not useful at all tbh", (False, "")),
        ("wrong answer", (False, "")),
        (
            "not what I asked - what about contracts, should they mention the compact?",
            (False, "what about contracts, should they mention the compact?"),
        ),
        ("perfect, that's exactly it", (True, "")),
        ("spot on", (True, "")),
        ("gr8 thats exactly what i needed", (True, "")),  # text-speak
        ("cheers that cleared it up", (True, "")),
        ("thanks v helpful", (True, "")),  # "v" for "very", as people type it
        ("thats cleared things up, what about contracts?", (True, "what about contracts?")),
        # asked, or about someone else, or a question of its own: not a verdict on the answer
        ("is that helpful?", None),
        ("that wasn't helpful?", None),
        ("it's not helpful that they cut us", None),
        ("they were not helpful", None),
        ("the council was useless", None),
        ("helpful to know the notice period for grants", None),
        ("ok", None),
    ],
)
def test_a_typed_verdict_on_the_last_answer_and_what_follows_it(text, expected):
    assert verdict(text) == expected


@pytest.mark.parametrize("text", ["no", "nope", "Nah.", "not really"])
def test_a_bare_no_is_a_verdict_only_when_the_answer_asked_nothing(text):
    assert verdict(text, nothing_asked=True) == (False, "")
    assert verdict(text) is None  # after an offer or a list, "no" answers that


def test_a_no_with_more_to_it_is_not_a_bare_verdict():
    assert verdict("no notice at all", nothing_asked=True) is None


@pytest.mark.parametrize(
    "text", ["gr8 ta", "great thanks", "spot on thanks", "ta very much", "brilliant, thank you!", "brill, cheers"]
)
def test_thanks_with_nothing_asked(text):
    assert thanks_only(text)


@pytest.mark.parametrize("text", ["thanks, what about contracts?", "thanks for nothing, what does 13.2 say", "ta-da"])
def test_thanks_with_more_to_it_is_not_only_thanks(text):
    assert not thanks_only(text)


@pytest.mark.parametrize(
    "text, told",
    [
        ("I'm drafting the consultation plan for changes to day services. How long should it run?", False),  # the noun
        ("the council changed our contract without asking", True),
        ("the changes they made to the tender cut us out", True),
    ],
)
def test_changes_as_a_noun_is_not_something_that_happened(text, told):
    assert describes_event(text) is told


@pytest.mark.parametrize(
    "text, account",
    [
        (
            "write me a letter to the council about them refusing to pay our volunteers' travel expenses under the contract",
            "Them refusing to pay our volunteers' travel expenses under the contract",
        ),
        ("can you draft an email to the commissioner about the 2 weeks notice we got", "The 2 weeks notice we got"),
        ("write me a letter", None),  # nothing told yet
        ("write a letter about it", None),
        ("they cut our grant, write me a letter", None),  # the account comes first: it is the description as typed
    ],
)
def test_what_a_request_for_a_letter_is_about(text, account):
    assert account_in_letter_request(text) == account


@pytest.mark.parametrize(
    "text, asked",
    [
        ("what data do you keep about me?", True),
        ("forget everything I said, delete this chat", True),
        ("who reads what I type here?", True),
        ("do you keep a record of what we say?", True),
        ("they weren't clear about the information needed", False),  # a story, not this conversation
        ("they want to remove our information from the website", False),
        ("who sees our information from the consultation", False),
        ("should the council keep our information confidential?", False),  # the Compact's 3.7
        ("how long should we keep grant records?", False),
    ],
)
def test_asks_about_privacy_means_this_conversation(text, asked):
    assert asks_about_privacy(text) is asked


def test_a_grant_to_a_named_kind_of_group_is_the_funders_voice():
    assert side_said("our grant to the advice centre finishes next March") == "statutory"
    assert side_said("our funding decisions wont be out till march") == "statutory"
    assert side_said("our grant ends next month") == "vcs"


@pytest.mark.parametrize(
    "text, meant",
    [
        ("we wrote to their contract manager and got nowhere", True),
        ("we emailed the grants officer again, nothing", True),
        ("yes we went to the critical friend, no luck", False),
        ("we've been through their complaints procedure as well and still nothing", True),  # (tuning89)
        ("their complaints procedure and then the critical friend, nothing", False),
    ],
)
def test_raising_it_with_their_people_again_is_the_first_step(text, meant):
    assert means_first_step(text) is meant


@pytest.mark.parametrize(
    "text, asked",
    [
        ("can you say that in plain english", True),
        ("in short?", True),
        ("Simpler please", True),
        ("could you put it more simply", True),
        ("tl;dr", True),
        ("what does that mean in plain english?", True),
        ("should consultations be in plain english?", False),
        ("what does that mean in practice?", False),
        ("in short, they cut our grant", False),
        # (tuning90)
        ("explain again in easy words please", True),
        ("please put that in very simple words so I can read it to them", True),
        ("shorter please, one or two sentences is enough", True),
        ("can you explain consultation in simple words", False),  # another subject
    ],
)
def test_asks_plainer_is_the_last_answer_again_in_fewer_or_plainer_words(text, asked):
    assert asks_plainer(text) is asked


@pytest.mark.parametrize(
    "text, side",
    [
        ("our ccg funding ends on 31 july", "vcs"),
        ("our council grant was cut", "vcs"),
        ("our county council funding programme is changing", None),
        ("our council funding team said no", None),
    ],
)
def test_our_funding_named_by_who_gives_it_is_the_funded_side(text, side):
    assert side_said(text) == side


@pytest.mark.parametrize(
    "text, unsure",
    [("not sure tbh", True), ("dunno", True), ("maybe?", True), ("i dont know", True), ("maybe the council?", False)],
)
def test_hedges_is_only_unsure(text, unsure):
    assert hedges(text) is unsure


@pytest.mark.parametrize(
    "text, asked",
    [
        ("can I get that as an email to send?", True),
        ("can i have that as a letter", True),
        ("did you get my email?", False),
        ("who exactly do i email at derby city council about the compact", False),  # whom to write to (tuning87)
        ("who do we email", False),
    ],
)
def test_that_asked_for_as_an_email_is_the_letter(text, asked):
    assert asks_for_letter(text) is asked


def test_who_is_right_is_asked_like_who_decides():
    from compact.typed_replies import asks_who_decides

    assert asks_who_decides("just tell me straight, who's in the right here, us or them?")  # (tuning94)
    assert asks_who_decides("who decides whether it was breached?")
    assert not asks_who_decides("who is the right person to contact?")
