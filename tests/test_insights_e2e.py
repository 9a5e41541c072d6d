"""The owners' insights report end to end: conversations with the real running assistant over
REST, the website widget and Teams (answers, a triage to the ready-to-send message, questions it
cannot answer, personal data, votes on answers), then ``scripts/insights.py`` on its SQLite
store, and the page's figures checked against what was sent, its personal data masked, and the
page itself in chromium with axe-core."""

from __future__ import annotations

import contextlib
import html as html_lib
import io
import re
import shutil
import sqlite3
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from scripts.insights import main
from tests.browser import ARTIFACTS, axe_violations, describe
from tests.rest_client import new_widget_conversation

# What the conversations below say that must never reach the report
PERSONAL = ["Priya", "Sharma", "priya.sharma@example.org", "07700 900456", "DE22 1AB", "Jane", "Smith", "jane.smith@example.org"]
PERSONAL += ["07700 900123", "DE1 2AB", "01332 123456", "Whitworth"]
NOT_ANSWERED = [  # (what is typed, how the assistant turns it down)
    ("what's the weather in Derby tomorrow?", "outside"),
    ("can we sue the council?", "legal"),
    ("bonjour, comment ça va?", "english"),
    ("Hi, I'm Priya Sharma (priya.sharma@example.org, 07700 900456, DE22 1AB): when are the bins collected?", "outside"),
    ("My name is Jane Smith, phone 07700 900123, we are at DE1 2AB. Can you renew my parking permit?", "outside"),
]
TRIAGE = [
    "I want to report a breach",
    "the council paid our grant four months late and we had to use our reserves",
    "we emailed the finance team twice, no reply",
    "not yet",
    "we'd like the late payments sorted and paid on time from now on",
]


@dataclass
class Sent:
    """What the test sent and what it was told: the oracle for the report's figures."""

    messages: Counter = field(default_factory=Counter)  # channel -> messages
    conversations: Counter = field(default_factory=Counter)  # channel -> conversations
    answers: Counter = field(default_factory=Counter)  # entry -> turns answered about it (the replies' "feedback" key)
    replies: list = field(default_factory=list)  # (text sent, reply text)

    def record(self, channel: str, text: str, messages: list[dict], new: bool = False) -> str:
        self.messages[channel] += 1
        self.conversations[channel] += int(new)
        about = {m["feedback"]["entry"] for m in messages if isinstance(m.get("feedback"), dict)}
        for entry in about:
            self.answers[entry] += 1
        reply = "\n".join(m.get("text") or "" for m in messages)
        self.replies.append((text, reply))
        return reply


def rest(bot, sent: Sent, sender: str, text: str, new: bool = False) -> str:
    r = requests.post(f"{bot[0].url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    assert r.status_code == 200, r.text
    return sent.record("rest", text, r.json(), new)


def widget(url: str, sent: Sent, sender: str, text: str, new: bool = False) -> str:
    r = requests.post(f"{url}/widget/webhook", json={"sender": sender, "message": text}, timeout=60)
    assert r.status_code == 200, r.text
    return sent.record("widget", text, r.json(), new)


def keep_only_since(source: Path, copy: Path, since: float) -> None:
    """A consistent copy of the live store (the server keeps writing), keeping only the
    conversations that started after ``since``: this test's, whatever ran before it."""
    with sqlite3.connect(source) as live, sqlite3.connect(copy) as out:
        live.backup(out)
        out.execute(
            "DELETE FROM events WHERE sender_id IN (SELECT sender_id FROM events GROUP BY sender_id HAVING MIN(timestamp) < ?)",
            (since,),
        )


@pytest.fixture(scope="module")
def report(bot, botframework, tmp_path_factory):
    """The conversations, then the report made from them by scripts/insights.py: (html, what was sent, the CLI's output)."""
    servers, db = bot
    started = time.time() - 0.001
    sent = Sent()
    run = uuid.uuid4().hex[:8]

    a = f"insights-{run}-answers"
    rest(bot, sent, a, "what is the compact?", new=True)
    rest(bot, sent, a, "how long should a consultation last?")
    rest(bot, sent, a, "does that have to be in writing?")
    votes = [
        {"sender": a, "entry": "3.6", "helpful": True},
        {"sender": a, "entry": "3.6", "helpful": False, "comment": "Whether email counts. Ask Karen Whitworth on 01332 123456"},
    ]
    for vote in votes:  # the latest counts: not helpful, with a comment
        r = requests.post(f"{servers.url}/webhooks/rest/feedback", json=vote, timeout=30)
        assert r.status_code == 200, r.text

    b = f"insights-{run}-declined"
    for n, (text, _) in enumerate(NOT_ANSWERED):
        rest(bot, sent, b, text, new=n == 0)

    c = f"insights-{run}-triage"
    for n, text in enumerate(TRIAGE):
        reply = rest(bot, sent, c, text, new=n == 0)
    assert "Subject: Derby and Derbyshire Compact, Commitment 11.2" in reply, "the triage reached the ready-to-send message"

    w = new_widget_conversation(servers.url)
    widget(servers.url, sent, w, "how much notice before funding ends?", new=True)
    r = requests.post(f"{servers.url}/widget/feedback", json={"sender": w, "entry": "13.2", "helpful": True}, timeout=30)
    assert r.status_code == 200, r.text

    activity = botframework.activity("how much notice before funding ends?")
    token = botframework.token()
    r = requests.post(
        f"{servers.url}/webhooks/teams/webhook", json=activity, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )
    assert r.status_code == 200, r.text
    told = [m for m in botframework.sent_to(activity["conversation"]["id"]) if m.get("type") == "message"]
    assert told and "Commitment 13.2" in str(told[0]), "answered about 13.2 (Teams replies go to the connector)"
    sent.messages["teams"] += 1
    sent.conversations["teams"] += 1
    sent.answers["13.2"] += 1

    work = tmp_path_factory.mktemp("insights")
    copy = work / "tracker.db"
    keep_only_since(db, copy, started)
    out = work / "insights.html"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--db", str(copy), "--out", str(out), "--days", "7"]) == 0
    html = out.read_text(encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(out, ARTIFACTS / "insights-e2e.html")  # to look at
    print(printed.getvalue())
    return html, sent, printed.getvalue(), out


class Tables(HTMLParser):
    """Every table's rows by id: [[cell text, …], …] (header row first)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.current = dict(attrs).get("id")
            self.tables[self.current] = []
        elif tag == "tr" and self.current:
            self.tables[self.current].append([])
        elif tag in ("td", "th") and self.current:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.current and self.cell is not None:
            self.tables[self.current][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def rows(self, table: str) -> dict[str, list[str]]:
        """The table's body rows by their first cell."""
        return {row[0]: row[1:] for row in self.tables[table][1:]}


def test_the_figures_match_what_was_sent(report):
    html, sent, _, _ = report
    tables = Tables(html)
    channels = tables.rows("table-channels")
    for channel, name in (("rest", "REST"), ("widget", "Website widget"), ("teams", "Microsoft Teams")):
        conversations, _, typed, buttons = (int(n) for n in channels[name])
        assert (conversations, typed + buttons) == (sent.conversations[channel], sent.messages[channel]), channel
    assert int(channels["Total"][2]) + int(channels["Total"][3]) == sum(sent.messages.values())

    asked = tables.rows("table-asked")
    answered = {row[0]: int(row[2]) for row in tables.tables["table-asked"][1:]}
    expected = {("Commitment " + e if e[0].isdigit() else e): n for e, n in sent.answers.items()}
    assert answered.get("Commitment 3.6") == expected["Commitment 3.6"] == 2, "a question and its follow-up"
    assert answered.get("Commitment 13.2") == 2 and answered.get("What is the Compact?") == 1
    assert sum(answered.values()) == sum(sent.answers.values()), (answered, sent.answers)
    assert asked["Commitment 13.2"][0] == "Concluding a financial relationship (statutory sector)"

    votes = tables.rows("table-feedback")
    assert votes["Commitment 3.6"][1:5] == ["0", "1", "0%", "1"], "the latest vote, with its comment"
    assert votes["Commitment 13.2"][1:5] == ["1", "0", "100%", "0"]

    funnel = tables.rows("table-triage")
    reached = {stage: int(row[0]) for stage, row in funnel.items()}
    assert reached == {
        "Started": 1,
        "Commitment found": 1,
        "Step 1: raise it directly": 1,
        "Step 2: the critical friend": 1,
        "Step 3: a small group of partners": 0,
        "Message drafted": 1,
    }
    assert funnel["Message drafted"][2:] == ["1", "0", "0"], "it stopped at the message, finished"
    assert tables.rows("table-triage-commitments")["Commitment 11.2"] == ["1", "1", "1", "1", "0", "1"]
    assert tables.rows("table-triage-sides")["Voluntary and community sector"][0] == "1"

    reasons = {reason: int(row[0]) for reason, row in tables.rows("table-unanswered").items()}
    assert reasons.pop("Total") == len(NOT_ANSWERED)
    declined = Counter(how for _, how in NOT_ANSWERED)
    assert reasons.get("Legal question") == declined["legal"] and reasons.get("Not in English") == declined["english"]
    outside = reasons.get("Outside the Compact", 0) + reasons.get("Outside the Compact, with where to ask instead", 0)
    assert outside == declined["outside"]


def test_what_was_not_answered_is_listed_masked_with_the_nearest_entry(report):
    html, _, _, _ = report
    groups = Tables(html).tables["groups-unanswered"]
    listed = " ".join(" ".join(row) for row in groups[1:])
    assert "what's the weather in Derby tomorrow?" in html_lib.unescape(listed) and "can we sue the council?" in listed
    assert "[email]" in listed and "[phone]" in listed and "[postcode]" in listed and "[name]" in listed
    assert sum(int(row[0]) for row in groups[1:]) == len(NOT_ANSWERED)
    assert all(row[3] != "–" for row in groups[1:]), "each group has its nearest entry"
    assert "[name]" in html.split('id="feedback"')[1].split('id="triage"')[0], "the comment is shown masked"


def test_personal_data_never_reaches_the_report(report):
    html, sent, _, out = report
    page = html_lib.unescape(html)
    for secret in PERSONAL:
        assert secret not in page, secret
    assert oct(out.stat().st_mode & 0o777) == "0o600", "readable by its owner only"


def test_the_command_says_where_the_report_went_its_size_and_time(report):
    _, _, printed, out = report
    found = re.fullmatch(r"Wrote (.+) \((\d+) KB\) in ([\d.]+) s\n", printed)
    assert found and Path(found.group(1)) == out and int(found.group(2)) == round(out.stat().st_size / 1024)


@pytest.fixture(scope="module")
def page():
    """A chromium tab of this module's own (Debian's chromium, as tests/browser.py launches it),
    closed with the module: Playwright's sync API keeps an event loop running in this thread while
    it is open, which the later tests' asyncio.run() would trip over."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB", timezone_id="Europe/London")
        yield context.new_page()
        browser.close()


def test_the_report_is_self_contained_and_passes_axe_in_chromium(report, page):
    html, _, _, _ = report
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.set_content(html, wait_until="load")
    assert requested == [], "no request of its own"
    found = axe_violations(page)
    assert found == [], describe(found)
    page.set_viewport_size({"width": 320, "height": 640})
    found = axe_violations(page)
    assert found == [], "at 320 px: " + describe(found)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1, "no sideways scrolling at 320 px"
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 4
    for n in range(charts.count()):
        name = page.evaluate(
            "(svg) => svg.getAttribute('aria-labelledby').split(' ')"
            ".map(id => document.getElementById(id).textContent).join(' ')",
            charts.nth(n).element_handle(),
        )
        assert len(name) > 20


def test_the_served_report_is_off_in_the_running_assistant_without_a_token(bot):
    servers, _ = bot
    for path in ("/insights/", "/insights"):
        r = requests.get(f"{servers.url}{path}", headers={"Authorization": "Bearer anything-at-all-long-enough-1234"}, timeout=30)
        assert r.status_code == 404 and "no-store" in r.headers["Cache-Control"]
