"""A trained selector: which knowledge entry a question is about, learnt from the knowledge
file's own curated example questions, terms, summaries and wording (TF-IDF of stemmed lemmas
and of character n-grams, which absorb typos; a linear SVM, one-vs-rest). It trains in-process
(a few seconds; compact/index_cache.py keeps it between starts), so a knowledge update needs no
separate training step and nothing is hand-copied into training data.

Measured on held-out questions it ranks far better than lexical matching alone (see README);
lexical coverage still decides whether a question is about the Compact at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from compact.knowledge import Knowledge

C = 1.0


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
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
        x = hstack(
            [self.words.fit_transform([s.keys for s in training]), self.chars.fit_transform([s.text for s in training])]
        ).tocsr()
        self.words.stop_words_ = self.chars.stop_words_ = None  # only for introspection, and most of a saved index's size
        # (seeded: its solver visits the samples in a random order, so unseeded, each build of the index differed)
        self.model = LinearSVC(C=C, random_state=0).fit(x, [s.label for s in training])
        self.labels: list[str] = [str(label) for label in self.model.classes_]
        self.fast = FastMargins(self.words, self.chars, self.model)

    def margins(self, keys: Sequence[str], text: str) -> dict[str, float]:
        """For each entry, the SVM's margin for the question (about -1.5 to 1.5; > 0 means "this one")."""
        return dict(zip(self.labels, self.fast(keys, text).tolist()))

    def sklearn_margins(self, keys: Sequence[str], text: str) -> dict[str, float]:
        """:meth:`margins` as scikit-learn computes them (tests/test_selector.py compares the two)."""
        x = hstack([self.words.transform([list(keys)]), self.chars.transform([text.lower()])]).tocsr()
        return dict(zip(self.labels, self.model.decision_function(x)[0].tolist()))


class FastMargins:
    """The fitted vectorisers' and SVM's arithmetic for one question, without scikit-learn's
    per-call checks: for a single row those cost several times the arithmetic (``make profile``:
    the selector was 28% of the action server's time, most of it the checks and the re-summed
    IDF vector). Same features, sublinear TF-IDF, L2 norm and linear margin as the fitted objects."""

    def __init__(self, words: TfidfVectorizer, chars: TfidfVectorizer, model: LinearSVC) -> None:
        self.word_vocabulary, self.word_idf = words.vocabulary_, words.idf_
        self.char_vocabulary, self.char_idf, self.ngrams = chars.vocabulary_, chars.idf_, chars.build_analyzer()
        self.offset = len(self.word_vocabulary)
        self.coef, self.intercept = model.coef_, model.intercept_

    @staticmethod
    def _weights(features: Sequence[str], vocabulary: dict[str, int], idf: np.ndarray) -> tuple[list[int], np.ndarray]:
        counts = Counter(f for f in features if f in vocabulary)
        columns = [vocabulary[f] for f in counts]
        weights = (1 + np.log(np.fromiter(counts.values(), float, len(counts)))) * idf[columns]
        norm = np.sqrt(weights @ weights)
        return columns, weights / norm if norm else weights

    def __call__(self, keys: Sequence[str], text: str) -> np.ndarray:
        word_columns, word_weights = self._weights(keys, self.word_vocabulary, self.word_idf)
        char_columns, char_weights = self._weights(self.ngrams(text.lower()), self.char_vocabulary, self.char_idf)
        columns = word_columns + [self.offset + c for c in char_columns]
        return self.coef[:, columns] @ np.concatenate([word_weights, char_weights]) + self.intercept
