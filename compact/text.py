"""Turning text into comparable tokens: spaCy lookup lemmas, number words, light stemming.

Index and query both go through :func:`Analyzer.tokens`, so they always agree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from compact.quantities import NUMBER_WORDS
from compact.turn_memo import kept_per_turn

# Derivational endings stripped after lemmatising, so "funding", "funder" and "fund" meet.
SUFFIXES = ("ations", "ation", "itions", "ition", "ments", "ment", "ness", "ings", "ing", "ers", "er", "ed", "ity", "ly", "al")
# Words too common in this domain or in questions to tell entries apart.
EXTRA_STOP = {
    "compact",
    "derby",
    "derbyshire",
    "please",
    "tell",
    "know",
    "want",
    "need",
    "happen",
    "thing",
    "ok",
    "okay",
    "hi",
    "hello",
    "thank",
    "thanks",
    "lot",
    "yes",
    "no",
    "get",
    "go",
    "say",
    "ask",
}
KEEP = {"before", "after", "early", "not", "no", "first", "last", "full", "back", "give", "notice"}


@functools.lru_cache(maxsize=1)
def pipeline() -> Language:
    """A blank English pipeline with lookup lemmas (spacy-lookups-data); nothing is downloaded."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@functools.lru_cache(maxsize=1)
def text_speak() -> dict[str, str]:
    """compact/text_speak.yaml: each text-speak word (lower case) and what it stands for."""
    return {
        str(k).lower(): str(v) for k, v in yaml.safe_load((Path(__file__).parent / "text_speak.yaml").read_text("utf-8")).items()
    }


# A word as text-speak is written: "w/o", "u", "2day" (apostrophes and slashes inside a word
# keep it one word: "u'll" and "and/or" are not "u" or "or"). Looking each one up is the same as
# searching for every text-speak word at once, and a fraction of the cost (make profile).
WORD_AS_TYPED = re.compile(r"[\w/'’]+")


ONE_LETTER_REPLIES = {"y": "yes", "n": "no"}  # a reply of one letter: "y" is yes (not "why"), "n" is no (not "and")


@kept_per_turn
def expand_text_speak(text: str) -> str:
    """The text with text-speak written out ("r they ment 2 fund for 1 yr" -> "are they meant 2
    fund for 1 year"), from compact/text_speak.yaml."""
    if alone := ONE_LETTER_REPLIES.get(text.strip(" .!").lower()):
        return alone
    table = text_speak()
    return WORD_AS_TYPED.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)


# Not consulted, in plain words ("changed the youth service without asking us first", "nobody asked us"): "ask" is a
# stop word and too common to be one of the knowledge's dealings, so it is read as the Compact's "consult"
NOT_ASKED = re.compile(
    r"\b(?:without (?:even )?(?P<asking>asking)|(?:never|not|nobody|no one|no-one) (?:even )?(?P<asked>asked)|"
    r"(?:didn'?t|did not) (?:even )?(?P<ask>ask))"
    r"(?= (?:us|anyone|any of us|the (?:sector|vcs|groups?|charit(?:y|ies))|local groups|our)\b)",
    re.I,
)
CONSULTED = {"ask": "consult", "asked": "consulted", "asking": "consulting"}


def asked_as_consulted(text: str) -> str:
    """ "without asking us" read as "without consulting us"; the rest as typed."""

    def consulted(m: re.Match[str]) -> str:
        verb = m["asking"] or m["asked"] or m["ask"]  # (the match ends with it)
        return m[0][: -len(verb)] + CONSULTED[verb.lower()]

    return NOT_ASKED.sub(consulted, text)


@kept_per_turn
def plain(text: str) -> str:
    """The text as the typed-reply patterns read it: lower case, straight apostrophes, "&" as "and",
    single spaces, text-speak written out ("we r a small cvs" -> "we are a small cvs")."""
    return " ".join(expand_text_speak(text).lower().replace("’", "'").replace("&", " and ").split())


def stem(lemma: str) -> str:
    for suffix in SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 4:
            return lemma[: -len(suffix)]
    return lemma


@dataclass(frozen=True)
class Token:
    surface: str  # lower-cased text as typed
    key: str  # stemmed lemma used for matching


class Analyzer:
    """Content tokens of a text, with stop words removed and numbers normalised (each text's
    kept while a message is answered: compact/turn_memo.py)."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or pipeline()
        self.stop = (self.nlp.Defaults.stop_words | EXTRA_STOP) - KEEP

    def tokens(self, text: str) -> list[Token]:
        return list(self._tokens(text))

    @kept_per_turn
    def doc(self, text: str) -> Doc:
        """spaCy's reading of the text (its lemmas), for the matcher's phrase look-ups."""
        return self.nlp(text)

    @kept_per_turn
    def _tokens(self, text: str) -> tuple[Token, ...]:
        return tuple(self._analysed(text))

    def _analysed(self, text: str) -> list[Token]:
        out: list[Token] = []
        for tok in self.doc(_clean(expand_text_speak(text))):
            low = tok.lower_
            if low in NUMBER_WORDS and low not in ("a", "an"):
                out.append(Token(low, str(NUMBER_WORDS[low])))
                continue
            if (tok.like_num and any(ch.isdigit() for ch in low)) or CODE.fullmatch(low):  # 12, "d2n2"
                out.append(Token(low, low))
                continue
            if not tok.is_alpha or low in self.stop or len(low) < 2:
                continue
            lemma = (tok.lemma_ or low).lower()
            if lemma in self.stop:
                continue
            out.append(Token(low, stem(lemma)))
        return out

    def keys(self, text: str) -> list[str]:
        return [t.key for t in self.tokens(text)]


SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def sentences(text: str) -> list[str]:
    """The text's sentences (split after . ! ? ;), whitespace normalised, empty ones dropped."""
    return [p for p in SENTENCE_END.split(" ".join(text.split())) if p]


NAME = re.compile(r"^(?:[A-Z][a-z]+|[A-Z]{2,})$")


def names(text: str) -> frozenset[str]:
    """Words typed as names or acronyms (capitalised after a sentence's first word, or in
    capitals), lower-cased: "in Belper", "our DBS checks"."""
    found: set[str] = set()
    for sentence in sentences(text):
        words = [w.strip(".,;:!?()\"'’") for w in sentence.split()]
        found.update(w.lower() for i, w in enumerate(words) if NAME.match(w) and (i > 0 or w.isupper()) and w != "I")
    return frozenset(found)


_APOSTROPHES = re.compile(r"[’‘`]")
CODE = re.compile(r"[a-z]+\d[a-z\d]*")  # a name with digits in it: "D2N2"
_ACRONYMS = re.compile(r"\b([A-Z]{2,})'?s\b")
_UP_FRONT = re.compile(r"\bup front\b", re.I)
_HYPHEN_WORD = re.compile(r"(?<=[a-z])-(?=[a-z])", re.I)
_NUMBER_UNIT = re.compile(r"\b(\d+)([a-z]+)\b", re.I)  # "3months"; not a code such as "D2N2"


def _clean(text: str) -> str:
    """Normalise quotes; join hyphenated words ("under-spend" -> "underspend") and "up front"; split "3months";
    an acronym's plural is the acronym ("LEPs", "CCGs")."""
    text = _ACRONYMS.sub(r"\1", _APOSTROPHES.sub("'", text))
    text = _UP_FRONT.sub("upfront", _HYPHEN_WORD.sub("", text))  # both words are spaCy stop words
    return _NUMBER_UNIT.sub(r"\1 \2", text)
