"""Typed loader for ``knowledge/commitments.yaml``, the single source of Compact content.

The loader refuses a broken file with a message naming the file, the entry and the
field, so whoever edits the YAML when the final Compact is adopted sees what to fix.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "commitments.yaml"
SECTORS = {"statutory": "statutory sector", "vcs": "voluntary and community sector (VCS)"}
UNITS = ("days", "weeks", "months", "years")
COMMITMENT_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")


class KnowledgeError(ValueError):
    """The knowledge file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class Duration:
    """A measurable duty stated by a commitment, e.g. at least 3 months' notice."""

    duty: str
    amount: int
    unit: str
    minimum: bool = False
    maximum: bool = False
    qualifier: str | None = None
    measure: str | None = None  # the id of a Measure that can check this duty against dates

    def phrase(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        bound = "at least " if self.minimum else "up to " if self.maximum else ""
        return f"{bound}{self.amount} {unit}"


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

    def entry_title(self, entry_id: str) -> str:
        """A short human title for a commitment id, principle name or topic id."""
        if entry_id in self.commitments:
            return f"Commitment {entry_id}"
        if entry_id in self.principles:
            return f"Principle: {entry_id}"
        return self.topics[entry_id].title


class _Reader:
    """Walks the raw YAML, naming the place of every problem it finds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.measure_ids: set[str] = set()

    def fail(self, where: str, field: str, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{self.path}: {where}: field '{field}': {problem}")

    def text(self, raw: Mapping[str, Any], field: str, where: str) -> str:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, field, "missing or empty text")
        return value.strip()

    def words(self, raw: Mapping[str, Any], field: str, where: str) -> tuple[str, ...]:
        value = raw.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, field, "expected a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def mapping(self, raw: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(raw, dict):
            raise KnowledgeError(f"{self.path}: {where}: expected a mapping, got {type(raw).__name__}")
        return raw

    def entries(self, raw: Mapping[str, Any], field: str) -> list[Mapping[str, Any]]:
        value = raw.get(field)
        if not isinstance(value, list) or not value:
            raise KnowledgeError(f"{self.path}: top level: field '{field}': expected a non-empty list")
        return [self.mapping(item, f"{field}[{i}]") for i, item in enumerate(value)]

    def duration(self, raw: Any, where: str) -> Duration:
        raw = self.mapping(raw, where)
        amount, unit = raw.get("amount"), raw.get("unit")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise self.fail(where, "amount", f"bad duration amount {amount!r} (expected a positive whole number)")
        if unit not in UNITS:
            raise self.fail(where, "unit", f"bad duration unit {unit!r} (expected one of {', '.join(UNITS)})")
        qualifier, measure = raw.get("qualifier"), raw.get("measure")
        if measure is not None and measure not in self.measure_ids:
            raise self.fail(where, "measure", f"unknown measure {measure!r}")
        return Duration(
            duty=self.text(raw, "duty", where),
            amount=amount,
            unit=unit,
            minimum=bool(raw.get("minimum", False)),
            maximum=bool(raw.get("maximum", False)),
            qualifier=str(qualifier) if qualifier else None,
            measure=measure,
        )


def load(path: str | os.PathLike[str] | None = None) -> Knowledge:
    """Read and check the knowledge file; raise :class:`KnowledgeError` naming the problem."""
    path = Path(path or os.environ.get("COMPACT_KNOWLEDGE") or DEFAULT_PATH)
    r = _Reader(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read the knowledge file: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    raw = r.mapping(raw, "top level")

    doc = r.mapping(raw.get("document"), "document")
    document = Document(**{f: r.text(doc, f, "document") for f in ("title", "version", "date", "status", "author", "source")})

    themes: dict[str, Theme] = {}
    for i, t in enumerate(r.entries(raw, "themes")):
        where = f"themes[{i}]"
        theme = Theme(id=r.text(t, "id", where), title=r.text(t, "title", where))
        if theme.id in themes:
            raise r.fail(where, "id", f"duplicate theme id {theme.id!r}")
        themes[theme.id] = theme

    sections: dict[int, Section] = {}
    for i, s in enumerate(r.entries(raw, "sections")):
        where = f"sections[{i}]"
        number, theme_id = s.get("number"), s.get("theme")
        if not isinstance(number, int) or number in sections:
            raise r.fail(where, "number", f"missing or duplicate section number {number!r}")
        if theme_id not in themes:
            raise r.fail(where, "theme", f"unknown theme {theme_id!r}")
        sections[number] = Section(number=number, title=r.text(s, "title", where), theme=themes[theme_id])

    measures: dict[str, Measure] = {}
    for i, m in enumerate(r.entries(raw, "measures")):
        where = f"measures[{i}]"
        fields = {f: r.text(m, f, where) for f in ("id", "start", "start_role", "start_label", "end", "end_role", "end_label", "length_label")}
        for role in ("start_role", "end_role"):
            if fields[role] not in ("past", "any"):
                raise r.fail(where, role, f"expected past or any, got {fields[role]!r}")
        measures[fields["id"]] = Measure(**fields)
    r.measure_ids = set(measures)

    principles: dict[str, Principle] = {}
    for i, p in enumerate(r.entries(raw, "principles")):
        where = f"principles[{i}]"
        name = r.text(p, "name", where)
        if name in principles:
            raise r.fail(where, "name", f"duplicate principle {name!r}")
        principles[name] = Principle(name, r.text(p, "text", where), r.text(p, "summary", where), r.words(p, "terms", where),
                                     r.words(p, "examples", where))

    commitments: dict[str, Commitment] = {}
    raw_commitments = r.entries(raw, "commitments")
    known_ids: set[str] = set()
    for i, c in enumerate(raw_commitments):  # ids first, so cross-references can be checked
        cid = c.get("id")
        where = f"commitments[{i}] (id {cid})"
        if not isinstance(cid, str) or not COMMITMENT_ID.match(cid):
            raise r.fail(where, "id", f"expected a quoted id like \"13.2\", got {cid!r}")
        if cid in known_ids:
            raise r.fail(where, "id", f"duplicate commitment id {cid!r}")
        known_ids.add(cid)
    for i, c in enumerate(raw_commitments):
        cid = c["id"]
        where = f"commitments[{i}] (id {cid})"
        section = sections.get(c.get("section"))  # type: ignore[arg-type]
        if section is None or not cid.startswith(f"{section.number}."):
            raise r.fail(where, "section", f"unknown section {c.get('section')!r} for id {cid}")
        if c.get("sector") not in SECTORS:
            raise r.fail(where, "sector", f"unknown sector {c.get('sector')!r} (expected one of {', '.join(SECTORS)})")
        facts = c.get("facts") or []
        if not isinstance(facts, list):
            raise r.fail(where, "facts", "expected a list of durations")
        related = r.words(c, "related", where)
        for other in related:
            if other not in known_ids or other == cid:
                raise r.fail(where, "related", f"unknown or self reference {other!r}")
        named = r.words(c, "principles", where)
        for name in named:
            if name not in principles:
                raise r.fail(where, "principles", f"unknown principle {name!r}")
        counterparts = r.words(c, "counterparts", where)
        for other in counterparts:
            if other not in known_ids or other == cid:
                raise r.fail(where, "counterparts", f"unknown or self reference {other!r}")
        commitments[cid] = Commitment(
            id=cid,
            section=section,
            sector=c["sector"],
            text=r.text(c, "text", where),
            summary=r.text(c, "summary", where),
            facts=tuple(r.duration(f, f"{where} facts[{j}]") for j, f in enumerate(facts)),
            terms=r.words(c, "terms", where),
            related=related,
            principles=named,
            examples=r.words(c, "examples", where),
            counterparts=counterparts,
        )
    for cid, c in commitments.items():
        where = f"commitments (id {cid})"
        for other in c.counterparts:
            if commitments[other].sector == c.sector:
                raise r.fail(where, "counterparts", f"{other} is a {c.sector} commitment too: a counterpart is the other sector's")
            if cid not in commitments[other].counterparts:
                raise r.fail(where, "counterparts", f"{other} does not list {cid} back")

    pending: dict[str, Pending] = {}
    for i, p in enumerate(r.entries(raw, "pending")):
        where = f"pending[{i}]"
        item = Pending(r.text(p, "key", where), r.text(p, "label", where), r.text(p, "draft_says", where))
        pending[item.key] = item

    escalation = []
    for i, s in enumerate(r.entries(raw, "escalation")):
        where = f"escalation[{i}]"
        step = EscalationStep(i + 1, *(r.text(s, f, where) for f in ("title", "text", "do", "ask", "letter")), r.words(s, "pending", where))
        for key in step.pending:
            if key not in pending:
                raise r.fail(where, "pending", f"unknown pending item {key!r}")
        escalation.append(step)

    after = r.mapping(raw.get("after_escalation"), "after_escalation")

    topics: dict[str, Topic] = {}
    for i, t in enumerate(r.entries(raw, "topics")):
        where = f"topics[{i}]"
        tid = r.text(t, "id", where)
        if tid in topics or tid in commitments or tid in principles:
            raise r.fail(where, "id", f"duplicate id {tid!r}")
        topics[tid] = Topic(tid, r.text(t, "title", where), r.text(t, "answer", where), r.words(t, "terms", where),
                            r.words(t, "pending", where), r.words(t, "examples", where))
        for key in topics[tid].pending:
            if key not in pending:
                raise r.fail(where, "pending", f"unknown pending item {key!r}")

    cues_raw = r.mapping(raw.get("sector_cues"), "sector_cues")
    sector_cues: dict[str, SectorCues] = {}
    for sector, cues in cues_raw.items():
        where = f"sector_cues.{sector}"
        if sector not in SECTORS:
            raise r.fail("sector_cues", sector, f"unknown sector {sector!r}")
        cues = r.mapping(cues, where)
        sector_cues[sector] = SectorCues(r.words(cues, "subjects", where), r.words(cues, "identities", where))

    neighbours = []
    for i, n in enumerate(r.entries(raw, "outside")):
        where = f"outside[{i}] (id {n.get('id')})"
        neighbours.append(Neighbour(r.text(n, "id", where), r.text(n, "about", where), r.text(n, "pointer", where),
                                    r.words(n, "terms", where)))

    return Knowledge(
        document=document,
        themes=tuple(themes.values()),
        sections=tuple(sections.values()),
        commitments=commitments,
        principles=principles,
        topics=topics,
        escalation=tuple(escalation),
        after_escalation=AfterEscalation(*(r.text(after, f, "after_escalation") for f in ("summary", "letter"))),
        pending=pending,
        measures=measures,
        sector_cues=sector_cues,
        path=path,
        neighbours=tuple(neighbours),
    )


@functools.lru_cache(maxsize=4)
def cached(path: str | None = None) -> Knowledge:
    """The knowledge loaded once per process (the action server reuses it per request)."""
    return load(path)


def all_terms(knowledge: Knowledge) -> Iterable[str]:
    """Every curated term and example question, for the overlap check against evaluation questions."""
    for entry in (*knowledge.commitments.values(), *knowledge.principles.values(), *knowledge.topics.values()):
        yield from entry.terms
        yield from entry.examples
    for neighbour in knowledge.neighbours:
        yield from neighbour.terms
