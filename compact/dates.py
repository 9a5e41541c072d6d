"""Reading the dates and lengths people type, UK style, and calendar arithmetic.

"2 March", "2nd of March 2026", "03/04/2026" (3 April), "last Friday", "two weeks ago",
"end of March", and lengths such as "two weeks" or "a fortnight" (compact/quantities.py).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator, Literal, Union

from compact.quantities import NUMBER_WORDS, Length, number
from compact.wording import say
from compact.text import plain
from compact.turn_memo import kept_per_turn

Role = Literal["past", "any"]  # "past": the date must not be after today (when notice was given)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower()[:3]: i for i, name in enumerate(calendar.day_name)})
UNIT_WORDS = {"day": "days", "week": "weeks", "fortnight": "fortnights", "month": "months", "year": "years"}

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<year>\d{4}|'\d{2}))?"
_NUMBER_ALTERNATIVES = r"\d{1,3}|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_NUMBER = rf"(?P<n>{_NUMBER_ALTERNATIVES})"
_COUNT = rf"(?:{_NUMBER_ALTERNATIVES})"  # the same, where a pattern holds it twice
_UNITS = r"day|week|fortnight|month|year"
_PLURAL = r"s?(?:'|'s|’s|’)?"  # "weeks", "weeks'", "week's"
_UNIT = rf"(?P<unit>{_UNITS}){_PLURAL}"

NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?\b")
ORDINAL_ONLY = re.compile(r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b")
# a day of the month said on its own, as a date ("on the 3rd", "ends 17th"), not a count ("the 3rd month running")
_COUNTED = r"(?:month|year|week|time|one|national|version|draft|step|round)s?"
BARE_DAY = re.compile(r"\b(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!\s+" + _COUNTED + r"\b)")
ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\b{_YEAR}")
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")
# "end of March", and a part said roughly ("early March", "mid-April", "late May")
EDGE_OF_MONTH = re.compile(rf"\b(?:(?P<edge>end|start|beginning|middle)\s+of|(?P<part>early|mid|late))[\s-]+{_MONTH}\b{_YEAR}")
PART_DAY = {"start": 1, "beginning": 1, "early": 1, "middle": 15, "mid": 15}  # (the end, and late: the month's last day)
EDGE_OF_THIS_MONTH = re.compile(
    r"\b(?P<edge>end|start|beginning)\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+|(?P<last>last|previous)\s+)?month\b"
)
MONTH_ONLY = re.compile(rf"\b{_MONTH}\b{_YEAR}")
RELATIVE_WEEKDAY = re.compile(
    r"\b(?:(?P<which>last|this|next|on)\s+)?(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b"
    # "nobody sat down with us", "they sat on it": the verb, not Saturday
    r"(?!(?<=sat)\s+(?:down|on|in|with|there|through|around|back|at|up|for|by|and|it|them|us)\b)"
)
AGO = re.compile(rf"\b{_NUMBER}\s+{_UNIT}\s+ago\b")
RECENT_AGO = re.compile(rf"\b{_NUMBER}\s+(?P<unit>day|week|fortnight)s?\s+ago\b")  # a date told in a story, from today
AHEAD = (
    re.compile(rf"\bin\s+{_NUMBER}\s+{_UNIT}(?:\s+time)?\b"),
    re.compile(rf"\b{_NUMBER}\s+{_UNIT}\s+(?:from now|from today|time)\b"),
)
# a service named by its hours, not a length: "closing two day centres", "3 day care places"
_NOT_A_LENGTH = r"(?![\s-]+(?:centres?|centers?|care|services?|opportunit(?:y|ies)|nurser(?:y|ies)|hospices?|units?|trips?)\b)"
LENGTH = re.compile(rf"\b{_NUMBER}[\s-]+{_UNIT}{_NOT_A_LENGTH}")
# Working days counted ("10 working days", "ten working days"), as part of a larger pattern
WORKING_DAYS = rf"\b{_COUNT}\s+working\s+days?\b"
# A length as part of a larger pattern (no groups), not a time back from today ("4 months ago")
LENGTH_TEXT = rf"\b{_COUNT}[\s-]+(?:{_UNITS}){_PLURAL}(?!\s+ago\b){_NOT_A_LENGTH}"
# A time without a day to measure from ("they rang us last week"): asked which day, a best guess welcome
VAGUE_WEEK = re.compile(r"\b(?:(?P<before>the\s+week\s+before\s+last)|(?:last|past|previous)\s+week|earlier\s+this\s+week)\b")
VAGUE_MONTH = re.compile(r"\b(?:(?P<last>last|past|previous)\s+month|earlier\s+this\s+month)\b")
# How long something has gone on or was agreed for ("the room they've let us use for 10 years", "over the last 3
# years", "a 3-year grant"), not a period the Compact measures
HISTORY = re.compile(
    rf"\b(?:for|over|in)\s+(?:the\s+)?(?:(?:past|last)\s+)?(?:(?:over|nearly|almost|about|around|more than)\s+)?"
    rf"{_COUNT}\s+years?\b|"
    rf"\b{_COUNT}[\s-]+years?\s+(?:grant|contract|funding|agreement|award|deal|lease|sla|project|programme)\b|"
    # "only had a yr of it", "we'd had 18 months of funding": what the money lasted
    rf"\b(?:had|got|enjoyed)\s+(?:only\s+|just\s+)?{_COUNT}\s+(?:years?|months?)\s+(?:of\s+(?:it|that|funding|the\s+\w+)|funding)\b"
)


@dataclass(frozen=True)
class OnDate:
    day: date


@dataclass(frozen=True)
class Unclear:
    """Looks like a date, but cannot be read safely: ask again, saying why."""

    reason: str


When = Union[OnDate, Length, Unclear]


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def spoken(d: date) -> str:
    """'2 March 2026' (UK order, no leading zero)."""
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _length(n: str, unit: str) -> Length:
    amount = number(n)
    if unit == "fortnight":
        return Length(2 * amount, "weeks")
    return Length(amount, UNIT_WORDS[unit])


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'")
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _build(year: int | None, month: int, day: int, today: date, role: Role) -> When:
    if not 1 <= month <= 12:
        return Unclear(say("dates.not_a_month", month=month))
    if year is not None:
        if not 1 <= day <= days_in_month(year, month):
            return Unclear(say("dates.no_such_date", day=day, month=calendar.month_name[month], year=year))
        return _in_role(date(year, month, day), today, role)
    if not 1 <= day <= 31 or day > days_in_month(2024, month):  # 2024 is a leap year: allow 29 February
        return Unclear(say("dates.no_such_day", day=day, month=calendar.month_name[month]))
    candidates = [date(y, month, day) for y in range(today.year - 4, today.year + 2) if day <= days_in_month(y, month)]
    if role == "past":
        past = [d for d in candidates if d <= today]
        return OnDate(max(past))
    return OnDate(min(candidates, key=lambda d: (abs((d - today).days), d > today)))


def _edge_of_month(m: re.Match[str], today: date, role: Role) -> When:
    """ "end of March", "start of April", "mid-May": the month's last, first or fifteenth day."""
    month, year = MONTHS[m["month"]], _year(m["year"])
    day = PART_DAY.get(m["edge"] or m["part"]) or days_in_month(year or today.year, month)
    return _build(year, month, day, today, role)


def _edge_of_this_month(m: re.Match[str], today: date) -> When:
    """ "end of the month", "start of next month", "end of last month": counted from today's month."""
    year, month = (today.year, today.month)
    if m["next"]:
        year, month = (today.year + today.month // 12, today.month % 12 + 1)
    elif m["last"]:
        year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return OnDate(date(year, month, 1 if m["edge"] != "end" else days_in_month(year, month)))


def _in_role(d: date, today: date, role: Role) -> When:
    if role == "past" and d > today:
        return Unclear(say("dates.in_future", date=spoken(d)))
    return OnDate(d)


def _weekday(which: str | None, weekday: int, today: date, role: Role) -> When:
    back = (today.weekday() - weekday) % 7 or 7  # days since the most recent such day, before today
    ahead = (weekday - today.weekday()) % 7 or 7
    if which == "last" or (which in (None, "on") and role == "past"):
        return OnDate(today - timedelta(days=back))
    if which == "next":
        return _in_role(today + timedelta(days=ahead), today, role)
    if which == "this":
        return _in_role(today + timedelta(days=(weekday - today.weekday()) % 7), today, role)
    name = calendar.day_name[weekday]
    last, next_ = spoken(today - timedelta(days=back)), spoken(today + timedelta(days=ahead))
    return Unclear(say("dates.which_weekday", weekday=name, last=last, next=next_))


def parse_when(text: str, today: date, role: Role = "any", lengths: bool = True) -> When | None:
    """A date or (when ``lengths``) a length in what someone typed; None if it mentions neither.

    ``Unclear`` says why a date-like answer cannot be used (ambiguous, impossible, in the future
    when ``role`` is "past"), so the caller can ask again with that reason.
    """
    low = plain(text)
    if m := AGO.search(low):
        length = _length(m["n"], m["unit"])
        return OnDate(length.before(today))
    if m := AHEAD[0].search(low) or AHEAD[1].search(low):
        length = _length(m["n"], m["unit"])
        return _in_role(length.after(today), today, role)
    if re.search(r"\btoday\b", low):
        return OnDate(today)
    if re.search(r"\byesterday\b", low):
        return OnDate(today - timedelta(days=1))
    if re.search(r"\btomorrow\b", low):
        return _in_role(today + timedelta(days=1), today, role)
    if m := ISO.search(low):
        return _build(int(m["y"]), int(m["m"]), int(m["d"]), today, role)
    if (m := NUMERIC.search(low)) and (m["sep"] != "." or m["y"]):  # "13.2" alone is a commitment number
        day, month = int(m["a"]), int(m["b"])
        if month > 12 and day <= 12:
            meant = f"{month} {calendar.month_name[day]}" + (f" {_year(m['y'])}" if m["y"] else "")
            return Unclear(say("dates.day_first", typed=m.group(0), meant=meant))
        return _build(_year(m["y"]), month, day, today, role)
    if m := EDGE_OF_MONTH.search(low):
        return _edge_of_month(m, today, role)
    if m := EDGE_OF_THIS_MONTH.search(low):
        found = _edge_of_this_month(m, today)  # ("end of next month" is no day notice was given on)
        return _in_role(found.day, today, role) if isinstance(found, OnDate) else found
    if m := DAY_MONTH.search(low) or MONTH_DAY.search(low):
        return _build(_year(m["year"]), MONTHS[m["month"]], int(m["day"]), today, role)
    if m := RELATIVE_WEEKDAY.search(low):
        return _weekday(m["which"], WEEKDAYS[m["weekday"]], today, role)
    if lengths and (m := LENGTH.search(low)):
        return _length(m["n"], m["unit"])
    if m := MONTH_ONLY.search(low):
        if m["month"] in ("may", "mar") and not m["year"]:
            return None  # "may" and "mar" alone are usually words, not months
        year = _year(m["year"])
        label = calendar.month_name[MONTHS[m["month"]]] + (f" {year}" if year else "")
        return Unclear(say("dates.which_day", month=label))
    if ORDINAL_ONLY.search(low):
        return Unclear(say("dates.which_month"))
    return _vague(low, today)


def _vague(low: str, today: date) -> Unclear | None:
    """ "Last week", "last month": which day, with an example in that week or month."""
    if m := VAGUE_WEEK.search(low):
        weeks_back = 2 if m["before"] else 0 if "this" in m.group(0) else 1
        monday = today - timedelta(days=today.weekday() + 7 * weeks_back)
        return Unclear(say("dates.which_day_in_week", week=m.group(0), example=spoken(monday)))
    if m := VAGUE_MONTH.search(low):
        first = today.replace(day=1)
        month = (first - timedelta(days=1)).replace(day=1) if m["last"] else first
        label = calendar.month_name[month.month] + (f" {month.year}" if month.year != today.year else "")
        return Unclear(say("dates.which_day", month=label))
    return None


def mentions(text: str, today: date, role: Role = "any") -> list[OnDate | Length]:
    """Every clear date and length in a longer text, in the order written ("told on 5 May 2026
    that the contract stops on 20 May 2026" → two dates; "with two weeks' notice" → one length).
    Unlike :func:`parse_when` it skips what it cannot read safely instead of asking about it, and
    reads only explicit dates (no weekdays), as a description is not an answer; of "ago", only a few days or
    weeks back ("2 wks ago we got an email"), the telling of something recent, not "we started 3 years ago"."""
    return [when for _, when in placed_mentions(text, today, role)]


def placed_mentions(text: str, today: date, role: Role = "any") -> list[tuple[int, OnDate | Length]]:
    """:func:`mentions`, each with where it starts in ``plain(text)``."""
    low = plain(text)
    found: list[tuple[int, OnDate | Length]] = []
    taken: list[range] = []

    def keep(start: int, end: int, when: When | None) -> None:
        if isinstance(when, (OnDate, Length)) and not any(start in r or end - 1 in r for r in taken):
            found.append((start, when))
            taken.append(range(start, end))

    for m in ISO.finditer(low):
        keep(m.start(), m.end(), _build(int(m["y"]), int(m["m"]), int(m["d"]), today, role))
    for m in NUMERIC.finditer(low):
        if m["sep"] != "." or m["y"]:
            keep(m.start(), m.end(), _build(_year(m["y"]), int(m["b"]), int(m["a"]), today, role))
    for pattern in (DAY_MONTH, MONTH_DAY):
        for m in pattern.finditer(low):
            keep(m.start(), m.end(), _build(_year(m["year"]), MONTHS[m["month"]], int(m["day"]), today, role))
    for m in EDGE_OF_MONTH.finditer(low):  # "by the end of July"
        keep(m.start(), m.end(), _edge_of_month(m, today, role))
    for m in EDGE_OF_THIS_MONTH.finditer(low):  # "it ends at the end of the month"
        keep(m.start(), m.end(), _edge_of_this_month(m, today))
    for m in RECENT_AGO.finditer(low):
        keep(m.start(), m.end(), OnDate(_length(m["n"], m["unit"]).before(today)))
    history = [range(h.start(), h.end()) for h in HISTORY.finditer(low)]
    for m in LENGTH.finditer(low):
        if not AGO.match(low, m.start()) and not any(m.start() in h for h in history):
            keep(m.start(), m.end(), _length(m["n"], m["unit"]))
    for m in ORDINAL_ONLY.finditer(low):  # "told on 3rd June that it stops on the 17th": the month said before it
        before = [w.day for at, w in sorted(found, key=lambda pair: pair[0]) if at < m.start() and isinstance(w, OnDate)]
        if before and not any(m.start() in r for r in taken):
            keep(m.start(), m.end(), OnDate(day_after(before[-1], int(re.sub(r"\D", "", m.group(0))))))
    return sorted(found, key=lambda pair: pair[0])


# Words that make the date after them the end of a period ("closed on 30 November", "ended on the 1st")
END_BEFORE = re.compile(
    r"\b(?:clos\w*|end\w*|finish\w*|stop\w*|ceas\w*|runs? out|ran out|until|till|deadline)\s+(?:\w+\s+){0,2}$"
)


def written_dates(low: str) -> Iterator[re.Match[str]]:
    """Where a text (as :func:`plain` gives it) writes out a date: "2026-03-02", "2/3/26" (not "3.5", a
    number), "2 March", "March 2nd", "end of March"."""
    for pattern in (ISO, NUMERIC, DAY_MONTH, MONTH_DAY, EDGE_OF_MONTH):
        for m in pattern.finditer(low):
            if pattern is not NUMERIC or m["sep"] != "." or m["y"]:
                yield m


def dated_as_the_end(text: str) -> bool:
    """Is the first date a text gives the end of what it tells ("the consultation closed on 30 November after
    4 weeks"), rather than its start ("told on 2 November that it stops in 6 weeks")?"""
    low = plain(text)
    first = min((m.start() for m in written_dates(low)), default=None)
    return first is not None and bool(END_BEFORE.search(low[:first]))


def marked_period(text: str, placed: list[tuple[int, OnDate | Length]]) -> tuple[date, date] | None:
    """Of a story giving three or more dates, the two that make its period: the first date written after an end
    word and the date written just before it (just after, if it comes first). "They emailed us on 2 June to say
    our grant stops on 30 June. We emailed them on 5 June and 12 June": 2 June and 30 June, not the first and
    last date, which a date of something tried since may be. None when no date is marked as the end. ``placed``:
    the text's :func:`placed_mentions`, read once by the caller."""
    low = plain(text)
    dated = [(at, when.day) for at, when in placed if isinstance(when, OnDate)]
    if len(dated) < 3:
        return None
    for i, (at, day) in enumerate(dated):
        if END_BEFORE.search(low[:at]):
            return (dated[i - 1] if i else dated[1])[1], day
    return None


CLAUSE_BREAK = re.compile(r"[,;.!?]|\b(?:and|but|so)\b")


def ahead_on_its_own(text: str, today: date) -> bool:
    """Does a text count a length on from today ("in 2 weeks") in a clause without a date ("heard on 1 October
    that we got it, and it starts in 2 weeks"), rather than within what was told on a date ("told on 2 November
    that it stops in 6 weeks": six weeks from then)?"""
    for clause in CLAUSE_BREAK.split(plain(text)):
        if any(pattern.search(clause) for pattern in AHEAD):
            return not any(isinstance(when, OnDate) for when in mentions(clause, today))
    return False


def day_after(earlier: date, day: int) -> date:
    """The first date on ``day`` of a month on or after ``earlier`` (3 June, "the 17th" → 17 June)."""
    year, month = earlier.year, earlier.month
    for _ in range(3):
        if day <= days_in_month(year, month) and date(year, month, day) >= earlier:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return earlier


def bare_days(text: str, today: date) -> tuple[date, date] | None:
    """Two days of the month named with no month ("told us on the 3rd, it ends on the 17th"), of something
    that has begun: the first, the latest such day up to ``today``; the second, the first such day on or after it."""
    low = plain(text)
    days = [int(m["day"]) for m in BARE_DAY.finditer(low)]
    if len(days) != 2 or not all(1 <= d <= 31 for d in days) or MONTH_ONLY.search(low) or NUMERIC.search(low) or ISO.search(low):
        return None
    year, month = today.year, today.month
    for _ in range(2):  # this month, else the one before
        if days[0] <= days_in_month(year, month) and date(year, month, days[0]) <= today:
            start = date(year, month, days[0])
            return start, day_after(start, days[1])
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return None


def names_a_year(text: str) -> bool:
    """Does a text write a year ("2026", "'26") rather than leave it to be inferred?"""
    return bool(re.search(r"\b(?:19|20)\d{2}\b|'\d{2}\b", text))


@kept_per_turn
def date_count(text: str) -> int:
    """How many dates a text gives ("told on 2 March that it ends on 16 March": 2; "2 wks ago … at the end of the
    month": 2), not counting weekdays or a bare day of the month."""
    low = plain(text)
    return sum(1 for _ in written_dates(low)) + sum(len(p.findall(low)) for p in (EDGE_OF_THIS_MONTH, RECENT_AGO))


def unyeared_period(a: date, b: date, today: date, start_past: bool) -> tuple[date, date]:
    """The period between two dates written without a year, whatever order they were told in
    ("our grant ends 30 June and they told us on 10 May"): the shorter way round from one to the
    other, in the year that puts its start on or before today when the start has already happened
    (notice given), else nearest today. Only the day and month of ``a`` and ``b`` are read."""

    def on(d: date, year: int) -> date:
        return date(year, d.month, min(d.day, days_in_month(year, d.month)))

    def span(first: date, second: date) -> int:  # days from first to second, going forward, in a common year
        return (on(second, 2025) - on(first, 2025)).days % 365

    first, second = (a, b) if span(a, b) <= span(b, a) else (b, a)
    years = range(today.year - 2, today.year + 2)
    starts = [on(first, y) for y in years]
    past = [s for s in starts if s <= today]
    start = max(past) if start_past and past else min(starts, key=lambda d: abs((d - today).days))
    end = on(second, start.year)
    return start, end if end >= start else on(second, start.year + 1)


def gives_a_period(text: str) -> bool:
    """Does a text give two dates ("told on 3rd June that it stops on the 17th")?"""
    return sum(isinstance(w, OnDate) for w in mentions(text, date.today())) >= 2


def gives_a_length(text: str) -> bool:
    """Does a text give a length ("only open for four weeks", "2 wks notice")?"""
    return bool(LENGTH.search(plain(text)))


def lengths_named(text: str) -> list[Length]:
    """The lengths a text names ("the two 'three months' rules": 3 months)."""
    return [_length(m["n"], m["unit"]) for m in LENGTH.finditer(plain(text))]


def has_period(text: str) -> bool:
    """Does a text carry a date or a length at all (whatever its year; "told friday, ends next friday" too)?"""
    low = plain(text)
    return any(True for _ in written_dates(low)) or any(p.search(low) for p in (LENGTH, RELATIVE_WEEKDAY))
