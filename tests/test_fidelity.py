"""Every commitment and principle in the knowledge file is word for word what the document prints."""

from __future__ import annotations

import re


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_commitment_ids_match_the_document(knowledge, source_text):
    body = source_text[source_text.index("4. The Compact commitments") : source_text.index("5. Action Plan")]
    printed = re.findall(r"^(\d{1,2}\.\d{1,2}) ", body, flags=re.M)
    assert printed == list(knowledge.commitments)


def test_commitment_wording_is_verbatim(knowledge, source_text):
    doc = squash(source_text)
    for c in knowledge.commitments.values():
        assert squash(f"{c.id} {c.text}") in doc, f"commitment {c.id} differs from the document"


def test_list_in_7_1_is_kept(knowledge):
    text = knowledge.commitments["7.1"].text
    assert text.count("\n- ") == 3 and "Publicised widely" in text


def test_principles_and_escalation_are_verbatim(knowledge, source_text):
    doc = squash(source_text)
    for p in knowledge.principles.values():
        assert squash(f"{p.name}: {p.text}") in doc, p.name
    for step in knowledge.escalation:
        assert squash(step.text) in doc, step.title


def test_sections_match_the_document(knowledge, source_text):
    for s in knowledge.sections:
        assert re.search(rf"^{s.number}\.? {re.escape(s.title)}$", source_text, flags=re.M), s.title


def test_every_short_form_is_spelt_out_as_the_document_spells_it(knowledge, source_text):
    doc = squash(source_text).lower()
    assert knowledge.abbreviations
    for short in knowledge.abbreviations.values():
        assert squash(short.long).lower() in doc, short.short


def test_each_numbered_part_is_the_documents(knowledge, source_text):
    """A topic's ``part`` is the number the document's contents give that part, by a word of its title."""
    parts = {t.part: t for t in knowledge.topics.values() if t.part is not None}
    assert sorted(parts) == list(range(1, 8))  # the draft's seven parts, each answered once
    for number, topic in parts.items():  # (the Cabinet report numbers its own paragraphs too: any line so numbered)
        lines = re.findall(rf"^{number}\. (.+)$", source_text, flags=re.M)
        assert any(_words(topic.title) & _words(line) for line in lines), (topic.id, lines)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower())) - {"what", "your", "from", "this", "that", "with", "does"}


def test_a_body_said_not_to_be_named_is_not_in_the_document(knowledge, source_text):
    """ "The draft Compact does not name parish councils" must stay true: no such body in the document's words."""
    doc = squash(source_text).lower()
    bodies = [body for topic in knowledge.topics.values() for body in topic.not_named]
    assert bodies, "the coverage topic lists the bodies people ask about that the draft does not name"
    for body in bodies:
        assert not re.search(rf"\b{re.escape(body)}", doc), f"the document names {body!r}"
