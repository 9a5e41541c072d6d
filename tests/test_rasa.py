"""Rasa's own checks: the training data validates with no warning, and the test stories pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "compact.tar.gz"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "2"}


def rasa(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([RASA, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)


def test_data_validates_without_warnings():
    result = rasa(
        "data", "validate", "--config", "bot/config.yml", "--domain", "bot/domain", "--data", "data", "--fail-on-warnings"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "UserWarning" not in output, [line for line in output.splitlines() if "UserWarning" in line]


def test_test_stories_pass(tmp_path):
    assert MODEL.exists(), "run `make train` first (make test does)"
    result = rasa(
        "test",
        "core",
        "--model",
        str(MODEL),
        "--stories",
        "tests/test_stories.yml",
        "--out",
        str(tmp_path),
        "--fail-on-prediction-errors",
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    report = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert "None of the test stories failed" in report, report


@pytest.mark.parametrize("script", ["scripts/generate_nlu.py", "scripts/generate_domain.py", "scripts/generate_words.py"])
def test_generated_data_is_current(script):
    result = subprocess.run([sys.executable, script, "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_button_payloads_come_out_of_rasas_interpolation_whole_and_without_an_error():
    """Rasa fills {slot} placeholders in a response's buttons too: a payload's JSON must be written
    with doubled braces, or every greeting logs an interpolation ERROR (and keeps the text only
    by luck). Checked with Rasa's own generator and structlog's capture."""
    import asyncio
    import json

    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from structlog.testing import capture_logs

    domain = Domain.load(str(ROOT / "bot" / "domain"))
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    tracker = DialogueStateTracker.from_events("t", [], domain.slots)
    payloads = []
    with capture_logs() as logs:
        for name, variants in domain.responses.items():
            for _ in variants:
                message = asyncio.run(nlg.generate(name, tracker, "rest")) or {}
                payloads += [b["payload"] for b in message.get("buttons") or []]
    assert [entry for entry in logs if entry.get("log_level") == "error"] == []
    assert payloads and all("{{" not in p for p in payloads)
    for payload in payloads:
        if "{" in payload:
            assert json.loads(payload[payload.index("{") :])["entry_id"]
