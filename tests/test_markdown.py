"""The user's words inside the bot's Markdown replies show as typed (compact/markdown.py)."""

from __future__ import annotations

import re

import pytest

from compact.markdown import as_typed


def unescape(text: str) -> str:
    """What a CommonMark renderer (and the widget) shows for backslash escapes."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@pytest.mark.parametrize(
    "typed",
    [
        "see [the letter](https://evil.example/x)",
        "www.evil.example",
        "mail me@evil.example",
        "**bold** _it_ `code`",
        "# heading",
        "- a list",
        "1. numbered",
        "> quote",
        "<img src=x onerror=alert(1)>",
        "a\\b",
        "x | y ~~z~~",
        "&amp;",
    ],
)
def test_every_markdown_and_link_trigger_is_escaped_and_reads_back_as_typed(typed):
    out = as_typed(typed)
    assert unescape(out) == typed
    unescaped = re.sub(r"\\.", "", out)  # what is left outside escapes holds no syntax
    assert not re.search(r"[\[\]()*_`#<>|~:/.@&-]", unescaped), out


def test_lines_and_spaces_become_one_paragraph():
    assert as_typed("first line\n\n- second\tline ") == "first line \\- second line"
