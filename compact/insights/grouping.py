"""Similar questions together, so an editor sees each unmet need once, with how often it came up.

Questions are compared by their content words (function words dropped, a plural's "s" too) with
rapidfuzz: two questions of two or more content words are alike when one's words are mostly
the other's (``token_set_ratio``); a one-word question only when the other says about the same
(``token_sort_ratio``), so "funding" does not swallow every question that mentions funding.
Each question joins the most alike group whose first question it matches, else starts one;
commoner questions are placed first, so they lead their groups.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Generic, Iterable, Sequence, TypeVar

from rapidfuzz import fuzz

ALIKE = 70  # out of 100
FUNCTION_WORDS = frozenset(
    """a an the and or but if so is are was were be been being do does did doing can could should would will shall may
    might must i i'm im we we're us our ours you your they them their it its it's this that these those there here what
    whats what's when where why who whom which how to of in on at by for from with about as into onto my me mine any
    some not no yes please hi hello hey thanks thank get got have has had just also ok okay""".split()
)
MASK = re.compile(r"\[(?:name|email|phone|number|postcode|address|link)\]")

T = TypeVar("T")


def content_words(text: str) -> str:
    """The words that carry a question's meaning, lower case, in order."""
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", MASK.sub(" ", text).lower())
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words if w not in FUNCTION_WORDS
    )


def similarity(a: str, b: str) -> float:
    """How alike two questions' content words are (0-100)."""
    if not a or not b:
        return 100.0 if a == b else 0.0
    if " " in a and " " in b:
        return float(fuzz.token_set_ratio(a, b))
    return float(fuzz.token_sort_ratio(a, b))


@dataclass
class Group(Generic[T]):
    """Questions alike: the distinct wordings (commonest first) and every item behind them."""

    key: str  # the content words of its first question
    items: list[T] = field(default_factory=list)
    wordings: Counter[str] = field(default_factory=Counter)

    @property
    def lead(self) -> str:
        return self.wordings.most_common(1)[0][0]


def group(items: Iterable[T], text: Callable[[T], str], alike: float = ALIKE) -> list[Group[T]]:
    """Group items by how alike their text is; biggest groups first (then by their lead question)."""
    by_wording: dict[str, list[T]] = {}
    for item in items:
        by_wording.setdefault(" ".join(text(item).split()), []).append(item)
    order = sorted(by_wording, key=lambda w: (-len(by_wording[w]), len(w), w))
    groups: list[Group[T]] = []
    for wording in order:
        words = content_words(wording)
        best = max(groups, key=lambda g: similarity(words, g.key), default=None)
        if best is None or similarity(words, best.key) < alike:
            best = Group(words)
            groups.append(best)
        best.items.extend(by_wording[wording])
        best.wordings[wording] += len(by_wording[wording])
    return sorted(groups, key=lambda g: (-len(g.items), g.lead))


def kinds_of(items: Sequence[T], kind: Callable[[T], str]) -> Counter[str]:
    return Counter(kind(i) for i in items)
