"""The typed loader: what a good file gives, clear errors for broken ones, and the published schema."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from compact.knowledge import DEFAULT_PATH, KnowledgeError, load, number_order
from scripts.generate_schema import OUT as SCHEMA
from scripts.generate_schema import render as render_schema


def test_all_80_commitments_with_numbers_as_printed(knowledge):
    ids = list(knowledge.commitments)
    assert len(ids) == 80
    assert "7.2" not in ids and "12.2" not in ids
    assert ids[0] == "1.1" and ids[-1] == "20.4"


def test_sectors_sections_and_themes(knowledge):
    c = knowledge.commitments["13.2"]
    assert (c.sector, c.section.number, c.section.theme.id) == ("statutory", 13, "resources")
    assert knowledge.commitments["12.9"].sector == "vcs"
    assert {c.sector for c in knowledge.commitments.values() if c.section.number in (19, 20)} == {"vcs"}
    assert [t.id for t in knowledge.themes] == ["policy", "resources", "equality"]
    assert {c.section.theme.id for c in knowledge.commitments.values() if c.section.number <= 4} == {"policy"}
    assert {c.section.theme.id for c in knowledge.commitments.values() if c.section.number >= 18} == {"equality"}


def test_seven_principles_escalation_and_pending_items(knowledge):
    assert len(knowledge.principles) == 7
    assert len(knowledge.escalation) == 3
    assert {"critical_friend", "contacts", "action_plan", "pledge"} <= set(knowledge.pending)
    assert (knowledge.document.version, knowledge.document.date) == ("V0.4", "8 December 2016")


def test_durations_are_structured(knowledge):
    facts = {cid: [(f.length.amount, f.length.unit) for f in c.facts] for cid, c in knowledge.commitments.items() if c.facts}
    assert facts["13.2"] == [(3, "months")]
    assert facts["3.6"] == [(12, "weeks")]
    assert facts["4.8"] == [(8, "weeks")]
    assert facts["9.1"] == [(3, "years")] and facts["9.2"] == [(3, "months")]
    assert knowledge.commitments["13.2"].facts[0].phrase() == "at least 3 months"


def test_a_figure_that_cannot_be_met_has_the_floor_another_commitment_sets(knowledge):
    assert knowledge.fallback("3.6") == "4.8"  # 12 weeks' consultation; eight weeks generally the minimum
    assert knowledge.fallback("4.8") is None  # the floor itself has none below it
    assert knowledge.fallback("13.2") is None  # no other commitment sets a minimum notice


def test_every_commitment_has_curated_help(knowledge):
    for c in knowledge.commitments.values():
        assert c.summary and len(c.terms) >= 5, c.id
        assert len(c.related) <= 3, c.id


@functools.lru_cache(maxsize=1)
def _raw() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def broken(tmp_path: Path, mutate) -> Path:
    raw = copy.deepcopy(_raw())
    mutate(raw)
    path = tmp_path / "commitments.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def dup(raw):
    raw["commitments"][1]["id"] = raw["commitments"][0]["id"]


def no_text(raw):
    raw["commitments"][4]["text"] = "  "


def bad_sector(raw):
    raw["commitments"][2]["sector"] = "council"


def bad_unit(raw):
    c = next(c for c in raw["commitments"] if c["id"] == "13.2")
    c["facts"][0]["unit"] = "fortnights"


def bad_amount(raw):
    c = next(c for c in raw["commitments"] if c["id"] == "3.6")
    c["facts"][0]["amount"] = "twelve"


def bad_related(raw):
    raw["commitments"][0]["related"] = ["7.2"]


def bad_measure(raw):
    c = next(c for c in raw["commitments"] if c["id"] == "13.2")
    c["facts"][0]["measure"] = "notice_period"


def no_step_letter(raw):
    del raw["escalation"][1]["letter"]


def bad_role(raw):
    raw["measures"][0]["start_role"] = "future"


def text_is_a_number(raw):
    raw["commitments"][4]["summary"] = 12


def terms_not_a_list(raw):
    raw["principles"][1]["terms"] = "respect"


def misspelt_field(raw):
    raw["commitments"][3]["sumary"] = raw["commitments"][3].pop("summary")


def misspelt_cues(raw):
    raw["sector_cues"]["vcs"]["subject"] = raw["sector_cues"]["vcs"].pop("subjects")


def unknown_principle(raw):
    raw["commitments"][0]["principles"] = ["Honesty", "Kindness"]


def unknown_theme(raw):
    raw["sections"][2]["theme"] = "money"


def unknown_pending(raw):
    raw["topics"][1]["pending"] = ["helpline"]


def unknown_sector_cues(raw):
    raw["sector_cues"]["council"] = {"subjects": ["council"]}


def unquoted_id(raw):
    raw["commitments"][5]["id"] = 3.1  # what YAML reads from an unquoted 3.1


def id_without_point(raw):
    raw["commitments"][5]["id"] = "31"


def wrong_section(raw):
    raw["commitments"][0]["section"] = 2


def unknown_abbreviation_entry(raw):
    raw["abbreviations"][1]["entry"] = "the_law"


def duplicate_short_form(raw):
    raw["abbreviations"][2]["short"] = raw["abbreviations"][0]["short"].lower()


@pytest.mark.parametrize(
    "mutate, entry, field, words",
    [
        (dup, "commitments[1] (id 1.1)", "id", "duplicate commitment id"),
        (no_text, "commitments[4] (id 2.4)", "text", "missing or empty text"),
        (bad_sector, "commitments[2] (id 2.2)", "sector", "unknown sector 'council'"),
        (bad_unit, "(id 13.2) facts[0]", "unit", "bad duration unit 'fortnights'"),
        (bad_amount, "(id 3.6) facts[0]", "amount", "bad duration amount 'twelve'"),
        (bad_related, "commitments[0] (id 1.1)", "related", "'7.2'"),
        (bad_measure, "(id 13.2) facts[0]", "measure", "unknown measure 'notice_period'"),
        (no_step_letter, "escalation[1]", "letter", "missing or empty text"),
        (bad_role, "measures[0]", "start_role", "expected past or any"),
        (text_is_a_number, "commitments[4] (id 2.4)", "summary", "expected text, got int 12"),
        (terms_not_a_list, "principles[1]", "terms", "expected a list of non-empty strings"),
        (
            misspelt_field,
            "commitments[3] (id 2.3)",
            "sumary",
            "unknown field (expected one of id, section, sector, text, summary,",
        ),
        (misspelt_field, "commitments[3] (id 2.3)", "summary", "missing or empty text"),
        (misspelt_cues, "sector_cues.vcs", "subject", "unknown field (expected one of subjects, identities)"),
        (unknown_principle, "commitments[0] (id 1.1)", "principles", "unknown principle 'Kindness'"),
        (unknown_theme, "sections[2]", "theme", "unknown theme 'money'"),
        (unknown_pending, "topics[1] (id how_it_helps)", "pending", "unknown pending item 'helpline'"),
        (unknown_sector_cues, "sector_cues", "council", "unknown sector 'council' (expected one of statutory, vcs)"),
        (unquoted_id, "commitments[5] (id 3.1)", "id", 'expected a quoted id like "13.2", got 3.1'),
        (id_without_point, "commitments[5] (id 31)", "id", "expected a quoted id like \"13.2\", got '31'"),
        (wrong_section, "commitments[0] (id 1.1)", "section", "unknown section 2 for id 1.1"),
        (unknown_abbreviation_entry, "abbreviations[1]", "entry", "unknown commitment or topic 'the_law'"),
        (duplicate_short_form, "abbreviations[2]", "short", "duplicate short form 'vcs'"),
    ],
)
def test_broken_file_is_rejected_naming_file_entry_and_field(tmp_path, mutate, entry, field, words):
    path = broken(tmp_path, mutate)
    with pytest.raises(KnowledgeError) as err:
        load(path)
    message = str(err.value)
    assert str(path) in message and entry in message and f"field '{field}'" in message and words in message


def test_unreadable_and_invalid_files(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        load(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("commitments: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML"):
        load(bad)


def test_counterparts_pair_the_two_sectors_both_ways(knowledge):
    pairs = {(c.id, o) for c in knowledge.commitments.values() for o in c.counterparts}
    assert ("13.2", "17.1") in pairs and ("3.6", "4.8") in pairs and ("12.1", "12.7") in pairs
    for a, b in pairs:
        assert (b, a) in pairs and knowledge.commitments[a].sector != knowledge.commitments[b].sector


def test_a_one_way_counterpart_is_refused(tmp_path):
    source = DEFAULT_PATH.read_text(encoding="utf-8")
    one_way = re.sub(r"(- id: '17\.1'[\s\S]*?counterparts:\n  - '13\.2'\n)  - '13\.1'\n", r"\1", source, count=1)
    path = tmp_path / "k.yaml"
    path.write_text(one_way, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="13.1.*does not list 17.1 back|17.1 does not list"):
        load(path)


def test_every_problem_is_reported_at_once(tmp_path):
    def two_problems(raw):
        bad_unit(raw)
        no_step_letter(raw)

    with pytest.raises(KnowledgeError) as err:
        load(broken(tmp_path, two_problems))
    lines = str(err.value).splitlines()
    assert len(lines) == 2 and all(line.startswith(str(tmp_path)) for line in lines)
    assert "field 'unit'" in lines[0] and "escalation[1]: field 'letter'" in lines[1]


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- one\n- two\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"list.yaml: top level: expected a mapping, got list"):
        load(path)


def test_published_schema_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == render_schema(), (
        "knowledge/schema.json is out of date with compact/knowledge.py: run `python scripts/generate_schema.py`"
    )


def test_knowledge_file_names_its_schema_and_matches_it():
    assert DEFAULT_PATH.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(_raw(), schema)


@pytest.mark.parametrize(
    "mutate",
    [
        no_text,
        bad_sector,
        bad_unit,
        bad_amount,
        no_step_letter,
        bad_role,
        text_is_a_number,
        terms_not_a_list,
        misspelt_field,
        misspelt_cues,
        unknown_sector_cues,
        unquoted_id,
    ],
)
def test_an_editor_using_the_schema_sees_the_same_mistakes(mutate):
    raw = copy.deepcopy(_raw())
    mutate(raw)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(raw, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_only_a_commitment_has_a_floor(knowledge):
    assert knowledge.fallback("3.6") == "4.8"
    assert knowledge.fallback("Equality") is None and knowledge.fallback("history") is None


def test_commitment_numbers_named_in_a_message_and_their_order(knowledge):
    assert knowledge.commitments_named("is 7.2 like 7.3, or 13.2? not 2016.1") == ["7.3", "13.2"]
    assert sorted(["9.3", "13.2", "9.1", "1.1"], key=number_order) == ["1.1", "9.1", "9.3", "13.2"]


def test_a_sum_or_a_date_is_not_a_commitment_number(knowledge):
    """ "one single lot worth 2.4 million" names no commitment; "what does 2.4 say" does."""
    assert knowledge.commitments_named("a tender in one lot worth 2.4 million, due 12.03.2017, £2.4m") == []
    assert knowledge.commitments_named("what does 2.4 say, and 13.2?") == ["2.4", "13.2"]
