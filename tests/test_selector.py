"""The trained selector on its own."""

from __future__ import annotations

from compact.selector import Sample, Selector, samples


def selector() -> Selector:
    return Selector(
        [
            Sample(("pay", "late"), "payment is late", "11.2"),
            Sample(("invoice", "overdue"), "invoice overdue", "11.2"),
            Sample(("consult", "week"), "consultation weeks", "3.6"),
            Sample(("consult", "short"), "consultation too short", "3.6"),
            Sample(("bid", "lot"), "smaller lots in tenders", "7.6"),
            Sample(("tender", "split"), "split the tender into lots", "7.6"),
        ]
    )


def test_the_right_entry_gets_the_highest_margin():
    margins = selector().margins(("invoice", "late"), "our invoice is late")
    assert max(margins, key=margins.get) == "11.2" and margins["11.2"] > 0 > margins["3.6"]


def test_character_ngrams_absorb_typos():
    margins = selector().margins(("consultaton",), "consultaton")
    assert max(margins, key=margins.get) == "3.6"


def test_training_samples_come_from_the_knowledge_file(knowledge):
    pairs = samples(knowledge)
    labels = {label for _, label in pairs}
    assert set(knowledge.commitments) | set(knowledge.principles) | set(knowledge.topics) == labels
    c = knowledge.commitments["13.2"]
    assert (c.text, "13.2") in pairs and all((e, "13.2") in pairs for e in c.examples)


def test_its_margins_are_scikit_learns(assistant):
    """The selector's own arithmetic (FastMargins) against scikit-learn's transform and decision
    function, on the real selector and every dev question, typos and words it never saw included."""
    import yaml

    from scripts.servers import ROOT

    real = assistant.matcher.selector
    questions = [q["q"] for q in yaml.safe_load((ROOT / "eval" / "dev.yaml").read_text())["questions"]]
    questions += ["", "zzz qqq", "consultaton on fundng!!", "Ünïcödé café — naïve"]
    for question in questions:
        keys = assistant.matcher.analyzer.keys(question)
        ours, sklearns = real.margins(keys, question), real.sklearn_margins(keys, question)
        assert ours.keys() == sklearns.keys()
        assert max(abs(ours[k] - sklearns[k]) for k in ours) < 1e-9, question
        assert sorted(ours, key=ours.get)[-3:] == sorted(sklearns, key=sklearns.get)[-3:], question


def test_the_same_knowledge_trains_the_same_selector(assistant):
    """Its solver visits the samples in a random order: seeded, every build of the index is the same
    (so a figure from `make eval` is one the same commit gives again)."""
    import numpy as np

    from compact.matcher import _features

    m = assistant.matcher
    training = [Sample(tuple(_features(m.analyzer.keys(t))), t.lower(), label) for t, label in samples(m.knowledge)]
    first, second = Selector(training), Selector(training)
    assert np.array_equal(first.model.coef_, second.model.coef_)
    assert np.array_equal(first.model.intercept_, second.model.intercept_)
