"""Pairing what the knowledge file holds with what a new version prints: the same wording first,
then the most similar wording (rapidfuzz), so a commitment that is renumbered and reworded at once
is still recognised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from compact.importing.parse import squash

# fuzz.ratio (0-100) at which a changed wording is the same entry reworded. Pairs of distinct draft commitments score
# up to 89 (3.7 and 4.6, near-identical counterparts) and 75 (4.4 and 20.1), but each is paired with its own wording
# first; the threshold only decides between what is left over: reworded, or one removed and another added.
SIMILAR = 70
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
LONGEST_STEP = 3  # paragraphs one escalation step's wording may span


def plain(text: str) -> str:
    """Wording without differences that do not change it: spacing, line breaks, curly quotes, dashes."""
    return squash(text.translate(TYPOGRAPHY))


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(plain(a).lower(), plain(b).lower())


@dataclass(frozen=True)
class Pair:
    old: str | None  # the key in the knowledge file; None: added
    new: str | None  # the key in the new version; None: removed
    score: float = 100.0


def match(old: Mapping[str, str], new: Mapping[str, str], threshold: float = SIMILAR, by_key: bool = False) -> list[Pair]:
    """Pair old and new entries (key -> wording): the same wording (the same key first, as wording may
    repeat), then, with ``by_key``, the same key (a principle keeps its name, a section its number,
    when reworded), then the most similar wording at ``threshold`` or above, ties going to the same
    key and then to the earlier entries. Returned in the new order, removed entries last."""
    pairs: dict[str, Pair] = {}  # new key -> pair
    old_left, new_left = list(old), list(new)

    def pair(a: str, b: str, score: float) -> None:
        pairs[b] = Pair(a, b, score)
        old_left.remove(a)
        new_left.remove(b)

    for a in list(old_left):
        same = [b for b in new_left if plain(new[b]) == plain(old[a])]
        if same:
            pair(a, a if a in same else same[0], 100.0)
    if by_key:
        for a in [a for a in old_left if a in new_left]:
            pair(a, a, similarity(old[a], new[a]))
    scored = sorted(
        (-similarity(old[a], new[b]), a != b, i, j, a, b) for i, a in enumerate(old_left) for j, b in enumerate(new_left)
    )
    for negative, _, _, _, a, b in scored:
        if -negative < threshold:
            break
        if a in old_left and b in new_left:
            pair(a, b, -negative)
    return [pairs.get(b, Pair(None, b)) for b in new] + [Pair(a, None) for a in old_left]


@dataclass(frozen=True)
class Run:
    """Where an escalation step's wording is among the new paragraphs: ``paragraphs[start:end]``."""

    start: int
    end: int
    score: float


def find_steps(steps: Sequence[str], paragraphs: Sequence[str], threshold: float = SIMILAR) -> list[Run | None]:
    """For each step in order, the run of consecutive paragraphs (after the previous step's) whose
    joined wording is most like the step's (a step may join paragraphs: "…please contact: The final
    document will include…"); None when nothing is at ``threshold`` or above."""
    runs: list[Run | None] = []
    after = 0
    for step in steps:
        candidates = [
            Run(i, j, similarity(step, " ".join(paragraphs[i:j])))
            for i in range(after, len(paragraphs))
            for j in range(i + 1, min(i + LONGEST_STEP, len(paragraphs)) + 1)
        ]
        best = max(candidates, key=lambda r: (r.score, -r.start), default=None)
        if best is not None and best.score >= threshold:
            runs.append(best)
            after = best.end
        else:
            runs.append(None)
    return runs
