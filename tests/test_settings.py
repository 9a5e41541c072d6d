from __future__ import annotations

from compact.settings import load_settings, resolve


def test_settings_from_file_and_environment(tmp_path, knowledge):
    path = tmp_path / "settings.yml"
    path.write_text("contacts: compact@example.org\ncritical_friend: Sam File\n", encoding="utf-8")
    values = load_settings({"COMPACT_SETTINGS": str(path), "COMPACT_CRITICAL_FRIEND": "Sam Env"})
    assert values == {"contacts": "compact@example.org", "critical_friend": "Sam Env"}
    assert resolve(knowledge, "contacts", values) == "Contacts: compact@example.org"


def test_unset_values_fall_back_to_what_the_draft_says(knowledge):
    assert resolve(knowledge, "action_plan", load_settings({})) == knowledge.pending["action_plan"].draft_says
