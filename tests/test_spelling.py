"""Text-speak and spelling repair (compact/text.py, compact/spelling.py), and the matcher's use of them."""

from __future__ import annotations

import pytest

from compact.spelling import Speller, common_words, skeleton
from compact.text import asked_as_consulted, expand_text_speak, names


@pytest.fixture(scope="module")
def speller(assistant) -> Speller:
    return assistant.matcher.speller


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("councl", "council"),  # one edit
        ("consultaton", "consultation"),
        ("contrct", "contract"),  # vowels dropped: "contract", not the commoner "contact"
        ("cncl", "council"),
        ("grp", "group"),
        ("tryin", "trying"),  # the final "g" dropped
        ("shuld", "should"),
    ],
)
def test_misspellings_are_repaired(speller, typed, meant):
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("word", ["carers", "formalise", "postcode", "bins", "councillor", "underspend", "wos", "xq"])
def test_words_and_what_is_too_far_from_any_are_left_alone(speller, word):
    """English words (British spellings included) are never "repaired"; nor are three-letter
    strings one edit from many words."""
    assert speller.correct(word) is None


def test_names_are_not_repaired(assistant):
    """ "Belper" is a town, not a misspelt "helper"."""
    matcher = assistant.matcher
    tokens = matcher.analyzer.tokens("our lunch club in Belper lost its grant")
    assert "belper" in [t.surface for t in matcher.repair(tokens, names("our lunch club in Belper lost its grant"))]
    assert "belper" not in [t.surface for t in matcher.repair(tokens)]


def test_names_are_words_capitalised_mid_sentence_or_in_capitals():
    assert names("We run a club in Belper. Our DBS checks are fine. Chesterfield is near.") == {"belper", "dbs"}


def test_a_misspelt_stop_word_is_dropped_like_the_stop_word(assistant):
    matcher = assistant.matcher
    assert [t.surface for t in matcher.repair(matcher.analyzer.tokens("shuld the councl"))] == ["council"]


def test_text_speak_is_written_out():
    assert (
        expand_text_speak("r they ment 2 fund for mor than 1 yr, w/o askin u")
        == "are they meant 2 fund for more than 1 year, without askin you"
    )
    assert expand_text_speak("your urban youth group, www.example.org/info") == "your urban youth group, www.example.org/info"


def test_a_one_letter_reply_is_yes_or_no():
    assert expand_text_speak("y") == "yes" and expand_text_speak("N.") == "no"
    assert expand_text_speak("y do they need it") == "why do they need it"  # inside a message: the text-speak word


def test_the_common_words_list_is_ordered_by_frequency():
    words = common_words()
    assert words[:3] == ("the", "to", "a") and len(words) > 20000 and skeleton("council") == "cncl"


def test_a_short_message_mostly_misspelt_still_finds_its_commitment(assistant):
    """Most words misspelt or text-speak: the one key word still names the topic."""
    ranked = assistant.matcher.rank("wen shud thay pay r invoics, its bn 3 mnths")
    assert ranked[0].entry_id == "11.2"


def test_text_speak_is_found_as_one_search_for_every_word_would_find_it():
    """Looking up each word as typed finds what searching for every text-speak word at once (the
    way it was first written) finds, in every text of the evaluation and tuning sets."""
    import re

    import yaml

    from compact.text import text_speak
    from scripts.servers import ROOT

    table = text_speak()
    words = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
    every_word = re.compile(rf"(?<![\w/'’])(?:{words})(?![\w/'’])", re.I)

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    texts = [t for path in sorted((ROOT / "eval").glob("*.yaml")) for t in strings(yaml.safe_load(path.read_text()))]
    texts += [f"{k} {k.upper()} {k}/{k} {k}'s x{k} {k}." for k in table]
    assert len(texts) > 10_000
    for text in texts:
        if text.strip(" .!").lower() not in ("y", "n"):
            assert expand_text_speak(text) == every_word.sub(lambda m: table[m.group(0).lower()], text), text


@pytest.mark.parametrize(
    "text, read",
    [
        ("they changed it without asking us first", "they changed it without consulting us first"),
        ("nobody asked us", "nobody consulted us"),
        ("they didn't even ask the groups", "they didn't even consult the groups"),
        ("they never ask us anything", "they never ask us anything"),  # a habit told, not a consultation missed
        ("we asked them for a meeting", "we asked them for a meeting"),
    ],
)
def test_not_asked_is_read_as_not_consulted(text, read):
    assert asked_as_consulted(text) == read
