"""The part of a story that says what went wrong (compact/story.py) and the dates in it (compact/dates.py)."""

from __future__ import annotations

from datetime import date, timedelta

from compact.dates import Length, OnDate, date_count, has_period, mentions
from compact.story import focus, the_point, undated, unscened, without_asides_to_the_bot

TODAY = date(2026, 11, 30)


def test_scene_setting_and_dates_are_left_out():
    story = (
        "hi, we're a small food bank in chesterfield. the county council emailed us on 2 March 2026 to say our "
        "grant stops on 16 March 2026. surely that's not allowed??"
    )
    assert focus(story) == "the county council emailed us on to say our grant stops on . surely that's not allowed??"
    assert focus("we are a charity and the council cut our grant") == "we are a charity and the council cut our grant"
    assert undated("what does 13.2 say about 03/04/2026") == "what does 13.2 say about"
    assert focus("Hello") == "hello"


def test_every_date_and_length_in_a_story():
    assert mentions("told on 5 May 2026 that the contract stops on 20 May 2026", TODAY) == [
        OnDate(date(2026, 5, 5)),
        OnDate(date(2026, 5, 20)),
    ]
    assert mentions("our grant stops on 16 March 2026, we heard on 2 March 2026", TODAY)[1] == OnDate(date(2026, 3, 2))
    assert mentions("ended with a fortnight's notice", TODAY) == [Length(2, "weeks")]
    assert mentions("we got told 3 weeks ago", TODAY) == [OnDate(TODAY - timedelta(weeks=3))]  # recent: a date
    assert mentions("we set up 3 years ago", TODAY) == [] and mentions("see 13.2", TODAY) == []
    assert date_count("from 5 jan 2026 to 2 feb 2026") == 2 and has_period("two weeks notice") and not has_period("hello")


def test_the_point_of_a_story_follows_its_turn_from_what_was_fine():
    assert the_point("we got three months notice in writing, fair enough. but they never let us put our side") == (
        "they never let us put our side"
    )
    assert the_point("we had 4 months notice. the issue is they decided at cabinet without hearing us") == (
        "they decided at cabinet without hearing us"
    )
    assert the_point("fair enough, but why?") == "fair enough, but why?"  # nothing said after the turn: the whole text
    assert the_point("they cut our grant") == "they cut our grant"
    # a first complaint waved aside in the same message: what follows is the point
    told = "it doesn't mention the compact. Actually forget that, what really gets me is they added monitoring after we signed"
    assert the_point(told) == "they added monitoring after we signed"
    assert the_point("they told us to forget that we ever had the grant") == "they told us to forget that we ever had the grant"


def test_a_greeting_run_into_who_we_are_is_scene_setting():
    told = "Hi - I'm a CCG commissioner reviewing our contract templates. Does the compact say anything about monitoring?"
    assert unscened(told) == "Does the compact say anything about monitoring?"


def test_a_question_about_whose_side_the_assistant_is_on_is_no_part_of_the_story():
    told = "you're on the voluntary sector's side, right? the council wants a 40 page application for a £500 grant."
    assert without_asides_to_the_bot(told) == "the council wants a 40 page application for a £500 grant."
    assert unscened("whose side are you on? they cut our grant with a week's notice") == "they cut our grant with a week's notice"
    assert without_asides_to_the_bot("are you on our side?") == "are you on our side?"  # nothing else: kept whole
