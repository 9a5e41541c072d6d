"""The owners' insights report: one self-contained, accessible HTML file (``make insights``).

    make insights                                   # the last 90 days, to .run/insights.html
    python scripts/insights.py --days 30 --out report.html
    python scripts/insights.py --db .run/tracker.db          # an SQLite file
    python scripts/insights.py --db postgresql://user:pw@host/compact

Reads the tracker store the server uses (``COMPACT_ENDPOINTS``: SQLite in ``TRACKER_DB``, or
PostgreSQL from the scale-out endpoints' ``DB_*`` variables), unless ``--db`` names another.
First rolls up every complete day not rolled up yet into ``insights_daily`` (counts only; the
server does the same before deleting expired conversations), then writes the report
(compact/insights/). The file holds masked questions and comments: it is written readable by
its owner only. Prints where it went, its size and how long it took; never what anyone typed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compact.insights.report import build  # noqa: E402
from compact.insights.store import StoreError, database_url, engine_for  # noqa: E402
from compact.settings import SettingsError, from_environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the owners' insights report (one HTML file) from the tracker store.")
    parser.add_argument("--db", help="an SQLAlchemy database URL or an SQLite file (default: the server's tracker store)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / ".run" / "insights.html", help="where to write it (default .run/insights.html)"
    )
    parser.add_argument(
        "--days", type=int, default=90, help="the last this many days, today included (0: every day there are figures for)"
    )
    parser.add_argument("--no-rollup", action="store_true", help="only read: do not roll up complete days into insights_daily")
    parser.add_argument(
        "--no-matcher", action="store_true", help="skip the matcher (no nearest entries, no low-confidence check; faster)"
    )
    args = parser.parse_args(argv)
    if args.days < 0:
        parser.error("--days must be 0 (everything) or more")
    try:
        config = from_environment()
        if args.db:
            url = args.db
        else:
            endpoints = Path(config.endpoints) if Path(config.endpoints).is_absolute() else ROOT / config.endpoints
            tracker_db = config.tracker_db if config.tracker_db.is_absolute() else ROOT / config.tracker_db
            url = database_url(endpoints, tracker_db)
        engine = engine_for(url)
    except (SettingsError, StoreError) as error:
        parser.exit(2, f"No report: {error}\n")
    started = time.monotonic()
    suggester = None
    if not args.no_matcher:
        from compact.insights.suggest import MatcherSuggester

        suggester = MatcherSuggester()
    from compact.knowledge import cached

    html = build(
        engine,
        days=args.days,
        roll=not args.no_rollup,
        suggester=suggester,
        knowledge=cached(),
        keep_days=config.keep_days,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(html)
    os.chmod(args.out, 0o600)  # also when it was there before
    seconds = time.monotonic() - started
    size = args.out.stat().st_size
    shown = args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out
    print(f"Wrote {shown} ({size / 1024:.0f} KB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
