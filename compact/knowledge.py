"""Typed loader for ``knowledge/commitments.yaml``, the single source of Compact content.

The file's schema is written once, as pydantic models (compact/knowledge_schema.py), also
published as ``knowledge/schema.json`` so an editor checks the file as it is typed. A broken
file is refused with a message naming the file, the entry and the field, so whoever edits the
YAML when the final Compact is adopted sees what to fix. An entry that scripts/import_compact.py
marked for review (``review:``) is refused the same way until a person has checked it and deleted the
line, unless ``COMPACT_ALLOW_UNREVIEWED=1`` (or ``load(allow_unreviewed=True)``) says to load it anyway.
The rest of the assistant reads the frozen dataclasses built from the checked models.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from pydantic import BaseModel, ValidationError

from compact.knowledge_schema import ALLOW_UNREVIEWED, SECTORS, DurationEntry, KnowledgeFile, report, unreviewed
from compact.quantities import Length
from compact.settings import settings

# A commitment number as people type it ("what does 7.2 say", "commitment 21.1"): any "X.Y" that is not a money
# amount, a decimal with a unit or part of a date ("£2.4m", "2.4 million", "1.5 days", "12.03.2017").
NUMBER_NAMED = re.compile(
    r"(?<![\d.£$€])(?P<a>\d{1,2}\.\d{1,2})(?![\d.]*\d)(?!\s*(?:%|per ?cent|k\b|m\b|bn\b|million|billion|"
    r"thousand|pounds|hours?|days?|weeks?|months?|years?|hrs?|fte|miles?|km|percent))",
    re.I,
)


def numbers_named(text: str) -> list[str]:
    """Every commitment-like number a message names ("7.2", not a date's "13.05.26" or "2.5 days"), in order."""
    return NUMBER_NAMED.findall(text)


# libyaml's safe loader when PyYAML has it (it does here): the same data, about 15x faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "commitments.yaml"


class KnowledgeError(ValueError):
    """The knowledge file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class Duration:
    """A measurable duty stated by a commitment, e.g. at least 3 months' notice."""

    duty: str
    length: Length
    minimum: bool = False
    maximum: bool = False
    qualifier: str | None = None
    measure: str | None = None  # the id of a Measure that can check this duty against dates

    def phrase(self) -> str:
        bound = "at least " if self.minimum else "up to " if self.maximum else ""
        return f"{bound}{self.length}"


@dataclass(frozen=True)
class Theme:
    id: str
    title: str


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    theme: Theme


@dataclass(frozen=True)
class Commitment:
    id: str
    section: Section
    sector: str
    text: str
    summary: str
    facts: tuple[Duration, ...]
    terms: tuple[str, ...]
    related: tuple[str, ...]
    principles: tuple[str, ...]
    examples: tuple[str, ...] = ()
    counterparts: tuple[str, ...] = ()  # the other sector's matching commitments, where the document pairs them

    @property
    def sector_label(self) -> str:
        return SECTORS[self.sector]


@dataclass(frozen=True)
class Principle:
    name: str
    text: str
    summary: str
    terms: tuple[str, ...]
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    answer: str
    terms: tuple[str, ...]
    pending: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    own_thing: bool = False  # "it" after it means this thing (the action plan), not the Compact
    part: int | None = None  # the numbered part of the document's contents it answers ("section 7" after the contents)
    not_named: tuple[str, ...] = ()  # kinds of body people ask about that the document does not name ("parish council")


@dataclass(frozen=True)
class Measure:
    """A period a duty can be checked against: the two questions that find its dates."""

    id: str
    start: str
    start_role: str  # "past": must not be after today; "any"
    start_label: str
    end: str
    end_role: str
    end_label: str
    length_label: str  # what a bare length measures ("notice given: 2 weeks")
    terms: tuple[str, ...] = ()  # what people call the period ("consultation", "notice")
    not_terms: tuple[str, ...] = ()  # the same words meaning something else ("redundancy notice")


@dataclass(frozen=True)
class EscalationStep:
    number: int
    title: str
    text: str
    do: str
    ask: str
    letter: str  # the paragraph of a ready-to-send message written at this step
    pending: tuple[str, ...] = ()


@dataclass(frozen=True)
class AfterEscalation:
    """What to say when all the steps have been tried and the issue is still not resolved."""

    summary: str
    letter: str


@dataclass(frozen=True)
class Pending:
    """Something the draft leaves open ("to be added"); configuration may supply it."""

    key: str
    label: str
    draft_says: str


@dataclass(frozen=True)
class SectorCues:
    """Words that name a sector as the subject of a duty, and phrases that say who "we" are."""

    subjects: tuple[str, ...]
    identities: tuple[str, ...]


@dataclass(frozen=True)
class Abbreviation:
    """A short form ("CCG"), what it stands for as the document spells it, and the entry about it."""

    short: str
    long: str
    entry: str


@dataclass(frozen=True)
class Neighbour:
    """A subject next to the Compact that people ask about but it does not cover (charity
    registration, VAT, employment law…): its curated terms, and where to ask instead."""

    id: str
    about: str  # "charity registration, annual returns and accounts"
    pointer: str  # "the Charity Commission"
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    title: str
    version: str
    date: str
    status: str
    author: str
    source: str


def number_order(commitment_id: str) -> tuple[int, ...]:
    """A commitment id's place in the document ("9.10" after "9.2")."""
    return tuple(int(n) for n in commitment_id.split("."))


@dataclass(frozen=True)
class Knowledge:
    document: Document
    themes: tuple[Theme, ...]
    sections: tuple[Section, ...]
    commitments: Mapping[str, Commitment]
    principles: Mapping[str, Principle]
    topics: Mapping[str, Topic]
    escalation: tuple[EscalationStep, ...]
    after_escalation: AfterEscalation
    pending: Mapping[str, Pending]
    measures: Mapping[str, Measure]
    sector_cues: Mapping[str, SectorCues]
    path: Path
    neighbours: tuple[Neighbour, ...] = ()
    dealings: tuple[str, ...] = ()  # what the sectors do together: a story naming one may be a breach
    abbreviations: Mapping[str, Abbreviation] = field(default_factory=dict)  # by the short form, lower case

    def commitments_named(self, text: str) -> list[str]:
        """The draft's commitment numbers a message names ("is 7.2 like 7.3?" -> ["7.3"]), in order."""
        return [i for i in numbers_named(text) if i in self.commitments]

    def entry_title(self, entry_id: str) -> str:
        """A short human title for a commitment id, principle name or topic id."""
        if entry_id in self.commitments:
            return f"Commitment {entry_id}"
        if entry_id in self.principles:
            return f"Principle: {entry_id}"
        return self.topics[entry_id].title

    def entry_wording(self, entry_id: str) -> str:
        """What an entry is about, in its own words, for telling listed entries apart by what a reply
        says of one: a commitment's summary and wording, a principle's name and summary, a topic's title
        (a topic's whole answer touches on too much)."""
        if entry_id in self.commitments:
            c = self.commitments[entry_id]
            return f"{c.summary} {c.text}"
        if entry_id in self.principles:
            p = self.principles[entry_id]
            return f"{p.name} {p.summary}"
        return self.topics[entry_id].title

    def part(self, number: int | str | None) -> str | None:
        """The topic answering a numbered part of the document's contents (7: pledge and sign up), if any."""
        return next((t.id for t in self.topics.values() if t.part is not None and str(t.part) == str(number)), None)

    def practising(self, principle: str) -> list[Commitment]:
        """The commitments that put a principle into practice (their ``principles`` name it), in the document's order."""
        return [c for c in self.commitments.values() if principle in c.principles]

    def fallback(self, entry_id: str) -> str | None:
        """The commitment that sets the floor when this one's figure cannot be met: another
        commitment stating a minimum for the same measure (12 weeks' consultation, 3.6: eight
        weeks generally the minimum, 4.8)."""
        if entry_id not in self.commitments:  # a principle or a topic sets no figure
            return None
        measures = {f.measure for f in self.commitments[entry_id].facts if f.measure and not f.minimum}
        floors = (
            c.id
            for c in self.commitments.values()
            if c.id != entry_id and any(f.minimum and f.measure in measures for f in c.facts)
        )
        return next(floors, None)


# --- loading -----------------------------------------------------------------------------------


def load(path: str | os.PathLike[str] | None = None, *, allow_unreviewed: bool | None = None) -> Knowledge:
    """Read and check the knowledge file; raise :class:`KnowledgeError` naming the problem. Entries
    marked for review are refused unless ``allow_unreviewed`` (by default the setting COMPACT_ALLOW_UNREVIEWED)."""
    path = Path(path or settings().knowledge or DEFAULT_PATH)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read the knowledge file: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    try:
        checked = KnowledgeFile.validate(raw)
    except TypeError as exc:  # not a mapping at all
        raise KnowledgeError(f"{path}: top level: {exc}") from None
    except ValidationError as exc:
        raise KnowledgeError(report(path, raw, exc)) from None
    marked = unreviewed(path, raw, checked)
    if marked and not (settings().allow_unreviewed if allow_unreviewed is None else allow_unreviewed):
        hint = f"(to load these entries before they are checked, e.g. to try the assistant, set {ALLOW_UNREVIEWED}=1)"
        raise KnowledgeError("\n".join([*marked, hint]))
    return _knowledge(checked, path)


def _knowledge(file: KnowledgeFile, path: Path) -> Knowledge:
    """The checked file as the dataclasses the assistant reads (field names match the YAML's)."""
    themes = {t.id: Theme(**dict(t)) for t in file.themes}
    sections = {s.number: Section(s.number, s.title, themes[s.theme]) for s in file.sections}
    commitments: dict[str, Commitment] = {
        c.id: Commitment(**{**_served(c), "section": sections[c.section], "facts": tuple(_duration(f) for f in c.facts)})
        for c in file.commitments
    }
    return Knowledge(
        document=Document(**dict(file.document)),
        themes=tuple(themes.values()),
        sections=tuple(sections.values()),
        commitments=commitments,
        principles={p.name: Principle(**_served(p)) for p in file.principles},
        topics={t.id: Topic(**_served(t)) for t in file.topics},
        escalation=tuple(EscalationStep(number, **_served(s)) for number, s in enumerate(file.escalation, 1)),
        after_escalation=AfterEscalation(**dict(file.after_escalation)),
        pending={p.key: Pending(**dict(p)) for p in file.pending},
        measures={m.id: Measure(**dict(m)) for m in file.measures},
        sector_cues={sector: SectorCues(**dict(cues)) for sector, cues in file.sector_cues.items()},
        path=path,
        neighbours=tuple(Neighbour(**dict(n)) for n in file.outside),
        dealings=tuple(file.dealings),
        abbreviations={a.short.lower(): Abbreviation(**dict(a)) for a in file.abbreviations},
    )


def _served(entry: BaseModel) -> dict[str, Any]:
    """An entry's fields as the assistant reads them: without the import's review note."""
    return {k: v for k, v in dict(entry).items() if k != "review"}


def _duration(entry: DurationEntry) -> Duration:
    fields = dict(entry)
    return Duration(
        **{k: v for k, v in fields.items() if k not in ("amount", "unit")}, length=Length(fields["amount"], fields["unit"])
    )


@functools.lru_cache(maxsize=4)
def cached(path: str | None = None) -> Knowledge:
    """The knowledge loaded once per process (the action server reuses it per request)."""
    return load(path)


def all_terms(knowledge: Knowledge) -> Iterable[str]:
    """Every curated term and example question, for the overlap check against evaluation questions."""
    entries: list[Commitment | Principle | Topic] = [
        *knowledge.commitments.values(),
        *knowledge.principles.values(),
        *knowledge.topics.values(),
    ]
    for entry in entries:
        yield from entry.terms
        yield from entry.examples
    for neighbour in knowledge.neighbours:
        yield from neighbour.terms
