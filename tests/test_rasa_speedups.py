"""bot/platform/speedups.py does what Rasa 3.6 does, with less work: checked against Rasa's own code."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import dask
import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.exceptions import GraphComponentException
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event

from bot.platform import speedups

speedups.install()


class Step(GraphComponent):
    """A node that adds its config's ``add`` to the sum of what it needs (and records each run)."""

    runs: list[str] = []

    def __init__(self, config: dict[str, Any], name: str | None) -> None:
        self.add, self.name = config["add"], name

    @classmethod
    def create(cls, config, model_storage, resource, execution_context) -> "Step":
        return cls(config, execution_context.node_name)

    def run(self, **needs: Any) -> int:
        Step.runs.append(self.name)
        if self.add is None:
            raise ValueError("broken node")
        return self.add + sum(needs.values())


def node(add: int | None, **needs: str) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Step, constructor_name="create", fn="run", config={"add": add})


@pytest.fixture
def runner(tmp_path) -> DaskGraphRunner:
    schema = GraphSchema(
        {
            "a": node(1, x="__x__"),
            "b": node(10, x="__x__"),
            "c": node(100, a="a", b="b"),
            "d": node(1000, c="c", a="a"),
            "unused": node(5, x="__x__"),
            "broken": node(None, a="a"),
        }
    )
    return DaskGraphRunner(schema, LocalModelStorage(tmp_path), ExecutionContext(schema))


def with_dask(runner: DaskGraphRunner, inputs: dict[str, Any], targets: list[str]) -> dict[str, Any]:
    graph = runner._build_dask_graph(runner._graph_schema.minimal_graph_schema(targets))
    runner._add_inputs_to_graph(inputs, graph)
    return dict(dask.get(graph, targets))


def test_the_graph_gives_what_dask_gives_and_runs_each_needed_node_once(runner):
    for targets in (["d"], ["c", "a"], ["d", "c"]):
        Step.runs.clear()
        ours = runner.run(inputs={"__x__": 2}, targets=targets)
        assert ours == with_dask(runner, {"__x__": 2}, targets)
        assert sorted(Step.runs[: len(Step.runs) // 2]) == sorted(set(Step.runs)), "each node once per run"
        assert "unused" not in Step.runs
    assert runner.run(inputs={"__x__": 2}, targets=["d"]) == {"d": 1000 + (100 + 3 + 12) + 3}
    assert runner.run(inputs={"__x__": 5}, targets=["d"])["d"] == 1000 + (100 + 6 + 15) + 6, "inputs are not cached"


def test_a_failing_node_raises_as_with_dask(runner):
    with pytest.raises(GraphComponentException) as ours:
        runner.run(inputs={"__x__": 1}, targets=["broken"])
    with pytest.raises(GraphComponentException) as theirs:
        with_dask(runner, {"__x__": 1}, ["broken"])
    assert str(ours.value) == str(theirs.value)


@pytest.fixture
def store(tmp_path):
    return SQLTrackerStore(
        Domain.from_yaml("slots:\n  s:\n    type: any\n    mappings: [{type: custom}]\n"),
        dialect="sqlite",
        db=str(tmp_path / "t.db"),
    )


def counted_queries(store: SQLTrackerStore) -> list[str]:
    seen: list[str] = []
    event.listen(
        store.engine, "before_cursor_execute", lambda *a: seen.append(a[2].split()[0] + (" count" if "count(" in a[2] else ""))
    )
    return seen


def stored(store: SQLTrackerStore, sender: str) -> list[dict]:
    tracker = asyncio.run(store.retrieve_full_tracker(sender))
    return [e.as_dict() for e in tracker.events] if tracker else []


def test_saving_stores_each_event_once_without_counting_what_is_stored(store):
    queries = counted_queries(store)

    async def conversation():
        tracker = await store.get_or_create_tracker("someone")  # new: counted, as by Rasa
        for n, extra in enumerate(
            [
                [UserUttered("hi"), ActionExecuted("utter_greet")],
                [ActionExecuted("action_listen"), UserUttered("more"), SlotSet("s", 1)],
            ]
        ):
            tracker.update_with_events(extra, None)
            queries.clear()
            await store.save(tracker)
            assert not any(q.endswith("count") for q in queries), "the stored events were not counted again"
        again = await store.retrieve("someone")
        again.update_with_events([ActionExecuted("action_listen"), UserUttered("third")], None)
        queries.clear()
        await store.save(again)
        assert not any(q.endswith("count") for q in queries)
        return again

    final = asyncio.run(conversation())
    assert stored(store, "someone") == [e.as_dict() for e in final.events]


def test_a_new_session_in_the_turn_is_stored_once_and_the_next_load_starts_there(store):
    async def conversation():
        tracker = await store.get_or_create_tracker("returning")
        tracker.update_with_events([UserUttered("hi"), ActionExecuted("utter_greet")], None)
        await store.save(tracker)
        loaded = await store.retrieve("returning")
        new_session = [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("back"),
        ]
        loaded.update_with_events(new_session, None)
        await store.save(loaded)
        loaded.update_with_events([ActionExecuted("utter_greet")], None)
        await store.save(loaded)
        return await store.retrieve("returning")

    latest = asyncio.run(conversation())
    types = [e["event"] for e in stored(store, "returning")]
    assert types.count("session_started") == 1 and types.count("user") == 2
    assert [e.as_dict()["event"] for e in latest.events][:2] == ["session_started", "action"], "the latest session only"


def test_saved_rows_are_the_rows_rasa_saves(store):
    """Every column of every stored event as Rasa's own save writes it, the one insert against its
    ORM objects."""
    parse = {"intent": {"name": "greet", "confidence": 0.9}, "entities": [], "text": "hi"}
    events = [
        ActionExecuted("action_session_start", timestamp=1.0),
        SessionStarted(timestamp=2.0),
        ActionExecuted("action_listen", timestamp=3.0),
        UserUttered("hi", parse_data=parse, timestamp=4.0),
        SlotSet("s", {"nested": ["é", 1]}, timestamp=5.0),
        ActionExecuted("utter_greet", policy="RulePolicy", confidence=1.0, timestamp=6.0),
    ]

    async def save_with(save: Any, sender: str) -> None:
        tracker = DialogueStateTracker(sender, store.domain.slots)
        tracker.update_with_events(events, None, override_timestamp=False)
        await save(store, tracker)

    async def save_loaded(store: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
        """A first save counts what is stored; the rest are saved as a loaded conversation's turn is."""
        first = DialogueStateTracker(tracker.sender_id, store.domain.slots)
        first.update_with_events(events[:2], None, override_timestamp=False)
        await SQLTrackerStore.save(store, first)
        loaded = await store.retrieve(tracker.sender_id)
        loaded.update_with_events(events[2:], None, override_timestamp=False)
        await SQLTrackerStore.save(store, loaded)

    asyncio.run(save_with(speedups.RASA_ORIGINALS["SQLTrackerStore.save"], "rasa"))
    asyncio.run(save_with(SQLTrackerStore.save, "ours"))
    asyncio.run(save_with(save_loaded, "ours, loaded"))
    columns = ("type_name", "timestamp", "intent_name", "action_name", "data")
    senders = ("rasa", "ours", "ours, loaded")
    with store.session_scope() as session:
        rows = {
            sender: [
                (*(getattr(r, c) for c in columns[:-1]), json.loads(r.data))  # the JSON's spacing may differ
                for r in session.query(store.SQLEvent).filter_by(sender_id=sender)
            ]
            for sender in senders
        }
    assert rows["ours"] == rows["rasa"] == rows["ours, loaded"] and len(rows["rasa"]) == len(events)


def test_a_load_reads_the_rows_rasas_query_reads(store):
    """The query built once (event_data_query), and its SQL compiled once, against Rasa's _event_query,
    built per load: the latest session, or every session, of conversations with none, one and several
    session starts."""
    conversations = {
        "no session start": [UserUttered("hi", timestamp=1.0), ActionExecuted("utter_greet", timestamp=2.0)],
        "one": [SessionStarted(timestamp=1.0), UserUttered("hi", timestamp=2.0)],
        "several": [
            UserUttered("before any", timestamp=0.5),
            SessionStarted(timestamp=1.0),
            UserUttered("first", timestamp=2.0),
            SessionStarted(timestamp=3.0),
            UserUttered("same time as the start", timestamp=3.0),
            SlotSet("s", 1, timestamp=4.0),
        ],
    }
    for sender, events in conversations.items():
        tracker = DialogueStateTracker(sender, store.domain.slots)
        tracker.update_with_events(events, None, override_timestamp=False)
        asyncio.run(store.save(tracker))
    for sender in [*conversations, "nobody"]:
        for all_sessions in (False, True):
            with store.session_scope() as session:
                rasas = store._event_query(session, sender, fetch_events_from_all_sessions=all_sessions)
                expected = [data for (data,) in rasas.with_entities(store.SQLEvent.data)]
                ours = speedups.event_data_query(store.SQLEvent.__table__, all_sessions)
                assert [data for (data,) in session.execute(ours, {"sender_id": sender})] == expected
            with store.engine.begin() as connection:  # compiled once, run as SQL (SQLite)
                assert speedups.statements(store).sqlite
                assert speedups.statements(store).data(connection, sender, all_sessions) == expected
    loaded = asyncio.run(store.retrieve("several"))
    assert [e.as_dict().get("text") for e in loaded.events if isinstance(e, UserUttered)] == ["same time as the start"]
