"""Ranking knowledge entries (commitments, principles, topics) for a question.

Two signals per entry. Lexical coverage: a field-weighted BM25 over stemmed lookup lemmas,
plus spaCy PhraseMatcher hits on the knowledge's curated terms, text-speak and spelling repair
(compact/text.py, compact/spelling.py) and duration mentions, normalised to "how much of the question
this entry explains". Learnt: the trained selector's margin (compact/selector.py). The ranking
score combines them, with a bonus for the side of the Compact the question asks about
("do we have to…" vs "must the council…").
"""

from __future__ import annotations

import contextlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from compact import index_cache
from compact.dates import date_count
from compact.knowledge import Knowledge, Neighbour
from compact.selector import Sample, Selector, samples
from compact.spelling import Speller
from compact.story import the_point
from compact.turn_memo import kept_per_turn
from compact.text import Analyzer, Token, asked_as_consulted, expand_text_speak, names, plain, sentences
from compact.typed_replies import side_said

# Field weights: curated terms say most about what people ask; the verbatim text is long.
WEIGHTS = {"terms": 2, "summary": 1, "text": 1, "title": 1}
K1, B = 1.2, 0.5
PHRASE_BONUS = 0.12  # per extra token of a multi-word curated term found in the question
SECTOR_BONUS = 0.2  # added for the side the question asks about, taken from the other side
DURATION_BONUS = 0.1
EXPLICIT_SCORE = 10.0
UNKNOWN_WEIGHT = 1.0
LEXICAL_WEIGHT, SELECTOR_WEIGHT = 0.25, 1.0  # BM25 coverage vs the trained selector (tuned on validation)
FIRST_PERSON = ("we", "us", "i", "our")  # ("our" as a duty's subject: "our own duties")
THIRD_PERSON = ("they", "them")
SPEAKER = r"(?:as|i'm|i am|im|i work as|we're|we are)"  # "as a commissioner", "I'm a grants officer"
WORDLIKE = re.compile(r"[^\W_]")
WORDLIKE_RUN = re.compile(r"[^\W_]+")
SENTENCE_WORDS = 3  # shorter "sentences" ("Hi.", "Thanks!") carry no evidence of their own
DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a)[\s-]*(day|week|fortnight|month|year)s?\b", re.I
)

# A count before "a year" makes it a rate ("100 meetings a year", "twice a month", "£5k a year"), not a length
RATE_BEFORE = re.compile(
    r"(?:\b(?!(?:us|is|was|has|this|its|as|does|less|plus|across)\b)\w+s|twice|once|\d[\w,.]*|k|grand|quid)\s+$", re.I
)


def names_a_duration(text: str) -> bool:
    """Does a text name a length of time ("two weeks", "for a year"), not a rate ("100 meetings a year")?"""
    return any(m.group(1).lower() != "a" or not RATE_BEFORE.search(text[: m.start()]) for m in DURATION.finditer(text))


# The Compact by its full name ("what is the Derby and Derbyshire Compact?"): its place names are stop words, which
# would leave "what is the … compact" matching no curated term (not "the Derby Compact" of 2001 or "the Derbyshire
# Compact" of 2003, which the history names)
COMPACT_NAME = re.compile(r"\b(?:the )?derby\s*(?:and|&)\s*derbyshire\s+compact\b", re.I)

# What "we" may do, whose side is then the speaker's when they say who they are
CAN_WE = re.compile(r"\b(?:can|could|may|are) we\b")
# Words that frame a question ("what's expected of councils…", "does it make a difference that…"): whose duty
# is read from them (sector_of), but they are no evidence for an entry whose wording happens to use them
# (18.3's wording on what a funded group will be expected to do, the Respect principle's on the sectors' differences).
_STATUTORY_SIDE = r"(?:councils?|statutory (?:sector|bodies|partners)|public (?:sector|bodies)|funders?)"
_VCS_SIDE = r"(?:charities|vcs|voluntary (?:sector|groups|organisations)|community groups)"
FRAMING = re.compile(
    r"\b(?:expected|required)\s+(?=(?:of|from)\b)|\bmake(?:s|ing)?\s+(?:a|any|much|no|the)\s+(?:\w+\s+)?difference\b|"
    # a sign-off ("many thanks in advance"): not an advance payment (11.1) or notice (3.2)
    r"\b(?:many\s+)?(?:thanks|thank\s+you|thx|ta|cheers)\s+in\s+advance\b|"
    # an apology for asking ("sorry stupid question but what does VCS actually mean")
    r"\b(?:sorry,?\s+)?(?:(?:probably|prob|maybe)\s+)?(?:a\s+)?(?:stupid|silly|dumb|daft|basic|naive)\s+q(?:uestion|n)?\b,?(?:\s+but)?|"
    # the two sides named as such ("communication between councils and charities"): every entry is between them
    # (not the relationship or the agreement between them, which is what the Compact is)
    r"(?<!relationship )(?<!relations )(?<!agreement )(?<!compact )(?<!partnership )"
    rf"\bbetween (?:the )?(?:(?:two |both )?sectors|{_STATUTORY_SIDE} and (?:the )?{_VCS_SIDE}|"
    rf"{_VCS_SIDE} and (?:the )?{_STATUTORY_SIDE})\b|"
    # who is asking ("church toddler group here, can we…"): the sector is read before this goes
    r"^\s*(?:(?:hi|hello|hiya)\W+)?(?:(?!is\b|there\b|anything\b)[\w'&-]+\s+){1,4}here\s*[,.:;!-]+|"
    # a tag asking to confirm ("they'd still have to give us notice right?"), not a word of the subject ("a right")
    r"(?<!\bthe)(?<!\ba)(?<!\bany)(?<!\bour)(?<!\btheir)(?<!\bthat)(?<!\bis)(?<!\bhave)(?<!\bhas)"
    r"[,\s]+(?:right|yeah|correct|innit|isn'?t (?:it|that)|don'?t they|do they not)\W*$",
    re.I,
)


@dataclass(frozen=True)
class Match:
    entry_id: str
    kind: str  # "commitment", "principle" or "topic"
    score: float  # the ranking score: lexical coverage and the selector's margin, sector-adjusted
    lexical: float = 0.0  # share of the question's words this entry explains (BM25 coverage)
    learnt: float = 0.0  # the trained selector's margin for this entry (> 0: "this one")


@dataclass
class _Entry:
    entry_id: str
    kind: str
    sector: str | None
    has_duration: bool
    tf: Counter[str]
    length: float


# The side the user said they are on earlier in the conversation ("I manage contracts at the city council"), while a
# turn is read (:func:`speaking_as`): whose duties "what are our own duties here?" asks about when the message does not say.
# A context variable, so each request's reading (a task or thread of its own) sees its own conversation's.
SAID_EARLIER: ContextVar[str | None] = ContextVar("said_earlier", default=None)


@contextlib.contextmanager
def speaking_as(side: str | None) -> Iterator[None]:
    """Read the messages of this block as from someone who said earlier they are on ``side``."""
    token = SAID_EARLIER.set(side)
    try:
        yield
    finally:
        SAID_EARLIER.reset(token)


Spec = tuple[str, str, "str | None", bool, dict[str, list[str]]]  # an entry: id, kind, sector, has a duration, its texts by field


class Matcher:
    """Build once per process from the knowledge; :meth:`rank` is thread-safe, and pure but for whose side "we" are
    when a message does not say (:func:`speaking_as`)."""

    def __init__(self, knowledge: Knowledge, analyzer: Analyzer | None = None) -> None:
        self.knowledge = knowledge
        self.analyzer = analyzer or Analyzer()
        specs = self._specs()
        if analyzer is None:  # the usual one: its index can be saved and loaded (compact/index_cache.py)
            built = index_cache.load_or_build(index_cache.fingerprint(repr(knowledge)), lambda: self._index(specs))
        else:
            built = self._index(specs)
        self.entries, surfaces, self.selector = built
        self.rows = [(e.entry_id, e.kind, e.sector) for e in self.entries]  # what rank reads of each, without attribute look-ups
        self.speller = Speller(surfaces, self.analyzer.stop)  # typos are repaired towards the knowledge's words first
        self.df: Counter[str] = Counter(k for e in self.entries for k in e.tf)
        n = len(self.entries)
        self.idf = {k: math.log(1 + (n - df + 0.5) / (df + 0.5)) for k, df in self.df.items()}
        self.unknown_idf = UNKNOWN_WEIGHT * math.log(1 + (n + 0.5) / 0.5)
        self.avg_len = sum(e.length for e in self.entries) / n
        # Each key's entries and term frequencies, and each entry's BM25 length norm: a question's
        # words are looked up in the few entries that have them instead of every entry.
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, e in enumerate(self.entries):
            for k, tf in e.tf.items():
                self.postings.setdefault(k, []).append((i, tf))
        self.norms = [K1 * (1 - B + B * e.length / self.avg_len) for e in self.entries]
        self.phrases = PhraseMatcher(self.analyzer.nlp.vocab, attr="LEMMA")
        for entry_id, _, _, _, fields in specs:
            patterns = [self.analyzer.nlp(t.lower()) for t in fields["terms"] if len(t.split()) > 1]
            if patterns:
                self.phrases.add(entry_id, patterns)
        self.subject_sector = {w: s for s, cues in knowledge.sector_cues.items() for w in cues.subjects}
        subject = "(?P<subject>" + alternatives([*self.subject_sector, *FIRST_PERSON]) + ")"
        det = r"(?:(?:the|a|an|local|their|these|those|our)\s+)?"
        self.duty_subject = [
            re.compile(p)
            for p in (
                rf"\b(?:should|shouldn't|must|ought|obliged|supposed|"
                rf"(?:expect|expected|require|required|asked|wanted) (?:of|from))\s+{det}{subject}\b",
                # "what does the compact expect us to do?", "does it require the council to…" (not a story's "our grant
                # agreement expects us to…": what the other side asks, not a duty the Compact gives)
                rf"\b(?:compact|it)\s+(?:expects?|requires?|asks?|obliges?)\s+{det}{subject}\s+to\b",
                # "is there a VCS commitment about this?", "the council's duties", "our own duties"
                rf"\b{subject}(?:'s)?\s+(?:own\s+)?(?:commitments?|duty|duties|obligations?|responsibilit(?:y|ies))\b",
                # "does the compact put any equality duties on voluntary groups?"
                rf"\b(?:commitments?|duty|duties|obligations?|responsibilit(?:y|ies))\s+(?:on|for)\s+{det}{subject}\b",
                rf"\b(?:do|does|did|don't|doesn't)\s+{det}{subject}\s+(?:have|has|need|needs|got)\b",
                # "what have the charities signed up to on monitoring?"
                rf"\b(?:have|has)\s+{det}{subject}\s+(?:signed up to|agreed to|committed to|promised)\b",
                rf"\b{subject}(?:'re|'s)?\s+(?:(?:actually|really|legally|still|also|even|then|itself|themselves|ourselves)\s+)?(?:should|must|"
                rf"has to|have to|need to|"
                rf"needs to|ought|(?:(?:is|are)\s+)?(?:expected|required|supposed|obliged|meant)|"
                rf"commit|commits|(?:is |are )?committed|agree to|agrees to|promise|promises)\b",
                # "anything about councils tackling discrimination?"
                rf"\babout\s+{det}{subject}\s+(?!being\b)\w+ing\b",
            )
        ]
        # Another party named ("with the charity", "the council's", "pay VCS providers"): "we" are then the other side.
        not_named = ("our", "the", *FIRST_PERSON, *THIRD_PERSON)
        self.parties = {
            s: re.compile(
                r"\b(?:the|this|that|a|an|their|each|every|with|pay|paying|fund|funding|commission|commissioning)\s+(?:"
                + "|".join(re.escape(w) for w in cues.subjects if w.split()[0] not in not_named)
                + r")\b"
            )
            for s, cues in knowledge.sector_cues.items()
        }
        self.identities = {s: identities_pattern(cues.identities) for s, cues in knowledge.sector_cues.items()}
        # Terms match in any inflection ("redundancies" for "redundancy"), except a word that is itself
        # an inflection of another ("parking" of "park", "bins"), which matches only as typed: a park's
        # volunteers are not asking about parking.
        self.neighbour_terms = PhraseMatcher(self.analyzer.nlp.vocab, attr="LEMMA")
        self.neighbour_words = PhraseMatcher(self.analyzer.nlp.vocab, attr="LOWER")
        for neighbour in knowledge.neighbours:
            docs = [self.analyzer.nlp(t.lower()) for t in neighbour.terms]
            inflected = [d for d in docs if len(d) == 1 and d[0].lemma_ != d[0].lower_]
            self.neighbour_terms.add(neighbour.id, [d for d in docs if d not in inflected])
            self.neighbour_words.add(neighbour.id, inflected)
        self.neighbours = {n.id: n for n in knowledge.neighbours}

    def _index(self, specs: list[Spec]) -> tuple[list[_Entry], set[str], Selector]:
        """What takes seconds to build: each entry's weighted terms, every word seen, the selector."""
        surfaces: set[str] = set()
        entries = [self._entry(*spec, surfaces) for spec in specs]
        selector = Selector(
            [Sample(tuple(_features(self.analyzer.keys(t))), t.lower(), label) for t, label in samples(self.knowledge)]
        )
        return entries, surfaces, selector

    def _specs(self) -> list[Spec]:
        k = self.knowledge
        specs: list[Spec] = []
        for c in k.commitments.values():
            fields = {"terms": list(c.terms), "summary": [c.summary], "text": [c.text], "title": [c.section.title]}
            specs.append((c.id, "commitment", c.sector, bool(c.facts), fields))
        for p in k.principles.values():
            fields = {"terms": list(p.terms), "summary": [p.summary], "text": [p.text], "title": [p.name, "principle"]}
            specs.append((p.name, "principle", None, False, fields))
        for t in k.topics.values():
            fields = {"terms": list(t.terms), "summary": [], "text": [t.answer], "title": [t.title]}
            specs.append((t.id, "topic", None, False, fields))
        return specs

    def _entry(
        self, entry_id: str, kind: str, sector: str | None, has_duration: bool, fields: dict[str, list[str]], surfaces: set[str]
    ) -> _Entry:
        tf: Counter[str] = Counter()
        for name, texts in fields.items():
            for text in texts:
                tokens = self.analyzer.tokens(text)
                surfaces.update(t.surface for t in tokens)
                for key in _features([t.key for t in tokens]):
                    tf[key] += WEIGHTS[name]
        return _Entry(entry_id, kind, sector, has_duration, tf, sum(tf.values()))

    def repair(self, tokens: list[Token], names: frozenset[str] = frozenset()) -> list[Token]:
        """The tokens with misspelt words repaired (compact/spelling.py); a misspelt stop word
        ("shuld") is dropped like the stop word itself. ``names``: words typed as names, kept."""
        return [fixed for token in tokens if (fixed := self._repaired(token, names)) is not None]

    def _repaired(self, token: Token, names: frozenset[str]) -> Token | None:
        fixed = None if token.surface in names or token.key in self.df else self.speller.correct(token.surface)
        return token if fixed is None else next(iter(self.analyzer.tokens(fixed)), None)

    def picked_by_words(self, text: str, listed: Sequence[str], alone: bool = False) -> str | None:
        """The listed entry a reply names by what it is about ("the representation point, mainly", "the one
        about protected characteristics"): the one whose own words share the most of the reply's, clearly
        (``alone``: the only one sharing any, as for a question, "before or after signing?")."""
        words = set(self.analyzer.keys(text))
        overlap = sorted(
            ((len(words & set(self.analyzer.keys(self.knowledge.entry_wording(i)))), i) for i in listed), reverse=True
        )
        if len(overlap) < 2 or overlap[0][0] == 0 or overlap[1][0] >= (1 if alone else overlap[0][0]):
            return None
        return overlap[0][1]

    def _duty_subjects(self, low: str) -> list[re.Match[str]]:
        return [m for m in (p.search(low) for p in self.duty_subject) if m]

    def sector_of(self, question: str) -> str | None:
        """Whose duties the question asks about, when it says so.

        The first subject after an obligation word decides ("should the council…" → statutory,
        "do we have to…" → the asker's side: said in the message ("as a commissioner"), else given away
        by the other party it names, else said earlier (:func:`speaking_as`), else the VCS).
        """
        return self._sector_of(question, SAID_EARLIER.get())

    @kept_per_turn
    def _sector_of(self, question: str, earlier: str | None) -> str | None:
        low = plain(question)
        # the question asked ("what has the council committed to?") before the story around it ("…we should tone down")
        asked = " ".join(s for s in sentences(low) if s.rstrip().endswith("?"))
        found = self._duty_subjects(asked) or self._duty_subjects(low)
        if not found and not CAN_WE.search(low):
            return None
        # who is speaking: an identity ("as a commissioner"), or a side said or given away ("Fire & Rescue here.
        # We part-fund a charity…"), so that "they" are the other side
        speaker = next((s for s, pattern in self.identities.items() if pattern.search(low)), None) or side_said(question)
        if not found:  # "can we keep VCS responses to our consultation confidential?": the speaker's side, if said
            return speaker or earlier
        match = min(found, key=lambda m: m.start())
        subject = match.group("subject")
        if subject in FIRST_PERSON:
            others = {s for s, pattern in self.parties.items() if pattern.search(low)}
            if speaker or len(others) != 1:
                return speaker or earlier or "vcs"
            return "statutory" if others == {"vcs"} else "vcs"  # "do we go through risks with the charity?"
        if subject in THIRD_PERSON and speaker == "statutory":  # a council officer's "they" are the groups they fund
            return "vcs"
        return self.subject_sector[subject]

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        """The best entries for a question, best first; empty when it has no word characters at all.

        A text of several sentences (a story) is ranked as a whole, but its evidence (lexical
        coverage and the selector's margin) for each entry is the best of the whole and of each
        sentence: the sentence that says what went wrong is not diluted by the ones that set
        the scene, so a story is not declined as off-topic for being long.
        """
        if not WORDLIKE.search(question):
            return []
        question = COMPACT_NAME.sub("the compact", asked_as_consulted(expand_text_speak(the_point(question))))
        explicit = set(self.knowledge.commitments_named(question))
        sector = self.sector_of(question)
        question = FRAMING.sub("", question)
        whole = self._evidence(question)
        parts = [p for p in sentences(question) if len(p.split()) >= SENTENCE_WORDS]
        evidence = [self._evidence(p) for p in parts] if len(parts) > 1 else []
        lexicals, margins = whole
        scored = []
        for entry_id, kind, entry_sector in self.rows:
            lexical, learnt = lexicals[entry_id], margins.get(entry_id, -1.0)
            score = LEXICAL_WEIGHT * lexical + SELECTOR_WEIGHT * learnt
            if evidence:
                lexical = max([lexical, *(lex[entry_id] for lex, _ in evidence)])
                learnt = max([learnt, *(m.get(entry_id, -1.0) for _, m in evidence)])
            if sector and entry_sector:
                score += SECTOR_BONUS if entry_sector == sector else -SECTOR_BONUS
            if entry_id in explicit:
                score, lexical, learnt = EXPLICIT_SCORE, 1.0, 1.0
            scored.append((-round(score, 4), entry_id, kind, lexical, learnt))
        best = heapq.nsmallest(limit, scored)  # best first, ties by id (ids are unique: nothing after them is compared)
        return [Match(i, kind, -negated, round(lexical, 4), round(learnt, 4)) for negated, i, kind, lexical, learnt in best]

    @kept_per_turn
    def _evidence(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        """For each entry, the share of the text's words it explains (BM25 coverage, curated
        phrases, durations) and the selector's margin."""
        typed_names = names(text)
        pairs = [(token, self._repaired(token, typed_names)) for token in self.analyzer.tokens(text)]
        tokens = [fixed for _, fixed in pairs if fixed is not None]
        keys = _features([t.key for t in tokens])
        # curated terms are matched in the words as typed too (typos repaired): "pay up front" has a stop word the
        # tokens drop
        fixes = {token.surface: fixed.surface for token, fixed in pairs if fixed is not None}
        typed = WORDLIKE_RUN.sub(lambda m: fixes.get(m[0], m[0]), text.lower())
        phrase_hits = self._phrase_hits(" ".join(t.surface for t in tokens)) | self._phrase_hits(typed)
        duration = names_a_duration(text) or date_count(text) >= 2  # "told on 1/3 that it ends 15/3": a period too
        q = Counter(keys)
        max_score = sum(self.idf.get(k, self.unknown_idf) * n for k, n in q.items()) * (K1 + 1)
        raws: list[float] = [0] * len(self.entries)  # (summed in the question's order of keys, as ever)
        for k, n in q.items():
            for i, tf in self.postings.get(k, ()):
                raws[i] += n * self.idf[k] * tf * (K1 + 1) / (tf + self.norms[i])
        lexical: dict[str, float] = {}
        for e, raw in zip(self.entries, raws):
            lexical[e.entry_id] = (
                (raw / max_score if max_score else 0.0)
                + PHRASE_BONUS * phrase_hits.get(e.entry_id, 0)
                + (DURATION_BONUS if duration and e.has_duration else 0.0)
            )
        return lexical, self.selector.margins(keys, typed)  # (its character n-grams of the words repaired too)

    def neighbour(self, question: str) -> Neighbour | None:
        """The subject next to the Compact that a question names by its curated terms (VAT,
        charity registration, GDPR…), the one named most; None when it names none."""
        low = expand_text_speak(question).lower()
        repaired = " ".join(
            t.surface for t in self.repair(self.analyzer.tokens(low), names(question))
        )  # typos in single-word terms
        hits: Counter[str] = Counter()
        for text in dict.fromkeys((low, repaired)):
            doc = self.analyzer.doc(text)
            found = [*self.neighbour_terms(doc), *self.neighbour_words(doc)]
            # (the repaired text has lost its stop words, so only its single words count: "a charity we commission"
            # is not "charity commission")
            found = [(m, start, end) for m, start, end in found if text == low or end - start == 1]
            hits.update(self.analyzer.nlp.vocab.strings[m] for m, _, _ in found)
        return self.neighbours[hits.most_common(1)[0][0]] if hits else None

    @kept_per_turn
    def _phrase_hits(self, text: str) -> Counter[str]:
        doc = self.analyzer.doc(text)
        hits: Counter[str] = Counter()
        for match_id, start, end in self.phrases(doc):
            hits[self.analyzer.nlp.vocab.strings[match_id]] += end - start - 1
        return hits


def _features(keys: list[str]) -> list[str]:
    """Unigrams plus adjacent pairs, so "full cost" outweighs "full" and "cost" apart."""
    return keys + [f"{a}_{b}" for a, b in zip(keys, keys[1:])]


def identities_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """Who the speaker is, by a side's identities from the knowledge ("as a commissioner"), also
    introduced as "I'm a commissioner", "we are a charity" or "Commissioner here.". One alternation
    of the roles after the speaker's words: a branch per identity, each trying the speaker's words
    again at every word, took 54 µs a message (tests/test_matcher.py checks the same texts match)."""
    typed = [p for p in phrases if p.split()[0] != "as"]
    said_as = [p.split()[1:] for p in phrases if p.split()[0] == "as"]
    branches = [rf"\b(?:{alternatives(typed)})\b"] if typed else []
    if said_as:
        roles = [" ".join(w[1:] if w[0] in ("a", "an", "the") else w) for w in said_as]
        branches.append(rf"\b{SPEAKER}\s+(?:{alternatives(' '.join(w) for w in said_as)})\b")
        branches.append(rf"^(?:{alternatives(roles)}) here\b")
    return re.compile("|".join(branches))


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "local authority" wins over "authority"."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
