"""The use cases of app/, told as a committee member would: what they may do and what is refused.

Every refusal is checked three ways: the kind of error, the words it uses, and that the
record is exactly as it was before (the whole interchange export plus a row count of
every table).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, DomainError, Invalid, NotFound
from app.record.agenda import (
    AgendaFields,
    add_item,
    delete_item,
    item_fields,
    move_item,
    reorder_items,
    update_item,
)
from app.record.bodies import BodyFields, body_fields, create_body, delete_body, update_body
from app.record.commitments import (
    CommitmentFields,
    PromiseFields,
    add_note,
    commitment_fields,
    create_commitment,
    delete_commitment,
    delete_promise,
    mark_delivered,
    mark_dropped,
    record_promise,
    reopen,
)
from app.record.meetings import (
    MeetingFields,
    create_meeting,
    delete_meeting,
    meeting_fields,
    reschedule_meeting,
    set_meeting_status,
    update_meeting,
)
from app.record.owners import create_owner, delete_owner, update_owner
from app.safety.opening import Database
from app.transfer.interchange_export import export_document
from db import queries
from db.models import AgendaItem, Body, Commitment, Meeting, Note, Owner, Promise

D = dt.date
TABLES = (Body, Meeting, AgendaItem, Owner, Commitment, Promise, Note)
MISSING_ID = 9999


# --- helpers -----------------------------------------------------------------------------


def the_record(db: Database) -> dict[str, Any]:
    """Everything `docket export` would write, plus how many rows each table holds."""
    with db.sessions() as s:
        doc = export_document(s)
        doc["rows"] = {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES
        }
    return doc


def rows(db: Database, table: type[Any]) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


@contextmanager
def refused(
    db: Database, error: type[DomainError], words: str
) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The action inside is refused with `error`, says `words`, and changes nothing."""
    before = the_record(db)
    with pytest.raises(error, match=re.escape(words)) as raised:
        yield raised
    assert isinstance(raised.value, DomainError)
    assert the_record(db) == before


def id_of(db: Database, model: Any, key: str) -> int:
    with db.sessions() as s:
        found = queries.id_by_key(s, model, key)
    assert found is not None, f"no {model.__name__} {key!r}"
    return found


def key_of(db: Database, model: Any, record_id: int) -> str:
    with db.sessions() as s:
        return str(s.get_one(model, record_id).key)


def owner_id(db: Database, name: str) -> int | None:
    with db.sessions() as s:
        return s.scalar(select(Owner.id).where(Owner.name == name))


def commitment(db: Database, commitment_id: int) -> tuple[str, dt.date | None]:
    """(status, status_on) of a commitment."""
    with db.sessions() as s:
        c = s.get_one(Commitment, commitment_id)
        return c.status, c.status_on


def ledger(db: Database, commitment_id: int) -> list[tuple[dt.date, dt.date | None, str | None]]:
    """A commitment's promises as (recorded on, target date, target meeting key), in order."""
    with db.sessions() as s:
        return [
            (p.recorded_on, p.target_date, p.target_meeting.key if p.target_meeting else None)
            for p in s.scalars(
                select(Promise)
                .where(Promise.commitment_id == commitment_id)
                .order_by(Promise.recorded_on, Promise.id)
            )
        ]


def promise_ids(db: Database, commitment_id: int) -> list[int]:
    with db.sessions() as s:
        return list(
            s.scalars(
                select(Promise.id)
                .where(Promise.commitment_id == commitment_id)
                .order_by(Promise.recorded_on, Promise.id)
            )
        )


def notes_of(db: Database, commitment_id: int) -> list[tuple[dt.date, str]]:
    with db.sessions() as s:
        return [
            (n.recorded_on, n.text)
            for n in s.scalars(
                select(Note).where(Note.commitment_id == commitment_id).order_by(Note.id)
            )
        ]


def agenda(db: Database, meeting_id: int) -> list[tuple[int, str]]:
    """The meeting's agenda as (position, title), in order."""
    with db.sessions() as s:
        return [
            (i.position, i.title)
            for i in s.scalars(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position)
            )
        ]


def titles(db: Database, meeting_id: int) -> list[str]:
    return [title for _, title in agenda(db, meeting_id)]


def new_nec(db: Database) -> int:
    return create_body(
        db.sessions,
        BodyFields("National Executive Committee", "NEC", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"),
    )


def new_meeting(db: Database, body_id: int, day: dt.date, **extra: Any) -> int:
    return create_meeting(db.sessions, MeetingFields(body_id=body_id, date=day, **extra))


def new_agenda(db: Database, meeting_id: int, *item_titles: str) -> list[int]:
    return [add_item(db.sessions, meeting_id, AgendaFields(title)) for title in item_titles]


def forde_report(db: Database) -> int:
    """Delivered on 2022-07-19 after three promises and five notes."""
    return id_of(db, Commitment, "forde-report")


def chair_visit(db: Database) -> int:
    """Open since 2021-11-16, one promise with no date."""
    return id_of(db, Commitment, "forde-chair-visit")


# --- bodies ------------------------------------------------------------------------------


def test_a_new_committee_is_keyed_by_its_short_name_and_keeps_its_schedule(db: Database) -> None:
    body_id = create_body(
        db.sessions, BodyFields("  National Executive Committee ", "NEC", "RRULE:FREQ=MONTHLY")
    )

    assert key_of(db, Body, body_id) == "nec"
    assert body_fields(db.sessions, body_id) == BodyFields(
        "National Executive Committee", "NEC", "FREQ=MONTHLY"
    )


def test_a_body_without_a_short_name_is_keyed_by_its_name(db: Database) -> None:
    body_id = create_body(db.sessions, BodyFields("Development Fund Panel"))

    assert key_of(db, Body, body_id) == "development-fund-panel"
    assert body_fields(db.sessions, body_id).schedule is None


def test_a_second_body_with_the_same_short_name_gets_a_numbered_key(sample_db: Database) -> None:
    body_id = create_body(sample_db.sessions, BodyFields("NEC Disputes Panel", "NEC"))

    assert key_of(sample_db, Body, body_id) == "nec-2"


def test_a_body_cannot_take_a_key_already_in_use(sample_db: Database) -> None:
    with refused(sample_db, Conflict, "key: a body with key 'nec' already exists"):
        create_body(sample_db.sessions, BodyFields("Another committee"), key="nec")


def test_a_body_key_may_not_contain_spaces(db: Database) -> None:
    with refused(db, Invalid, "key: 'the nec' must not contain spaces"):
        create_body(db.sessions, BodyFields("NEC"), key="the nec")


def test_a_body_must_have_a_name(db: Database) -> None:
    with refused(db, Invalid, "name: must not be empty"):
        create_body(db.sessions, BodyFields("   ", "NEC"))


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("every other Tuesday", "not enough values"),
        ("FREQ=SOMETIMES", "invalid 'FREQ': SOMETIMES"),
        ("FREQ=MONTHLY;BYDAY=XX", "invalid 'BYDAY': XX"),
    ],
)
def test_a_schedule_that_is_not_an_rrule_is_refused(db: Database, rule: str, why: str) -> None:
    with refused(db, Invalid, f"schedule: {rule!r} is not an iCalendar RRULE") as raised:
        create_body(db.sessions, BodyFields("NEC", "NEC", rule))
    assert why in str(raised.value)
    assert raised.value.field == "schedule"


def test_a_schedule_with_a_zero_interval_is_refused(db: Database) -> None:
    with refused(db, Invalid, "schedule:"):
        create_body(db.sessions, BodyFields("NEC", "NEC", "FREQ=MONTHLY;INTERVAL=0"))


def test_the_secretary_renames_a_body_and_changes_its_schedule(sample_db: Database) -> None:
    dfp = id_of(sample_db, Body, "dfp")

    update_body(sample_db.sessions, dfp, BodyFields("Development Panel", "DP", "FREQ=WEEKLY"))

    assert body_fields(sample_db.sessions, dfp) == BodyFields(
        "Development Panel", "DP", "FREQ=WEEKLY"
    )
    assert key_of(sample_db, Body, dfp) == "dfp"  # keys are stable: renaming keeps it


def test_updating_a_body_with_a_bad_schedule_changes_nothing(sample_db: Database) -> None:
    dfp = id_of(sample_db, Body, "dfp")
    with refused(sample_db, Invalid, "schedule: 'FREQ=FORTNIGHTLY' is not an iCalendar RRULE"):
        update_body(sample_db.sessions, dfp, BodyFields("Renamed", "R", "FREQ=FORTNIGHTLY"))


def test_updating_a_body_that_is_gone_is_refused(db: Database) -> None:
    with refused(db, NotFound, f"no body with id {MISSING_ID}"):
        update_body(db.sessions, MISSING_ID, BodyFields("Ghost"))


def test_a_body_with_no_record_can_be_deleted(sample_db: Database) -> None:
    panel = create_body(sample_db.sessions, BodyFields("Short-lived panel"))

    delete_body(sample_db.sessions, panel)

    assert rows(sample_db, Body) == 2
    with sample_db.sessions() as s:
        assert queries.keys(s, Body) == {"nec", "dfp"}


def test_a_body_with_meetings_and_commitments_cannot_be_deleted(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(
        sample_db,
        Conflict,
        "National Executive Committee still has 6 meeting(s) and 2 commitment(s);"
        " delete or move those first",
    ):
        delete_body(sample_db.sessions, nec)


def test_a_body_with_only_a_commitment_cannot_be_deleted(db: Database) -> None:
    nec = new_nec(db)
    create_commitment(db.sessions, CommitmentFields("Rule book", nec), PromiseFields(D(2022, 1, 1)))

    with refused(db, Conflict, "still has 0 meeting(s) and 1 commitment(s)"):
        delete_body(db.sessions, nec)


def test_a_body_with_only_a_meeting_cannot_be_deleted(db: Database) -> None:
    nec = new_nec(db)
    new_meeting(db, nec, D(2022, 1, 25))

    with refused(db, Conflict, "still has 1 meeting(s) and 0 commitment(s)"):
        delete_body(db.sessions, nec)


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
        "1 promise(s) are due at the meeting of 2022-01-25; cancel or reschedule it instead",
    ):
        delete_meeting(sample_db.sessions, january)


def test_deleting_a_meeting_takes_its_agenda_with_it(sample_db: Database) -> None:
    july = id_of(sample_db, Meeting, "nec-2021-07-20")
    assert len(agenda(sample_db, july)) == 4

    delete_meeting(sample_db.sessions, july)

    assert rows(sample_db, Meeting) == 6
    assert rows(sample_db, AgendaItem) == 13 - 4
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


# --- agenda items ------------------------------------------------------------------------


@pytest.fixture
def september(db: Database) -> int:
    """An NEC meeting with no agenda yet."""
    return new_meeting(db, new_nec(db), D(2022, 9, 27))


def test_items_are_appended_to_the_agenda_in_turn(db: Database, september: int) -> None:
    new_agenda(db, september, "Apologies", "Minutes", "Forde Report")

    assert agenda(db, september) == [(1, "Apologies"), (2, "Minutes"), (3, "Forde Report")]


def test_an_item_keeps_its_outcome_and_vote(db: Database, september: int) -> None:
    item = add_item(
        db.sessions,
        september,
        AgendaFields(
            "Proscription",
            decision="Proscribed",
            votes_for=20,
            votes_against=11,
            votes_abstaining=0,
            status="taken",
        ),
    )

    stored = item_fields(db.sessions, item)
    assert (stored.votes_for, stored.votes_against, stored.votes_abstaining) == (20, 11, 0)
    assert (stored.decision, stored.status) == ("Proscribed", "taken")


def test_moving_an_item_up_and_down_stops_at_either_end(db: Database, september: int) -> None:
    apologies, _, report = new_agenda(db, september, "Apologies", "Minutes", "Report")

    move_item(db.sessions, report, -1)
    assert titles(db, september) == ["Apologies", "Report", "Minutes"]

    move_item(db.sessions, report, -5)
    assert titles(db, september) == ["Report", "Apologies", "Minutes"]

    move_item(db.sessions, report, -1)  # already first: stays put
    assert titles(db, september) == ["Report", "Apologies", "Minutes"]

    move_item(db.sessions, apologies, +1)
    assert titles(db, september) == ["Report", "Minutes", "Apologies"]

    move_item(db.sessions, apologies, +1)  # already last: stays put
    assert agenda(db, september) == [(1, "Report"), (2, "Minutes"), (3, "Apologies")]


def test_the_agenda_can_be_put_in_any_order(db: Database, september: int) -> None:
    apologies, minutes, report = new_agenda(db, september, "Apologies", "Minutes", "Report")

    reorder_items(db.sessions, september, [report, apologies, minutes])

    assert agenda(db, september) == [(1, "Report"), (2, "Apologies"), (3, "Minutes")]


def test_reordering_the_sample_agenda_of_march(sample_db: Database) -> None:
    march = id_of(sample_db, Meeting, "nec-2022-03-29")
    with sample_db.sessions() as s:
        ids = list(
            s.scalars(
                select(AgendaItem.id)
                .where(AgendaItem.meeting_id == march)
                .order_by(AgendaItem.position)
            )
        )

    reorder_items(sample_db.sessions, march, list(reversed(ids)))

    assert titles(sample_db, march)[0] == "Calls to proscribe the Stop the War Coalition"
    assert titles(sample_db, march)[-1] == "Proscription: Alliance for Workers' Liberty"
    assert [p for p, _ in agenda(sample_db, march)] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "order",
    [
        pytest.param(lambda a, b, c, other: [a, b], id="one missing"),
        pytest.param(lambda a, b, c, other: [a, b, b], id="one twice"),
        pytest.param(lambda a, b, c, other: [a, b, c, c], id="all plus a repeat"),
        pytest.param(lambda a, b, c, other: [a, b, other], id="an item of another meeting"),
        pytest.param(lambda a, b, c, other: [a, b, c, MISSING_ID], id="an unknown id"),
    ],
)
def test_an_order_that_does_not_name_every_item_once_is_refused(
    db: Database, september: int, order: Any
) -> None:
    a, b, c = new_agenda(db, september, "Apologies", "Minutes", "Report")
    october = new_meeting(db, id_of(db, Body, "nec"), D(2022, 10, 25))
    (other,) = new_agenda(db, october, "Apologies")

    with refused(db, Invalid, "order: must list every item of the meeting exactly once"):
        reorder_items(db.sessions, september, order(a, b, c, other))


def test_deleting_an_item_closes_the_gap(db: Database, september: int) -> None:
    _, minutes, _, _ = new_agenda(db, september, "Apologies", "Minutes", "Report", "AOB")

    delete_item(db.sessions, minutes)

    assert agenda(db, september) == [(1, "Apologies"), (2, "Report"), (3, "AOB")]
    new_agenda(db, september, "Close")
    assert agenda(db, september)[-1] == (4, "Close")


@pytest.mark.parametrize(
    ("votes", "words"),
    [
        ({"votes_for": -1}, "votes for: must not be negative"),
        ({"votes_against": -3}, "votes against: must not be negative"),
        ({"votes_abstaining": True}, "votes abstaining: True is not a whole number"),
        ({"votes_for": False}, "votes for: False is not a whole number"),
        ({"votes_for": 2.5}, "votes for: 2.5 is not a whole number"),
        ({"votes_against": "11"}, "votes against: '11' is not a whole number"),
    ],
)
def test_votes_must_be_whole_numbers_of_zero_or_more(
    db: Database, september: int, votes: dict[str, Any], words: str
) -> None:
    (item,) = new_agenda(db, september, "Proscription")

    with refused(db, Invalid, words):
        add_item(db.sessions, september, AgendaFields("Another vote", **votes))
    with refused(db, Invalid, words):
        update_item(db.sessions, item, AgendaFields("Proscription", **votes))


def test_an_agenda_item_needs_a_title_and_a_known_status(db: Database, september: int) -> None:
    with refused(db, Invalid, "title: must not be empty"):
        add_item(db.sessions, september, AgendaFields(""))
    with refused(db, Invalid, "status: 'tabled' is not one of pending, taken"):
        add_item(db.sessions, september, AgendaFields("Report", status="tabled"))


def test_items_cannot_be_added_to_a_meeting_that_is_gone(db: Database) -> None:
    with refused(db, NotFound, f"no meeting with id {MISSING_ID}"):
        add_item(db.sessions, MISSING_ID, AgendaFields("Apologies"))


# --- owners ------------------------------------------------------------------------------


def test_an_owner_is_recorded_with_its_kind(db: Database) -> None:
    owner = create_owner(db.sessions, " General Secretary ", "person")

    with db.sessions() as s:
        stored = s.get_one(Owner, owner)
        assert (stored.name, stored.kind) == ("General Secretary", "person")


def test_two_owners_cannot_share_a_name(sample_db: Database) -> None:
    with refused(sample_db, Conflict, "name: an owner called 'Forde Inquiry' already exists"):
        create_owner(sample_db.sessions, "Forde Inquiry", "person")


def test_an_owner_kind_outside_the_list_is_refused(db: Database) -> None:
    with refused(db, Invalid, "kind: 'committee' is not one of person, organisation"):
        create_owner(db.sessions, "Disputes Panel", "committee")


def test_renaming_an_owner_renames_it_on_every_commitment(sample_db: Database) -> None:
    forde = owner_id(sample_db, "Martin Forde QC")
    assert forde is not None

    update_owner(sample_db.sessions, forde, "Martin Forde KC", "person")

    assert commitment_fields(sample_db.sessions, chair_visit(sample_db)).owner == "Martin Forde KC"
    assert owner_id(sample_db, "Martin Forde QC") is None


def test_an_owner_cannot_be_renamed_to_another_owners_name(sample_db: Database) -> None:
    forde = owner_id(sample_db, "Martin Forde QC")
    assert forde is not None
    with refused(sample_db, Conflict, "name: an owner called 'Labour Party' already exists"):
        update_owner(sample_db.sessions, forde, "Labour Party")


def test_an_unused_owner_can_be_deleted(sample_db: Database) -> None:
    owner = create_owner(sample_db.sessions, "Compliance Unit", "organisation")

    delete_owner(sample_db.sessions, owner)

    assert owner_id(sample_db, "Compliance Unit") is None
    assert rows(sample_db, Owner) == 3


def test_an_owner_answerable_for_a_commitment_cannot_be_deleted(sample_db: Database) -> None:
    inquiry = owner_id(sample_db, "Forde Inquiry")
    assert inquiry is not None
    with refused(sample_db, Conflict, "Forde Inquiry still owns 1 commitment(s)"):
        delete_owner(sample_db.sessions, inquiry)


# --- commitments -------------------------------------------------------------------------


def test_a_commitment_is_recorded_with_its_original_promise(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    july = id_of(sample_db, Meeting, "nec-2022-07-19")

    item = create_commitment(
        sample_db.sessions,
        CommitmentFields("Publish the Forde recommendations plan", nec, owner="General Secretary"),
        PromiseFields(D(2022, 7, 19), target_meeting_id=july, given_by="General Secretary"),
    )

    assert key_of(sample_db, Commitment, item) == "publish-the-forde-recommendations-plan"
    assert commitment(sample_db, item) == ("open", None)
    assert ledger(sample_db, item) == [(D(2022, 7, 19), None, "nec-2022-07-19")]
    assert commitment_fields(sample_db.sessions, item).owner == "General Secretary"
    assert rows(sample_db, Owner) == 4


def test_a_commitment_for_an_existing_owner_reuses_that_owner(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")

    create_commitment(
        sample_db.sessions,
        CommitmentFields("Annual report", nec, owner="Labour Party"),
        PromiseFields(D(2022, 8, 1), target_date=D(2022, 12, 31)),
    )

    assert rows(sample_db, Owner) == 3


def test_the_same_title_twice_gets_a_numbered_key(db: Database) -> None:
    nec = new_nec(db)
    first = PromiseFields(D(2022, 1, 1))

    keys = [
        key_of(
            db, Commitment, create_commitment(db.sessions, CommitmentFields("Audit", nec), first)
        )
        for _ in range(2)
    ]

    assert keys == ["audit", "audit-2"]


def test_a_commitment_needs_a_title(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(sample_db, Invalid, "title: must not be empty"):
        create_commitment(
            sample_db.sessions,
            CommitmentFields("  ", nec, owner="Someone new"),
            PromiseFields(D(2022, 1, 1)),
        )


def test_a_commitment_cannot_take_a_key_already_in_use(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(sample_db, Conflict, "key: a commitment with key 'forde-report' already exists"):
        create_commitment(
            sample_db.sessions,
            CommitmentFields("Another report", nec, owner="Someone new"),
            PromiseFields(D(2022, 1, 1)),
            key="forde-report",
        )


def test_a_promise_cannot_name_both_a_date_and_a_meeting(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    march = id_of(sample_db, Meeting, "nec-2022-03-29")
    both = PromiseFields(D(2022, 1, 25), target_date=D(2022, 2, 28), target_meeting_id=march)

    with refused(sample_db, Invalid, "target: give a date or a meeting, not both"):
        create_commitment(sample_db.sessions, CommitmentFields("Report", nec), both)
    with refused(sample_db, Invalid, "target: give a date or a meeting, not both"):
        record_promise(sample_db.sessions, chair_visit(sample_db), both)


def test_an_empty_date_field_beside_a_meeting_means_just_the_meeting(sample_db: Database) -> None:
    march = id_of(sample_db, Meeting, "nec-2022-03-29")
    visit = chair_visit(sample_db)

    record_promise(
        sample_db.sessions,
        visit,
        PromiseFields(D(2022, 1, 25), target_date="", target_meeting_id=march),  # type: ignore[arg-type]
    )

    assert ledger(sample_db, visit)[-1] == (D(2022, 1, 25), None, "nec-2022-03-29")


def test_a_failed_commitment_leaves_no_owner_behind(sample_db: Database) -> None:
    """All or nothing: the owner is created in the same transaction, and rolled back with it."""
    nec = id_of(sample_db, Body, "nec")
    with refused(sample_db, NotFound, f"no meeting with id {MISSING_ID}"):
        create_commitment(
            sample_db.sessions,
            CommitmentFields("Ghost report", nec, owner="Nobody Yet"),
            PromiseFields(D(2022, 1, 1), target_meeting_id=MISSING_ID),
        )

    assert owner_id(sample_db, "Nobody Yet") is None
    assert rows(sample_db, Commitment) == 3
    assert rows(sample_db, Promise) == 5


def test_a_commitment_for_a_body_that_is_gone_is_refused(sample_db: Database) -> None:
    with refused(sample_db, NotFound, f"no body with id {MISSING_ID}"):
        create_commitment(
            sample_db.sessions,
            CommitmentFields("Report", MISSING_ID, owner="Someone new"),
            PromiseFields(D(2022, 1, 1)),
        )


def test_a_new_date_is_recorded_as_a_slip_not_an_overwrite(sample_db: Database) -> None:
    visit = chair_visit(sample_db)
    march = id_of(sample_db, Meeting, "nec-2022-03-29")

    record_promise(
        sample_db.sessions,
        visit,
        PromiseFields(D(2022, 1, 25), target_meeting_id=march, given_by="Martin Forde QC"),
    )
    record_promise(sample_db.sessions, visit, PromiseFields(D(2022, 3, 29), D(2022, 7, 19)))

    assert ledger(sample_db, visit) == [
        (D(2021, 11, 16), None, None),
        (D(2022, 1, 25), None, "nec-2022-03-29"),
        (D(2022, 3, 29), D(2022, 7, 19), None),
    ]


def test_a_promise_for_a_meeting_that_is_gone_is_refused(sample_db: Database) -> None:
    with refused(sample_db, NotFound, f"no meeting with id {MISSING_ID}"):
        record_promise(
            sample_db.sessions,
            chair_visit(sample_db),
            PromiseFields(D(2022, 1, 25), target_meeting_id=MISSING_ID),
        )


def test_no_new_promise_on_a_delivered_commitment(sample_db: Database) -> None:
    with refused(
        sample_db,
        Conflict,
        "'Forde Report shared with the NEC' was delivered on 2022-07-19;"
        " reopen it before recording a new promise",
    ):
        record_promise(
            sample_db.sessions, forde_report(sample_db), PromiseFields(D(2022, 8, 1), D(2022, 9, 1))
        )


def test_no_new_promise_on_a_dropped_commitment(sample_db: Database) -> None:
    visit = chair_visit(sample_db)
    mark_dropped(sample_db.sessions, visit, D(2022, 7, 19))

    with refused(sample_db, Conflict, "was dropped on 2022-07-19; reopen it"):
        record_promise(sample_db.sessions, visit, PromiseFields(D(2022, 8, 1)))


def test_the_chair_visit_is_marked_delivered(sample_db: Database) -> None:
    visit = chair_visit(sample_db)

    mark_delivered(sample_db.sessions, visit, D(2022, 7, 19))

    assert commitment(sample_db, visit) == ("delivered", D(2022, 7, 19))


def test_a_commitment_is_dropped_with_a_date_given_as_text(sample_db: Database) -> None:
    trainees = id_of(sample_db, Commitment, "trainee-organisers")

    mark_dropped(sample_db.sessions, trainees, "2022-12-01")  # type: ignore[arg-type]

    assert commitment(sample_db, trainees) == ("dropped", D(2022, 12, 1))


def test_delivery_on_the_day_of_the_first_promise_is_allowed(sample_db: Database) -> None:
    visit = chair_visit(sample_db)

    mark_delivered(sample_db.sessions, visit, D(2021, 11, 16))

    assert commitment(sample_db, visit) == ("delivered", D(2021, 11, 16))


@pytest.mark.parametrize(
    ("close", "status"), [(mark_delivered, "delivered"), (mark_dropped, "dropped")]
)
def test_a_commitment_cannot_close_before_it_was_promised(
    sample_db: Database, close: Any, status: str
) -> None:
    with refused(
        sample_db,
        Invalid,
        f"{status} on: 2021-11-15 is before its latest promise (2021-11-16)",
    ):
        close(sample_db.sessions, chair_visit(sample_db), D(2021, 11, 15))


def test_a_commitment_cannot_close_before_its_latest_slip(sample_db: Database) -> None:
    report = forde_report(sample_db)
    reopen(sample_db.sessions, report)
    with refused(
        sample_db, Invalid, "delivered on: 2022-01-24 is before its latest promise (2022-01-25)"
    ):
        mark_delivered(sample_db.sessions, report, D(2022, 1, 24))


def test_a_delivered_commitment_cannot_be_delivered_again(sample_db: Database) -> None:
    report = forde_report(sample_db)
    with refused(
        sample_db,
        Conflict,
        "'Forde Report shared with the NEC' is already delivered (on 2022-07-19); reopen it first",
    ):
        mark_delivered(sample_db.sessions, report, D(2022, 8, 1))
    with refused(sample_db, Conflict, "is already delivered (on 2022-07-19)"):
        mark_dropped(sample_db.sessions, report, D(2022, 8, 1))


def test_a_delivered_commitment_is_reopened_and_slips_again(sample_db: Database) -> None:
    report = forde_report(sample_db)

    reopen(sample_db.sessions, report)
    assert commitment(sample_db, report) == ("open", None)

    record_promise(sample_db.sessions, report, PromiseFields(D(2022, 8, 1), D(2022, 9, 1)))
    assert len(ledger(sample_db, report)) == 4
    assert ledger(sample_db, report)[-1] == (D(2022, 8, 1), D(2022, 9, 1), None)


def test_an_open_commitment_cannot_be_reopened(sample_db: Database) -> None:
    with refused(sample_db, Conflict, "'Inquiry chair to attend the NEC' is already open"):
        reopen(sample_db.sessions, chair_visit(sample_db))


def test_a_note_is_added_without_changing_the_target(sample_db: Database) -> None:
    visit = chair_visit(sample_db)
    before = ledger(sample_db, visit)

    add_note(sample_db.sessions, visit, D(2022, 5, 1), "  Chair's diary is full until July ")

    assert notes_of(sample_db, visit)[-1] == (D(2022, 5, 1), "Chair's diary is full until July")
    assert len(notes_of(sample_db, visit)) == 2
    assert ledger(sample_db, visit) == before


def test_a_note_needs_text(sample_db: Database) -> None:
    with refused(sample_db, Invalid, "text: must not be empty"):
        add_note(sample_db.sessions, chair_visit(sample_db), D(2022, 5, 1), "   ")


def test_a_slip_recorded_in_error_can_be_struck(sample_db: Database) -> None:
    report = forde_report(sample_db)
    _, meeting_promise, _ = promise_ids(sample_db, report)

    delete_promise(sample_db.sessions, meeting_promise)

    assert ledger(sample_db, report) == [
        (D(2020, 5, 1), D(2020, 7, 15), None),
        (D(2022, 1, 25), D(2022, 2, 28), None),
    ]


def test_the_only_promise_cannot_be_struck(sample_db: Database) -> None:
    (only,) = promise_ids(sample_db, chair_visit(sample_db))
    with refused(
        sample_db,
        Conflict,
        "a commitment keeps its original promise; delete the commitment instead",
    ):
        delete_promise(sample_db.sessions, only)


def test_the_last_remaining_promise_cannot_be_struck(sample_db: Database) -> None:
    report = forde_report(sample_db)
    first, second, third = promise_ids(sample_db, report)
    delete_promise(sample_db.sessions, first)
    delete_promise(sample_db.sessions, third)

    with refused(sample_db, Conflict, "keeps its original promise"):
        delete_promise(sample_db.sessions, second)


def test_deleting_a_commitment_takes_its_ledger_and_notes(sample_db: Database) -> None:
    report = forde_report(sample_db)
    assert (rows(sample_db, Promise), rows(sample_db, Note)) == (5, 7)

    delete_commitment(sample_db.sessions, report)

    assert rows(sample_db, Commitment) == 2
    assert (rows(sample_db, Promise), rows(sample_db, Note)) == (5 - 3, 7 - 5)
    assert promise_ids(sample_db, report) == []
    assert notes_of(sample_db, report) == []
    assert owner_id(sample_db, "Forde Inquiry") is not None  # owners are shared; it stays


def test_with_the_report_gone_the_january_meeting_can_be_deleted(sample_db: Database) -> None:
    delete_commitment(sample_db.sessions, forde_report(sample_db))

    delete_meeting(sample_db.sessions, id_of(sample_db, Meeting, "nec-2022-01-25"))

    assert rows(sample_db, Meeting) == 6


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(lambda s: delete_commitment(s, MISSING_ID), id="delete_commitment"),
        pytest.param(lambda s: reopen(s, MISSING_ID), id="reopen"),
        pytest.param(lambda s: mark_delivered(s, MISSING_ID, D(2022, 1, 1)), id="deliver"),
        pytest.param(lambda s: add_note(s, MISSING_ID, D(2022, 1, 1), "x"), id="add_note"),
        pytest.param(
            lambda s: record_promise(s, MISSING_ID, PromiseFields(D(2022, 1, 1))), id="promise"
        ),
    ],
)
def test_acting_on_a_commitment_that_is_gone_is_refused(sample_db: Database, action: Any) -> None:
    with refused(sample_db, NotFound, f"no commitment with id {MISSING_ID}"):
        action(sample_db.sessions)
