"""The project's matcher, asked about a question on its own: the nearest entry, and how sure it is.

For the editor: each group of unanswered questions comes with the entry the matcher ranks first,
where an example question or a curated term (knowledge/commitments.yaml) would most likely make
it answerable. An answer counts as low confidence when the question, read on its own (without
the conversation before it), would not pass the matcher's "unsure" bar (compact/routing.py): it
was answered because NLU was confident or the context carried it, and may have been a guess.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from compact.matcher import Matcher


@dataclass(frozen=True)
class Nearest:
    entry: str
    score: float  # the matcher's ranking score
    close: bool  # would pass the matcher's "unsure" bar on its own: an example or a term would likely do


class Suggests(Protocol):
    def nearest(self, text: str) -> Nearest | None: ...

    def unsure(self, text: str) -> bool: ...


class MatcherSuggester:
    """Backed by the project's matcher (the shared one unless one is given: built on first use,
    a few seconds and the spaCy model)."""

    def __init__(self, matcher: "Matcher | None" = None) -> None:
        self._matcher = matcher

    @property
    def matcher(self) -> "Matcher":
        if self._matcher is None:
            from compact.assistant import shared

            self._matcher = shared().matcher
        return self._matcher

    def nearest(self, text: str) -> Nearest | None:
        return self._nearest(" ".join(text.split()))

    def unsure(self, text: str) -> bool:
        found = self.nearest(text)
        return found is None or not found.close

    @functools.lru_cache(maxsize=20000)  # the same question asked many times is ranked once
    def _nearest(self, text: str) -> Nearest | None:
        from compact.routing import UNSURE, reaches  # (imports spaCy: only when the report asks)

        ranked = self.matcher.rank(text, limit=1)
        return Nearest(ranked[0].entry_id, ranked[0].score, reaches(ranked[0], UNSURE)) if ranked else None
