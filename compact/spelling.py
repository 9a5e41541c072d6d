"""Repairing misspelt words, as people type on a phone ("councl", "contrct", "tryin", "grp").

A word is repaired only when it is not a word at all: not in the knowledge, not an English word
(WordNet's word list and inflections, shipped in spacy-lookups-data, so British spellings such
as "carers" and "formalise" stand), not a stop word, and not a name (capitalised mid-sentence:
"Belper" is not "helper"). The word meant is, in this order: the same word with its final "g"
("tryin"), the word with an ending spelt as it sounds ("consultashun"), the nearest word with the
typed letters in order and only vowels missing ("cncl", "grp", "contrct"), then the nearest
within one edit (two for long words). Ties go to the knowledge's words, then to the commoner
English word.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy_lookups_data
from rapidfuzz import process
from rapidfuzz.distance import OSA

COMMON_WORDS = Path(__file__).with_name("common_words.txt")
VOWELS = frozenset("aeiouy")
MIN_LENGTH = 3  # shorter words ("u", "r", "y") are text-speak (compact/text_speak.yaml), not typos
EDIT_MIN_LENGTH = 4  # shorter words are repaired only when they are all consonants ("grp", "wrk")
LONG = 8  # from this length two edits are allowed
SOUNDS = (("shun", "tion"), ("shon", "tion"), ("shen", "tion"))  # endings spelt as they sound, and the spelling meant
COMMON_KNOWN = 10_000  # the commonest words count as words even if WordNet lacks them ("gonna"); rarer ones
# in the frequency list include common misspellings ("tryin"), so they are repaired


def lookups_file(table: str) -> Path:
    return Path(spacy_lookups_data.__file__).parent / "data" / f"{table}.json.gz"


def skeleton(word: str) -> str:
    """The first letter and the consonants: what is left when vowels are dropped."""
    return word[:1] + "".join(ch for ch in word[1:] if ch not in VOWELS)


def _in_order(typed: str, word: str) -> bool:
    letters = iter(word)
    return all(ch in letters for ch in typed)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """WordNet's nouns, verbs, adjectives and adverbs, with their inflected forms."""
    with gzip.open(lookups_file("en_lemma_index"), "rt", encoding="utf-8") as f:
        index: dict[str, list[str]] = json.load(f)
    with gzip.open(lookups_file("en_lemma_lookup"), "rt", encoding="utf-8") as f:
        forms: dict[str, str] = json.load(f)
    return frozenset(w for words in index.values() for w in words) | frozenset(forms) | frozenset(forms.values())


@lru_cache(maxsize=1)
def common_words() -> tuple[str, ...]:
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


class Speller:
    """Built once per process from the knowledge's words; :meth:`correct` is pure."""

    def __init__(self, domain_words: Iterable[str], stop_words: Iterable[str]) -> None:
        common = common_words()
        rank = {w: i for i, w in enumerate(common)}
        domain = sorted(set(domain_words), key=lambda w: (rank.get(w, len(rank)), w))
        self.choices = tuple(dict.fromkeys([*domain, *common]))  # the knowledge's words first, then by frequency
        self.known = english_words() | set(domain) | set(stop_words) | set(common[:COMMON_KNOWN])
        self.skeletons: dict[str, list[str]] = {}
        for word in self.choices:
            self.skeletons.setdefault(skeleton(word), []).append(word)

    def correct(self, word: str) -> str | None:
        """The word meant by a misspelt ``word`` (lower case), or None: a word, a name or too far from any."""
        return _correct(self, word)


@lru_cache(maxsize=8192)
def _correct(speller: Speller, word: str) -> str | None:
    if len(word) < MIN_LENGTH or not word.isalpha() or word in speller.known:
        return None
    if word.endswith("in") and word + "g" in speller.known:
        return word + "g"
    sounded = next((word.replace(typed, meant) for typed, meant in SOUNDS if typed in word), None)
    if sounded in speller.known:  # "consultashun", "informashon": spelt as said
        return sounded
    if len(word) < EDIT_MIN_LENGTH and VOWELS & set(word):
        return None  # "wos" is one letter from was, woes, woos…: too short to tell
    same_letters = next((w for w in speller.skeletons.get(skeleton(word), ()) if _in_order(word, w)), None)
    if same_letters or len(word) < EDIT_MIN_LENGTH:
        return same_letters
    found = process.extractOne(word, speller.choices, scorer=OSA.distance, score_cutoff=1 if len(word) < LONG else 2)
    return found[0] if found else None
