"""Start the Rasa server without TensorFlow when the model never uses it.

Rasa 3.6 imports TensorFlow (and Keras, and through them JAX) at module level whatever the
pipeline: ``rasa.core.actions.action`` reaches ``rasa.utils.train_utils``, which defines Keras
callbacks. This project's model uses no TensorFlow component, yet the import cost the Rasa server
about 350 MB of its 585 MB and several seconds of its start-up (README, "Speed and memory").

Before Rasa is imported, :func:`apply` reads the model's own metadata; when every component of
its prediction graph is one of :data:`TENSORFLOW_FREE`, it puts placeholder modules in place of
TensorFlow's. A placeholder can be named, subclassed and compared against (``isinstance`` is
always false), which is all Rasa's module-level code does with them; creating or calling one
raises :class:`TensorFlowNotLoaded`, so a component that needed TensorFlow could never run on a
placeholder silently. Any other model (the stock ``rasa init`` configuration, or ours with DIET
added) gets the real TensorFlow, unchanged. ``tests/test_without_tensorflow.py`` checks that a
server started this way parses and predicts exactly as one with TensorFlow does.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import sys
import tarfile
import types
from pathlib import Path
from typing import Any, Mapping, Sequence

# Top-level packages replaced: TensorFlow and what it brings in with it.
PACKAGES = ("tensorflow", "tensorflow_hub", "tensorflow_text", "tensorflow_estimator", "keras")

# Rasa 3.6's graph components that never touch TensorFlow when predicting (read in its source:
# scikit-learn, regular expressions, lookups), and this project's subclasses of two of them. Anything
# else, other custom components included, is assumed to need it.
OURS = ("bot.sentence_classifier.SentenceLogisticRegressionClassifier", "bot.sentence_featurizer.SentenceCountVectorsFeaturizer")
TENSORFLOW_FREE = frozenset(OURS) | frozenset(
    f"rasa.{path}"
    for path in (
        "core.policies.ensemble.DefaultPolicyPredictionEnsemble",
        "core.policies.memoization.MemoizationPolicy",
        "core.policies.memoization.AugmentedMemoizationPolicy",
        "core.policies.rule_policy.RulePolicy",
        "graph_components.converters.nlu_message_converter.NLUMessageConverter",
        "graph_components.providers.domain_provider.DomainProvider",
        "graph_components.providers.rule_only_provider.RuleOnlyDataProvider",
        "nlu.classifiers.fallback_classifier.FallbackClassifier",
        "nlu.classifiers.logistic_regression_classifier.LogisticRegressionClassifier",
        "nlu.classifiers.keyword_intent_classifier.KeywordIntentClassifier",
        "nlu.classifiers.regex_message_handler.RegexMessageHandler",
        "nlu.extractors.regex_entity_extractor.RegexEntityExtractor",
        "nlu.extractors.entity_synonyms.EntitySynonymMapper",
        "nlu.featurizers.sparse_featurizer.count_vectors_featurizer.CountVectorsFeaturizer",
        "nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer.LexicalSyntacticFeaturizer",
        "nlu.featurizers.sparse_featurizer.regex_featurizer.RegexFeaturizer",
        "nlu.tokenizers.whitespace_tokenizer.WhitespaceTokenizer",
    )
)


# Rasa's start-up configures TensorFlow when one of these is set (rasa/utils/tensorflow/environment.py):
# an operator who set one gets the real TensorFlow.
TENSORFLOW_SETTINGS = ("TF_GPU_MEMORY_ALLOC", "TF_INTER_OP_PARALLELISM_THREADS", "TF_INTRA_OP_PARALLELISM_THREADS")


class TensorFlowNotLoaded(RuntimeError):
    """Something tried to use TensorFlow in a server started without it."""


class _Placeholder(type):
    """A stand-in for any TensorFlow class, function or constant: attributes are placeholders
    too, subclasses are placeholders, and making or calling one raises."""

    def __getattr__(cls, name: str) -> Any:
        return _placeholder(cls.__module__, name, f"{cls.__qualname__}.{name}")

    def __call__(cls, *_: Any, **__: Any) -> Any:
        raise TensorFlowNotLoaded(
            f"{cls.__module__}.{cls.__qualname__} was used, but this Rasa server started without TensorFlow because "
            "its model's components do not need it (bot/without_tensorflow.py): add the component to "
            "TENSORFLOW_FREE only if it truly never uses TensorFlow"
        )


def _placeholder(module: str, name: str, qualname: str) -> _Placeholder:
    if name.startswith("__"):  # dunders stay missing, as on any object (copy, pickle and typing probe them)
        raise AttributeError(name)
    return _Placeholder(name, (), {"__qualname__": qualname, "__module__": module})


class _PlaceholderModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        return _placeholder(self.__name__, name, name)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves a placeholder module for every module of :data:`PACKAGES`."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: types.ModuleType | None = None) -> Any:
        if name.split(".")[0] in PACKAGES:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _PlaceholderModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def model_path(argv: Sequence[str]) -> Path | None:
    """The model ``rasa run`` will load: its ``--model``/``-m`` option, a file or the newest
    archive in a directory (as Rasa picks), or None when it cannot be told."""
    for i, arg in enumerate(argv):
        if arg in ("--model", "-m") and i + 1 < len(argv):
            given = Path(argv[i + 1])
        elif arg.startswith("--model="):
            given = Path(arg.split("=", 1)[1])
        else:
            continue
        if given.is_dir():
            archives = sorted(given.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
            return archives[-1] if archives else None
        return given if given.is_file() else None
    return None


def components(model: Path) -> set[str]:
    """The classes of the model's prediction graph, from the archive's metadata."""
    with tarfile.open(model, "r:gz") as archive:
        for member in archive:
            if member.name.lstrip("/").lstrip("./") == "metadata.json":
                handle = archive.extractfile(member)
                if handle is not None:
                    metadata = json.load(handle)
                    return {node["uses"] for node in metadata["predict_schema"]["nodes"].values()}
    raise ValueError(f"{model} has no metadata.json")


def needs_tensorflow(model: Path | None) -> bool:
    if model is None:
        return True
    try:
        return not components(model) <= TENSORFLOW_FREE
    except (OSError, ValueError, KeyError, tarfile.TarError, json.JSONDecodeError):
        return True  # Rasa will say what is wrong with the model; TensorFlow stays as it was


def can_leave_out(argv: Sequence[str], environ: Mapping[str, str]) -> bool:
    """Whether ``rasa run`` with ``argv`` and ``environ`` can do without TensorFlow."""
    return not any(environ.get(name) for name in TENSORFLOW_SETTINGS) and not needs_tensorflow(model_path(argv))


def apply(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> bool:
    """Put the placeholders in place when ``rasa run`` with ``argv`` can do without TensorFlow.
    Must run before anything imports Rasa. Returns whether it did."""
    if any(name.split(".")[0] in PACKAGES for name in sys.modules):
        return False  # already imported: too late to leave it out
    if not can_leave_out(argv, environ):
        return False
    sys.meta_path.insert(0, _Finder())
    return True
