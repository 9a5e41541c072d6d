"""Composing reply text and buttons from the knowledge. Channel-neutral: text uses a small
Markdown subset (bold, lists) that the widget renders and plain clients show readably."""

from __future__ import annotations

import json
import re
from datetime import date
from dataclasses import dataclass, field
from typing import Mapping

from compact.dates import LENGTH, WORKING_DAYS, parse_when
from compact.knowledge import Commitment, Knowledge, Principle, Topic
from compact.quantities import spelt
from compact.routing import Decision
from compact.settings import resolve
from compact.wording import say, spoken_list

SHOW_ENTRY = "show_entry"
REPORT_BREACH = "report_breach"
ESCALATION_TOPIC = "escalation"
PRINCIPLES_OVERVIEW = "principles_overview"  # the topic listing every principle
MAX_CLOSE = 2  # close runners-up named in an answer's text
MAX_RELATED = 3


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)

    def led(self, lead: str) -> Reply:
        """This reply with a line before it ("The Compact doesn't say who decides…" before the route), same buttons."""
        return Reply(f"{lead}\n\n{self.text}", self.buttons)


def intent_payload(intent: str, **entities: str) -> str:
    """A button payload that bypasses NLU: ``/show_entry{"entry_id": "13.1"}``."""
    return f"/{intent}" + (json.dumps(entities) if entities else "")


def show_payload(entry_id: str) -> str:
    return intent_payload(SHOW_ENTRY, entry_id=entry_id)


def shown_by(payload: str) -> str | None:
    """The entry a button shows (the reverse of :func:`show_payload`), else None."""
    head = f"/{SHOW_ENTRY}"
    if not payload.startswith(head + "{"):
        return None
    try:
        entry = json.loads(payload[len(head) :]).get("entry_id")
    except (ValueError, AttributeError):
        return None
    return entry if isinstance(entry, str) else None


def triage_payload(entry_id: str | None = None) -> str:
    """Start the guided breach triage, optionally about one commitment: ``/report_breach{"entry_id": "13.2"}``."""
    return intent_payload(REPORT_BREACH, entry_id=entry_id) if entry_id else intent_payload(REPORT_BREACH)


def short(text: str, limit: int = 60) -> str:
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def commitment_button(c: Commitment, limit: int = 60, reader: str | None = None) -> Button:
    return Button(say("answer.commitment_button", id=c.id, summary=short(told(c, reader), limit)), show_payload(c.id))


def citation(c: Commitment) -> str:
    return say(
        "answer.citation",
        id=c.id,
        sector=c.sector_label,
        section_number=c.section.number,
        section_title=c.section.title,
        theme=c.section.theme.title,
    )


def option(c: Commitment) -> str:
    """One commitment in a list to choose from."""
    return say("choose.option", id=c.id, sector=c.sector_label, summary=c.summary)


# The plain summaries speak to a VCS reader ("your organisation should…", "the funder should give you…")
SPEAKS_TO_YOU = re.compile(r"\byou(?:rs?)?\b", re.IGNORECASE)


def speaks_past(c: Commitment, reader: str | None) -> bool:
    """Would the plain summary speak to this reader as the VCS organisation? (A council officer asking
    about a charity's reports is not "your organisation".)"""
    return reader == "statutory" and bool(SPEAKS_TO_YOU.search(c.summary))


def told(c: Commitment, reader: str | None) -> str:
    """The commitment in brief for this reader: its plain summary, else the Compact's own words."""
    return c.text if speaks_past(c, reader) else c.summary


def opening(c: Commitment, reader: str | None) -> str:
    """The answer's opening: the plain summary, or, when it would speak past the reader, whose
    commitment it is in the Compact's own words."""
    if speaks_past(c, reader):
        doer = say("answer.vcs_doer") if c.sector == "vcs" else say("answer.statutory_doer")
        return say("answer.commitment_to_statutory", doer=doer, citation=citation(c), wording=c.text)
    return say("answer.commitment", summary=c.summary, citation=citation(c), wording=c.text)


def commitment_reply(
    k: Knowledge, c: Commitment, alternatives: tuple[str, ...] = (), also: str | None = None, reader: str | None = None
) -> Reply:
    """The answer; under it, the answer to a second question in the same message, the commitments that
    came close to it (if any), then related ones. ``reader``: the side the user said they are on."""
    paragraphs = [opening(c, reader)]
    second = k.commitments.get(also or "")
    if second is not None and second.id != c.id:
        if speaks_past(second, reader):
            words = say("answer.also_asked_in_its_words", id=second.id, sector=second.sector_label, wording=second.text)
            paragraphs.append(words)
        else:
            paragraphs.append(
                say("answer.also_asked", id=second.id, sector=second.sector_label, summary=second.summary, wording=second.text)
            )
        alternatives = (second.id, *alternatives)
    for fact in c.facts:
        figure = "answer.key_figure_qualified" if fact.qualifier else "answer.key_figure"
        paragraphs.append(say(figure, figure=fact.phrase(), duty=fact.duty, qualifier=fact.qualifier))
    if c.principles:
        principles = "answer.principles" if len(c.principles) > 1 else "answer.principle"
        paragraphs.append(say(principles, principles=say("list.separator").join(c.principles)))
    close = [k.commitments[i] for i in alternatives if i not in (c.id, also) and i in k.commitments][:MAX_CLOSE]
    if close:
        options = say("answer.close_joiner").join(
            say("answer.close_option", id=o.id, summary_start=gist(told(o, reader))) for o in close
        )
        paragraphs.append(say("answer.close", options=options))
    offered = [i for i in dict.fromkeys((*alternatives, *c.related)) if i != c.id][:MAX_RELATED]
    buttons = [commitment_button(k.commitments[r], reader=reader) for r in offered]
    if reader != c.sector:  # (not to someone told their own side's duty: it is theirs to keep, not to complain of)
        buttons.append(Button(say("answer.next_steps_button"), triage_payload(c.id)))
    return Reply("\n\n".join(paragraphs), tuple(buttons))


def section_also(k: Knowledge, c: Commitment, reader: str | None = None) -> str | None:
    """The same side's other commitments in the commitment's section, one line each, told for ``reader``
    (None: there are none)."""
    others = [o for o in k.commitments.values() if o.section.number == c.section.number and o.sector == c.sector and o.id != c.id]
    if not others:
        return None
    head = say("answer.section_also", sector=c.sector_label, section_number=c.section.number, section_title=c.section.title)
    return "\n".join([head, *(say("answer.section_also_item", id=o.id, summary=told(o, reader)) for o in others)])


def gist(summary: str, words: int = 10) -> str:
    """The start of a summary, for a one-line mention."""
    parts = summary.rstrip(".").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def principle_reply(k: Knowledge, p: Principle) -> Reply:
    text = say("principle.answer", name=p.name, count=spelt(len(k.principles)), summary=p.summary, wording=p.text)
    # "Equality": the theme named after it ("Advancing equality") is where its commitments are set out, listed first
    in_theme = [c for c in k.commitments.values() if re.search(rf"\b{re.escape(p.name)}\b", c.section.theme.title, re.I)]
    themed = sorted({c.section.number for c in in_theme})
    users = sorted(k.practising(p.name), key=lambda c: c.section.number not in themed)[:MAX_RELATED]
    buttons = [commitment_button(c) for c in users]
    if users:
        options = say("principle.users_joiner").join(
            say("answer.close_option", id=c.id, summary_start=gist(c.summary)) for c in users
        )
        text += "\n\n" + say("principle.users_one" if len(users) == 1 else "principle.users", options=options)
    if in_theme:
        text += "\n\n" + say("principle.theme", theme=in_theme[0].section.theme.title, first=themed[0], last=themed[-1])
    return Reply(text, tuple(buttons))


def topic_reply(k: Knowledge, t: Topic, settings: Mapping[str, str]) -> Reply:
    parts = [say("topic.heading", title=t.title), t.answer]
    buttons: tuple[Button, ...] = ()
    if t.id == ESCALATION_TOPIC:
        parts.append("\n".join(say("topic.escalation_step", number=s.number, title=s.title, text=s.text) for s in k.escalation))
        buttons = (Button(say("topic.guide_button"), triage_payload()),)
    parts += [resolve(k, key, settings) for key in t.pending]
    return Reply("\n\n".join(parts), buttons)


SECTION = "section "  # an entry id for a whole section: "section 7"


def section_id(number: int | str) -> str:
    return f"{SECTION}{number}"


def drafted_section(k: Knowledge, number: int | str | None) -> str | None:
    """The entry id of section ``number`` ("section 7"), if the draft has that section."""
    n = "" if number is None else str(number)
    return section_id(n) if n.isdigit() and any(s.number == int(n) for s in k.sections) else None


def section_number(entry_id: str | None) -> str | None:
    """The number in a section's entry id ("section 7" -> "7"); None for any other entry."""
    rest = entry_id[len(SECTION) :] if entry_id and entry_id.startswith(SECTION) else ""
    return rest if rest.isdigit() else None


def section_reply(k: Knowledge, number: int) -> Reply | None:
    """Every commitment of a section, both sides, one line each; None for a section the draft lacks."""
    found = [c for c in k.commitments.values() if c.section.number == number]
    if not found:
        return None
    s = found[0].section
    lines = [say("section.heading", number=s.number, title=s.title, theme=s.theme.title)]
    lines += [say("section.item", id=c.id, sector=c.sector_label, summary=c.summary) for c in found]
    return Reply("\n".join(lines), tuple(commitment_button(c) for c in found[:MAX_RELATED]))


def entry_reply(k: Knowledge, entry_id: str, settings: Mapping[str, str], reader: str | None = None) -> Reply | None:
    """The full answer for one commitment id, principle name, topic id or section ("section 7");
    None if unknown."""
    number = section_number(entry_id)
    if number is not None:
        return section_reply(k, int(number))
    if entry_id in k.commitments:
        return commitment_reply(k, k.commitments[entry_id], reader=reader)
    if entry_id in k.principles:
        return principle_reply(k, k.principles[entry_id])
    if entry_id in k.topics:
        return topic_reply(k, k.topics[entry_id], settings)
    return None


def tie_reply(k: Knowledge, decision: Decision) -> Reply:
    first, second = (k.commitments[m.entry_id] for m in decision.matches)
    text = "\n\n".join([say("choose.tie"), f"- {option(first)}\n- {option(second)}", say("choose.tie_question")])
    return Reply(text, (commitment_button(first), commitment_button(second)))


def clarify_reply(k: Knowledge, decision: Decision) -> Reply:
    """One clarifying question, with the candidates in the text too: a typed "the second one" or
    the number picks one, so the buttons are only a shortcut. A doubtful one says the question may
    be outside the Compact."""
    buttons, lines = [], []
    for m in decision.matches:
        if m.kind == "commitment":
            buttons.append(commitment_button(k.commitments[m.entry_id]))
            lines.append(f"- {option(k.commitments[m.entry_id])}")
        else:
            buttons.append(Button(k.entry_title(m.entry_id), show_payload(m.entry_id)))
            lines.append(say("choose.other_option", title=k.entry_title(m.entry_id)))
    question = say("choose.clarify_doubtful" if decision.doubtful else "choose.clarify")
    return Reply("\n\n".join([question, "\n".join(lines)]), tuple(buttons))


def decision_reply(k: Knowledge, decision: Decision, settings: Mapping[str, str], reader: str | None = None) -> Reply | None:
    """The reply for a routing decision; None means out of scope (the domain's response)."""
    if decision.neighbour is not None:
        n = decision.neighbour
        return Reply(say("out_of_scope.neighbour", about=n.about, pointer=n.pointer))
    if decision.kind == "answer" and decision.matches[0].entry_id in k.commitments:
        return commitment_reply(k, k.commitments[decision.matches[0].entry_id], decision.alternatives, decision.also, reader)
    if decision.kind == "answer":
        return entry_reply(k, decision.matches[0].entry_id, settings, reader)
    if decision.kind == "tie":
        return tie_reply(k, decision)
    if decision.kind == "clarify":
        return clarify_reply(k, decision)
    return None


def missing_number_reply(k: Knowledge, number: str, described: Reply | None) -> Reply:
    """ "There is no Commitment 7.2 in the draft", with the numbers its section does have, and the real
    commitment the question describes when there is one."""
    if "." not in number:  # a whole section: "whats in section 99?"
        numbers = [s.number for s in k.sections]
        return Reply(say("missing_number.no_section", section=number, first=min(numbers), last=max(numbers)))
    section = number.split(".")[0]
    ids = [c for c in k.commitments if c.split(".")[0] == section]
    lines = [say("missing_number.none", number=number)]
    if ids:
        lines.append(say("missing_number.section_has", section=section, ids=spoken_list(ids)))
    else:
        lines.append(say("missing_number.range", first=next(iter(k.commitments)), last=list(k.commitments)[-1]))
    if described is None:
        return Reply(" ".join(lines))
    return Reply(" ".join([*lines, say("missing_number.described")]) + "\n\n" + described.text, described.buttons)


# A figure someone may assert: a length ("30 days", "10 working days"), a percentage or a sum of money.
FIGURE = re.compile(
    rf"{LENGTH.pattern}|\b\d+(?:\.\d+)?\s?(?:%|per ?cent)|{WORKING_DAYS}|£\s?\d[\d,.]*(?:k|m|bn)?|"
    # a sum in words: "a hundred thousand pounds", "five hundred pounds", "500 quid"
    r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|\d+)\s+)?(?:hundred|thousand|million)"
    r"(?:\s+(?:hundred|thousand))?\s+(?:pounds|quid)\b|\b\d[\d,]*\s+(?:pounds|quid)\b|"
    r"\b\d+p (?:a|per) (?:mile|hour|day)\b",  # "45p a mile"
    re.I,
)


# A figure asked for ("how many days after we invoice…?", "is there a min number of days…?", "how often…?")
FIGURE_ASKED = re.compile(
    r"\bhow (?:many (?:working )?(?:days|weeks|months)|long|often|soon|quickly|quick|early|far ahead|much notice)\b|"
    r"\b(?:set|min|minimum|max|maximum|fixed|specific) (?:number of (?:working )?(?:days|weeks|months)|"
    r"time ?(?:limit|frame|scale)|period|deadline)\b",
    re.I,
)


def figure_note(k: Knowledge, commitment_id: str, question: str) -> str | None:
    """When a question asserts a figure the commitment does not set ("within 30 days", "15% for
    overheads"), say so and give the commitment's own figure, if it has one; when it asks for one
    ("how many days…?") of a commitment that sets none, say that."""
    # as written, less a possessive or a full stop ("one month's notice", "under £10,000.")
    asserted = [re.sub(r"(?:'s|’s|'|’)$", "", m.group(0).strip().rstrip(".,")) for m in FIGURE.finditer(question.lower())]
    c = k.commitments.get(commitment_id)
    if c is None:
        return None
    if not asserted:
        return say("figure.none_set", id=c.id) if not c.facts and FIGURE_ASKED.search(question) else None
    own = {f"{f.length.amount} {f.length.unit}" for f in c.facts} | {
        f"{f.length.amount} {f.length.unit.rstrip('s')}" for f in c.facts
    }
    said = [a for a in asserted if _length_text(a) not in own]
    if not said:
        return None
    note = [say("figure.not_in_draft", asserted=said[0])]
    if c.facts:
        note.append(say("figure.own", id=c.id, figure=c.facts[0].phrase(), duty=c.facts[0].duty))
    return " ".join(note)


def _length_text(text: str) -> str:
    """ "three months" → "3 months", as the knowledge writes a duration."""
    m = LENGTH.search(text)
    if not m:
        return text
    length = parse_when(m.group(0), date(2000, 1, 1))
    return str(length) if length is not None else text
