"""bot/sentence_classifier.py and the pipeline's featurizers (bot/config.yml): the classifier gets
the input Rasa's own LogisticRegressionClassifier builds, and features it never reads (sequence
features, such as all the LexicalSyntacticFeaturizer makes) cannot change it."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.training.fingerprinting import calculate_fingerprint_key
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer import LexicalSyntacticFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer

from bot.sentence_classifier import SentenceLogisticRegressionClassifier
from bot.sentence_featurizer import SentenceCountVectorsFeaturizer, sentence_counts

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hiya"],
    "ask_compact": ["what does the compact say about funding", "how much notice of a cut", "who does the compact cover"],
    "report_breach": ["the council cut our grant with no notice", "they ignored our consultation reply", "no reason given"],
}
NEW = ["hello, what notice should we get?", "they cut it", "", "!!!", "compact", "good morning council"]


def components(tmp_path, *featurizers: type, counts: type = CountVectorsFeaturizer) -> list:
    storage, context = LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test")

    def make(cls: type, config: dict | None = None, name: str = "") -> object:
        return cls.create({**cls.get_default_config(), **(config or {})}, storage, Resource(name or cls.__name__), context)

    chars = {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}  # as bot/config.yml
    built = [make(WhitespaceTokenizer), make(counts, name="words"), make(counts, chars, "chars")]
    return built + [make(f) for f in featurizers]


def featurised(steps: list, texts: list[str]) -> list[Message]:
    messages = [Message({TEXT: t}) for t in texts]
    for step in steps:
        step.process(messages)
    return messages


@pytest.fixture
def training(tmp_path):
    """The featurizers trained, with the training data featurised."""

    def train(*featurizers: type, counts: type = CountVectorsFeaturizer) -> tuple[list, TrainingData]:
        data = TrainingData([Message({TEXT: t, "intent": i}) for i, ts in EXAMPLES.items() for t in ts])
        steps = components(tmp_path, *featurizers, counts=counts)
        for step in steps:
            if hasattr(step, "train"):
                step.train(data)
            (step.process_training_data if hasattr(step, "process_training_data") else step.process)(data)
        return steps, data

    return train


def classifier(cls: type, tmp_path, name: str) -> LogisticRegressionClassifier:
    config = {**cls.get_default_config(), "max_iter": 200, "random_state": 42}
    return cls.create(config, LocalModelStorage(tmp_path), Resource(name), ExecutionContext(GraphSchema({}), "test"))


def same_matrix(a, b) -> None:
    assert a.shape == b.shape and a.dtype == b.dtype
    assert (a.tocsr() != b.tocsr()).nnz == 0


def test_the_input_is_rasas_own(training, tmp_path):
    steps, data = training()
    messages = featurised(steps, NEW) + data.intent_examples
    ours = classifier(SentenceLogisticRegressionClassifier, tmp_path, "ours")
    same_matrix(ours._create_X(messages), LogisticRegressionClassifier._create_X(ours, messages))


def test_dense_sentence_features_come_after_the_sparse_ones_as_in_rasa(training, tmp_path):
    steps, data = training()
    messages = featurised(steps, NEW)
    for i, m in enumerate(messages):
        m.add_features(Features(np.array([[i, 0.5]]), FEATURE_TYPE_SENTENCE, TEXT, "dense_one"))
        m.add_features(Features(np.array([[-1.0]]), FEATURE_TYPE_SENTENCE, TEXT, "dense_two"))
    ours = classifier(SentenceLogisticRegressionClassifier, tmp_path, "ours")
    same_matrix(ours._create_X(messages), LogisticRegressionClassifier._create_X(ours, messages))


def test_trained_the_same_it_predicts_the_same(training, tmp_path):
    steps, data = training()
    ours = classifier(SentenceLogisticRegressionClassifier, tmp_path, "ours")
    rasas = classifier(LogisticRegressionClassifier, tmp_path, "rasa")
    ours.train(data), rasas.train(data)
    texts = NEW + [ts[0] for ts in EXAMPLES.values()]
    a, b = featurised(steps, texts), featurised(steps, texts)
    ours.process(a), rasas.process(b)
    assert [m.get("intent_ranking") for m in a] == [m.get("intent_ranking") for m in b]
    assert {m.get("intent")["name"] for m in a} == set(EXAMPLES)  # (it does classify)


def test_a_featurizer_of_sequence_features_only_changes_nothing_the_classifier_reads(training, tmp_path):
    """Why bot/config.yml has no LexicalSyntacticFeaturizer."""
    without, _ = training()
    with_it, _ = training(LexicalSyntacticFeaturizer)
    plain, extra = featurised(without, NEW), featurised(with_it, NEW)
    assert sum(len(m.features) for m in extra) > sum(len(m.features) for m in plain)  # it did add features
    ours = classifier(SentenceLogisticRegressionClassifier, tmp_path, "ours")
    same_matrix(ours._create_X(extra), ours._create_X(plain))
    same_matrix(LogisticRegressionClassifier._create_X(ours, extra), LogisticRegressionClassifier._create_X(ours, plain))


def test_the_sentence_featurizer_makes_rasas_sentence_features_and_no_others(training, tmp_path):
    rasas, _ = training()
    ours, _ = training(counts=SentenceCountVectorsFeaturizer)
    texts = NEW + [t for ts in EXAMPLES.values() for t in ts] + ["a word the training never saw, zyxw"]
    theirs, mine = featurised(rasas, texts), featurised(ours, texts)
    for a, b in zip(theirs, mine):
        sentence = [f for f in a.features if f.type == FEATURE_TYPE_SENTENCE]
        assert [(f.type, f.attribute, f.origin) for f in b.features] == [(f.type, f.attribute, f.origin) for f in sentence]
        for x, y in zip(sentence, b.features):
            same_matrix(x.features, y.features)
    assert any(f.type != FEATURE_TYPE_SENTENCE for m in theirs for f in m.features), "Rasa's made sequence features too"
    classify = classifier(SentenceLogisticRegressionClassifier, tmp_path, "ours")
    same_matrix(classify._create_X(mine), classify._create_X(theirs))


def test_a_change_to_this_code_retrains_the_classifier(tmp_path, monkeypatch):
    """Rasa reuses a trained component unless its fingerprint changes; the matrix is built outside
    the class, whose source is all Rasa fingerprints of the code."""
    import bot.sentence_classifier as module

    def key() -> str:
        return calculate_fingerprint_key(SentenceLogisticRegressionClassifier, {"max_iter": 200}, {})

    before = key()
    assert key() == before  # (stable while nothing changes)
    changed = tmp_path / "sentence_classifier.py"
    changed.write_bytes(module.SOURCE.read_bytes() + b"# an edit\n")
    monkeypatch.setattr(module, "SOURCE", changed)
    assert key() != before


CHARS = {"analyzer": "char_wb", "ngram_range": (2, 4), "token_pattern": None}


@pytest.mark.parametrize("options", [{}, CHARS, {"binary": True}, {"lowercase": False}])
def test_a_sentence_is_counted_as_scikit_learn_counts_it(options):
    """bot/sentence_featurizer.py's counts against the vectorizer's own transform, sorted, as COO."""
    texts = [t for ts in EXAMPLES.values() for t in ts]
    vectorizer = CountVectorizer(**{"token_pattern": r"(?u)\b\w+\b", **options}).fit(texts)
    given = CountVectorizer(vocabulary=vectorizer.vocabulary_)  # (a vocabulary given and not yet checked)
    for v in (vectorizer, given):
        for text in NEW + texts + ["No no NO notice, notice", "zyxw qqq", "the the the council council"]:
            theirs = v.transform([text])
            theirs.sort_indices()
            theirs = theirs.tocoo()
            ours = sentence_counts(v, text)
            assert ours.shape == theirs.shape
            for a, b in [(ours.data, theirs.data), (ours.row, theirs.row), (ours.col, theirs.col)]:
                assert a.dtype == b.dtype and a.tolist() == b.tolist()
    repeated = sentence_counts(vectorizer, "no no no").data.tolist()
    assert max(repeated) == (1 if options.get("binary") else 3)


def test_a_loaded_classifier_predicts_exactly_as_rasas(training, tmp_path):
    """The loaded weights, kept column by column, give Rasa's own probabilities."""
    steps, data = training()
    config = {**LogisticRegressionClassifier.get_default_config(), "max_iter": 200, "random_state": 42}
    storage, context = LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test")
    trained = SentenceLogisticRegressionClassifier.create(config, storage, Resource("ours"), context)
    trained.train(data)  # (train persists it)
    ours = SentenceLogisticRegressionClassifier.load(config, storage, Resource("ours"), context)
    rasas = LogisticRegressionClassifier.load(config, storage, Resource("ours"), context)
    assert ours.clf.coef_.T.flags.c_contiguous and not rasas.clf.coef_.T.flags.c_contiguous
    assert isinstance(ours.clf.predict_proba, functools.partial)  # the probabilities without scikit-learn's checks
    texts = NEW + [t for ts in EXAMPLES.values() for t in ts]
    a, b = featurised(steps, texts), featurised(steps, texts)
    ours.process(a), rasas.process(b)
    assert [m.get("intent_ranking") for m in a] == [m.get("intent_ranking") for m in b]
    assert (ours.clf.coef_ == rasas.clf.coef_).all()
    untrained = SentenceLogisticRegressionClassifier.load(config, storage, Resource("none"), context)
    assert not hasattr(untrained.clf, "coef_")  # (no model: Rasa's untrained one, loaded without error)
