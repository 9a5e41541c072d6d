"""Each complete day's counts, kept once in ``insights_daily`` so trends outlive the conversations.

Conversations are deleted after ``COMPACT_KEEP_DAYS`` of inactivity (bot/expiry.py), which calls
:func:`roll_up` first; ``make insights`` calls it too. A day is rolled up once, after it ends
(UTC): its rows (day, channel, metric, key, count: numbers only, never text) and a marker row
are written in one transaction, and a second instance trying the same day at the same moment
fails on the primary key and leaves it as the first wrote it.

The report reads a rolled-up day from here and any other day from the live events
(:func:`counts`), so nothing is counted twice: every figure is a sum of daily ledger entries
(compact/insights/metrics.py), and a day comes from one place or the other.

While a conversation is kept it has all its events, so rolling up day D from the live events
is exact as long as D's conversations are still there when D ends: true whenever
``COMPACT_KEEP_DAYS`` is at least one day, since the rollup runs before each purge.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

import sqlalchemy as sa

from compact.insights import events
from compact.insights.metrics import Facts, Row, analyse, daily, day_of

logger = logging.getLogger(__name__)

TABLE = "insights_daily"
MARKER = "rolled_up"  # one row per rolled-up day (channel and key empty), even a day with no conversations
KEY_CHARS = 255

metadata = sa.MetaData()
insights_daily = sa.Table(
    TABLE,
    metadata,
    sa.Column("day", sa.String(10), nullable=False),  # YYYY-MM-DD (UTC)
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("metric", sa.String(64), nullable=False),
    sa.Column("key", sa.String(KEY_CHARS), nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("day", "channel", "metric", "key", name="insights_daily_pk"),
)


def start_of(day: date) -> float:
    """The Unix time a (UTC) day starts."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()


def ensure_table(engine: sa.engine.Engine) -> None:
    """Create the table if it is missing. Every Rasa worker's expiry job rolls up at start, so two
    may create it at the same moment: the one that loses finds it there (it logged "insights
    rollup failed" as an ERROR on a fresh start)."""
    try:
        metadata.create_all(engine, tables=[insights_daily], checkfirst=True)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        if not sa.inspect(engine).has_table(TABLE):
            raise


def rolled_days(engine: sa.engine.Engine) -> set[date]:
    if not sa.inspect(engine).has_table(TABLE):
        return set()
    with engine.connect() as connection:
        rows = connection.execute(sa.select(insights_daily.c.day).where(insights_daily.c.metric == MARKER))
        return {date.fromisoformat(row[0]) for row in rows}


def days_to_roll(rolled: set[date], first_event: float | None, today: date) -> list[date]:
    """The complete days not rolled up yet: from the day after the last one rolled up (or the
    first stored event's day) to yesterday."""
    if rolled:
        start = max(rolled) + timedelta(days=1)
    elif first_event is not None:
        start = day_of(first_event)
    else:
        return []
    return [start + timedelta(days=n) for n in range((today - start).days)]


def rows_for(day: date, counts: Counter[Row]) -> list[dict[str, object]]:
    """The rows to store for a day: its non-zero counts and the day's marker."""
    iso = day.isoformat()
    rows: list[dict[str, object]] = [{"day": iso, "channel": "", "metric": MARKER, "key": "", "count": 1}]
    for (d, channel, metric, key), count in sorted(counts.items()):
        if d == iso and count:
            rows.append({"day": iso, "channel": channel[:32], "metric": metric[:64], "key": key[:KEY_CHARS], "count": count})
    return rows


def store(engine: sa.engine.Engine, day: date, counts: Counter[Row]) -> bool:
    """Write one day, marker first, in one transaction; False when it was already there."""
    try:
        with engine.begin() as connection:
            connection.execute(insights_daily.insert(), rows_for(day, counts))
    except sa.exc.IntegrityError:
        logger.info("insights rollup: %s was already rolled up", day.isoformat())
        return False
    return True


def roll_up(engine: sa.engine.Engine, now: float | None = None) -> list[date]:
    """Roll up every complete day not rolled up yet; return the days written."""
    if not sa.inspect(engine).has_table("events"):
        return []
    ensure_table(engine)
    today = day_of(time.time() if now is None else now)
    rolled = rolled_days(engine)
    days = days_to_roll(rolled, None if rolled else events.first_event_time(engine), today)
    if not days:
        return []
    wanted = set(days)
    facts = (analyse(c) for c in events.read(engine, since=start_of(days[0])))  # every conversation with an event on them
    counts = daily(facts, keep=lambda d: d in wanted)
    written = [day for day in days if store(engine, day, counts)]
    if written:
        logger.info("insights rollup: %d day(s) rolled up, %s to %s", len(written), written[0], written[-1])
    return written


def stored_counts(engine: sa.engine.Engine, first: date | None = None) -> Counter[Row]:
    """The rolled-up counts, from ``first`` on (markers left out)."""
    if not sa.inspect(engine).has_table(TABLE):
        return Counter()
    query = sa.select(insights_daily).where(insights_daily.c.metric != MARKER)
    if first is not None:
        query = query.where(insights_daily.c.day >= first.isoformat())
    with engine.connect() as connection:
        return Counter({(r.day, r.channel, r.metric, r.key): int(r.count) for r in connection.execute(query)})


def counts(engine: sa.engine.Engine, facts: Iterable[Facts], first: date | None = None) -> tuple[Counter[Row], set[date]]:
    """Every day's counts from ``first`` on: rolled-up days from ``insights_daily``, the others from
    ``facts`` (the live conversations with events on them); and which days were rolled up."""
    rolled = {d for d in rolled_days(engine) if first is None or d >= first}
    live = daily(facts, keep=lambda d: d not in rolled and (first is None or d >= first))
    total = stored_counts(engine, first)
    total.update(live)  # (not "+": a day's count can be negative, a vote moved from one column to the other)
    return total, rolled


def before_purge(engine: sa.engine.Engine) -> None:
    """bot/expiry.py's call before it deletes conversations: roll up what it can; a failure is
    logged (its kind, no data) and never stops the deletion."""
    try:
        roll_up(engine)
    except Exception as error:  # any: deleting expired conversations comes first
        logger.error("insights rollup failed: %s", type(error).__name__)
