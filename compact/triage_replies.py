"""What the breach triage says: each question, what the dates show, the summary and the
ready-to-send message. Compact content (commitments, steps and what each step's message says,
the critical friend) comes from the knowledge and settings, the sentences from bot/wording.yaml;
this module chooses them and lays them out."""

from __future__ import annotations

from typing import Callable, Mapping

from compact.deadlines import Verdict, days_text, span_text
from compact.dates import spoken
from compact.knowledge import Commitment, EscalationStep
from compact.markdown import as_typed
from compact.replies import Button, Reply, citation, intent_payload, option, short
from compact.settings import resolve
from compact.wording import say
from compact.triage import (
    COMMITMENT,
    DESCRIPTION,
    END,
    NONE,
    NOT_TRIED,
    OUTCOME,
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


def offer_of_next_steps(presets: Mapping[str, str | None]) -> str:
    """The offer of the guided walk; when the account already said what was tried ("we haven't raised it yet"), it asks
    only for a "yes", not for what was tried."""
    return say("triage.offer_tried_told" if presets.get(STEP_SLOTS[0]) else "triage.offer")


TRIAGE_ANSWER = "triage_answer"
# Buttons: the value each sends, and the wording key of its title.
SIDES = (("vcs", "triage.side_vcs"), ("statutory", "triage.side_statutory"))
STEP_BUTTONS = (
    (RESOLVED, "triage.step_resolved_button"),
    (UNRESOLVED, "triage.step_unresolved_button"),
    (NOT_TRIED, "triage.step_not_tried_button"),
)
OUTCOME_BUTTONS = (
    ("meeting", "triage.outcome_meeting_button"),
    ("explanation", "triage.outcome_explanation_button"),
    ("reconsider", "triage.outcome_reconsider_button"),
)
LETTER_FACTS = {  # by (qualified, with a due date)
    (False, False): "letter.fact",
    (False, True): "letter.fact_due",
    (True, False): "letter.fact_qualified",
    (True, True): "letter.fact_qualified_due",
}
WANTS = {"meeting": "letter.want_meeting", "explanation": "letter.want_explanation", "reconsider": "letter.want_reconsider"}

Slots = Mapping[str, str | None]


def answer_payload(value: str) -> str:
    """``/triage_answer{"triage_value": "13.2"}``"""
    return intent_payload(TRIAGE_ANSWER, triage_value=value)


def _buttons(options: tuple[tuple[str, str], ...]) -> tuple[Button, ...]:
    return tuple(Button(say(title), answer_payload(value)) for value, title in options)


class TriageReplies:
    def __init__(self, triage: Triage, settings: Mapping[str, str]) -> None:
        self.triage = triage
        self.k = triage.knowledge
        self.settings = settings

    def intro(self, known: bool = False, whole_route: bool = True) -> Reply:
        """How the guided walk starts: the route, how to steer, what is kept. Someone known not to
        have raised it yet hears how many steps there are and the first (the later ones when
        reached, so they are not sent ahead); everyone else the ``whole_route``. When the
        commitment is already known there is no need to say we'll work it out."""
        steps = self.k.escalation
        if whole_route:
            route = say("triage.route_separator").join(
                say("triage.route_step", number=s.number, title=s.title.lower()) for s in steps
            )
            intro = say("triage.intro_known_route" if known else "triage.intro_route", count=len(steps), route=route)
        else:
            first = steps[0].title.lower()
            intro = say("triage.intro_known" if known else "triage.intro", count=len(steps), first=first)
        return Reply(intro + "\n\n" + say("triage.privacy"))

    # --- questions ---------------------------------------------------------------------------
    def prompt(self, slot: str, slots: Slots, resumed: bool = False) -> Reply:
        """The question for ``slot``; after something else was dealt with, led by "shall we carry on"."""
        reply = self.question(slot, slots)
        return Reply("\n\n".join([say("triage.resume"), reply.text]) if resumed else reply.text, reply.buttons)

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
            return Reply(say("triage.ask_description"))
        if slot == SIDE:
            return Reply(say("triage.ask_side"), _buttons(SIDES))
        if slot == COMMITMENT:
            return self._commitment_question(slots)
        if slot in (START, END):
            measure = self.triage.measure(slots.get(COMMITMENT))
            assert measure is not None
            if slot == START:
                return Reply(
                    say("triage.ask_start", question=measure.start), _buttons(((UNKNOWN, "triage.start_unknown_button"),))
                )
            return Reply(measure.end, _buttons(((UNKNOWN, "triage.end_unknown_button"),)))
        if slot in STEP_SLOTS:
            return self._step_question(self.k.escalation[STEP_SLOTS.index(slot)], slots)
        if slot == OUTCOME:
            return Reply(say("triage.ask_outcome"), _buttons(OUTCOME_BUTTONS))
        raise ValueError(f"not a triage slot: {slot}")

    def _commitment_question(self, slots: Slots) -> Reply:
        found = self.triage.candidates(str(slots.get(DESCRIPTION) or ""), slots.get(SIDE))
        none = Button(say("triage.none_button"), answer_payload(NONE))
        if not found:
            return Reply(say("triage.no_candidates"), (none,))
        listed = "\n".join(f"- {option(c)}" for c in found)
        one = len(found) == 1  # ("This one fits best", not a list of one)
        asked = say("triage.candidate_one") if one else say("triage.candidates")
        how = say("triage.candidate_one_how") if one else say("triage.candidates_how")
        text = "\n\n".join([asked, listed, how])
        buttons = (
            Button(say("answer.commitment_button", id=c.id, summary=short(c.summary, 50)), answer_payload(c.id)) for c in found
        )
        return Reply(text, (*buttons, none))

    def _step_question(self, step: EscalationStep, slots: Slots) -> Reply:
        lines = []
        if step.number > 1:
            before = self.k.escalation[step.number - 2]
            lines.append(say("triage.step_next", previous=before.number, previous_title=before.title.lower(), number=step.number))
        lines.append(self.step_advice(step, slots))
        lines.append(step.ask)
        return Reply("\n\n".join(lines), _buttons(STEP_BUTTONS))

    def step_advice(self, step: EscalationStep, slots: Slots) -> str:
        """What the step is and what to do at it."""
        lines = [say("triage.step", number=step.number, count=len(self.k.escalation), title=step.title, do=step.do)]
        lines += [resolve(self.k, key, self.settings) for key in step.pending]
        if slots.get(COMMITMENT) not in (None, NONE):  # raising it names it; later steps keep it in view
            lines.append(say("triage.step_quote" if step.number == 1 else "triage.step_at_stake", id=slots[COMMITMENT]))
        return "\n\n".join(lines)

    def ahead(self, slots: Slots) -> str:
        """The steps after the one being asked about ("then what?", and again "and after that?"), or
        that the draft stops there."""
        step = self.triage.stage(slots).step or len(self.k.escalation)
        if step >= len(self.k.escalation):
            return say("triage.step_last")
        return "\n\n".join(
            part
            for n in range(step, len(self.k.escalation))
            for part in (say("triage.step_ahead", number=n), self.step_advice(self.k.escalation[n], slots))
        )

    # --- what was established ----------------------------------------------------------------
    @staticmethod
    def confirmation(c: Commitment) -> str:
        return say("triage.confirmed", citation=citation(c), wording=c.text)

    @staticmethod
    def proposal(c: Commitment) -> str:
        """A commitment chosen from the description, said so, with the way to name another."""
        return say("triage.proposed", id=c.id, sector=c.sector_label, summary=c.summary, wording=c.text)

    def quote_entry(self, entry_id: str) -> str:
        """The number to quote for what was last answered: the commitment itself, or for a principle
        the commitments that put it into practice (principles are not numbered)."""
        if entry_id in self.k.commitments:
            return self.quote({COMMITMENT: entry_id})
        users = self.k.practising(entry_id)[:3]
        topic = self.k.topics.get(entry_id)
        if not users and topic and topic.part:  # "which bit of the compact says that?" after the route: its part
            return say("triage.quote_part", part=topic.part, title=topic.title)
        if not users:
            return say("triage.nothing_to_quote")
        listed = "; ".join(say("triage.quote_principle_commitment", id=c.id, summary=c.summary) for c in users)
        return say("triage.quote_principle", name=entry_id, commitments=listed)

    def quote(self, slots: Slots, other_side: str | None = None) -> str:
        """The commitment to quote when raising it, and the other side's when asked for too ("which
        number do I quote, and is there a VCS one as well?")."""
        chosen = slots.get(COMMITMENT)
        if chosen in (None, NONE):
            return say("triage.quote_unsettled")
        c = self.k.commitments[str(chosen)]
        text = say("triage.quote", id=c.id, section_number=c.section.number, section_title=c.section.title, wording=c.text)
        other = self.k.commitments.get(other_side or "")
        if other is None or other.id == c.id:
            return text
        return text + "\n\n" + say("triage.quote_other_side", id=other.id, sector=other.sector_label, summary=other.summary)

    def dates_text(self, slots: Slots) -> str:
        verdicts = self.triage.verdicts(slots)
        if not verdicts:
            return say("dates.none")
        lead = say("dates.shown" if verdicts[0][1].period.start else "dates.told", period=self.period_text(slots, verdicts))
        return "\n".join([lead, *(f"- {self.verdict_line(c, v)}" for c, v in verdicts)])

    def period_text(self, slots: Slots, verdicts: list[tuple[Commitment, Verdict]]) -> str:
        """'notice given 2 March 2026, funding ends 16 March 2026: 2 weeks.' or 'consultation length of 3 weeks.'"""
        measure = self.triage.measure(slots.get(COMMITMENT))
        assert measure is not None
        period, unit = verdicts[0][1].period, verdicts[0][1].duty.length.unit
        if period.start and period.end:
            return say(
                "dates.period",
                start_label=measure.start_label,
                start=spoken(period.start),
                end_label=measure.end_label,
                end=spoken(period.end),
                span=span_text(period, unit),
            )
        return say("dates.length", length_label=measure.length_label, span=span_text(period, unit))

    @staticmethod
    def verdict_line(c: Commitment, v: Verdict) -> str:
        if v.status == "met":
            key = "dates.met"
        elif v.status == "borderline":
            key = "dates.borderline"
        else:
            key = "dates.short" if v.due else "dates.short_undated"
        duty = say(key, id=c.id, sector=c.sector_label, figure=v.duty.phrase(), duty=v.duty.duty, due=v.due and spoken(v.due))
        if v.status != "short":
            return duty
        sentences = [duty]
        sentences.append(say("dates.shortfall", days=days_text(v.shortfall_days)) if v.shortfall_days else say("dates.shorter"))
        if v.duty.qualifier:
            sentences.append(say("dates.qualifier", qualifier=v.duty.qualifier))
        return " ".join(sentences)

    @staticmethod
    def letter_fact(c: Commitment, v: Verdict) -> str:
        """The duty as a letter states it: no advice to the reader, just the standard."""
        due, kind = v.due and spoken(v.due), (bool(v.duty.qualifier), bool(v.due))
        return say(LETTER_FACTS[kind], id=c.id, figure=v.duty.phrase(), duty=v.duty.duty, qualifier=v.duty.qualifier, due=due)

    # --- the end ------------------------------------------------------------------------------
    def summary(self, slots: Slots) -> Reply:
        """What the user keeps: the commitment, what happened, where they are, what next."""
        parts = [say("summary.heading")]
        chosen = slots.get(COMMITMENT)
        parts.append(say("summary.what_happened", description=as_typed(str(slots.get(DESCRIPTION) or ""))))
        if chosen in (None, NONE):
            parts += [say("summary.no_commitment"), say("triage.no_legal_advice")]
            return Reply("\n\n".join(parts))
        c = self.k.commitments[str(chosen)]
        parts.append(say("summary.commitment", citation=citation(c), wording=c.text))
        if self.triage.measure(c.id) and slots.get(START) not in (None, UNKNOWN):
            parts.append(self.dates_text(slots))
        parts += self.where_next(self.triage.stage(slots))
        parts.append(say("triage.no_legal_advice"))
        return Reply("\n\n".join(parts))

    def where_next(self, stage: Stage) -> list[str]:
        steps = self.k.escalation
        if stage.resolved_at:
            return [say("summary.resolved", number=stage.resolved_at, title=steps[stage.resolved_at - 1].title.lower())]
        if stage.exhausted:
            return [
                say("summary.exhausted", count=len(steps), after=self.k.after_escalation.summary),
                resolve(self.k, "contacts", self.settings),
            ]
        assert stage.step is not None
        step = steps[stage.step - 1]
        lines = [
            say("summary.at_step", number=step.number, count=len(steps), title=step.title.lower()),
            say("summary.next", do=step.do),
        ]
        lines += [resolve(self.k, key, self.settings) for key in step.pending]
        if step.number < len(steps):
            lines.append(say("summary.then", number=step.number + 1, title=steps[step.number].title.lower()))
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
        what = quote(str(slots[DESCRIPTION])) if slots.get(DESCRIPTION) else say("letter.what_happened_blank")
        paragraphs = [say("letter.opening", id=c.id, section_title=c.section.title, what_happened=what)]
        verdicts = self.triage.verdicts(slots)
        short = [(cc, v) for cc, v in verdicts if v.status == "short"]
        if short:
            head = self.period_text(slots, verdicts)
            paragraphs.append(head[0].upper() + head[1:] + " " + " ".join(self.letter_fact(cc, v) for cc, v in short))
        paragraphs.append(say("letter.says", id=c.id, sector=c.sector_label, wording=c.text))
        paragraphs.append(self.k.escalation[stage.step - 1].letter if stage.step else self.k.after_escalation.letter)
        outcome = slots.get(OUTCOME)
        if outcome:
            paragraphs.append(say(WANTS[outcome]) if outcome in WANTS else say("letter.want_typed", outcome=quote(outcome)))
        paragraphs.append(say("letter.closing"))
        return "\n\n".join(paragraphs)

    @staticmethod
    def letter_filename(slots: Slots) -> str:
        return say("letter.filename", id=slots.get(COMMITMENT))
