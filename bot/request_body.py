"""One check of a JSON request body for every route that takes one (REST, widget, Teams).

A body is accepted only as one JSON object of a sane size, nested at most :data:`MAX_DEPTH`
deep, whose strings (keys and values) are well-formed Unicode. Anything else gets a
:class:`Rejected` with a 4xx status and a reason the client can read:

- Python's ``json`` accepts escapes of lone surrogates (``"\\ud800"``), which no database can
  store: SQLite's driver raised on them and Rasa 3.6 stopped the whole server.
- A body nested thousands deep raised ``RecursionError`` and one holding a number of more than
  4,300 digits raised ``ValueError`` in ``json.loads``: both were 500s.

The server refuses bodies over :data:`MAX_BODY_BYTES` before reading them (bot/platform/server_limits.py);
the size check here covers callers that pass a body directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_BODY_BYTES = 64 * 1024
MAX_DEPTH = 32  # a Bot Framework activity nests about 6 deep; the REST body 1


@dataclass(frozen=True)
class Rejected:
    status: int
    reason: str


def well_formed(text: str) -> bool:
    """Is ``text`` well-formed Unicode (no lone surrogates), so it can be encoded and stored?"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shape_problem(data: Any) -> str | None:
    """What is wrong with parsed JSON's nesting or strings, if anything (iterative: any depth)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if not well_formed(value):
                return "a string in the request body is not well-formed Unicode (it holds a lone surrogate)"
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return f"the request body is nested too deeply (at most {MAX_DEPTH} levels)"
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                stack.append((key, depth))
                stack.append((item, depth + 1))
    return None


def json_object(body: bytes | None, usage: str) -> dict[str, Any] | Rejected:
    """The body as a JSON object, or what is wrong with it (``usage`` says what to send instead)."""
    if not body or not body.strip():
        return Rejected(400, f"empty request body: {usage}")
    if len(body) > MAX_BODY_BYTES:
        return Rejected(413, f"request body too large (at most {MAX_BODY_BYTES} bytes)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Rejected(400, "request body is not UTF-8 text")
    try:
        data = json.loads(text)
    except RecursionError:
        return Rejected(400, f"the request body is nested too deeply (at most {MAX_DEPTH} levels)")
    except json.JSONDecodeError:
        return Rejected(400, f"request body is not valid JSON: {usage}")
    except ValueError:  # a number too long to convert (more than 4,300 digits)
        return Rejected(400, "a number in the request body is too long")
    if not isinstance(data, dict):
        return Rejected(400, f"expected a JSON object, got {type(data).__name__}: {usage}")
    problem = shape_problem(data)
    return Rejected(400, problem) if problem else data
