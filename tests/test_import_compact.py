"""Importing a new version of the Compact (scripts/import_compact.py, compact/importing/): the draft
itself changes nothing; a "final" version made here from the draft gives exactly its changes, in
text and in Word; curated help follows renumbered commitments; reworded and new entries are marked
for review, and the loader refuses them until they are checked."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from compact.importing import Outcome, import_compact
from compact.importing.match import find_steps, match
from compact.importing.parse import Headings, parse, read_commitments, read_principles, squash
from compact.importing.plan import Current, make_plan
from compact.importing.source import Source, SourceError, read_source
from compact.knowledge import DEFAULT_PATH, KnowledgeError, load
from compact.knowledge_schema import ALLOW_UNREVIEWED
from compact.settings import from_environment
from scripts.import_compact import main

# What the "final" version below changes, as (part, kind, old, new)
RENUMBERED = {"2.4": "2.3", "7.3": "7.2", "7.4": "7.3", "7.5": "7.4", "7.6": "7.5"} | {
    f"12.{n}": f"12.{n - 1}" for n in range(4, 10)
}
EXPECTED = (
    {("commitment", "renumbered", old, new) for old, new in RENUMBERED.items()}
    | {("commitment", "removed", "2.3", None), ("commitment", "added", None, "9.4")}
    | {("commitment", "reworded", "12.3", "12.2"), ("section", "retitled", "19", "19")}
)
REWORDED_12_3 = "Ensure that monitoring and reporting are proportionate to the nature, size and value of the funding."
NEW_9_4 = "Publish the reasons for each funding decision."


def final_version(draft: str) -> str:
    """The draft with 2.3 removed, the gaps at 7.2 and 12.2 closed, 12.3 reworded (and so 12.2),
    a new 9.4 and section 19 retitled."""
    text = draft.replace("2.3 Support the development of VCS infrastructure organisations.\n", "")
    text = text.replace("\n2.4 Recognise", "\n2.3 Recognise")
    for n in range(3, 7):
        text = text.replace(f"\n7.{n} ", f"\n7.{n - 1} ")
    old_12_3 = "Ensure that monitoring and reporting is proportionate and appropriate to the nature and value of the opportunity."
    text = text.replace(f"12.3 {old_12_3}", f"12.3 {REWORDED_12_3}")
    for n in range(3, 10):
        text = text.replace(f"\n12.{n} ", f"\n12.{n - 1} ")
    text = text.replace("unsuccessful organisations.\n", f"unsuccessful organisations.\n\n9.4 {NEW_9_4}\n")
    return text.replace("\n19 Promoting equality and diversity\n", "\n19. Promoting equality, diversity and inclusion\n")


def changes(outcome: Outcome) -> set[tuple[str, str, str | None, str | None]]:
    return {(c.part, c.kind, c.old, c.new) for c in outcome.plan.changes}


def lines(text: str) -> Source:
    return Source(tuple(text.splitlines()))


@pytest.fixture(scope="module")
def original(knowledge) -> str:
    return knowledge.path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def final(source_text: str) -> str:
    return final_version(source_text)


@pytest.fixture(scope="module")
def imported(original: str, final: str) -> Outcome:
    return import_compact(original, lines(final))


def run(tmp_path: Path, original: str, source: Path, *flags: str) -> tuple[int, Path, Path]:
    """The command line on a copy of the knowledge file: (exit status, the copy, the report)."""
    knowledge, report = tmp_path / "commitments.yaml", tmp_path / "report.md"
    if not knowledge.exists():
        knowledge.write_text(original, encoding="utf-8")
    status = main([str(source), "--knowledge", str(knowledge), "--report", str(report), *flags])
    return status, knowledge, report


# --- (a) the draft itself ----------------------------------------------------------------------


def test_importing_the_draft_changes_nothing(tmp_path, original, source_text, capsys):
    source = tmp_path / "draft.txt"
    source.write_text(source_text, encoding="utf-8")
    status, knowledge, report = run(tmp_path, original, source)
    assert status == 0
    assert knowledge.read_bytes() == original.encode("utf-8")
    assert "No changes" in report.read_text(encoding="utf-8") and "No changes" in capsys.readouterr().out
    assert import_compact(original, lines(source_text)).plan.changes == ()


# --- (b) a final version -------------------------------------------------------------------------


def test_a_final_version_gives_exactly_its_changes(imported):
    assert changes(imported) == EXPECTED
    reworded = next(c for c in imported.plan.changes if c.kind == "reworded")
    assert reworded.new_text == REWORDED_12_3 and reworded.score is not None and 70 <= reworded.score < 100


@pytest.fixture(scope="module")
def command_line(tmp_path_factory, original, final) -> tuple[int, Path, Path, str]:
    """`make import-compact SOURCE=final.txt` on a copy of the knowledge file: (status, the copy, the report, stdout)."""
    tmp_path = tmp_path_factory.mktemp("final")
    source = tmp_path / "final.txt"
    source.write_text(final, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()) as out:
        status, knowledge, report = run(tmp_path, original, source)
    return status, knowledge, report, out.getvalue()


def test_the_report_shows_the_changes(command_line):
    status, _, report, out = command_line
    text = report.read_text(encoding="utf-8")
    assert (
        status == 0 and f"Change report: {report}" in out and "commitments: 1 added, 1 removed, 11 renumbered, 1 reworded" in out
    )
    assert "- **2.3**: “Support the development of VCS infrastructure organisations.”" in text  # removed
    assert "- **7.6 → 7.5**" in text and f"- **9.4**: “{NEW_9_4}”" in text
    assert "#### 12.3 → 12.2 (similarity" in text and "| Was | Now |" in text and REWORDED_12_3 in text
    assert "- **19**: “Promoting equality and diversity” → “Promoting equality, diversity and inclusion”" in text
    assert "- commitment 18.7: related 2.3 removed" in text and "- commitment 12.1: counterparts 12.7 → 12.6" in text


def test_curated_help_and_references_follow_renumbered_commitments(command_line, original, final, knowledge):
    _, path, _, _ = command_line
    updated = load(path, allow_unreviewed=True)
    assert list(updated.commitments) == [c.id for c in parse(final.splitlines()).commitments]

    def moved(i: str) -> str:
        return RENUMBERED.get(i, "12.2" if i == "12.3" else i)

    for old in knowledge.commitments.values():
        if old.id == "2.3":
            continue
        new = updated.commitments[moved(old.id)]
        assert (new.summary, new.facts, new.terms, new.examples, new.principles, new.sector) == (
            old.summary,
            old.facts,
            old.terms,
            old.examples,
            old.principles,
            old.sector,
        ), old.id
        assert new.related == tuple(moved(r) for r in old.related if r != "2.3"), old.id
        assert new.counterparts == tuple(moved(r) for r in old.counterparts if r != "2.3"), old.id
        assert new.text == (REWORDED_12_3 if old.id == "12.3" else old.text)
    assert updated.commitments["9.4"].text == NEW_9_4 and updated.commitments["9.4"].sector == "statutory"
    assert updated.sections[18].title == "Promoting equality, diversity and inclusion"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"- id: '12\.2'\n  review: reworded — check summary", text)
    assert re.search(r"- id: '9\.4'\n  review: new — ", text)
    # nothing else moved: everything before the commitments is as it was, but for the retitled section
    before = original.replace("title: Promoting equality and diversity", "title: Promoting equality, diversity and inclusion")
    cut = before.index("\ncommitments:\n")
    assert text[:cut] == before[:cut]
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")


def test_importing_the_same_version_again_changes_nothing_and_keeps_the_review_marks(imported, final):
    again = import_compact(imported.text, lines(final))
    assert again.plan.changes == () and again.text == imported.text
    assert imported.text.count("\n  review: ") == 2


# --- (c) the loader and the review marks ---------------------------------------------------------


def test_the_loader_refuses_entries_marked_for_review_unless_allowed(tmp_path, imported):
    path = tmp_path / "commitments.yaml"
    path.write_text(imported.text, encoding="utf-8")
    assert from_environment({}).allow_unreviewed is False and from_environment({ALLOW_UNREVIEWED: "1"}).allow_unreviewed
    with pytest.raises(KnowledgeError) as refused:
        load(path)
    message = str(refused.value).splitlines()
    assert len(message) == 3 and "COMPACT_ALLOW_UNREVIEWED=1" in message[2]
    assert message[0].startswith(f"{path}: commitments[37] (id 9.4): field 'review': marked for review (new")
    assert message[1].startswith(f"{path}: commitments[45] (id 12.2): field 'review': marked for review (reworded")
    assert "delete its review line" in message[1]
    assert "12.2" in load(path, allow_unreviewed=True).commitments and len(load(path, allow_unreviewed=True).commitments) == 80
    path.write_text(re.sub(r"\n  review: .*", "", imported.text), encoding="utf-8")
    assert load(path).commitments["12.2"].text == REWORDED_12_3


# --- (d) the same version in Word ----------------------------------------------------------------


def word(text: str, path: Path, automatic: bool = False) -> Path:
    """The text as a Word document, a paragraph per line; ``automatic``: the commitments part's
    section and commitment numbers and list bullets left to Word's numbering, as councils write them."""
    document = docx.Document()
    if automatic:
        numbering = document.part.numbering_part.element
        abstract = _element("w:abstractNum", abstractNumId="90")
        for ilvl, shown in ((0, "%1."), (1, "%1.%2")):
            level = _element("w:lvl", ilvl=str(ilvl))
            level.extend([_element("w:start", val="1"), _element("w:numFmt", val="decimal"), _element("w:lvlText", val=shown)])
            abstract.append(level)
        numbering.insert(0, abstract)
        num = _element("w:num", numId="90")
        num.append(_element("w:abstractNumId", val="90"))
        numbering.append(num)
    inside = False
    for line in filter(None, text.splitlines()):
        inside = inside and line != "5. Action Plan" or line == "4. The Compact commitments"
        heading = line == "4. The Compact commitments"
        numbered = re.match(r"^(\d{1,2}\.)?\d{1,2}\.? ([A-Z].*)$", line) if automatic and inside and not heading else None
        if numbered:
            paragraph = document.add_paragraph(numbered[2])
            numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 1 if numbered[1] else 0
            numpr.get_or_add_numId().val = 90
        elif automatic and inside and line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


@pytest.mark.parametrize("automatic", [False, True], ids=["typed numbers", "Word's numbering"])
def test_a_word_document_gives_the_same_changes_as_the_text(tmp_path, original, final, imported, automatic):
    source = read_source(word(final, tmp_path / "final.docx", automatic))
    outcome = import_compact(original, source)
    assert changes(outcome) == EXPECTED and outcome.text == imported.text
    assert ("numbered paragraphs" if automatic else "not found") in outcome.notes[0]


def test_the_text_of_a_word_document_can_be_saved_for_the_fidelity_tests(tmp_path, original, final):
    saved = tmp_path / "final.txt"
    source = word(final, tmp_path / "final.docx", automatic=True)
    status, knowledge, report = run(tmp_path, original, source, "--save-text", str(saved))
    numbered = 20 + 80 + 3  # sections, commitments and the list in 7.1
    assert status == 0 and f"Word's automatic numbering: {numbered} numbered paragraphs" in report.read_text(encoding="utf-8")
    text = saved.read_text(encoding="utf-8")  # what tests/test_fidelity.py checks, as it checks it
    assert [c.id for c in parse(text.splitlines()).commitments] == list(load(knowledge, allow_unreviewed=True).commitments)
    assert all(squash(f"{c.id} {c.text}") in squash(text) for c in load(knowledge, allow_unreviewed=True).commitments.values())


def test_word_numbering_restarts_letters_and_roman_numerals(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = _element("w:abstractNum", abstractNumId="91")
    for ilvl, kind, shown in ((0, "upperRoman", "%1."), (1, "lowerLetter", "(%2)")):
        level = _element("w:lvl", ilvl=str(ilvl))
        level.extend([_element("w:start", val="1"), _element("w:numFmt", val=kind), _element("w:lvlText", val=shown)])
        abstract.append(level)
    numbering.insert(0, abstract)
    for num_id, restart in (("91", None), ("92", "1")):
        num = _element("w:num", numId=num_id)
        num.append(_element("w:abstractNumId", val="91"))
        if restart:
            override = _element("w:lvlOverride", ilvl="0")
            override.append(_element("w:startOverride", val=restart))
            num.append(override)
        numbering.append(num)
    for num_id, ilvl, text in (("91", 0, "A"), ("91", 1, "a"), ("91", 1, "b"), ("91", 0, "B"), ("91", 1, "c"), ("92", 0, "C")):
        numpr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = ilvl
        numpr.get_or_add_numId().val = int(num_id)
    document.save(str(tmp_path / "lists.docx"))
    assert read_source(tmp_path / "lists.docx").lines == ("I. A", "(a) a", "(b) b", "II. B", "(a) c", "I. C")


# --- (e) parsing, matching, planning -------------------------------------------------------------


def test_the_draft_parses_into_what_the_knowledge_file_holds(source_text, knowledge):
    printed = parse(source_text.splitlines())
    assert [(c.id, c.text) for c in printed.commitments] == [(c.id, c.text) for c in knowledge.commitments.values()]
    assert {c.sector for c in printed.commitments if c.section == 19} == {None}  # section 19 has no sector heading
    assert all(c.sector == knowledge.commitments[c.id].sector for c in printed.commitments if c.sector)
    assert [(s.number, s.title, s.theme) for s in printed.sections] == [
        (s.number, s.title, s.theme.title) for s in knowledge.sections
    ]
    assert printed.principles == {p.name: p.text for p in knowledge.principles.values()}
    assert printed.escalation is not None and len(printed.escalation) == 4 and printed.notes == ()


def test_commitments_sections_themes_and_list_items():
    part = [
        "Working together",
        "",
        "1 Planning ahead",
        "Statutory sector commitments",
        "1.1 Ensure that opportunities are:",
        "• Publicised widely",
        "- Proportionate",
        "1.2. Plan early, and keep",
        "everyone informed.",
        "2. Getting it right",
        "2.1 VCS organisations take part.",
    ]
    commitments, sections, themes, notes = read_commitments(part)
    assert [(c.id, c.sector, c.text) for c in commitments] == [
        ("1.1", "statutory", "Ensure that opportunities are:\n- Publicised widely\n- Proportionate"),
        ("1.2", "statutory", "Plan early, and keep everyone informed."),
        ("2.1", None, "VCS organisations take part."),
    ]
    assert [(s.number, s.title, s.theme) for s in sections] == [
        (1, "Planning ahead", "Working together"),
        (2, "Getting it right", "Working together"),
    ]
    assert themes == ("Working together",) and notes == ()
    _, _, _, notes = read_commitments(["An introduction.", "1. Planning", "1.1 Plan."])
    assert notes == ("Read as neither a commitment nor a heading: 'An introduction.'",)


def test_the_commitments_are_found_after_a_contents_list_that_names_the_same_headings():
    text = ["Contents", "4. The Compact commitments", "5. Action Plan", "Respect: a.", "Honesty: b.", "Diversity: c."]
    text += ["4. The Compact commitments", "1. Planning", "1.1 Plan well.", "5. Action Plan"]
    printed = parse(text)
    assert [c.id for c in printed.commitments] == ["1.1"] and printed.principles == {
        "Respect": "a.",
        "Honesty": "b.",
        "Diversity": "c.",
    }
    assert printed.escalation is None
    assert parse(["Our promises", "1. Planning", "1.1 Plan.", "Next steps"], Headings("Our promises", "Next steps")).commitments


@pytest.mark.parametrize(
    "text, problem",
    [
        (["1.1 Plan."], "cannot find the heading 'The Compact commitments'"),
        (["4. The Compact commitments", "1.1 Plan."], "cannot find the heading 'Action Plan'"),
        (
            ["The Compact commitments", "1. Planning", "2.1 Plan.", "Action Plan"],
            "commitment 2.1 comes under no section heading 2",
        ),
        (["The Compact commitments", "1. Planning", "1.1 Plan.", "1.1 Again.", "Action Plan"], "commitment 1.1 is printed twice"),
        (["The Compact commitments", "1. Planning", "Action Plan"], "no numbered commitments found"),
    ],
)
def test_a_document_without_its_commitments_is_refused(text, problem):
    with pytest.raises(SourceError, match=re.escape(problem)):
        parse(text)


def test_principles_need_a_run_of_three():
    assert read_principles(["Respect: a.", "Honesty: b.", "See below.", "Equality: c."]) is None
    assert read_principles(["Intro", "Respect: a.", "", "Honesty: b.", "Equality: c."]) == {
        "Respect": "a.",
        "Honesty": "b.",
        "Equality": "c.",
    }


def test_matching_same_wording_then_similar_wording():
    old = {
        "1.1": "Respect the independence of VCS organisations.",
        "1.2": "Make payments on time.",
        "1.3": "Share good practice.",
    }
    new = {
        "1.1": "Make payments on time.",
        "1.2": "Respect the independence of voluntary organisations.",
        "1.3": "Publish every decision.",
    }
    pairs = {(p.old, p.new) for p in match(old, new)}
    assert pairs == {("1.2", "1.1"), ("1.1", "1.2"), (None, "1.3"), ("1.3", None)}
    assert {(p.old, p.new) for p in match(old, new, threshold=101)} >= {(None, "1.2"), ("1.1", None)}


def test_matching_repeated_wording_prefers_the_same_key_and_by_key_keeps_names():
    pairs = match(
        {"10": "Agreeing delivery terms", "16": "Agreeing delivery terms"},
        {"10": "Agreeing delivery terms", "16": "Agreeing delivery terms"},
    )
    assert {(p.old, p.new) for p in pairs} == {("10", "10"), ("16", "16")}
    kept = match({"Respect": "Both sectors act with integrity."}, {"Respect": "Everything different now, entirely."}, by_key=True)
    assert [(p.old, p.new) for p in kept] == [("Respect", "Respect")]


def test_escalation_steps_may_span_paragraphs():
    steps = ["Raise it directly.", "If not resolved please contact: the critical friend will help.", "A group of partners meets."]
    paragraphs = [
        "Raise it directly.",
        "If not resolved please contact:",
        "the critical friend will help.",
        "Something else entirely new.",
    ]
    runs = find_steps(steps, paragraphs)
    assert [(r.start, r.end) if r else None for r in runs] == [(0, 1), (1, 3), None]


def test_curly_quotes_are_retyped_not_reworded():
    current = Current({"1.1": ("Give three months' notice.", "statutory")}, {1: ("Planning", "t")}, {"t": "Theme"}, {}, ())
    printed = parse(["The Compact commitments", "Theme", "1. Planning", "1.1 Give three months’ notice.", "Action Plan"])
    plan = make_plan(current, printed)
    assert [(c.kind, c.old, c.new) for c in plan.changes] == [("retyped", "1.1", "1.1")]
    assert plan.commitments[0].review is None and plan.commitments[0].text == "Give three months’ notice."


def test_a_removed_commitment_named_in_a_topic_marks_it_and_renumbered_ones_are_rewritten(original, source_text):
    """Topic 'who_is_covered' says "Under commitment 6.3"; principles renamed and reworded, a step reworded."""
    renumbered = source_text.replace("\n6.2 Ensure", "\n6.3 Ensure").replace("\n6.3 Advocate", "\n6.2 Advocate")
    outcome = import_compact(original, lines(renumbered))
    assert "Under commitment 6.2 the statutory sector should advocate" in outcome.text
    assert outcome.rewrite and any(r.startswith("topic who_is_covered: 6.3 → 6.2") for r in outcome.rewrite.references)
    removed = re.sub(r"\n6\.3 Advocate that prime.*\n", "\n", source_text)
    removed = removed.replace("Honesty: It is", "Openness: It is").replace(
        "thriving civil society", "thriving and diverse civil society"
    )
    removed = removed.replace("In the event of the issue still not being resolved", "If the issue is still not resolved,")
    outcome = import_compact(original, lines(removed))
    assert changes(outcome) >= {
        ("commitment", "removed", "6.3", None),
        ("principle", "renamed", "Honesty", "Openness"),
        ("principle", "reworded", "Diversity", "Diversity"),
        ("escalation step", "reworded", "3", "3"),
    }
    assert outcome.rewrite is not None
    assert dict(outcome.rewrite.reviews)["topic who_is_covered"].startswith("names commitment 6.3, which the new version removes")
    assert "principle Diversity" in dict(outcome.rewrite.reviews) and "escalation step 3" in dict(outcome.rewrite.reviews)
    assert "  - Openness\n" in outcome.text and "  - Honesty\n" not in outcome.text and "- name: Openness\n" in outcome.text


def test_the_command_line_refuses_what_it_cannot_read(tmp_path, original, capsys):
    pdf = tmp_path / "final.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert run(tmp_path, original, pdf)[0] == 1 and "expected a .txt or .docx file" in capsys.readouterr().err
    (tmp_path / "commitments.yaml").write_text(original.replace("sector: vcs", "sector: council", 1), encoding="utf-8")
    assert run(tmp_path, original, DEFAULT_PATH)[0] == 1 and "must load before an import" in capsys.readouterr().err


def test_a_dry_run_writes_only_the_report(tmp_path, original, final):
    source = tmp_path / "final.txt"
    source.write_text(final, encoding="utf-8")
    status, knowledge, report = run(tmp_path, original, source, "--dry-run")
    assert (
        status == 0
        and knowledge.read_text(encoding="utf-8") == original
        and "## Commitments" in report.read_text(encoding="utf-8")
    )
