"""The use cases for commitments and their ledgers: promise, slip, note, deliver, drop, as a committee member would meet them.

Every refusal is checked three ways: the kind of error, its words, and that the record
is exactly as it was (tests/builders.py: `refused`).
"""

from __future__ import annotations

from typing import Any

import pytest

from app.core.errors import Conflict, Invalid, NotFound
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
    delete_meeting,
)
from app.safety.opening import Database
from db.models import Body, Commitment, Meeting, Note, Owner, Promise
from tests.builders import (
    MISSING_ID,
    D,
    chair_visit,
    commitment,
    count,
    forde_report,
    id_of,
    key_of,
    ledger,
    new_nec,
    notes_of,
    owner_id,
    promise_ids,
    refused,
)

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
    assert count(sample_db, Owner) == 4


def test_a_commitment_for_an_existing_owner_reuses_that_owner(sample_db: Database) -> None:
    nec = id_of(sample_db, Body, "nec")

    create_commitment(
        sample_db.sessions,
        CommitmentFields("Annual report", nec, owner="Labour Party"),
        PromiseFields(D(2022, 8, 1), target_date=D(2022, 12, 31)),
    )

    assert count(sample_db, Owner) == 3


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
    assert count(sample_db, Commitment) == 3
    assert count(sample_db, Promise) == 5


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
        "'Forde Report shared with the NEC' was delivered on 19 Jul 2022;"
        " reopen it before recording a new promise",
    ):
        record_promise(
            sample_db.sessions, forde_report(sample_db), PromiseFields(D(2022, 8, 1), D(2022, 9, 1))
        )


def test_no_new_promise_on_a_dropped_commitment(sample_db: Database) -> None:
    visit = chair_visit(sample_db)
    mark_dropped(sample_db.sessions, visit, D(2022, 7, 19))

    with refused(sample_db, Conflict, "was dropped on 19 Jul 2022; reopen it"):
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
        f"{status} on: 15 Nov 2021 is before its latest promise (16 Nov 2021)",
    ):
        close(sample_db.sessions, chair_visit(sample_db), D(2021, 11, 15))


def test_a_commitment_cannot_close_before_its_latest_slip(sample_db: Database) -> None:
    report = forde_report(sample_db)
    reopen(sample_db.sessions, report)
    with refused(
        sample_db, Invalid, "delivered on: 24 Jan 2022 is before its latest promise (25 Jan 2022)"
    ):
        mark_delivered(sample_db.sessions, report, D(2022, 1, 24))


def test_a_delivered_commitment_cannot_be_delivered_again(sample_db: Database) -> None:
    report = forde_report(sample_db)
    with refused(
        sample_db,
        Conflict,
        "'Forde Report shared with the NEC' is already delivered (on 19 Jul 2022); reopen it first",
    ):
        mark_delivered(sample_db.sessions, report, D(2022, 8, 1))
    with refused(sample_db, Conflict, "is already delivered (on 19 Jul 2022)"):
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
    assert (count(sample_db, Promise), count(sample_db, Note)) == (5, 7)

    delete_commitment(sample_db.sessions, report)

    assert count(sample_db, Commitment) == 2
    assert (count(sample_db, Promise), count(sample_db, Note)) == (5 - 3, 7 - 5)
    assert promise_ids(sample_db, report) == []
    assert notes_of(sample_db, report) == []
    assert owner_id(sample_db, "Forde Inquiry") is not None  # owners are shared; it stays


def test_with_the_report_gone_the_january_meeting_can_be_deleted(sample_db: Database) -> None:
    delete_commitment(sample_db.sessions, forde_report(sample_db))

    delete_meeting(sample_db.sessions, id_of(sample_db, Meeting, "nec-2022-01-25"))

    assert count(sample_db, Meeting) == 6


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
