"""Reading typed targets (app.ledger.phrases.resolve_target): the issue's table, refusals, edges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ledger.phrases import ACCEPTED_FORMS, ResolvedTarget, resolve_target

TODAY = dt.date(2022, 1, 25)
D = dt.date

# The NEC's meetings around the table's "today" (2022-01-25, itself a meeting day).
MEETINGS = (
    ("nec-2021-11-16", D(2021, 11, 16)),
    ("nec-2022-01-25", D(2022, 1, 25)),
    ("nec-2022-03-29", D(2022, 3, 29)),
    ("nec-2022-07-19", D(2022, 7, 19)),
)


def read(
    text: str,
    today: dt.date = TODAY,
    meetings: tuple[tuple[str, dt.date], ...] = MEETINGS,
    dayfirst: bool = True,
) -> ResolvedTarget:
    return resolve_target(text, today=today, meetings=meetings, dayfirst=dayfirst)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-15", D(2022, 3, 15)),
        ("15/03/2022", D(2022, 3, 15)),
        ("15 March 2022", D(2022, 3, 15)),
        ("March 15, 2022", D(2022, 3, 15)),
        ("March 2022", D(2022, 3, 31)),
        ("end of March", D(2022, 3, 31)),
        ("by March", D(2022, 3, 31)),
        ("next month", D(2022, 2, 28)),
        ("this month", D(2022, 1, 31)),
        ("in 10 days", D(2022, 2, 4)),
        ("in 3 weeks", D(2022, 2, 15)),
        ("in 2 months", D(2022, 3, 25)),
        ("next week", D(2022, 2, 1)),
        ("end of the year", D(2022, 12, 31)),
        ("end of year", D(2022, 12, 31)),
        ("today", D(2022, 1, 25)),
        ("tomorrow", D(2022, 1, 26)),
    ],
)
def test_table_dates(text: str, expected: dt.date) -> None:
    result = read(text)
    assert result == ResolvedTarget(expected, None)
    assert result.date == expected
    assert result.meeting is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The first meeting strictly after today: not today's own meeting.
        ("next meeting", ResolvedTarget(D(2022, 3, 29), "nec-2022-03-29")),
        ("the March meeting", ResolvedTarget(D(2022, 3, 29), "nec-2022-03-29")),
        ("March meeting", ResolvedTarget(D(2022, 3, 29), "nec-2022-03-29")),
    ],
)
def test_table_meetings(text: str, expected: ResolvedTarget) -> None:
    result = read(text)
    assert (result.date, result.meeting) == (expected.date, expected.meeting)


@pytest.mark.parametrize(
    "text", ["15 march 2022", "  15  MARCH  2022 ", "15th March 2022", "March 15th 2022"]
)
def test_case_spacing_and_ordinals_do_not_matter(text: str) -> None:
    assert read(text).date == D(2022, 3, 15)


def test_relative_forms_use_calendar_months() -> None:
    # relativedelta, not 30-day months: 31 January plus one month is 28 February.
    assert read("in 1 months", today=D(2022, 1, 31)).date == D(2022, 2, 28)
    assert read("in 2 months", today=D(2022, 12, 31)).date == D(2023, 2, 28)
    assert read("in 10 days", today=D(2022, 12, 25)).date == D(2023, 1, 4)


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1/2/22", "15/03/22", "15 March 22", "March 15, 22"])
def test_two_digit_years_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="year in full"):
        read(text)


@pytest.mark.parametrize("text", ["31/02/2022", "2022-02-30", "29 February 2022", "0/1/2022"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a real date"):
        read(text)


def test_a_leap_day_is_a_real_date() -> None:
    assert read("29/02/2024").date == D(2024, 2, 29)


def test_a_month_meeting_the_schedule_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="no April meeting"):
        read("the April meeting")


def test_next_meeting_with_no_later_meeting_is_refused() -> None:
    with pytest.raises(ValueError, match="no meeting after 19 Jul 2022"):
        read("next meeting", today=D(2022, 7, 19))
    with pytest.raises(ValueError, match="no meeting after"):
        read("next meeting", meetings=())


@pytest.mark.parametrize(
    "text",
    [
        "item 4 of 12 May",
        "soon",
        "12 May",  # no year: refused rather than guessed
        "2022/03/15",
        "in 3 fortnights",
        "next Tuesday",
        "March 15 2022 or so",
        "15/03/2022 10:00",
    ],
)
def test_unreadable_text_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="Accepted:") as caught:
        read(text)
    message = str(caught.value)
    assert ACCEPTED_FORMS in message
    for form in ("2022-03-15", "15/03/2022", "next month", "the March meeting", "in 10 days"):
        assert form in message
    assert repr(text.strip()) in message


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="Accepted:"):
        read(text)


def test_item_4_of_12_may_is_never_fuzzy_parsed() -> None:
    # dateutil's fuzzy mode would read this as a day in 2004.
    with pytest.raises(ValueError, match="Cannot read 'item 4 of 12 May'"):
        read("item 4 of 12 May")


# --- month-first --------------------------------------------------------------------------


def test_month_first_setting() -> None:
    assert read("03/15/2022", dayfirst=False).date == D(2022, 3, 15)
    with pytest.raises(ValueError, match="not a real date"):
        read("15/03/2022", dayfirst=False)
    # The same text means different days under the two settings.
    assert read("01/02/2022").date == D(2022, 2, 1)
    assert read("01/02/2022", dayfirst=False).date == D(2022, 1, 2)
    # Day-first is the default, and refuses the American order.
    with pytest.raises(ValueError, match="not a real date"):
        read("03/15/2022")


def test_month_first_leaves_written_and_iso_dates_alone() -> None:
    assert read("2022-03-15", dayfirst=False).date == D(2022, 3, 15)
    assert read("15 March 2022", dayfirst=False).date == D(2022, 3, 15)


# --- month ends and the year boundary -----------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2022, 1, 31), D(2022, 2, 28)),
        (D(2022, 12, 15), D(2023, 1, 31)),
        (D(2022, 12, 31), D(2023, 1, 31)),
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2022, 3, 31), D(2022, 4, 30)),
    ],
)
def test_next_month_at_month_ends(today: dt.date, expected: dt.date) -> None:
    assert read("next month", today=today).date == expected


def test_this_month_and_end_of_year_follow_today() -> None:
    assert read("this month", today=D(2024, 2, 3)).date == D(2024, 2, 29)
    assert read("end of the year", today=D(2023, 6, 1)).date == D(2023, 12, 31)


def test_end_of_a_month_already_past_means_next_year() -> None:
    assert read("end of January", today=D(2022, 2, 10)).date == D(2023, 1, 31)
    assert read("by January", today=D(2022, 2, 10)).date == D(2023, 1, 31)


def test_end_of_the_current_month_is_this_year() -> None:
    assert read("end of March", today=D(2022, 3, 31)).date == D(2022, 3, 31)


# --- month meetings -----------------------------------------------------------------------

TWO_MARCHES = (
    ("nec-2022-03-29", D(2022, 3, 29)),  # given out of order on purpose
    ("nec-2022-03-01", D(2022, 3, 1)),
    ("nec-2023-03-07", D(2023, 3, 7)),
)


def test_the_march_meeting_is_the_first_on_or_after_today() -> None:
    assert read("the March meeting", meetings=TWO_MARCHES) == ResolvedTarget(
        D(2022, 3, 1), "nec-2022-03-01"
    )
    # On the day of a meeting, that meeting still counts.
    assert read("the March meeting", today=D(2022, 3, 1), meetings=TWO_MARCHES) == (
        ResolvedTarget(D(2022, 3, 1), "nec-2022-03-01")
    )


def test_a_march_meeting_in_the_past_is_not_chosen() -> None:
    assert read("the March meeting", today=D(2022, 3, 2), meetings=TWO_MARCHES) == (
        ResolvedTarget(D(2022, 3, 29), "nec-2022-03-29")
    )
    assert read("March meeting", today=D(2022, 3, 30), meetings=TWO_MARCHES) == (
        ResolvedTarget(D(2023, 3, 7), "nec-2023-03-07")
    )
    only_past = (("nec-2022-03-01", D(2022, 3, 1)),)
    with pytest.raises(ValueError, match="no March meeting on or after 2 Mar 2022"):
        read("the March meeting", today=D(2022, 3, 2), meetings=only_past)


def test_next_meeting_is_strictly_after_today_and_ignores_input_order() -> None:
    assert read("next meeting", today=D(2022, 3, 1), meetings=TWO_MARCHES) == ResolvedTarget(
        D(2022, 3, 29), "nec-2022-03-29"
    )


# --- bugs found while writing these tests --------------------------------------------------


def test_due_by_a_month() -> None:
    assert read("due by March").date == D(2022, 3, 31)


def test_a_huge_number_of_days_is_refused_as_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"Accepted|out of range|too far"):
        read("in 99999999 days")


# --- properties ---------------------------------------------------------------------------

# Four-digit years only: the form asks for the year in full, and strftime('%Y') does not
# zero-pad years before 1000 on glibc.
dates = st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31))


@given(day=dates, today=dates)
def test_iso_dates_read_back_exactly(day: dt.date, today: dt.date) -> None:
    assert resolve_target(day.isoformat(), today=today, meetings=()) == ResolvedTarget(day)


@given(day=dates, today=dates)
def test_day_first_dates_read_back_exactly(day: dt.date, today: dt.date) -> None:
    text = day.strftime("%d/%m/%Y")
    assert resolve_target(text, today=today, meetings=()) == ResolvedTarget(day)


@given(day=dates)
def test_month_first_dates_read_back_exactly(day: dt.date) -> None:
    text = day.strftime("%m/%d/%Y")
    assert resolve_target(text, today=TODAY, meetings=(), dayfirst=False).date == day
