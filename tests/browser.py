"""Helpers for the widget's browser tests: Debian's chromium driven by Playwright, and axe-core."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, Playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps trying to reach Google, which this
# machine's closed network refuses.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "tests" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = ROOT / "artifacts"
HOST = "compact-assistant-widget"


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs it (scripts/test-deps.sh)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)


def axe_violations(page: Page, tags: list[str] = WCAG_TAGS) -> list[dict]:
    """Run axe-core on the whole page, shadow DOM included. (evaluate is not subject to the
    demo page's Content Security Policy, which would refuse an injected script tag.)"""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: `make test` installs it (scripts/test-deps.sh)")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(" > ") + ": " + n.failureSummary)}));
    }""",
        tags,
    )
    return found


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1)


def widget(page: Page) -> Locator:
    return page.locator(HOST)


def launcher(page: Page) -> Locator:
    return page.get_by_role("button", name="Ask about the Compact")


def message_box(page: Page) -> Locator:
    return page.get_by_label("Your message")


def bot_bubbles(page: Page) -> Locator:
    return page.locator(".message.bot .bubble")


def user_bubbles(page: Page) -> Locator:
    return page.locator(".message.user .bubble")


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Until no answer is awaited (the typing indicator has gone)."""
    page.wait_for_function(
        f"""() => {{
        const host = document.querySelector("{HOST}");
        return host && host.shadowRoot && !host.shadowRoot.querySelector(".typing .dot");
    }}""",
        timeout=timeout,
    )


def open_widget(page: Page) -> None:
    launcher(page).click()
    wait_idle(page)
    bot_bubbles(page).first.wait_for()


def ask(page: Page, text: str, whole: bool = False) -> str:
    """Type a message, send it with Enter, and return the text of the first bot reply to it (with
    ``whole``, of all the bot's replies to it)."""
    before = bot_bubbles(page).count()
    message_box(page).fill(text)
    message_box(page).press("Enter")
    wait_idle(page)
    bot_bubbles(page).nth(before).wait_for()
    if whole:
        return "\n".join(bot_bubbles(page).nth(i).inner_text() for i in range(before, bot_bubbles(page).count()))
    return bot_bubbles(page).nth(before).inner_text()


def focused(page: Page) -> dict:
    """What has keyboard focus, looking inside the widget's shadow root."""
    return page.evaluate(f"""() => {{
        let el = document.activeElement;
        const inWidget = el && el.tagName.toLowerCase() === "{HOST}";
        if (inWidget) el = el.shadowRoot.activeElement;
        if (!el) return {{inWidget, tag: null}};
        const style = getComputedStyle(el);
        return {{inWidget, tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || "").trim(),
                 cls: el.className, label: el.getAttribute("aria-label"),
                 outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}};
    }}""")
