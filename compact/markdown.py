"""The user's own words inside the bot's Markdown replies (the triage summary, the ready-to-send
message). Both channels render Markdown (the widget a subset, Teams more, including links and
bare URLs), and in a shared Teams chat the bot's reply is seen by everyone: a description
containing ``[click here](https://…)``, ``**``, a heading or a bare address must show as the
user typed it, never become a link or formatting under the bot's name."""

from __future__ import annotations

import re

# Characters that can start Markdown syntax, HTML, or an automatic link (``www.``, ``https:``,
# ``someone@host``): each is escaped with a backslash, as CommonMark allows for any ASCII punctuation.
SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-./!<>|~:@&=])")


def as_typed(text: str) -> str:
    """``text`` as one paragraph of literal text in Markdown."""
    return SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
