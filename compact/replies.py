"""Composing reply text and buttons from the knowledge. Channel-neutral: text uses a small
Markdown subset (bold, lists) that the widget renders and plain clients show readably."""

from __future__ import annotations

import json
import re
from datetime import date
from dataclasses import dataclass, field
from typing import Mapping

from compact.dates import LENGTH, parse_when
from compact.knowledge import Commitment, Knowledge, Principle, Topic
from compact.routing import Decision
from compact.settings import resolve

SHOW_ENTRY = "show_entry"
REPORT_BREACH = "report_breach"
ESCALATION_TOPIC = "escalation"
MAX_RELATED = 3


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)


def intent_payload(intent: str, **entities: str) -> str:
    """A button payload that bypasses NLU: ``/show_entry{"entry_id": "13.1"}``."""
    return f"/{intent}" + (json.dumps(entities) if entities else "")


def show_payload(entry_id: str) -> str:
    return intent_payload(SHOW_ENTRY, entry_id=entry_id)


def triage_payload(entry_id: str | None = None) -> str:
    """Start the guided breach triage, optionally about one commitment: ``/report_breach{"entry_id": "13.2"}``."""
    return intent_payload(REPORT_BREACH, entry_id=entry_id) if entry_id else intent_payload(REPORT_BREACH)


def short(text: str, limit: int = 60) -> str:
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def commitment_button(c: Commitment) -> Button:
    return Button(f"{c.id}: {short(c.summary)}", show_payload(c.id))


def citation(c: Commitment) -> str:
    return (
        f"**Commitment {c.id}** — a {c.sector_label} commitment; section {c.section.number} "
        f'"{c.section.title}"; theme: {c.section.theme.title}.'
    )


def commitment_reply(k: Knowledge, c: Commitment, alternatives: tuple[str, ...] = ()) -> Reply:
    """The answer; under it, the commitments that came close to it (if any), then related ones."""
    lines = [c.summary, "", citation(c), "", f'The Compact says: "{c.text}"']
    for fact in c.facts:
        caveat = f" ({fact.qualifier})" if fact.qualifier else ""
        lines += ["", f"Key figure: {fact.phrase()} — {fact.duty}{caveat}."]
    if c.principles:
        lines += ["", f"Principle{'s' if len(c.principles) > 1 else ''} it puts into practice: {', '.join(c.principles)}."]
    offered = [i for i in dict.fromkeys((*alternatives, *c.related)) if i != c.id][:MAX_RELATED]
    buttons = [commitment_button(k.commitments[r]) for r in offered]
    buttons.append(Button("Was this not kept? Get help with next steps", triage_payload(c.id)))
    return Reply("\n".join(lines), tuple(buttons))


def principle_reply(k: Knowledge, p: Principle) -> Reply:
    text = f'**{p.name}** is one of the Compact\'s seven shared principles. {p.summary}\n\nThe Compact says: "{p.name}: {p.text}"'
    users = [c for c in k.commitments.values() if p.name in c.principles][:MAX_RELATED]
    buttons = [commitment_button(c) for c in users]
    return Reply(text, tuple(buttons))


def topic_reply(k: Knowledge, t: Topic, settings: Mapping[str, str]) -> Reply:
    parts = [f"**{t.title}**", "", t.answer]
    buttons: tuple[Button, ...] = ()
    if t.id == ESCALATION_TOPIC:
        parts += [""] + [f"{s.number}. **{s.title}** — {s.text}" for s in k.escalation]
        buttons = (Button("Guide me through it step by step", triage_payload()),)
    for key in t.pending:
        parts += ["", resolve(k, key, settings)]
    return Reply("\n".join(parts), buttons)


def entry_reply(k: Knowledge, entry_id: str, settings: Mapping[str, str]) -> Reply | None:
    """The full answer for one commitment id, principle name or topic id; None if unknown."""
    if entry_id in k.commitments:
        return commitment_reply(k, k.commitments[entry_id])
    if entry_id in k.principles:
        return principle_reply(k, k.principles[entry_id])
    if entry_id in k.topics:
        return topic_reply(k, k.topics[entry_id], settings)
    return None


def tie_reply(k: Knowledge, decision: Decision) -> Reply:
    first, second = (k.commitments[m.entry_id] for m in decision.matches)
    text = (
        f"Two commitments fit your question equally well:\n\n"
        f"- **Commitment {first.id}** ({first.sector_label}): {first.summary}\n"
        f"- **Commitment {second.id}** ({second.sector_label}): {second.summary}\n\n"
        "Which would you like in full?"
    )
    return Reply(text, (commitment_button(first), commitment_button(second)))


def clarify_reply(k: Knowledge, decision: Decision) -> Reply:
    buttons = []
    for m in decision.matches:
        if m.kind == "commitment":
            buttons.append(commitment_button(k.commitments[m.entry_id]))
        else:
            buttons.append(Button(k.entry_title(m.entry_id), show_payload(m.entry_id)))
    return Reply(
        "I want to point you to the right part of the Compact. Could you say a little more, or is it one of these?",
        tuple(buttons),
    )


def decision_reply(k: Knowledge, decision: Decision, settings: Mapping[str, str]) -> Reply | None:
    """The reply for a routing decision; None means out of scope (the domain's response)."""
    if decision.neighbour is not None:
        n = decision.neighbour
        return Reply(
            f"That's outside what I cover: I only know about the Derby and Derbyshire Compact, which doesn't deal "
            f"with {n.about}. For that, {n.pointer} is the place to ask."
        )
    if decision.kind == "answer" and decision.matches[0].entry_id in k.commitments:
        return commitment_reply(k, k.commitments[decision.matches[0].entry_id], decision.alternatives)
    if decision.kind == "answer":
        return entry_reply(k, decision.matches[0].entry_id, settings)
    if decision.kind == "tie":
        return tie_reply(k, decision)
    if decision.kind == "clarify":
        return clarify_reply(k, decision)
    return None


def missing_number_reply(k: Knowledge, number: str, described: Reply | None) -> Reply:
    """ "The draft has no Commitment 7.2", with the numbers its section does have, and the real
    commitment the question describes when there is one."""
    section = number.split(".")[0]
    ids = [c for c in k.commitments if c.split(".")[0] == section]
    lines = [f"The draft has no Commitment {number}."]
    if ids:
        lines.append(f"Section {section} has {', '.join(ids[:-1]) + ' and ' + ids[-1] if len(ids) > 1 else ids[0]}.")
    else:
        first, last = next(iter(k.commitments)), list(k.commitments)[-1]
        lines.append(f"Its commitments run from {first} to {last}.")
    if described is None:
        return Reply(" ".join(lines))
    return Reply(" ".join(lines) + " The one about what you describe is this:\n\n" + described.text, described.buttons)


# A figure someone may assert: a length ("30 days", "10 working days"), a percentage or a sum of money.
FIGURE = re.compile(rf"{LENGTH.pattern}|\b\d+(?:\.\d+)?\s?(?:%|per ?cent)|\b\d+\s+working\s+days?\b|£\s?\d[\d,.]*k?", re.I)


def figure_note(k: Knowledge, commitment_id: str, question: str) -> str | None:
    """When a question asserts a figure the commitment does not set ("within 30 days", "15% for
    overheads"), say so and give the commitment's own figure, if it has one."""
    asserted = [m.group(0).strip() for m in FIGURE.finditer(question.lower())]
    c = k.commitments.get(commitment_id)
    if not asserted or c is None:
        return None
    own = {f"{f.length.amount} {f.length.unit}" for f in c.facts} | {
        f"{f.length.amount} {f.length.unit.rstrip('s')}" for f in c.facts
    }
    said = [a for a in asserted if _length_text(a) not in own]
    if not said:
        return None
    figure = f" Commitment {c.id}'s own figure is {c.facts[0].phrase()} ({c.facts[0].duty})." if c.facts else ""
    return f"The draft sets no such figure as {said[0]}.{figure}"


def _length_text(text: str) -> str:
    """ "three months" → "3 months", as the knowledge writes a duration."""
    m = LENGTH.search(text)
    if not m:
        return text
    length = parse_when(m.group(0), date(2000, 1, 1))
    return str(length) if length is not None else text
