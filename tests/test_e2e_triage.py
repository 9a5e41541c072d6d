"""End to end: whole breach-triage conversations over REST against the running assistant."""
from __future__ import annotations

import json
import sqlite3
import uuid

from tests.rest_client import reply, say, text_of


def button(value: str) -> str:
    return f'/triage_answer{json.dumps({"triage_value": value})}'


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

    def report_short_notice(self) -> None:
        """The common opening: report, describe, choose 13.2; the bot then asks for the first date."""
        self.say("I want to report a breach")
        self.say("The council cut our grant with two weeks' notice")
        assert "When were you told, in writing" in self.say(button("13.2"))


def test_funding_ended_early_with_dates_to_a_letter(bot, knowledge):
    c = Conversation(bot)
    text = c.say("I want to report a breach")
    assert "only for this conversation" in text and "What happened?" in text
    text = c.say("The council told us our grant is ending and gave us two weeks' notice")
    assert "**Commitment 13.2**" in text and c.payloads[0] == button("13.2") and c.payloads[-1] == button("none")
    text = c.say(button("13.2"))
    assert knowledge.commitments["13.2"].text in text and "When were you told, in writing" in text
    assert "When does" in c.say("2 March 2026")
    text = c.say("16/03/2026")
    assert "notice given 2 March 2026, funding ends 16 March 2026: 2 weeks" in text and "2 June 2026" in text
    assert "Step 1 of 3" in text and "critical friend" not in text.lower()
    assert "what would you like to happen" in c.say("not yet")
    text = c.say(button("explanation"))
    assert "step 1 of 3, raise it directly" in text and "Subject: Derby and Derbyshire Compact, Commitment 13.2" in text
    assert c.custom and c.custom[0]["filename"] == "compact-13.2-message.txt" and "a written explanation" in c.custom[0]["content"]


def test_consultation_too_short_asks_the_side_then_checks_both_durations(bot):
    c = Conversation(bot)
    assert "What happened?" in c.say("how do I complain about a consultation")
    text = c.say("the consultation on the library closures only ran for three weeks")
    assert "Which side are you on?" in text and button("vcs") in c.payloads
    text = c.say(button("vcs"))
    assert "**Commitment 3.6**" in text and "Commitment 4.8" not in text  # 4.8 binds the VCS, not the consulting body
    c.say(button("3.6"))
    text = c.say("three weeks")
    assert "What you told me: consultation length of 3 weeks." in text and "Commitment 3.6" in text and "Commitment 4.8" in text
    assert "63 days" in text and "35 days" in text


def test_vcs_side_breach_resolved_at_step_one(bot):
    c = Conversation(bot)
    c.say("a charity we fund has broken the compact")
    text = c.say("they kept a serious financial crisis from us, their funder, until the service closed")
    assert "**Commitment 12.9**" in text and "voluntary and community sector" in text
    text = c.say(button("12.9"))
    assert "Step 1 of 3" in text and "When were you told" not in text  # 12.9 has no period to check
    text = c.say("yes, and it's sorted now")
    assert "resolved at step 1" in text and "Subject:" not in text and not c.custom


def test_unsure_which_commitment_tells_more_then_none_of_these(bot):
    c = Conversation(bot)
    c.say("something went wrong with our funding")
    c.say("it was all a bit of a mess")
    assert button("none") in c.payloads
    text = c.say("they paid us three months late and we had to use our reserves")
    assert "**Commitment 11.2**" in text
    text = c.say("none of these")
    assert "may be outside the Compact" in text and not c.custom


def test_cancel_midway_mentions_no_later_steps(bot):
    c = Conversation(bot)
    c.report_short_notice()
    text = c.say("cancel")
    assert "I've stopped" in text and "critical friend" not in text.lower() and "step" not in text.lower()
    assert "**Commitment 9.2**" in c.say("how far ahead should we hear about funding decisions before a project starts?")


def test_side_question_is_answered_then_the_triage_carries_on(bot):
    c = Conversation(bot)
    c.report_short_notice()
    text = c.say("how long should a consultation last?")
    assert "**Commitment 3.6**" in text and "Shall we carry on with your issue?" in text
    resumed = text.split("Shall we carry on")[1]
    assert "When were you told, in writing" in resumed and "The Compact says" not in resumed  # just the question again
    assert "When does" in c.say("1 March 2026")


def test_all_three_steps_are_walked_one_at_a_time(bot):
    c = Conversation(bot)
    c.say('/report_breach{"entry_id": "11.2"}')
    text = c.say("our grant payments arrive months late every quarter")
    assert "Step 1 of 3" in text and "Step 2" not in text
    text = c.say(button("unresolved"))
    assert "Step 2 of 3" in text and "does not name the critical friend yet" in text and "Step 3" not in text
    text = c.say("yes but nothing changed")
    assert "Step 3 of 3" in text and "small group of partners" in text
    c.say(button("unresolved"))
    text = c.say("the payments made on time from now on")
    assert "all 3 steps tried" in text and "Commitment 11.2" in text and "the payments made on time" in text


def test_resolved_at_step_one_from_the_button_under_an_answer(bot):
    c = Conversation(bot)
    c.say("how much notice must they give when ending funding?")
    start = next(p for p in c.payloads if p.startswith("/report_breach"))
    assert start == '/report_breach{"entry_id": "13.2"}'
    assert "What happened?" in c.say(start)
    text = c.say("Our contract was ended at short notice")
    assert "**Commitment 13.2**" in text and "When were you told" in text  # no need to choose again
    c.say("don't know")
    text = c.say(button("resolved"))
    assert "resolved at step 1" in text and not c.custom


def test_decision_dates_are_computed_against_nine_two(bot):
    c = Conversation(bot)
    c.say("I want to report a breach")
    c.say("We only heard the funding decision a week before the project was meant to start")
    text = c.say("9.2")
    assert "When were you told the funding decision?" in text
    c.say("25/03/2026")
    text = c.say("1 April 2026")
    assert "decision given 25 March 2026, expected start 1 April 2026: 1 week" in text
    assert "25 June 2026" in text and "\"when possible\"" in text


def test_start_again_clears_the_answers(bot):
    c = Conversation(bot)
    c.report_short_notice()
    text = c.say("start again")
    assert "What happened?" in text
    text = c.say("a charity we fund didn't tell us their manager had resigned")
    assert "**Commitment 12.9**" in text and "13.2" not in text


def test_back_changes_an_answer_and_bad_dates_are_asked_again(bot):
    c = Conversation(bot)
    c.say('/report_breach{"entry_id": "13.2"}')
    c.say("grant ended at short notice")
    text = c.say("31 April 2026")
    assert "There's no 31 April 2026" in text and "When were you told" in text
    c.say("1 March 2026")
    text = c.say("go back")
    assert "Going back a step" in text and "When were you told" in text
    assert "When does" in c.say("2 March 2026")


def test_legal_question_mid_way_gets_no_legal_advice_and_carries_on(bot):
    c = Conversation(bot)
    c.say('/report_breach{"entry_id": "13.2"}')
    c.say("grant ended at short notice")
    text = c.say("can we sue the council?")
    assert "legal advice" in text and "When were you told" in text


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

