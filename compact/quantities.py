"""Numbers as people write them, plurals, and lengths of time: one home for each.

Months are calendar months (``dateutil.relativedelta``): one month after 31 January is 28 (or
29) February, never "30 days".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from dateutil.relativedelta import relativedelta

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "twenty": 20,
    "thirty": 30,
    "a couple of": 2,
    "a few": 3,
}
SPELT = {n: word for word, n in NUMBER_WORDS.items() if word.isalpha() and len(word) > 2}  # not "a", "an", "a few"
UNITS = ("days", "weeks", "months", "years")
_DELTAS: dict[str, Callable[[int], relativedelta]] = {
    "days": lambda n: relativedelta(days=n),
    "weeks": lambda n: relativedelta(weeks=n),
    "months": lambda n: relativedelta(months=n),
    "years": lambda n: relativedelta(years=n),
}


def number(word: str) -> int:
    """``"3"`` or ``"three"`` → 3 (``word`` is a key of :data:`NUMBER_WORDS` or digits)."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def spelt(n: int) -> str:
    """7 → "seven": a small count in words, as prose writes it (digits beyond the words known)."""
    return SPELT.get(n, str(n))


def plural(n: int, singular: str) -> str:
    """``plural(1, "week")`` → "1 week", ``plural(3, "week")`` → "3 weeks"."""
    return f"{n} {singular}{'' if n == 1 else 's'}"


def counted(n: int, singular: str) -> str:
    """As :func:`plural`, but nothing for zero (for "2 weeks and 1 day")."""
    return plural(n, singular) if n else ""


@dataclass(frozen=True)
class Length:
    """A length of time in one of :data:`UNITS`: "3 months", "2 weeks"."""

    amount: int
    unit: str

    def __str__(self) -> str:
        return plural(self.amount, self.unit[:-1])

    def delta(self) -> relativedelta:
        return _DELTAS[self.unit](self.amount)

    def after(self, start: date) -> date:
        return start + self.delta()

    def before(self, end: date) -> date:
        return end - self.delta()


def whole_months(start: date, end: date) -> int:
    """Full calendar months from start to end (0 when end is less than a month later): the most
    ``n`` with ``start`` + ``n`` months not after ``end`` (31 January to 28 February is one)."""
    gap = relativedelta(end, start)
    n = max(gap.years * 12 + gap.months, 0)
    while start + relativedelta(months=n + 1) <= end:
        n += 1
    return n


@functools.lru_cache(maxsize=64)
def days_range(length: Length) -> tuple[int, int]:
    """Shortest and longest number of days a length can mean (months and years vary)."""
    if length.unit in ("days", "weeks"):
        days = (length.after(date(2023, 1, 1)) - date(2023, 1, 1)).days
        return days, days
    starts = [date(2023, 1, 1) + timedelta(days=i) for i in range(366 * 4)]  # every start date over a leap cycle
    spans = [(length.after(s) - s).days for s in starts]
    return min(spans), max(spans)
