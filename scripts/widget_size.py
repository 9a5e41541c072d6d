"""What a council page downloads for the widget: its script and stylesheet, plain and gzipped
(the assistant's server sends them gzipped). Sizes are exact, so they can be compared between runs."""

from __future__ import annotations

import gzip
from pathlib import Path

WIDGET = Path(__file__).resolve().parent.parent / "widget"


def main() -> None:
    total = gzipped = 0
    for name in ("widget.js", "widget.css"):
        body = (WIDGET / name).read_bytes()
        packed = len(gzip.compress(body, 9, mtime=0))
        total, gzipped = total + len(body), gzipped + packed
        print(f"{name:<11} {len(body) / 1024:6.1f} KiB   gzipped {packed / 1024:5.1f} KiB")
    print(
        f"{'together':<11} {total / 1024:6.1f} KiB   gzipped {gzipped / 1024:5.1f} KiB  (no other requests, no fonts, no images)"
    )


if __name__ == "__main__":
    main()
