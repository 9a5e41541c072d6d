"""The widget's files as the server sends them: read once at start-up, gzipped once, and
widget.js with its words (the ``widget`` group of bot/wording.yaml) in place, so a page needs no
second request for them."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from compact.wording import Wording, wording

WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
}
WORDING_MARKER = b"/*wording*/ {}"  # in widget.js: where its words go


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    gzipped: bytes
    etag: str
    content_type: str
    cache_control: str


def with_wording(script: bytes, words: Wording) -> bytes:
    """widget.js with its words (the ``widget`` group of bot/wording.yaml) in place, so the page
    needs no second request for them. JSON with every non-ASCII character escaped is a valid
    JavaScript object literal."""
    if script.count(WORDING_MARKER) != 1:
        raise ValueError(f"widget.js must contain {WORDING_MARKER.decode()} exactly once")
    return script.replace(WORDING_MARKER, json.dumps(words.group("widget"), sort_keys=True).encode("ascii"))


def load_static(directory: Path = WIDGET_DIR) -> dict[str, StaticFile]:
    """The widget's files, read once at start-up (a handful of small files)."""
    files = {}
    for path in sorted(directory.iterdir()):
        if path.suffix not in CONTENT_TYPES or not path.is_file():
            continue
        body = path.read_bytes()
        if path.name == "widget.js":
            body = with_wording(body, wording())
        cache = "no-cache" if path.suffix == ".html" else "public, max-age=300"
        files[path.name] = StaticFile(
            body,
            gzip.compress(body, 9, mtime=0),
            '"' + hashlib.sha256(body).hexdigest()[:16] + '"',
            CONTENT_TYPES[path.suffix],
            cache,
        )
    return files
