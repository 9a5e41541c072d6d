"""The example-based selector on its own."""
from __future__ import annotations

from compact.selector import Sample, Selector, samples


def selector() -> Selector:
    return Selector([
        Sample(("pay", "late"), "payment is late", "11.2"),
        Sample(("invoice", "overdue"), "invoice overdue", "11.2"),
        Sample(("consult", "week"), "consultation weeks", "3.6"),
    ])


def test_closest_example_decides_and_similarity_is_bounded():
    sims = selector().similarities(("invoice", "late"), "our invoice is late")
    assert sims["11.2"] > sims["3.6"] and 0.0 <= sims["3.6"] <= sims["11.2"] <= 1.0


def test_character_ngrams_absorb_typos():
    sims = selector().similarities(("consultaton",), "consultaton")
    assert sims["3.6"] > sims["11.2"]


def test_training_samples_come_from_the_knowledge_file(knowledge):
    pairs = samples(knowledge)
    labels = {label for _, label in pairs}
    assert set(knowledge.commitments) | set(knowledge.principles) | set(knowledge.topics) == labels
    c = knowledge.commitments["13.2"]
    assert (c.text, "13.2") in pairs and all((e, "13.2") in pairs for e in c.examples)
