"""Files generated from the knowledge or the code are written, or checked to be current, the same way."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, argv: list[str], command: str) -> int:
    """Write ``text`` to ``path``; with ``--check`` in ``argv``, exit status 1 if the file differs."""
    if "--check" in argv:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run `{command}`", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0
