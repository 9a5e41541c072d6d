"""One object the Rasa actions (and the evaluation) share: knowledge, matcher, settings."""

from __future__ import annotations

import functools
import re

from compact.context import ANY_PARTY, COVERAGE_TOPIC, SAME_SIDE, Conversation, Move, asks_for_duties, asks_if_a_breach
from compact.knowledge import Knowledge, cached
from compact.matcher import Matcher
from compact.replies import (
    ESCALATION_TOPIC,
    Reply,
    commitment_button,
    commitment_reply,
    decision_reply,
    entry_reply,
    figure_note,
    gist,
    missing_number_reply,
    section_also,
    section_number,
)
from compact.replies import told as told_for
from compact.routing import Decision, decide
from compact.settings import resolve, settings as configured
from compact.text import sentences
from compact.triage import Triage, is_question
from compact.triage_replies import TriageReplies
from compact.typed_replies import asks_who_decides, describes_event, side_said
from compact.wording import say, spoken_list

# A sentence saying what the Compact sets: "the Compact caps…", "according to the Compact we have…"
CLAIMED = re.compile(
    r"\bcompact\b[^.?!]{0,15}?\b(?:says?|said|gives?|requires?|sets?|states?|caps?|limits?|allows?|means?|stipulates?|asks?|"
    r"bans?|forbids?|expects?|insists?|demands?)\b|"
    # "I read that under the Compact…", "my boss says the Compact…"
    r"\b(?:i (?:read|heard|was told|'?ve heard|have heard)|(?:my|our) (?:boss|manager|chair|ceo|colleague|treasurer|officer) "
    r"(?:says|said|told)|apparently)\b[^.?!]{0,40}\bcompact\b|"
    r"^\W*(?:under|according to|in) the compact\b|"  # not "is that allowed under the compact?"
    # "…, according to the Compact", "… under the Compact, right?", "that's in the Compact isn't it?"
    r"\baccording to the compact\b|\b(?:under|in|by) the compact\W{0,3}(?:right|yes|correct|true|surely|isn'?t it|"
    r"aren'?t they|don'?t they|doesn'?t it|can'?t they|can'?t we|don'?t we)\b|\bthat'?s in the compact\b",
    re.I,
)
# A rule stated, not an event told ("funders must pay within 30 days", "grants over £5k need three quotes")
RULE_STATED = re.compile(
    r"(?<!\bwe )(?<!\bi )(?<!\bwe'd )\b(?:must|has to|have to|should|shall|needs? to|required|entitled|obliged|at least|"
    r"minimum|maximum|no more than|"
    r"up to|cap(?:s|ped)?|within|always|never)\b",
    re.I,
)
# What "ok" after an answer is met with, by what it said beside taking it in (thanks, praise)
NOTED: dict[tuple[str, ...], str] = {("thanks",): "followup.thanked", ("praised",): "followup.praised"}
INTRODUCED = {"vcs": "followup.introduced_vcs", "statutory": "followup.introduced_statutory"}  # by the side said
COMMON_IN_PRINCIPLES = 3  # a word in this many principles' wording ("sector", "voluntary") says nothing about one
# What the draft does not say, by the detail a follow-up asks about (compact/context.py: DETAILS).
SILENT_ON = {
    "reasons": "followup.silent_on.reasons",
    "writing": "followup.silent_on.writing",
    "figure": "followup.silent_on.figure",
    "decider": "followup.silent_on.decider",
    "amount": "followup.silent_on.amount",
    "size": "followup.silent_on.size",
    "exceptions": "followup.silent_on.exceptions",
    "method": "followup.silent_on.method",
    "definition": "followup.silent_on.definition",
    "form": "followup.silent_on.form",
    "said": "followup.silent_on.said",
}


# What the draft does say, by the detail a short follow-up asks about ("can they do that by email?" after 13.2).
COVERED = {"writing": "followup.covered.writing"}


WHAT_IT_IS_TOPIC = "what_is_compact"
# "is the compact legally binding?", "can a court enforce it?", "does it have any legal force?"
ASKS_LEGAL_FORCE = re.compile(
    r"\blegally\b|\bbinding\b|\benforce(?:able|d)?\b|\blegal (?:force|status|standing|weight)\b|"
    r"\b(?:in|by|under) (?:law|a court)\b",
    re.I,
)


def silence_lead(question: str, shown: str | None) -> str | None:
    """What the draft does not say that a question asks, said before the answer: who decides whether it was a
    breach ("would that be a breach or am I being harsh?", before the route), whether the Compact binds in law
    ("is this compact legally binding?", before what it is)."""
    if shown == ESCALATION_TOPIC and (asks_who_decides(question) or asks_if_a_breach(question)):
        return say("triage.who_decides")
    if shown == WHAT_IT_IS_TOPIC and ASKS_LEGAL_FORCE.search(question):
        return say("topic.legal_force")
    return None


class Assistant:
    def __init__(self, knowledge: Knowledge, settings: dict[str, str] | None = None) -> None:
        self.knowledge = knowledge
        self.matcher = Matcher(knowledge)
        self.settings = configured().deployment if settings is None else settings
        self.triage = Triage(knowledge, self.matcher)
        said = {name: set(self.matcher.analyzer.keys(p.text)) for name, p in knowledge.principles.items()}
        common = {k for words in said.values() for k in words if sum(k in w for w in said.values()) >= COMMON_IN_PRINCIPLES}
        self.principle_words = {name: words - common for name, words in said.items()}  # what each one's wording is about
        self.triage_replies = TriageReplies(self.triage, self.settings)
        self.conversation = Conversation(knowledge, self.matcher, self.triage)

    def decide(self, question: str, intent: str | None = None, confidence: float = 0.0) -> Decision:
        return decide(self.matcher.rank(question), intent, confidence, self.matcher.neighbour(question))

    def answer_for(self, decision: Decision, reader: str | None = None) -> Reply | None:
        """The reply to a routing decision, or None when the question is outside the Compact.
        ``reader``: the side the user said they are on (``typed_replies.side_said``)."""
        return decision_reply(self.knowledge, decision, self.settings, reader)

    def answer(self, question: str, intent: str | None = None, confidence: float = 0.0) -> Reply | None:
        return self.answer_for(self.decide(question, intent, confidence))

    def show(self, entry_id: str, reader: str | None = None) -> Reply | None:
        return entry_reply(self.knowledge, entry_id, self.settings, reader)

    def principles_reply(self, names: tuple[str, ...], asked_of: str | None) -> Reply:
        """The principles asked for; asked of a commitment ("which principle does that come from?"), led by
        where that commitment sits."""
        c = self.knowledge.commitments.get(str(asked_of))
        if c is None:
            return self.shown_together(names)
        at = c.section
        return self.shown_together(
            names, [say("followup.its_principles", id=c.id, number=at.number, title=at.title, theme=at.theme.title)]
        )

    def shown_together(self, entry_ids: tuple[str, ...], lead: list[str] | None = None) -> Reply:
        """Several entries in full, one after another (under ``lead``), with all their buttons."""
        replies = [r for r in (self.show(i) for i in entry_ids) if r]
        return Reply("\n\n".join([*(lead or []), *(r.text for r in replies)]), tuple(b for r in replies for b in r.buttons))

    def misnumbered_lead(self, move: Move, reader: str | None = None) -> str:
        """That the number named is about something else, and which one the message describes."""
        named = self.knowledge.commitments[move.entries[0]]
        return say("misnumbered.lead", number=named.id, gist=gist(told_for(named, reader)).rstrip("…"), id=move.entry)

    def reply_for(self, move: Move, question: str, reader: str | None = None) -> Reply | None:
        """The answer a move asks for (None: outside the Compact). The breach triage's moves
        (start, accept, tried, letter, summary) are the actions' to carry out. ``reader``: the side
        the user said earlier in the conversation, for a message that says none."""
        if move.kind == "missing":
            described = move.decision.matches[0].entry_id if move.decision and move.decision.kind == "answer" else None
            return missing_number_reply(self.knowledge, str(move.entry), self.show(described) if described else None)
        if move.kind == "misnumbered":  # "9.2 says they have to give feedback if our bid fails, right?": 9.3
            return (self.show(str(move.entry), reader) or Reply("")).led(self.misnumbered_lead(move, reader))
        if move.kind == "principles":
            return self.principles_reply(move.entries, move.entry)
        if move.kind == "unranked":
            return Reply(say("followup.unranked", ids=spoken_list([f"**Commitment {i}**" for i in move.entries])))
        if move.kind in ("several", "compared"):
            return self.several_reply(move.entries, compared=move.kind == "compared")
        if move.kind == "introduced":  # "hiya im treasurer of a small youth club": what they would like to know
            return Reply(say(INTRODUCED[move.entries[0]]))
        if move.kind == "noted":  # "ok" (or "gr8 ta") after an answer
            return Reply(say(NOTED.get(move.entries, "followup.noted")))
        if move.kind == "corrected":  # "sorry i meant the CCG not the county council": the same side's duty
            corrected = self.knowledge.commitments[str(move.entry)]
            return Reply(say("followup.who_corrected", id=corrected.id, sector=corrected.sector_label))
        if move.kind == "side_noted":  # "we're a charity" after an answer that stands for them: whose duty it is
            noted = self.knowledge.commitments[str(move.entry)]
            whose = "followup.side_noted_own" if noted.sector == move.entries[0] else "followup.side_noted_other"
            lines = [say(whose, id=noted.id, sector=noted.sector_label)]
            # "we're a charity" after the council's duty: the charity's part of it too, where the document pairs one
            partner = self.knowledge.commitments[move.entries[1]] if len(move.entries) > 1 else None
            if partner:
                lines.append(say("followup.paired_item", id=partner.id, sector=partner.sector_label, summary=partner.summary))
            return Reply("\n\n".join(lines), (commitment_button(partner),) if partner else ())
        if move.kind == "unclear":  # "eh?" after an answer: put plainly
            c = self.knowledge.commitments.get(str(move.entry))
            if move.entries == ("offer",) and c is not None:
                return Reply(say("followup.unclear_offer", id=c.id, summary=c.summary))
            return Reply(say("followup.unclear_commitment", id=c.id, summary=c.summary) if c else say("followup.unclear"))
        if move.kind == "not_followed":  # a follow-up nothing here reads: said so, with what the last answer was about
            c = self.knowledge.commitments.get(str(move.entry))
            if c is not None:
                return Reply(say("followup.not_followed_commitment", id=c.id, summary=c.summary))
            number = section_number(move.entry)
            if number is not None:  # after "whats 12.2 then": the section the draft has
                title = next(s.title for s in self.knowledge.sections if s.number == int(number))
                return Reply(say("followup.not_followed_section", number=number, title=title))
            return Reply(say("followup.not_followed", title=self.knowledge.entry_title(str(move.entry))))
        if move.kind == "abbreviation":  # "what does CCG stand for?": spelt out, then the entry about it
            short = self.knowledge.abbreviations[move.entries[0]]
            about_it = self.show(short.entry)
            spelt = say("answer.abbreviation", short=short.short, long=short.long)
            return about_it.led(spelt) if about_it else Reply(spelt)
        if move.kind == "quote":
            return Reply(self.triage_replies.quote_entry(str(move.entry)))
        if move.kind == "is_breach" and (duty := self.knowledge.commitments.get(str(move.entry))) is not None:
            return Reply(say("followup.is_breach", id=duty.id, text=duty.text))
        if move.kind == "if_not":
            route = self.show(ESCALATION_TOPIC)
            if route and move.entry in self.knowledge.commitments:
                wording = self.knowledge.commitments[str(move.entry)].text
                return route.led(say("followup.if_not", id=move.entry, text=wording))
            return route
        if move.kind == "silent" and move.entry in self.knowledge.topics:  # "a deadline for complaining?": the route's
            topic = self.show(str(move.entry))
            title = self.knowledge.topics[str(move.entry)].title
            lead = say("followup.silent_topic", title=title, what=say(SILENT_ON[move.entries[0]]))
            return topic.led(lead) if topic else None
        if move.kind == "silent" and move.entry:  # the draft does not say: what it does say
            c = self.knowledge.commitments[move.entry]
            lines = [say("followup.silent", id=c.id, what=say(SILENT_ON[move.entries[0]]), text=c.text)]
            # the figure nearest it: a related one of its section, else any of its section ("how long?" after 4.1: 4.8)
            nearest = self.conversation.timed_beside(c.id) if move.entries[0] == "figure" else None
            if nearest is not None:  # "is there an actual number?" after 3.2: 3.6's 12 weeks
                timed = self.knowledge.commitments[nearest]
                lines.append(say("figure.nearby", id=timed.id, figure=timed.facts[0].phrase(), duty=timed.facts[0].duty))
            return Reply("\n\n".join(lines))
        if move.kind == "followup" and move.entries == (ANY_PARTY,) and (route := self.show(str(move.entry))) is not None:
            return route.led(say("followup.route_any_party"))
        same_side = self.knowledge.commitments.get(str(move.entry)) if move.entries == (SAME_SIDE,) else None
        if same_side and (again := self.show(same_side.id)) is not None:  # "same for the NHS?": the whole side, then it
            lead = say("followup.same_side", id=same_side.id, sector=same_side.sector_label)
            return again.led(lead)
        covered = COVERED.get(move.entries[0]) if move.kind == "followup" and move.entries else None
        if covered and (duty := self.knowledge.commitments.get(str(move.entry))) is not None:
            return Reply(say("followup.covered_lead", id=duty.id, what=say(covered), text=duty.text))
        if move.kind == "floor" and (duty := self.knowledge.commitments.get(str(move.entry))) is not None:
            # the duty's own allowance for a shorter time ("explain why"), then the floor; the thread stays with the duty
            floor = self.show(move.entries[0])
            lead = say("followup.floor", id=duty.id, wording=duty.text)
            return floor.led(lead) if floor else None
        if move.kind == "placed" and (at := self.knowledge.commitments.get(str(move.entry))) is not None:
            s = at.section
            return Reply(say("followup.placed", id=at.id, number=s.number, title=s.title, theme=s.theme.title, text=at.text))
        if move.kind == "offer":
            return Reply(say("triage.offer"))
        if move.kind == "other_side" and move.entry and move.entries:
            return self.other_side_reply(move.entries[0], move.entry, question)
        reply: Reply | None
        shown: str | None = None  # the entry answered, for what a principle behind it says
        duties = asks_for_duties(question)  # "what does the compact expect of us on monitoring?"
        least = 2  # the principle's words the question must use (one is enough to ask on about the same duty)
        reader = side_said(question) or reader  # (this message's side, else the one said earlier)
        # (a complaint answered by a principle, Independence for 3.1, keeps the principle's answer: the last branch)
        principled = move.decision is not None and move.decision.kind == "answer" and move.decision.matches[0].kind == "principle"
        if move.kind == "complaint" and move.entry and not principled:  # under it, what else the story might be about
            near = tuple(c.id for c, _ in self.triage.ranked(question)[:3])
            # (the question's own best match first, when the story's dates chose another: "… one day to respond" 13.3
            # under 9.2)
            decided = move.decision.matches[:1] if move.decision and move.decision.kind == "answer" else ()
            alternatives = (*(m.entry_id for m in decided), *(move.decision.alternatives if move.decision else ()), *near)
            known = self.knowledge.commitments
            others = tuple(a for a in dict.fromkeys(alternatives) if a != move.entry and a in known)[:2]
            reply = commitment_reply(self.knowledge, self.knowledge.commitments[move.entry], others, reader=reader)
        elif move.kind == "followup" and move.decision and (c := self.knowledge.commitments.get(str(move.entry))):
            reply = commitment_reply(self.knowledge, c, move.decision.alternatives, reader=reader)  # in context, with runners-up
            shown, least = str(move.entry), 1
        elif move.kind in ("other_side", "more", "followup", "chosen") and move.entry:
            reply = self.show(move.entry, reader)
            shown, least = str(move.entry), 1 if move.kind == "followup" else 2
        elif move.decision is not None:
            shown = move.decision.matches[0].entry_id if move.decision.kind == "answer" else None
            # all a side is expected to do: the section's list below stands for the close alternatives
            listed = shown in self.knowledge.commitments and duties
            reply = self.show(str(shown), reader) if listed else self.answer_for(move.decision, reader)
        else:
            return None
        said = self.principle_says(question, shown, least) if reply and shown else None
        if reply and said:
            reply = Reply(f"{reply.text}\n\n{said}", reply.buttons)
        # "does the compact say anything about sign language at all?": that those words are not in it, before the nearest
        outside = move.decision is not None and (move.decision.neighbour is not None or move.decision.kind == "out_of_scope")
        if reply and not outside and move.kind != "silent" and (absent := self.conversation.words_not_printed(question)):
            reply = reply.led(say("topic.not_printed", words=absent))
        if reply and shown == COVERAGE_TOPIC and (body := self.conversation.unnamed_body(question)):
            reply = reply.led(say("topic.not_named", body=body))
        if reply and (unsaid := silence_lead(question, shown)):
            reply = reply.led(unsaid)
        around = move.kind == "more" and move.entries == ("around",)  # "tell me more": the rest of its section, both sides
        duty = self.knowledge.commitments.get(shown) if shown and (duties or around) else None
        also = section_also(self.knowledge, duty, reader) if duty else None
        if duty is not None and around:
            pairs = [self.knowledge.commitments[p] for p in duty.counterparts]
            paired = [say("followup.paired_item", id=p.id, sector=p.sector_label, summary=p.summary) for p in pairs]
            also = "\n\n".join(x for x in (also, "\n".join(paired)) if x) or None
        if reply and also:  # all that side is expected to do there, not just the best one
            reply = Reply(f"{reply.text}\n\n{also}", reply.buttons)
        # A figure in a complaint, or in any account without a question, is what happened ("they gave us 3 weeks",
        # "we get £3k a year"), not a claim about the Compact, unless it is said to be the Compact's ("our funder
        # says the Compact gives us 14 days").
        told = describes_event(question) and "?" not in question
        parts = sentences(question)
        claims = [s for s in parts if CLAIMED.search(s)]
        if (
            reply is not None
            and (claims or (move.kind != "complaint" and not told))
            and move.decision is not None
            and move.decision.kind == "answer"
        ):
            # what it asks or claims, not what happened ("emailed them, no answer in 5 weeks.")
            # (a statement that neither asks nor states a rule, "our bid had £1,200 for travel", asserts nothing)
            asked = " ".join(s for s in parts if is_question(s) or s in claims or RULE_STATED.search(s))
            note = figure_note(self.knowledge, move.entry or move.decision.matches[0].entry_id, asked) if asked else None
            if note:
                return reply.led(note)
        return reply

    def several_reply(self, ids: tuple[str, ...], compared: bool) -> Reply:
        """Each commitment a message names, in full; compared ("the difference between…"), side by side:
        whom each binds and what it asks, and whether the document pairs them as the two sides of one duty."""
        if not compared:
            return self.shown_together(ids)
        duties = [self.knowledge.commitments[i] for i in ids]
        lines = [say("followup.compared", ids=spoken_list([f"**Commitment {c.id}**" for c in duties]))]
        lines += [say("followup.compared_item", id=c.id, sector=c.sector_label, summary=c.summary, text=c.text) for c in duties]
        if len(duties) == 2 and duties[1].id in duties[0].counterparts:
            lines.append(say("followup.paired", first=duties[0].id, second=duties[1].id))
        return Reply("\n\n".join(lines))

    def other_side_reply(self, asked_of: str, other: str, question: str) -> Reply | None:
        """The other side's commitment, led by whom ``asked_of`` binds ("does that apply to us too?" is
        answered before the other side's duty is shown), with that side's others that come close."""
        was, now = self.knowledge.commitments.get(asked_of), self.knowledge.commitments.get(other)
        if was is None or now is None or was.sector == now.sector:
            return self.show(other)
        reply = commitment_reply(self.knowledge, now, self.conversation.other_side_close(question, asked_of, other))
        lead = say("followup.other_side", id=was.id, sector=was.sector_label, other=now.sector_label)
        return reply.led(lead)

    def principle_says(self, question: str, entry_id: str, least: int = 2) -> str | None:
        """The wording of a principle the commitment puts into practice, when the question asks about
        what that wording says and the commitment's does not ("our right to campaign" under 3.1,
        "respect our independence": the Independence principle names the right to campaign)."""
        c = self.knowledge.commitments.get(entry_id)
        if c is None:
            return None
        # (the commitment's words as the conversation keeps them: analysing its text at every answer was 6% of the action server)
        asked = set(self.matcher.analyzer.keys(question)) - self.conversation.wording_keys(entry_id)
        for name in c.principles:
            p = self.knowledge.principles[name]
            if len(asked & self.principle_words[name]) >= least:
                return say("answer.principle_says", name=p.name, wording=p.text)
        return None

    def contacts(self) -> Reply:
        """Who to talk to: the configured contacts, or what the draft says while they are to be added."""
        contacts = self.show("contacts")
        lines = [
            say("handoff.automated"),
            "",
            contacts.text if contacts else "",
            "",
            resolve(self.knowledge, "critical_friend", self.settings),
        ]
        return Reply("\n".join(lines))


@functools.lru_cache(maxsize=1)
def shared() -> Assistant:
    """The process-wide assistant, built on first use (spaCy and the index load once)."""
    return Assistant(cached())
