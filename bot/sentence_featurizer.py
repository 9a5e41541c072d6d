"""Rasa's count-vectors featurizer, without the features nothing here reads.

For each message Rasa's ``CountVectorsFeaturizer`` counts the words (or character n-grams) of
every token on its own, a row per token (the sequence features), then of the whole text (the
sentence features). This project's classifier reads the sentence features only
(bot/sentence_classifier.py), and nothing else in the pipeline reads either, so on new messages
this subclass makes the sentence features alone, as Rasa makes them; training is Rasa's own.
Both featurizers in bot/config.yml cost 11% of the Rasa workers' time under load (``make profile
--saturation``), most of it the per-token counts. Each row is counted as scikit-learn's
``transform`` counts it (the vectorizer's own analyzer and vocabulary) and made straight into the
sorted COO row Rasa makes of it, without the CSR matrix, its checks, sort and conversion between
(both featurizers: 0.28 against 0.22 ms a message, process time over the dev questions).
``tests/test_nlu_pipeline.py``.
"""

from __future__ import annotations

import functools
from typing import Callable

import numpy as np
from scipy.sparse import coo_matrix
from sklearn.feature_extraction.text import CountVectorizer

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    """``CountVectorsFeaturizer`` whose new messages get sentence features only."""

    def process(self, messages: list[Message]) -> list[Message]:
        if self.vectorizers is None:  # (Rasa's error for an untrained featurizer)
            return super().process(messages)
        for message in messages:
            for attribute in self._attributes:
                vectorizer = self.vectorizers.get(attribute)
                if vectorizer is None or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                    continue  # (Rasa makes no sentence features for these)
                tokens = self._get_processed_message_tokens_by_attribute(message, attribute)
                if tokens:
                    self.add_features_to_message(None, sentence_counts(vectorizer, " ".join(tokens)), attribute, message)
        return messages


@functools.lru_cache(maxsize=4)  # (the model's two; a reloaded model's push out the old)
def analyzer_of(vectorizer: CountVectorizer) -> Callable[[str], list[str]]:
    """The vectorizer's analyzer, built once rather than for every message."""
    return vectorizer.build_analyzer()


def sentence_counts(vectorizer: CountVectorizer, text: str) -> coo_matrix:
    """``vectorizer.transform([text])`` with its indices sorted, as COO: the same values, rows,
    columns, types and shape."""
    if not hasattr(vectorizer, "vocabulary_"):  # (a vocabulary given but not yet checked: sklearn's own path)
        counted = vectorizer.transform([text])
        counted.sort_indices()
        return counted.tocoo()
    vocabulary = vectorizer.vocabulary_
    counts: dict[int, int] = {}
    for feature in analyzer_of(vectorizer)(text):
        column = vocabulary.get(feature)
        if column is not None:
            counts[column] = counts.get(column, 0) + 1
    columns = np.array(sorted(counts), dtype=np.int32)
    values = np.array([counts[c] for c in columns.tolist()], dtype=vectorizer.dtype)
    if vectorizer.binary:
        values.fill(1)
    return coo_matrix((values, (np.zeros(len(columns), dtype=np.int32), columns)), shape=(1, len(vocabulary)))
