"""The owners' insights report (compact/insights/): counts from synthetic conversations, the daily
rollup, masking, grouping, the page, and the route that serves it (bot/insights_channel.py)."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import uuid
from collections import Counter
from datetime import date
from types import SimpleNamespace

import pytest
import requests
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from compact.insights import metrics, rollup
from compact.insights.events import RESTARTED, Conversation, conversations_from, parse
from compact.insights.grouping import content_words, group
from compact.insights.masking import Masker, knowledge_masker
from compact.insights.metrics import (
    ACTIVE,
    ANSWERS,
    COMMENTED,
    CONVERSATIONS,
    LETTERS,
    MESSAGES,
    NOT_ANSWERED,
    REACHED,
    STOPPED,
    VOTES,
    analyse,
    daily,
)
from compact.insights.report import assemble, collect, funnel, render, total, votes
from compact.insights.store import StoreError, database_url
from compact.insights.suggest import Nearest
from compact.settings import SettingsError, from_environment

DAY = 86400.0
T0 = rollup.start_of(date(2026, 3, 2)) + 10 * 3600  # 10:00 UTC on a Monday


# --- building conversations from Rasa's own events -----------------------------------------------


def user(text: str, t: float, intent: str = "ask_compact", channel: str = "rest") -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.9}, input_channel=channel, timestamp=t)


def act(name: str, t: float) -> ActionExecuted:
    return ActionExecuted(name, timestamp=t)


def slot(name: str, value, t: float) -> SlotSet:
    return SlotSet(name, value, timestamp=t)


def said(t: float, custom: dict | None = None, utter: str | None = None) -> BotUttered:
    return BotUttered(
        "…", data={"custom": custom} if custom else {}, metadata={"utter_action": utter} if utter else {}, timestamp=t
    )


def answer(text: str, entry: str | None, t: float, kind: str = "answered", channel: str = "rest", choices=None) -> list[Event]:
    """A message answered by action_answer_question (the slots actions/answering.py sets)."""
    turn = [act("action_listen", t - 0.5), user(text, t, channel=channel), act("action_answer_question", t + 0.1), said(t + 0.1)]
    turn += [slot("answer_kind", kind, t + 0.1), slot("last_entry", entry, t + 0.1)]
    if choices:
        turn.append(slot("choices", choices, t + 0.1))
    return turn


def vote(entry: str, helpful: bool, t: float, comment: str | None = None) -> SlotSet:
    return slot("feedback", {"entry": entry, "helpful": helpful, **({"comment": comment} if comment else {})}, t)


def carried(t: float, slots: dict, restarted: bool = True, loop: str | None = None) -> list[Event]:
    """A new session with the state carried over (bot/bounded_sessions.py, or Rasa's own)."""
    events: list[Event] = [SessionStarted(metadata={"bounded_session": True} if restarted else {}, timestamp=t)]
    events += [slot(k, v, t) for k, v in slots.items()]
    events += [ActiveLoop(loop, timestamp=t)] if loop else []
    return events + [act("action_listen", t)]


def rows(sender: str, events: list[Event]) -> list[tuple]:
    """As Rasa's SQL tracker store stores them."""
    out = []
    for e in events:
        data = e.as_dict()
        intent = data.get("parse_data", {}).get("intent", {}).get("name") if e.type_name == "user" else None
        out.append((sender, e.type_name, e.timestamp, intent, data.get("name"), json.dumps(data)))
    return out


def conversation(sender: str, events: list[Event]) -> Conversation:
    return next(conversations_from(rows(sender, events)))


def ledger(events: list[Event], sender: str = "c1") -> Counter:
    """The conversation's counts over all days: (metric, key) -> count."""
    out: Counter = Counter()
    for entry in analyse(conversation(sender, events)).ledger:
        out[(entry.metric, entry.key)] += entry.delta
    return Counter({k: v for k, v in out.items() if v})


def triage_run(t: float, commitment: str = "11.2", side: str = "vcs", to: str = "drafted") -> list[Event]:
    """A triage run as data/rules_triage.yml and actions/triage.py make it, as far as ``to``."""
    events = [
        act("action_listen", t),
        user("I want to report a breach", t, intent="report_breach"),
        act("action_answer_question", t),
    ]
    events += [slot("answer_kind", "start_triage", t), act("action_triage_start", t), said(t), act("triage_form", t)]
    events += [ActiveLoop("triage_form", timestamp=t), slot("requested_slot", "triage_description", t), act("action_listen", t)]
    t += 10
    events += [user("the council paid our grant four months late", t), act("triage_form", t), said(t)]
    events += [slot("triage_description", "the council paid our grant late", t), slot("triage_side", side, t)]
    events += [slot("triage_commitment", commitment, t), slot("requested_slot", "triage_step1", t), act("action_listen", t)]
    if to == "commitment":
        return events
    t += 10
    if to == "stop":
        events += [user("stop", t, intent="stop"), act("action_deactivate_loop", t), ActiveLoop(None, timestamp=t)]
        events += [slot("requested_slot", None, t), act("action_triage_stop", t), said(t), slot("triage_commitment", None, t)]
        return events + [act("action_listen", t)]
    events += [user("we emailed them twice, no reply", t), act("triage_form", t), slot("triage_step1", "unresolved", t)]
    events += [slot("requested_slot", "triage_step2", t), said(t), act("action_listen", t)]
    t += 10
    events += [user("not yet", t), act("triage_form", t), slot("triage_step2", "not_tried", t)]
    events += [slot("requested_slot", "triage_outcome", t), said(t), act("action_listen", t)]
    t += 10
    events += [user("paid on time from now on", t), act("triage_form", t), slot("triage_outcome", "paid on time", t)]
    events += [slot("requested_slot", None, t), ActiveLoop(None, timestamp=t), act("action_triage_summary", t), said(t)]
    events += [said(t, custom={"type": "download", "filename": "compact-11.2-message.txt", "content": "…"})]
    return events + [slot("last_entry", commitment, t), act("action_listen", t)]


# --- the names the report reads are the ones the project uses -------------------------------------


def test_the_slot_action_and_metadata_names_match_the_project():
    from actions import answering, triage as triage_actions
    from bot import bounded_sessions
    from compact import triage

    assert metrics.ANSWER_KIND == answering.ANSWER_KIND and metrics.LAST_ENTRY == answering.LAST_ENTRY
    assert metrics.CHOICES == answering.CHOICES
    assert (metrics.COMMITMENT, metrics.SIDE, metrics.STEP_SLOTS) == (triage.COMMITMENT, triage.SIDE, triage.STEP_SLOTS)
    assert metrics.NO_COMMITMENT == triage.NONE and metrics.REQUESTED == triage_actions.REQUESTED
    assert set(metrics.ANSWERING) == {answering.ActionAnswerQuestion().name(), answering.ActionShowEntry().name()}
    names = {
        triage_actions.ActionTriageStart().name(),
        triage_actions.ActionTriageSummary().name(),
        triage_actions.ActionTriageStop().name(),
    }
    assert names == {metrics.TRIAGE_START, metrics.TRIAGE_SUMMARY, metrics.TRIAGE_STOP}
    assert RESTARTED == bounded_sessions.RESTARTED


def test_a_stored_row_reads_as_a_plain_record():
    (row,) = rows("s", [user("hello", T0, channel="widget")])
    e = parse(*row[1:])
    assert (e.kind, e.text, e.channel, e.name, e.timestamp) == ("user", "hello", "widget", "ask_compact", T0)
    (row,) = rows("s", [said(T0, custom={"type": "download"}, utter="utter_out_of_scope")])
    assert (parse(*row[1:]).custom, parse(*row[1:]).response) == ("download", "utter_out_of_scope")
    assert parse("slot", T0, None, "x", "not json").name == "x", "a row whose JSON is unreadable keeps its columns"


# --- counts from one conversation ---------------------------------------------------------------


def test_messages_answers_and_conversations_are_counted_once():
    events = answer("how long should a consultation last?", "3.6", T0) + answer("does it have to be in writing?", "3.6", T0 + 5)
    events += answer('/show_entry{"entry_id": "13.2"}', "13.2", T0 + 9)
    counts = ledger(events)
    assert counts[(CONVERSATIONS, "")] == 1 and counts[(ACTIVE, "")] == 1
    assert counts[(MESSAGES, "typed")] == 2 and counts[(MESSAGES, "button")] == 1
    assert counts[(ANSWERS, "3.6")] == 2 and counts[(ANSWERS, "13.2")] == 1


def test_a_new_session_carrying_the_state_over_counts_nothing_again():
    events = answer("how long should a consultation last?", "3.6", T0) + [vote("3.6", True, T0 + 3)]
    events += carried(T0 + 4, {"answer_kind": "answered", "last_entry": "3.6", "feedback": {"entry": "3.6", "helpful": False}})
    events += carried(T0 + 3700, {"last_entry": "3.6"}, restarted=False)
    counts = ledger(events)
    assert counts[(ANSWERS, "3.6")] == 1 and counts[(VOTES, "3.6|helpful")] == 1 and (VOTES, "3.6|not_helpful") not in counts


def test_a_conversation_active_on_two_days_starts_on_the_first():
    events = answer("what is the compact?", "what_is_compact", T0) + answer(
        "and the principles?", "principles_overview", T0 + DAY
    )
    by_day = daily([analyse(conversation("c1", events))])
    assert by_day[("2026-03-02", "rest", CONVERSATIONS, "")] == 1 and ("2026-03-03", "rest", CONVERSATIONS, "") not in by_day
    assert by_day[("2026-03-02", "rest", ACTIVE, "")] == by_day[("2026-03-03", "rest", ACTIVE, "")] == 1


def test_what_was_not_answered_and_why():
    events = answer("what's the weather tomorrow?", None, T0, kind="out_of_scope")
    events += answer("can we sue them?", None, T0 + 5, kind="legal")
    events += answer("bonjour", None, T0 + 6, kind="other_language")
    events += answer('/show_entry{"entry_id": "99.9"}', None, T0 + 7, kind="not_found")  # a stale button: no text to show
    events += answer("something about funding", None, T0 + 8, choices=["7.1", "9.1", "16.4"])
    events += answer("how long should a consultation last?", "3.6", T0 + 9)
    facts = analyse(conversation("c1", events))
    counts = ledger(events)
    assert {k: counts[(NOT_ANSWERED, k)] for k in ("out_of_scope", "legal", "other_language", "not_found", "clarifying")} == {
        "out_of_scope": 1,
        "legal": 1,
        "other_language": 1,
        "not_found": 1,
        "clarifying": 1,
    }
    listed = [(q.kind, q.text) for q in facts.questions]
    assert ("clarifying", "something about funding") in listed and ("answered", "how long should a consultation last?") in listed
    assert not any(text.startswith("/") for _, text in listed), "button payloads are not questions"


def test_a_reply_about_no_entry_is_a_decline_with_where_to_ask_unless_it_was_not_a_question():
    events = answer("how do I renew a parking permit?", None, T0)
    events += [
        act("action_listen", T0 + 4),
        UserUttered("who can I talk to?", intent={"name": "human_handoff"}, timestamp=T0 + 5),
    ]
    events += [
        act("action_answer_question", T0 + 5),
        said(T0 + 5),
        slot("answer_kind", "answered", T0 + 5),
        slot("last_entry", None, T0 + 5),
    ]
    events += [act("action_listen", T0 + 9), user("can we sue over late payment?", T0 + 10, intent="legal_advice")]
    events += [
        act("action_answer_question", T0 + 10),
        BotUttered("…", metadata={"feedback": {"entry": "11.2"}}, timestamp=T0 + 10),
    ]
    events += [slot("answer_kind", "answered", T0 + 10), slot("last_entry", None, T0 + 10)]
    counts = ledger(events)
    assert counts[(NOT_ANSWERED, "elsewhere")] == 1 and sum(n for (m, _), n in counts.items() if m == NOT_ANSWERED) == 1
    assert counts[(ANSWERS, "11.2")] == 1, "answered about the entry it can be voted on"


def test_a_side_question_declined_in_the_triage_counts_as_out_of_scope():
    events = triage_run(T0, to="commitment")
    t = T0 + 100
    events += [
        user("what's the weather like?", t),
        act("triage_form", t),
        said(t, utter="utter_out_of_scope"),
        said(t),
        act("action_listen", t),
    ]
    facts = analyse(conversation("c1", events))
    assert [(q.kind, q.text) for q in facts.questions if q.kind != "answered"] == [("out_of_scope", "what's the weather like?")]


def test_a_follow_up_about_the_same_entry_is_marked():
    events = answer("how long should a consultation last?", "3.6", T0) + answer("does that have to be in writing?", "3.6", T0 + 5)
    questions = analyse(conversation("c1", events)).questions
    assert [q.followup for q in questions] == [False, True]


# --- the triage funnel ----------------------------------------------------------------------------


def test_a_triage_taken_to_the_message_reaches_every_stage_it_passed():
    counts = ledger(triage_run(T0))
    reached = {k.split("|")[0]: n for (m, k), n in counts.items() if m == REACHED}
    assert reached == {"started": 1, "commitment": 1, "step1": 1, "step2": 1, "drafted": 1}
    assert all(k.endswith("|11.2|vcs") for (m, k) in counts if m == REACHED), "stages counted under the run's commitment and side"
    assert {k: n for (m, k), n in counts.items() if m == STOPPED} == {"drafted|finished|11.2|vcs": 1}
    assert counts[(LETTERS, "triage")] == 1 and counts[(ANSWERS, "11.2")] == 0, "the summary is not an answer"


def test_a_stopped_run_keeps_its_commitment_and_says_where_it_stopped():
    counts = ledger(triage_run(T0, commitment="13.2", side="statutory", to="stop"))
    assert {k: n for (m, k), n in counts.items() if m == STOPPED} == {"step1|stopped|13.2|statutory": 1}


def test_a_run_with_no_reply_is_left_and_a_new_visit_closes_it():
    events = triage_run(T0, to="commitment") + carried(T0 + 4000, {"triage_commitment": "11.2"}, restarted=False)
    events += answer("how long should a consultation last?", "3.6", T0 + 4010)
    events += [act("action_triage_start", T0 + 4011)]  # a second run: not "start again" within the first
    counts = ledger(events)
    assert counts[(REACHED, "started|11.2|vcs")] == 1 and counts[(REACHED, "started||")] == 1
    assert counts[(STOPPED, "step1|left|11.2|vcs")] == 1


def test_what_an_answer_hands_to_the_triage_counts_for_the_run_it_starts():
    t = T0
    events = [
        act("action_listen", t),
        user("the council cut our funding with two weeks notice", t),
        act("action_answer_question", t),
    ]
    events += [
        slot("answer_kind", "start_triage", t),
        slot("triage_commitment", "13.2", t),
        slot("triage_step1", "unresolved", t),
    ]
    events += [
        act("action_triage_start", t),
        said(t),
        act("triage_form", t),
        ActiveLoop("triage_form", timestamp=t),
        act("action_listen", t),
    ]
    reached = {k for (m, k) in ledger(events) if m == REACHED}
    assert reached == {"started|13.2|", "commitment|13.2|", "step1|13.2|"}


def test_start_again_within_a_run_is_the_same_run_and_back_keeps_the_commitment():
    events = triage_run(T0, to="commitment")
    t = T0 + 100
    events += [
        user("go back", t, intent="go_back"),
        act("action_triage_back", t),
        slot("triage_commitment", None, t),
        act("triage_form", t),
    ]
    events += [user("start again", t + 1, intent="start_over"), act("action_triage_start", t + 1), act("triage_form", t + 1)]
    counts = ledger(events)
    assert (
        counts[(REACHED, "started|11.2|vcs")] == 1
        and sum(n for (m, k), n in counts.items() if m == REACHED and k.startswith("started")) == 1
    )


def test_a_message_asked_for_after_an_answer_is_a_letter_outside_the_triage():
    events = answer("how much notice before funding ends?", "13.2", T0)
    events += [
        user("what should I write to them?", T0 + 5),
        act("action_answer_question", T0 + 5),
        said(T0 + 5, custom={"type": "download"}),
    ]
    counts = ledger(events)
    assert counts[(LETTERS, "answer")] == 1 and not any(m == REACHED for m, _ in counts)


# --- feedback ------------------------------------------------------------------------------------


def test_the_latest_vote_per_conversation_and_entry_counts():
    events = answer("how much notice before funding ends?", "13.2", T0) + answer(
        "how long should a consultation last?", "3.6", T0 + 5
    )
    events += [
        vote("13.2", True, T0 + 6),
        vote("13.2", False, T0 + 7),
        vote("13.2", False, T0 + 8, comment="it did not say who decides"),
    ]
    events += [vote("3.6", True, T0 + 9)]
    facts = analyse(conversation("c1", events))
    counts = ledger(events)
    assert {k: n for (m, k), n in counts.items() if m == VOTES} == {"13.2|not_helpful": 1, "3.6|helpful": 1}
    assert counts[(COMMENTED, "13.2")] == 1
    assert [(c.entry, c.helpful, c.text) for c in facts.comments] == [("13.2", False, "it did not say who decides")]
    other = ledger(answer("how much notice?", "13.2", T0) + [vote("13.2", False, T0 + 1)], sender="c2")
    assert other[(VOTES, "13.2|not_helpful")] == 1, "another conversation's vote counts too"


def test_a_vote_changed_the_next_day_moves_on_that_day_and_sums_to_the_latest():
    events = answer("how much notice before funding ends?", "13.2", T0) + [vote("13.2", True, T0 + 5)]
    events += [act("action_listen", T0 + DAY), vote("13.2", False, T0 + DAY)]
    by_day = daily([analyse(conversation("c1", events))])
    assert by_day[("2026-03-02", "rest", VOTES, "13.2|helpful")] == 1
    assert (
        by_day[("2026-03-03", "rest", VOTES, "13.2|helpful")] == -1
        and by_day[("2026-03-03", "rest", VOTES, "13.2|not_helpful")] == 1
    )
    assert votes(by_day)["13.2"] == Counter({"not_helpful": 1, "helpful": 0})


def test_a_malformed_vote_is_ignored():
    events = answer("how much notice?", "13.2", T0) + [
        slot("feedback", {"entry": "13.2"}, T0 + 1),
        slot("feedback", "yes", T0 + 2),
    ]
    assert not any(m == VOTES for m, _ in ledger(events))


# --- the daily rollup ---------------------------------------------------------------------------


def store(tmp_path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def save(s: SQLTrackerStore, sender: str, events: list[Event]) -> None:
    asyncio.run(s.save(DialogueStateTracker.from_events(sender, events)))


def history(s: SQLTrackerStore) -> None:
    """Conversations over six weeks: an old one (to expire), recent ones, one active today."""
    save(
        s,
        "old",
        answer("how much notice before funding ends?", "13.2", T0)
        + [vote("13.2", False, T0 + 5, comment="call me on 07700 900123")]
        + triage_run(T0 + 60),
    )
    save(s, "mid", answer("what's the weather in Derby?", None, T0 + 20 * DAY, kind="out_of_scope", channel="widget"))
    save(
        s,
        "recent",
        answer("how long should a consultation last?", "3.6", T0 + 39 * DAY, channel="teams")
        + [vote("3.6", True, T0 + 39 * DAY + 5)],
    )
    save(s, "today", answer("what is the compact?", "what_is_compact", T0 + 40 * DAY))


NOW = T0 + 40 * DAY + 3600  # 11:00 on day 40


def stored_rows(engine) -> list[tuple]:
    with engine.connect() as c:
        return sorted(tuple(r) for r in c.execute(sa.text("SELECT day, channel, metric, key, count FROM insights_daily")))


def test_each_complete_day_is_rolled_up_once(tmp_path):
    s = store(tmp_path)
    history(s)
    written = rollup.roll_up(s.engine, NOW)
    assert written[0] == date(2026, 3, 2) and written[-1] == date(2026, 4, 10) and len(written) == 40, "up to yesterday"
    before = stored_rows(s.engine)
    assert rollup.roll_up(s.engine, NOW) == [] and stored_rows(s.engine) == before, "idempotent"
    assert rollup.store(s.engine, date(2026, 3, 2), Counter()) is False, "a second writer of the same day changes nothing"
    assert stored_rows(s.engine) == before
    assert not any(day == "2026-04-11" for day, *_ in before), "today is not complete"
    assert all(isinstance(key, str) and "0770" not in key for *_, key, _ in before), "counts only, never text"


def test_figures_are_the_same_before_the_rollup_after_it_and_after_the_old_conversations_are_deleted(tmp_path):
    from bot.expiry import purge

    s = store(tmp_path)
    history(s)

    def figures() -> Counter:
        report = collect(s.engine, days=0, now=NOW, roll=False, masker=Masker())
        summed: Counter = Counter()
        for (_, _, m, k), n in report.counts.items():
            summed[(m, k)] += n
        return Counter({k: n for k, n in summed.items() if n})

    live = figures()
    assert live[(ANSWERS, "13.2")] == 1 and live[(VOTES, "13.2|not_helpful")] == 1 and live[(REACHED, "drafted|11.2|vcs")] == 1
    assert live[(CONVERSATIONS, "")] == 4
    rollup.roll_up(s.engine, NOW)
    assert figures() == live, "rolled-up days replace the live ones, never add to them"
    assert purge(s.engine, NOW - 30 * DAY) == 1
    assert figures() == live, "the deleted conversation's counts are still there"
    with s.engine.begin() as c:  # more today: counted live, today is not rolled up
        c.execute(
            sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('today', 'user', :t, :d)"),
            {"t": NOW + 60, "d": json.dumps(user("and the principles?", NOW + 60).as_dict())},
        )
    assert figures()[(MESSAGES, "typed")] == live[(MESSAGES, "typed")] + 1


def test_the_expiry_loop_rolls_up_before_it_deletes(tmp_path, monkeypatch):
    from bot.expiry import expire_forever

    s = store(tmp_path)
    old = time.time() - 40 * DAY
    save(s, "old", answer("how much notice before funding ends?", "13.2", old))
    config = from_environment({"COMPACT_KEEP_DAYS": "30", "COMPACT_EXPIRY_CHECK_SECONDS": "60"})
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=s)))

    def remaining() -> int:
        with s.engine.connect() as c:
            return int(c.execute(sa.text("SELECT COUNT(*) FROM events")).scalar())

    async def run_until_deleted() -> None:
        task = asyncio.ensure_future(expire_forever(app, config))
        for _ in range(200):
            await asyncio.sleep(0.05)
            if not remaining():
                break
        task.cancel()

    asyncio.run(run_until_deleted())
    assert remaining() == 0
    assert (metrics.day_of(old).isoformat(), "rest", ANSWERS, "13.2") in rollup.stored_counts(s.engine)


def test_a_failing_rollup_never_stops_the_deletion(tmp_path, monkeypatch, caplog):
    s = store(tmp_path)
    monkeypatch.setattr(rollup, "roll_up", lambda engine: 1 / 0)
    rollup.before_purge(s.engine)
    assert "insights rollup failed: ZeroDivisionError" in caplog.text


# --- masking ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def masker() -> Masker:
    return knowledge_masker()


@pytest.mark.parametrize(
    "text, hidden",
    [
        ("email me at jane.smith@example.org please", ["jane.smith@example.org"]),
        ("Contact: j_o'neil+compact@mail.derby.gov.uk", ["j_o'neil+compact@mail.derby.gov.uk"]),
        ("ring 07700 900123 or 07700900123", ["07700 900123", "07700900123", "900123"]),
        ("our office is on +44 (0)1332 123456", ["1332 123456", "123456"]),
        ("call (01629) 580 000 after 2", ["01629", "580 000"]),
        ("we are at DE1 2AB", ["DE1 2AB"]),
        ("postcode de221ab, near DE22", ["de221ab", "DE22"]),
        ("we live at 12 Acacia Avenue", ["Acacia"]),
        ("My name is Jane Smith", ["Jane", "Smith"]),
        ("my name is jane smith and I run a youth club", ["jane", "smith"]),
        ("Hi, I'm Priya, from a small charity", ["Priya"]),
        ("we spoke to Karen Whitworth in the grants team", ["Karen", "Whitworth"]),
        ("Mrs Patel said no, and cllr jones agreed", ["Patel", "jones"]),
        ("Jane Smith asked me to write", ["Jane", "Smith"]),
        ("thanks, Tom", ["Tom"]),
        ("see www.example.org/our-case", ["example.org"]),
        ("our reference is 4456 7781 22", ["4456"]),
    ],
)
def test_personal_data_is_masked(masker, text, hidden):
    masked = masker.mask(text)
    for secret in hidden:
        assert secret not in masked, (text, masked)
    assert "[" in masked


@pytest.mark.parametrize(
    "text",
    [
        "how long should a consultation last?",
        "Derby City Council ended our grant with two weeks notice",
        "what does 13.2 say about notice?",
        "The NHS and the CCG cut our contract on 3 March 2026",
        "I'm worried about our funding",
        "We miss the deadline every year",
    ],
)
def test_ordinary_questions_are_left_alone(masker, text):
    assert masker.mask(text) == text


# --- grouping --------------------------------------------------------------------------------------


def test_similar_questions_are_grouped_and_different_ones_are_not():
    texts = [
        "how do I get a parking permit?",
        "parking permits",
        "Parking permits?",
        "what's the weather in Derby tomorrow?",
        "weather forecast for derby",
        "can we sue the council?",
        "funding",
        "how much notice before funding ends?",
    ]
    groups = group(texts, lambda t: t)
    together = {frozenset(g.wordings) for g in groups}
    assert frozenset({"how do I get a parking permit?", "parking permits", "Parking permits?"}) in together
    assert frozenset({"what's the weather in Derby tomorrow?", "weather forecast for derby"}) in together
    assert frozenset({"funding"}) in together, "one word does not swallow every question that has it"
    assert (
        groups[0].lead in ("parking permits", "Parking permits?", "how do I get a parking permit?") and len(groups[0].items) == 3
    )
    assert content_words("What's the [name] weather like?") == "weather like"


# --- the page ---------------------------------------------------------------------------------------


class FakeSuggester:
    def nearest(self, text: str) -> Nearest | None:
        return Nearest("13.2", -0.2, False) if "notice" in text else None

    def unsure(self, text: str) -> bool:
        return "guess" in text


def sample_report(knowledge):
    conversations = [
        conversation(
            "a",
            answer("how much notice before funding ends?", "13.2", T0)
            + [vote("13.2", False, T0 + 5, "ring Jane Smith on 07700 900123")],
        ),
        conversation(
            "b",
            answer(
                "My name is Jane Smith, jane@example.org, DE1 2AB: parking?", None, T0 + 60, kind="out_of_scope", channel="widget"
            ),
        ),
        conversation("c", triage_run(T0 + 120)),
        conversation("d", answer("a wild guess about notice", "13.2", T0 + 200, channel="teams")),
    ]
    facts = [analyse(c) for c in conversations]
    counts = daily(facts)
    questions = [q for f in facts for q in f.questions]
    comments = [c for f in facts for c in f.comments]
    report = assemble(
        counts,
        ["2026-03-01", "2026-03-02"],
        [date(2026, 3, 1)],
        questions,
        comments,
        T0 + DAY,
        FakeSuggester(),
        knowledge,
        knowledge_masker(),
        30,
    )
    return report, render(report)


def test_the_page_has_the_figures_and_never_the_personal_data(knowledge):
    report, html = sample_report(knowledge)
    for secret in ("Jane", "Smith", "jane@example.org", "07700", "DE1 2AB"):
        assert secret not in html
    assert '<span class="mask">[name]</span>' in html and "[email]" in html and "[postcode]" in html and "[phone]" in html
    assert total(report.counts, ANSWERS)["13.2"] == 2 and funnel(report.counts)[0]["drafted"] == 1
    assert "Commitment 13.2" in html and "Concluding a financial relationship" in html
    assert "a wild guess about notice" in html, "a low-confidence answer is listed"
    assert "Website widget" in html and "Microsoft Teams" in html


def test_the_page_is_self_contained_and_accessible_markup(knowledge):
    _, html = sample_report(knowledge)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert not re.search(r"<(?:script|link|img|iframe)\b", html), "no scripts, no external resources"
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html) and "@import" not in html and "url(http" not in html
    svgs = re.findall(r"<svg[^>]*>", html)
    assert len(svgs) >= 4 and all('role="img"' in s and "aria-labelledby=" in s for s in svgs)
    for labelled in svgs:
        for id_ in re.search(r'aria-labelledby="([^"]+)"', labelled).group(1).split():
            assert f'id="{id_}"' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "no id twice"
    figures = re.findall(r"<figure.*?</figure>", html, flags=re.S)
    assert len(figures) >= 4 and all("<svg" in f and "<table" in f for f in figures), "every chart with its data table"
    assert all("<caption" in t for t in re.findall(r"<table.*?</table>", html, flags=re.S))
    headings = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:])), "no heading level skipped"


def test_an_empty_store_makes_a_report_saying_so(tmp_path, knowledge):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    html = render(collect(engine, days=7, now=NOW, knowledge=knowledge, masker=Masker()))
    assert "No answers in this period." in html and "No triage runs in this period." in html


# --- where the store is ------------------------------------------------------------------------------


def test_the_store_is_found_from_the_endpoints_file(tmp_path):
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    assert database_url(root / "bot/endpoints.yml", tmp_path / "t.db", {"TRACKER_DB": "x"}) == f"sqlite:///{tmp_path / 't.db'}"
    env = {"DB_HOST": "db.internal:6543", "DB_NAME": "compact", "DB_USER": "rasa", "DB_PASSWORD": "p@ss"}
    url = database_url(root / "bot/endpoints.scale-out.yml", tmp_path / "t.db", env)
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql",
        "db.internal",
        6543,
        "compact",
        "rasa",
        "p@ss",
    )
    with pytest.raises(StoreError, match="DB_HOST"):
        database_url(root / "bot/endpoints.scale-out.yml", tmp_path / "t.db", {})


# --- the token setting and the route ------------------------------------------------------------------

TOKEN = "t" * 32


def test_the_token_setting_is_off_by_default_and_checked():
    assert (
        from_environment({}).insights_token is None and from_environment({"COMPACT_INSIGHTS_TOKEN": "  "}).insights_token is None
    )
    assert from_environment({"COMPACT_INSIGHTS_TOKEN": TOKEN}).insights_token == TOKEN
    with pytest.raises(SettingsError, match="COMPACT_INSIGHTS_TOKEN"):
        from_environment({"COMPACT_INSIGHTS_TOKEN": "short"})


@pytest.fixture(scope="module")
def served(tmp_path_factory, knowledge):
    """The channel's blueprint on a real Sanic server (its own thread and loop), a tracker store
    behind it; one per module (Sanic 21.12 starts one app per process cleanly). Yields the URL,
    the channel (tests set its token) and the names of the threads that built a report."""
    from sanic import Sanic

    from bot.insights_channel import InsightsInput
    from compact.insights.report import build
    from scripts.with_assistant import free_port

    s = store(tmp_path_factory.mktemp("served"))
    history(s)
    threads: list[str] = []

    def building(engine, days):
        threads.append(threading.current_thread().name)
        return build(engine, days=days, now=NOW, roll=False, knowledge=knowledge, masker=Masker())

    app = Sanic(f"insights_test_{uuid.uuid4().hex}")
    app.ctx.agent = SimpleNamespace(tracker_store=s)
    channel = InsightsInput(None, build=building)
    app.blueprint(channel.blueprint(None), url_prefix=channel.url_prefix())
    port, loop, ready, running = free_port(), asyncio.new_event_loop(), threading.Event(), {}

    async def serve() -> None:
        running["server"] = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await running["server"].startup()
        ready.set()
        await running["server"].serve_forever()

    threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True, name="sanic").start()
    assert ready.wait(10)
    yield f"http://127.0.0.1:{port}/insights", channel, threads
    loop.call_soon_threadsafe(running["server"].close)


def test_the_route_is_off_without_a_token(served):
    url, channel, _ = served
    channel.token = None
    assert requests.get(f"{url}/", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).status_code == 404
    assert requests.get(url, allow_redirects=False, timeout=10).status_code == 404


def test_the_route_answers_only_with_the_token_never_cached_built_off_the_event_loop(served):
    url, channel, threads = served
    channel.token = TOKEN
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ):
        refused = requests.get(f"{url}/", headers=headers, timeout=10)
        assert refused.status_code == 403 and "no-store" in refused.headers["Cache-Control"] and "<html" not in refused.text
    ok = requests.get(f"{url}/?days=0", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert ok.status_code == 200 and ok.headers["Content-Type"].startswith("text/html")
    assert "no-store" in ok.headers["Cache-Control"] and "default-src 'none'" in ok.headers["Content-Security-Policy"]
    assert "<h1>Compact assistant: owners" in ok.text and "07700" not in ok.text
    assert threads and "sanic" not in threads, "built in a worker thread, not on the server's loop"
    assert requests.get(f"{url}/?days=x", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).status_code == 400
    assert requests.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, allow_redirects=False, timeout=10).status_code == 308


def test_a_report_that_cannot_be_built_gets_503_and_the_route_keeps_working(served):
    url, channel, _ = served
    channel.token, kept = TOKEN, channel.build

    def broken(engine, days):
        raise sa.exc.OperationalError("SELECT", {}, Exception("database is locked"))

    channel.build = broken
    try:
        failed = requests.get(f"{url}/", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
        assert failed.status_code == 503 and failed.headers["Retry-After"] and failed.json()["error"]
    finally:
        channel.build = kept
    assert requests.get(f"{url}/", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60).status_code == 200


def test_only_the_biggest_groups_are_listed_and_the_rest_are_counted(knowledge, monkeypatch):
    from compact.insights import report as report_module

    monkeypatch.setattr(report_module, "GROUPS_SHOWN", 1)
    events = answer("parking permits?", None, T0, kind="out_of_scope") + answer(
        "parking permit please", None, T0 + 1, kind="out_of_scope"
    )
    events += answer("what's the weather like?", None, T0 + 2, kind="out_of_scope")
    facts = [analyse(conversation("c1", events))]
    questions = [q for f in facts for q in f.questions]
    report = assemble(daily(facts), ["2026-03-02"], [], questions, [], T0 + DAY, None, knowledge, Masker(), 30)
    html = render(report)
    assert "parking permits?" in html and "weather" not in html
    assert "And 1 smaller groups (1 questions) not shown." in html


def test_the_command_names_a_missing_database_and_writes_an_owner_only_file(tmp_path, capsys):
    from scripts.insights import main

    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "missing.db")])
    assert stopped.value.code == 2 and "no such database file" in capsys.readouterr().err
    s = store(tmp_path)
    history(s)
    out = tmp_path / "report.html"
    assert main(["--db", str(tmp_path / "tracker.db"), "--out", str(out), "--days", "0", "--no-matcher"]) == 0
    assert "Wrote" in capsys.readouterr().out and oct(out.stat().st_mode & 0o777) == "0o600"
    with s.engine.connect() as c:
        assert c.execute(sa.text("SELECT COUNT(*) FROM insights_daily WHERE metric = 'rolled_up'")).scalar() > 0, "rolled up"


def test_a_worker_that_loses_the_race_to_create_the_table_finds_it_there(tmp_path, monkeypatch):
    """Every Rasa worker's expiry job rolls up at start: another may create the table between the
    check and the create."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'race.db'}")
    real_create = rollup.metadata.create_all

    def another_first(bind, tables, checkfirst):
        real_create(bind, tables=tables, checkfirst=checkfirst)  # (the other worker's)
        raise sa.exc.OperationalError("CREATE TABLE insights_daily", {}, Exception("table insights_daily already exists"))

    monkeypatch.setattr(rollup.metadata, "create_all", another_first)
    rollup.ensure_table(engine)  # no error: the table is there
    assert sa.inspect(engine).has_table(rollup.TABLE)

    def fails(bind, tables, checkfirst):
        raise sa.exc.OperationalError("CREATE TABLE insights_daily", {}, Exception("disk I/O error"))

    monkeypatch.setattr(rollup.metadata, "create_all", fails)
    with pytest.raises(sa.exc.OperationalError):
        rollup.ensure_table(sa.create_engine(f"sqlite:///{tmp_path / 'other.db'}"))  # missing, and not made: raised
