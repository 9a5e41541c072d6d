"""The breach-triage step machine: which question comes next, and what an answer means.

The conversation's state is a handful of slot values (strings, as Rasa keeps them). Everything
here is a plain function of that state, the knowledge and today's date, so unit tests drive it
directly and the Rasa form (``actions/triage.py``) is a thin shell around it.

Order: what happened → (which side the user is on, only when it decides whose commitment is at
stake) → the commitment → (dates, when the commitment has a measurable duty) → escalation step
1 → step 2 → step 3 (each only after the one before did not resolve it) → what they ask for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from compact.dates import Length, OnDate, Unclear, parse_when, spoken
from compact.deadlines import Period, Verdict, check
from compact.knowledge import Commitment, Knowledge, Measure
from compact.matcher import Matcher
from compact.routing import CLARIFY, Decision, reaches

DESCRIPTION, SIDE, COMMITMENT, START, END, OUTCOME = (
    "triage_description", "triage_side", "triage_commitment", "triage_start", "triage_end", "triage_outcome")
STEP_SLOTS = ("triage_step1", "triage_step2", "triage_step3")
SLOTS = (DESCRIPTION, SIDE, COMMITMENT, START, END, *STEP_SLOTS, OUTCOME)

NONE = "none"  # "none of these commitments"
UNKNOWN = "unknown"  # "I don't know the dates"
RESOLVED, UNRESOLVED, NOT_TRIED = "resolved", "unresolved", "not_tried"
STEP_VALUES = (RESOLVED, UNRESOLVED, NOT_TRIED)
OUTCOMES = {
    "meeting": "a meeting to talk it through",
    "explanation": "a written explanation of the decision and the reasons for it",
    "reconsider": "the decision to be looked at again",
}
OUTCOME_WORDS = {  # a typed answer that says no more than one of the offered outcomes
    "meeting": re.compile(r"^(?:meeting|a meeting|(?:a )?meeting to talk it through)$", re.I),
    "explanation": re.compile(r"^(?:explanation|an explanation|(?:a )?written explanation)$", re.I),
    "reconsider": re.compile(r"^(?:reconsider|(?:the )?decision looked at again|look at it again)$", re.I),
}
MAX_CANDIDATES = 3
CANDIDATE_GAP = 0.35  # candidates scoring within this of the best are offered together
MAX_DESCRIPTION = 1000
MAX_OUTCOME = 300
OTHER_SIDE = {"vcs": "statutory", "statutory": "vcs"}

QUESTION = re.compile(r"^(?:how|what|whats|what's|when|where|who|whom|why|which|can|could|should|shall|is|are|do|does|"
                      r"did|will|would|must|may|might|am|isn't|aren't|don't|doesn't)\b", re.I)
UNKNOWN_WORDS = re.compile(r"\b(?:don'?t know|do not know|dunno|not sure|no idea|can'?t remember|cannot remember|"
                           r"skip|unknown|not known|no dates?)\b", re.I)
NONE_WORDS = re.compile(r"^(?:none|none of (?:these|those|them)|neither|nope,? none|no,? none|not (?:these|those|any of these))\b", re.I)
STEP_PATTERNS = (  # first match wins: "not resolved" before "resolved", "no" after both
    (UNRESOLVED, re.compile(r"\b(?:not (?:resolved|sorted|fixed)|unresolved|isn'?t (?:resolved|sorted)|wasn'?t|didn'?t|"
                            r"hasn'?t|haven'?t heard|no (?:reply|response|answer|luck|joy|change)|ignored|nothing|still|"
                            r"yes,? but|yeah,? but|but not|got nowhere|no good|not happy|refused)\b", re.I)),
    (RESOLVED, re.compile(r"\b(?:resolved|sorted|fixed|settled|agreed|it worked|all good|happy now|put right)\b", re.I)),
    (NOT_TRIED, re.compile(r"^(?:no|nope|not yet|not really|haven'?t|have not|we haven'?t|i haven'?t|no,|not tried)\b", re.I)),
    (UNRESOLVED, re.compile(r"^(?:yes|yeah|yep|we have|i have|we did|i did|tried|done that|already)\b", re.I)),
)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "local authority" wins over "authority"."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def has_words(text: str) -> bool:
    """At least three letters: enough to be a description or a stated outcome (not "👍" or "ok")."""
    return len(re.findall(r"[^\W\d_]", text)) >= 3


def is_question(text: str) -> bool:
    """Does this look like a question (a side question, not an answer to ours)?"""
    t = text.strip()
    return t.endswith("?") or bool(QUESTION.match(t))


@dataclass(frozen=True)
class Answer:
    """What a reply to the requested slot means.

    ``value`` fills the slot; otherwise ``problem`` says why we ask again, ``aside`` marks a
    side question to answer before carrying on, and ``more`` is extra description.
    """

    value: str | None = None
    problem: str | None = None
    aside: bool = False
    more: str | None = None


@dataclass(frozen=True)
class Stage:
    """Where the user is on the escalation: the step to take now (None when finished)."""

    step: int | None  # 1-3: the step to take now
    resolved_at: int | None = None
    exhausted: bool = False  # tried all three, still unresolved


class Triage:
    """Built once per process from the knowledge and the matcher."""

    def __init__(self, knowledge: Knowledge, matcher: Matcher) -> None:
        self.knowledge = knowledge
        self.matcher = matcher
        cues = knowledge.sector_cues
        # Who acted: the first sector word that is not the speaker's own ("our charity") or someone's
        # belongings ("their funder"), nor too vague to tell ("they", "groups").
        self.actor_sector = {w: s for s, c in cues.items() for w in c.subjects
                             if not w.startswith("our ") and w not in ("they", "them", "groups", "the sector")}
        self.actor_words = re.compile(r"(?<!our )(?<!my )(?<!their )(?<!its )(?<!your )\b(" + _alternatives(self.actor_sector) + r")\b")
        self.identities = matcher.identities  # who "we" are: "as a commissioner…"
        self.side_words = {s: re.compile(r"\b(" + _alternatives({*c.subjects, *c.identities} - {"they", "them"}) + r")\b")
                           for s, c in cues.items()}

    # --- who and which commitment -------------------------------------------------------------
    def breacher(self, description: str, side: str | None = None) -> str | None:
        """The sector whose commitment is at stake: the other side from the user, or the actor named first."""
        if side in OTHER_SIDE:
            return OTHER_SIDE[side]
        low = description.lower()
        for sector, pattern in self.identities.items():
            if pattern.search(low):
                return OTHER_SIDE[sector]
        found = self.actor_words.search(low)
        return self.actor_sector[found.group(1)] if found else None

    def side_from(self, message: str) -> str | None:
        """The user's side when an opening message names who broke the Compact ("the council broke it")."""
        sector = self.breacher(message)
        return OTHER_SIDE[sector] if sector else None

    def candidates(self, description: str, side: str | None = None) -> list[Commitment]:
        """The best one to three commitments for a description, from the side that made them."""
        ranked = [m for m in self.matcher.rank(description, limit=40) if m.kind == "commitment" and reaches(m, CLARIFY)]
        sector = self.breacher(description, side)
        if sector:
            ranked = [m for m in ranked if self.knowledge.commitments[m.entry_id].sector == sector]
        if not ranked:
            return []
        best = ranked[0].score
        return [self.knowledge.commitments[m.entry_id] for m in ranked[:MAX_CANDIDATES] if best - m.score <= CANDIDATE_GAP]

    def side_matters(self, description: str) -> bool:
        """Ask which side the user is on only when the description leaves it open and the likely
        commitments belong to both sides."""
        if self.breacher(description):
            return False
        return len({c.sector for c in self.candidates(description)}) > 1

    def describes_situation(self, decision: Decision) -> bool:
        """Does an opening message already say what happened (a commitment fits it clearly)?"""
        return decision.kind in ("answer", "tie") and decision.matches[0].kind == "commitment"

    # --- which question next -----------------------------------------------------------------
    def measure(self, commitment_id: str | None) -> Measure | None:
        c = self.knowledge.commitments.get(commitment_id or "")
        ids = [f.measure for f in c.facts if f.measure] if c else []
        return self.knowledge.measures[ids[0]] if ids else None

    def required_slots(self, slots: Mapping[str, str | None]) -> list[str]:
        """The slots this conversation needs, in order, given the answers so far."""
        need = [DESCRIPTION]
        description, commitment = slots.get(DESCRIPTION), slots.get(COMMITMENT)
        if description is None:
            return need + [COMMITMENT]
        if slots.get(SIDE) is not None or (commitment is None and self.side_matters(description)):
            need.append(SIDE)
        need.append(COMMITMENT)
        if commitment is None or commitment == NONE:
            return need
        if self.measure(commitment):
            need.append(START)
            if isinstance(self._when(slots.get(START)), OnDate):
                need.append(END)
        for slot in STEP_SLOTS:
            need.append(slot)
            if slots.get(slot) != UNRESOLVED:
                break
        if self.stage(slots).resolved_at is None and all(slots.get(s) is not None for s in need):
            need.append(OUTCOME)
        return need

    def next_slot(self, slots: Mapping[str, str | None]) -> str | None:
        return next((s for s in self.required_slots(slots) if slots.get(s) is None), None)

    def back(self, slots: Mapping[str, str | None]) -> list[str]:
        """The slots to clear to go back one question: the last answered one and all after it."""
        answered = [s for s in self.required_slots(slots) if slots.get(s) is not None]
        if not answered:
            return []
        return list(SLOTS[SLOTS.index(answered[-1]):])

    def stage(self, slots: Mapping[str, str | None]) -> Stage:
        for number, slot in enumerate(STEP_SLOTS, start=1):
            value = slots.get(slot)
            if value == RESOLVED:
                return Stage(None, resolved_at=number)
            if value != UNRESOLVED:
                return Stage(number)
        return Stage(None, exhausted=True)

    # --- what an answer means ----------------------------------------------------------------
    def interpret(self, slot: str, raw: str, slots: Mapping[str, str | None], today: date) -> Answer:
        """Read a reply (typed text, or a button's value) to the question for ``slot``."""
        text = " ".join(str(raw).split())
        if slot == DESCRIPTION:
            if not has_words(text):
                return Answer(problem="Could you tell me in a sentence or two what happened?")
            return Answer(value=text[:MAX_DESCRIPTION])
        if slot == SIDE:
            return self._side(text)
        if slot == COMMITMENT:
            return self._commitment(text)
        if slot in (START, END):
            return self._date(slot, text, slots, today)
        if slot in STEP_SLOTS:
            value = text if text in STEP_VALUES else next((v for v, p in STEP_PATTERNS if p.search(text)), None)
            if value:
                return Answer(value=value)
            return Answer(aside=is_question(text), problem="Please choose one of the answers below, or type \"yes\", \"no\" or \"it's sorted\".")
        if slot == OUTCOME:
            chosen = next((key for key, pattern in OUTCOME_WORDS.items() if pattern.search(text)), None)
            if chosen or has_words(text):
                return Answer(value=chosen or text[:MAX_OUTCOME])
            return Answer(problem="What would you like them to do? Choose an option below or type it in a few words.")
        raise ValueError(f"not a triage slot: {slot}")

    def _side(self, text: str) -> Answer:
        if text in OTHER_SIDE:
            return Answer(value=text)
        low = text.lower()
        found = [s for s, pattern in self.side_words.items() if pattern.search(low)]
        if len(found) == 1:
            return Answer(value=found[0])
        return Answer(aside=is_question(text), problem="Please choose one of the two buttons, so I know whose commitment to look at.")

    def _commitment(self, text: str) -> Answer:
        if text == NONE or NONE_WORDS.match(text):
            return Answer(value=NONE)
        ids = [i for i in re.findall(r"\b\d{1,2}\.\d{1,2}\b", text) if i in self.knowledge.commitments]
        if len(ids) == 1:
            return Answer(value=ids[0])
        if is_question(text):
            return Answer(aside=True, problem="Which commitment was not kept?")
        if has_words(text):
            return Answer(more=text)
        return Answer(problem="Please choose a commitment below, type its number (like 13.2), or choose \"None of these\".")

    def _date(self, slot: str, text: str, slots: Mapping[str, str | None], today: date) -> Answer:
        measure = self.measure(slots.get(COMMITMENT))
        assert measure is not None
        if text == UNKNOWN or UNKNOWN_WORDS.search(text):
            return Answer(value=UNKNOWN)
        role = measure.start_role if slot == START else measure.end_role
        when = parse_when(text, today, role, lengths=slot == START)  # type: ignore[arg-type]
        if isinstance(when, Unclear):
            return Answer(problem=when.reason)
        if isinstance(when, Length):
            return Answer(value=str(when))
        if isinstance(when, OnDate):
            start = self._when(slots.get(START)) if slot == END else None
            if isinstance(start, OnDate) and when.day < start.day:
                return Answer(problem=f"That's before {spoken(start.day)} ({measure.start_label}). Which date did you mean?")
            return Answer(value=when.day.isoformat())
        return Answer(aside=is_question(text),
                      problem="I couldn't find a date in that. Try \"2 March 2026\", \"03/03/2026\", \"last Friday\" or \"two weeks\", or say \"don't know\".")

    # --- what the dates show -----------------------------------------------------------------
    @staticmethod
    def _when(value: str | None) -> OnDate | Length | None:
        if value is None or value == UNKNOWN:
            return None
        when = parse_when(value, date.max, lengths=True)  # stored values are ISO dates or "3 weeks"
        return when if isinstance(when, (OnDate, Length)) else None

    def period(self, slots: Mapping[str, str | None]) -> Period | None:
        start, end = self._when(slots.get(START)), self._when(slots.get(END))
        if isinstance(start, Length):
            return Period(length=start)
        if isinstance(start, OnDate) and isinstance(end, OnDate):
            return Period(start.day, end.day)
        return None

    def verdicts(self, slots: Mapping[str, str | None]) -> list[tuple[Commitment, Verdict]]:
        """Every duty measured the same way as the chosen commitment's, checked against the period
        (a consultation's length is checked against 3.6's twelve weeks and 4.8's eight)."""
        period, measure = self.period(slots), self.measure(slots.get(COMMITMENT))
        if period is None or measure is None:
            return []
        return [(c, check(f, period)) for c in self.knowledge.commitments.values() for f in c.facts if f.measure == measure.id]


def answered_slots(slots: Mapping[str, object]) -> dict[str, str | None]:
    """The triage slots from a tracker's slot dict, as strings (None when unset)."""
    return {s: (None if slots.get(s) is None else str(slots.get(s))) for s in SLOTS}


CONTROL_WORDS = {  # what a control message must contain, besides being classified as one
    "stop": re.compile(r"\b(?:stop|cancel|never ?mind|forget it|quit|exit|abandon|don'?t bother|enough)\b", re.I),
    "go_back": re.compile(r"\b(?:back|previous|undo|mistake|wrong|change my)\b", re.I),
    "start_over": re.compile(r"\b(?:start|restart|again|begin|beginning|reset|top|afresh)\b", re.I),
}


def is_control(intent: str | None, text: str, max_words: int = 6) -> bool:
    """A control message ("stop", "go back", "start again"): the classifier says so, the words say so,
    and it is short, so "don't know" or "they stopped our funding last month" stay answers."""
    pattern = CONTROL_WORDS.get(intent or "")
    return bool(pattern and pattern.search(text)) and len(text.split()) <= max_words

