"""Unit tests of the widget's pure functions (Markdown subset, safe links, colours, failure text),
called directly in chromium: no assistant server is involved."""

from __future__ import annotations

import itertools

import pytest

from bot.widget_files import load_static

FILES = load_static()  # as the server sends them: widget.js with its words in place
BLANK = "<!doctype html><html lang='en'><head><title>t</title></head><body><script src='widget.js'></script></body></html>"


@pytest.fixture
def w(page):
    """A blank page with the widget script loaded, served from memory at http://widget.test/."""

    def serve(route):
        name = route.request.url.rsplit("/", 1)[-1]
        if name == "blank.html":
            route.fulfill(body=BLANK, content_type="text/html")
        elif name in FILES:
            route.fulfill(body=FILES[name].body, content_type=FILES[name].content_type)
        else:
            route.fulfill(status=404, body="")

    page.route("http://widget.test/**", serve)
    page.goto("http://widget.test/blank.html")
    page.wait_for_function("() => window.CompactAssistant")
    return page


def rendered(w, text: str) -> dict:
    """Render `text` into the page: its HTML, its text and the elements it made."""
    return w.evaluate(
        """(t) => {
        const div = document.createElement("div");
        div.appendChild(CompactAssistant.internals.renderMarkdown(t));
        document.body.appendChild(div);
        const elements = [...div.querySelectorAll("*")].map(e => e.tagName.toLowerCase());
        return {html: div.innerHTML, text: div.textContent, elements: elements};
    }""",
        text,
    )


def html(w, text: str) -> str:
    return rendered(w, text)["html"]


def test_bold_italics_and_paragraphs(w):
    assert html(w, "**Commitment 1.2** is *short*.\n\nSecond paragraph") == (
        "<p><strong>Commitment 1.2</strong> is <em>short</em>.</p><p>Second paragraph</p>"
    )


def test_single_line_breaks_are_kept(w):
    assert html(w, "line one\nline two") == "<p>line one<br>line two</p>"


def test_bullet_and_numbered_lists(w):
    assert html(w, "Steps:\n- first\n- **second**\n\n3. three\n4. four") == (
        '<p>Steps:</p><ul><li>first</li><li><strong>second</strong></li></ul><ol start="3"><li>three</li><li>four</li></ol>'
    )


def test_an_indented_line_continues_a_list_item(w):
    assert html(w, "- first item\n  goes on") == "<ul><li>first item goes on</li></ul>"


def test_headings_become_bold_lines_not_headings(w):
    # A heading inside a chat bubble would break the page's heading order.
    assert html(w, "## Next steps\nText") == "<p><strong>Next steps</strong><br>Text</p>"


def test_unclosed_markers_stay_as_text(w):
    assert html(w, "**not closed and * lonely star") == "<p>**not closed and * lonely star</p>"


def test_a_safe_link_opens_in_a_new_tab_and_says_so(w):
    out = html(w, "See [GOV.UK guidance](https://www.gov.uk/guidance).")
    assert out == (
        '<p>See <a href="https://www.gov.uk/guidance" target="_blank" rel="noopener noreferrer">GOV.UK guidance'
        '<span class="visually-hidden"> (opens in a new tab)</span></a>.</p>'
    )


def test_bare_addresses_are_linked_without_trailing_punctuation(w):
    out = html(w, "Go to https://www.example.gov.uk/compact.")
    assert 'href="https://www.example.gov.uk/compact"' in out and out.endswith("</a>.</p>")


@pytest.mark.parametrize(
    "text",
    [
        "[click me](javascript:alert(1))",
        "[click me](JaVaScRiPt:alert(1))",
        "[click me](java\tscript:alert(1))",
        "[click me](data:text/html,<script>alert(1)</script>)",
        "[click me](vbscript:msgbox(1))",
        "[click me](//evil.example/x)",
        "[click me](/relative/path)",
    ],
)
def test_unsafe_links_are_shown_as_written_text(w, text):
    result = rendered(w, text)
    assert "a" not in result["elements"] and result["text"] == text


@pytest.mark.parametrize(
    "text",
    [
        '<img src=x onerror="window.__xss = 1">',
        "<script>window.__xss = 1</script>",
        '<a href="javascript:window.__xss=1">x</a>',
        "**<b onmouseover=window.__xss=1>bold</b>**",
        '<svg onload="window.__xss=1"></svg>',
    ],
)
def test_html_in_a_message_is_text_and_runs_nothing(w, text):
    result = rendered(w, text)
    w.wait_for_timeout(50)
    assert set(result["elements"]) <= {"p", "strong"}
    assert result["text"] == text.replace("**", "")
    assert w.evaluate("() => window.__xss") is None


def test_a_link_inside_link_text_is_not_nested(w):
    out = html(w, "[see https://a.example/x](https://b.example/y)")
    assert out.count("<a ") == 1 and 'href="https://b.example/y"' in out


def test_emoji_and_other_scripts_pass_through(w):
    assert html(w, "Diolch 👍 — شكرا") == "<p>Diolch 👍 — شكرا</p>"


@pytest.mark.parametrize(
    "href, expected",
    [
        ("https://www.derby.gov.uk/", "https://www.derby.gov.uk/"),
        ("http://example.org/a b", "http://example.org/a%20b"),
        ("mailto:compact@example.gov.uk", "mailto:compact@example.gov.uk"),
        ("tel:01332123456", "tel:01332123456"),
        ("java\tscript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("\u0000javascript:alert(1)", None),
        ("ftp://example.org/file", None),
        ("", None),
    ],
)
def test_safe_url(w, href, expected):
    assert w.evaluate("(h) => CompactAssistant.internals.safeUrl(h)", href) == expected


def test_contrast_ratio_matches_wcag(w):
    ratio = w.evaluate(
        "() => [CompactAssistant.internals.contrastRatio('#ffffff', '#000000'),"
        " CompactAssistant.internals.contrastRatio('#777', '#fff')]"
    )
    assert ratio[0] == pytest.approx(21) and ratio[1] == pytest.approx(4.48, abs=0.01)


def test_any_accent_colour_keeps_text_and_links_readable(w):
    accents = ["#" + "".join(c) for c in itertools.product("0369cf", repeat=3)] + ["#ffdd00", "#1d4f91", "not a colour", ""]
    themes = w.evaluate("(list) => list.map(a => CompactAssistant.internals.themeFor(a))", accents)
    ratios = w.evaluate(
        """(themes) => themes.map(t => [
        CompactAssistant.internals.contrastRatio(t.accent, t.onAccent),
        CompactAssistant.internals.contrastRatio(t.link, '#ffffff'),
        CompactAssistant.internals.contrastRatio(t.link, '#f3f2f1')])""",
        themes,
    )
    for accent, (on_accent, link_on_white, link_on_bubble) in zip(accents, ratios):
        assert on_accent >= 4.5 and link_on_white >= 4.5 and link_on_bubble >= 4.5, accent


def test_a_light_accent_gets_dark_text_and_the_default_link_colour(w):
    theme = w.evaluate("() => CompactAssistant.internals.themeFor('#ffdd00')")
    assert theme == {"accent": "#ffdd00", "onAccent": "#000000", "link": "#1d4f91"}


@pytest.mark.parametrize(
    "status, words",
    [
        (0, "can't reach"),
        (429, "wait a moment"),
        (403, "isn't set up"),
        (413, "couldn't accept that message: too long"),
        (500, "choose Retry"),
        (502, "choose Retry"),
    ],
)
def test_failure_text(w, status, words):
    assert words in w.evaluate("([s, r]) => CompactAssistant.internals.failureText(s, r)", [status, "too long"])


@pytest.mark.parametrize(
    "typed",
    [
        "see [the letter](https://evil.example/x) now",
        "www.evil.example **bold** *it*",
        "- not a list",
        "3. not numbered",
        "# not a heading",
        "a\\b <b>c</b>",
    ],
)
def test_words_the_bot_repeats_show_exactly_as_typed(w, typed):
    """The bot escapes a user's words it repeats (compact/markdown.py); the widget shows them as typed,
    with no link or formatting."""
    from compact.markdown import as_typed

    out = rendered(w, f"**What happened:** {as_typed(typed)}")
    assert out["text"] == f"What happened: {typed}" and out["elements"] == ["p", "strong"]
