"""A conversation's events as counts: a ledger of dated +1/-1 entries, and the questions it left unanswered.

Every figure in the report is a sum of ledger entries, so the counts of a day can be kept once
(:mod:`.rollup`) and added to any other day's without counting anything twice:

- things that happen (a message, an answer, a question declined) are a +1 on the day they happen;
- things that are a state (the latest vote on an answer, how far a triage run got, how it ended,
  which commitment and side it is about) are a +1 for the new state and a -1 for the one it
  replaces, on the day it changes. Summed over all days, each conversation counts once, as it
  stands; a vote changed the next day moves from one column to the other on that day.

The events that mark each figure are the ones the actions and the form emit (actions/answering.py,
actions/triage.py, data/rules_triage.yml). Slot values a new session carries over (Rasa's own
session start, and bot/bounded_sessions.py's restarts) repeat the state, not news, and are skipped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable

from compact.feedback import FEEDBACK, MAX_ENTRY_CHARS
from compact.insights.events import Conversation, Event

# Names the actions and the domain use (tested against actions/answering.py and compact/triage.py,
# not imported from them: the Rasa server's expiry loop rolls up without loading the matcher).
ANSWERING = ("action_answer_question", "action_show_entry")
ANSWER_KIND, LAST_ENTRY, CHOICES = "answer_kind", "last_entry", "choices"
TRIAGE_START, TRIAGE_SUMMARY, TRIAGE_STOP = "action_triage_start", "action_triage_summary", "action_triage_stop"
COMMITMENT, SIDE, REQUESTED = "triage_commitment", "triage_side", "requested_slot"
STEP_SLOTS = ("triage_step1", "triage_step2", "triage_step3")
NO_COMMITMENT = "none"  # "none of these commitments"
DOWNLOAD = "download"  # the ready-to-send message's custom payload (actions/answering.py send_letter)

UNANSWERED = ("out_of_scope", "legal", "not_found", "other_language")  # answer_kind values that are not an answer
CLARIFYING = "clarifying"  # a tie or a clarifying list offered instead of an answer (the choices slot set, no entry)
ELSEWHERE = "elsewhere"  # "answered" with no entry: declined with where to ask instead (VAT, parking: knowledge "outside")
NOT_QUESTIONS = ("human_handoff", "greet", "goodbye", "thank", "bot_challenge")  # answered about no entry, and rightly
FROM_RESPONSE = {"utter_out_of_scope": "out_of_scope", "utter_no_legal_advice": "legal", "utter_english_only": "other_language"}
STAGES = ("started", "commitment", "step1", "step2", "step3", "drafted")
ENDINGS = ("finished", "stopped", "left")  # the summary; "stop"; neither (yet)

# Metric names in the ledger and in insights_daily
CONVERSATIONS = "conversations"  # started that day (their first message)
ACTIVE = "active"  # conversations with a message that day
MESSAGES = "messages"  # key: typed or button
ANSWERS = "answers"  # key: the entry answered
KINDS = "answer_kinds"  # key: answer_kind (how each message was handled)
NOT_ANSWERED = "unanswered"  # key: out_of_scope, legal, not_found, other_language, elsewhere, clarifying
VOTES = "feedback"  # key: "<entry>|helpful" or "<entry>|not_helpful" (the latest vote per conversation and entry)
COMMENTED = "feedback_comments"  # key: entry (latest votes with a comment)
REACHED = "triage_reached"  # key: "<stage>|<commitment>|<side>"
STOPPED = "triage_stopped"  # key: "<furthest stage>|<ending>|<commitment>|<side>"
LETTERS = "letters"  # key: "triage" or "answer" (asked for outside a triage)


def day_of(timestamp: float) -> date:
    """Days are UTC days."""
    return datetime.fromtimestamp(timestamp, timezone.utc).date()


@dataclass(frozen=True)
class Entry:
    """One line of the ledger."""

    timestamp: float
    metric: str
    key: str
    delta: int = 1


@dataclass(frozen=True)
class Question:
    """A message as typed, with how it was handled: for the editor's lists (never rolled up)."""

    timestamp: float
    channel: str
    kind: str  # an UNANSWERED kind, CLARIFYING, or "answered" (checked for low confidence later)
    text: str
    entry: str | None = None  # what it was answered with
    followup: bool = False  # answered about the entry answered just before ("does that have to be in writing?")


@dataclass(frozen=True)
class Comment:
    """The comment of a conversation's latest vote on an entry (never rolled up)."""

    timestamp: float
    channel: str
    entry: str
    helpful: bool
    text: str


@dataclass
class Facts:
    """What one conversation contributes to the report."""

    sender: str
    channel: str
    ledger: list[Entry] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Run:
    """One run of the breach triage: from ``action_triage_start`` until the form is deactivated
    ("start again" inside it is the same run)."""

    reached: list[str] = field(default_factory=list)
    commitment: str = ""  # the latest one named (kept when "back" clears it)
    side: str = ""
    ending: str = "left"
    open: bool = True
    just_closed: bool = False  # deactivated since the latest message: the summary's letter is this run's

    def reach(self, stage: str) -> None:
        if stage not in self.reached:
            self.reached.append(stage)

    def keys(self) -> Counter[tuple[str, str]]:
        keys: Counter[tuple[str, str]] = Counter()
        about = f"{self.commitment}|{self.side}"
        for stage in self.reached:
            keys[(REACHED, f"{stage}|{about}")] += 1
        furthest = max(self.reached, key=STAGES.index)
        keys[(STOPPED, f"{furthest}|{self.ending}|{about}")] += 1
        return keys


@dataclass
class Turn:
    """A user message and what the actions did with it."""

    event: Event
    before: str | None = None  # the entry answered before it
    kind: str | None = None
    entry: str | None = None
    choices: bool = False

    @property
    def typed(self) -> bool:
        return not (self.event.text or "").startswith("/")  # "/show_entry{…}" is a button

    def outcome(self) -> str | None:
        """How it was handled, if it counts: answered about an entry, or not answered and why."""
        if self.kind in UNANSWERED:
            return self.kind
        if self.kind != "answered":
            return None  # a triage started, a control word, thanks…
        if self.entry:
            return "answered"
        if self.choices:
            return CLARIFYING
        return None if self.event.name in NOT_QUESTIONS else ELSEWHERE


def _vote(value: Any) -> tuple[str, bool, str] | None:
    """A feedback slot value: (entry, helpful, comment); None when it is not one."""
    if not isinstance(value, dict) or not isinstance(value.get("helpful"), bool):
        return None
    entry, comment = value.get("entry"), value.get("comment")
    if not isinstance(entry, str) or not entry.strip():
        return None
    return entry.strip()[:MAX_ENTRY_CHARS], value["helpful"], comment if isinstance(comment, str) else ""


class _Walk:
    """Reads one conversation's events in order (see the module's docstring)."""

    def __init__(self, conversation: Conversation) -> None:
        self.facts = Facts(conversation.sender, conversation.channel)
        self.runs: list[Run] = []
        self.votes: dict[str, tuple[bool, str, float]] = {}  # entry -> (helpful, comment, when)
        self.state: Counter[tuple[str, str]] = Counter()
        self.turn: Turn | None = None
        self.action: str | None = None
        self.carried = False
        self.days: set[date] = set()
        self.last_entry: str | None = None
        self.told: list[Event] = []  # slot events since the latest message: what an answer hands to a triage it starts

    @property
    def run(self) -> Run | None:
        return self.runs[-1] if self.runs and (self.runs[-1].open or self.runs[-1].just_closed) else None

    def add(self, timestamp: float, metric: str, key: str = "", delta: int = 1) -> None:
        self.facts.ledger.append(Entry(timestamp, metric, key, delta))

    def walk(self, events: Iterable[Event]) -> Facts:
        for event in events:
            self.read(event)
            self.settle(event.timestamp)
        self.end_turn()
        for entry, (helpful, comment, when) in self.votes.items():
            if comment:
                self.facts.comments.append(Comment(when, self.facts.channel, entry, helpful, comment))
        return self.facts

    def read(self, e: Event) -> None:
        if e.kind == "session_started":
            self.carried = True  # what follows, up to the next action, is the state carried over
            if not e.restarted and self.run and self.run.open:  # a new visit: Rasa does not carry the form
                self.close(self.run, "left")
            return
        if e.kind == "action":
            self.carried = False
            self.action = e.name
            self.on_action(e)
            return
        if self.carried:
            return
        if e.kind == "user":
            self.on_user(e)
        elif e.kind == "slot":
            self.on_slot(e)
        elif e.kind == "active_loop" and e.name is None and (run := self.run) and run.open:
            self.close(run, "left")  # the next action says how it ended
            run.just_closed = True
        elif e.kind == "bot":
            self.on_bot(e)

    def on_user(self, e: Event) -> None:
        self.end_turn()
        for run in self.runs:
            run.just_closed = False
        self.action = None
        if not self.days:
            self.add(e.timestamp, CONVERSATIONS)
        if day_of(e.timestamp) not in self.days:
            self.days.add(day_of(e.timestamp))
            self.add(e.timestamp, ACTIVE)
        self.turn = Turn(e, before=self.last_entry)
        self.told = []
        self.add(e.timestamp, MESSAGES, "typed" if self.turn.typed else "button")

    def on_action(self, e: Event) -> None:
        run = self.run
        if e.name == TRIAGE_START and not (run and run.open):
            self.runs.append(Run(reached=["started"]))
            for told in self.told:  # the commitment, side or steps the answer handed over
                self.apply(self.runs[-1], told)
        elif e.name == TRIAGE_SUMMARY and run and run.just_closed:
            run.ending = "finished"
        elif e.name == TRIAGE_STOP and run and run.just_closed:
            run.ending = "stopped"

    def on_slot(self, e: Event) -> None:
        turn, answering = self.turn, self.action in ANSWERING
        if e.name == LAST_ENTRY:
            self.last_entry = e.value if isinstance(e.value, str) else None
        if e.name == FEEDBACK:
            vote = _vote(e.value)
            if vote:
                self.votes[vote[0]] = (vote[1], vote[2], e.timestamp)
            return
        if turn and answering:
            if e.name == ANSWER_KIND and isinstance(e.value, str):
                turn.kind = e.value
                self.add(turn.event.timestamp, KINDS, e.value)
            elif e.name == LAST_ENTRY and isinstance(e.value, str) and e.value:
                turn.entry = e.value
            elif e.name == CHOICES and e.value:
                turn.choices = True
        self.told.append(e)
        run = self.run
        if run and run.open:
            self.apply(run, e)

    def apply(self, run: Run, e: Event) -> None:
        """What a triage slot's new value says of how far the run got."""
        if e.name == COMMITMENT and isinstance(e.value, str) and e.value:
            run.commitment = e.value
            if e.value != NO_COMMITMENT:
                run.reach("commitment")
        elif e.name == SIDE and isinstance(e.value, str) and e.value:
            run.side = e.value
        elif (e.name == REQUESTED and e.value in STEP_SLOTS) or (e.name in STEP_SLOTS and e.value is not None):
            step = STEP_SLOTS.index(str(e.value if e.name == REQUESTED else e.name)) + 1
            run.reach(f"step{step}")

    def on_bot(self, e: Event) -> None:
        if e.about and self.turn and self.turn.entry is None and self.action in ANSWERING:
            self.turn.entry = e.about  # answered about it without making it the context (a legal question a commitment fits)
        if e.custom == DOWNLOAD:
            run = self.run
            if run:
                run.reach("drafted")
            self.add(e.timestamp, LETTERS, "triage" if run else "answer")
        if e.response in FROM_RESPONSE and self.turn and self.turn.kind is None:  # a side question in the triage, declined
            self.turn.kind = FROM_RESPONSE[e.response]

    def close(self, run: Run, ending: str) -> None:
        run.open, run.ending = False, ending

    def end_turn(self) -> None:
        turn, self.turn = self.turn, None
        if turn is None:
            return
        outcome = turn.outcome()
        if outcome == "answered":
            self.add(turn.event.timestamp, ANSWERS, str(turn.entry))
        elif outcome:
            self.add(turn.event.timestamp, NOT_ANSWERED, outcome)
        if outcome and turn.typed and (turn.event.text or "").strip():
            text = str(turn.event.text)
            followup = turn.entry is not None and turn.entry == turn.before
            self.facts.questions.append(Question(turn.event.timestamp, self.facts.channel, outcome, text, turn.entry, followup))

    def settle(self, timestamp: float) -> None:
        """Ledger entries for what the state now is, against what it was."""
        now: Counter[tuple[str, str]] = Counter()
        for run in self.runs:
            now.update(run.keys())
        for entry, (helpful, comment, _) in self.votes.items():
            now[(VOTES, f"{entry}|{'helpful' if helpful else 'not_helpful'}")] += 1
            if comment:
                now[(COMMENTED, entry)] += 1
        if now == self.state:
            return
        for key in set(now) | set(self.state):
            change = now[key] - self.state[key]
            if change:
                self.add(timestamp, key[0], key[1], change)
        self.state = now


def analyse(conversation: Conversation) -> Facts:
    """What one conversation contributes: its ledger, its unanswered questions, its comments."""
    return _Walk(conversation).walk(conversation.events)


Row = tuple[str, str, str, str]  # (day as YYYY-MM-DD, channel, metric, key)


def daily(facts: Iterable[Facts], keep: Callable[[date], bool] = lambda _: True) -> Counter[Row]:
    """The ledgers summed by day, channel, metric and key, for the days ``keep`` accepts."""
    counts: Counter[Row] = Counter()
    for f in facts:
        for entry in f.ledger:
            day = day_of(entry.timestamp)
            if keep(day):
                counts[(day.isoformat(), f.channel, entry.metric, entry.key)] += entry.delta
    return Counter({k: v for k, v in counts.items() if v})
