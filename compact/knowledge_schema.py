"""The schema of ``knowledge/commitments.yaml``, written once as pydantic models: they check the
YAML when it is loaded (compact/knowledge.py), and scripts/generate_schema.py publishes them as
``knowledge/schema.json`` so an editor checks the file as it is typed. Problems are reported one
per line, naming the file, the entry and the field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar, Collection, Iterable, Iterator, Mapping

from pydantic import BaseModel, Extra, Field, StrictBool, ValidationError, validator
from pydantic.error_wrappers import ErrorWrapper
from pydantic.fields import MAPPING_LIKE_SHAPES

SECTORS = {"statutory": "statutory sector", "vcs": "voluntary and community sector (VCS)"}
UNITS = ("days", "weeks", "months", "years")
COMMITMENT_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
ROLES = ("past", "any")  # a measure's date: must not be after today, or either side of it


# --- the file's schema: value types -----------------------------------------------------------
# Each checks a YAML value with a message saying what is expected, and describes itself in JSON Schema.


class _Checked:
    """A pydantic field type: ``check`` reads a YAML value, ``json_schema`` describes it."""

    json_schema: ClassVar[dict[str, Any]] = {}

    @classmethod
    def __get_validators__(cls) -> Iterator[Any]:
        yield cls.check

    @classmethod
    def __modify_schema__(cls, schema: dict[str, Any]) -> None:
        schema.update(cls.json_schema)

    @classmethod
    def check(cls, value: Any) -> Any:
        raise NotImplementedError


class Text(_Checked, str):
    """Non-blank text, read without its surrounding white space."""

    json_schema = {"type": "string", "pattern": r"\S"}
    missing: ClassVar[str] = "missing or empty text"

    @classmethod
    def check(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {type(value).__name__} {value!r}")
        if not value.strip():
            raise ValueError(cls.missing)
        return value.strip()


class Words(_Checked, tuple):  # type: ignore[type-arg]
    """A list of non-blank texts (terms, examples, ids), read as a tuple."""

    json_schema = {"type": "array", "items": Text.json_schema}

    @classmethod
    def check(cls, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError("expected a list of non-empty strings")
        return tuple(v.strip() for v in value)


class Amount(_Checked, int):
    """How many days, weeks… a duty lasts."""

    json_schema = {"type": "integer", "minimum": 1}

    @classmethod
    def check(cls, value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"bad duration amount {value!r} (expected a positive whole number)")
        return value


class WholeNumber(_Checked, int):
    """An integer that YAML did not read as true or false."""

    json_schema = {"type": "integer"}

    @classmethod
    def check(cls, value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value


class CommitmentId(_Checked, str):
    """A commitment's number as printed; quoted, as YAML reads 13.2 as a number and 13.10 as 13.1."""

    json_schema = {"type": "string", "pattern": COMMITMENT_ID.pattern}

    @classmethod
    def check(cls, value: Any) -> str:
        if not isinstance(value, str) or not COMMITMENT_ID.match(value):
            raise ValueError(f'expected a quoted id like "13.2", got {value!r}')
        return value


class _Choice(_Checked, str):
    """One of a few fixed words."""

    options: ClassVar[tuple[str, ...]]
    problem: ClassVar[str]  # formatted with the value found

    def __init_subclass__(cls) -> None:
        cls.json_schema = {"enum": list(cls.options)}

    @classmethod
    def check(cls, value: Any) -> str:
        if not isinstance(value, str) or value not in cls.options:
            raise ValueError(cls.problem.format(value=value))
        return value


class Unit(_Choice):
    options = UNITS
    problem = f"bad duration unit {{value!r}} (expected one of {', '.join(UNITS)})"


class Sector(_Choice):
    options = tuple(SECTORS)
    problem = f"unknown sector {{value!r}} (expected one of {', '.join(SECTORS)})"


class Role(_Choice):
    options = ROLES
    problem = f"expected {' or '.join(ROLES)}, got {{value!r}}"


# --- the file's schema: entries ----------------------------------------------------------------

ALLOW_UNREVIEWED = "COMPACT_ALLOW_UNREVIEWED"  # set to 1 to load entries still marked for review


def _review() -> Any:
    """The field an import (scripts/import_compact.py) sets on an entry a person must check."""
    return Field(
        None,
        description="Why an import of a new version of the Compact wants a person to check this entry against the new "
        f"wording. The assistant refuses the file until the line is deleted ({ALLOW_UNREVIEWED}=1 loads it anyway).",
    )


class _Entry(BaseModel):
    class Config:
        extra = Extra.forbid  # a misspelt field name is an error, not silently ignored

    @classmethod
    def validate(cls, value: Any) -> Any:
        """Only a mapping is an entry (pydantic would also take a list of pairs)."""
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping, got {type(value).__name__}")
        return cls(**{str(k): v for k, v in value.items()})  # YAML reads some keys as numbers or booleans


class DocumentEntry(_Entry):
    """The edition of the Compact this file holds."""

    title: Text
    version: Text
    date: Text
    status: Text
    author: Text
    source: Text


class ThemeEntry(_Entry):
    """One of the Compact's themes, which group its sections."""

    id: Text
    title: Text


class SectionEntry(_Entry):
    """A numbered section of the Compact: commitment 13.2 is in section 13."""

    number: WholeNumber
    title: Text
    theme: Text = Field(..., description="The id of a theme.")


class MeasureEntry(_Entry):
    """A period a duty can be checked against: the two questions that find its dates. A date's role
    is "past" (must not be after today) or "any" (either side of today)."""

    id: Text
    start: Text
    start_role: Role
    start_label: Text
    end: Text
    end_role: Role
    end_label: Text
    length_label: Text = Field(..., description='What a bare length measures ("a notice period").')
    terms: Words = Field(
        (),
        description="Words people use for what the period was (a consultation, notice, a decision): a story that "
        "gives the period's dates and uses one is about the duty measured this way.",
    )
    not_terms: Words = Field(
        (),
        description='Phrases that use a term for something else ("redundancy notice"): not the period.',
    )


class PrincipleEntry(_Entry):
    """One of the seven shared principles."""

    name: Text
    text: Text = Field(..., description="The wording exactly as printed.")
    summary: Text = Field(..., description="The plain-English answer.")
    terms: Words = Field((), description="Words people use for it.")
    examples: Words = Field((), description="Questions people ask about it.")
    review: Text | None = _review()


class DurationEntry(_Entry):
    """A measurable duty stated by a commitment, e.g. at least 3 months' notice."""

    duty: Text
    amount: Amount
    unit: Unit
    minimum: StrictBool = Field(False, description='"at least" the amount.')
    maximum: StrictBool = Field(False, description='"up to" the amount.')
    qualifier: Text | None = Field(None, description='How the document softens it ("where possible").')
    measure: Text | None = Field(None, description="The id of a measure that can check this duty against dates.")


class CommitmentEntry(_Entry):
    """A commitment, with its wording and number exactly as printed, and curated help."""

    id: CommitmentId = Field(..., description='The number as printed, quoted: "13.2".')
    section: WholeNumber = Field(..., description="The number of its section: the part of the id before the dot.")
    sector: Sector = Field(..., description="The sector that makes the commitment.")
    text: Text = Field(..., description="The wording exactly as printed.")
    summary: Text = Field(..., description="The plain-English answer.")
    facts: list[DurationEntry] = Field([], description="Measurable durations it states.")
    terms: Words = Field((), description="Words people use; honest descriptions, never copies of evaluation questions.")
    related: Words = Field((), description="Up to three other commitment ids, offered as buttons.")
    principles: Words = Field((), description="The names of the principles it puts into practice.")
    examples: Words = Field((), description="Questions people ask, written without sight of any evaluation question.")
    counterparts: Words = Field((), description="The other sector's matching commitments, each listing this one back.")
    review: Text | None = _review()


class PendingEntry(_Entry):
    """Something the draft leaves open ("to be added"); configuration may supply it."""

    key: Text
    label: Text
    draft_says: Text


class StepEntry(_Entry):
    """A step of resolving a breach, in order."""

    title: Text
    text: Text = Field(..., description="The wording exactly as printed.")
    do: Text
    ask: Text
    letter: Text = Field(..., description="The paragraph of a ready-to-send message written at this step.")
    pending: Words = Field((), description="Keys of pending items this step depends on.")
    review: Text | None = _review()


class AfterEscalationEntry(_Entry):
    """What to say when all the steps have been tried and the issue is still not resolved."""

    summary: Text
    letter: Text


class TopicEntry(_Entry):
    """A question about the Compact as a whole, with its answer."""

    id: Text
    title: Text
    answer: Text
    terms: Words = Words()
    pending: Words = Field(Words(), description="Keys of pending items the answer depends on.")
    examples: Words = Words()
    own_thing: bool = Field(
        False, description='About a thing of its own (the action plan, the route), which "it" then means, not the Compact.'
    )
    part: int | None = Field(
        None, ge=1, le=9, description="The numbered part of the document's contents it answers (6: things going wrong)."
    )
    not_named: Words = Field(
        Words(),
        description='Kinds of body people ask about that the document does not name ("parish council"): the answer says so.',
    )
    review: Text | None = _review()


class CuesEntry(_Entry):
    """Words that name a sector as the subject of a duty, and phrases that say who "we" are."""

    subjects: Words = Words()
    identities: Words = Words()


class NeighbourEntry(_Entry):
    """A subject next to the Compact that people ask about but it does not cover, and where to ask instead."""

    id: Text
    about: Text
    pointer: Text
    terms: Words = Words()


class AbbreviationEntry(_Entry):
    """A short form people ask about ("what does CCG stand for?"), what it stands for in the
    document's own words, and the entry that says what the Compact does with it."""

    short: Text
    long: Text
    entry: Text


Place = tuple[int | str, ...]  # where a problem is inside a field's value: (3, "related")
Problem = tuple[Place, str]


class KnowledgeFile(_Entry):
    """The Derby and Derbyshire Compact as the assistant knows it (knowledge/commitments.yaml): its
    wording exactly as printed, with curated help. Replies, buttons, matching and checks all read it."""

    class Config:
        title = "Derby and Derbyshire Compact knowledge file"
        schema_extra = {"$schema": "http://json-schema.org/draft-07/schema#"}

    document: DocumentEntry
    themes: list[ThemeEntry] = Field(..., min_items=1)
    sections: list[SectionEntry] = Field(..., min_items=1)
    measures: list[MeasureEntry] = Field(..., min_items=1)
    principles: list[PrincipleEntry] = Field(..., min_items=1)
    commitments: list[CommitmentEntry] = Field(..., min_items=1)
    pending: list[PendingEntry] = Field(..., min_items=1)
    escalation: list[StepEntry] = Field(..., min_items=1)
    after_escalation: AfterEscalationEntry
    topics: list[TopicEntry] = Field(..., min_items=1)
    sector_cues: dict[str, CuesEntry] = Field(..., propertyNames=Sector.json_schema)
    outside: list[NeighbourEntry] = Field(..., min_items=1, description="Subjects next to the Compact it does not cover.")
    dealings: Words = Field(
        ...,
        description="Words for the dealings between the sectors that the Compact governs (funding, consultation…).",
    )
    abbreviations: list[AbbreviationEntry] = Field(
        default_factory=list,
        description="Short forms people ask about, each spelt out as the document spells it, with the entry about it.",
    )

    # Cross-references. Each check runs once the fields it reads are valid (pydantic leaves a
    # field out of ``values`` when it is not).

    @validator("themes")
    def _themes(cls, themes: list[ThemeEntry]) -> list[ThemeEntry]:
        _refuse(_duplicates(themes, "id", "theme id"))
        return themes

    @validator("sections")
    def _sections(cls, sections: list[SectionEntry], values: dict[str, Any]) -> list[SectionEntry]:
        themes = _known(values, "themes", "id")
        _refuse(
            _duplicates(sections, "number", "section number")
            + [p for i, s in enumerate(sections) for p in _unknown((i, "theme"), [s.theme], themes, "theme")]
        )
        return sections

    @validator("measures")
    def _measures(cls, measures: list[MeasureEntry]) -> list[MeasureEntry]:
        _refuse(_duplicates(measures, "id", "measure id"))
        return measures

    @validator("principles")
    def _principles(cls, principles: list[PrincipleEntry]) -> list[PrincipleEntry]:
        _refuse(_duplicates(principles, "name", "principle"))
        return principles

    @validator("commitments")
    def _commitments(cls, commitments: list[CommitmentEntry], values: dict[str, Any]) -> list[CommitmentEntry]:
        problems = _duplicates(commitments, "id", "commitment id")
        by_id = {c.id: c for c in commitments}
        sections, measures, principles = (
            _known(values, f, k) for f, k in (("sections", "number"), ("measures", "id"), ("principles", "name"))
        )
        for i, c in enumerate(commitments):
            if (sections is not None and c.section not in sections) or not c.id.startswith(f"{c.section}."):
                problems.append(((i, "section"), f"unknown section {c.section!r} for id {c.id}"))
            for j, fact in enumerate(c.facts):
                problems += _unknown((i, "facts", j, "measure"), [fact.measure] if fact.measure else [], measures, "measure")
            problems += _unknown((i, "principles"), c.principles, principles, "principle")
            others = by_id.keys() - {c.id}
            problems += _unknown((i, "related"), c.related, others, "or self reference")
            problems += _unknown((i, "counterparts"), c.counterparts, others, "or self reference")
            for other in (by_id[o] for o in c.counterparts if o in others):
                if other.sector == c.sector:
                    problems.append(
                        ((i, "counterparts"), f"{other.id} is a {c.sector} commitment too: a counterpart is the other sector's")
                    )
                elif c.id not in other.counterparts:
                    problems.append(((i, "counterparts"), f"{other.id} does not list {c.id} back"))
        _refuse(problems)
        return commitments

    @validator("pending")
    def _pending(cls, pending: list[PendingEntry]) -> list[PendingEntry]:
        _refuse(_duplicates(pending, "key", "pending key"))
        return pending

    @validator("escalation")
    def _escalation(cls, steps: list[StepEntry], values: dict[str, Any]) -> list[StepEntry]:
        pending = _known(values, "pending", "key")
        _refuse([p for i, s in enumerate(steps) for p in _unknown((i, "pending"), s.pending, pending, "pending item")])
        return steps

    @validator("topics")
    def _topics(cls, topics: list[TopicEntry], values: dict[str, Any]) -> list[TopicEntry]:
        taken = (_known(values, "commitments", "id") or set()) | (_known(values, "principles", "name") or set())
        pending = _known(values, "pending", "key")
        _refuse(
            _duplicates(topics, "id", "id", taken)
            + [p for i, t in enumerate(topics) for p in _unknown((i, "pending"), t.pending, pending, "pending item")]
        )
        return topics

    @validator("sector_cues")
    def _sector_cues(cls, cues: dict[str, CuesEntry]) -> dict[str, CuesEntry]:
        _refuse([((sector,), Sector.problem.format(value=sector)) for sector in cues if sector not in SECTORS])
        return cues

    @validator("outside")
    def _outside(cls, neighbours: list[NeighbourEntry]) -> list[NeighbourEntry]:
        _refuse(_duplicates(neighbours, "id", "id"))
        return neighbours

    @validator("abbreviations")
    def _abbreviations(cls, abbreviations: list[AbbreviationEntry], values: dict[str, Any]) -> list[AbbreviationEntry]:
        commitments, topics = _known(values, "commitments", "id"), _known(values, "topics", "id")
        known = None if commitments is None or topics is None else commitments | topics
        problems = _duplicates([a.copy(update={"short": a.short.lower()}) for a in abbreviations], "short", "short form")
        for i, a in enumerate(abbreviations):
            problems += _unknown((i, "entry"), [a.entry], known, "commitment or topic")
        _refuse(problems)
        return abbreviations


def _known(values: dict[str, Any], field: str, key: str) -> set[Any] | None:
    """The ``key`` of every entry of a valid ``field``, or None when that field is invalid."""
    return {getattr(entry, key) for entry in values[field]} if field in values else None


def _duplicates(entries: list[Any], key: str, what: str, taken: Collection[Any] = ()) -> list[Problem]:
    """A problem for each entry whose ``key`` an earlier entry (or ``taken``) already has."""
    seen = set(taken)
    problems: list[Problem] = []
    for i, entry in enumerate(entries):
        value = getattr(entry, key)
        if value in seen:
            problems.append(((i, key), f"duplicate {what} {value!r}"))
        seen.add(value)
    return problems


def _unknown(place: Place, refs: Iterable[Any], known: Collection[Any] | None, what: str) -> list[Problem]:
    """A problem for each reference not in ``known`` (none when ``known`` could not be read)."""
    return [] if known is None else [(place, f"unknown {what} {ref!r}") for ref in refs if ref not in known]


def _refuse(problems: list[Problem]) -> None:
    """Raise the problems at their places inside the field being checked."""
    if problems:
        raise ValidationError([ErrorWrapper(ValueError(message), loc=place) for place, message in problems], KnowledgeFile)


# --- reporting problems -----------------------------------------------------------------------

_PYDANTIC_PROBLEMS = {  # pydantic's own checks, worded like ours
    "type_error.list": "expected a list",
    "value_error.list.min_items": "expected a non-empty list",
    "value_error.strictbool": "expected true or false",
}


def report(path: Path, raw: Any, error: ValidationError) -> str:
    """One line per problem: ``<file>: <entry>: field '<field>': <what is wrong>``."""
    lines = []
    for problem in error.errors():
        loc = problem["loc"]
        field = loc[-1] if loc and isinstance(loc[-1], str) else None
        entry = loc[:-1] if field else loc
        named = f"field '{field}': " if field else ""
        lines.append(f"{path}: {_where(raw, entry)}: {named}{_wording(problem, entry, field)}")
    return "\n".join(lines)


def unreviewed(path: Path, raw: Any, file: KnowledgeFile) -> list[str]:
    """One line per entry an import marked for review, like a problem: ``<file>: <entry>: field 'review': …``."""
    return [
        f"{path}: {_where(raw, (name, i))}: field 'review': marked for review ({entry.review}): check it against the "
        "document, then delete its review line"
        for name in KnowledgeFile.__fields__
        if isinstance(getattr(file, name), list)
        for i, entry in enumerate(getattr(file, name))
        if getattr(entry, "review", None)
    ]


def _where(raw: Any, entry: Place) -> str:
    """``commitments[4] (id 2.4) facts[0]``, ``principles[1] (name Honesty)``, ``sector_cues.vcs`` or ``top level``."""
    where, node = "", raw
    for part in entry:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(part, int):
            named = next((f" ({k} {node[k]})" for k in ("id", "name") if isinstance(node, dict) and k in node), "")
            where += f"[{part}]{named}"
        else:
            where += (" " if where.endswith(")") else "." if where else "") + part
    return where or "top level"


def _wording(problem: Mapping[str, Any], entry: Place, field: str | None) -> str:
    kind = problem["type"]
    model = _model_at(entry)
    if kind in ("value_error.missing", "type_error.none.not_allowed"):
        spec = model.__fields__.get(field or "") if model else None
        return Text.missing if spec is not None and spec.type_ is Text else "missing"
    if kind == "value_error.extra" and model:
        return f"unknown field (expected one of {', '.join(model.__fields__)})"
    return _PYDANTIC_PROBLEMS.get(kind, problem["msg"])


def _model_at(entry: Place) -> type[BaseModel] | None:
    """The model of the entry at ``entry``, following fields, list indexes and mapping keys."""
    model: type[BaseModel] | None = KnowledgeFile
    key_next = False
    for part in entry:
        if isinstance(part, int) or key_next:
            key_next = False
            continue
        spec = model.__fields__.get(part) if model else None
        if spec is None:
            return None
        model = spec.type_ if isinstance(spec.type_, type) and issubclass(spec.type_, BaseModel) else None
        key_next = spec.shape in MAPPING_LIKE_SHAPES
    return model
