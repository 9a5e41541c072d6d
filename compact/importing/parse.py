"""What the knowledge file holds word for word, read from the lines of a version of the Compact: the
numbered commitments under their sections, sector headings and themes (between the headings "The
Compact commitments" and "Action Plan", as tests/test_fidelity.py reads them); the shared principles
("Name: wording"); the paragraphs of "What to do if things go wrong"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from compact.importing.source import SourceError

COMMITMENT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+([A-Z\"'‘“(].*)$")  # "13.2 Where possible, give…"
SECTION = re.compile(r"^(\d{1,2})\.?\s+([A-Z].*[^.;,])$")  # "13. Concluding a financial relationship", "19 Promoting…"
LIST_ITEM = re.compile(r"^[-•·▪◦*–]\s*")
PRINCIPLE = re.compile(r"^([A-Z][A-Za-z'-]*(?: [A-Za-z'-]+){0,3}): (\S.*)$")  # "Citizen empowerment: By working…"
SECTORS = (
    (re.compile(r"^statutory\b.*\bcommitments?$", re.I), "statutory"),
    (re.compile(r"^(?:vcs|voluntary)\b.*\bcommitments?$", re.I), "vcs"),
)
THEME_WORDS = 10  # a theme heading is short and ends without punctuation; wording that runs on is not one


@dataclass(frozen=True)
class Headings:
    """The headings that bound the parts read (a final version may word them differently)."""

    commitments: str = "The Compact commitments"
    end: str = "Action Plan"
    escalation: str = "What to do if things go wrong"


@dataclass(frozen=True)
class PrintedCommitment:
    id: str
    sector: str | None  # from the sector heading above it in its section; None when its section has none (19)
    text: str  # list items on lines of their own ("\n- Publicised widely"), as the knowledge file keeps them

    @property
    def section(self) -> int:
        return int(self.id.split(".")[0])


@dataclass(frozen=True)
class PrintedSection:
    number: int
    title: str
    theme: str | None  # the title of the theme heading it comes under


@dataclass(frozen=True)
class Printed:
    """A version of the Compact as printed."""

    commitments: tuple[PrintedCommitment, ...]
    sections: tuple[PrintedSection, ...]
    themes: tuple[str, ...]
    principles: dict[str, str] | None  # name -> wording; None when no list of principles was found
    escalation: tuple[str, ...] | None  # paragraphs; None when the heading was not found
    notes: tuple[str, ...] = ()  # what was read but not understood, for the change report


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse(lines: list[str] | tuple[str, ...], headings: Headings = Headings()) -> Printed:
    """Read a version of the Compact; raise :class:`SourceError` when its commitments cannot be found."""
    lines = [squash(line) for line in lines]
    start, end = _commitments_bounds(lines, headings)
    commitments, sections, themes, notes = read_commitments(lines[start + 1 : end])
    return Printed(
        commitments, sections, themes, read_principles(lines[:start]), read_escalation(lines, headings.escalation), notes
    )


def heading_lines(lines: list[str], title: str) -> list[int]:
    """Where a heading is, numbered or not ("4. The Compact commitments"), ignoring case."""
    pattern = re.compile(rf"^(?:\d{{1,2}}\.?\s+)?{re.escape(squash(title))}[.:]?$", re.I)
    return [i for i, line in enumerate(lines) if pattern.match(line)]


def _commitments_bounds(lines: list[str], headings: Headings) -> tuple[int, int]:
    """The last start heading with an end heading after it (a contents list may name both first)."""
    ends = heading_lines(lines, headings.end)
    starts = [i for i in heading_lines(lines, headings.commitments) if any(e > i for e in ends)]
    if not starts:
        missing = headings.commitments if not heading_lines(lines, headings.commitments) else headings.end
        raise SourceError(
            f"cannot find the heading {missing!r} around the commitments (the commitments are read from "
            f"{headings.commitments!r} up to {headings.end!r}; name other headings with --start/--end)"
        )
    return starts[-1], next(e for e in ends if e > starts[-1])


def read_commitments(
    part: list[str],
) -> tuple[tuple[PrintedCommitment, ...], tuple[PrintedSection, ...], tuple[str, ...], tuple[str, ...]]:
    """Commitments, sections, themes and notes on lines that are none of them, from the lines between
    the headings. A line that is not a heading continues the commitment above it."""
    lines = [line for line in part if line]
    commitments: list[tuple[str, str | None, list[str]]] = []  # id, sector, the pieces of its wording
    sections: list[PrintedSection] = []
    themes: list[str] = []
    notes: list[str] = []
    sector: str | None = None
    theme: str | None = None
    reading = False  # whether a line continues the commitment above
    for i, line in enumerate(lines):
        after = lines[i + 1] if i + 1 < len(lines) else ""
        named_sector = next((s for pattern, s in SECTORS if pattern.match(line)), None)
        if m := COMMITMENT.match(line):
            commitments.append((f"{int(m[1])}.{int(m[2])}", sector, [m[3]]))
            reading = True
        elif named_sector:
            sector, reading = named_sector, False
        elif m := SECTION.match(line):
            sections.append(PrintedSection(int(m[1]), m[2], theme))
            sector, reading = None, False
        elif _is_theme(line, after):
            themes.append(line)
            theme, reading = line, False
        elif reading:
            item = LIST_ITEM.match(line)
            commitments[-1][2].append(f"\n- {line[item.end() :]}" if item else f" {line}")
        else:
            notes.append(f"Read as neither a commitment nor a heading: {line!r}")
    printed = tuple(PrintedCommitment(c, s, "".join(t)) for c, s, t in commitments)
    _check(printed, sections)
    return printed, tuple(sections), tuple(themes), tuple(notes)


def _is_theme(line: str, after: str) -> bool:
    return (
        bool(SECTION.match(after)) and len(line.split()) <= THEME_WORDS and line[-1] not in ".:;," and not LIST_ITEM.match(line)
    )


def _check(commitments: tuple[PrintedCommitment, ...], sections: list[PrintedSection]) -> None:
    numbers = [s.number for s in sections]
    ids = [c.id for c in commitments]
    problems = [f"section {n} is printed twice" for n in sorted({n for n in numbers if numbers.count(n) > 1})]
    problems += [f"commitment {i} is printed twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"commitment {c.id} comes under no section heading {c.section}" for c in commitments if c.section not in numbers]
    if not commitments:
        problems.append("no numbered commitments found between the headings")
    if problems:
        raise SourceError("; ".join(problems))


def read_principles(lines: list[str]) -> dict[str, str] | None:
    """The longest run of three or more "Name: wording" paragraphs before the commitments."""
    runs: list[list[re.Match[str]]] = [[]]
    for line in (line for line in lines if line):
        m = PRINCIPLE.match(line)
        if m:
            runs[-1].append(m)
        elif runs[-1]:
            runs.append([])
    best = max(runs, key=len)
    return {m[1]: m[2] for m in best} if len(best) >= 3 else None


def read_escalation(lines: list[str], heading: str) -> tuple[str, ...] | None:
    """The paragraphs under the escalation heading, up to the next numbered heading."""
    found = heading_lines(lines, heading)
    if not found:
        return None
    paragraphs: list[str] = []
    for line in lines[found[-1] + 1 :]:
        if SECTION.match(line):
            break
        if line:
            paragraphs.append(line)
    return tuple(paragraphs)
