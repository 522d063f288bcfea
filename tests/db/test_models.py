"""The schema's own guarantees: constraints the database itself refuses to break."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.safety.opening import Database
from db.models import AgendaItem, Body, Commitment, Meeting, Note, Owner, Promise
from tests.builders import count

DAY = dt.date(2022, 1, 25)


@dataclass(frozen=True)
class Ids:
    body: int
    meeting: int
    commitment: int


@pytest.fixture
def ids(db: Database) -> Ids:
    """A valid little record: one body, one meeting, one open commitment with a promise."""
    with db.sessions.begin() as s:
        body = Body(key="nec", name="National Executive Committee")
        meeting = Meeting(key="nec-2022-01-25", body=body, date=DAY)
        commitment = Commitment(key="forde-report", title="Forde Report", body=body)
        s.add_all([body, meeting, commitment])
        s.flush()
        s.add(Promise(commitment=commitment, recorded_on=DAY, target_date=DAY))
        s.add(AgendaItem(meeting=meeting, position=1, title="Minutes"))
        return Ids(body.id, meeting.id, commitment.id)


def refused(db: Database, change: Callable[[Session], object], match: str) -> None:
    """`change` inside one transaction must be refused by the database, leaving no trace."""

    def attempt() -> None:
        with db.sessions.begin() as s:
            change(s)
            s.flush()

    with pytest.raises(IntegrityError, match=_in_dialect(db, match)):
        attempt()


def _in_dialect(db: Database, match: str) -> str:
    """SQLite's wording of a refusal, or PostgreSQL's for the same constraint."""
    if db.engine.dialect.name == "sqlite":
        return match
    if match.startswith("FOREIGN KEY"):
        return "violates foreign key constraint"
    if match.startswith("UNIQUE"):
        return "violates unique constraint"
    name = re.search(r"failed: (\w+)", match)
    assert name is not None, match
    return f'violates check constraint "{name.group(1)}"'


def accepted(db: Database, change: Callable[[Session], object]) -> None:
    with db.sessions.begin() as s:
        change(s)


# --- the connection -----------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_foreign_keys_and_wal_are_on(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    # Also on a session's connection, and on a second, fresh connection from the pool.
    with db.sessions() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with db.engine.connect() as other:
            assert other.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert other.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


# --- foreign keys ---------------------------------------------------------------------------


def test_a_meeting_of_a_missing_body_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Meeting(key="m2", body_id=ids.body + 99, date=DAY)),
        "FOREIGN KEY constraint failed",
    )
    assert count(db, Meeting) == 1


def test_a_commitment_of_a_missing_body_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Commitment(key="c2", title="T", body_id=ids.body + 99)),
        "FOREIGN KEY constraint failed",
    )
    assert count(db, Commitment) == 1


def test_a_promise_targeting_a_missing_meeting_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(
            Promise(commitment_id=ids.commitment, recorded_on=DAY, target_meeting_id=999)
        ),
        "FOREIGN KEY constraint failed",
    )


def test_deleting_a_meeting_a_promise_targets_is_refused(db: Database, ids: Ids) -> None:
    accepted(
        db,
        lambda s: s.add(
            Promise(commitment_id=ids.commitment, recorded_on=DAY, target_meeting_id=ids.meeting)
        ),
    )
    refused(
        db,
        lambda s: s.execute(delete(Meeting).where(Meeting.id == ids.meeting)),
        "FOREIGN KEY constraint failed",
    )
    assert count(db, Meeting) == 1
    assert count(db, AgendaItem) == 1  # the cascade to its agenda was rolled back too


def test_deleting_a_meeting_nothing_targets_cascades_to_its_agenda(db: Database, ids: Ids) -> None:
    accepted(db, lambda s: s.execute(delete(Meeting).where(Meeting.id == ids.meeting)))
    assert count(db, Meeting) == 0
    assert count(db, AgendaItem) == 0


def test_deleting_a_body_in_use_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.execute(delete(Body).where(Body.id == ids.body)),
        "FOREIGN KEY constraint failed",
    )
    assert count(db, Body) == 1


def test_deleting_an_owner_in_use_is_refused(db: Database, ids: Ids) -> None:
    def give_owner(s: Session) -> None:
        owner = Owner(name="Forde Inquiry", kind="organisation")
        s.add(owner)
        s.flush()
        s.get_one(Commitment, ids.commitment).owner_id = owner.id

    accepted(db, give_owner)
    refused(db, lambda s: s.execute(delete(Owner)), "FOREIGN KEY constraint failed")
    assert count(db, Owner) == 1


def test_deleting_a_commitment_cascades_in_the_database(db: Database, ids: Ids) -> None:
    def more(s: Session) -> None:
        s.add(Promise(commitment_id=ids.commitment, recorded_on=DAY, target_meeting_id=None))
        s.add(Note(commitment_id=ids.commitment, recorded_on=DAY, text="Largely completed"))
        other = Commitment(key="other", title="Other", body_id=ids.body)
        s.add(other)
        s.flush()
        s.add(Promise(commitment_id=other.id, recorded_on=DAY))
        s.add(Note(commitment_id=other.id, recorded_on=DAY, text="Untouched"))

    accepted(db, more)
    assert (count(db, Promise), count(db, Note)) == (3, 2)

    # A Core DELETE: no ORM cascade is involved, so only ON DELETE CASCADE can do this.
    with db.engine.begin() as conn:
        conn.execute(delete(Commitment).where(Commitment.id == ids.commitment))

    with db.sessions() as s:
        assert s.scalars(select(Commitment.key)).all() == ["other"]
        assert s.scalars(select(Note.text)).all() == ["Untouched"]
        other_id = s.scalar(select(Commitment.id).where(Commitment.key == "other"))
        assert s.scalars(select(Promise.commitment_id)).all() == [other_id]
    assert (count(db, Promise), count(db, Note)) == (1, 1)


# --- checks and unique keys -------------------------------------------------------------------


def test_a_bad_commitment_status_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(
            Commitment(key="c2", title="T", body_id=ids.body, status="done", status_on=DAY)
        ),
        r"CHECK constraint failed: ck_commitments_status\b",
    )


def test_delivered_without_a_status_date_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Commitment(key="c2", title="T", body_id=ids.body, status="delivered")),
        r"CHECK constraint failed: ck_commitments_status_on\b",
    )
    # The same with its date is fine.
    accepted(
        db,
        lambda s: s.add(
            Commitment(key="c2", title="T", body_id=ids.body, status="delivered", status_on=DAY)
        ),
    )


def test_open_with_a_status_date_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(
            Commitment(key="c2", title="T", body_id=ids.body, status="open", status_on=DAY)
        ),
        r"CHECK constraint failed: ck_commitments_status_on\b",
    )


def test_closing_a_commitment_without_a_date_is_refused(db: Database, ids: Ids) -> None:
    def close(s: Session) -> None:
        s.get_one(Commitment, ids.commitment).status = "dropped"

    refused(db, close, r"CHECK constraint failed: ck_commitments_status_on\b")
    with db.sessions() as s:
        assert s.get_one(Commitment, ids.commitment).status == "open"


def test_a_promise_with_two_targets_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(
            Promise(
                commitment_id=ids.commitment,
                recorded_on=DAY,
                target_date=DAY,
                target_meeting_id=ids.meeting,
            )
        ),
        r"CHECK constraint failed: ck_promises_one_target\b",
    )
    assert count(db, Promise) == 1


def test_a_duplicate_meeting_key_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Meeting(key="nec-2022-01-25", body_id=ids.body, date=DAY)),
        "UNIQUE constraint failed: meetings.key",
    )


def test_a_duplicate_commitment_key_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Commitment(key="forde-report", title="Again", body_id=ids.body)),
        "UNIQUE constraint failed: commitments.key",
    )


def test_two_agenda_items_at_one_position_are_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(AgendaItem(meeting_id=ids.meeting, position=1, title="Again")),
        "UNIQUE constraint failed: agenda_items.meeting_id, agenda_items.position",
    )
    accepted(db, lambda s: s.add(AgendaItem(meeting_id=ids.meeting, position=2, title="Next")))
    assert count(db, AgendaItem) == 2


@pytest.mark.parametrize("column", ["votes_for", "votes_against", "votes_abstaining"])
def test_negative_votes_are_refused(db: Database, ids: Ids, column: str) -> None:
    refused(
        db,
        lambda s: s.add(
            AgendaItem(meeting_id=ids.meeting, position=2, title="Vote", **{column: -1})
        ),
        r"CHECK constraint failed: ck_agenda_items_votes\b",
    )
    accepted(
        db,
        lambda s: s.add(
            AgendaItem(meeting_id=ids.meeting, position=2, title="Vote", **{column: 0})
        ),
    )


def test_a_position_below_one_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(AgendaItem(meeting_id=ids.meeting, position=0, title="Zero")),
        r"CHECK constraint failed: ck_agenda_items_position\b",
    )


def test_a_bad_meeting_status_is_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Meeting(key="m2", body_id=ids.body, date=DAY, status="adjourned")),
        r"CHECK constraint failed: ck_meetings_status\b",
    )


def test_a_bad_owner_kind_is_refused(db: Database) -> None:
    refused(
        db,
        lambda s: s.add(Owner(name="Someone", kind="robot")),
        r"CHECK constraint failed: ck_owners_kind\b",
    )
    accepted(db, lambda s: s.add(Owner(name="Someone", kind=None)))


def test_empty_keys_and_texts_are_refused(db: Database, ids: Ids) -> None:
    refused(
        db,
        lambda s: s.add(Body(key="", name="Nameless")),
        r"CHECK constraint failed: ck_bodies_nonempty\b",
    )
    refused(
        db,
        lambda s: s.add(Note(commitment_id=ids.commitment, recorded_on=DAY, text="")),
        r"CHECK constraint failed: ck_notes_nonempty\b",
    )
