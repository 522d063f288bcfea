"""A body's RRULE schedule turned into dates, and into scheduled meetings in the record."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

from app.core.errors import Conflict, Invalid
from app.core.settings import Settings
from app.ledger.schedule import create_scheduled_meetings, schedule_dates
from app.ledger.standings import overdue, standings
from app.reads.lookups import body_meetings
from app.record.bodies import BodyFields, create_body
from app.record.commitments import CommitmentFields, PromiseFields, create_commitment
from app.record.meetings import MeetingFields, create_meeting, meeting_fields, reschedule_meeting
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

    reschedule_meeting(db.sessions, september, D(2022, 10, 11))

    after = budget(D(2022, 9, 1))
    assert after.row.target == D(2022, 10, 11)
    assert after.row.target_meeting == "fin-2022-09-27"  # the key stays; the date moves
    assert after.days_left == 40
    assert after.slips == 0  # the meeting moved; nobody re-promised
    assert overdue(db.sessions, D(2022, 10, 5), settings) == []
    assert [s.days_overdue for s in overdue(db.sessions, D(2022, 10, 20), settings)] == [9]
    assert meeting_fields(db.sessions, september).status == "scheduled"
