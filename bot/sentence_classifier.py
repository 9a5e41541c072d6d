"""Rasa's logistic regression intent classifier, without building what it throws away.

Rasa's ``LogisticRegressionClassifier`` reads a message's sentence features only, but fetches them
with ``Message.get_sparse_features``, which also deep-copies and joins every featurizer's sequence
features (a row per token), then joins the sentence row to an empty dense matrix: 40% of the
time NLU took per message (cProfile over the dev questions). This subclass joins the sentence
rows directly, in Rasa's order (sparse featurizers as they ran, then dense), so the matrix, and
with it the trained model and every prediction, is Rasa's own (``tests/test_nlu_pipeline.py``).
"""

from __future__ import annotations

from scipy.sparse import csr_matrix, hstack, spmatrix, vstack

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message


def sentence_row(message: Message) -> spmatrix:
    """The message's sentence features for its text, sparse ones then dense ones, as one row."""
    sentence = [f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
    parts = [f.features for f in sentence if f.is_sparse()] + [csr_matrix(f.features) for f in sentence if f.is_dense()]
    return hstack([*parts, csr_matrix([])])  # (the empty matrix makes the row float64 and 1×0 when there are none, as Rasa's)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceLogisticRegressionClassifier(LogisticRegressionClassifier):
    """``LogisticRegressionClassifier`` with the same input matrix built directly."""

    def _create_X(self, messages: list[Message]) -> spmatrix:
        return vstack([sentence_row(m) for m in messages])
