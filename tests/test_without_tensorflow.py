"""bot/without_tensorflow.py: the Rasa server leaves TensorFlow out only for a model that never
uses it, and then parses and predicts exactly as Rasa does with TensorFlow loaded."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from bot import without_tensorflow
from bot.without_tensorflow import TensorFlowNotLoaded, components, model_path, needs_tensorflow
from scripts.bench import dev_questions
from scripts.servers import MODEL, ROOT


def archive(tmp_path: Path, uses: list[str]) -> Path:
    """A model archive holding only a metadata.json whose prediction graph uses ``uses``."""
    metadata = json.dumps({"predict_schema": {"nodes": {f"n{i}": {"uses": u} for i, u in enumerate(uses)}}}).encode()
    path = tmp_path / "model.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("metadata.json")
        info.size = len(metadata)
        tar.addfile(info, io.BytesIO(metadata))
    return path


def test_this_projects_model_needs_no_tensorflow():
    assert components(MODEL)  # read from the real archive
    assert not needs_tensorflow(MODEL)


def test_a_model_with_a_tensorflow_component_or_an_unknown_one_keeps_tensorflow(tmp_path):
    free = sorted(without_tensorflow.TENSORFLOW_FREE)
    assert not needs_tensorflow(archive(tmp_path, free))
    assert needs_tensorflow(archive(tmp_path, [*free, "rasa.nlu.classifiers.diet_classifier.DIETClassifier"]))
    assert needs_tensorflow(archive(tmp_path, [*free, "custom.MyComponent"]))


def test_a_model_that_cannot_be_read_keeps_tensorflow(tmp_path):
    assert needs_tensorflow(None)
    assert needs_tensorflow(tmp_path / "missing.tar.gz")
    (tmp_path / "broken.tar.gz").write_bytes(b"not a tar")
    assert needs_tensorflow(tmp_path / "broken.tar.gz")


def test_tensorflow_settings_keep_tensorflow():
    """Rasa configures TensorFlow at start when one is set: placeholders would refuse that."""
    argv = ["run", "--model", str(MODEL)]
    assert without_tensorflow.can_leave_out(argv, {})
    for name in without_tensorflow.TENSORFLOW_SETTINGS:
        assert not without_tensorflow.can_leave_out(argv, {name: "2"})
        assert without_tensorflow.can_leave_out(argv, {name: ""})


def test_the_model_is_found_as_rasa_run_is_given_it(tmp_path):
    older, newer = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    for path, when in ((newer, 2_000_000_000), (older, 1_000_000_000)):
        path.write_bytes(b"")
        os.utime(path, (when, when))
    assert model_path(["run", "--model", str(older)]) == older
    assert model_path(["run", f"--model={older}"]) == older
    assert model_path(["run", "-m", str(tmp_path)]) == newer  # a directory: its newest archive, as Rasa picks
    assert model_path(["run", "--port", "5005"]) is None
    assert model_path(["run", "--model", str(tmp_path / "gone.tar.gz")]) is None


# Run in a fresh interpreter (this one has imported TensorFlow already): load the model, then for
# each message parse it and predict the next action, printing both as JSON.
PROBE = """
import asyncio, json, sys
from bot import without_tensorflow
applied = without_tensorflow.apply(sys.argv[1:]) if sys.argv[1] == "--model" else False
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
import tensorflow

async def main():
    agent = Agent.load(sys.argv[2])
    out = []
    for i, text in enumerate(json.load(sys.stdin)):
        parsed = await agent.parse_message(text)
        sender = f"probe{i}"
        await agent.processor.log_message(UserMessage(text, sender_id=sender))
        tracker = await agent.processor.get_tracker(sender)
        prediction = agent.processor._predict_next_with_tracker(tracker)
        out.append({"intent": parsed["intent"], "entities": parsed["entities"],
                    "ranking": parsed["intent_ranking"], "action": prediction.max_confidence_index,
                    "policy": prediction.policy_name, "confidence": prediction.max_confidence})
    print(json.dumps({"applied": applied, "placeholder": type(tensorflow).__name__, "results": out}))

asyncio.run(main())
"""


def probe(first: str, messages: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, first, str(MODEL)],
        input=json.dumps(messages),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_server_without_tensorflow_parses_and_predicts_as_with_it():
    questions = dev_questions()
    moves = ["hi", "thanks", "bye", "stop", "start again", "the first one", "yes", "no", "we're a charity", "🙂", "3.1"]
    messages = [*questions[:60], *moves]
    without, with_it = probe("--model", messages), probe("--keep", messages)
    assert without["applied"] and without["placeholder"] == "_PlaceholderModule"
    assert not with_it["applied"] and with_it["placeholder"] == "module"  # the real TensorFlow
    assert without["results"] == with_it["results"]


def test_using_a_placeholder_says_why_instead_of_running_on_nothing():
    placeholder = without_tensorflow._PlaceholderModule("tensorflow").keras.callbacks.Callback

    class Callback(placeholder):  # Rasa's module-level code subclasses them
        pass

    assert not isinstance(object(), placeholder)
    with pytest.raises(TensorFlowNotLoaded, match="started without TensorFlow"):
        Callback()
    with pytest.raises(TensorFlowNotLoaded):
        without_tensorflow._PlaceholderModule("tensorflow").constant(1)
