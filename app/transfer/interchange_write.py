"""Writing a checked interchange plan: each section in batches, references turned into ids."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.transfer.inserts import Row, insert_all
from app.transfer.interchange import ImportPlan
from app.transfer.interchange_attachments import write_section
from db.models import AgendaItem, Body, Commitment, Meeting, MeetingChange, Note, Owner, Promise


def apply_import(session: Session, plan: ImportPlan) -> None:
    """Write a checked plan inside the caller's transaction.

    Every section goes in batches of Core INSERTs, each logged in the audit log, so time
    per row stays flat and no section's rows exist twice in memory. A key or name in the
    file becomes the id of the record it names, whether in the file or already recorded.
    """
    insert_all(session, Body, iter(plan.bodies))
    body_ids = _ids(session, Body.key)
    insert_all(
        session,
        Meeting,
        (_refer(m, body=("body_id", body_ids)) for m in plan.meetings),
    )
    meeting_ids = _ids(session, Meeting.key)
    changes = (_refer(c, meeting=("meeting_id", meeting_ids)) for c in plan.meeting_changes)
    insert_all(session, MeetingChange, changes)
    insert_all(
        session,
        AgendaItem,
        (_refer(a, meeting=("meeting_id", meeting_ids)) for a in plan.agenda_items),
    )
    owner_ids = _ids(session, Owner.name)
    insert_all(session, Owner, (o for o in plan.owners if o["name"] not in owner_ids))
    owner_ids = _ids(session, Owner.name)
    insert_all(
        session,
        Commitment,
        (
            _refer(c, body=("body_id", body_ids), owner=("owner_id", owner_ids))
            for c in plan.commitments
        ),
    )
    commitment_ids = _ids(session, Commitment.key)
    promises = (
        _refer(
            p,
            commitment=("commitment_id", commitment_ids),
            target_meeting=("target_meeting_id", meeting_ids),
        )
        for p in plan.promises
    )
    insert_all(session, Promise, promises)
    notes = (_refer(n, commitment=("commitment_id", commitment_ids)) for n in plan.notes)
    insert_all(session, Note, notes)
    write_section(session, plan.attachments)  # last: they name the records above


def _ids(session: Session, column: InstrumentedAttribute[Any]) -> dict[Any, int]:
    """Every record's id by its key (or an owner's by name), in the file or not."""
    model = column.class_
    return dict(session.execute(select(column, model.id)).all())


def _refer(entry: Row, **references: tuple[str, dict[Any, int]]) -> Row:
    """The entry as a row: each named reference replaced by its id column (None stays None)."""
    row = {name: value for name, value in entry.items() if name not in references}
    for name, (column, ids) in references.items():
        row[column] = ids[entry[name]] if entry[name] else None
    return row
