"""Importing a new version of the Compact into the knowledge file (scripts/import_compact.py).

source.py reads the document's lines (.txt, or .docx with Word's automatic numbering), parse.py finds
its commitments, sections, themes, principles and escalation paragraphs, match.py pairs them with the
knowledge file's, plan.py lists the changes, edit.py writes them into the file's text (carrying the
curated help across, renumbering references, marking reworded and new entries for review) and
report.py describes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from compact.importing.edit import Rewrite, read_yaml, rewrite
from compact.importing.match import SIMILAR
from compact.importing.parse import Headings, parse
from compact.importing.plan import Current, Plan, make_plan
from compact.importing.source import Source

__all__ = ["Headings", "Outcome", "SIMILAR", "import_compact"]


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    text: str  # the updated knowledge file; the same text when nothing changed
    rewrite: Rewrite | None  # None when nothing changed
    notes: tuple[str, ...]  # how the document was read


def import_compact(knowledge: str, source: Source, headings: Headings = Headings(), threshold: float = SIMILAR) -> Outcome:
    """Compare the knowledge file's text with a version of the Compact; the updated text and its changes."""
    data = read_yaml(knowledge)
    printed = parse(source.lines, headings)
    plan = make_plan(Current.of(data), printed, threshold)
    notes = source.notes + printed.notes + plan.notes
    if not plan.changes:
        return Outcome(plan, knowledge, None, notes)
    done = rewrite(knowledge, data, plan)
    return Outcome(plan, done.text, done, notes)
