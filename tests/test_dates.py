"""Reading dates and lengths as people type them (UK style), and calendar-month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from compact.dates import OnDate, Unclear, ahead_on_its_own, dated_as_the_end, mentions, names_a_year, parse_when, unyeared_period
from compact.quantities import Length, counted, days_range, number, plural, spelt, whole_months

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2 March 2026", date(2026, 3, 2)),
        ("2nd of March 2026", date(2026, 3, 2)),
        ("March 2nd, 2026", date(2026, 3, 2)),
        ("03/04/2026", date(2026, 4, 3)),  # day first: 3 April
        ("3/4/26", date(2026, 4, 3)),
        ("1.2.2026", date(2026, 2, 1)),
        ("2026-04-03", date(2026, 4, 3)),
        ("sept 3rd", date(2026, 9, 3)),
        ("2 March", date(2026, 3, 2)),  # no year, in the past: the most recent 2 March
        ("28 December", date(2025, 12, 28)),  # not yet reached this year: last year's
        ("last Friday", date(2026, 11, 20)),
        ("on Monday", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 24)),
        ("two weeks ago", date(2026, 11, 11)),
        ("a month ago", date(2026, 10, 25)),
        ("we were told on 2 March that it ends 31 March", date(2026, 3, 2)),  # the first date mentioned
    ],
)
def test_past_dates(typed, expected):
    assert parse_when(typed, TODAY, "past") == OnDate(expected)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("end of March", date(2027, 3, 31)),  # either side of today: the nearest end of March
        ("end of February 2028", date(2028, 2, 29)),  # leap year
        ("next Friday", date(2026, 11, 27)),
        ("in 3 weeks", date(2026, 12, 16)),
        ("6 weeks from now", date(2027, 1, 6)),
        ("5 January 2027", date(2027, 1, 5)),
    ],
)
def test_dates_either_side_of_today(typed, expected):
    assert parse_when(typed, TODAY, "any") == OnDate(expected)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("two weeks", Length(2, "weeks")),
        ("6 weeks' notice", Length(6, "weeks")),
        ("a fortnight", Length(2, "weeks")),
        ("ten days", Length(10, "days")),
        ("three months", Length(3, "months")),
    ],
)
def test_lengths(typed, expected):
    assert parse_when(typed, TODAY, "past") == expected
    assert parse_when(typed, TODAY, "past", lengths=False) is None


@pytest.mark.parametrize(
    "typed, says",
    [
        ("04/13/2026", "day first"),  # US order: asks rather than guessing
        ("31 April 2026", "no 31 April"),
        ("29 February 2026", "no 29 February 2026"),
        ("March 2026", "Which day in March 2026"),
        ("the 5th", "Which month"),
        ("Friday", "last Friday (20 November 2026) or next Friday (27 November 2026)"),
        # a week or month but no day: which day, with one from it as an example
        ("they rang us last week but nothing changed", 'Which day last week? For example "16 November 2026"'),
        ("the week before last", 'For example "9 November 2026"'),
        ("earlier this week", 'For example "23 November 2026"'),
        ("sometime last month", "Which day in October"),
        ("earlier this month", "Which day in November"),
    ],
)
def test_ambiguous_or_impossible_dates_ask_again(typed, says):
    result = parse_when(typed, TODAY, "any")
    assert isinstance(result, Unclear) and says in result.reason


def test_a_past_date_cannot_be_in_the_future():
    result = parse_when("5 January 2027", TODAY, "past")
    assert isinstance(result, Unclear) and "in the future" in result.reason
    assert isinstance(parse_when("next Friday", TODAY, "past"), Unclear)


def test_29_february_without_a_year_is_the_last_leap_day():
    assert parse_when("29 Feb", TODAY, "past") == OnDate(date(2024, 2, 29))


@pytest.mark.parametrize("typed", ["hello", "13.2", "it may be fine", "not yet", "", "last weekend", "every week"])
def test_not_a_date(typed):
    assert parse_when(typed, TODAY, "any") is None


def test_calendar_months_not_thirty_day_blocks():
    month = Length(1, "months")
    assert month.after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert month.after(date(2024, 1, 31)) == date(2024, 2, 29)
    assert Length(3, "months").after(date(2026, 11, 30)) == date(2027, 2, 28)
    assert Length(3, "months").after(date(2026, 3, 1)) == date(2026, 6, 1)
    assert Length(1, "years").after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Length(12, "weeks").after(date(2026, 3, 1)) == date(2026, 5, 24)
    assert Length(2, "weeks").before(date(2026, 3, 1)) == date(2026, 2, 15)


def test_whole_months_between_dates():
    assert whole_months(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert whole_months(date(2026, 3, 2), date(2026, 6, 1)) == 2
    assert whole_months(date(2026, 3, 2), date(2026, 3, 30)) == 0
    assert whole_months(date(2026, 1, 31), date(2027, 3, 31)) == 14
    assert whole_months(date(2026, 5, 1), date(2026, 4, 1)) == 0, "an end before the start"


def test_three_months_is_89_to_92_days():
    assert days_range(Length(3, "months")) == (89, 92)
    assert days_range(Length(2, "weeks")) == (14, 14)


def test_numbers_and_plurals_have_one_home():
    assert number("3") == 3 and number("three") == 3 and number("a couple of") == 2
    assert [plural(1, "week"), plural(2, "week"), plural(0, "day")] == ["1 week", "2 weeks", "0 days"]
    assert counted(0, "day") == "" and counted(1, "day") == "1 day"
    assert str(Length(1, "months")) == "1 month" and str(Length(3, "months")) == "3 months"
    assert [spelt(1), spelt(2), spelt(7), spelt(21)] == ["one", "two", "seven", "21"]


def test_a_year_written():
    assert names_a_year("told on 2 March 2026") and names_a_year("on 2/3/'26") and not names_a_year("told on 2 March")


def test_two_dates_without_a_year_are_the_shorter_way_round_in_either_order():
    """ "Our grant ends 30 June and they told us on 10 May", said in November: 10 May to 30 June of
    this year (each date read alone, nearest today, put 10 May next year and called it 10 months)."""
    today = date(2026, 11, 30)
    may, june = date(2027, 5, 10), date(2026, 6, 30)  # as read one by one, nearest today
    assert unyeared_period(june, may, today, start_past=True) == (date(2026, 5, 10), date(2026, 6, 30))
    assert unyeared_period(may, june, today, start_past=True) == (date(2026, 5, 10), date(2026, 6, 30))
    # across the new year, and told before today
    assert unyeared_period(date(2026, 12, 20), date(2026, 1, 10), today, True) == (date(2025, 12, 20), date(2026, 1, 10))
    # a start still to come (a consultation that opens next month) is nearest today
    assert unyeared_period(date(2026, 12, 1), date(2026, 12, 22), today, False) == (date(2026, 12, 1), date(2026, 12, 22))
    assert unyeared_period(date(2024, 2, 29), date(2024, 3, 10), today, True) == (date(2026, 2, 28), date(2026, 3, 10))


def test_the_end_of_a_month_is_a_date_in_a_story():
    found = mentions("told us on 14 June we have to be out by the end of july", date(2026, 11, 30))
    assert [w.day for w in found if isinstance(w, OnDate)] == [date(2026, 6, 14), date(2026, 7, 31)]


def test_a_bare_day_after_a_date_is_in_that_month_or_the_next():
    today = date(2026, 11, 30)
    assert [w.day for w in mentions("told us on 3rd june our grant stops on the 17th", today)] == [
        date(2026, 6, 3),
        date(2026, 6, 17),
    ]
    assert [w.day for w in mentions("told on 28 june it stops on the 5th", today)][-1] == date(2026, 7, 5)
    assert mentions("on the 17th", today) == []  # no month to take it from


def test_a_weekday_is_a_date_in_a_reply():
    from compact.dates import has_period

    assert has_period("told friday, ends next friday") and not has_period("we meet most weeks")
    assert has_period("told us last sat") and has_period("told on sat it ends next fri")
    # "sat" the verb is not Saturday
    assert not has_period("Nobody ever sat down with us to agree an improvement plan.")


def test_the_end_or_start_of_the_month_counts_from_today():
    today = date(2026, 12, 2)
    assert parse_when("ends end of month", today) == OnDate(date(2026, 12, 31))
    assert parse_when("start of next month", today) == OnDate(date(2027, 1, 1))
    assert mentions("told us it stops at the end of the month", today) == [OnDate(date(2026, 12, 31))]


def test_a_story_dates_something_recent_by_days_or_weeks_ago_but_not_by_years():
    from compact.dates import date_count

    today = date(2026, 12, 4)
    told = "2 wks ago we got an email saying its stopping at the end of the month"
    assert mentions(told, today) == [OnDate(date(2026, 11, 20)), OnDate(date(2026, 12, 31))] and date_count(told) == 2
    assert mentions("a fortnight ago they told us", today) == [OnDate(date(2026, 11, 20))]
    assert mentions("we started the project 3 years ago", today) == [] and date_count("we started 3 years ago") == 0


def test_how_long_something_has_gone_on_is_not_a_measured_period():
    """ "the room they've let us use free for 10 years" is history, not a notice period of 10 years (tuning64)."""
    today = date(2026, 12, 4)
    assert mentions("they let us use the room free for 10 years, now we have to leave", today) == []
    assert mentions("we have run it for over 20 years and got 2 weeks notice", today) == [Length(2, "weeks")]
    assert mentions("a 3-year grant ended with two weeks notice", today) == [Length(2, "weeks")]
    assert mentions("they gave us 1 year notice", today) == [Length(1, "years")]  # a length said as the notice


def test_two_bare_days_with_no_month_are_this_months_or_the_last_ones():
    from compact.dates import bare_days

    today = date(2026, 12, 2)
    assert bare_days("council cut our fundng told us on 3rd ends 17th", today) == (date(2026, 11, 3), date(2026, 11, 17))
    assert bare_days("got a letter dated the 1st saying our grant ends on the 31st", today) == (
        date(2026, 12, 1),
        date(2026, 12, 31),
    )
    assert bare_days("told on the 20th, it stops on the 5th", today) == (date(2026, 11, 20), date(2026, 12, 5))
    assert bare_days("told on 3rd june, ends on the 17th", today) is None  # a month is named: mentions reads it
    assert bare_days("3rd month running they paid late, on the 14th", today) is None  # a count, not a date
    assert bare_days("emailed them on the 2nd, no reply", today) is None  # one day is not a period
    assert bare_days("told on the 3rd, ends on the 99th", today) is None  # no month has it


def test_last_month_in_january_is_last_years_december():
    result = parse_when("last month", date(2027, 1, 5), "past")
    assert isinstance(result, Unclear) and "Which day in December 2026" in result.reason


@pytest.mark.parametrize(
    ("text", "from_today"),
    [
        ("we heard on 1 October that the grant was approved, and the project starts in 2 weeks", True),
        ("told on 2 November that our funding will stop in 6 weeks", False),  # what was told then: from then
        ("the consultation opened on 20 November and only runs for 3 weeks", False),  # not counted from today
        ("it starts 2 weeks from now", True),
    ],
)
def test_a_length_counted_from_today_is_one_in_a_clause_without_a_date(text, from_today):
    assert ahead_on_its_own(text, TODAY) is from_today


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("the consultation closed on 30 November after 4 weeks", True),
        ("our funding ended on the 1st of December with 4 weeks notice", True),
        ("under 3.5 the consultation closed on 30 November after 4 weeks", True),  # "3.5" is a number, not a date
        ("told on 2 November that our funding will stop in 6 weeks", False),
        ("we got 6 weeks notice on 1 november", False),
        ("no date here, 6 weeks", False),
    ],
)
def test_the_first_date_is_the_end_when_words_of_ending_come_just_before_it(text, end):
    assert dated_as_the_end(text) is end


def test_a_service_named_by_its_hours_is_not_a_length():
    told = "the consultation on closing two day centres only runs 6 weeks"
    assert mentions(told, TODAY) == [Length(6, "weeks")]
    assert mentions("a two day course", TODAY) == [Length(2, "days")]


@pytest.mark.parametrize(
    "text, day",
    [
        ("it opened sometime early march", date(2026, 3, 1)),
        ("told in mid-may", date(2026, 5, 15)),
        ("a letter in late june", date(2026, 6, 30)),
        ("by the middle of april", date(2026, 4, 15)),
    ],
)
def test_a_part_of_a_month_said_roughly_is_its_first_middle_or_last_day(text, day):
    assert parse_when(text, TODAY, "past") == OnDate(day)


def test_the_edge_of_last_or_next_month_counts_from_today_and_a_future_one_is_no_day_told():
    assert parse_when("told at the end of last month", TODAY, "past") == OnDate(date(2026, 10, 31))
    assert isinstance(parse_when("sorry meant end of NEXT month not this month", TODAY, "past"), Unclear)
    assert parse_when("it ends at the end of next month", TODAY) == OnDate(date(2026, 12, 31))


def test_what_the_funding_lasted_is_not_a_notice_length():
    assert mentions("council told us our funding finishes end of the month!!! only had a yr of it", TODAY) == [
        OnDate(date(2026, 11, 30))
    ]
