"""The platform layer (bot/platform/): one test per patch comparing it with Rasa's own behaviour,
the version check, and the server-wide jobs running whatever channels are configured."""

from __future__ import annotations

import asyncio
import copy
import json
import sqlite3
import tarfile
import time
from typing import Iterator

import pytest
import ujson
import requests
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from bot.platform import RASA_VERSION, WrongRasaVersion, check_version, install
from bot.platform.speedups import RASA_ORIGINALS
from scripts.servers import ROOT, running
from scripts.with_assistant import free_port

install()


def test_another_rasa_version_is_refused_with_what_to_do():
    check_version()  # the installed one
    with pytest.raises(WrongRasaVersion, match=f"Rasa {RASA_VERSION}.*found Rasa 3.7.0.*tests/test_platform.py"):
        check_version("3.7.0")


def outcome(call, *args, **kwargs):
    try:
        return "returned", call(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 (the comparison is the point)
        return "raised", type(error), str(error)


def test_event_classes_are_found_as_rasa_finds_them():
    rasa_lookup = RASA_ORIGINALS["Event.resolve_by_type"]
    names = {cls.type_name for cls in all_subclasses(Event)} | {"no_such_event", "topic"}
    for name in sorted(names):
        assert outcome(Event.resolve_by_type, name) == outcome(rasa_lookup, name), name
        assert outcome(Event.resolve_by_type, name, default=Event) == outcome(rasa_lookup, name, default=Event), name


@pytest.mark.parametrize(
    "response",
    [
        {"events": [], "responses": []},
        {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]},
        {"events": "not a list", "responses": []},
        {"events": [{"event": 42}], "responses": []},
        {"events": [], "responses": "nope"},
        [],
        {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "not a number"}], "responses": []},
        {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": {"name": 3}}}], "responses": []},
        {"events": [{"event": "bot", "text": "hi"}, {"event": "no_such_kind"}], "responses": []},
        {"events": [{"event": ["slot"]}], "responses": []},
        {"events": [{"name": "x"}], "responses": []},
        {"events": ["slot"], "responses": []},
        {"events": [{"event": "action", "name": "action_listen", "policy": None, "confidence": None}], "responses": []},
        {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "utter_x"}], "responses": []},
        {"events": [{"event": "reset_slots"}, {"event": "restart"}, {"event": "session_started"}]},
        {"responses": [{"text": "only responses"}]},
    ],
)
def test_action_responses_are_validated_as_rasa_does(response):
    action = RemoteAction("action_x", None)
    outcomes = []
    for validate in (RASA_ORIGINALS["RemoteAction._validate_action_result"], RemoteAction._validate_action_result):
        try:
            outcomes.append(("valid", validate(action, response)))
        except ValidationError as error:
            outcomes.append(("invalid", error.message))
    assert outcomes[0] == outcomes[1]


# Values for an event's fields: each JSON type, and the shapes Rasa's schema asks of some fields.
FIELD_VALUES = [None, True, False, 0, 1, -3, 1.0, 2.5, "", "x", "action_listen", [], ["x"], [{"text": "x"}], {}, {"name": "x"},
                {"intent": {"name": "x"}}, {"intent": {"name": 3}}, {"a/b": 1}, {"a b": 1}]  # fmt: skip


def generated_responses(count: int) -> Iterator[object]:
    """Responses with events of every kind Rasa's schema names, their fields given every kind of value."""
    import random

    chooser = random.Random(17)
    kinds = RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]
    for n in range(count):
        events = []
        for _ in range(chooser.randint(0, 3)):
            kind = chooser.choice(kinds)
            fields = [f for f in kind["properties"] if f != "event"] + ["timestamp", "metadata", "extra"]
            event = {f: chooser.choice(FIELD_VALUES) for f in chooser.sample(fields, chooser.randint(0, len(fields)))}
            event["event"] = kind["properties"]["event"]["const"] if n % 7 else chooser.choice(["nope", 3, None])
            events.append(event)
        response = {"events": events, "responses": chooser.choice([[], [{"text": "x"}], "x", [3], None])}
        yield chooser.choice([response, response, response, {"events": events}, events, {"responses": []}])


def test_action_responses_get_rasas_verdict_whatever_their_shape():
    """The compiled check (fastjsonschema) against jsonschema's over Rasa's own schema."""
    from jsonschema.validators import validator_for

    from bot.platform.speedups import valid_action_result

    schema = RemoteAction.action_response_format_spec()
    rasas, ours = validator_for(schema)(schema), valid_action_result(schema)
    verdicts = [(rasas.is_valid(r), ours(r)) for r in generated_responses(4000)]
    assert all(a == b for a, b in verdicts)
    assert 200 < sum(a for a, _ in verdicts) < 3800  # (both kinds of verdict, many times)


# What a conversation sent to the action server holds: text as typed, confidences, timestamps.
BODY = {"text": 'café / naïve \u2019 \U0001f600 "q" \\', "confidence": 0.1 + 0.2, "tiny": 1e-320, "big": 2**70, "none": None}


def test_the_kept_session_answers_as_rasas_does_and_keeps_its_connection():
    async def scenario() -> tuple[list, list, int, object]:
        peers: list = []

        async def echo(request: web.Request) -> web.Response:
            peers.append(request.transport.get_extra_info("peername") if request.transport else None)
            return web.json_response({"got": await request.json()})

        app = web.Application()
        app.router.add_post("/webhook", echo)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            ours = [await endpoint.request(json=BODY | {"n": i}, method="post") for i in range(3)]
            kept_peers = list(peers)
            writer = endpoint.session().session._json_serialize
            original = RASA_ORIGINALS["EndpointConfig.session"]
            EndpointConfig.session = original  # Rasa's own, for comparison
            try:
                rasas = [await endpoint.request(json=BODY | {"n": i}, method="post") for i in range(3)]
            finally:
                from bot.platform.speedups import kept_session

                EndpointConfig.session = kept_session
        finally:
            await runner.cleanup()
        return ours, rasas, len(set(kept_peers)), writer

    ours, rasas, connections, writer = asyncio.run(scenario())
    assert writer is ujson.dumps
    assert ours == rasas == [{"got": BODY | {"n": i}} for i in range(3)]  # (written by ujson, then by json)
    assert connections == 1, "one kept-alive connection for the three calls"


def test_the_server_jobs_run_without_any_of_our_channels(tmp_path):
    """Rasa's stock REST channel only: the request limits still hold and expiry still runs."""
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n", encoding="utf-8")
    db = tmp_path / "tracker.db"
    env = {"COMPACT_KEEP_DAYS": str(5 / 86400), "COMPACT_EXPIRY_CHECK_SECONDS": "0.5"}  # keep five seconds
    with running(
        port=free_port(), action_port=free_port(), tracker_db=db, log_dir=tmp_path, extra_env=env, credentials=str(credentials)
    ) as r:
        url = f"{r.url}/webhooks/rest/webhook"
        big = requests.post(url, data=b'{"sender": "a", "message": "' + b"x" * 100_000 + b'"}', timeout=30)
        assert big.status_code == 413, "the body limit is the platform's, not a channel's"
        ok = requests.post(url, json={"sender": "old-one", "message": "hello"}, timeout=30)
        assert ok.status_code == 200
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with sqlite3.connect(db) as c:
                if not c.execute("SELECT COUNT(*) FROM events WHERE sender_id = 'old-one'").fetchone()[0]:
                    break
            time.sleep(0.5)
        else:
            pytest.fail("expiry did not run")


def rule_lookups() -> dict[str, dict[str, str]]:
    """The trained model's rule lookups (those searched for each prediction)."""
    with tarfile.open(ROOT / "models" / "compact.tar.gz") as model:
        member = next(m for m in model.getmembers() if m.name.endswith("/rule_policy.json"))
        lookup = json.load(model.extractfile(member))["lookup"]
    at_the_start = {json.dumps([{USER: {"intent": "greet"}}]): "utter_greet"}  # (a rule with conversation_start: true)
    return {name: lookup[name] for name in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH)} | {"start": {**at_the_start, **lookup[RULES]}}


def conversations(rules: list[list[dict]], intents: list[str]) -> Iterator[list[dict]]:
    """States to look rules up for: each rule's own, with its last message's intent replaced by
    every other (or added), as a conversation's start, read by text instead of intent, after another rule's
    states (long enough for the walk back to stop early), and none."""
    yield []
    for states in rules:
        yield states
        last = states[-1]
        for intent in intents:
            yield [*states[:-1], {**last, USER: {**last.get(USER, {}), "intent": intent}}]
        yield [*states[:-1], {k: v for k, v in last.items() if k != PREVIOUS_ACTION}]
        if USER in last:
            yield [*states[:-1], {**last, USER: {"text": "some words"}}]
    for first, second in zip(rules, [*rules[7:], *rules[:7]]):
        yield [*first, *second, *first]


def test_the_rules_that_apply_are_found_as_rasa_finds_them():
    """Every rule of the trained model checked against each conversation by Rasa's own search and
    the indexed one give the same rules, for both lookups a prediction searches."""
    rasa_search = RASA_ORIGINALS["RulePolicy._get_possible_keys"]
    policy = RulePolicy.__new__(RulePolicy)  # (the search reads no trained state but the lookup given)
    intents = sorted({s[USER]["intent"] for key in rule_lookups()[RULES] for s in json.loads(key) if "intent" in s.get(USER, {})})
    checked = found = 0
    for lookup in rule_lookups().values():
        rules = [json.loads(key) for key in lookup]
        for states in conversations(rules, intents):
            ours = policy._get_possible_keys(lookup, states)
            assert ours == rasa_search(policy, lookup, states), states
            checked, found = checked + 1, found + bool(ours)
    assert checked > 1000 and 0 < found < checked, "conversations that some rule fits, and some that none does"


def test_a_domain_is_found_empty_as_rasa_finds_it():
    rasas = RASA_ORIGINALS["Domain.is_empty"]
    ours = Domain.load(ROOT / "bot" / "domain")
    for domain in (Domain.empty(), ours, Domain.from_dict({"intents": ["greet"]}), Domain.from_dict({})):
        assert domain.is_empty() == rasas(domain)
    assert Domain.empty().is_empty() and not ours.is_empty()


def test_a_slot_is_copied_as_python_copies_it():
    """Every slot of the domain, copied by Rasa's tracker copy, is what copy.copy made before."""
    from bot.platform.speedups import shallow_copy

    slots = Domain.load(ROOT / "bot" / "domain").slots
    assert {type(s).__name__ for s in slots} >= {"TextSlot", "CategoricalSlot", "ListSlot"}
    for slot in slots:
        slot.value = ["a", "list"] if type(slot).__name__ == "ListSlot" else slot.value
        ours = copy.copy(slot)
        del Slot.__copy__  # Python's own copy
        try:
            pythons = copy.copy(slot)
        finally:
            Slot.__copy__ = shallow_copy
        assert type(ours) is type(pythons) is type(slot) and ours is not slot
        assert ours.__dict__ == pythons.__dict__ == slot.__dict__
        assert all(ours.__dict__[k] is slot.__dict__[k] for k in slot.__dict__), "shallow, as copy.copy"
    tracker = DialogueStateTracker("someone", slots)
    tracker.slots[slots[0].name].value = "changed"
    assert tracker.init_copy().slots[slots[0].name].value is None, "a copied tracker starts from the initial values"


def test_every_copy_the_processor_makes_is_for_a_debug_entry():
    """What DebugEntryCopies relies on: in Rasa's processor, ``copy`` serves only ``copy.deepcopy``
    calls that are arguments of ``structlogger.debug``."""
    import ast
    import inspect

    from rasa.core import processor

    tree = ast.parse(inspect.getsource(processor))
    for_debug, uses = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "structlogger.debug":
            for_debug |= {id(k.value.func) for k in node.keywords if isinstance(k.value, ast.Call)}
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "copy":
            uses.append(node)
    assert len(uses) == 6 and all(u.attr == "deepcopy" and id(u) in for_debug for u in uses)
    assert processor.copy.__name__ == "DebugEntryCopies"  # (installed)


def test_a_debug_entry_is_copied_only_when_it_can_be_logged():
    import logging

    import structlog
    from rasa.utils.log_utils import configure_structlog

    from bot.platform.speedups import DebugEntryCopies

    saved = structlog.get_config()
    value = [{"event": "slot", "value": ["13.2"]}]
    try:
        configure_structlog(logging.INFO)
        assert DebugEntryCopies.deepcopy(value) is value
        configure_structlog(logging.DEBUG)
        copied = DebugEntryCopies.deepcopy(value)
        assert copied == value and copied is not value and copied[0]["value"] is not value[0]["value"]
        structlog.configure(wrapper_class=structlog.stdlib.BoundLogger)  # (a logger of another kind: copied)
        assert DebugEntryCopies.deepcopy(value) is not value
    finally:
        structlog.configure(**saved)


def test_both_servers_skip_sanics_access_log_lines(monkeypatch, tmp_path):
    """Rasa sets Sanic's access logger to ERROR, so its lines were built and dropped on every request."""
    from sanic import Sanic

    from scripts.servers import base_env

    for name, value in base_env(action_port=5055, tracker_db=tmp_path / "t.db").items():
        monkeypatch.setenv(name, value)
    assert Sanic("access_log_probe").config.ACCESS_LOG is False


def test_a_prediction_works_the_states_out_once_and_predicts_as_rasa():
    """Every prediction point of the training stories and rules (the tracker before each action):
    the rule policy predicts what Rasa's own ``_predict`` does, and right after a user's message
    it replays the conversation into states once, not once for the text and again for the intent."""
    from rasa.core.agent import Agent
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.importers.importer import TrainingDataImporter

    agent = Agent.load(str(ROOT / "models" / "compact.tar.gz"))
    nodes = agent.processor.graph_runner._instantiated_nodes.values()
    policy = next(n._component for n in nodes if isinstance(getattr(n, "_component", None), RulePolicy))
    domain = agent.domain
    importer = TrainingDataImporter.load_from_dict(domain_path=str(ROOT / "bot/domain"), training_data_paths=[str(ROOT / "data")])
    trackers = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0).generate()
    points = [
        DialogueStateTracker.from_events(t.sender_id, list(t.events)[:i], domain.slots)
        for t in trackers
        for i, e in enumerate(t.events)
        if i and isinstance(e, ActionExecuted)
    ]
    rasas = RASA_ORIGINALS["RulePolicy._predict"]

    def seen(found: tuple) -> tuple:
        p, source = found
        flags = (p.is_end_to_end_prediction, p.is_no_user_prediction)
        return (p.probabilities, p.policy_name, p.events, p.optional_events, flags, source)

    replays: list[str] = []
    create = type(policy.featurizer)._create_states  # (a static method: counted where Rasa looks it up)
    type(policy.featurizer)._create_states = staticmethod(lambda *a, **k: replays.append("") or create(*a, **k))
    doubled = 0
    try:
        for tracker in points:
            replays.clear()
            ours = seen(policy._predict(tracker, domain))
            made = len(replays)
            replays.clear()
            assert ours == seen(rasas(policy, tracker, domain))
            assert made == min(len(replays), 1), "Rasa's replays, made once"
            doubled += len(replays) == 2  # after a user's message: by text, then by intent
    finally:
        type(policy.featurizer)._create_states = staticmethod(create)
    assert len(points) > 200 and doubled > 50
