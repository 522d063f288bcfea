"""The use cases for owners: the people and organisations answerable, as a committee member would meet them.

Every refusal is checked three ways: the kind of error, its words, and that the record
is exactly as it was (tests/builders.py: `refused`).
"""

from __future__ import annotations

from app.core.errors import Conflict, Invalid
from app.record.commitments import (
    commitment_fields,
)
from app.record.owners import create_owner, delete_owner, update_owner
from app.safety.opening import Database
from db.models import Owner
from tests.builders import chair_visit, count, owner_id, refused

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
    assert count(sample_db, Owner) == 3


def test_an_owner_answerable_for_a_commitment_cannot_be_deleted(sample_db: Database) -> None:
    inquiry = owner_id(sample_db, "Forde Inquiry")
    assert inquiry is not None
    with refused(sample_db, Conflict, "Forde Inquiry still owns 1 commitment"):
        delete_owner(sample_db.sessions, inquiry)
