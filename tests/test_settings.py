"""The one settings object (compact/settings.py): every value typed, a bad one named with what it
expects, and docs/configuration.md's table in step with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compact.settings import Settings, SettingsError, from_environment, resolve, variables

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_what_the_draft_leaves_open_from_file_and_environment(tmp_path, knowledge):
    path = tmp_path / "settings.yml"
    path.write_text("contacts: compact@example.org\ncritical_friend: Sam File\n", encoding="utf-8")
    values = from_environment(
        {"COMPACT_SETTINGS": str(path), "COMPACT_CRITICAL_FRIEND": "Sam Env", "COMPACT_KEEP_DAYS": "7"}
    ).deployment
    assert values == {"contacts": "compact@example.org", "critical_friend": "Sam Env"}, (
        "service settings are not deployment values"
    )
    assert resolve(knowledge, "contacts", values) == "Contacts: compact@example.org"


def test_unset_values_fall_back_to_what_the_draft_says(knowledge):
    assert resolve(knowledge, "action_plan", from_environment({}).deployment) == knowledge.pending["action_plan"].draft_says


def test_defaults_and_typed_values():
    config = from_environment({"COMPACT_KEEP_DAYS": "7.5", "COMPACT_RATE_BURST": " 5 ", "TEAMS_APP_ID": "x"})
    assert config.keep_days == 7.5 and config.keep_seconds == 7.5 * 86400 and config.rate_burst == 5
    assert config.action_timeout == 10 and config.teams_issuer == "https://api.botframework.com"
    assert config.__fields_set__ == {"keep_days", "rate_burst", "teams_app_id", "deployment"}, (
        "what was set, for credentials.yml's fallback"
    )
    assert not config.teams_on, "no password"


@pytest.mark.parametrize(
    "name, value, expects",
    [
        ("COMPACT_KEEP_DAYS", "thirty", "expected a number"),
        ("COMPACT_KEEP_DAYS", "0", "expected a number greater than 0"),
        ("COMPACT_ACTION_TIMEOUT", "-1", "expected a number greater than 0"),
        ("COMPACT_RATE_BURST", "2.5", "expected a whole number"),
        ("COMPACT_NEW_CONVERSATIONS_BURST", "0", "expected a whole number of at least 1"),
        ("COMPACT_SECRET", "too short", "expected at least 32 characters"),
        ("COMPACT_TRUSTED_PROXIES", "proxy.example", "expected IP addresses or networks"),
    ],
)
def test_a_bad_value_names_the_variable_and_what_it_expects(name, value, expects):
    with pytest.raises(SettingsError) as refused:
        from_environment({name: value})
    assert f"{name}={value!r}: {expects}" in str(refused.value)


def test_every_bad_value_is_named_at_once():
    with pytest.raises(SettingsError) as refused:
        from_environment({"COMPACT_KEEP_DAYS": "x", "COMPACT_RATE_BURST": "y"})
    assert "COMPACT_KEEP_DAYS" in str(refused.value) and "COMPACT_RATE_BURST" in str(refused.value)


def test_an_unreadable_settings_file_is_named(tmp_path):
    with pytest.raises(SettingsError, match="COMPACT_SETTINGS"):
        from_environment({"COMPACT_SETTINGS": str(tmp_path / "missing.yml")})


def test_the_configuration_doc_has_one_row_per_setting_with_its_default():
    """docs/configuration.md's table is tested against the settings object: no setting missing,
    none documented that the code does not read, and the defaults as the code has them."""
    rows = dict(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \| ([^|]*) \|", DOC.read_text(encoding="utf-8"), flags=re.M))
    assert set(rows) == set(variables()), (set(variables()) - set(rows), set(rows) - set(variables()))
    for var, field in variables().items():
        default = Settings.__fields__[field].default
        shown = rows[var].strip()
        if default in (None, "", ()):
            assert shown.startswith("none") or shown.startswith("("), (var, shown)
        else:
            plain = str(default).rstrip("0").rstrip(".") if isinstance(default, float) else str(default)
            assert plain in shown, (var, shown, default)
