"""The production set-up the deployment guide ships: systemd units that restart each server, limit
its resources and harden it (deploy/systemd/), checked with systemd's own analyser, and the
command they run (`scripts/servers.py serve rasa|actions`) started for real."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from scripts.servers import ROOT, rest_answers, stop, wait_until
from scripts.with_assistant import free_port

UNITS = ROOT / "deploy" / "systemd"
INSTALLED_AT = "/opt/compact-assistant"
MAX_EXPOSURE = 2.0  # systemd-analyze security: 0 is fully locked down, 10 not at all; under 4.5 is "OK"


def unit_here(name: str, tmp_path: Path) -> Path:
    """The unit as installed in this checkout (its paths point here), so the analyser can check them."""
    copy = tmp_path / name
    copy.write_text((UNITS / name).read_text().replace(INSTALLED_AT, str(ROOT)))
    return copy


@pytest.mark.parametrize("name", ["compact-rasa.service", "compact-actions.service", "compact-assistant.target"])
def test_units_pass_systemds_own_check(name, tmp_path):
    checked = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit_here(name, tmp_path))], capture_output=True, text=True
    )
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


@pytest.mark.parametrize("name", ["compact-rasa.service", "compact-actions.service"])
def test_units_restart_limit_and_harden_their_server(name, tmp_path):
    text = (UNITS / name).read_text()
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, flags=re.M))
    assert settings["Restart"] == "always" and settings["MemoryMax"] and settings["TasksMax"]
    assert settings["User"] != "root" and settings["NoNewPrivileges"] == "yes" and settings["ProtectSystem"] == "strict"
    assert f"scripts/servers.py serve {'rasa' if 'rasa' in name else 'actions'}" in settings["ExecStart"]
    security = subprocess.run(
        [
            "systemd-analyze",
            "security",
            "--offline=true",
            f"--threshold={int(MAX_EXPOSURE * 10)}",
            str(unit_here(name, tmp_path)),
        ],
        capture_output=True,
        text=True,
    )
    exposure = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", security.stdout).group(1))
    assert exposure <= MAX_EXPOSURE and security.returncode == 0, security.stdout[-2000:]


def test_the_units_command_runs_each_server(tmp_path):
    """What the units start: `serve actions` and `serve rasa` become the two servers, and they answer."""
    port, action_port = free_port(), free_port()
    env = {**os.environ, "RASA_PORT": str(port), "ACTION_PORT": str(action_port), "TRACKER_DB": str(tmp_path / "t.db")}
    procs = []
    try:
        for which in ("actions", "rasa"):
            with open(tmp_path / f"{which}.log", "wb") as log:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "scripts/servers.py", "serve", which],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: rest_answers(url) or any(p.poll() is not None for p in procs), "both servers answer", 240)
        assert all(p.poll() is None for p in procs), (tmp_path / "rasa.log").read_text()[-3000:]
        reply = requests.post(
            f"{url}/webhooks/rest/webhook", timeout=30, json={"sender": "unit", "message": "how much notice before funding ends?"}
        )
        assert reply.status_code == 200 and "Commitment 13.2" in reply.text, "the action server answered through Rasa"
        assert (tmp_path / "t.db").exists(), "conversations in the configured tracker store"
    finally:
        stop(procs)
