"""The change report of an import: Markdown for the people who review the knowledge file, and a
few lines for the terminal."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from compact.importing.plan import Change

if TYPE_CHECKING:
    from compact.importing import Outcome

PARTS = ("commitment", "section", "theme", "principle", "escalation step")
KINDS = (
    "added",
    "removed",
    "renumbered",
    "renamed",
    "retitled",
    "reworded",
    "retyped",
    "moved",
    "sector",
    "not found",
    "new text",
)
TITLES = {
    "added": "Added",
    "removed": "Removed",
    "renumbered": "Renumbered (same wording)",
    "renamed": "Renamed (same wording)",
    "retitled": "Retitled",
    "reworded": "Reworded",
    "retyped": "Retyped (only quotes, dashes or spacing differ: the new characters were written, nothing to review)",
    "moved": "Now under another theme",
    "sector": "Printed under the other sector's heading (the file's sector was kept)",
    "not found": "Wording not found in the new version",
    "new text": "Paragraphs no step has (add a step by hand if one is a step)",
}
PLURALS = {"commitment": "commitments", "section": "sections", "theme": "themes", "principle": "principles"}
PLURALS["escalation step"] = "escalation steps"


def counts(changes: tuple[Change, ...]) -> list[str]:
    """ "commitments: 4 renumbered, 1 reworded" for each part that changed."""
    lines = []
    for part in PARTS:
        found = Counter(c.kind for c in changes if c.part == part)
        if found:
            lines.append(f"{PLURALS[part]}: " + ", ".join(f"{found[k]} {k}" for k in KINDS if found[k]))
    return lines


def summary(outcome: Outcome) -> str:
    """What the terminal shows."""
    lines = [f"note: {n}" for n in outcome.notes]
    if not outcome.plan.changes:
        return "\n".join([*lines, "No changes: the knowledge file already matches this version of the Compact."])
    lines += counts(outcome.plan.changes)
    marked = outcome.rewrite.reviews if outcome.rewrite else []
    if marked:
        lines.append(f"{len(marked)} entries marked for review: " + ", ".join(label for label, _ in marked))
    return "\n".join(lines)


def markdown(outcome: Outcome, source: str, knowledge: str) -> str:
    """The change report: every difference, what was written, and what is left for a person."""
    plan, rewrite = outcome.plan, outcome.rewrite
    out = [f"# Importing `{source}` into `{knowledge}`", ""]
    if outcome.notes:
        out += ["How the document was read:", ""] + [f"- {n}" for n in outcome.notes] + [""]
    if not plan.changes:
        return "\n".join([*out, "**No changes**: the knowledge file already matches this version of the Compact.", ""])
    out += ["## Summary", ""] + [f"- {line}" for line in counts(plan.changes)] + [""]
    for part in PARTS:
        changes = [c for c in plan.changes if c.part == part]
        if changes:
            out += [f"## {PLURALS[part].capitalize()}", ""]
            for kind in KINDS:
                of_kind = [c for c in changes if c.kind == kind]
                if of_kind:
                    out += [f"### {TITLES[kind]}", ""] + [line for c in of_kind for line in _change(c)] + [""]
    if rewrite and rewrite.references:
        out += ["## References updated in the knowledge file", ""] + [f"- {r}" for r in rewrite.references] + [""]
    if rewrite and rewrite.reviews:
        out += ["## Marked for review", ""] + [f"- {label}: {why}" for label, why in rewrite.reviews] + [""]
    if rewrite and rewrite.by_hand:
        out += ["## To edit by hand", ""] + [f"- {m}" for m in rewrite.by_hand] + [""]
    out += ["## Next", "", *NEXT, ""]
    return "\n".join(out)


NEXT = [
    "1. Read `git diff knowledge/commitments.yaml` beside this report.",
    "2. For each entry marked `review:`, check its summary, facts, terms, examples, related and principles against "
    "the new wording (write them for a new one), then delete the `review:` line. The assistant refuses to load the "
    "file while any is left (`COMPACT_ALLOW_UNREVIEWED=1` loads it anyway, to try it out).",
    "3. Copy the new version's text into `knowledge/source/` and run the fidelity tests against it "
    "(`COMPACT_SOURCE=knowledge/source/<final>.txt`).",
    "4. Update `document:` (version, date, status) and the comments at the top of the knowledge file by hand, and the "
    "topics that describe the draft.",
    "5. Commitment numbers and principle names named outside the knowledge file (evaluation sets, tests) are not "
    "changed by the import: search for the old ones listed above.",
]


def _change(c: Change) -> list[str]:
    key = c.old if c.new in (None, c.old) else c.new if c.old is None else f"{c.old} → {c.new}"
    if c.kind in ("added", "removed", "not found"):
        return [f"- **{key}**: {_quote(c.new_text or c.old_text)}"]
    if c.kind in ("renumbered", "renamed"):
        return [f"- **{key}**: {_quote(c.old_text, 90)}"]
    if c.kind == "retitled":
        return [f"- **{key}**: {_quote(c.old_text)} → {_quote(c.new_text)}"]
    if c.kind == "moved":
        return [f"- **{key}**: theme `{c.old_text}` → `{c.new_text}`"]
    if c.kind == "sector":
        return [f"- **{key}**: printed under the {c.new_text} commitments; the file says {c.old_text} (marked for review)"]
    if c.kind == "new text":
        return [f"- {_quote(c.new_text)}"]
    score = f" (similarity {c.score:.0f}%)" if c.score is not None else ""
    return [f"#### {key}{score}", "", "| Was | Now |", "|---|---|", f"| {_cell(c.old_text)} | {_cell(c.new_text)} |", ""]


def _quote(text: str | None, limit: int | None = None) -> str:
    text = " ".join((text or "").split())
    return f"“{text if limit is None or len(text) <= limit else text[: limit - 1] + '…'}”"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", "<br>")
