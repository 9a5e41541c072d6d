"""Bounded sessions (bot/bounded_sessions.py): a long session restarts at the end of a turn with
its state carried over, checked with Rasa's own tracker, domain and SQL tracker store."""

from __future__ import annotations

import asyncio

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.bounded_sessions import RESTARTED, restart_events, session_length
from bot.tracker_store import CompactSQLTrackerStore
from tests.test_rasa import ROOT

DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))


def turns(n: int, *, start: list | None = None) -> list:
    """``n`` question-and-answer turns (5 events each), ending with Rasa listening."""
    events = list(start or [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)])
    for i in range(n):
        events += [
            UserUttered(f"question {i}", {"name": "ask_compact", "confidence": 0.9}),
            ActionExecuted("action_answer_question"),
            SlotSet("last_entry", f"13.{i % 3 + 1}"),
            BotUttered(f"answer {i}"),
            ActionExecuted(ACTION_LISTEN_NAME),
        ]
    return events


def tracker(events: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("u", events, DOMAIN.slots)


def test_a_short_session_is_left_alone():
    assert restart_events(tracker(turns(5)), limit=100) == []


def test_a_long_session_restarts_with_every_slot_carried_over():
    long = tracker(turns(30) + [SlotSet("offered", "13.2"), ActionExecuted(ACTION_LISTEN_NAME)])
    restart = restart_events(long, limit=100)
    assert isinstance(restart[0], SessionStarted) and restart[0].metadata == {RESTARTED: True}
    assert restart[-1] == ActionExecuted(ACTION_LISTEN_NAME)
    before = {name: slot.value for name, slot in long.slots.items()}
    for event in restart:
        long.update(event)
    assert {name: slot.value for name, slot in long.slots.items()} == before
    assert session_length(long) == len(restart) - 1 and long.latest_action_name == ACTION_LISTEN_NAME


def test_no_restart_mid_turn():
    mid_turn = turns(30) + [UserUttered("and?"), ActionExecuted("action_answer_question")]
    assert restart_events(tracker(mid_turn), limit=100) == []


def test_a_running_form_carries_on_in_the_new_session():
    in_form = tracker(
        turns(30) + [ActiveLoop("triage_form"), SlotSet("requested_slot", "triage_side"), ActionExecuted(ACTION_LISTEN_NAME)]
    )
    for event in restart_events(in_form, limit=100):
        in_form.update(event)
    assert in_form.active_loop_name == "triage_form" and in_form.get_slot("requested_slot") == "triage_side"


def test_the_store_saves_the_restart_and_loads_only_the_new_session(tmp_path, monkeypatch):
    """What Rasa loads for the next turn: the carried state and nothing older; the old events are
    still stored (expiry and forgetting see the whole conversation)."""
    monkeypatch.setenv("COMPACT_SESSION_EVENTS", "100")
    from compact.settings import settings

    settings.cache_clear()
    store = CompactSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    long = tracker(turns(30))
    asyncio.run(store.save(long))
    loaded = asyncio.run(store.retrieve("u"))
    assert loaded is not None and loaded.get_slot("last_entry") == long.get_slot("last_entry")
    assert len(loaded.events) < 10 and isinstance(loaded.events[0], SessionStarted)
    everything = asyncio.run(store.retrieve_full_tracker("u"))
    assert everything is not None and len(everything.events) > 150
    settings.cache_clear()


@pytest.mark.parametrize("limit", [19, 0])
def test_the_setting_refuses_a_bound_too_small_to_hold_a_turn(limit, monkeypatch):
    from compact.settings import SettingsError, from_environment

    with pytest.raises(SettingsError, match="COMPACT_SESSION_EVENTS"):
        from_environment({"COMPACT_SESSION_EVENTS": str(limit)})
