"""Checking a period someone experienced against a commitment's measurable duty.

The duty comes from the knowledge (``Duration``: 3 months, at least, "where possible"); the
period from two dates (notice given → funding ends) or a length ("two weeks"). Months are
calendar months. A length in weeks cannot always be compared with months exactly (three months
is 89 to 92 days), so such a comparison can come out "borderline".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from compact.knowledge import Duration
from compact.quantities import Length, counted, days_range, plural, whole_months

Status = Literal["met", "short", "borderline"]


@dataclass(frozen=True)
class Period:
    """What happened: from ``start`` to ``end``, or just a length."""

    start: date | None = None
    end: date | None = None
    length: Length | None = None

    def days(self) -> tuple[int, int]:
        if self.start and self.end:
            n = (self.end - self.start).days
            return n, n
        assert self.length is not None
        return days_range(self.length)


@dataclass(frozen=True)
class Verdict:
    duty: Duration
    period: Period
    status: Status
    due: date | None  # the earliest end that meets the duty, when the start is known
    shortfall_days: int | None  # how many days short, when known exactly


def check(duty: Duration, period: Period) -> Verdict:
    """Compare a period with a minimum or expected duration (maximums are not breaches to check)."""
    need = duty.length
    if period.start and period.end:
        due = need.after(period.start)
        short = max((due - period.end).days, 0)
        return Verdict(duty, period, "met" if short == 0 else "short", due, short or None)
    low, high = period.days()
    need_low, need_high = days_range(need)
    if period.length and period.length.unit == need.unit:
        status: Status = "met" if period.length.amount >= need.amount else "short"
    elif low >= need_high:
        status = "met"
    elif high < need_low:
        status = "short"
    else:
        status = "borderline"
    shortfall = need_low - high if status == "short" and need_low == need_high else None
    return Verdict(duty, period, status, None, shortfall)


def span_text(period: Period, unit: str) -> str:
    """How long the period was, in the duty's terms: '2 weeks and 1 day', or for a duty in months
    '1 month and 12 days (6 weeks, 42 days)', so it reads either way."""
    if not (period.start and period.end):
        assert period.length is not None
        return str(period.length)
    days = (period.end - period.start).days
    if unit in ("months", "years"):
        months = whole_months(period.start, period.end)
        if months:
            rest = (period.end - Length(months, "months").after(period.start)).days
            weeks, odd = divmod(days, 7)
            in_weeks = _join(counted(weeks, "week"), counted(odd, "day"))
            return f"{_join(counted(months, 'month'), counted(rest, 'day'))} ({in_weeks}, {plural(days, 'day')})"
    weeks, rest = divmod(days, 7)
    return _join(counted(weeks, "week"), counted(rest, "day")) or "0 days"


def days_text(days: int) -> str:
    weeks, rest = divmod(days, 7)
    in_weeks = _join(counted(weeks, "week"), counted(rest, "day"))
    return in_weeks if weeks == 0 else f"{in_weeks} ({plural(days, 'day')})"


def _join(*parts: str) -> str:
    return " and ".join(p for p in parts if p)
