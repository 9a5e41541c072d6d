"""Same behaviour as Rasa 3.6, less CPU: installed when the assistant's channels load.

- Rasa validates every action server response with ``jsonschema.validate``, which checks Rasa's
  own (fixed) response schema against the JSON Schema meta-schema on every call before checking
  the response. Profiling (`py-spy` on the Rasa server under load) put 57% of the server's CPU
  per message there. Here the schema is checked once and its validator reused; responses are
  still validated in full, and an invalid one raises the same error with the same message.
- Rasa finds an event's class by walking all subclasses of ``Event`` for every event it loads
  from the tracker store (8% of the server's CPU under load); the walk's result is kept in a
  table, rebuilt when a name is missing, and unknown names fall back to Rasa's own lookup.
- Rasa opens a new HTTP session, hence a new connection, for every call to the action server
  (several per triage turn; 9% of the server's CPU under load). Each endpoint now keeps one
  session with keep-alive connections; a connection the action server closed (it restarted) is
  not reused. The pool keeps an idle connection ``POOL_IDLE_SECONDS``, less than the action server
  keeps it (scripts/servers.py), so a turn is never sent on one just as the server closes it
  (aio-libs/aiohttp#9138). The session writes request bodies with ujson rather than the standard library
  (``make profile``: 7% of the server's time was spent writing the conversation as JSON for the
  action server; ujson takes 40% of the time, and the action server's Sanic reads it with ujson).
- After start-up, the objects loaded so far (the model, TensorFlow, Rasa: most of the heap) are
  moved out of the garbage collector's reach with ``gc.freeze()``, so its full collections stop
  re-scanning them: they showed as latency spikes of a few hundred milliseconds under load.
- The SQLite tracker store keeps its connection open (SQLAlchemy's default for SQLite files opens
  and closes one per query session, several per message) and runs in write-ahead-log mode with ``synchronous=NORMAL``: a commit no
  longer waits for the disk, readers do not block the writer, and a committed turn still
  survives the server being killed (it is in the log); only a power cut can lose the last turns.
  PostgreSQL (several instances) is unaffected.
- Rasa's SQL tracker store counts a conversation's stored events with a query before every save
  to know which events are new (17% of the server's CPU for one-question conversations). The
  tracker now remembers how many of its events are stored (set when it is loaded and after each
  save; the conversation's lock keeps anyone else from adding to them meanwhile), and a tracker
  that does not know, such as a new one, is counted as before. Loading a conversation reads the
  events' JSON column only, without an ORM object per row (a third of the loading time), with
  Rasa's query built once per store instead of for every load (0.99 against 0.42 ms a load).
  A turn's load and save (of a tracker that knows what is stored) run on a pooled connection
  without an ORM session, with the insert built once per store: a save 277 against 185-202 µs, a
  load 286-290 against 227-275 µs (the median over 900 saves and loads of four-turn conversations in one process).
  Each event's JSON is written by ujson (1.2 against 3.4 µs an event with ``json.dumps``): the
  same values read back, without the spaces after separators. On SQLite the insert and the loads
  are compiled to SQL once and run as such (``TurnStatements``: a ten-row save 123-138 against 107 µs).
- Rasa's rule policy finds the rules that apply to a conversation by checking every rule (156
  here, most from rules that accept any of several intents) against the latest state, then every
  survivor against each earlier state back to the session's start, twice for each message (its
  text, then its intent). A rule's last state names the action before it and the intent it
  answers, which the latest state must have, so only the rules naming those (or neither) are
  checked, each by Rasa's own check; and the walk back stops once it is past the longest rule
  left, as every later check passes (0.21 against 0.02 ms a look-up on a first message).
- Right after a user's message the rule policy searches its rules twice, by the message's text and
  by its intent, and replays the session into states for each: the states are now made once in a
  prediction and copied for the second search (a prediction after a user's message 164 against
  115 µs over the training stories' and rules' prediction points, the same predictions).
- Before predicting, Rasa checks whether the domain is empty by comparing it with a new empty
  domain, built from scratch each time (2.5% of the Rasa workers' time): the empty domain's
  dictionary is now built once.
- Rasa copies every slot (20 here) each time it copies a tracker, several times a message to
  replay the conversation for the policies, with ``copy.copy``, whose generic reduce protocol took
  1.9 µs a slot (7% of the Rasa workers' time). Slots now copy themselves as that protocol does
  for them, a new object with the same attributes, in 0.4 µs.
- Rasa runs its NLU and policy graphs through dask's synchronous scheduler, whose bookkeeping
  (ordering, task queues, caches) cost 8% of the server's CPU for graphs of about twenty nodes.
  The same graph is now evaluated directly, each node once, after the nodes it needs, with the
  minimal graph for each set of targets worked out once.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import itertools
import json
import logging
import sqlite3
from typing import Any, Callable, Iterator, Optional

import aiohttp
import fastjsonschema
import structlog
import ujson
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.slots import Slot
from rasa.shared.nlu.constants import ACTION_NAME, INTENT
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig
from rasa.core import processor, tracker_store
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool


def sqlite_pragmas(connection: Any, _record: Any) -> None:
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")  # stays set in the database file
        cursor.execute("PRAGMA synchronous=NORMAL")  # set per connection
        cursor.close()


POOL_IDLE_SECONDS = 15.0  # aiohttp's default, named: the action server must keep a connection longer


class KeptSession:
    """What ``EndpointConfig.session()`` returns here: Rasa enters it with ``async with`` for each
    request (agent.py, endpoints.py); leaving the block keeps the session open for the next one."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc: Any) -> None:
        return None


def kept_session(self: EndpointConfig) -> KeptSession:
    """Rasa's ``EndpointConfig.session`` (same headers, basic auth and timeout), kept per endpoint."""
    kept = self.__dict__.get("_kept_session")
    if kept is None or kept.closed or kept._loop.is_closed():
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        kept = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(keepalive_timeout=POOL_IDLE_SECONDS),
            headers=self.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=ujson.dumps,  # 0.18 against 0.41-0.47 ms for a 40 KB conversation (json)
        )
        self.__dict__["_kept_session"] = kept
    return KeptSession(kept)


def event_classes_by_name() -> Any:
    by_name: dict[str, type[Event]] = {}
    rasa_lookup = Event.resolve_by_type

    def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
        found = by_name.get(type_name)
        if found is None:
            by_name.clear()
            for cls in all_subclasses(Event):
                by_name.setdefault(cls.type_name, cls)  # the first, as Rasa's walk returns it
            found = by_name.get(type_name)
        return found if found is not None else rasa_lookup(type_name, default)

    return staticmethod(resolve_by_type)


def engine_kwargs() -> Any:
    rasa_kwargs = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url: Any) -> dict[str, Any]:
        if str(url).startswith("sqlite"):
            # Rasa uses the database from the event loop's thread only, one session at a time.
            return {"poolclass": QueuePool, "pool_size": 1, "max_overflow": 4, "connect_args": {"check_same_thread": False}}
        return rasa_kwargs(url)

    return create_engine_kwargs


STORED = "_compact_events_stored"  # on a tracker: how many of its events the SQL store holds


def event_row(sender_id: str, happened: Event) -> dict[str, Any]:
    """The columns Rasa's ``SQLTrackerStore.save`` stores for an event."""
    data = happened.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": happened.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        # ujson: 1.2 against 3.4 µs an event (json.dumps), the same values read back; only the spaces differ
        "data": ujson.dumps(data, escape_forward_slashes=False),
    }


def event_data_query(events: sa.Table, all_sessions: bool) -> Any:
    """``SQLTrackerStore._event_query`` (Rasa 3.6) as one statement with the sender as a parameter,
    selecting the ``data`` column: the conversation's events, or (``all_sessions`` false) those from
    the latest ``SessionStarted``'s timestamp on, or all when it has none; in stored order."""
    sender = sa.bindparam("sender_id")
    query = sa.select(events.c.data).where(events.c.sender_id == sender)
    if not all_sessions:
        start = (
            sa.select(sa.func.max(events.c.timestamp).label("session_start"))
            .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
            .subquery()
        )
        query = query.where(sa.or_(events.c.timestamp >= start.c.session_start, start.c.session_start.is_(None)))
    return query.order_by(events.c.id)


STATEMENTS = "_compact_statements"  # on a store: its TurnStatements


class TurnStatements:
    """A store's insert of event rows and its two loads (:func:`event_data_query`), built once per
    store (building a statement and its cache key cost a tenth of a save). On SQLite each is also
    compiled to its SQL once and run with ``exec_driver_sql``, without SQLAlchemy compiling and
    caching it again at every turn: a save of ten rows 123-138 against 107 µs (median of 300). Other
    databases run the statements (PostgreSQL's driver inserts many rows best through SQLAlchemy)."""

    def __init__(self, store: SQLTrackerStore) -> None:
        table = store.SQLEvent.__table__
        self.insert = table.insert()
        self.loads = {every: event_data_query(table, every) for every in (False, True)}
        dialect = store.engine.dialect
        self.sqlite = dialect.name == "sqlite"
        if self.sqlite:
            columns = [c.name for c in table.columns if not c.primary_key]  # what event_row fills: all but the id
            compiled = self.insert.compile(dialect=dialect, column_keys=columns)
            self.insert_sql, self.insert_order = str(compiled), compiled.positiontup
            self.load_sql = {}
            for every, query in self.loads.items():
                compiled = query.compile(dialect=dialect)
                self.load_sql[every] = (str(compiled), compiled.positiontup, compiled.construct_params({"sender_id": ""}))

    def add(self, connection: Any, rows: list[dict[str, Any]]) -> None:
        if not self.sqlite:
            connection.execute(self.insert, rows)
            return
        order = self.insert_order
        connection.exec_driver_sql(self.insert_sql, [tuple(row[key] for key in order) for row in rows])

    def data(self, connection: Any, sender_id: str, all_sessions: bool) -> list[str]:
        """The ``data`` column of the conversation's events (:func:`event_data_query`)."""
        if not self.sqlite:
            return [data for (data,) in connection.execute(self.loads[all_sessions], {"sender_id": sender_id})]
        sql, order, constants = self.load_sql[all_sessions]
        values = {**constants, "sender_id": sender_id}
        return [data for (data,) in connection.exec_driver_sql(sql, tuple(values[key] for key in order))]


def statements(store: SQLTrackerStore) -> TurnStatements:
    if STATEMENTS not in store.__dict__:
        store.__dict__[STATEMENTS] = TurnStatements(store)
    return store.__dict__[STATEMENTS]


@contextlib.contextmanager
def engine_transaction(self: SQLTrackerStore) -> Iterator[Any]:
    """``SQLTrackerStore.connection_scope``: a transaction on one of the engine's pooled connections,
    committed at the end, for statements that need no ORM session (a session's set-up, commit and
    close cost as much as a turn's insert). bot/tracker_store.py adds its error handling."""
    with self.engine.begin() as connection:
        yield connection


def knows_stored_events() -> tuple[Any, Any]:
    """SQLTrackerStore's ``_retrieve`` and ``save`` with the count kept."""
    rasa_additional = SQLTrackerStore._additional_events

    async def _retrieve(
        self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        """Rasa's, reading only the ``data`` column (building an ORM object per row cost more than the
        rest) with Rasa's query built once per store (building it cost as much as running it)."""
        with self.connection_scope() as connection:
            events = [json.loads(data) for data in statements(self).data(connection, sender_id, fetch_events_from_all_sessions)]
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions and tracker.events.maxlen is None:
            tracker.__dict__[STORED] = len(events)  # the latest session's events, all stored
        return tracker

    async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
        """Rasa's rows, inserted in one statement: an ORM object and unit-of-work flush per event
        cost a quarter of the server's CPU when each message starts a conversation. When the tracker
        knows how many of its events are stored (every tracker a turn loads or creates), the new ones
        go through one transaction on a pooled connection, without an ORM session, and a turn that
        added none touches the database not at all (a save 277 against 185-202 µs)."""
        await self.stream_events(tracker)
        stored = tracker.__dict__.get(STORED)
        if stored is None:  # Rasa's count of the stored events, in an ORM session
            with self.session_scope() as session:
                rows = [event_row(tracker.sender_id, event) for event in rasa_additional(self, session, tracker)]
                if rows:
                    session.execute(statements(self).insert, rows)
                session.commit()
        else:
            rows = [event_row(tracker.sender_id, event) for event in itertools.islice(tracker.events, stored, None)]
            if rows:
                with self.connection_scope() as connection:
                    statements(self).add(connection, rows)
        if tracker.events.maxlen is None:
            tracker.__dict__[STORED] = len(tracker.events)

    return _retrieve, save


def run_graph(
    self: DaskGraphRunner, inputs: Optional[dict[str, Any]] = None, targets: Optional[list[str]] = None
) -> dict[str, Any]:
    """``DaskGraphRunner.run`` without dask: the graph is the one Rasa builds for dask (a node is
    ``(GraphNode, *names of the nodes it needs)``, an input ``(name, value)``)."""
    run_targets = targets if targets else self._graph_schema.target_names
    built = self.__dict__.setdefault("_compact_graphs", {})
    key = tuple(run_targets)
    if key not in built:
        built[key] = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    graph = dict(built[key])
    self._add_inputs_to_graph(inputs, graph)
    results: dict[str, Any] = {}

    def value(name: str) -> Any:
        if name not in results:
            task = graph[name]
            if callable(task[0]):
                results[name] = task[0](*(value(need) if need in graph else need for need in task[1:]))
            else:
                results[name] = task
        return results[name]

    try:
        return dict(value(target) for target in run_targets)
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


def _named(state: dict[str, Any], part: str, key: str) -> Optional[str]:
    """What a state's part (the previous action, the user's message) names, if anything: a rule
    state that sets nothing there, or marks it as unset, matches any conversation's value."""
    value = state.get(part, {}).get(key)
    return value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else None


class RuleIndex:
    """A rule lookup's keys by what their last state names, and each rule's length (its states)."""

    def __init__(self, lookup: dict[str, str]) -> None:
        self.lookup, self.size = lookup, len(lookup)
        self.length: dict[str, int] = {}
        self.by_last: dict[tuple[Optional[str], Optional[str]], list[str]] = {}
        for key in lookup:
            states = json.loads(key)
            self.length[key] = len(states)
            last = states[-1] if states else {}
            action = _named(last, PREVIOUS_ACTION, ACTION_NAME)
            # (a rule's state without a previous action starts a conversation: Rasa checks nothing else of it)
            self.by_last.setdefault((action, _named(last, USER, INTENT) if action else None), []).append(key)

    def candidates(self, state: dict[str, Any]) -> list[str]:
        """The keys whose last state could match ``state``: those naming its previous action and
        its intent or no intent, and those naming no previous action. (A rule naming an action or
        intent fails Rasa's check of a state with another, or with none.)"""
        action, intent = _named(state, PREVIOUS_ACTION, ACTION_NAME), _named(state, USER, INTENT)
        found: list[str] = []
        for named in {(action, intent), (action, None), (None, None)}:
            found.extend(self.by_last.get(named, ()))
        return found


RULE_INDEXES = "_compact_rule_indexes"  # on a rule policy: a RuleIndex for each lookup it searched


def get_possible_keys(self: RulePolicy, lookup: dict[str, str], states: list[dict[str, Any]]) -> set[str]:
    """``RulePolicy._get_possible_keys``: the keys of ``lookup`` whose rule applies to ``states``,
    each decided by Rasa's own ``_is_rule_applicable``."""
    if not states:
        return set(lookup)
    indexes = self.__dict__.setdefault(RULE_INDEXES, {})
    index = indexes.get(id(lookup))
    if index is None or index.lookup is not lookup or index.size != len(lookup):  # (training changes its lookups)
        index = indexes[id(lookup)] = RuleIndex(lookup)
    possible = [key for key in index.candidates(states[-1]) if self._is_rule_applicable(key, 0, states[-1])]
    for turn, state in enumerate(reversed(states[:-1]), start=1):
        if all(index.length[key] <= turn for key in possible):
            break  # every rule left is shorter than this: Rasa's check passes them all
        possible = [key for key in possible if self._is_rule_applicable(key, turn, state)]
    return set(possible)


def sharing_states(rasa_predict: Callable[..., Any]) -> Callable[..., Any]:
    """``RulePolicy._predict`` with the conversation's states worked out once: right after a user's
    message Rasa searches the rules twice, by the message's text and then by its intent, and
    replays the whole session into states for each search. While it predicts, its featurizer's
    ``_create_states`` keeps what it returned for each set of arguments and hands out copies
    (Rasa's own prediction then edits the last user state in place, by text or by intent)."""

    def _predict(self: RulePolicy, tracker: DialogueStateTracker, domain: Domain) -> Any:
        featurizer = self.featurizer
        made: list[tuple[tuple[Any, ...], list[dict[str, Any]]]] = []
        create = featurizer._create_states

        def _create_states(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
            key = (*args, tuple(sorted(kwargs.items())))
            states = next((states for was, states in made if _same(was, key)), None)
            if states is None:
                states = create(*args, **kwargs)
                made.append((key, states))
            return [{part: dict(values) for part, values in state.items()} for state in states]

        featurizer._create_states = _create_states  # (for this prediction only: the tracker does not change in it)
        try:
            return rasa_predict(self, tracker, domain)
        finally:
            del featurizer._create_states

    return _predict


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """The same arguments: the same tracker and domain objects, equal options."""
    objects = (DialogueStateTracker, Domain)
    return len(a) == len(b) and all(x is y or (not isinstance(x, objects) and x == y) for x, y in zip(a, b))


def domain_is_empty() -> Callable[[Domain], bool]:
    """``Domain.is_empty``, against the empty domain's dictionary made once."""
    empty = Domain.empty().as_dict()

    def is_empty(self: Domain) -> bool:
        return self.as_dict() == empty

    return is_empty


def shallow_copy(self: Any) -> Any:
    """``copy.copy`` of an object whose class has no ``__copy__``, ``__setstate__`` or
    ``__slots__``: a new instance of its class sharing the values of its attributes."""
    new = self.__class__.__new__(self.__class__)
    new.__dict__.update(self.__dict__)
    return new


def copied_as_plain_objects(cls: type) -> bool:
    """Whether ``copy.copy`` copies instances of ``cls`` as :func:`shallow_copy` does."""
    own_ways = ("__copy__", "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__")
    return all(getattr(cls, name, None) is getattr(object, name, None) for name in own_ways) and not any(
        c.__dict__.get("__slots__") for c in cls.__mro__
    )


def freeze_startup_objects(*_: Any) -> None:
    """A Sanic ``after_server_start`` listener (the model is loaded before it runs)."""
    gc.collect()
    gc.freeze()


def valid_action_result(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """Whether an action server's response meets Rasa's schema, checking each event against its
    own kind only. The schema says an event must match exactly one of 23 kinds (``oneOf``), each
    pinned to its ``event`` name by a ``const``, so jsonschema tried all 23 for every event (most
    of the check's cost, 7% of the server's CPU); only the kind named can match. Each part is
    compiled to Python by fastjsonschema (148 against 10 µs for a response of the dev questions:
    jsonschema walked the schema for every response); a response it refuses still gets
    jsonschema's own check (:func:`install`)."""
    events = schema["properties"]["events"]
    items = events["items"]
    shared = {key: value for key, value in items.items() if key != "oneOf"}
    by_name = {alt["properties"]["event"]["const"]: compiled({**shared, "allOf": [alt]}) for alt in items["oneOf"]}
    if len(by_name) != len(items["oneOf"]):
        raise ValueError("two event kinds share a name: checking by name would not be Rasa's check")
    outer = compiled({**schema, "properties": {**schema["properties"], "events": {**events, "items": {}}}})

    def valid(result: Any) -> bool:
        if not outer(result):
            return False
        for item in result.get("events", []) if isinstance(result, dict) else []:
            name = item.get("event") if isinstance(item, dict) else None
            checker = by_name.get(name) if isinstance(name, str) else None
            if checker is None or not checker(item):
                return False
        return True

    return valid


def compiled(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """Whether a value meets ``schema``, by fastjsonschema's validator for it (which leaves the value
    as it is: no defaults filled in)."""
    check = fastjsonschema.compile(schema, use_default=False)

    def meets(value: Any) -> bool:
        try:
            check(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return meets


# structlog's loggers that drop a debug entry before any processor sees it (make_filtering_bound_logger
# returns the same class for the same level), as Rasa configures them at every level above debug.
QUIET_AT_DEBUG = frozenset(
    structlog.make_filtering_bound_logger(level) for level in (logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)
)


class DebugEntryCopies:
    """``copy`` as ``rasa.core.processor`` uses it: its every ``copy.deepcopy`` copies a value (the
    turn's events, the parse) for a ``structlogger.debug`` entry, made before the call whether or not
    the entry is logged. The copy is made only when a debug entry can reach structlog's processors
    (Rasa's anonymizer may change what it is given); otherwise the value goes to a call that drops it."""

    @staticmethod
    def deepcopy(value: Any) -> Any:
        return value if structlog.get_config()["wrapper_class"] in QUIET_AT_DEBUG else copy.deepcopy(value)


# Rasa's own code each patch replaces, kept for tests/test_platform.py to compare against.
RASA_ORIGINALS: dict[str, Any] = {}


def install() -> None:
    if getattr(RemoteAction._validate_action_result, "compiled_once", False):
        return
    RASA_ORIGINALS.update(
        {
            "Event.resolve_by_type": Event.resolve_by_type,
            "EndpointConfig.session": EndpointConfig.session,
            "RemoteAction._validate_action_result": RemoteAction._validate_action_result,
            "SQLTrackerStore.save": SQLTrackerStore.save,
            "RulePolicy._get_possible_keys": RulePolicy._get_possible_keys,
            "RulePolicy._predict": RulePolicy._predict,
            "Domain.is_empty": Domain.is_empty,
            "processor.copy": processor.copy,
        }
    )
    event.listen(Engine, "connect", sqlite_pragmas)
    Event.resolve_by_type = event_classes_by_name()  # type: ignore[method-assign]
    EndpointConfig.session = kept_session  # type: ignore[method-assign]
    tracker_store.create_engine_kwargs = engine_kwargs()
    SQLTrackerStore._retrieve, SQLTrackerStore.save = knows_stored_events()  # type: ignore[method-assign]
    SQLTrackerStore.connection_scope = engine_transaction  # type: ignore[attr-defined]
    DaskGraphRunner.run = run_graph  # type: ignore[method-assign]
    RulePolicy._get_possible_keys = get_possible_keys  # type: ignore[method-assign]
    RulePolicy._predict = sharing_states(RulePolicy._predict)  # type: ignore[method-assign]
    Domain.is_empty = domain_is_empty()  # type: ignore[method-assign]
    if not all(copied_as_plain_objects(cls) for cls in [Slot, *all_subclasses(Slot)]):
        raise RuntimeError("a Rasa slot copies itself its own way now: shallow_copy would not be copy.copy")
    Slot.__copy__ = shallow_copy  # type: ignore[attr-defined]
    processor.copy = DebugEntryCopies  # type: ignore[assignment]
    schema = RemoteAction.action_response_format_spec()
    kind = validator_for(schema)
    kind.check_schema(schema)
    validator = kind(schema)
    valid = valid_action_result(schema)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if valid(result):
            return True
        error = best_match(validator.iter_errors(result))  # Rasa's own check, for Rasa's own error
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error

    _validate_action_result.compiled_once = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
