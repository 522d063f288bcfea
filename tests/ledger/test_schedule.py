"""A body's RRULE schedule turned into dates, and into scheduled meetings in the record."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import fields
from app.core.errors import Conflict, Invalid
from app.core.settings import Settings
from app.ledger.schedule import create_scheduled_meetings, schedule_dates
from app.ledger.standings import overdue, standings
from app.reads.lookups import body_meetings
from app.record.bodies import BodyFields, create_body
from app.record.commitments import CommitmentFields, PromiseFields, create_commitment
from app.record.meetings import (
    ChangeNote,
    MeetingFields,
    create_meeting,
    meeting_fields,
    reschedule_meeting,
)
from app.safety.opening import Database

D = dt.date
NEC_RULE = "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"
ANCHOR = D(2020, 7, 21)


def last_tuesday(year: int, month: int) -> dt.date:
    """Worked out independently of dateutil: the month's last day, stepped back to a Tuesday."""
    last = D(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - calendar.TUESDAY) % 7)


# --- schedule_dates -----------------------------------------------------------------------


def test_every_other_month_on_the_last_tuesday_keeps_the_anchor_phase() -> None:
    dates = schedule_dates(NEC_RULE, anchor=ANCHOR, after=D(2022, 12, 31), until=D(2023, 12, 31))
    assert dates == [
        D(2023, 1, 31),
        D(2023, 3, 28),
        D(2023, 5, 30),
        D(2023, 7, 25),
        D(2023, 9, 26),
        D(2023, 11, 28),
    ]
    assert dates == [last_tuesday(2023, m) for m in (1, 3, 5, 7, 9, 11)]
    assert all(d.weekday() == calendar.TUESDAY for d in dates)


def test_schedule_dates_over_several_years_match_an_independent_reckoning() -> None:
    dates = schedule_dates(NEC_RULE, anchor=ANCHOR, after=D(2023, 12, 31), until=D(2026, 12, 31))
    expected = [last_tuesday(y, m) for y in (2024, 2025, 2026) for m in (1, 3, 5, 7, 9, 11)]
    assert dates == expected


def test_a_month_that_already_has_a_meeting_is_skipped() -> None:
    dates = schedule_dates(
        NEC_RULE,
        anchor=ANCHOR,
        after=D(2022, 12, 31),
        until=D(2023, 7, 31),
        existing=[D(2023, 3, 14), D(2023, 6, 6)],  # an off-pattern March sitting; June is off-phase
    )
    assert dates == [D(2023, 1, 31), D(2023, 5, 30), D(2023, 7, 25)]


def test_after_is_exclusive_and_until_is_inclusive() -> None:
    dates = schedule_dates(NEC_RULE, anchor=ANCHOR, after=D(2023, 1, 31), until=D(2023, 5, 30))
    assert dates == [D(2023, 3, 28), D(2023, 5, 30)]
    dates = schedule_dates(NEC_RULE, anchor=ANCHOR, after=D(2023, 1, 30), until=D(2023, 5, 29))
    assert dates == [D(2023, 1, 31), D(2023, 3, 28)]


def test_weekly_rule_skips_a_week_already_met() -> None:
    dates = schedule_dates(
        "FREQ=WEEKLY;BYDAY=MO",
        anchor=D(2023, 1, 2),
        after=D(2023, 1, 1),
        until=D(2023, 1, 31),
        existing=[D(2023, 1, 11)],  # a Wednesday sitting in the week of 9 January
    )
    assert dates == [D(2023, 1, 2), D(2023, 1, 16), D(2023, 1, 23), D(2023, 1, 30)]


# --- create_scheduled_meetings ------------------------------------------------------------


def make_body(db: Database, schedule: str | None = NEC_RULE, *meeting_days: dt.date) -> int:
    body_id = create_body(
        db.sessions, BodyFields("Finance Committee", "FinCom", schedule), key="fin"
    )
    for day in meeting_days:
        create_meeting(db.sessions, MeetingFields(body_id, day, status="held"))
    return body_id


def test_creates_scheduled_meetings_after_the_last_meeting(db: Database) -> None:
    body_id = make_body(db, NEC_RULE, ANCHOR, D(2022, 7, 19))
    ids = create_scheduled_meetings(db.sessions, body_id, until=D(2023, 1, 31), today=D(2022, 8, 1))
    assert len(ids) == 3
    found = [meeting_fields(db.sessions, i) for i in ids]
    assert [m.date for m in found] == [D(2022, 9, 27), D(2022, 11, 29), D(2023, 1, 31)]
    assert {m.status for m in found} == {"scheduled"}
    assert {m.body_id for m in found} == {body_id}
    assert {m.title for m in found} == {"FinCom"}
    assert body_meetings(db.sessions, body_id) == [
        ("fin-2020-07-21", ANCHOR),
        ("fin-2022-07-19", D(2022, 7, 19)),
        ("fin-2022-09-27", D(2022, 9, 27)),
        ("fin-2022-11-29", D(2022, 11, 29)),
        ("fin-2023-01-31", D(2023, 1, 31)),
    ]


def test_nothing_before_today_is_created(db: Database) -> None:
    body_id = make_body(db, NEC_RULE, ANCHOR, D(2022, 7, 19))
    ids = create_scheduled_meetings(
        db.sessions, body_id, until=D(2023, 1, 31), today=D(2022, 10, 1)
    )
    assert [meeting_fields(db.sessions, i).date for i in ids] == [D(2022, 11, 29), D(2023, 1, 31)]


def test_nothing_before_the_last_meeting_is_created(db: Database) -> None:
    # The last meeting (an off-phase October sitting) is later than today.
    body_id = make_body(db, NEC_RULE, ANCHOR, D(2022, 10, 3))
    ids = create_scheduled_meetings(db.sessions, body_id, until=D(2023, 1, 31), today=D(2022, 8, 1))
    assert [meeting_fields(db.sessions, i).date for i in ids] == [D(2022, 11, 29), D(2023, 1, 31)]


def test_until_is_inclusive(db: Database) -> None:
    body_id = make_body(db, NEC_RULE, ANCHOR)
    day_before = create_scheduled_meetings(
        db.sessions, body_id, until=D(2022, 11, 28), today=D(2022, 8, 1)
    )
    assert [meeting_fields(db.sessions, i).date for i in day_before] == [D(2022, 9, 27)]
    on_the_day = create_scheduled_meetings(
        db.sessions, body_id, until=D(2022, 11, 29), today=D(2022, 8, 1)
    )
    assert [meeting_fields(db.sessions, i).date for i in on_the_day] == [D(2022, 11, 29)]


def test_running_again_creates_no_duplicates(db: Database) -> None:
    body_id = make_body(db, NEC_RULE, ANCHOR)
    first = create_scheduled_meetings(
        db.sessions, body_id, until=D(2023, 3, 1), today=D(2022, 8, 1)
    )
    assert len(first) == 3
    again = create_scheduled_meetings(
        db.sessions, body_id, until=D(2023, 3, 31), today=D(2022, 8, 1)
    )
    assert [meeting_fields(db.sessions, i).date for i in again] == [D(2023, 3, 28)]
    dates = [day for _, day in body_meetings(db.sessions, body_id)]
    assert len(dates) == len(set(dates)) == 5


def test_a_body_with_no_meetings_is_anchored_on_today(db: Database) -> None:
    body_id = make_body(db, "FREQ=MONTHLY;BYMONTHDAY=15")
    ids = create_scheduled_meetings(
        db.sessions, body_id, until=D(2023, 4, 15), today=D(2023, 1, 20)
    )
    assert [meeting_fields(db.sessions, i).date for i in ids] == [
        D(2023, 2, 15),
        D(2023, 3, 15),
        D(2023, 4, 15),
    ]


def test_a_body_with_no_schedule_is_refused(db: Database) -> None:
    body_id = make_body(db, None, ANCHOR)
    with pytest.raises(Conflict, match="no schedule"):
        create_scheduled_meetings(db.sessions, body_id, until=D(2023, 1, 31), today=D(2022, 8, 1))
    assert len(body_meetings(db.sessions, body_id)) == 1


@pytest.mark.parametrize(
    ("until", "today"),
    [
        (D(2022, 10, 3), D(2022, 8, 1)),  # the last meeting's own day
        (D(2022, 9, 30), D(2022, 8, 1)),  # before the last meeting
        (D(2022, 12, 31), D(2023, 1, 10)),  # before today
    ],
)
def test_until_not_after_the_start_is_refused(db: Database, until: dt.date, today: dt.date) -> None:
    body_id = make_body(db, NEC_RULE, ANCHOR, D(2022, 10, 3))
    with pytest.raises(Invalid, match="is not after") as caught:
        create_scheduled_meetings(db.sessions, body_id, until=until, today=today)
    assert caught.value.field == "until"
    assert len(body_meetings(db.sessions, body_id)) == 2


def test_a_promise_at_a_scheduled_meeting_follows_it_when_rescheduled(db: Database) -> None:
    body_id = make_body(db, NEC_RULE, ANCHOR, D(2022, 7, 19))
    ids = create_scheduled_meetings(
        db.sessions, body_id, until=D(2022, 12, 31), today=D(2022, 8, 1)
    )
    september = ids[0]
    assert meeting_fields(db.sessions, september).date == D(2022, 9, 27)
    create_commitment(
        db.sessions,
        CommitmentFields("Budget paper", body_id, owner="Treasurer"),
        PromiseFields(recorded_on=D(2022, 8, 1), target_meeting_id=september),
        key="budget",
    )
    settings = Settings()

    def budget(as_of: dt.date):  # type: ignore[no-untyped-def]
        (found,) = [s for s in standings(db.sessions, as_of, settings) if s.key == "budget"]
        return found

    before = budget(D(2022, 9, 1))
    assert (before.row.target, before.row.target_meeting) == (D(2022, 9, 27), "fin-2022-09-27")
    assert before.days_left == 26
    assert [s.key for s in overdue(db.sessions, D(2022, 10, 5), settings)] == ["budget"]

    reschedule_meeting(db.sessions, september, D(2022, 10, 11), note=ChangeNote(D(2022, 8, 20)))

    after = budget(D(2022, 9, 1))
    assert after.row.target == D(2022, 10, 11)
    assert after.row.target_meeting == "fin-2022-09-27"  # the key stays; the date moves
    assert after.days_left == 40
    assert after.slips == 0  # the meeting moved; nobody re-promised
    assert overdue(db.sessions, D(2022, 10, 5), settings) == []
    assert [s.days_overdue for s in overdue(db.sessions, D(2022, 10, 20), settings)] == [9]
    assert meeting_fields(db.sessions, september).status == "scheduled"


# --- every rule is bounded ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=SECONDLY", "FREQ=SECONDLY is more often than daily"),
        ("FREQ=MINUTELY;INTERVAL=5", "FREQ=MINUTELY is more often than daily"),
        ("FREQ=HOURLY;INTERVAL=24", "FREQ=HOURLY is more often than daily"),
        ("FREQ=WEEKLY;FREQ=SECONDLY", "FREQ appears twice"),
        ("DTSTART:20200101T000000 RRULE:FREQ=SECONDLY", "must be one RRULE line"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number of 1 or more"),
        ("FREQ=DAILY;INTERVAL=5000", "INTERVAL must be at most 1000"),
        ("FREQ=DAILY;COUNT=0", "COUNT must be a whole number of 1 or more"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20300101", "gives both COUNT and UNTIL"),
        ("FREQ=DAILY;BYHOUR=9,10", "BYHOUR may give one time of day"),
        ("FREQ=YEARLY;BYEASTER=0", "BYEASTER is not an iCalendar RRULE part"),
        ("FREQ=YEARLY;BYSETPOS=" + ",".join(map(str, range(1, 60))), "at most 31 values"),
        # Rules that match nothing: dateutil alone would walk each to the year 9999.
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "never gives a meeting date"),
        ("FREQ=DAILY;BYWEEKNO=53;BYMONTH=6", "never gives a meeting date"),
        ("FREQ=YEARLY;BYSETPOS=366;BYYEARDAY=1,2", "never gives a meeting date"),
        ("FREQ=DAILY;BYSETPOS=2", "never gives a meeting date"),
        ("FREQ=DAILY;UNTIL=19991231", "never gives a meeting date"),
    ],
)
def test_a_rule_that_could_run_away_is_refused_in_one_line(rule: str, why: str) -> None:
    with pytest.raises(Invalid, match=r"^schedule: ") as caught:
        fields.schedule(rule, "schedule")
    assert why in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "rule",
    [
        NEC_RULE,
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20250101",
        "FREQ=MONTHLY;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=WE",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYDAY=TU;BYHOUR=10;BYMINUTE=30",
        "RRULE:FREQ=MONTHLY;COUNT=12",
    ],
)
def test_ordinary_schedules_are_kept(rule: str) -> None:
    assert fields.schedule(rule, "schedule") == rule.removeprefix("RRULE:")


def test_a_stored_rule_finer_than_daily_is_refused_not_walked() -> None:
    # A record may hold a rule saved before these checks; it must not spin.
    with pytest.raises(Invalid, match="FREQ=SECONDLY is more often than daily"):
        schedule_dates("FREQ=SECONDLY", anchor=ANCHOR, after=D(2022, 1, 1), until=D(2023, 1, 1))


def test_a_window_of_centuries_is_refused() -> None:
    with pytest.raises(Invalid, match="until: at most 100 years ahead") as caught:
        schedule_dates(NEC_RULE, anchor=ANCHOR, after=D(2022, 1, 1), until=D(9999, 12, 31))
    assert caught.value.field == "until"


def test_a_rule_that_matches_nothing_in_the_window_gives_nothing() -> None:
    # Every other day from a Monday, on Tuesdays only: nothing ever, for this anchor.
    rule = "FREQ=DAILY;INTERVAL=14;BYDAY=TU"
    assert (
        schedule_dates(rule, anchor=D(2024, 1, 1), after=D(2024, 1, 1), until=D(2110, 1, 1)) == []
    )


def test_a_timed_rule_gives_the_until_day_too() -> None:
    dates = schedule_dates(
        "FREQ=WEEKLY;BYDAY=TU;BYHOUR=18",
        anchor=D(2023, 1, 3),
        after=D(2023, 1, 3),
        until=D(2023, 1, 17),
    )
    assert dates == [D(2023, 1, 10), D(2023, 1, 17)]


def test_a_dense_rule_stops_at_the_meeting_limit() -> None:
    with pytest.raises(Invalid, match="more than 500 meetings"):
        schedule_dates("FREQ=DAILY", anchor=ANCHOR, after=D(2022, 1, 1), until=D(2030, 1, 1))


RULE_PARTS = st.sampled_from(
    [
        "INTERVAL=2",
        "INTERVAL=3",
        "INTERVAL=7",
        "INTERVAL=401",
        "BYDAY=TU",
        "BYDAY=-1TU,MO",
        "BYDAY=2FR",
        "BYMONTHDAY=1,15",
        "BYMONTHDAY=29,30,31",
        "BYMONTHDAY=-1",
        "BYMONTH=2",
        "BYMONTH=6,12",
        "BYSETPOS=-1",
        "BYSETPOS=2",
        "BYYEARDAY=60,366",
        "BYWEEKNO=1,53",
        "COUNT=7",
        "UNTIL=20310615",
        "WKST=SU",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    parts=st.lists(RULE_PARTS, max_size=3, unique_by=lambda p: p.partition("=")[0]),
    anchor=st.dates(min_value=D(9000, 1, 1), max_value=D(9600, 12, 31)),
    offset=st.integers(min_value=-400, max_value=200_000),
    span=st.integers(min_value=0, max_value=4_000),
)
def test_bounded_walks_give_the_days_dateutil_gives(
    freq: str, parts: list[str], anchor: dt.date, offset: int, span: int
) -> None:
    # Late anchors keep plain dateutil's own walk (to the year 9999) short enough to test
    # against; the windows still move forward (400 years and more) and towards 9999.
    rule_text = ";".join([f"FREQ={freq}", *parts]).replace("UNTIL=2031", "UNTIL=9431")
    if "COUNT=" in rule_text and "UNTIL=" in rule_text:
        return
    last = D(9985, 12, 31)
    start = anchor + dt.timedelta(days=min(offset, (last - anchor).days))
    end = start + dt.timedelta(days=min(span, (last - start).days))
    rule = fields.schedule_rule(rule_text, "schedule", anchor=anchor)
    plain = rrulestr(rule_text, dtstart=dt.datetime.combine(anchor, dt.time()))
    expected = [
        o.date()
        for o in plain.between(
            dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()), inc=True
        )
    ]
    assert list(fields.schedule_days(rule, start, end)) == expected
