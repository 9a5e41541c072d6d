"""A vote on an answer ("Helpful? Yes / No", and what was missing), as a conversation keeps it.

One name serves three places: the ``feedback`` slot a vote is kept in (bot/domain/domain.yml),
the key of a bot message that can be voted on (its metadata, and the channels' JSON), and what
the owners' report reads (compact/insights/). The channels take votes from buttons and cards
(bot/feedback.py); a typed "that didn't help" is read by the answering action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FEEDBACK = "feedback"
MAX_COMMENT_CHARS = 500
MAX_ENTRY_CHARS = 64  # longer than any entry id, so a vote naming more is refused (and never read as one)


@dataclass(frozen=True)
class Feedback:
    entry: str
    helpful: bool
    comment: str | None = None

    def value(self) -> dict[str, Any]:
        """The slot's value: what the owners' report reads."""
        return {"entry": self.entry, "helpful": self.helpful, **({"comment": self.comment} if self.comment else {})}


def squashed(comment: str | None) -> str | None:
    """A comment as kept: one line, spaces squashed; None when empty."""
    return " ".join((comment or "").split()) or None
