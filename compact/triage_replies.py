"""What the breach triage says: each question, what the dates show, the summary and the
ready-to-send message. Compact content (commitments, steps and what each step's message says,
the critical friend) comes from the knowledge and settings; only the conversation's own wording
lives here."""

from __future__ import annotations

from typing import Callable, Mapping

from compact.deadlines import Verdict, days_text, span_text
from compact.dates import spoken
from compact.knowledge import Commitment, EscalationStep
from compact.markdown import as_typed
from compact.replies import Button, Reply, citation, intent_payload, short
from compact.settings import resolve
from compact.triage import (
    COMMITMENT,
    DESCRIPTION,
    END,
    NONE,
    NOT_TRIED,
    OUTCOME,
    OUTCOMES,
    PROPOSED,
    RESOLVED,
    SIDE,
    START,
    STEP_SLOTS,
    UNKNOWN,
    UNRESOLVED,
    Stage,
    Triage,
)

TRIAGE_ANSWER = "triage_answer"
RESUME = "Shall we carry on with your issue?"
PRIVACY = (
    "What you tell me is used only for this conversation and is kept with it, nowhere else. "
    "Please leave out names and personal details: I only need what happened."
)
STOPPED = (
    "OK, I've stopped, and I won't use what you told me for anything else. "
    "Is there anything else about the Compact I can help with?"
)
NO_LEGAL_ADVICE = "I give information about the Compact, not legal advice."
LETTER_LEAD = "Here is a message you can copy, fill in where it says [brackets], and send:"
OFFER = (
    "If this wasn't kept, I can help you with what to do next, one step at a time: tell me what you've tried so far "
    '(for example "we emailed them, no reply"), or just say "yes".'
)
LETTER_NEEDS_COMMITMENT = "I'll write the message once we know which commitment it's about."
NOTHING_TO_QUOTE = "That wasn't a numbered commitment. Ask me about what happened and I'll give you the commitment to quote."
SIDES = (("vcs", "A voluntary or community organisation"), ("statutory", "A statutory body (council, NHS, police…)"))
STEP_BUTTONS = ((RESOLVED, "Yes, and it's sorted"), (UNRESOLVED, "Yes, but it's not resolved"), (NOT_TRIED, "Not yet"))
OUTCOME_BUTTONS = (
    ("meeting", "A meeting to talk it through"),
    ("explanation", "A written explanation"),
    ("reconsider", "The decision looked at again"),
)

Slots = Mapping[str, str | None]


def answer_payload(value: str) -> str:
    """``/triage_answer{"triage_value": "13.2"}``"""
    return intent_payload(TRIAGE_ANSWER, triage_value=value)


def _buttons(options: tuple[tuple[str, str], ...]) -> tuple[Button, ...]:
    return tuple(Button(title, answer_payload(value)) for value, title in options)


class TriageReplies:
    def __init__(self, triage: Triage, settings: Mapping[str, str]) -> None:
        self.triage = triage
        self.k = triage.knowledge
        self.settings = settings

    def intro(self, known: bool = False) -> Reply:
        """How the guided walk starts: the route in one line, how to steer, what is kept. When the
        commitment is already known there is no need to say we'll work it out."""
        steps = self.k.escalation
        route = ", then ".join(f"{s.number}. {s.title.lower()}" for s in steps)
        find = "walk through the steps" if known else "work out which commitment applies and walk through the steps"
        return Reply(
            f"When something goes wrong, the Compact's route has {len(steps)} steps: {route}. I'll {find} "
            'one at a time. You can say "back", "start again" or "stop" at any point, and ask me other '
            "questions as we go.\n\n" + PRIVACY
        )

    # --- questions ---------------------------------------------------------------------------
    def prompt(self, slot: str, slots: Slots, resumed: bool = False) -> Reply:
        """The question for ``slot``; after something else was dealt with, led by "shall we carry on"."""
        reply = self.question(slot, slots)
        return Reply("\n\n".join([RESUME, reply.text]) if resumed else reply.text, reply.buttons)

    def established(self, before: Slots, fills: Slots, after: Slots) -> list[str]:
        """What a reply established, said before the next question: the commitment found (and
        that another can be named), what the dates show, the step to take when one was not tried."""
        lines = []
        chosen = fills.get(COMMITMENT)
        if chosen not in (None, NONE):
            c = self.k.commitments[str(chosen)]
            lines.append(self.proposal(c) if fills.get(PROPOSED) else self.confirmation(c))
        dates_now = any(fills.get(s) is not None for s in (START, END))
        if dates_now and self.triage.next_slot(after) not in (START, END) and self.triage.period(after):
            lines.append(self.dates_text(after))
        for number, slot in enumerate(STEP_SLOTS, start=1):
            if fills.get(slot) == NOT_TRIED and before.get(slot) != NOT_TRIED:
                lines.append(self.step_advice(self.k.escalation[number - 1], after))
        return lines

    def question(self, slot: str, slots: Slots) -> Reply:
        """The question for each of :data:`compact.triage.QUESTIONS`."""
        if slot == DESCRIPTION:
            return Reply(
                'What happened? A sentence or two is enough, for example "the council ended our grant with two weeks\' notice".'
            )
        if slot == SIDE:
            return Reply("Which side are you on? That tells me whose commitment to look at.", _buttons(SIDES))
        if slot == COMMITMENT:
            return self._commitment_question(slots)
        if slot in (START, END):
            measure = self.triage.measure(slots.get(COMMITMENT))
            assert measure is not None
            if slot == START:
                return Reply(f"Let's check the dates. {measure.start}", _buttons(((UNKNOWN, "I don't know the dates"),)))
            return Reply(measure.end, _buttons(((UNKNOWN, "I don't know"),)))
        if slot in STEP_SLOTS:
            return self._step_question(self.k.escalation[STEP_SLOTS.index(slot)], slots)
        if slot == OUTCOME:
            return Reply(
                "Last question: what would you like to happen? I'll put it in a message you can send.", _buttons(OUTCOME_BUTTONS)
            )
        raise ValueError(f"not a triage slot: {slot}")

    def _commitment_question(self, slots: Slots) -> Reply:
        found = self.triage.candidates(str(slots.get(DESCRIPTION) or ""), slots.get(SIDE))
        none = Button("None of these", answer_payload(NONE))
        if not found:
            return Reply(
                "I couldn't match that to a commitment. Could you tell me a bit more about what happened, "
                "or type a commitment number if you know it?",
                (none,),
            )
        lines = [f"- **Commitment {c.id}** ({c.sector_label}): {c.summary}" for c in found]
        text = "\n".join(
            [
                "Which commitment do you think was not kept? These fit best:",
                "",
                *lines,
                "",
                'Say which ("the first one", or its number), "none of those", or tell me more.',
            ]
        )
        return Reply(text, (*(Button(f"{c.id}: {short(c.summary, 50)}", answer_payload(c.id)) for c in found), none))

    def _step_question(self, step: EscalationStep, slots: Slots) -> Reply:
        lines = []
        if step.number > 1:
            before = self.k.escalation[step.number - 2]
            lines.append(
                f"Step {before.number} ({before.title.lower()}) didn't resolve it, so the next step is step {step.number}."
            )
        lines.append(self.step_advice(step, slots))
        lines.append(step.ask)
        return Reply("\n\n".join(lines), _buttons(STEP_BUTTONS))

    def step_advice(self, step: EscalationStep, slots: Slots) -> str:
        """What the step is and what to do at it."""
        lines = [f"**Step {step.number} of {len(self.k.escalation)}: {step.title}.** {step.do}"]
        lines += [resolve(self.k, key, self.settings) for key in step.pending]
        if step.number == 1 and slots.get(COMMITMENT) not in (None, NONE):
            lines.append(f"Say which commitment: Commitment {slots[COMMITMENT]}.")
        return "\n\n".join(lines)

    # --- what was established ----------------------------------------------------------------
    @staticmethod
    def confirmation(c: Commitment) -> str:
        return f'{citation(c)}\n\nThe Compact says: "{c.text}"\n\n(Not the right one? Say "back".)'

    @staticmethod
    def proposal(c: Commitment) -> str:
        """A commitment chosen from the description, said so, with the way to name another."""
        return (
            f'This sounds like **Commitment {c.id}** ({c.sector_label}): {c.summary}\n\nThe Compact says: "{c.text}"\n\n'
            "If it's another one, say so or type its number."
        )

    def quote_entry(self, entry_id: str) -> str:
        """The number to quote for what was last answered: the commitment itself, or for a principle
        the commitments that put it into practice (principles are not numbered)."""
        if entry_id in self.k.commitments:
            return self.quote({COMMITMENT: entry_id})
        users = [c for c in self.k.commitments.values() if entry_id in c.principles][:3]
        if not users:
            return NOTHING_TO_QUOTE
        listed = "; ".join(f"**Commitment {c.id}** ({c.summary})" for c in users)
        return f"{entry_id} is a principle, so it has no number. The commitments that put it into practice include {listed}"

    def quote(self, slots: Slots) -> str:
        """The commitment to quote when raising it."""
        chosen = slots.get(COMMITMENT)
        if chosen in (None, NONE):
            return "We haven't settled which commitment it is yet; once we have, I'll give you its number to quote."
        c = self.k.commitments[str(chosen)]
        return (
            f"Quote **Commitment {c.id}** of the Derby and Derbyshire Compact (section {c.section.number}, "
            f'"{c.section.title}"). It says: "{c.text}"'
        )

    def dates_text(self, slots: Slots) -> str:
        verdicts = self.triage.verdicts(slots)
        if not verdicts:
            return "Without the dates I can't check the timing, but we can still go through the next steps."
        lead = "What the dates show" if verdicts[0][1].period.start else "What you told me"
        return "\n".join([f"{lead}: {self.period_text(slots, verdicts)}", *(f"- {self.verdict_line(c, v)}" for c, v in verdicts)])

    def period_text(self, slots: Slots, verdicts: list[tuple[Commitment, Verdict]]) -> str:
        """'notice given 2 March 2026, funding ends 16 March 2026: 2 weeks.' or 'consultation length of 3 weeks.'"""
        measure = self.triage.measure(slots.get(COMMITMENT))
        assert measure is not None
        period, unit = verdicts[0][1].period, verdicts[0][1].duty.length.unit
        if period.start and period.end:
            return (
                f"{measure.start_label} {spoken(period.start)}, {measure.end_label} {spoken(period.end)}: "
                f"{span_text(period, unit)}."
            )
        return f"{measure.length_label} of {span_text(period, unit)}."

    @staticmethod
    def verdict_line(c: Commitment, v: Verdict) -> str:
        duty = f"Commitment {c.id} ({c.sector_label}) asks for {v.duty.phrase()} ({v.duty.duty})"
        caveat = (
            f' Its wording says "{v.duty.qualifier}": a shorter period is not automatically a breach, but it is fair to ask why.'
            if v.duty.qualifier
            else ""
        )
        if v.status == "met":
            return f"{duty}: that was met."
        if v.status == "borderline":
            return f"{duty}: that is close, and whether it was met depends on the exact dates."
        due = f", which would have meant {spoken(v.due)}" if v.due else ""
        gap = f" That is {days_text(v.shortfall_days)} short." if v.shortfall_days else " That is shorter."
        return f"{duty}{due}.{gap}{caveat}"

    @staticmethod
    def letter_fact(c: Commitment, v: Verdict) -> str:
        """The duty as a letter states it: no advice to the reader, just the standard."""
        qualifier = f", {v.duty.qualifier}" if v.duty.qualifier else ""
        due = f", which would have meant {spoken(v.due)}" if v.due else ""
        return f"Commitment {c.id} asks for {v.duty.phrase()} ({v.duty.duty}{qualifier}){due}."

    # --- the end ------------------------------------------------------------------------------
    def summary(self, slots: Slots) -> Reply:
        """What the user keeps: the commitment, what happened, where they are, what next."""
        parts = ["**Your summary.** Keep a copy: I don't store it anywhere outside this conversation."]
        chosen = slots.get(COMMITMENT)
        parts.append(f"**What happened:** {as_typed(str(slots.get(DESCRIPTION) or ''))}")
        if chosen in (None, NONE):
            parts.append(
                "I couldn't match this to a commitment, so it may be outside the Compact. You can say "
                '"start again" to describe it differently, or ask me "who can I talk to".'
            )
            parts.append(NO_LEGAL_ADVICE)
            return Reply("\n\n".join(parts))
        c = self.k.commitments[str(chosen)]
        parts.append(f'{citation(c)}\n\nThe Compact says: "{c.text}"')
        if self.triage.measure(c.id) and slots.get(START) not in (None, UNKNOWN):
            parts.append(self.dates_text(slots))
        parts += self.where_next(self.triage.stage(slots))
        parts.append(NO_LEGAL_ADVICE)
        return Reply("\n\n".join(parts))

    def where_next(self, stage: Stage) -> list[str]:
        steps = self.k.escalation
        if stage.resolved_at:
            return [
                f"**Where you are:** resolved at step {stage.resolved_at} ({steps[stage.resolved_at - 1].title.lower()}). "
                "Nothing more to do; keep this summary in case it comes up again."
            ]
        if stage.exhausted:
            return [
                f"**Where you are:** all {len(steps)} steps tried, and it is still not resolved. "
                f"{self.k.after_escalation.summary}",
                resolve(self.k, "contacts", self.settings),
            ]
        assert stage.step is not None
        step = steps[stage.step - 1]
        lines = [f"**Where you are:** step {step.number} of {len(steps)}, {step.title.lower()}.", f"**Next:** {step.do}"]
        lines += [resolve(self.k, key, self.settings) for key in step.pending]
        if step.number < len(steps):
            lines.append(f"If that doesn't resolve it, step {step.number + 1} is: {steps[step.number].title.lower()}.")
        return lines

    def letter(self, slots: Slots, quote: Callable[[str], str] = str) -> str | None:
        """A ready-to-send message for the step the user is at; None when there is nothing to send.
        ``quote`` presents the user's own words: as they are in the download, :func:`as_typed`
        in a chat message."""
        chosen = slots.get(COMMITMENT)
        stage = self.triage.stage(slots)
        if chosen in (None, NONE) or stage.resolved_at:
            return None
        c = self.k.commitments[str(chosen)]
        lines = [
            f"Subject: Derby and Derbyshire Compact, Commitment {c.id} ({c.section.title})",
            "",
            "Dear [name],",
            "",
            "I am writing on behalf of [your organisation] about a matter covered by the Derby and Derbyshire Compact.",
            "",
            f"What happened: {quote(str(slots[DESCRIPTION])) if slots.get(DESCRIPTION) else '[say briefly what happened]'}",
        ]
        verdicts = self.triage.verdicts(slots)
        short = [(cc, v) for cc, v in verdicts if v.status == "short"]
        if short:
            head = self.period_text(slots, verdicts)
            lines += ["", head[0].upper() + head[1:] + " " + " ".join(self.letter_fact(cc, v) for cc, v in short)]
        lines += ["", f'Commitment {c.id} of the Compact ({c.sector_label}) says: "{c.text}"']
        at_step = self.k.escalation[stage.step - 1].letter if stage.step else self.k.after_escalation.letter
        lines += ["", at_step]
        outcome = slots.get(OUTCOME)
        if outcome:
            lines += ["", f"We would like {OUTCOMES[outcome]}." if outcome in OUTCOMES else f"We would like: {quote(outcome)}"]
        lines += [
            "",
            "I hope we can resolve this constructively, in the spirit of the Compact.",
            "",
            "Yours sincerely,",
            "[your name]",
            "[your role and organisation]",
        ]
        return "\n".join(lines)

    @staticmethod
    def letter_filename(slots: Slots) -> str:
        return f"compact-{slots.get(COMMITMENT)}-message.txt"
