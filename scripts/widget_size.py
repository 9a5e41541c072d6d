"""What a council page downloads for the widget: its script (with its words in place) and
stylesheet, plain and gzipped, exactly as the assistant's server sends them. Sizes are exact, so
they can be compared between runs."""

from __future__ import annotations

from bot.widget_files import load_static


def main() -> None:
    total = gzipped = 0
    files = load_static()
    for name in ("widget.js", "widget.css"):
        body, packed = len(files[name].body), len(files[name].gzipped)
        total, gzipped = total + body, gzipped + packed
        print(f"{name:<11} {body / 1024:6.1f} KiB   gzipped {packed / 1024:5.1f} KiB")
    print(
        f"{'together':<11} {total / 1024:6.1f} KiB   gzipped {gzipped / 1024:5.1f} KiB  (no other requests, no fonts, no images)"
    )


if __name__ == "__main__":
    main()
