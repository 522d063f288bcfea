"""The use cases for meetings: create, reschedule, cancel, delete, as a committee member would meet them.

Every refusal is checked three ways: the kind of error, its words, and that the record
is exactly as it was (tests/builders.py: `refused`).
"""

from __future__ import annotations

import datetime as dt

from app.core.errors import Conflict, Invalid, NotFound
from app.record.meetings import (
    MeetingFields,
    create_meeting,
    delete_meeting,
    meeting_fields,
    reschedule_meeting,
    set_meeting_status,
    update_meeting,
)
from app.safety.opening import Database
from db import queries
from db.models import AgendaItem, Body, Meeting, Promise
from tests.builders import (
    MISSING_ID,
    D,
    agenda,
    count,
    forde_report,
    id_of,
    key_of,
    ledger,
    new_meeting,
    new_nec,
    promise_ids,
    refused,
)

# --- meetings ----------------------------------------------------------------------------


def test_a_new_meeting_is_keyed_by_body_and_date(db: Database) -> None:
    nec = new_nec(db)

    meeting = new_meeting(db, nec, D(2022, 1, 25), time="10:00", title="NEC")

    assert key_of(db, Meeting, meeting) == "nec-2022-01-25"
    assert meeting_fields(db.sessions, meeting) == MeetingFields(
        nec, D(2022, 1, 25), dt.time(10, 0), "NEC", "scheduled", "", ""
    )


def test_two_meetings_on_one_day_get_numbered_keys(db: Database) -> None:
    nec = new_nec(db)

    keys = [key_of(db, Meeting, new_meeting(db, nec, D(2022, 1, 25))) for _ in range(3)]

    assert keys == ["nec-2022-01-25", "nec-2022-01-25-2", "nec-2022-01-25-3"]


def test_an_extra_meeting_on_a_sample_date_gets_the_next_free_key(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")

    meeting = new_meeting(sample_db, nec, D(2022, 1, 25), title="Emergency session")

    assert key_of(sample_db, Meeting, meeting) == "nec-2022-01-25-2"


def test_a_meeting_cannot_take_a_key_already_in_use(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(sample_db, Conflict, "key: a meeting with key 'nec-2022-03-29' already exists"):
        create_meeting(sample_db.sessions, MeetingFields(nec, D(2022, 4, 1)), key="nec-2022-03-29")


def test_a_meeting_with_an_unknown_status_is_refused(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(
        sample_db,
        Invalid,
        "status: 'adjourned' is not one of scheduled, held, postponed, cancelled",
    ):
        new_meeting(sample_db, nec, D(2022, 9, 27), status="adjourned")


def test_a_meeting_date_must_be_iso(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(sample_db, Invalid, "date: '27/09/2022' is not a date in the form YYYY-MM-DD"):
        new_meeting(sample_db, nec, "27/09/2022")


def test_a_meeting_of_an_unknown_body_is_refused(sample_db: Database) -> None:
    with refused(sample_db, NotFound, f"no body with id {MISSING_ID}"):
        new_meeting(sample_db, MISSING_ID, D(2022, 9, 27))


def test_moving_a_meeting_to_an_unknown_body_is_refused(sample_db: Database) -> None:
    meeting = id_of(sample_db, Meeting, "nec-2022-03-29")
    with refused(sample_db, NotFound, f"no body with id {MISSING_ID}"):
        update_meeting(sample_db.sessions, meeting, MeetingFields(MISSING_ID, D(2022, 3, 29)))


def test_rescheduling_the_january_meeting_moves_the_promise_made_for_it(
    sample_db: Database,
) -> None:
    january = id_of(sample_db, Meeting, "nec-2022-01-25")
    report = forde_report(sample_db)
    assert ledger(sample_db, report)[1] == (D(2021, 11, 16), None, "nec-2022-01-25")

    reschedule_meeting(sample_db.sessions, january, D(2022, 2, 8), dt.time(14, 30))

    with sample_db.sessions() as s:
        promise = s.get_one(Promise, promise_ids(sample_db, report)[1])
        assert promise.target_meeting is not None
        assert promise.target_meeting.date == D(2022, 2, 8)
        assert promise.target_date is None
    moved = meeting_fields(sample_db.sessions, january)
    assert (moved.date, moved.time, moved.status) == (D(2022, 2, 8), dt.time(14, 30), "held")
    assert key_of(sample_db, Meeting, january) == "nec-2022-01-25"  # the key is stable


def test_rescheduling_a_postponed_meeting_puts_it_back_on_the_calendar(db: Database) -> None:
    nec = new_nec(db)
    meeting = new_meeting(db, nec, D(2022, 9, 27), time="10:00", status="postponed")

    reschedule_meeting(db.sessions, meeting, D(2022, 10, 4))

    moved = meeting_fields(db.sessions, meeting)
    assert (moved.date, moved.time, moved.status) == (D(2022, 10, 4), dt.time(10), "scheduled")


def test_a_meeting_a_promise_is_due_at_cannot_be_deleted(sample_db: Database) -> None:
    january = id_of(sample_db, Meeting, "nec-2022-01-25")
    with refused(
        sample_db,
        Conflict,
        "1 promise is due at the meeting of 25 Jan 2022; cancel or reschedule it instead",
    ):
        delete_meeting(sample_db.sessions, january)


def test_deleting_a_meeting_takes_its_agenda_with_it(sample_db: Database) -> None:
    july = id_of(sample_db, Meeting, "nec-2021-07-20")
    assert len(agenda(sample_db, july)) == 4

    delete_meeting(sample_db.sessions, july)

    assert count(sample_db, Meeting) == 6
    assert count(sample_db, AgendaItem) == 13 - 4
    with sample_db.sessions() as s:
        assert "nec-2021-07-20" not in queries.keys(s, Meeting)


def test_the_clerk_marks_a_meeting_cancelled(sample_db: Database) -> None:
    march = id_of(sample_db, Meeting, "nec-2022-03-29")

    set_meeting_status(sample_db.sessions, march, "cancelled")

    assert meeting_fields(sample_db.sessions, march).status == "cancelled"


def test_a_meeting_status_outside_the_list_is_refused(sample_db: Database) -> None:
    march = id_of(sample_db, Meeting, "nec-2022-03-29")
    with refused(sample_db, Invalid, "status: 'abandoned' is not one of"):
        set_meeting_status(sample_db.sessions, march, "abandoned")


def test_the_status_of_a_meeting_that_is_gone_cannot_be_set(db: Database) -> None:
    with refused(db, NotFound, f"no meeting with id {MISSING_ID}"):
        set_meeting_status(db.sessions, MISSING_ID, "held")
