"""Personal data masked out of what people typed, before an editor sees it.

Conservative on purpose: a word that might be a name is masked even when it is a place or an
organisation, because the report's readers must not learn who asked. Masked:

- email addresses and web links;
- UK phone numbers, and any other run of six or more digits;
- UK postcodes (and a district such as "DE22" written in capitals), and a house number with its street;
- names where they can be told: after a title ("Mrs Patel", "cllr jones"), after "my name is"
  (in any case), after "I'm", "this is" or in a sign-off ("thanks, Jane"), and any capitalised
  word that is not in the knowledge file's vocabulary ("we spoke to Karen", "Jane Smith"). A
  sentence's first word is capitalised anyway, so there it is masked only when it is not a
  common English word or another unknown capitalised word follows it ("Jane Smith asked…").

Lower-case names with no cue cannot be told from other words and are left.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
# +44 7700 900123, 07700 900123, (01332) 123456, 01332-123-456
PHONE = re.compile(r"(?<![\w.])(?:\+\s*44\s*(?:\(0\))?|\(?0)\s*\d(?:[\s\-().]*\d){7,11}(?!\w)")
DIGITS = re.compile(r"(?<![\w.])\d(?:[\s-]?\d){5,}(?![\w.])")  # account, reference or phone numbers written otherwise
POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})\b", re.I)
DISTRICT = re.compile(r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\b")  # "DE22", "S40" (in capitals; "a1" is left)
STREET = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:[A-Za-z][\w'-]*\s+){1,3}"
    r"(?:road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|court|place|grove|gardens|terrace|walk|row|square)\b",
    re.I,
)
WORD = r"[^\W\d_][\w'’-]*"
TITLE = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Cllr|Councillor|Rev|Reverend|"
    rf"mr|mrs|ms|mx|dr|cllr|MR|MRS|MS|DR|CLLR)\.?\s+({WORD}(?:\s+[A-Z][\w'’-]*)?)"
)
SPOKEN = re.compile(
    rf"(?i:\b(?:my name is|my name's|my names|name is|name:|names are|i'm called|i am called)\s+)({WORD}(?:\s+{WORD}){{0,2}})"
)
INTRODUCED = re.compile(
    r"(?i:\b(?:i'?m|i am|this is|it'?s|regards|thanks|thank you|cheers|best wishes|yours sincerely|yours|signed|"
    r"called|named|ask for|speak to|spoke to|talk to|talked to|contact|contacted|emailed|phoned|rang|ring)[,.:\s]+)"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)
CAPITALISED = re.compile(r"\b[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\b")
OPENS = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“(]\s*)$")  # what a sentence's first word follows
MASKED = re.compile(r"\[(?:name|email|phone|number|postcode|address|link)\]")
RUNS = re.compile(r"\[name\](?:[\s,]+\[name\])+")
BESIDE_A_NAME = re.compile(r"\b[A-Z][a-z'’]+(?=\s+\[name\])|(?<=\[name\]\s)[A-Z][a-z'’]+\b")  # "Mark [name]": names come in runs
COMMON_OPENERS = 8000  # a sentence may open with one of this many commonest English words (names are rarer)

# Words that open or fill a sentence, often capitalised, never a name
ORDINARY = frozenset(
    """i i'm i've i'd i'll a an the and or but if so hi hello hey hiya dear thanks thank cheers yes no ok okay please
    what whats when where why who whom which how is are was were do does did can could should would will shall may
    might must my our we us you your they their them he she his her it its this that these those there here
    morning afternoon evening sorry also just not on in at by for to of from with about after before then
    called named team department office service services group organisation charity trust
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december christmas easter covid
    mr mrs ms miss mx dr prof professor sir dame lady lord cllr councillor rev reverend""".split()
)


@functools.lru_cache(maxsize=1)
def common_openers() -> frozenset[str]:
    """The commonest English words (compact/common_words.txt), which can open a sentence."""
    from compact.spelling import common_words

    return frozenset(common_words()[:COMMON_OPENERS])


@dataclass(frozen=True)
class Masker:
    """Masks personal data. ``vocabulary``: the knowledge file's words (lower case), never taken
    for names ("Derby", "Council", "Compact"); ``openers``: words a sentence may open with."""

    vocabulary: frozenset[str] = frozenset()
    openers: frozenset[str] = field(default_factory=common_openers)

    def known(self, word: str) -> bool:
        low = word.lower().strip("'’")
        return low in ORDINARY or low in self.vocabulary or (low.endswith("s") and low[:-1] in self.vocabulary)

    def mask(self, text: str) -> str:
        out = EMAIL.sub("[email]", text)
        out = LINK.sub("[link]", out)
        out = POSTCODE.sub("[postcode]", out)
        out = PHONE.sub("[phone]", out)
        out = DIGITS.sub("[number]", out)
        out = STREET.sub("[address]", out)
        out = DISTRICT.sub("[postcode]", out)
        out = TITLE.sub(lambda m: self._names(m, lambda w: w.lower() not in ORDINARY), out)
        out = SPOKEN.sub(lambda m: self._names(m, lambda w: w.lower() not in ORDINARY), out)
        out = INTRODUCED.sub(lambda m: self._names(m, lambda w: not self.known(w)), out)
        out = CAPITALISED.sub(lambda m: self._capitalised(out, m), out)
        out = BESIDE_A_NAME.sub(lambda m: m.group(0) if m.group(0).lower() in ORDINARY else "[name]", out)
        return RUNS.sub("[name]", out)

    @staticmethod
    def _names(m: re.Match[str], is_name: Callable[[str], bool]) -> str:
        """The cue kept, then its words masked up to the first that is not a name."""
        words = m.group(1).split()
        kept = 0
        while kept < len(words) and is_name(words[kept].strip("'’")):
            kept += 1
        if not kept:
            return m.group(0)
        cue = m.group(0)[: m.start(1) - m.start(0)]
        return cue + " ".join(["[name]", *words[kept:]])

    def _capitalised(self, text: str, m: re.Match[str]) -> str:
        word = m.group(0)
        if self.known(word) or MASKED.fullmatch(text[max(0, m.start() - 1) : m.end() + 1]):
            return word
        if OPENS.search(text[: m.start()]) and word.lower() in self.openers:
            following = CAPITALISED.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
            if not (following and not self.known(following.group(0)) and following.group(0).lower() not in self.openers):
                return word
        return "[name]"


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    """The words of some texts (the knowledge file's), lower case."""
    return frozenset(w.lower() for t in texts for w in re.findall(WORD, t))


@functools.lru_cache(maxsize=1)
def knowledge_masker() -> Masker:
    """A masker that knows the knowledge file's words (knowledge/commitments.yaml, or COMPACT_KNOWLEDGE)."""
    from compact.knowledge import DEFAULT_PATH
    from compact.settings import settings

    path = settings().knowledge or DEFAULT_PATH
    return Masker(vocabulary_of([path.read_text(encoding="utf-8")]))
