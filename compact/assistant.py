"""One object the Rasa actions (and the evaluation) share: knowledge, matcher, settings."""
from __future__ import annotations

import functools

from compact.context import Conversation
from compact.knowledge import Knowledge, cached
from compact.matcher import Matcher
from compact.replies import Reply, decision_reply, entry_reply
from compact.routing import Decision, decide
from compact.settings import load_settings, resolve
from compact.triage import Triage
from compact.triage_replies import TriageReplies


class Assistant:
    def __init__(self, knowledge: Knowledge, settings: dict[str, str] | None = None) -> None:
        self.knowledge = knowledge
        self.matcher = Matcher(knowledge)
        self.settings = load_settings() if settings is None else settings
        self.triage = Triage(knowledge, self.matcher)
        self.triage_replies = TriageReplies(self.triage, self.settings)
        self.conversation = Conversation(knowledge, self.matcher, self.triage)

    def decide(self, question: str, intent: str | None = None, confidence: float = 0.0) -> Decision:
        return decide(self.matcher.rank(question), intent, confidence)

    def answer_for(self, decision: Decision) -> Reply | None:
        """The reply to a routing decision, or None when the question is outside the Compact."""
        return decision_reply(self.knowledge, decision, self.settings)

    def answer(self, question: str, intent: str | None = None, confidence: float = 0.0) -> Reply | None:
        return self.answer_for(self.decide(question, intent, confidence))

    def show(self, entry_id: str) -> Reply | None:
        return entry_reply(self.knowledge, entry_id, self.settings)

    def contacts(self) -> Reply:
        """Who to talk to: the configured contacts, or what the draft says while they are to be added."""
        contacts = self.show("contacts")
        lines = ["I'm an automated assistant, so I can't pass you to a person myself.", "",
                 contacts.text if contacts else "", "", resolve(self.knowledge, "critical_friend", self.settings)]
        return Reply("\n".join(lines))


@functools.lru_cache(maxsize=1)
def shared() -> Assistant:
    """The process-wide assistant, built on first use (spaCy and the index load once)."""
    return Assistant(cached())
