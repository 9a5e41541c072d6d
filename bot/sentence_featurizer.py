"""Rasa's count-vectors featurizer, without the features nothing here reads.

For each message Rasa's ``CountVectorsFeaturizer`` counts the words (or character n-grams) of
every token on its own, a row per token (the sequence features), then of the whole text (the
sentence features). This project's classifier reads the sentence features only
(bot/sentence_classifier.py), and nothing else in the pipeline reads either, so on new messages
this subclass makes the sentence features alone, as Rasa makes them; training is Rasa's own.
Both featurizers in bot/config.yml cost 11% of the Rasa workers' time under load (``make profile
--saturation``), most of it the per-token counts. ``tests/test_nlu_pipeline.py``.
"""

from __future__ import annotations

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
                    sentence = vectorizer.transform([" ".join(tokens)])
                    sentence.sort_indices()
                    self.add_features_to_message(None, sentence.tocoo(), attribute, message)
        return messages
