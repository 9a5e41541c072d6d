"""Conversation ids: issued and checked for the widget, keyed for Teams, namespaced for REST; the
REST channel's key rule; the server's secret."""

from __future__ import annotations

import os
import stat

import pytest

from bot.conversation_ids import (
    MIN_SECRET_CHARS,
    issue_widget_token,
    load_secret,
    rest_sender_allowed,
    teams_conversation,
    widget_conversation,
)
from bot.rest_access import authorized, is_loopback, required_key
from compact.settings import SettingsError, from_environment

SECRET = b"s" * 40


def test_an_issued_widget_id_is_accepted_and_maps_to_its_own_stored_id():
    token = issue_widget_token(SECRET)
    stored = widget_conversation(token, SECRET)
    assert stored and stored.startswith("widget:") and token.split(".")[0] in stored
    assert token.split(".")[1] not in stored, "the database never holds what continues the conversation"
    assert issue_widget_token(SECRET) != token


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # a forged signature
        lambda t: ("A" if t[0] != "A" else "B") + t[1:],  # another random part, same signature
        lambda t: t.split(".")[0],  # the random part alone (as stored)
        lambda t: "widget:" + t.split(".")[0],  # the stored id itself
        lambda t: "me",
        lambda t: "",
        lambda t: t + "." + t,
        lambda t: 42,
    ],
)
def test_a_made_up_or_altered_widget_id_is_refused(change):
    assert widget_conversation(change(issue_widget_token(SECRET)), SECRET) is None


def test_another_servers_ids_are_refused():
    assert widget_conversation(issue_widget_token(b"o" * 40), SECRET) is None


def test_teams_ids_are_keyed():
    one = teams_conversation(SECRET, "19:chat", "aad-user")
    assert one.startswith("teams:") and one == teams_conversation(SECRET, "19:chat", "aad-user")
    assert one != teams_conversation(b"o" * 40, "19:chat", "aad-user")
    assert one != teams_conversation(SECRET, "19:chat", "aad-other")


@pytest.mark.parametrize(
    "sender, allowed", [("me", True), ("crm-4711", True), ("widget:abc", False), ("Teams:abc", False), ("widgets", True)]
)
def test_rest_ids_stay_out_of_the_other_channels_namespaces(sender, allowed):
    assert rest_sender_allowed(sender) is allowed


def test_the_secret_file_is_made_once_and_private(tmp_path):
    config = from_environment({"COMPACT_SECRET_FILE": str(tmp_path / "state" / "secret")})
    first = load_secret(config)
    assert load_secret(config) == first and len(first) >= MIN_SECRET_CHARS
    assert stat.S_IMODE(os.stat(tmp_path / "state" / "secret").st_mode) == 0o600
    assert load_secret(from_environment({"TRACKER_DB": str(tmp_path / "t.db")})) != first, "beside the tracker store by default"
    assert (tmp_path / "secret").exists()
    assert load_secret(from_environment({"COMPACT_SECRET": "c" * 40})) == b"c" * 40


def test_a_short_configured_secret_stops_start_up_naming_the_variable():
    with pytest.raises(SettingsError, match="COMPACT_SECRET='short': expected at least 32 characters"):
        from_environment({"COMPACT_SECRET": "short"})


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.1.2.3", False),
        ("bot.example", False),
    ],
)
def test_loopback_is_told_from_the_rest(host, loopback):
    assert is_loopback(host) is loopback


def test_beyond_loopback_rest_needs_a_key():
    assert required_key("127.0.0.1", None) is None, "open to local tools"
    with pytest.raises(ValueError, match="COMPACT_REST_API_KEY"):
        required_key("0.0.0.0", None)
    with pytest.raises(SettingsError, match="COMPACT_REST_API_KEY='short': expected at least 24"):
        from_environment({"COMPACT_REST_API_KEY": "short"})
    key = "k" * 30
    assert required_key("0.0.0.0", key) == key
    assert required_key("127.0.0.1", key) == key, "a configured key is always required"


def test_the_key_check():
    key = "k" * 30
    assert authorized(f"Bearer {key}", key, proxied=True) and authorized(f"bearer {key}", key, proxied=False)
    for header in (None, "", key, f"Bearer {key}x", f"Basic {key}", "Bearer "):
        assert not authorized(header, key, proxied=False), header
    assert authorized(None, None, proxied=False), "loopback, no key: local tools"
    assert not authorized(None, None, proxied=True), "relayed by a proxy: not a local tool"
