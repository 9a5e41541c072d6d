"""Example-based selector: how close a question is to each entry's curated example questions,
terms and summaries in the knowledge file (nearest neighbour by cosine similarity over TF-IDF of
stemmed lemmas and of character n-grams, which also absorbs typos). Built in-process from the
knowledge file at start-up (well under a second), so a knowledge update needs no training step
and nothing is hand-copied into training data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from compact.knowledge import Knowledge


@dataclass(frozen=True)
class Sample:
    keys: tuple[str, ...]  # stemmed lemma features (see compact.text / compact.matcher)
    text: str  # lower-cased raw text, for character n-grams
    label: str


def samples(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(text, entry id) pairs drawn from the knowledge file."""
    pairs: list[tuple[str, str]] = []
    for c in knowledge.commitments.values():
        pairs += [(t, c.id) for t in (*c.examples, *c.terms, c.summary, c.text)]
    for p in knowledge.principles.values():
        pairs += [(t, p.name) for t in (*p.examples, *p.terms, p.summary, p.text)]
    for t in knowledge.topics.values():
        pairs += [(x, t.id) for x in (*t.examples, *t.terms, t.title)]
    return pairs


def _identity(keys: Sequence[str]) -> Sequence[str]:
    return keys


class Selector:
    def __init__(self, training: Sequence[Sample]) -> None:
        self.words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        # Each block is L2-normalised, so the dot product is the mean of the two cosines.
        self.matrix = hstack([self.words.fit_transform([s.keys for s in training]),
                              self.chars.fit_transform([s.text for s in training])]).tocsr() * np.sqrt(0.5)
        self.labels = np.array([s.label for s in training])
        self.order = sorted(set(self.labels))
        self.rows = {label: np.flatnonzero(self.labels == label) for label in self.order}

    def similarities(self, keys: Sequence[str], text: str) -> dict[str, float]:
        """For each entry, the similarity of the question to its closest curated sample (0..1)."""
        q = hstack([self.words.transform([list(keys)]), self.chars.transform([text.lower()])]).tocsr() * np.sqrt(0.5)
        sims = (self.matrix @ q.T).toarray().ravel()
        return {label: float(sims[rows].max()) for label, rows in self.rows.items()}
