"""End to end over REST, typed only (as most people use it): the breach triage reads whatever is
typed at each step, and answers are read in the context of the conversation. Buttons stay as
shortcuts: one test uses them."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid

from tests.rest_client import reply, say, text_of


def button(value: str) -> str:
    return f"/triage_answer{json.dumps({'triage_value': value})}"


class Conversation:
    """One user talking to the bot; remembers the last reply."""

    def __init__(self, bot) -> None:
        self.bot, self.sender = bot, f"triage-{uuid.uuid4().hex}"
        self.messages: list[dict] = []

    def say(self, text: str) -> str:
        self.messages = say(self.bot, text, self.sender)
        return self.text

    @property
    def text(self) -> str:
        return text_of(self.messages)

    @property
    def payloads(self) -> list[str]:
        return reply(self.messages)[1]

    @property
    def custom(self) -> list[dict]:
        return [m["custom"] for m in self.messages if "custom" in m]


# --- the triage, typed ---------------------------------------------------------------------------


def test_a_clear_story_names_the_commitment_and_goes_on_to_step_one(bot):
    c = Conversation(bot)
    text = c.say("the council cut our funding with two weeks notice, what can we do?")
    assert "This sounds like **Commitment 13.2**" in text and "Which commitment" not in text
    assert "2 weeks" in text and "Step 1 of 3" in text, "the length in the story is checked, not asked for"
    text = c.say("we haven't talked to them yet")
    assert "Raise it directly" in text and "what would you like to happen" in text.lower()
    assert "Which commitment" not in text and "Step 2" not in text


def test_dates_in_the_story_are_used_and_not_asked_again(bot):
    c = Conversation(bot)
    text = c.say("I want to report this: on 5 May 2026 the county told us our contract stops on 20 May 2026")
    assert "**Commitment 13.2**" in text and "notice given 5 May 2026, funding ends 20 May 2026: 2 weeks" in text
    assert "When were you told" not in text


def test_typed_replies_walk_the_steps_to_the_message(bot):
    c = Conversation(bot)
    c.say("I want to report a breach")
    text = c.say("the council paid our grant four months late and we had to use our reserves")
    assert "**Commitment 11.2**" in text
    text = c.say("we emailed the finance team twice, no reply")
    assert "Step 2 of 3" in text and "critical friend" in text
    text = c.say("not yet")
    assert "what would you like to happen" in text.lower()
    text = c.say("we'd like the late payments sorted and paid on time from now on")
    assert "Subject: Derby and Derbyshire Compact, Commitment 11.2" in text and "Dear [name]" in text
    assert c.custom and c.custom[0]["filename"] == "compact-11.2-message.txt"


def test_the_side_is_read_from_the_story_and_a_typed_side_is_accepted(bot):
    c = Conversation(bot)
    c.say("I want to report a breach")
    text = c.say("I'm at the county council. a charity we fund kept a serious financial crisis from us until the service closed")
    assert "Which side are you on" not in text and "**Commitment 12.9**" in text
    c = Conversation(bot)
    c.say("I want to report a breach")
    text = c.say("the consultation on the library closures only ran for three weeks")
    if "Which side are you on" in text:  # asked only when it decides whose commitment is at stake
        text = c.say("we're a small charity")
    assert "Commitment 3.6" in text and "Which side are you on" not in text


def test_picking_from_the_list_by_typing(bot):
    c = Conversation(bot)
    c.say("I want to report a breach")
    text = c.say("something went wrong with our funding and it was all a bit of a mess")
    assert "Which commitment" in text
    text = c.say("none of those, the council paid our grant four months late and we had to use our reserves")
    assert "**Commitment 11.2**" in text


def test_a_question_at_the_first_step_is_answered_not_taken_as_the_description(bot):
    c = Conversation(bot)
    assert "What happened?" in c.say("I want to report a breach")
    text = c.say("how long should a consultation last?")
    assert "**Commitment 3.6**" in text and "Shall we carry on" in text and "What happened?" in text


def test_asking_what_to_say_or_which_number_mid_triage(bot):
    c = Conversation(bot)
    c.say("the council cut our funding with two weeks notice, what can we do?")
    text = c.say("which number do I quote?")
    assert "Quote **Commitment 13.2**" in text and "Have you raised it directly" in text
    text = c.say("what should I say to them?")
    assert "Subject: Derby and Derbyshire Compact, Commitment 13.2" in text and "Have you raised it directly" in text


def test_not_the_real_problem_reruns_the_search(bot):
    c = Conversation(bot)
    c.say("the council cut our funding with two weeks notice, what can we do?")
    text = c.say("actually that's not really the problem, it's more that they never assessed the impact on the people we support")
    assert "Commitment 13.1" in text and "Commitment 13.2" not in text.split("Commitment 13.1")[0]


def test_stop_back_and_start_again_typed(bot):
    c = Conversation(bot)
    c.say("I want to report a breach")
    c.say("our grant ended at short notice")
    text = c.say("start again")
    assert "What happened?" in text
    c.say("the council cut our funding with two weeks notice")
    text = c.say("go back")
    assert "Going back a step" in text
    text = c.say("stop")
    assert "I've stopped" in text and "critical friend" not in text.lower()
    assert "**Commitment 9.2**" in c.say("how far ahead should we hear about funding decisions before a project starts?")


def test_legal_question_mid_way_gets_no_legal_advice_and_carries_on(bot):
    c = Conversation(bot)
    c.say("the council cut our funding with two weeks notice, what can we do?")
    text = c.say("can we sue the council?")
    assert "legal advice" in text and "Have you raised it directly" in text


def test_buttons_remain_shortcuts(bot):
    c = Conversation(bot)
    c.say("how much notice must they give when ending funding?")
    start = next(p for p in c.payloads if p.startswith("/report_breach"))
    text = c.say(start)
    assert "What happened?" in text and "walk through the steps" in text
    c.say("Our contract was ended at short notice")
    assert button("unknown") in c.payloads, "I don't know the dates"
    c.say(button("unknown"))
    assert button("resolved") in c.payloads
    text = c.say(button("resolved"))
    assert "resolved at step 1" in text and not c.custom


# --- answers in context ----------------------------------------------------------------------


def test_follow_ups_are_read_against_the_last_answer(bot):
    c = Conversation(bot)
    assert "**Commitment 13.2**" in c.say("how much notice must they give when ending funding?")
    assert "**Commitment 13.2**" in c.say("must they give reasons too?")
    assert "**Commitment 17.1**" in c.say("what about us?")
    c.say("how much notice must they give when ending funding?")
    assert "Quote **Commitment 13.2**" in c.say("which number do I quote?")


def test_several_commitments_and_earlier_answers_are_followed_typed(bot):
    c = Conversation(bot)
    text = c.say("whats 10.1 and 16.1 about")
    assert "**Commitment 10.1**" in text and "**Commitment 16.1**" in text
    assert c.say("whats the difference between those two").startswith("Side by side, **Commitment 10.1** and **Commitment 16.1**")
    assert c.say("ok so which one is on us? we're a charity").count("**Commitment 16.1**") >= 1
    c.say("do funders have to give feedback if our bid fails?")  # 9.3, after 16.1
    assert "**Commitment 16.1**" in c.say("go back to the previous one")
    assert "There is no Commitment 7.2 in the draft." in c.say("what's 7.2 then? the list goes from 7.1 to 7.3")


def test_a_clear_new_question_is_answered_on_its_own(bot):
    c = Conversation(bot)
    c.say("how much notice must they give when ending funding?")
    text = c.say("separately - how long should a formal consultation run for?")
    assert "**Commitment 3.6**" in text and "13.2" not in text


def test_what_if_they_dont_then_yes_starts_the_triage_knowing_the_commitment(bot):
    c = Conversation(bot)
    c.say("can we get paid in advance for a grant?")
    text = c.say("and what if they don't?")
    assert "What to do if things go wrong" in text and 'just say "yes"' in text
    text = c.say("yes please")
    assert "walk through the steps" in text and "Which commitment" not in text and "What happened?" in text
    text = c.say("they said no to paying anything up front even though we can't cover the costs ourselves")
    assert "Step 1 of 3" in text and "Which commitment" not in text


def test_a_complaint_as_a_statement_is_answered_and_ok_accepts_the_offer(bot):
    c = Conversation(bot)
    text = c.say("they told us on 2 March 2026 that our grant ends on 16 March 2026")
    assert "**Commitment 13.2**" in text and "2 weeks" in text and "what you've tried so far" in text
    text = c.say("ok")
    assert "Step 1 of 3" in text and "When were you told" not in text


def test_what_was_tried_after_a_plain_answer_leads_to_the_steps_and_the_message(bot):
    """The first message reads as a question and gets a plain answer; saying what was (not) tried
    shows it is a dispute about that answer, and asking for something to send gets the message."""
    c = Conversation(bot)
    text = c.say("how much notice should a funder give before funding ends?")
    assert "**Commitment 13.2**" in text
    text = c.say("we haven't raised it with them yet, wanted to check first")
    assert "Step 1 of 3" in text and "Which commitment" not in text
    text = c.say("can you draft something for me to send")
    assert "Subject:" in text and "Commitment 13.2" in text and "Dear" in text


def test_a_complaint_raised_already_goes_to_the_critical_friend(bot):
    c = Conversation(bot)
    text = c.say("didnt get the tender. asked the council for feedback 3 times, they wont give any. that against the compact?")
    assert "**Commitment 9.3**" in text and "Step 2 of 3" in text and "critical friend" in text
    assert "Step 1 of 3" not in text and "Which commitment" not in text


def test_a_length_told_after_the_notice_answer_is_checked(bot):
    c = Conversation(bot)
    assert "**Commitment 13.2**" in c.say("how much notice does a council have to give before ending a grant?")
    text = c.say("well our district council gave us 3 weeks. we run a summer play scheme")
    assert "3 weeks" in text and "Commitment 13.2" in text and "Which side" not in text
    text = c.say("haven't done anything about it yet")
    assert "Step 1 of 3" in text


def test_is_it_a_breach_gets_the_wording_the_dates_and_the_offer_which_survives_a_side_question(bot):
    c = Conversation(bot)
    text = c.say("NHS told us on 14 March 2026 we'd won the contract starting 1 April 2026 - no time to recruit any staff")
    assert "**Commitment 9.2**" in text and "what you've tried so far" in text
    text = c.say("is it actually a breach though, since we did get it?")
    assert "Whether it was a breach" in text and "Commitment 9.2" in text and "when possible" in text and "2 weeks" in text
    assert "what you've tried so far" in text
    assert "Step 1 of 3" not in c.say("is there a form for complaining?")  # a side question on the route
    text = c.say("we've not said anything, don't want to rock the boat")
    assert "Step 1 of 3" in text and "Commitment 9.2" in text


def test_a_question_with_dates_gets_what_they_show(bot):
    c = Conversation(bot)
    text = c.say("got a letter on 2 January 2026 saying our grant ends 30 June 2026. have we got a case about short notice?")
    assert "**Commitment 13.2**" in text and "that was met" in text and "what you've tried so far" not in text


def test_a_letter_asked_for_with_the_story_comes_at_once_and_the_steps_follow(bot):
    c = Conversation(bot)
    text = c.say("write me a letter to the council about them refusing to pay our volunteers' travel expenses under the contract")
    assert "Subject:" in text and "Commitment 8.2" in text and "What happened: Them refusing to pay" in text
    assert "write me a letter" not in text.split("Subject:")[1]  # the request is not what happened
    text = c.say("add that we raised it with the commissioner in May and heard nothing")
    assert "Step 2 of 3" in text and "Commitment 8.2" in text


def test_a_summary_asked_while_next_steps_are_on_offer(bot):
    c = Conversation(bot)
    c.say("The city council pulled the grant from our deaf people's group and nobody considered what happens to deaf people")
    assert "Dear" in c.say("not contacted them yet, what should I say")
    text = c.say("summary please")
    assert "Commitment 18.4" in text and "Commitment 3.5" not in text


def test_thanks_then_a_new_question_is_answered(bot):
    c = Conversation(bot)
    c.say("what is the compact for?")
    text = c.say("thanks. unrelated - is D2N2 part of this?")
    assert "D2N2" in text


# --- privacy and odd moments -------------------------------------------------------------------


def test_the_description_stays_in_the_tracker_only(bot):
    c = Conversation(bot)
    c.say("I want to report a breach")
    c.say("The council cut our grant with two weeks' notice")
    with sqlite3.connect(bot[1]) as db:
        rows = db.execute("select type_name, data from events where sender_id = ?", (c.sender,)).fetchall()
    slots = {json.loads(d)["name"]: json.loads(d)["value"] for t, d in rows if t == "slot"}
    assert slots["triage_description"] == "The council cut our grant with two weeks' notice"
    logs = "".join(p.read_text(errors="replace") for p in bot[0].log_dir.glob("*.log"))
    assert "two weeks' notice" not in logs


def test_a_button_from_a_finished_triage_is_handled_politely(bot):
    c = Conversation(bot)
    c.say('/report_breach{"entry_id": "12.9"}')
    c.say("a group we fund kept its money problems from us")
    c.say(button("resolved"))
    assert "lost track" in c.say(button("unresolved"))
    assert "**Commitment 13.2**" in c.say("how much notice before funding ends?")


def test_control_words_with_no_triage_running(bot):
    c = Conversation(bot)
    assert "no open question to go back to" in c.say("go back")
    assert "OK" in c.say("stop") or "No problem" in c.text


def test_the_offer_of_next_steps_can_be_turned_down_or_accepted_with_a_bye_looking_yes(bot):
    c = Conversation(bot)
    c.say("the council stopped our grant with a week's notice")
    text = c.say("actually stop, I need to speak to my manager first")
    assert "leave it there" in text and "Step 1" not in text and "Which side" not in text
    c = Conversation(bot)
    c.say("the council stopped our grant with a week's notice")
    text = c.say("ye")  # NLU may read it as "bye"
    assert "Step 1 of 3" in text and "Bye" not in text and "Goodbye" not in text
    assert "bye" in Conversation(bot).say("bye").lower()


def test_a_clarifying_question_is_answered_by_typing_which(bot):
    c = Conversation(bot)
    text = c.say("funding")
    listed = re.findall(r"^- \*\*Commitment (\d+\.\d+)\*\*", text, re.M)
    assert "one of these" in text and len(listed) >= 2
    text = c.say("the second one")
    assert f"**Commitment {listed[1]}**" in text and "one of these" not in text
