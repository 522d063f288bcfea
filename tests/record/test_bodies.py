"""The use cases for bodies: create, rename, reschedule, delete, as a committee member would meet them.

Every refusal is checked three ways: the kind of error, its words, and that the record
is exactly as it was (tests/builders.py: `refused`).
"""

from __future__ import annotations

import pytest

from app.core.errors import Conflict, Invalid, NotFound
from app.record.bodies import BodyFields, body_fields, create_body, delete_body, update_body
from app.record.commitments import (
    CommitmentFields,
    PromiseFields,
    create_commitment,
)
from app.safety.opening import Database
from db import queries
from db.models import Body
from tests.builders import (
    MISSING_ID,
    D,
    count,
    id_of,
    key_of,
    new_meeting,
    new_nec,
    refused,
)

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

    assert count(sample_db, Body) == 2
    with sample_db.sessions() as s:
        assert queries.keys(s, Body) == {"nec", "dfp"}


def test_a_body_with_meetings_and_commitments_cannot_be_deleted(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")
    with refused(
        sample_db,
        Conflict,
        "National Executive Committee still has 6 meetings and 2 commitments;"
        " delete or move those first",
    ):
        delete_body(sample_db.sessions, nec)


def test_a_body_with_only_a_commitment_cannot_be_deleted(db: Database) -> None:
    nec = new_nec(db)
    create_commitment(db.sessions, CommitmentFields("Rule book", nec), PromiseFields(D(2022, 1, 1)))

    with refused(db, Conflict, "still has 0 meetings and 1 commitment"):
        delete_body(db.sessions, nec)


def test_a_body_with_only_a_meeting_cannot_be_deleted(db: Database) -> None:
    nec = new_nec(db)
    new_meeting(db, nec, D(2022, 1, 25))

    with refused(db, Conflict, "still has 1 meeting and 0 commitments"):
        delete_body(db.sessions, nec)
