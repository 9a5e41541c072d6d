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
from typing import Iterable, Mapping, Sequence

from compact.dates import (
    LENGTH_TEXT,
    MONTHS,
    Length,
    OnDate,
    Unclear,
    ahead_on_its_own,
    dated_as_the_end,
    bare_days,
    date_count,
    gives_a_length,
    marked_period,
    mentions,
    names_a_year,
    parse_when,
    placed_mentions,
    spoken,
    unyeared_period,
)
from compact.deadlines import Period, Verdict, check
from compact.knowledge import Commitment, Knowledge, Measure
from compact.matcher import Matcher, alternatives
from compact.routing import CLARIFY, CLARIFY_SURE, Decision, reaches
from compact.story import focus, unscened, without_asides_to_the_bot
from compact.text import plain, sentences
from compact.wording import say
from compact.typed_replies import (
    ISSUE,
    WEIGHTY,
    EVALUATIVE,
    OUR_PEOPLE,
    NEIGHBOUR_NUMBER,
    YES_TRIED,
    asks_for_letter,
    asks_for_number,
    asks_for_summary,
    asks_whats_next,
    awaiting_reply,
    choice,
    confirms,
    describes_event,
    asks_how_to_raise,
    asks_what_to_do,
    is_unclear,
    means_first_step,
    not_the_problem,
    points_to_it,
    reports_contact,
    reports_friend,
    side_said,
    tried,
    vcs_party_acts,
)

DESCRIPTION, SIDE, COMMITMENT, START, END, OUTCOME = (
    "triage_description",
    "triage_side",
    "triage_commitment",
    "triage_start",
    "triage_end",
    "triage_outcome",
)
STEP_SLOTS = ("triage_step1", "triage_step2", "triage_step3")
PROPOSED = "triage_proposed"  # a commitment the bot chose from the description, until the user agrees or answers on


@dataclass(frozen=True)
class Question:
    """One question of the triage: the slot its answer fills and what it asks. The domain's slots
    and form are generated from :data:`QUESTIONS` (scripts/generate_domain.py); the reader for
    each is :meth:`Triage.interpret`, the wording :meth:`TriageReplies.question`."""

    slot: str
    asks: str


QUESTIONS = (
    Question(DESCRIPTION, "what happened"),
    Question(SIDE, "which side the user is on, only when it decides whose commitment is at stake"),
    Question(COMMITMENT, "which commitment was not kept"),
    Question(START, "when notice was given, the consultation opened, or the decision came (measurable duties)"),
    Question(END, "when the funding ends, the consultation closed, or the work starts"),
    Question(STEP_SLOTS[0], "whether step 1 (raise it directly) was tried, and how it went"),
    Question(STEP_SLOTS[1], "whether step 2 (the critical friend) was tried"),
    Question(STEP_SLOTS[2], "whether step 3 (a small group of partners) was tried"),
    Question(OUTCOME, "what the user would like to happen"),
)
SLOTS = tuple(q.slot for q in QUESTIONS)
STATE_SLOTS = (PROPOSED,)  # kept by the triage, never asked

NONE = "none"  # "none of these commitments"
UNKNOWN = "unknown"  # "I don't know the dates"
RESOLVED, UNRESOLVED, NOT_TRIED = "resolved", "unresolved", "not_tried"
STEP_VALUES = (RESOLVED, UNRESOLVED, NOT_TRIED)
OUTCOME_WORDS = {  # a typed answer that says no more than one of the offered outcomes
    "meeting": re.compile(r"^(?:meeting|a meeting|(?:a )?meeting to talk it through)$", re.I),
    "explanation": re.compile(r"^(?:explanation|an explanation|(?:a )?written explanation)$", re.I),
    "reconsider": re.compile(r"^(?:reconsider|(?:the )?decision looked at again|look at it again)$", re.I),
}


def outcome_named(text: str) -> str | None:
    """The offered outcome a reply says and no more ("a meeting": "meeting"), else None."""
    return next((key for key, pattern in OUTCOME_WORDS.items() if pattern.search(text.strip())), None)


# What the user would like, said as a wish before it is asked ("honestly we just want a meeting with them", "we'd like
# them to reverse it"): kept for the last question (not "we want to know…", which asks)
WISH_STATED = re.compile(
    r"^(?:(?:honestly|tbh|to be honest|really|ideally|basically|well|ok(?:ay)?|and|but|so|all)\W+)*(?:we|i)(?:'d| would)? "
    r"(?:just |really |honestly |only |basically |mainly |simply )?(?:like|want|need|are hoping for|hope for) "
    r"(?!to (?:know|ask|report|check|understand|find out|make sure)\b|(?:the )?compact\b)"
    r"(?P<wish>(?:(?:them|the council|the funder|someone|it) to |an? |some |the |"
    r"to (?:meet|talk|sit down|have|get|see)\b).{2,})$",
    re.I,
)
A_MEETING = re.compile(r"^(?:a |to )?(?:meet|meeting)\b", re.I)


def wish_stated(text: str) -> str | None:
    """What the user would like to happen, said as a wish in a message of its own: one of the offered outcomes
    ("a meeting with them tbh": "meeting"), else the wish as typed; None for anything else."""
    m = WISH_STATED.match(text.strip().rstrip(".! "))
    if m is None:
        return None
    wish = m["wish"]
    return outcome_named(wish) or ("meeting" if A_MEETING.match(wish) else wish[:MAX_OUTCOME])


def outcome_note(outcome: str) -> str:
    """What the user would like, kept before the last question asks it: an offered outcome by its button's words
    ("A meeting to talk it through"), in a sentence; a typed one as typed."""
    wanted = say(f"triage.outcome_{outcome}_button") if outcome in OUTCOME_WORDS else outcome
    return say("triage.outcome_noted", outcome=wanted[:1].lower() + wanted[1:])


# Only thanks or goodbye ("ok thanks", "cheers"): closing words, not what the user would like to happen.
BARE_REPLY = re.compile(r"^(?:yes|yeah|yep|ok(?:ay)?|no|nope|sure|fine|please|yes please)\W*$", re.I)  # not a wish
CLOSING_ONLY = re.compile(
    r"^(?:(?:ok(?:ay)?|great|brilliant|lovely|cool|right|perfect)\W+)*(?:thanks|thank you|thankyou|thx|cheers|ta|bye|"
    r"goodbye|many thanks)(?:\W+(?:very much|a lot|so much|bye|again))*\W*$",
    re.I,
)
# Who the user is, said alone ("we're a small charity btw", "I work for the county council"): not a wish
INTRODUCES = re.compile(r"^(?:(?:oh|and|also|btw|fyi|just so you know)\W+)*(?:we(?:'?re| are)|i(?:'?m| am| work))\b", re.I)
WISHES = re.compile(
    r"\b(?:want|wants|wanted|like|hop\w*|ask\w*|need\w*|expect\w*|meet\w*|explain\w*|apolog\w*|reconsider\w*|review\w*|"
    r"look\w*|revers\w*|extend\w*|restor\w*|fund\w*|pay\w*|talk\w*|sort\w*|decision|again|back|more)\b",
    re.I,
)
SHORT_STEP_REPLY = 8  # words: a reply this short that says what was tried is about the steps, not the story
MAX_CANDIDATES = 3
CANDIDATE_GAP = 0.35  # candidates scoring within this of the best are offered together
PICK_GAP = 0.15  # the best leads the next by this much: take it and say so (tuned on conversations_tuning)
PICK_FLOOR = -0.5  # and scores at least this (a weak best is offered as a choice instead)
UNRANKED = -2.0  # the score of an entry outside a ranking's reach, below any within it
PERIOD_BONUS = 0.3  # for time-measured duties when the description gives the dates of a period
MAX_DESCRIPTION = 1000
MAX_OUTCOME = 300
OTHER_SIDE = {"vcs": "statutory", "statutory": "vcs"}
# The user asks whether their own side broke it ("I'm at the LA. procurement told a charity … are we in breach?")
# "our counselling charity works in three schools": the user's own body, described, is not who acted (not "our local
# council", where the council is only where the user is)
OURS_DESCRIBED = re.compile(r"\b(?:our|my) (?!(?:local|own|county|city|district|borough)\b)[\w'’-]+ $")  # ("my friend's charity")
# "a charity I support", "a group I volunteer with": the user speaks for it (a go-between), so it is not the party that
# acted (not "we": "a charity we support" may be said by its funder)
SPOKEN_FOR = re.compile(r"\s+(?:that |which )?i (?:support|help|volunteer (?:for|with|at)|chair|advise|mentor)\b")
SELF_ACCUSED = re.compile(
    r"\b(?:are|were|is|am) (?:we|i) (?:in breach|breaching|breaking)\b|"
    r"\b(?:have|did|would|could|might) (?:we|i) (?:have )?(?:just )?(?:breached|broken|broke|breach|break)\b",
    re.I,
)

WISH_QUESTION = re.compile(r"^(?:can|could|would|will) (?:they|the|he|she|someone|you)\b", re.I)  # "could they reconsider?"
QUESTION = re.compile(
    # ("so do they HAVE to pay us", "but is that allowed": not "so when we asked them…", an account)
    r"^(?:(?:so|but)\s+(?=(?:how|what|is|are|do|does|did|can|could|should|must|will|would)\b))?"
    r"(?:how|what|whats|what's|when|where|who|whom|why|which|can|could|should|shall|is|are|do|does|"
    r"did|will|would|must|may|might|am|isn'?t|aren'?t|wasn'?t|shouldn'?t|don't|doesn't)\b|"
    r"^anything (?:on|about|re|for|in the compact)\b",  # "anything on leftover money at the end"
    re.I,
)
# A question asked at its end, typed without its mark ("3 months b4 wot exactly")
TRAILING_ASK = re.compile(r"\b(?:before|after|from|of|by|until|for) what(?: exactly)?\W*$|\bwhat exactly\W*$", re.I)
# A question after the time it is about, typed without its mark ("before we sign a grant agreement what is supposed
# to be sorted out"); not "when we asked what was going on…", which tells what happened
FRAMED_QUESTION = re.compile(
    r"^(?:before|after|once|until|if) (?:we|i|you|they|the \w+)(?:'re|'ve|'m)? [^.?!]{2,80}?\b(?:what|how|who|which)"
    r"(?:'?s| is| are| do| does| "
    r"should| must| can| has| have| needs?| happens)\b[^.!]*$",
    re.I,
)
# Words that only mark a question as an aside ("btw", "side question"): compact/context.py drops them too
ASIDE_WORDS = (
    r"btw|by the way|side (?:q|question)|random (?:q|question)|just (?:wondering|curious)|quick one|"
    r"one (?:more |other |last )?(?:q|question|thing)|one more|"
    r"(?:a |on a )?(?:(?:totally|completely|entirely|something) )?(?:different|separate|unrelated|new) "
    r"(?:thing|question|q|topic|note)|"
    r"(?:on )?another (?:thing|question|q|topic|note)|change of (?:subject|topic)|separately|unrelated"
)
ASIDE_WORD = re.compile(ASIDE_WORDS, re.I)
ASIDE_LEAD = re.compile(
    rf"^(?:(?:(?:{ASIDE_WORDS})(?:\s+but)?|quick (?:q|question)|just checking|"
    r"(?:also|oh|and|sorry|hang on|wait|hold on|actually|ps|ok|okay|right|thanks|thank you|cheers|great)\b)\W+)+",
    re.I,
)
UNKNOWN_WORDS = re.compile(
    r"\b(?:don'?t know|do not know|dunno|not sure|no idea|can'?t remember|cannot remember|"
    r"skip|unknown|not known|no dates?)\b",
    re.I,
)
# "sorry, it was 10 days not 10 weeks", "actually it opened 13/6, not 3/6": a date or length said again, correctly
CORRECTION = re.compile(
    r"^(?:(?:sorry|actually|oops|correction|my (?:mistake|bad)|wait|no|hang on)\W+)*"
    r"(?=(?:sorry|actually|oops|correction|my (?:mistake|bad)|i meant?)\b|.*\b(?:actually|i meant?)\b)(?:i meant?\W+)?"
    r"(?P<new>.+?)\s*,?\s+(?:not|rather than|instead of)\s+(?P<old>[^,.;]+?)\W*$",
    re.I,
)
# Going back to what was on hand before a side question ("ok carry on", "back to my issue", "where were we")
RESUME = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|anyway|so|sorry|thanks|cheers|yes|yeah)\W+)*(?:(?:let'?s |please |pls |can we )?"
    r"(?:carry on|continue|crack on|keep going|resume)|where were we|"
    r"(?:let'?s |can we )?(?:go |get |going |getting |coming )?back to (?:it|that|my|our|the) ?"
    r"(?:issue|problem|complaint|case|matter|thing|question)?)(?: then| please| pls| with (?:it|that|my|our|the) ?"
    r"(?:issue|problem|complaint|case|matter|thing)?)?\W*$",
    re.I,
)
RESTART = re.compile(r"\b(?:start (?:again|over|afresh)|restart|from the (?:beginning|top|start)|begin again)\b", re.I)
ABOUT = re.compile(
    r"^(?:(?:it'?s|its|i think|probably|yes|yeah)\W+)?(?:the one|the bit|the commitment|the part|one) "
    r"(?:about|on|that says|saying|where|with|re|regarding)\s+(.+)$|"
    # "the consultation one", "probably the notice bit"
    r"^(?:(?:it'?s|its|i think|probably|yes|yeah|no|more)\W+)*(?:the |that )(?!first|second|third|last|other|next|same)"
    r"((?:[\w-]+ ){1,3}?)(?:one|bit|commitment|part)\W*$",
    re.I,
)
NONE_WORDS = re.compile(
    # "none yet", "none so far": nothing tried yet, not none of the commitments
    r"^(?:none of (?:these|those|them)|none(?! (?:yet|so far)\b)|neither|nope,? none|no,? none|"
    r"not (?:these|those|any of these))\b",
    re.I,
)


def corrected_account(description: str, text: str, today: date) -> str | None:
    """The account with a date or length it gave replaced by the one a correction says ("sorry, the invoice was
    dated 21 May, not 12 May": "…an invoice dated 21 May."), so a message sent on holds no "sorry"; None when the
    correction's old value is not in the account as typed, or its new one is not the same kind of value."""
    m = CORRECTION.match(text)
    if not m:
        return None
    old = m["old"].strip()
    new = " ".join(m["new"].split()[-len(old.split()) :])
    said, was = mentions(new, today), mentions(old, today)
    found = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", description, re.I)
    if not found or len(said) != 1 or len(was) != 1 or type(said[0]) is not type(was[0]):
        return None
    return f"{description[: found.start()]}{new}{description[found.end() :]}"


def none_but(text: str) -> str | None:
    """What the problem is, after "none of those" ("none of those: they changed the terms after we
    signed"), or None when the reply says no more than "none"."""
    none = NONE_WORDS.match(text)
    rest = text[none.end() :].strip(" ,.-:;") if none else ""
    return rest if len(re.findall(r"[^\W\d_]", rest)) >= 12 else None


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words or phrases, as whole words, in any case."""
    return re.compile(rf"\b(?:{alternatives(words)})\b", re.I)


def has_words(text: str) -> bool:
    """At least three letters: enough to be a description or a stated outcome (not "👍" or "ok")."""
    return len(re.findall(r"[^\W\d_]", text)) >= 3


# Another problem told at a step ("also they never let us say anything before they decided"), not an answer to it
ALSO_TOLD = re.compile(
    r"^(?:(?:oh|and|n|ok|okay|but|and oh)\W+)*(?:also|plus|on top of that|as well as that)\W+(?P<told>\w.{11,})$", re.I
)


def is_question(text: str) -> bool:
    """Does this look like a question (a side question, not an answer to ours)? Also after a
    lead-in ("btw whats full cost recovery", "quick q, does it apply to the PCC? we're not a council")."""
    t = text.strip()
    lead = ASIDE_LEAD.match(t)
    if lead:
        t, aside = t[lead.end() :], ASIDE_WORD.search(lead.group())
        # after "different thing", the question may follow what it is about ("… deaf volunteers, is there anything on…")
        clauses = re.split(r"\s*(?:[,;:.]|\s-)\s+", t) if aside else [t]
        return "?" in t or any(QUESTION.match(clause) for clause in clauses)
    return t.endswith("?") or bool(QUESTION.match(t) or FRAMED_QUESTION.match(t) or TRAILING_ASK.search(t))


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
class Reading:
    """What a typed reply means at whatever step the triage is: the slots it fills (several, when
    it says more than was asked; ``None`` clears one), or why it is asked again (``note``), or a
    side request to serve before asking again: a question (``aside``), the message to send
    (``letter``), the number to quote (``quote``), the summary so far (``summary``), the step
    after the one on screen (``ahead``)."""

    fills: Mapping[str, str | None]
    note: str | None = None
    aside: bool = False
    letter: bool = False
    quote: bool = False
    summary: bool = False
    ahead: bool = False  # "then what?" at a step: the step after it
    about_itself: bool = False  # "eh?", "what can we do?": about the triage, never a general interruption

    @property
    def serves(self) -> bool:
        """Does it ask for something the triage gives (the message, the number, the summary, the next step)?"""
        return self.letter or self.quote or self.summary or self.ahead


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
        self.actor_sector = {
            w: s
            for s, c in cues.items()
            for w in c.subjects
            if not w.startswith("our ") and w not in ("they", "them", "groups", "the sector")
        }
        self.actor_words = re.compile(
            r"(?<!our )(?<!my )(?<!their )(?<!its )(?<!your )\b(" + alternatives(self.actor_sector) + r")\b"
        )
        # "our council gave us 4 weeks", "our local council cut our grant": a body "ours" only as where we are, acting on us
        self.ours_acting = re.compile(
            r"\b(?:our|my) (?:local )?(" + alternatives(self.actor_sector) + r")\b(?: [\w']+){0,3}? (?:us|our)\b"
        )
        self.identities = matcher.identities  # who "we" are: "as a commissioner…"
        self.period_names = {  # what people call a measured period ("the consultation", "notice"), and what they don't
            m.id: (_phrases(m.terms), _phrases(m.not_terms) if m.not_terms else None)
            for m in knowledge.measures.values()
            if m.terms
        }
        self.period_lengths = {  # a length said beside the period's name ("4 weeks notice", "the consultation was only 3 weeks",
            # "6 weeks to respond to the consultation")
            m.id: re.compile(
                rf"{LENGTH_TEXT}\s+(?:of\s+)?(?:{named})\b|\b(?:{named})\s+(?:\w+\s+){{0,4}}{LENGTH_TEXT}|"
                rf"{LENGTH_TEXT}\s+(?:to|for)\s+(?:respond\w*|repl\w*|comment\w*) (?:to|on) (?:[\w']+ ){{0,2}}(?:{named})\b"
            )
            for m in knowledge.measures.values()
            for named in [alternatives(m.terms)]
            if m.terms
        }
        self.side_words = {
            s: re.compile(r"\b(" + alternatives({*c.subjects, *c.identities} - {"they", "them"}) + r")\b")
            for s, c in cues.items()
        }

    # --- who and which commitment -------------------------------------------------------------
    def breacher(self, description: str, side: str | None = None) -> str | None:
        """The sector whose commitment is at stake: the other side from the user, or the actor named
        first; a VCS organisation sub-contracting to a VCS user is the VCS."""
        description = without_asides_to_the_bot(description)  # ("you're on the voluntary sector's side, right?")
        if side != "statutory" and vcs_party_acts(description):
            return "vcs"
        own = SELF_ACCUSED.search(description)
        if side in OTHER_SIDE:
            return side if own else OTHER_SIDE[side]
        said = side_said(description)
        if said:
            return said if own else OTHER_SIDE[said]
        low = description.lower()
        for sector, pattern in self.identities.items():
            if pattern.search(low):
                return OTHER_SIDE[sector]
        found = next(
            (
                m
                for m in self.actor_words.finditer(low)
                if not (OURS_DESCRIBED.search(low[: m.start()]) or SPOKEN_FOR.match(low[m.end() :]))
            ),
            None,
        )
        found = found or self.ours_acting.search(low)
        return self.actor_sector[found.group(1)] if found else None

    def side_from(self, message: str) -> str | None:
        """The user's side when an opening message says it, or names who broke the Compact ("the
        council broke it"); a VCS organisation's sub-contractor is the VCS too."""
        said = side_said(message)
        if said or vcs_party_acts(message):
            return said or "vcs"
        sector = self.breacher(message)
        if sector:
            return OTHER_SIDE[sector]
        return "vcs" if OUR_PEOPLE.search(message) else None  # "half our members can't use a computer": a group's people

    def ranked(self, description: str, side: str | None = None) -> list[tuple[Commitment, float]]:
        """Commitments for a description, best first, from the side that made them. A description
        that gives the dates of a period ("told on 5 May that it stops on 20 May") favours the
        commitments whose duty is measured in time."""
        period = date_count(description) >= 2
        sector = self.breacher(description, side)
        best: dict[str, float] = {}
        place: dict[str, int] = {}  # where each entry came in the whole story's ranking
        told = unscened(description)  # who the user is says nothing of which commitment ("we r a small cvs")
        for text in dict.fromkeys((told, focus(description))):  # the story with its dates, and what happened in it
            ranked = [m for m in self.matcher.rank(text, limit=40) if m.kind == "commitment"]
            for n, m in enumerate(ranked):
                if text == told:
                    place[m.entry_id] = n
                if reaches(m, CLARIFY):
                    best[m.entry_id] = max(best.get(m.entry_id, m.score), m.score)
            # the acting side's best match is offered even when the story's words are mostly its own
            # ("monitoring returns every fortnight on a £2,000 grant for our hospital radio": 12.3)
            theirs = next((m for m in ranked if sector in (None, self.knowledge.commitments[m.entry_id].sector)), None)
            if theirs and reaches(theirs, CLARIFY_SURE):
                best[theirs.entry_id] = max(best.get(theirs.entry_id, theirs.score), theirs.score)
        lengthened = self.length_named(description)
        kept = self.kept_by_the_story(description)  # "a letter dated 1 February: it ends 31 May" kept 13.2's three months
        found = [
            (
                self.knowledge.commitments[i],
                score + (PERIOD_BONUS if ((period and self.measure(i)) or i in lengthened) and i not in kept else 0.0),
            )
            for i, score in best.items()
        ]
        # the dates of a period, or its length ("6 weeks to respond to the consultation"), and what the period was
        named = sorted(
            self.periods_named(description, kept) | self.told_short(description), key=lambda i: (place.get(i, len(place)), i)
        )
        if named:  # its duty comes first, clearly (unless the story's dates or length show it kept)
            top = max([PICK_FLOOR, *(score for c, score in found if c.id not in named)])
            found = [(c, score) for c, score in found if c.id not in named]
            found += [(self.knowledge.commitments[i], top + PICK_GAP * (len(named) + 1 - n)) for n, i in enumerate(named)]
        if sector:
            found = [(c, score) for c, score in found if c.sector == sector]
        return sorted(found, key=lambda pair: (-pair[1], pair[0].id))

    def kept_by_the_story(self, description: str) -> set[str]:
        """The time-measured commitments the period a story gives (two dates, or a length) meets: what
        the dates show was kept is not what the story complains of."""
        # the story's dates, read as each measure reads them (which is the start, which year)
        periods: dict[str, Period | None] = {}
        kept = set()
        for c in self.knowledge.commitments.values():
            measure = self.measure(c.id)
            if measure is None:
                continue
            if measure.id not in periods:
                periods[measure.id] = self.story_period(description, measure)
            period = periods[measure.id]
            if period is not None and all(check(f, period).status == "met" for f in c.facts):
                kept.add(c.id)
        return kept

    def told_short(self, description: str) -> set[str]:
        """The time-measured commitments a length told beside its period's name falls short of ("6 weeks to respond
        to the consultation": 3.6 and 4.8), not those it meets or whose period it does not read as that length."""
        short = set()
        for i in self.length_told(description):
            measure = self.measure(i)
            period = self.story_period(description, measure) if measure else None
            if period is not None and any(check(f, period).status == "short" for f in self.knowledge.commitments[i].facts):
                short.add(i)
        return short

    def story_period(self, description: str, measure: Measure) -> Period | None:
        """The period a story's dates or length give, read as ``measure`` reads them (which is the start, which year)."""
        return self.period({START: None, END: None, **self.dates_from(description, measure, date.today())})

    def measures_named(self, text: str) -> set[str]:
        """The measured periods a text names, by what people call them ("consultation", "notice")."""
        return {m for m, (named, _) in self.period_names.items() if named.search(self._unnamed(m, text))}

    def periods_named(self, description: str, kept: set[str] | None = None) -> set[str]:
        """The commitments measuring a period the description gives the dates of and names ("the
        consultation opened on 1 June and shut on 6 July"), unless the dates show them kept (``kept``:
        :meth:`kept_by_the_story`, when the caller has it)."""
        if date_count(description) < 2:
            return set()
        return self.measuring(self.measures_named(description)) - (self.kept_by_the_story(description) if kept is None else kept)

    def length_named(self, description: str) -> set[str]:
        """The commitments measuring the one period a description gives the length of ("the consultation is only
        open for four weeks": 3.6 and 4.8)."""
        named = self.measures_named(description) if gives_a_length(description) else set()
        return self.measuring(named) if len(named) == 1 else set()

    def length_told(self, text: str) -> set[str]:
        """The commitments measuring the one period a reply tells the length of beside its name ("they only gave
        us 4 weeks notice too"), not a length told of something else ("emailed the consultation team 4 months ago")."""
        low = plain(text)
        told = {m for m, said in self.period_lengths.items() if said.search(self._unnamed(m, low))}
        return self.measuring(told) if len(told) == 1 else set()

    def _unnamed(self, measure: str, text: str) -> str:
        """The text without what looks like the period's name but is not ("a redundancy notice")."""
        other = self.period_names[measure][1]
        return other.sub(" ", text) if other else text

    def measuring(self, measures: set[str]) -> set[str]:
        """The commitments whose figures measure one of ``measures`` ("consultation_length": 3.6 and 4.8)."""
        return {c.id for c in self.knowledge.commitments.values() for f in c.facts if f.measure in measures}

    def candidates(self, description: str, side: str | None = None) -> list[Commitment]:
        """The best one to three commitments for a description, from the side that made them."""
        ranked = self.ranked(description, side)
        if not ranked:
            return []
        best = ranked[0][1]
        return [c for c, score in ranked[:MAX_CANDIDATES] if best - score <= CANDIDATE_GAP]

    def best_guess(self, slots: Mapping[str, str | None], among: Sequence[str] = ()) -> dict[str, str | None]:
        """Asked for the message before the commitment is settled: propose the best candidate for
        what was described (the user can still name another), so the message can be written now.
        Asked to choose between numbers ("is it 4.4 or 20.1?"), the one the description fits best."""
        if slots.get(COMMITMENT) == NONE:
            return {}
        description = str(slots.get(DESCRIPTION) or "")
        if among:
            fits = [m.entry_id for m in self.matcher.rank(description, limit=60) if m.entry_id in among]
            pick = (fits or list(among))[0]
            return {COMMITMENT: pick, PROPOSED: pick}
        offered = self.candidates(description, slots.get(SIDE))
        return {COMMITMENT: offered[0].id, PROPOSED: offered[0].id} if offered else {}

    def clear_choice(self, description: str, side: str | None = None) -> Commitment | None:
        """The commitment a description points to clearly enough to go on without asking: the
        best by a margin, or the only one."""
        ranked = self.ranked(description, side)
        if not ranked or ranked[0][1] < PICK_FLOOR:
            return None
        if len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= PICK_GAP:
            return ranked[0][0]
        return None

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
        dates = [START, *([END] if isinstance(self._when(slots.get(START)), OnDate) else [])] if self.measure(commitment) else []
        steps = []
        for slot in STEP_SLOTS:
            steps.append(slot)
            if slots.get(slot) != UNRESOLVED:
                break
        # told what was tried before the dates were asked: on with the steps (the critical friend), then the dates
        need += [*steps, *dates] if slots.get(STEP_SLOTS[0]) == UNRESOLVED else [*dates, *steps]
        if self.stage(slots).resolved_at is None and all(slots.get(s) is not None for s in need):
            need.append(OUTCOME)
        return need

    def next_slot(self, slots: Mapping[str, str | None]) -> str | None:
        return next((s for s in self.required_slots(slots) if slots.get(s) is None), None)

    def back(self, slots: Mapping[str, str | None], set_order: Sequence[str] = ()) -> list[str]:
        """The slots to clear to go back one question: the last answered one and all after it.

        ``set_order``, the slots as the conversation set them (oldest first, again when set again), says which was
        answered last: the questions' order puts the dates after the steps once a step was tried,
        while dates told in the first message were set before any step ("back" after "we emailed
        them, no reply" is about that, not the dates)."""
        order = self.required_slots(slots)
        answered = [s for s in order if slots.get(s) is not None]
        if not answered:
            return []
        recent = [s for s in set_order if s in answered]
        if recent and recent[-1] in STEP_SLOTS:  # a step: it, and the later steps that depend on it
            return [*STEP_SLOTS[STEP_SLOTS.index(recent[-1]) :], OUTCOME]
        last = answered[-1]
        return [*order[order.index(last) :], *(s for s in SLOTS[SLOTS.index(last) :] if s not in order)]

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
                return Answer(problem=say("triage.again_description"))
            if is_question(text) and not describes_event(text):  # "what does VCS stand for?"
                return Answer(aside=True, problem=say("triage.again_description_aside"))
            return Answer(value=text[:MAX_DESCRIPTION])
        if slot == SIDE:
            return self._side(text)
        if slot == COMMITMENT:
            return self._commitment(text, slots)
        if slot in (START, END):
            return self._date(slot, text, slots, today)
        if slot in STEP_SLOTS:
            value = text if text in STEP_VALUES else tried(text)
            if value:
                return Answer(value=value)
            return Answer(aside=is_question(text), problem=say("triage.again_step"))
        if slot == OUTCOME:
            chosen = outcome_named(text)
            if not chosen and reports_contact(text) in (RESOLVED, UNRESOLVED):  # "raised it at the workshop": not a wish
                return Answer(problem=say("triage.again_outcome"))
            if not chosen and is_question(text) and not WISH_QUESTION.match(text):  # "is there also something about…?"
                return Answer(aside=True, problem=say("triage.again_outcome"))
            if not chosen and INTRODUCES.match(text) and side_said(text) and not WISHES.search(text):
                return Answer(problem=say("triage.again_outcome"))
            if chosen or (has_words(text) and not CLOSING_ONLY.match(text) and not BARE_REPLY.match(text)):
                return Answer(value=chosen or text[:MAX_OUTCOME])
            return Answer(problem=say("triage.again_outcome"))
        raise ValueError(f"not a triage slot: {slot}")

    def read(self, raw: str, slots: Mapping[str, str | None], today: date) -> Reading:
        """Read a typed reply (or a button's value) at the current step, whatever it says."""
        text = " ".join(str(raw).split())
        requested = self.next_slot(slots)
        chosen = slots.get(COMMITMENT) not in (None, NONE)
        if told := told_after_restart(text):  # "start over - a different problem: …"
            return Reading(self.restarted(told, slots, today), note=say("triage.restarted"))
        if RESTART.search(text) and len(text.split()) <= 12:  # "hang on, start again, that's not the main thing"
            return Reading({s: None for s in (*SLOTS, *STATE_SLOTS) if slots.get(s) is not None}, note=say("triage.restarted"))
        if RESUME.match(text):  # "carry on" after a side question or a new subject: the question again, not an answer
            back = say("triage.back_to_commitment", id=slots[COMMITMENT]) if chosen else say("triage.back_to_it")
            return Reading({}, note=back, about_itself=True)
        if is_unclear(text):  # "eh?": said again, with how to answer
            return Reading({}, note=say("triage.unclear"), about_itself=True)
        if asks_how_to_raise(text):  # "how do i raise it with them nicely": the message to send them
            return Reading(self.best_guess(slots) if not chosen else {}, letter=True)
        if asks_what_to_do(text):  # "what can we do about it?": what this is for, then the question again
            # (at the steps' and the outcome's questions the steps are being walked: what comes is the summary)
            working_out = "triage.what_to_do_at_steps" if requested in (*STEP_SLOTS, OUTCOME) else "triage.what_to_do"
            return Reading({}, note=say(working_out), about_itself=True)
        waved = not_the_problem(text)  # "the length isn't really the problem, it's that…": the issue told after it
        if chosen and waved:  # ("no its not the notice, we had 4 months. the issue is…": not a date, at the dates question)
            return Reading(self.redo(waved, slots, today))
        # "oh n also they only gave us 4 weeks to respond": that one now (not "also we emailed them twice", what was tried)
        also = ALSO_TOLD.match(text) if chosen and not tried(text) else None
        if also and (other := self.clear_choice(also["told"], slots.get(SIDE))) and other.id != slots.get(COMMITMENT):
            return Reading(self.redo(also["told"], slots, today))
        if chosen and (timed := self.timed_too(text, slots, today)):
            return Reading(timed)
        if fixed := self.corrected(text, slots, today):
            return Reading(fixed, note=say("triage.corrected"))
        if asks_for_letter(text):
            return Reading(self.best_guess(slots) if not chosen else {}, letter=True)
        if asks_for_number(text):  # before the commitment is settled: the likeliest (of those it names), proposed
            named = self.knowledge.commitments_named(text)
            return Reading(self.best_guess(slots, named if len(named) > 1 else ()) if not chosen else {}, quote=True)
        if asks_for_summary(text):
            return Reading({}, summary=True)
        # at the last question too (not a wish), and before the steps ("what if that dont work?" after the route's outline)
        if asks_whats_next(text):
            return Reading({}, ahead=True)
        if NEIGHBOUR_NUMBER.match(text):  # "and the one after": a side question about the commitments, not an answer
            return Reading({}, aside=True)
        proposed = self.knowledge.commitments.get(str(slots.get(PROPOSED)))
        other = self.described(text, [proposed], str(slots.get(DESCRIPTION) or "")) if proposed else None
        if other is not None and other.id != slots.get(COMMITMENT):  # "the consultation one" after another was proposed
            return Reading(self.described_dates({COMMITMENT: other.id, PROPOSED: None, START: None, END: None}, {}, today))
        if slots.get(PROPOSED) and (points_to_it(text) or confirms(text)):  # a bare "yes" just after it: to the proposal
            # agreed: said so, then on with the question on screen
            return Reading({PROPOSED: None}, note=say("triage.agreed", id=slots[PROPOSED]))
        if chosen and requested != COMMITMENT:
            named = self.knowledge.commitments_named(text)
            if len(named) == 1 and named[0] != slots.get(COMMITMENT) and not is_question(text):
                return Reading({COMMITMENT: named[0], PROPOSED: None, START: None, END: None})
            new = none_but(text) if slots.get(PROPOSED) else None
            if new:  # "none of those. they only told us about the terms after we'd signed"
                return Reading(self.redo(new, slots, today))
            if new == "" or (slots.get(PROPOSED) and NONE_WORDS.match(text)):
                return Reading({COMMITMENT: None, PROPOSED: None, START: None, END: None})
        if requested is None:
            return Reading({}, aside=True)
        if requested == COMMITMENT and waved:
            return Reading(self.redo(waved, slots, today))
        if (
            requested == COMMITMENT
            and confirms(text)
            and not ABOUT.match(text)  # ("the consultation one" says which)
            and len(self.candidates(str(slots.get(DESCRIPTION) or ""), slots.get(SIDE))) > 1
        ):
            # "yes that's it": the likeliest, and what else the reply says ("yes. two reminder letters, still nothing")
            guess = self.best_guess(slots)
            return Reading(
                self.described_dates({**guess, **self.said_on_the_way(text, {**slots, **guess}, COMMITMENT, today)}, slots, today)
            )
        if requested == COMMITMENT and (rest := none_but(text)):  # "none of those: they changed the terms after we signed"
            return Reading(self.redo(rest, slots, today))
        raised_since = requested == OUTCOME and slots.get(STEP_SLOTS[0]) == NOT_TRIED and tried(text) == UNRESOLVED
        if raised_since and not BARE_REPLY.match(text):  # (a bare "yes" is no wish, nor news of raising it)
            # "did that, they say it's council policy now. next?": raised with them since, not sorted: on to step 2
            return Reading({STEP_SLOTS[0]: UNRESOLVED})
        answer = self.interpret(requested, text, slots, today)
        if requested in STEP_SLOTS[1:] and answer.value == NOT_TRIED and means_first_step(text):
            return Reading({STEP_SLOTS[0]: NOT_TRIED, **{s: None for s in STEP_SLOTS[1:] if slots.get(s) is not None}})
        if requested in STEP_SLOTS[1:] and answer.value == UNRESOLVED and means_first_step(text) and not YES_TRIED.match(text):
            return Reading({}, note=say("triage.that_was_step1"))  # "we met them again, got nowhere": still step 1
        # "told on the 3rd, ends the 10th" is read as the latest such days, shown back with their month; one bare day
        # ("on the 3rd"): which month, before what else it says
        unclear = isinstance(parse_when(text, today), Unclear) and not bare_days(text, today)
        if requested in (START, END) and answer.value is None and unclear:
            return Reading({}, note=answer.problem)
        fills: dict[str, str | None] = {}
        if answer.value is not None:
            fills[requested] = answer.value
        elif answer.more and tried(text) != NOT_TRIED and not (requested == COMMITMENT and reports_contact(text)):
            # "not yet, wanted to know where we stand" adds nothing to the account; nor does what was tried, told
            # while the commitment is being settled ("we wrote to estates, they said it's a council decision")
            told = f"{slots.get(DESCRIPTION)} {answer.more}"[:MAX_DESCRIPTION]
            side = slots.get(SIDE)
            lost = not self.candidates(told, side) and self.candidates(str(slots.get(DESCRIPTION) or ""), side)
            if not lost:  # more that matches nothing would lose the candidates the account had
                fills[DESCRIPTION] = told
                pick = self.clear_choice(told, side)
                if pick:
                    fills.update({COMMITMENT: pick.id, PROPOSED: pick.id})
        if requested == DESCRIPTION and answer.value is not None:
            fills.update(self.from_description(answer.value, {**slots, **fills}, today))
        elif not (answer.aside and answer.value is None):  # (not "isnt 8 weeks the minimum anyway", a question)
            fills.update(self.said_on_the_way(text, {**slots, **fills}, requested, today))
        if requested == COMMITMENT and COMMITMENT not in fills and STEP_SLOTS[0] in fills:
            fills.update(self.best_guess({**slots, **fills}))  # on to what was tried: go on with the likeliest, proposed
        fills = self.described_dates(fills, slots, today)
        if not fills:
            return Reading({}, note=answer.problem, aside=answer.aside)
        if slots.get(PROPOSED) and PROPOSED not in fills:
            fills[PROPOSED] = None  # answering on accepts the proposed commitment
        if requested in STEP_SLOTS and fills.get(requested) == UNRESOLVED and awaiting_reply(text):
            return Reading(fills, note=say("triage.awaiting_reply"))  # "no reply yet": they may still answer
        if OUTCOME in fills and requested != OUTCOME and requested not in fills:  # "a meeting", typed at a step: kept
            return Reading(fills, note=outcome_note(str(fills[OUTCOME])))
        return Reading(fills)

    def timed_too(self, text: str, slots: Mapping[str, str | None], today: date) -> dict[str, str | None] | None:
        """The dates or length of a period a duty measures, told once a commitment with no figure was settled
        ("they told us on 1 Sept that it stops on 30 Sept as well", after 18.4; "they only gave us 4 weeks notice
        too", after 13.1): that duty now, with the period, the account kept; None when the reply gives no such
        period or the commitment has a figure of its own."""
        if self.measure(slots.get(COMMITMENT)) is not None:
            return None
        timed = self.periods_named(text) or self.length_told(text)
        if not timed:
            return None
        told = f"{slots.get(DESCRIPTION) or ''} {text}".strip()[:MAX_DESCRIPTION]
        duty = next((c.id for c, _ in self.ranked(told, slots.get(SIDE)) if c.id in timed), min(timed))
        measure = self.measure(duty)
        dates = self.dates_from(text, measure, today) if measure else {}
        return {DESCRIPTION: told, COMMITMENT: duty, PROPOSED: duty, START: None, END: None, **dates}

    def corrected(self, text: str, slots: Mapping[str, str | None], today: date) -> dict[str, str | None] | None:
        """A date or length given before, said again correctly ("sorry it was 10 days not 10 weeks",
        "it actually opened 13/6, not 3/6"): the slot holding the old one, changed, and the account too when it
        says the old one as typed; None if the message corrects nothing the triage holds."""
        fixed = self._corrected_dates(text, slots, today)
        account = corrected_account(str(slots.get(DESCRIPTION) or ""), text, today) if fixed else None
        return {**fixed, DESCRIPTION: account} if fixed and account else fixed

    def _corrected_dates(self, text: str, slots: Mapping[str, str | None], today: date) -> dict[str, str | None] | None:
        m = CORRECTION.match(text)
        if not m or self.measure(slots.get(COMMITMENT)) is None:
            return None
        new, old = mentions(m["new"], today), mentions(m["old"], today)
        held = {slot: self._when(slots.get(slot)) for slot in (START, END)}
        month = MONTHS.get(m["old"].strip().lower())
        if len(new) == 1 and isinstance(new[0], OnDate) and month:  # "the 20th of June, not August": the date held in August
            for slot, when in held.items():
                if isinstance(when, OnDate) and when.day.month == month:
                    return {slot: when.day.replace(month=new[0].day.month, day=new[0].day.day).isoformat()}
            return None
        if len(new) != 1 or len(old) != 1:
            return None
        said, was = new[0], old[0]
        if isinstance(said, Length) and isinstance(was, Length):  # "3 weeks not 3 months": the length held, if it was that
            return {START: str(said), END: None} if str(held[START]) == str(was) else None
        if not (isinstance(said, OnDate) and isinstance(was, OnDate)):
            return None
        for slot, when in held.items():  # the date held on the day and month said to be wrong, in its own year
            if isinstance(when, OnDate) and (was.day.month, was.day.day) == (when.day.month, when.day.day):
                return {slot: when.day.replace(month=said.day.month, day=said.day.day).isoformat()}
        return None

    def described_dates(
        self, fills: dict[str, str | None], slots: Mapping[str, str | None], today: date
    ) -> dict[str, str | None]:
        """``fills``, with the dates or length the account gave ("gave us 2 wks to respond") once they
        settle a commitment measured in time: the dates are not asked for again."""
        settled = fills.get(COMMITMENT)
        measure = self.measure(settled) if settled and settled != NONE else None
        if measure is None or slots.get(START) is not None or START in fills:
            return fills
        return {**fills, **self.dates_from(str(fills.get(DESCRIPTION) or slots.get(DESCRIPTION) or ""), measure, today)}

    def from_description(self, description: str, slots: Mapping[str, str | None], today: date) -> dict[str, str | None]:
        """Everything a description answers: the side (if said, or given away by who acted: "the
        hospital trust wants…" comes from the VCS), the commitment (if it points clearly to one), its
        dates (if it has them) and whether it was raised with them already."""
        fills: dict[str, str | None] = {}
        if slots.get(SIDE) is None and (said := self.side_from(description)):
            fills[SIDE] = said
        if slots.get(COMMITMENT) is None:
            pick = self.clear_choice(description, fills.get(SIDE) or slots.get(SIDE))
            if pick:
                fills.update({COMMITMENT: pick.id, PROPOSED: pick.id})
        fills.update(self.said_on_the_way(description, {**slots, **fills}, DESCRIPTION, today))
        told = sentences(description)
        # ("… we haven't raised it. We'd like the decision paused while we agree a plan.": the last question is answered)
        if slots.get(OUTCOME) is None and len(told) > 1 and (wish := wish_stated(told[-1])):
            fills[OUTCOME] = wish
        return fills

    def said_on_the_way(
        self, text: str, slots: Mapping[str, str | None], requested: str | None, today: date
    ) -> dict[str, str | None]:
        """What a reply says besides its answer: dates for a measured duty, and whether step 1
        (raising it directly) was tried, when those questions are still to come."""
        fills: dict[str, str | None] = {}
        measure = self.measure(slots.get(COMMITMENT))
        # the dates, or the two dates where only a length was known ("2 weeks notice", then "they emailed on 3rd june
        # saying it stops 17th june")
        open_dates = slots.get(START) is None or isinstance(self._when(slots.get(START)), Length)
        dated = requested in (START, END)
        found = self.dates_from(text, measure, today) if measure and (dated or open_dates) else {}
        if dated and measure and END not in found:  # "told friday, ends next friday": a date in each clause
            found = self.clause_dates(text, measure, today)
        if dated:  # "got an email on 14 june saying it stops 30 june": both dates at once
            fills.update(found if START in found and END in found else {})
        elif slots.get(START) is None or END in found:
            fills.update(found)
        first, second = STEP_SLOTS[0], STEP_SLOTS[1]
        later = any(slots.get(s) is not None for s in STEP_SLOTS[1:])
        if requested != first and not later and slots.get(COMMITMENT) != NONE:
            contact = reports_contact(text, story=requested == DESCRIPTION)
            if contact and contact != slots.get(first):  # what they say now replaces what an account suggested
                fills[first] = contact
        # (told with the account, when asked which commitment, when asked about step 1, or in a reply to an answer's offer)
        friend = (
            reports_friend(text)
            if requested in (None, DESCRIPTION, COMMITMENT, first) and slots.get(COMMITMENT) != NONE
            else None
        )
        if friend and (fills.get(first) or slots.get(first)) == UNRESOLVED:  # "…then went to the critical friend, still stuck"
            fills[second] = friend
        wanted = outcome_named(text)
        if wanted and requested in STEP_SLOTS and slots.get(OUTCOME) is None:  # "a meeting" at a step: the last question's
            fills[OUTCOME] = wanted
        return fills

    @staticmethod
    def dates_from(text: str, measure: Measure, today: date) -> dict[str, str | None]:
        """START and END from a text that gives both dates, or one date and a length ("told on 2 November that it
        stops in 6 weeks"); START alone from a length ("two weeks' notice")."""
        placed = placed_mentions(text, today)
        found = [when for _, when in placed]
        days = sorted(w.day for w in found if isinstance(w, OnDate))
        lengths = [w for w in found if isinstance(w, Length)]
        if len(days) >= 2:
            start, end = sorted(marked_period(text, placed) or (days[0], days[-1]))
            if not names_a_year(text):  # "ends 30 June, told on 10 May", said in November: this May to this June
                start, end = unyeared_period(start, end, today, measure.start_role == "past")
            if measure.start_role == "past" and start > today:  # a written date still to come, for something that has happened
                return {}
            return {START: start.isoformat(), END: end.isoformat()}
        if lengths and not days:
            return {START: str(lengths[0])}
        if len(lengths) == 1 and len(days) == 1:  # "told on 2 November that it stops in 6 weeks": from then
            told, length = days[0], lengths[0]
            if measure.start_role != "past" or told > today:  # "it ends on 31 January and we got 6 weeks": the date is the end
                return {START: str(length)}
            if dated_as_the_end(text):  # "the consultation closed on 30 November after 4 weeks": the length before it
                return {START: length.before(told).isoformat(), END: told.isoformat()}
            # ("heard on 1 October, and it starts in 2 weeks": from today)
            end = length.after(today if ahead_on_its_own(text, today) else told)
            return {START: told.isoformat(), END: end.isoformat()}
        # "told on 3rd ends 17th": this month's days, or last month's, shown back with the month for the user to correct
        bare = bare_days(text, today) if not days and measure.start_role == "past" else None
        return {START: bare[0].isoformat(), END: bare[1].isoformat()} if bare else {}

    @staticmethod
    def clause_dates(text: str, measure: Measure, today: date) -> dict[str, str | None]:
        """START and END from a reply that gives each in a clause of its own, as an answer may with
        weekdays or "yesterday" ("told friday, ends next friday"), which a description's dates leave out."""
        clauses = [c for c in re.split(r"[,;]|\band\b|\bbut\b|\bthen\b", text) if c.strip()]
        if len(clauses) != 2:
            return {}
        start = parse_when(clauses[0], today, measure.start_role, lengths=False)  # type: ignore[arg-type]
        end = parse_when(clauses[1], today, measure.end_role, lengths=False)  # type: ignore[arg-type]
        if not (isinstance(start, OnDate) and isinstance(end, OnDate)) or end.day < start.day:
            return {}
        return {START: start.day.isoformat(), END: end.day.isoformat()}

    def restarted(self, told: str, slots: Mapping[str, str | None], today: date) -> dict[str, str | None]:
        """Everything emptied but the user's side, then what the new account (``told`` after "start
        over") answers, as an opening description would."""
        fresh: dict[str, str | None] = {s: None for s in (*SLOTS, *STATE_SLOTS) if s != SIDE}
        fresh[DESCRIPTION] = told[:MAX_DESCRIPTION]
        return {**fresh, **self.from_description(told, {**slots, **fresh}, today)}

    def redo(self, description: str, slots: Mapping[str, str | None], today: date) -> dict[str, str | None]:
        """The commitment found was not the real problem: search again on the new description,
        keeping what still holds (the side, what was tried, what they want, and the dates or length
        the first account gave: "2 wks to respond", then "the bigger issue is they never said why")."""
        fills: dict[str, str | None] = {
            DESCRIPTION: description[:MAX_DESCRIPTION],
            COMMITMENT: None,
            PROPOSED: None,
            START: None,
            END: None,
        }
        fills.update(self.from_description(description, {**slots, **fills}, today))
        measure = self.measure(fills.get(COMMITMENT))
        if measure and fills.get(START) is None:
            fills.update(self.dates_from(str(slots.get(DESCRIPTION) or ""), measure, today))
        return fills

    def _side(self, text: str) -> Answer:
        if text in OTHER_SIDE:
            return Answer(value=text)
        said = side_said(text)
        if said:
            return Answer(value=said)
        low = text.lower()
        found = [s for s, pattern in self.side_words.items() if pattern.search(low)]
        if len(found) == 1 and len(text.split()) <= 8:
            return Answer(value=found[0])
        if describes_event(text) and (side := self.side_from(text)):  # "the council cut our grant": we are the other side
            return Answer(value=side)
        return Answer(aside=is_question(text), problem=say("triage.again_side"))

    def _commitment(self, text: str, slots: Mapping[str, str | None]) -> Answer:
        if text == NONE or NONE_WORDS.match(text):
            return Answer(value=NONE)
        ids = self.knowledge.commitments_named(text)
        if len(ids) == 1:
            return Answer(value=ids[0])
        offered = self.candidates(str(slots.get(DESCRIPTION) or ""), slots.get(SIDE))
        picked = choice(text, len(offered))
        if picked is not None:
            return Answer(value=offered[picked].id)
        described = self.described(text, offered, str(slots.get(DESCRIPTION) or ""))
        if described is not None:  # (before a lone candidate is confirmed: "the consultation one" may name another)
            return Answer(value=described.id)
        if len(offered) == 1 and confirms(text):
            return Answer(value=offered[0].id)
        # "it's now July and still nothing … is that normal?": more of the account, asking only whether it is right
        if is_question(text) and not (describes_event(text) and EVALUATIVE.search(text)):
            return Answer(aside=True, problem=say("triage.again_commitment_aside"))
        if tried(text) and len(text.split()) <= SHORT_STEP_REPLY:  # "not raised it formally": for the steps, said on the way
            return Answer(problem=say("triage.again_commitment"))
        if has_words(text):
            return Answer(more=text)
        return Answer(problem=say("triage.again_commitment"))

    def described(self, text: str, offered: list[Commitment], description: str = "") -> Commitment | None:
        """The commitment a reply picks by what it is about ("the one about protected characteristics",
        "the consultation one"): the offered one whose summary and wording share the most of its words,
        clearly; else, when none of them does, the best for the account that does."""
        m = ABOUT.match(text)
        if not m:
            return None
        what = (m.group(1) or m.group(2)).strip()
        keys = set(self.matcher.analyzer.keys(what))

        def says_it(c: Commitment, place: bool = False) -> bool:  # (``place``: or its section's or theme's title)
            said = self.knowledge.entry_wording(c.id) + (f" {c.section.title} {c.section.theme.title}" if place else "")
            return bool(keys & set(self.matcher.analyzer.keys(said)))

        if m.group(2):  # "the equality one": the one offered it names, wording or heading; none named: another
            naming = [c for c in offered if says_it(c, place=True)]
            if naming:
                return naming[0] if len(naming) == 1 else None
        else:
            picked = self.matcher.picked_by_words(what, [c.id for c in offered])
            if picked:
                return self.knowledge.commitments[picked]
        if not keys or any(says_it(c) for c in offered):
            return None
        # what it names and what the account tells, together, among the acting side's commitments that name it
        named = {m.entry_id: m.score for m in self.matcher.rank(what, limit=80)}
        told = {m.entry_id: m.score for m in self.matcher.rank(description, limit=80)} if description else {}
        sector = self.breacher(description) if description else None
        fitting = [c for c in self.knowledge.commitments.values() if sector in (None, c.sector) and says_it(c)]
        return min(fitting, key=lambda c: (-(named.get(c.id, UNRANKED) + told.get(c.id, UNRANKED)), c.id), default=None)

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
                return Answer(problem=say("triage.date_before", date=spoken(start.day), label=measure.start_label))
            return Answer(value=when.day.isoformat())
        return Answer(aside=is_question(text), problem=say("triage.again_date"))

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

NOT_CONTROL = re.compile(
    r"\b(?:(?:call|ring|get|hear|writ|com(?:e|ing)|phone|report|feed|pay|giv|hold|cut|scal|claw|push|bounc)\w*|"
    r"tak\w*(?! (?:me|us) back)|rang|rung|got|heard|wrote|came|fed|paid|gave|held|took)"
    r"(?:\s+\w+)?\s+back\b|\b(?:nothing|anything|no (?:reply|response|word|answer)|not heard)\s+back\b|"
    r"\bback\s+(?:to us|in touch|pay|payment|funding|date|office)\b|\bnever (?:started|began)\b",
    re.I,
)


# A message that opens with a control word and goes on to give a reason ("actually stop, I need to
# check with my manager first"): a control message however long, whatever the classifier says.
STOP_LEAD = r"^(?:(?:actually|ok(?:ay)?|oh|wait|hang on|sorry|no)\W+){0,2}"  # what may come before a stop word
STOP_WORDS = r"stop|cancel|never ?mind|forget it"
RESTART_OPENER = r"^(?:(?:actually|ok(?:ay)?|sorry|no)\W+){0,2}"  # what may come before "start again"
CONTROL_OPENING = {
    # ("actually no leave it, ill talk to my chair first"; not "leave it with me" nor "leave it to us")
    "stop": re.compile(
        rf"{STOP_LEAD}(?:(?:{STOP_WORDS}|let'?s stop)\b(?! \w+ing)|"
        r"leave it(?: for (?:now|the moment|today))?(?=\s*(?:[,.;!-]|$)))",
        re.I,
    ),
    "start_over": re.compile(rf"{RESTART_OPENER}(?:start (?:again|over)|restart)\b", re.I),
}


def is_control(intent: str | None, text: str, max_words: int = 8) -> bool:
    """A control message ("stop", "go back", "start again"): the classifier says so, the words say so,
    and it is short and not a question, so "don't know", "they stopped our funding last month" or
    "what if they don't bother?" stay what they are."""
    if control_opening(text) == intent:
        return True
    pattern = CONTROL_WORDS.get(intent or "")
    words = NOT_CONTROL.sub(" ", text)  # "no call back", "they cut it back": not "go back"
    return bool(pattern and pattern.search(words)) and len(text.split()) <= max_words and not is_question(text)


def control_opening(text: str) -> str | None:
    """The control a message opens with ("stop, I need to check first"), or None."""
    t = " ".join(text.split())
    return None if is_question(t) else next((name for name, p in CONTROL_OPENING.items() if p.match(t)), None)


RESTART_LEAD = re.compile(
    rf"{RESTART_OPENER}(?:{RESTART.pattern})\W*(?:(?:there'?s|it'?s) (?:actually )?"
    r"(?:a )?(?:different|another|new|other) (?:problem|issue|thing)\W*)?",
    re.I,
)
TOLD_WORDS = 5  # what follows "start over" is a new account when at least this long
# "start again - actually my real issue is they asked us for…": what follows is the account, whatever its verbs
ISSUE_IS = re.compile(rf"^(?:(?:actually|sorry|ok(?:ay)?|no)\W+)*(?:my|the|our) (?:{WEIGHTY} )?{ISSUE}(?: that)?\W+", re.I)
# what follows "start over" that tells of the user's own slip, not of what happened ("i got the dates wrong")
OWN_SLIP = re.compile(
    r"\b(?:i|we) (?:got|put|typed|gave|said|wrote|had|did) (?:\w+ ){0,3}(?:wrong|wrongly|incorrectly)\b|"
    r"\b(?:my|our) (?:mistake|bad|fault|error)\b|\b(?:i|we) made a (?:mistake|typo|mess)\b|\btypo\b",
    re.I,
)


def told_after_restart(text: str) -> str | None:
    """The new account a "start over" goes on to give ("start over - there's actually a different
    problem. The lead charity is ignoring the Compact with its subcontractors."), or None."""
    t = " ".join(text.split())
    m = RESTART_LEAD.match(t)
    rest = t[m.end() :].strip(" -:,.") if m else ""
    rest = re.sub(r"^(?:please|pls|thanks)\W+", "", rest, flags=re.I)
    issue = ISSUE_IS.match(rest)
    rest = rest[issue.end() :] if issue else rest
    told = len(rest.split()) >= TOLD_WORDS and (issue or describes_event(rest))
    return rest if told and not OWN_SLIP.search(rest) else None
