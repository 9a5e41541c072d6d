"""Results of pure functions of a message's text, kept while it is answered and forgotten after.

Answering one message reads it, and parts of it, through the same functions many times over:
the analyzer (spaCy, the text clean-up), the matcher's evidence and sector, the typed-reply
patterns' plain text. A function marked :func:`kept_per_turn` works each result out once; the
actions call :func:`forget` at the end of every turn, so no user's words stay in memory after
their reply. Only functions whose result depends on their arguments alone (the knowledge and
models they read do not change while the process runs), and whose callers do not change what
they return, may be marked.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

SIZE = 256  # results a function keeps (a message and its parts need a few dozen); past that it starts again
F = TypeVar("F", bound=Callable[..., Any])
_MEMOS: list[dict[tuple[Any, ...], Any]] = []
_MISSING = object()


def kept_per_turn(function: F) -> F:
    """``function`` with each result kept, by its (positional, hashable) arguments, until :func:`forget`."""
    memo: dict[tuple[Any, ...], Any] = {}
    _MEMOS.append(memo)

    @functools.wraps(function)
    def kept(*args: Any) -> Any:
        found = memo.get(args, _MISSING)
        if found is _MISSING:
            if len(memo) >= SIZE:
                memo.clear()
            found = memo[args] = function(*args)
        return found

    return kept  # type: ignore[return-value]


def forget() -> None:
    """Drop every kept result."""
    for memo in _MEMOS:
        memo.clear()


def kept() -> int:
    """How many results are kept now."""
    return sum(len(memo) for memo in _MEMOS)
