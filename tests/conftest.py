from __future__ import annotations

import os
from pathlib import Path

import pytest

from compact import turn_memo
from compact.assistant import Assistant
from compact.knowledge import Knowledge, load
from scripts.servers import running
from scripts.with_assistant import free_port

ROOT = Path(__file__).resolve().parent.parent
# The repository's own copy of the document (knowledge/source/README.md); COMPACT_SOURCE points the
# fidelity tests at another version, such as the final Compact.
SOURCE = Path(os.environ.get("COMPACT_SOURCE", ROOT / "knowledge" / "source" / "derby-derbyshire-compact-draft-2016.txt"))


@pytest.fixture(autouse=True)
def one_turn_each():
    """Each test starts as a new turn does: nothing kept from another (compact/turn_memo.py), so a
    test that changes a matcher's settings is not answered from an earlier test's results."""
    turn_memo.forget()


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load()


@pytest.fixture(scope="session")
def assistant(knowledge: Knowledge) -> Assistant:
    return Assistant(knowledge, settings={})


@pytest.fixture(scope="session")
def source_text() -> str:
    assert SOURCE.exists(), f"the source document is missing: {SOURCE} (set COMPACT_SOURCE to its path)"
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def council_site_origin() -> str:
    """The origin of a test "council website" that embeds the widget from the assistant's server:
    allowed by the assistant started below (a different host name than the assistant's 127.0.0.1)."""
    return f"http://localhost:{free_port()}"


@pytest.fixture(scope="session")
def botframework():
    """The Bot Framework stand-in (tests/botframework_standin.py) the assistant's Teams channel uses."""
    from tests.botframework_standin import StandIn

    standin = StandIn().start()
    yield standin
    standin.stop()


@pytest.fixture(scope="session")
def bot(tmp_path_factory, council_site_origin, botframework):
    """The trained assistant and its action server, started for real once per test run:
    (servers, path of the SQLite tracker store)."""
    from tests.botframework_standin import APP_ID, APP_PASSWORD
    from tests.server_secret import SERVER_SECRET

    work = tmp_path_factory.mktemp("assistant")
    db = work / "tracker.db"
    env = {
        "COMPACT_SETTINGS": "",
        "COMPACT_WIDGET_ORIGINS": council_site_origin,
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": APP_PASSWORD,
        "TEAMS_OPENID_METADATA_URL": botframework.openid_url,
        "TEAMS_TOKEN_URL": botframework.token_url,
        "COMPACT_SECRET": SERVER_SECRET,
        # Tests may stand in for clients behind a proxy (X-Forwarded-For from loopback); every other
        # test shares 127.0.0.1, so its per-address budgets are larger than the defaults.
        "COMPACT_TRUSTED_PROXIES": "127.0.0.1",
        "COMPACT_ADDRESS_BURST": "600",
        "COMPACT_NEW_CONVERSATIONS_BURST": "300",
        # Sessions restart as often as allowed (every few turns), so every end-to-end conversation
        # also checks that a restarted session carries the conversation on (bot/bounded_sessions.py).
        "COMPACT_SESSION_EVENTS": "20",
    }
    with running(port=free_port(), action_port=free_port(), tracker_db=db, extra_env=env, log_dir=work) as r:
        yield r, db


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, driven by Playwright, once per test run."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser tab (its own sessionStorage) at desktop size; fails the test on any
    uncaught script error."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB", timezone_id="Europe/London")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"script errors in the page: {errors}"
