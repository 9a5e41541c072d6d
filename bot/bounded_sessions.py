"""Bounded sessions: a turn costs the same on turn 200 of a conversation as on turn 2.

Rasa loads a conversation's latest session on every turn, replays all of it to predict each
action (``tracker.past_states``), and sends all of it to the action server as JSON, so a turn
cost grew with the conversation: 8× slower by turn 200 (``make bench``, "turns 181-200").
Rasa's own answer to long conversations is the session: a new session starts with
``SessionStarted`` and the slots carried over, and only the latest session is loaded.

:func:`restart_events` starts such a session at the end of a turn once the current one has more
than ``COMPACT_SESSION_EVENTS`` events, so what a turn loads and replays stays bounded. It is
the state Rasa itself carries into a new session (every slot), plus the form still running if
there is one (``ActiveLoop``: Rasa's rules predict a running form from it alone), marked as ours
in the ``SessionStarted`` metadata. The earlier events stay stored, and expire or are forgotten
with the conversation as before.
"""

from __future__ import annotations

import time

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

RESTARTED = "bounded_session"  # in the SessionStarted metadata of the sessions started here


def session_length(tracker: DialogueStateTracker) -> int:
    """Events in the tracker's latest session (its events since the last ``SessionStarted``)."""
    for back, event in enumerate(reversed(tracker.events)):
        if isinstance(event, SessionStarted):
            return back
    return len(tracker.events)


def restart_events(tracker: DialogueStateTracker, limit: int) -> list[Event]:
    """A new session carrying the conversation's state, when the current one has grown past
    ``limit`` events and the turn is over (Rasa listens again); else none."""
    if session_length(tracker) <= limit or tracker.latest_action_name != ACTION_LISTEN_NAME:
        return []
    now = time.time()
    carried = [
        SlotSet(name, slot.value, timestamp=now) for name, slot in tracker.slots.items() if slot.value != slot.initial_value
    ]
    running = [ActiveLoop(tracker.active_loop_name, timestamp=now)] if tracker.active_loop_name else []
    return [
        SessionStarted(metadata={RESTARTED: True}, timestamp=now),
        *carried,
        *running,
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=now),
    ]
