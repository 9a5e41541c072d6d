"""Ranking knowledge entries (commitments, principles, topics) for a question.

Two signals per entry. Lexical coverage: a field-weighted BM25 over stemmed lookup lemmas,
plus spaCy PhraseMatcher hits on the knowledge's curated terms, rapidfuzz spelling repair
against the knowledge vocabulary and duration mentions, normalised to "how much of the question
this entry explains". Learnt: the trained selector's margin (compact/selector.py). The ranking
score combines them, with a bonus for the side of the Compact the question asks about
("do we have to…" vs "must the council…").
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.matcher import PhraseMatcher

from compact.knowledge import Knowledge
from compact.selector import Sample, Selector, samples
from compact.text import Analyzer, Token

# Field weights: curated terms say most about what people ask; the verbatim text is long.
WEIGHTS = {"terms": 2.0, "summary": 1.0, "text": 1.0, "title": 1.0}
K1, B = 1.2, 0.5
PHRASE_BONUS = 0.12  # per extra token of a multi-word curated term found in the question
SECTOR_BONUS = 0.2  # added for the side the question asks about, taken from the other side
DURATION_BONUS = 0.1
EXPLICIT_SCORE = 10.0
UNKNOWN_WEIGHT = 1.0
LEXICAL_WEIGHT, SELECTOR_WEIGHT = 0.25, 1.0  # BM25 coverage vs the trained selector (tuned on validation)
FIRST_PERSON = ("we", "us", "i")
WORDLIKE = re.compile(r"[^\W_]")
EXPLICIT_ID = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2})(?![\d.]*\d)")
DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a)[\s-]*(day|week|fortnight|month|year)s?\b", re.I)


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


class Matcher:
    """Build once per process from the knowledge; :meth:`rank` is pure and thread-safe."""

    def __init__(self, knowledge: Knowledge, analyzer: Analyzer | None = None) -> None:
        self.knowledge = knowledge
        self.analyzer = analyzer or Analyzer()
        specs = self._specs()
        surfaces: set[str] = set()
        self.entries = [self._entry(*spec, surfaces) for spec in specs]
        self.vocab = tuple(sorted(surfaces))  # knowledge words that typos are repaired towards
        self.vocab_set = surfaces
        self.df: Counter[str] = Counter(k for e in self.entries for k in e.tf)
        n = len(self.entries)
        self.idf = {k: math.log(1 + (n - df + 0.5) / (df + 0.5)) for k, df in self.df.items()}
        self.unknown_idf = UNKNOWN_WEIGHT * math.log(1 + (n + 0.5) / 0.5)
        self.avg_len = sum(e.length for e in self.entries) / n
        self.phrases = PhraseMatcher(self.analyzer.nlp.vocab, attr="LEMMA")
        for entry_id, _, _, _, fields in specs:
            patterns = [self.analyzer.nlp(t.lower()) for t in fields["terms"] if len(t.split()) > 1]
            if patterns:
                self.phrases.add(entry_id, patterns)
        self.selector = Selector([Sample(tuple(_features(self.analyzer.keys(t))), t.lower(), label) for t, label in samples(knowledge)])
        self.subject_sector = {w: s for s, cues in knowledge.sector_cues.items() for w in cues.subjects}
        subject = "(?P<subject>" + "|".join(map(re.escape, sorted([*self.subject_sector, *FIRST_PERSON], key=len, reverse=True))) + ")"
        det = r"(?:(?:the|a|an|local|their|these|those|our)\s+)?"
        self.duty_subject = [re.compile(p) for p in (
            rf"\b(?:should|shouldn't|must|ought|obliged|supposed|expected of|required of)\s+{det}{subject}\b",
            rf"\b(?:do|does|did|don't|doesn't)\s+{det}{subject}\s+(?:have|has|need|needs|got)\b",
            rf"\b{subject}\s+(?:should|must|has to|have to|need to|needs to|ought|(?:is|are) (?:expected|required|supposed|obliged)|"
            rf"commit|commits|(?:is |are )?committed|agree to|agrees to|promise|promises)\b",
        )]
        self.identities = {s: re.compile("|".join(rf"\b{re.escape(i)}\b" for i in cues.identities)) for s, cues in knowledge.sector_cues.items()}

    def _specs(self) -> list[tuple[str, str, str | None, bool, dict[str, list[str]]]]:
        k = self.knowledge
        specs = []
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

    def _entry(self, entry_id: str, kind: str, sector: str | None, has_duration: bool, fields: dict[str, list[str]],
               surfaces: set[str]) -> _Entry:
        tf: Counter[str] = Counter()
        for name, texts in fields.items():
            for text in texts:
                tokens = self.analyzer.tokens(text)
                surfaces.update(t.surface for t in tokens)
                for key in _features([t.key for t in tokens]):
                    tf[key] += WEIGHTS[name]
        return _Entry(entry_id, kind, sector, has_duration, tf, sum(tf.values()))

    def repair(self, tokens: list[Token]) -> list[Token]:
        """Replace unknown words by the nearest knowledge word within 1-2 edits (typos)."""
        return [self._repair(t) for t in tokens]

    def _repair(self, token: Token) -> Token:
        if token.surface in self.vocab_set or token.key in self.df or len(token.surface) < 5 or not token.surface.isalpha():
            return token
        fixed = _nearest(token.surface, self.vocab, 1 if len(token.surface) < 8 else 2)
        repaired = self.analyzer.tokens(fixed) if fixed else []
        return repaired[0] if repaired else token  # a stop word repairs to nothing: keep the word as typed

    def sector_of(self, question: str) -> str | None:
        """Whose duties the question asks about, when it says so.

        The first subject after an obligation word decides ("should the council…" → statutory,
        "do we have to…" → the asker's side, which is the VCS unless they say "as a commissioner").
        """
        low = " ".join(question.lower().replace("’", "'").split())
        found = [m for m in (p.search(low) for p in self.duty_subject) if m]
        if not found:
            return None
        match = min(found, key=lambda m: m.start())
        subject = match.group("subject")
        if subject in FIRST_PERSON:
            return next((s for s, pattern in self.identities.items() if pattern.search(low)), "vcs")
        return self.subject_sector[subject]

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        """The best entries for a question, best first; empty when it has no word characters at all."""
        if not WORDLIKE.search(question):
            return []
        tokens = self.repair(self.analyzer.tokens(question))
        keys = _features([t.key for t in tokens])
        explicit = {m for m in EXPLICIT_ID.findall(question) if m in self.knowledge.commitments}
        phrase_hits = self._phrase_hits(" ".join(t.surface for t in tokens))
        sector = self.sector_of(question)
        duration = bool(DURATION.search(question))
        q = Counter(keys)
        margins = self.selector.margins(keys, question)
        max_score = sum(self.idf.get(k, self.unknown_idf) * n for k, n in q.items()) * (K1 + 1)
        results = []
        for e in self.entries:
            norm = K1 * (1 - B + B * e.length / self.avg_len)
            raw = sum(n * self.idf[k] * e.tf[k] * (K1 + 1) / (e.tf[k] + norm) for k, n in q.items() if k in e.tf)
            lexical = (raw / max_score if max_score else 0.0) + PHRASE_BONUS * phrase_hits.get(e.entry_id, 0)
            if duration and e.has_duration:
                lexical += DURATION_BONUS
            learnt = margins.get(e.entry_id, -1.0)
            score = LEXICAL_WEIGHT * lexical + SELECTOR_WEIGHT * learnt
            if sector and e.sector:
                score += SECTOR_BONUS if e.sector == sector else -SECTOR_BONUS
            if e.entry_id in explicit:
                score, lexical, learnt = EXPLICIT_SCORE, 1.0, 1.0
            results.append(Match(e.entry_id, e.kind, round(score, 4), round(lexical, 4), round(learnt, 4)))
        results.sort(key=lambda m: (-m.score, m.entry_id))
        return results[:limit]

    def _phrase_hits(self, text: str) -> Counter[str]:
        doc = self.analyzer.nlp(text)
        hits: Counter[str] = Counter()
        for match_id, start, end in self.phrases(doc):
            hits[self.analyzer.nlp.vocab.strings[match_id]] += end - start - 1
        return hits


def _features(keys: list[str]) -> list[str]:
    """Unigrams plus adjacent pairs, so "full cost" outweighs "full" and "cost" apart."""
    return keys + [f"{a}_{b}" for a, b in zip(keys, keys[1:])]


@lru_cache(maxsize=4096)
def _nearest(word: str, vocab: tuple[str, ...], max_edits: int) -> str | None:
    found = process.extractOne(word, vocab, scorer=OSA.distance, score_cutoff=max_edits)
    return found[0] if found else None
