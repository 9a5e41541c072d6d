"""The matcher on its own: ranking, typos, sector cues, explicit numbers, durations."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from compact.matcher import B, K1, SPEAKER, Matcher, _features, identities_pattern, speaking_as
from compact.routing import UNSURE
from compact import turn_memo
from compact.text import Analyzer, stem


@pytest.fixture(scope="module")
def matcher(assistant) -> Matcher:
    return assistant.matcher


def top(matcher: Matcher, question: str) -> str:
    return matcher.rank(question)[0].entry_id


def test_up_front_as_two_words_is_read_as_upfront():
    """Both words are spaCy stop words: typed apart, they were no evidence at all."""
    assert "upfront" in Analyzer().keys("can we be paid up front?") == Analyzer().keys("can we be paid up-front?")


def test_lemmas_numbers_and_stems():
    keys = Analyzer().keys("Consultations lasting twelve weeks")
    assert keys == ["consult", "last", "12", "week"]
    assert stem("funding") == stem("funder") == "fund"


def test_an_analysed_text_is_kept_until_forgotten_and_reads_the_same():
    analyzer, text = Analyzer(), "Consultations lasting twelve weeks"
    turn_memo.forget()
    first = analyzer.tokens(text)
    first.append(first[0])  # a caller's change to its list is its own
    assert analyzer.tokens(text) == Analyzer().tokens(text) and len(analyzer.tokens(text)) == 4
    assert turn_memo.kept() > 0
    turn_memo.forget()
    assert turn_memo.kept() == 0


def test_a_memo_keeps_a_bounded_number_of_results(monkeypatch):
    monkeypatch.setattr("compact.turn_memo.SIZE", 3)
    turn_memo.forget()
    calls = []
    kept = turn_memo.kept_per_turn(lambda text: calls.append(text) or text.upper())
    assert [kept(t) for t in ("a", "b", "a")] == ["A", "B", "A"] and calls == ["a", "b"]
    for n in range(10):
        kept(str(n))
    assert 0 < turn_memo.kept() <= 3
    assert kept("9") == "9" and calls[-1] == "9"


@pytest.mark.parametrize(
    "question", ["how much notice before our grant ends", "consultation twelve weeks", "who pays for the DBS checks", "zzz"]
)
def test_each_entrys_bm25_coverage_is_summed_over_the_words_it_has(matcher, question, monkeypatch):
    """The lexical evidence, from the words' postings, is BM25 over every entry as written out
    (the bonuses for curated phrases and durations set aside)."""
    monkeypatch.setattr("compact.matcher.PHRASE_BONUS", 0.0)
    monkeypatch.setattr("compact.matcher.DURATION_BONUS", 0.0)
    q = Counter(_features(matcher.analyzer.keys(question)))  # (words spelt right: none repaired)
    most = sum(matcher.idf.get(k, matcher.unknown_idf) * n for k, n in q.items()) * (K1 + 1)
    lexical, _ = matcher._evidence(question)
    for e in matcher.entries:
        norm = K1 * (1 - B + B * e.length / matcher.avg_len)
        raw = sum(n * matcher.idf[k] * e.tf[k] * (K1 + 1) / (e.tf[k] + norm) for k, n in q.items() if k in e.tf)
        assert lexical[e.entry_id] == (raw / most if most else 0.0), e.entry_id
    assert any(lexical.values()) == (question != "zzz")


def test_ranks_with_scores_best_first(matcher):
    ranked = matcher.rank("minimum notice in writing before a funding relationship ends")
    assert ranked[0].entry_id == "13.2" and ranked[0].kind == "commitment"
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)


def test_typos_are_repaired(matcher):
    clean = matcher.rank("freedom of information confidentiality")[0]
    typo = {m.entry_id: m for m in matcher.rank("freedon of informaton confidentialty")}
    assert typo[clean.entry_id].lexical == pytest.approx(clean.lexical, rel=0.05)


def test_unknown_words_are_not_forced_onto_knowledge(matcher):
    assert matcher.repair(matcher.analyzer.tokens("collected"))[0].surface == "collected"


@pytest.mark.parametrize(
    "question, sector",
    [
        ("what should charities do about freedom of information requests", "vcs"),
        ("do we have to tell our funder about money problems", "vcs"),
        ("what must the council do about freedom of information", "statutory"),
        ("as a commissioner, do I need to consult the sector", "statutory"),
        ("can we appeal the decision", None),
        ("does the compact say anything about councils tackling discrimination?", "statutory"),
        ("is there anything about charities being consulted?", None),  # what is done to them, not their duty
        ("and whats expected from us on equality?", "vcs"),
        ("what is required from the council on monitoring?", "statutory"),
        # the speaker's side given away ("we part-fund"): "they" are the charity
        ("Fire service here. We part-fund a charity and they refuse to credit us, saying they need to stay independent", "vcs"),
        ("Policy officer at the county council. What does the Compact expect of them when they respond?", "vcs"),
        ("At Derbyshire Fire and Rescue we ran a pilot with two charities. Are they expected to join the review?", "vcs"),
        ("Is there a VCS commitment about that?", "vcs"),
        ("A councillor said we should keep quiet. What has the council committed to?", "statutory"),  # the question asked
        ("are there any equality duties on voluntary groups or just on councils?", "vcs"),  # the duties' bearer, named first
        ("Are we obliged to pay VCS providers up front under the Compact?", "statutory"),  # "we" pay them: the funder
        ("are we required to fund charities for three years?", "statutory"),
        ("what does this compact expect us to do?", "vcs"),
        ("what does the compact require the council to do", "statutory"),
        ("our new grant agreement suddenly expects us to run equality training", None),  # what they ask, in a story
        ("what are our own duties before we end a charity's funding", "statutory"),  # "our" ends the charity's funding
    ],
)
def test_sector_of_question(matcher, question, sector):
    assert matcher.sector_of(question) == sector


@pytest.mark.parametrize(
    "question, earlier, sector",
    [
        ("what are our own duties here?", "statutory", "statutory"),  # "I manage contracts at the city council", before
        ("what are our own duties here?", None, "vcs"),  # not said: the VCS, as before
        ("can we keep the responses confidential?", "statutory", "statutory"),
        ("as a charity, what do we have to do?", "statutory", "vcs"),  # this message says otherwise
        ("do we have to tell the council first?", "statutory", "vcs"),  # "we" beside the council: the other side
        ("what must the council do?", "vcs", "statutory"),  # not "we": unchanged
    ],
)
def test_we_are_the_side_said_earlier_when_a_message_does_not_say(matcher, question, earlier, sector):
    with speaking_as(earlier):
        assert matcher.sector_of(question) == sector
    assert matcher.sector_of("what are our own duties here?") == "vcs", "only inside the block"


@pytest.mark.parametrize(
    "text, length",
    [("funding for a year", True), ("3 months notice", True), ("give us a month", True), ("it was a week", True)]
    + [("about 100 meetings a yr", False), ("twice a month", False), ("£5k a year", False)],  # rates, not lengths
)
def test_a_rate_is_not_a_length(text, length):
    from compact.matcher import names_a_duration

    assert names_a_duration(text) is length


def test_a_notice_told_as_two_dates_counts_as_a_period(matcher, monkeypatch):
    """ "they told us on 1/3 that the grant ends 15/3": the two dates are a period, as "two weeks" would be, so the
    duties that measure one gain as they do from a length (tuning66)."""
    told = "they told us on 1/3 that the grant ends 15/3"
    dated = {m.entry_id: m.lexical for m in matcher.rank(told, limit=60)}
    monkeypatch.setattr("compact.matcher.date_count", lambda text: 0)
    turn_memo.forget()  # (as a new turn would: the evidence was kept for the one before)
    undated = {m.entry_id: m.lexical for m in matcher.rank(told, limit=60)}
    assert dated["13.2"] - undated["13.2"] >= 0.05
    assert dated["17.1"] == undated["17.1"]  # an untimed duty does not


def test_sector_words_choose_between_counterparts(matcher):
    assert top(matcher, "what must the council do about freedom of information") == "3.7"
    assert top(matcher, "what should charities do about freedom of information") == "4.6"


def test_explicit_commitment_number_wins(matcher):
    assert top(matcher, "what does 12.9 say?") == "12.9"
    assert all(m.entry_id != "7.2" for m in matcher.rank("what does 7.2 say?"))


def test_principles_and_topics_are_ranked_too(matcher):
    assert matcher.rank("which principle is about volunteers")[0].kind == "principle"
    assert top(matcher, "history of the compact") == "history"


def test_off_topic_scores_low(matcher):
    ranked = matcher.rank("when is the swimming pool open")
    assert not ranked or ranked[0].lexical < UNSURE.lexical


def test_questions_made_of_common_words_still_reach_the_selector(matcher):
    assert top(matcher, "what is the compact?") == "what_is_compact"
    assert matcher.rank("👍🙂 !!") == []


def test_a_typo_whose_nearest_word_is_a_stop_word_is_kept_as_typed(assistant):
    """ "lotts" repairs to "lots", which the analyzer drops as a stop word: that crashed the matcher."""
    assert assistant.matcher.rank("we got lotts of forms to fill in for a tiny grant")


def test_a_neighbouring_subject_is_named_by_its_own_words_not_their_stems(matcher):
    # "parking" is lemmatised to "park": matched by its lemma, it would take a park's volunteers for parking
    assert matcher.neighbour("the induction for the new park volunteering scheme is held upstairs") is None
    found = matcher.neighbour("Is parking free in Derby city centre on Sundays?")
    assert found is not None and found.id == "council_services"
    found = matcher.neighbour("we are making redundancies")  # other terms still match in any inflection
    assert found is not None and found.id == "employment"
    found = matcher.neighbour("does the compact set the minimum hourly rate we pay our own staff?")
    assert found is not None and found.id == "employment"


def test_a_neighbouring_subjects_words_must_be_next_to_each_other(matcher):
    assert matcher.neighbour("a mental health charity we commission lost its finance director") is None
    found = matcher.neighbour("how do we register with the charity commission?")
    assert found is not None and found.id == "charity_law"


def test_whether_the_compact_must_be_followed_is_about_what_it_is(matcher):
    # not 6.3 (funders' own rules) for "have to follow"
    assert matcher.rank("do councils have to follow the compact?")[0].entry_id == "what_is_compact"
    assert matcher.rank("does the compact have any legal force?")[0].entry_id == "what_is_compact"


def test_words_framing_a_question_are_no_evidence(matcher):
    """ "what's expected of councils" frames a question about duties: not 18.3, whose wording says what a funded
    group will be expected to do; "does it make a difference that…" is not the Respect principle."""
    ranked = [m.entry_id for m in matcher.rank("What's expected of councils when it comes to monitoring the grants they give?")]
    assert ranked[0] == "12.1" and "18.3" not in ranked[:3]
    assert matcher.rank("does it make a difference that they fund us though?")[0].entry_id != "Respect"


@pytest.mark.parametrize(
    "question, entry",
    [
        ("we got knocked back for a council grant. are they supposed to tell us why?", "9.3"),
        ("and what's the VCS's own bit on groups that get left out?", "20.4"),
        ("Which new commissioning structures does the refreshed Compact line up with?", "who_is_covered"),
    ],
)
def test_everyday_words_for_what_an_entry_covers(matcher, question, entry):
    assert matcher.rank(question)[0].entry_id == entry


def test_endings_spelt_as_they_sound_are_repaired(matcher):
    assert matcher.speller.correct("consultashun") == "consultation"
    assert matcher.speller.correct("informashon") == "information"


def test_procurement_law_is_a_neighbouring_subject(matcher):
    found = matcher.neighbour("Above what value must the county tender a contract under the procurement regulations?")
    assert found is not None and found.id == "procurement_rules"


def test_thanks_in_advance_is_a_sign_off_not_a_payment_in_advance(matcher):
    asked = "is a charity answering a consultation expected to ask its own service users first? many thanks in advance"
    assert {m.entry_id for m in matcher.rank(asked)[:3]}.isdisjoint({"11.1", "3.2"})
    assert matcher.rank("do the council have to pay us in advance? thanks in advance")[0].entry_id == "11.1"


def test_an_apology_for_asking_is_not_evidence(matcher):
    """ "sorry stupid question but…": the question is what follows."""
    assert matcher.rank("sorry stupid question but what does VCS actually mean")[0].entry_id == "the_sectors"


def test_text_speak_for_the_council_reads_as_council(matcher):
    told = "cncl wont let us use the hall anymore, no warning at all, we run the food bank from there"
    assert matcher.rank(told)[0].entry_id == "13.2"


@pytest.mark.parametrize(
    "text, entry",
    [
        ("councel stoped are grant no notis", "13.2"),  # text-speak and misspelling in nearly every word
        ("wot does the compakt say bout the evidense we giv to the councl in consultatons", "4.5"),
        ("The council holds its policy forum upstairs in a building with no lift and half our members use wheelchairs.", "2.1"),
    ],
)
def test_short_and_misspelt_accounts_find_their_commitment(matcher, text, entry):
    assert matcher.rank(text)[0].entry_id == entry


def branch_per_identity(phrases) -> re.Pattern[str]:
    """How the identities were matched before identities_pattern: one branch per identity."""

    def branch(phrase: str) -> str:
        words = phrase.split()
        if words[0] != "as":
            return rf"\b{re.escape(phrase)}\b"
        role = " ".join(words[2:] if words[1] in ("a", "an", "the") else words[1:])
        return rf"\b{SPEAKER}\s+{re.escape(' '.join(words[1:]))}\b|^{re.escape(role)} here\b"

    return re.compile("|".join(branch(p) for p in phrases))


def test_the_identities_pattern_finds_a_speaker_where_a_branch_per_identity_did(knowledge):
    texts = [line.strip().lower() for f in sorted(Path("eval").glob("*.yaml")) for line in f.read_text().splitlines()]
    for cues in knowledge.sector_cues.values():
        for phrase in cues.identities:
            words = phrase.split()
            role = " ".join(words[2:] if words[:2][-1] in ("a", "an", "the") else words[1:])
            for lead in ("as", "i'm", "i am", "im", "i work as", "we're", "we are", "ask", "i'm not"):
                texts += [f"{lead} {' '.join(words[1:])} and they cut us", f"{lead} {' '.join(words[1:])}s here"]
            texts += [f"{role} here. what now?", f"a {role} here", phrase, f"{phrase}ly", f"x{phrase}"]
        new, old = identities_pattern(cues.identities), branch_per_identity(cues.identities)
        found = [t for t in texts if old.search(t)]
        assert len(found) > 50, "the texts include speakers of every kind"
        assert [t for t in texts if new.search(t)] == found
