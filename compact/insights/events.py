"""Rasa's stored events as plain records, one conversation at a time.

Rasa's SQL tracker store keeps one row per event in ``events`` (sender_id, type_name, timestamp,
intent_name, action_name, data: the event as JSON). Only the kinds the report reads are loaded;
a conversation is always read whole (every event of a sender), because what a later event
means depends on the ones before it (which triage run it belongs to, which vote it replaces).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

import sqlalchemy as sa

from compact.feedback import FEEDBACK

KINDS = ("user", "bot", "slot", "action", "active_loop", "session_started")
RESTARTED = "bounded_session"  # a session started to bound its length (bot/bounded_sessions.py): the state carries on


@dataclass(frozen=True)
class Event:
    """What the report needs of one stored event."""

    kind: str  # Rasa's type_name: user, bot, slot, action, active_loop, session_started
    timestamp: float
    name: str | None = None  # the action, slot or active loop's name; the intent of a user message
    value: Any = None  # a slot's value
    text: str | None = None  # what the user typed (never logged)
    channel: str | None = None  # a user message's input channel: rest, widget, teams
    custom: str | None = None  # a bot message's custom payload type ("download": the ready-to-send message)
    response: str | None = None  # the domain response a bot message came from (utter_out_of_scope…)
    about: str | None = None  # the entry a bot message answers about, which can be voted on (its "feedback" metadata)
    restarted: bool = False  # session_started: a bounded-session restart, not a new visit


@dataclass(frozen=True)
class Conversation:
    sender: str
    events: tuple[Event, ...]

    @property
    def channel(self) -> str:
        """The channel of its first message (a conversation belongs to one channel)."""
        return next((e.channel for e in self.events if e.kind == "user" and e.channel), "unknown")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def parse(type_name: str, timestamp: float | None, intent_name: str | None, action_name: str | None, data: str | None) -> Event:
    """One row of ``events`` as an :class:`Event` (a row whose JSON cannot be read keeps its columns)."""
    try:
        raw = json.loads(data) if data else {}
    except ValueError:
        raw = {}
    body = _mapping(raw)
    ts = float(timestamp if timestamp is not None else body.get("timestamp") or 0.0)
    metadata = _mapping(body.get("metadata"))
    if type_name == "user":
        text = body.get("text")
        return Event(
            "user",
            ts,
            name=intent_name,
            text=text if isinstance(text, str) else "",
            channel=str(body.get("input_channel") or "") or None,
        )
    if type_name == "bot":
        kind = _mapping(_mapping(body.get("data")).get("custom")).get("type")
        about = _mapping(metadata.get(FEEDBACK)).get("entry")
        return Event(
            "bot",
            ts,
            custom=kind if isinstance(kind, str) else None,
            response=str(metadata.get("utter_action") or "") or None,
            about=about if isinstance(about, str) and about else None,
        )
    if type_name == "slot":
        return Event("slot", ts, name=str(body.get("name") or action_name or ""), value=body.get("value"))
    if type_name in ("action", "active_loop"):
        name = body.get("name", action_name)
        return Event(type_name, ts, name=name if isinstance(name, str) else None)
    return Event(type_name, ts, restarted=bool(metadata.get(RESTARTED)))


def conversations_from(
    rows: Iterable[tuple[str, str, float | None, str | None, str | None, str | None]],
) -> Iterator[Conversation]:
    """Rows (sender_id, type_name, timestamp, intent_name, action_name, data), ordered by sender and
    then as stored, as conversations."""
    for sender, group in itertools.groupby(rows, key=lambda row: row[0]):
        yield Conversation(sender, tuple(parse(*row[1:]) for row in group))


def read(engine: sa.engine.Engine, since: float | None = None) -> Iterator[Conversation]:
    """Every conversation with an event at or after ``since`` (a Unix time; None: all), whole,
    streamed one conversation at a time."""
    kinds = ", ".join(f"'{k}'" for k in KINDS)  # constants, not input
    active = (
        ""
        if since is None
        else "AND sender_id IN (SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) >= :since)"
    )
    query = sa.text(
        "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
        f"WHERE type_name IN ({kinds}) {active} ORDER BY sender_id, id"
    )
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(query, {} if since is None else {"since": since})
        yield from conversations_from(tuple(row) for row in result)


def first_event_time(engine: sa.engine.Engine) -> float | None:
    """When the oldest stored event happened (None: no events, or no events table yet)."""
    if not sa.inspect(engine).has_table("events"):
        return None
    with engine.connect() as connection:
        value = connection.execute(sa.text("SELECT MIN(timestamp) FROM events")).scalar()
    return float(value) if value is not None else None
