"""compact/native_threads.py: numerical libraries use one thread in each server process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sanic import Sanic

from scripts.servers import ROOT

LOADED = "import numpy, scipy.linalg, sklearn.svm"  # what the servers' models load
THREADS = "from threadpoolctl import threadpool_info; print(sorted({i['num_threads'] for i in threadpool_info()}))"


def threads_after(setup: str) -> str:
    """The thread counts of the numerical libraries in a fresh interpreter after ``setup``."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}  # (no *_NUM_THREADS from the caller)
    done = subprocess.run([sys.executable, "-c", f"{setup}\n{THREADS}"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_the_libraries_use_several_threads_unless_told():
    """(So the checks below could fail.)"""
    if os.cpu_count() == 1:
        pytest.skip("one core: the libraries use one thread anyway")
    assert threads_after(LOADED) != "[1]"


def test_one_thread_each_limits_every_library_loaded():
    assert threads_after(f"{LOADED}\nfrom compact.native_threads import one_thread_each\none_thread_each()") == "[1]"


def test_the_action_server_runs_with_one_thread_each():
    assert threads_after("import actions.answering") == "[1]"


def test_each_rasa_worker_limits_them_once_the_model_is_loaded():
    from bot.platform.server import add_jobs, one_native_thread

    app = Sanic("native_threads_test")
    add_jobs(app)
    routes = app.signal_router.routes
    after_start = [r.handler.keywords["listener"] for r in routes if r.ctx.definition == "server.init.after"]
    assert one_native_thread in after_start  # (Sanic runs these listeners as signals)
    assert threads_after(f"{LOADED}\nfrom bot.platform.server import one_native_thread\none_native_thread()") == "[1]"
