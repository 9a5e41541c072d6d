"""Checking what happened against a commitment's measurable duty (from the knowledge)."""

from __future__ import annotations

from datetime import date

from compact.dates import Length
from compact.deadlines import Period, check, span_text


def duty(knowledge, cid):
    return knowledge.commitments[cid].facts[0]


def test_notice_exactly_three_calendar_months_is_met(knowledge):
    v = check(duty(knowledge, "13.2"), Period(date(2026, 3, 1), date(2026, 6, 1)))
    assert v.status == "met" and v.due == date(2026, 6, 1) and v.shortfall_days is None


def test_one_day_short_is_short_by_one_day(knowledge):
    v = check(duty(knowledge, "13.2"), Period(date(2026, 3, 2), date(2026, 6, 1)))
    assert v.status == "short" and v.shortfall_days == 1


def test_month_end_notice_runs_to_the_end_of_february(knowledge):
    v = check(duty(knowledge, "13.2"), Period(date(2026, 11, 30), date(2027, 2, 28)))
    assert v.status == "met" and v.due == date(2027, 2, 28)


def test_two_weeks_notice_is_seventy_eight_days_short(knowledge):
    v = check(duty(knowledge, "13.2"), Period(date(2026, 3, 1), date(2026, 3, 15)))
    assert v.status == "short" and v.shortfall_days == 78
    assert span_text(v.period, "months") == "2 weeks"


def test_lengths_against_weeks_are_exact(knowledge):
    assert check(duty(knowledge, "3.6"), Period(length=Length(3, "weeks"))).shortfall_days == 63
    assert check(duty(knowledge, "4.8"), Period(length=Length(8, "weeks"))).status == "met"
    assert check(duty(knowledge, "3.6"), Period(length=Length(3, "months"))).status == "met"  # 89+ days >= 84


def test_lengths_against_months_can_be_borderline(knowledge):
    notice = duty(knowledge, "13.2")
    assert check(notice, Period(length=Length(13, "weeks"))).status == "borderline"  # 91 days: 89-92
    assert check(notice, Period(length=Length(12, "weeks"))).status == "short"
    assert check(notice, Period(length=Length(14, "weeks"))).status == "met"


def test_span_in_months_and_days():
    assert span_text(Period(date(2026, 1, 31), date(2026, 3, 3)), "months") == "1 month and 3 days (4 weeks and 3 days, 31 days)"
    assert span_text(Period(date(2026, 1, 1), date(2026, 1, 24)), "weeks") == "3 weeks and 2 days"
