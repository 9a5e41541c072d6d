"""The website widget in a real browser (Debian's chromium) against the real running assistant."""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
from urllib.parse import urlsplit

import pytest

from bot.conversation_ids import widget_conversation
from scripts.with_assistant import free_port
from tests.browser import (
    ARTIFACTS,
    HOST,
    ask,
    axe_violations,
    bot_bubbles,
    describe,
    focused,
    launcher,
    message_box,
    open_widget,
    user_bubbles,
    wait_idle,
    widget,
)
from tests.server_secret import SERVER_SECRET

QUESTION = "how much notice before funding ends?"  # an answer with choice buttons under it


@pytest.fixture
def demo(page, bot):
    servers, _ = bot
    page.goto(f"{servers.url}/widget/")
    widget(page).wait_for(state="attached")
    return page


def shadow_eval(page, body: str, arg=None):
    """Evaluate `body` with `root` bound to the widget's shadow root."""
    return page.evaluate(f"(arg) => {{ const root = document.querySelector('{HOST}').shadowRoot; {body} }}", arg)


def test_axe_finds_no_wcag_violations_closed_open_and_after_a_conversation_with_buttons(demo):
    assert axe_violations(demo) == [], "closed: " + describe(axe_violations(demo))
    open_widget(demo)
    found = axe_violations(demo)
    assert found == [], "open: " + describe(found)
    ask(demo, QUESTION)
    assert demo.locator(".choice").count() >= 1
    found = axe_violations(demo)
    assert found == [], "after a conversation: " + describe(found)
    demo.set_viewport_size({"width": 320, "height": 640})
    found = axe_violations(demo)
    assert found == [], "at 320 px: " + describe(found)


def test_axe_in_forced_colours_and_the_controls_keep_visible_borders(demo):
    demo.emulate_media(forced_colors="active")
    open_widget(demo)
    ask(demo, QUESTION)
    found = axe_violations(demo)
    assert found == [], describe(found)
    borders = shadow_eval(
        demo, "return [...root.querySelectorAll('.send, .choice')].map(b => getComputedStyle(b).borderTopStyle);"
    )
    assert borders and set(borders) == {"solid"}


def test_a_conversation_by_keyboard_alone(demo):
    for _ in range(30):
        demo.keyboard.press("Tab")
        if focused(demo)["inWidget"] and focused(demo)["text"] == "Ask about the Compact":
            break
    now = focused(demo)
    assert now["text"] == "Ask about the Compact" and now["outline"] != "none" and now["outlineWidth"] >= 2
    demo.keyboard.press("Enter")
    wait_idle(demo)
    assert focused(demo)["id"] == "input"
    demo.keyboard.type(QUESTION)
    demo.keyboard.press("Enter")
    wait_idle(demo)
    assert user_bubbles(demo).last.inner_text() == QUESTION
    assert focused(demo)["id"] == "input"
    for _ in range(10):  # back from the input to the choices under the answer
        demo.keyboard.press("Shift+Tab")
        if "choice" in focused(demo)["cls"]:
            break
    choice = focused(demo)
    assert "choice" in choice["cls"] and choice["outline"] != "none" and choice["outlineWidth"] >= 2
    answers = bot_bubbles(demo).count()
    demo.keyboard.press("Enter")
    wait_idle(demo)
    bot_bubbles(demo).nth(answers).wait_for()
    assert user_bubbles(demo).last.inner_text() == choice["text"]
    assert focused(demo)["id"] == "input", "after choosing, focus goes back to the message box"
    demo.keyboard.press("Escape")
    assert not demo.locator(".panel").is_visible()
    assert focused(demo)["text"] == "Ask about the Compact", "closing returns focus to the launcher"


def test_escape_on_the_page_behind_closes_the_panel_without_moving_focus(demo):
    open_widget(demo)
    demo.locator("main h1").click()
    demo.get_by_role("link", name="Grants and funding").focus()
    demo.keyboard.press("Escape")
    assert not demo.locator(".panel").is_visible()
    assert demo.evaluate("() => document.activeElement.textContent") == "Grants and funding"


def test_a_page_link_focused_under_the_launcher_is_scrolled_into_view(demo):
    box = launcher(demo).bounding_box()
    demo.evaluate(
        """(box) => {
        document.body.appendChild(Object.assign(document.createElement("div"), {style: "height: 3000px"}));
        const link = Object.assign(document.createElement("a"), {href: "#x", textContent: "Hidden link", id: "under"});
        link.style.cssText = `position: absolute; left: ${box.x + 20}px; top: ${box.y + 10}px; font-size: 12px`;
        document.body.appendChild(link);
    }""",
        box,
    )
    demo.locator("#under").focus()
    link, cover = demo.locator("#under").bounding_box(), launcher(demo).bounding_box()
    assert link["y"] + link["height"] <= cover["y"] or link["y"] >= cover["y"] + cover["height"], "still under the launcher"


def test_only_new_bot_messages_are_announced(demo):
    open_widget(demo)
    ask(demo, QUESTION)
    log = shadow_eval(demo, "const l = root.querySelector('.log'); return [l.getAttribute('role'), l.getAttribute('aria-live')];")
    assert log == ["log", "polite"]
    live = shadow_eval(
        demo,
        "return [...root.querySelectorAll('.message')].map(m => [m.classList.contains('bot'), m.getAttribute('aria-live')]);",
    )
    assert all(value == "off" for is_bot, value in live if not is_bot), "the user's own messages are not read back"
    assert [value for is_bot, value in live if is_bot][-1] is None, "the new answer is announced"
    demo.reload()
    widget(demo).wait_for(state="attached")
    bot_bubbles(demo).first.wait_for()
    again = shadow_eval(demo, "return [...root.querySelectorAll('.message')].map(m => m.getAttribute('aria-live'));")
    assert again and set(again) == {"off"}, "a restored transcript is not read out again"
    times = shadow_eval(demo, "return [...root.querySelectorAll('.message time')].map(t => t.getAttribute('datetime'));")
    assert times and all(t and t.endswith("Z") for t in times), "every message carries its time for screen readers"


def test_the_transcript_survives_reload_and_navigation_and_start_again_clears_it(demo):
    open_widget(demo)
    ask(demo, QUESTION)
    before = bot_bubbles(demo).all_inner_texts(), user_bubbles(demo).all_inner_texts()
    sender = demo.evaluate("() => JSON.parse(Object.values(sessionStorage)[0]).sender")
    message_box(demo).fill("a question I have not sent yet")
    demo.reload()
    widget(demo).wait_for(state="attached")
    bot_bubbles(demo).first.wait_for()
    assert (bot_bubbles(demo).all_inner_texts(), user_bubbles(demo).all_inner_texts()) == before
    assert message_box(demo).input_value() == "a question I have not sent yet"
    demo.get_by_role("link", name="Grants and funding").click()
    demo.wait_for_url("**/funding.html")
    bot_bubbles(demo).first.wait_for()
    assert user_bubbles(demo).all_inner_texts() == before[1]
    # The conversation carries on with the assistant: same sender id.
    assert demo.evaluate("() => JSON.parse(Object.values(sessionStorage)[0]).sender") == sender
    demo.get_by_role("button", name="Start again").click()
    wait_idle(demo)
    assert user_bubbles(demo).count() == 0 and bot_bubbles(demo).count() == 1
    assert message_box(demo).input_value() == ""
    assert demo.evaluate("() => JSON.parse(Object.values(sessionStorage)[0]).sender") != sender


def test_markup_typed_by_the_user_is_shown_as_text_and_runs_nothing(demo):
    open_widget(demo)
    attack = '<img src=x onerror="window.__xss = 1"> [x](javascript:window.__xss=2)'
    ask(demo, attack)
    assert user_bubbles(demo).last.inner_text() == attack
    assert shadow_eval(demo, "return root.querySelectorAll('img, script, a[href^=javascript]').length;") == 0
    assert demo.evaluate("() => window.__xss") is None


def test_markup_and_script_links_in_a_bot_message_are_shown_as_text_and_run_nothing(demo):
    """The assistant never sends markup; this answer is substituted in the browser to check the
    widget would still render it as text."""
    hostile = [
        {
            "recipient_id": "x",
            "text": '<img src=x onerror="window.__xss=1"> **bold** [click](javascript:window.__xss=2)',
            "buttons": [{"title": "<b onmouseover=window.__xss=3>choice</b>", "payload": "/greet"}],
        },
        {
            "recipient_id": "x",
            "custom": {
                "type": "download",
                "filename": "message.txt",
                "mime_type": "text/html",
                "content": "<script>alert(1)</script>",
            },
        },
    ]
    open_widget(demo)
    demo.route("**/widget/webhook", lambda route: route.fulfill(json=hostile))
    ask(demo, "anything")
    last = bot_bubbles(demo).last
    assert last.inner_text() == '<img src=x onerror="window.__xss=1"> bold [click](javascript:window.__xss=2)'
    assert shadow_eval(demo, "return root.querySelectorAll('img, script, b, a').length;") == 0
    demo.locator(".choice", has_text="<b onmouseover").hover()
    with demo.expect_download() as download:
        demo.get_by_role("button", name="Download message.txt").click()
    assert download.value.suggested_filename == "message.txt"
    assert open(download.value.path(), encoding="utf-8").read() == "<script>alert(1)</script>"
    assert demo.evaluate("() => window.__xss") is None


def test_reflow_at_320_px_and_screenshots(demo):
    ARTIFACTS.mkdir(exist_ok=True)
    demo.screenshot(path=str(ARTIFACTS / "widget-1280-closed.png"))
    open_widget(demo)
    ask(demo, QUESTION)
    demo.screenshot(path=str(ARTIFACTS / "widget-1280.png"))
    demo.set_viewport_size({"width": 320, "height": 640})
    demo.screenshot(path=str(ARTIFACTS / "widget-320.png"))
    assert demo.evaluate("() => document.documentElement.scrollWidth") <= 320
    overflow = shadow_eval(
        demo,
        "return [...root.querySelectorAll('.panel, .log, .header, .composer')]"
        ".map(e => [e.className, e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right]);",
    )
    for name, scroll, client, right in overflow:
        assert scroll <= client and right <= 320, f"{name} scrolls sideways at 320 px"


def test_every_target_is_at_least_24_by_24_px(demo):
    open_widget(demo)
    ask(demo, QUESTION)
    sizes = shadow_eval(
        demo,
        "return [...root.querySelectorAll('button, textarea')].filter(e => e.offsetParent)"
        ".map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim() || e.id, r.width, r.height]; });",
    )
    assert len(sizes) >= 5
    for name, width, height in sizes:
        assert width >= 24 and height >= 24, name


def test_text_at_200_percent_still_fits(demo):
    session = demo.context.new_cdp_session(demo)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    demo.reload()
    widget(demo).wait_for(state="attached")
    assert launcher(demo).evaluate("b => getComputedStyle(b).fontSize") == "32px"
    open_widget(demo)
    ask(demo, QUESTION)
    boxes = shadow_eval(
        demo,
        "return ['.panel', 'textarea', '.send', '.close'].map(s => { const r = root.querySelector(s).getBoundingClientRect();"
        " return [s, r.left, r.top, r.right, r.bottom]; });",
    )
    for name, left, top, right, bottom in boxes:
        assert left >= 0 and top >= 0 and right <= 1280 and bottom <= 800, f"{name} is cut off at 200% text"


def test_the_typing_indicator_shows_while_waiting_and_stops_moving_for_reduced_motion(demo):
    demo.emulate_media(reduced_motion="reduce")
    open_widget(demo)
    held = []
    demo.route("**/widget/webhook", lambda route: held.append(route))
    message_box(demo).fill(QUESTION)
    message_box(demo).press("Enter")
    demo.wait_for_function(f"() => document.querySelector('{HOST}').shadowRoot.querySelector('.typing .dot')")
    typing = shadow_eval(
        demo,
        "const t = root.querySelector('.typing'); return [t.getAttribute('role'), t.textContent,"
        " getComputedStyle(t.querySelector('.dot')).animationName];",
    )
    assert typing == ["status", "The assistant is typing", "none"]
    held[0].continue_()
    wait_idle(demo)
    assert bot_bubbles(demo).count() >= 2


class CouncilSite(http.server.BaseHTTPRequestHandler):
    """A page on another website (another origin) embedding the widget with its data attributes."""

    page = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serve_council_page(port: int, assistant_url: str, extra: str = "") -> http.server.ThreadingHTTPServer:
    CouncilSite.page = (
        "<!doctype html><html lang='en-GB'><head><title>Example Borough</title></head><body><main><h1>Example Borough</h1>"
        "<p>Our own page, with our own styles.</p></main>"
        "<style>* { font-family: serif !important; color: red !important; } button { display: none !important; }</style>"
        f"<script src='{assistant_url}/widget/widget.js' data-title='Example Borough Compact help'"
        " data-greeting='Welcome to **Example Borough**. Ask about working with the voluntary sector.'"
        f" data-accent='#ffdd00' data-launcher-text='Compact help' {extra} defer></script></body></html>"
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), CouncilSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_council_site_embeds_the_widget_with_one_tag_and_its_settings(page, bot, council_site_origin):
    servers, _ = bot
    site = serve_council_page(urlsplit(council_site_origin).port, servers.url)
    try:
        page.goto(f"{council_site_origin}/")
        button = page.get_by_role("button", name="Compact help")
        button.click()
        assert page.get_by_role("heading", name="Example Borough Compact help").is_visible()
        assert bot_bubbles(page).first.inner_text() == "Welcome to Example Borough. Ask about working with the voluntary sector."
        header = page.locator(".header").evaluate("h => [getComputedStyle(h).backgroundColor, getComputedStyle(h).color]")
        assert header == ["rgb(255, 221, 0)", "rgb(0, 0, 0)"], "a light accent gets dark text"
        assert "red" not in message_box(page).evaluate("e => getComputedStyle(e).color"), "the page's styles stay out"
        assert "Commitment 13.2" in ask(page, QUESTION), "a cross-origin conversation works for an allowed site"
    finally:
        site.shutdown()


def test_a_site_that_is_not_allowed_is_told_so(page, bot):
    servers, _ = bot
    port = free_port()
    site = serve_council_page(port, servers.url)
    try:
        page.goto(f"http://localhost:{port}/")
        page.get_by_role("button", name="Compact help").click()
        message_box(page).fill(QUESTION)
        message_box(page).press("Enter")
        wait_idle(page)
        assert "isn't set up to use the assistant" in page.locator(".alert").inner_text()
        assert user_bubbles(page).last.inner_text() == QUESTION
    finally:
        site.shutdown()


def test_a_slow_answer_times_out_into_retry_and_the_message_is_not_lost(page, bot, council_site_origin):
    servers, _ = bot
    site = serve_council_page(urlsplit(council_site_origin).port, servers.url, extra="data-timeout='1500'")
    try:
        page.goto(f"{council_site_origin}/")
        page.get_by_role("button", name="Compact help").click()
        held = []
        page.route("**/widget/webhook", lambda route: held.append(route))  # the server "hangs"
        message_box(page).fill(QUESTION)
        message_box(page).press("Enter")
        page.locator(".alert .retry").wait_for(timeout=10_000)
        assert "can't reach the assistant" in page.locator(".alert").inner_text()
        assert user_bubbles(page).last.inner_text() == QUESTION
        page.unroute("**/widget/webhook")
        page.get_by_role("button", name="Retry").click()
        wait_idle(page)
        assert "Commitment 13.2" in bot_bubbles(page).last.inner_text()
        assert page.locator(".message.user .status").count() == 0
    finally:
        site.shutdown()


def test_a_breach_triage_in_the_widget_ends_with_a_message_to_download(demo):
    def choose(name: str) -> None:
        demo.locator(".message").last.get_by_role("button", name=name).click()
        wait_idle(demo)

    open_widget(demo)
    choose("Something has gone wrong")
    ask(demo, "The council ended our grant with only two weeks notice")  # the commitment and the length, read from it
    for _ in range(3):
        choose("Yes, but it's not resolved")
    choose("A written explanation")
    found = axe_violations(demo)
    assert found == [], describe(found)
    with demo.expect_download() as download:
        demo.get_by_role("button", name="Download compact-13.2-message.txt").click()
    letter = open(download.value.path(), encoding="utf-8").read()
    subject = letter.strip().splitlines()[0]
    assert "Commitment 13.2" in subject and subject in bot_bubbles(demo).last.inner_text(), "the file is the letter shown"


def test_a_triage_typed_from_start_to_finish_without_a_single_click(demo):
    open_widget(demo)
    assert "Commitment 13.2" in ask(demo, "the council cut our funding with two weeks notice, what can we do?", whole=True)
    assert "critical friend" in ask(demo, "we emailed them twice, no reply", whole=True)
    assert "what would you like to happen" in ask(demo, "not yet", whole=True).lower()
    letter = ask(demo, "a written explanation of why, please", whole=True)
    assert "Subject: Derby and Derbyshire Compact, Commitment 13.2" in letter and "Dear [name]" in letter
    assert demo.get_by_role("button", name="Download compact-13.2-message.txt").is_visible()
    found = axe_violations(demo)
    assert found == [], describe(found)


def test_the_conversation_id_is_issued_by_the_server_and_an_unknown_one_is_replaced(demo):
    """The widget asks the server for its conversation id; if the server no longer knows it (its
    secret changed, or someone edited the stored state), the message still gets its answer in a
    new conversation rather than an error."""
    open_widget(demo)
    ask(demo, QUESTION)
    sender = demo.evaluate("() => JSON.parse(Object.values(sessionStorage)[0]).sender")
    assert widget_conversation(sender, SERVER_SECRET.encode()), "a signed id this server issued"
    demo.evaluate("""() => { const key = Object.keys(sessionStorage)[0]; const s = JSON.parse(sessionStorage[key]);
                             s.sender = "me"; sessionStorage[key] = JSON.stringify(s); }""")
    demo.reload()
    widget(demo).wait_for(state="attached")
    bot_bubbles(demo).first.wait_for()
    answers = bot_bubbles(demo).count()
    ask(demo, "what is the compact?")
    assert bot_bubbles(demo).count() > answers and "couldn't" not in bot_bubbles(demo).last.inner_text()
    replaced = demo.evaluate("() => JSON.parse(Object.values(sessionStorage)[0]).sender")
    assert replaced not in ("me", sender) and widget_conversation(replaced, SERVER_SECRET.encode())


def test_an_answer_can_be_voted_on_in_place_and_no_asks_what_was_missing(demo, bot):
    _, db = bot
    open_widget(demo)
    ask(demo, QUESTION)
    answer = demo.locator(".message.bot").filter(has=demo.locator(".feedback")).last
    before = bot_bubbles(demo).count()
    answer.get_by_role("button", name="No, this answer was not helpful").click()
    box = answer.get_by_label("What was missing?")
    box.wait_for()
    assert focused(demo)["inWidget"], "focus moves to the box"
    found = axe_violations(demo)
    assert found == [], describe(found)
    box.fill("what counts as written notice")
    answer.get_by_role("button", name="Send").click()
    answer.get_by_role("status").filter(has_text="Thanks for your feedback.").wait_for()
    assert bot_bubbles(demo).count() == before, "no new message in the conversation"
    sender = demo.evaluate("() => JSON.parse(Object.values(sessionStorage)[0]).sender")
    stored = widget_conversation(sender, SERVER_SECRET.encode())
    with sqlite3.connect(db) as c:
        rows = c.execute("select data from events where sender_id = ? and type_name = 'slot'", (stored,)).fetchall()
    kept = [json.loads(d)["value"] for (d,) in rows if json.loads(d)["name"] == "feedback"]
    comment = "what counts as written notice"
    assert kept == [{"entry": "13.2", "helpful": False}, {"entry": "13.2", "helpful": False, "comment": comment}]
    demo.reload()
    widget(demo).wait_for(state="attached")
    bot_bubbles(demo).first.wait_for()
    assert demo.locator(".feedback").filter(has_text="Thanks for your feedback.").count() == 1, "the vote survives a reload"
    assert ask(demo, "what about us?"), "the conversation carries on"
