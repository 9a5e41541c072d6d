"""What importing a version of the Compact changes: the knowledge file's commitments, sections,
themes, principles and escalation steps compared with what the version prints, as a list of changes
and the entries of the updated file in their new order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from compact.importing.match import SIMILAR, find_steps, match, plain
from compact.importing.parse import Printed, squash

REVIEW_NEW = "new — write summary, facts, terms, examples, related and principles; check the sector"
REVIEW_REWORDED = "reworded — check summary, facts, terms and examples against the new wording"
REVIEW_NEW_PRINCIPLE = "new — write summary, terms and examples"
REVIEW_REWORDED_PRINCIPLE = "reworded — check summary, terms and examples against the new wording"
REVIEW_REWORDED_STEP = "reworded — check do, ask and letter against the new wording"
REVIEW_LOST_STEP = "its wording is no longer in the document — rewrite the step (title, text, do, ask, letter) or delete it"


@dataclass(frozen=True)
class Current:
    """What the knowledge file holds of the document (its YAML, read as it is)."""

    commitments: dict[str, tuple[str, str]]  # id -> wording, sector
    sections: dict[int, tuple[str, str]]  # number -> title, theme id
    themes: dict[str, str]  # id -> title
    principles: dict[str, str]  # name -> wording
    escalation: tuple[str, ...]  # each step's wording

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Current:
        return cls(
            commitments={str(c["id"]): (str(c["text"]), str(c["sector"])) for c in raw["commitments"]},
            sections={int(s["number"]): (str(s["title"]), str(s["theme"])) for s in raw["sections"]},
            themes={str(t["id"]): str(t["title"]) for t in raw["themes"]},
            principles={str(p["name"]): str(p["text"]) for p in raw["principles"]},
            escalation=tuple(str(s["text"]) for s in raw["escalation"]),
        )


@dataclass(frozen=True)
class Change:
    """One difference, for the change report."""

    part: str  # commitment, section, theme, principle, escalation step
    kind: str  # added, removed, renumbered, renamed, retitled, reworded, retyped, moved, sector, not found, new text
    old: str | None = None  # the id, number, name… in the knowledge file
    new: str | None = None  # … in the new version
    old_text: str | None = None
    new_text: str | None = None
    score: float | None = None  # how similar a reworded entry's wording is (0-100)


@dataclass(frozen=True)
class Entry:
    """An entry of the updated knowledge file: the old entry it continues (None: a new one), its key
    and printed wording now, why a person must check it (None: carried across as it is), and its
    sector (commitments) or theme id (sections)."""

    old: str | None
    key: str
    text: str
    review: str | None = None
    extra: str | None = None


@dataclass(frozen=True)
class Plan:
    changes: tuple[Change, ...]
    commitments: tuple[Entry, ...]
    sections: tuple[Entry, ...]
    themes: tuple[Entry, ...]
    principles: tuple[Entry, ...] | None  # None: the version prints no list of principles; left as they are
    escalation: tuple[Entry, ...] | None  # one per step, in order; None: no such section found
    renumbered: dict[str, str]  # old commitment id -> new, where they differ
    removed: frozenset[str]  # commitment ids
    renamed: dict[str, str]  # old principle name -> new
    removed_principles: frozenset[str]
    notes: tuple[str, ...] = ()


def make_plan(current: Current, printed: Printed, threshold: float = SIMILAR) -> Plan:
    """Compare the knowledge file with a printed version (pure: nothing is read or written)."""
    changes: list[Change] = []
    notes: list[str] = []
    commitments = _commitments(current, printed, threshold, changes)
    themes, theme_ids = _themes(current, printed, threshold, changes, notes)
    sections = _sections(current, printed, threshold, theme_ids, changes)
    principles = _principles(current, printed, threshold, changes, notes)
    escalation = _escalation(current, printed, threshold, changes, notes)
    return Plan(
        changes=tuple(changes),
        commitments=commitments,
        sections=sections,
        themes=themes,
        principles=principles,
        escalation=escalation,
        renumbered={e.old: e.key for e in commitments if e.old and e.old != e.key},
        removed=frozenset(c.old for c in changes if c.part == "commitment" and c.kind == "removed" and c.old),
        renamed={e.old: e.key for e in principles or () if e.old and e.old != e.key},
        removed_principles=frozenset(c.old for c in changes if c.part == "principle" and c.kind == "removed" and c.old),
        notes=tuple(notes),
    )


def _wording(part: str, old: str, new: str, old_text: str, new_text: str, score: float, changes: list[Change]) -> bool:
    """Record how a paired entry's key and wording changed; whether it was reworded (not only retyped)."""
    if plain(old_text) != plain(new_text):
        changes.append(Change(part, "reworded", old, new, old_text, new_text, round(score)))
        return True
    if old != new:
        changes.append(Change(part, "renamed" if part == "principle" else "renumbered", old, new, old_text))
    if squash(old_text) != squash(new_text):
        changes.append(Change(part, "retyped", old, new, old_text, new_text))
    return False


def _commitments(current: Current, printed: Printed, threshold: float, changes: list[Change]) -> tuple[Entry, ...]:
    new = {c.id: c for c in printed.commitments}
    pairs = match({i: t for i, (t, _) in current.commitments.items()}, {c.id: c.text for c in printed.commitments}, threshold)
    entries: list[Entry] = []
    for p in pairs:
        if p.new is None:
            assert p.old is not None
            changes.append(Change("commitment", "removed", p.old, old_text=current.commitments[p.old][0]))
            continue
        c = new[p.new]
        if p.old is None:
            changes.append(Change("commitment", "added", new=c.id, new_text=c.text))
            sector = c.sector or _sector_near(c.section, entries, current)
            entries.append(Entry(None, c.id, c.text, REVIEW_NEW, sector))
            continue
        old_text, sector = current.commitments[p.old]
        reasons = [REVIEW_REWORDED] if _wording("commitment", p.old, c.id, old_text, c.text, p.score, changes) else []
        if c.sector and c.sector != sector:
            changes.append(Change("commitment", "sector", p.old, c.id, sector, c.sector))
            reasons.append(
                f"printed under the {c.sector} commitments, the file says {sector} — check the sector and counterparts"
            )
        entries.append(Entry(p.old, c.id, c.text, "; ".join(reasons) or None, sector))
    return tuple(entries)


def _sector_near(section: int, entries: list[Entry], current: Current) -> str:
    """A new commitment printed under no sector heading: the sector of the one before it in its
    section, or of the file's commitments in that section."""
    before = [e.extra for e in entries if e.key.startswith(f"{section}.") and e.extra]
    known = [s for i, (_, s) in current.commitments.items() if i.startswith(f"{section}.")]
    return (before or known or ["statutory"])[-1]


def _themes(
    current: Current, printed: Printed, threshold: float, changes: list[Change], notes: list[str]
) -> tuple[tuple[Entry, ...], dict[str, str]]:
    """The themes in the new order, and the id of each printed theme title."""
    if not printed.themes:
        notes.append("No theme headings were found among the commitments: the themes are left as they are.")
        return tuple(Entry(i, i, t) for i, t in current.themes.items()), {}
    ids: dict[str, str] = {}
    entries: list[Entry] = []
    for p in match(current.themes, {str(n): t for n, t in enumerate(printed.themes)}, threshold):
        if p.new is None:
            assert p.old is not None
            changes.append(Change("theme", "removed", p.old, old_text=current.themes[p.old]))
            continue
        title = printed.themes[int(p.new)]
        key = p.old or _new_id(title, set(current.themes) | {e.key for e in entries})
        if p.old is None:
            changes.append(Change("theme", "added", new=key, new_text=title))
        elif title != current.themes[p.old]:
            changes.append(Change("theme", "retitled", p.old, key, current.themes[p.old], title))
        ids[title] = key
        entries.append(Entry(p.old, key, title))
    return tuple(entries), ids


def _new_id(title: str, taken: set[str]) -> str:
    """A theme id for a new theme: its title's words joined ("working_with_communities")."""
    base = "_".join(re.findall(r"[a-z0-9]+", title.lower())) or "theme"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


def _sections(
    current: Current, printed: Printed, threshold: float, theme_ids: dict[str, str], changes: list[Change]
) -> tuple[Entry, ...]:
    new = {str(s.number): s for s in printed.sections}
    old = {str(n): t for n, (t, _) in current.sections.items()}
    first_theme = next(iter(theme_ids.values()), next(iter(current.themes)))
    entries: list[Entry] = []
    for p in match(old, {k: s.title for k, s in new.items()}, threshold, by_key=True):
        if p.new is None:
            assert p.old is not None
            changes.append(Change("section", "removed", p.old, old_text=old[p.old]))
            continue
        s = new[p.new]
        old_theme = current.sections[int(p.old)][1] if p.old else None
        theme = theme_ids.get(s.theme or "") or old_theme or first_theme
        if p.old is None:
            changes.append(Change("section", "added", new=p.new, new_text=s.title))
        else:
            if s.title != old[p.old]:
                changes.append(Change("section", "retitled", p.old, p.new, old[p.old], s.title))
            elif p.old != p.new:
                changes.append(Change("section", "renumbered", p.old, p.new, old[p.old]))
            if theme != old_theme:
                changes.append(Change("section", "moved", p.old, p.new, old_theme, theme))
        entries.append(Entry(p.old, p.new, s.title, None, theme))
    return tuple(entries)


def _principles(
    current: Current, printed: Printed, threshold: float, changes: list[Change], notes: list[str]
) -> tuple[Entry, ...] | None:
    if printed.principles is None:
        notes.append('No list of principles ("Name: wording", three or more) was found: the principles are left as they are.')
        return None
    entries: list[Entry] = []
    for p in match(current.principles, printed.principles, threshold, by_key=True):
        if p.new is None:
            assert p.old is not None
            changes.append(Change("principle", "removed", p.old, old_text=current.principles[p.old]))
        elif p.old is None:
            changes.append(Change("principle", "added", new=p.new, new_text=printed.principles[p.new]))
            entries.append(Entry(None, p.new, printed.principles[p.new], REVIEW_NEW_PRINCIPLE))
        else:
            text = printed.principles[p.new]
            reworded = _wording("principle", p.old, p.new, current.principles[p.old], text, p.score, changes)
            entries.append(Entry(p.old, p.new, text, REVIEW_REWORDED_PRINCIPLE if reworded else None))
    return tuple(entries)


def _escalation(
    current: Current, printed: Printed, threshold: float, changes: list[Change], notes: list[str]
) -> tuple[Entry, ...] | None:
    if printed.escalation is None:
        notes.append("No section headed like 'What to do if things go wrong' was found: the escalation steps were not checked.")
        return None
    paragraphs = printed.escalation
    runs = find_steps(current.escalation, paragraphs, threshold)
    entries: list[Entry] = []
    for number, (old_text, run) in enumerate(zip(current.escalation, runs), 1):
        key = str(number)
        if run is None:
            changes.append(Change("escalation step", "not found", key, old_text=old_text))
            entries.append(Entry(key, key, old_text, REVIEW_LOST_STEP))
            continue
        text = " ".join(paragraphs[run.start : run.end])
        reworded = _wording("escalation step", key, key, old_text, text, run.score, changes)
        entries.append(Entry(key, key, text, REVIEW_REWORDED_STEP if reworded else None))
    used = {i for run in runs if run for i in range(run.start, run.end)}
    changes += [Change("escalation step", "new text", new_text=p) for i, p in enumerate(paragraphs) if i not in used]
    return tuple(entries)
