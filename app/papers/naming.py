"""Naming what a file belongs to by stable keys, as the command line and the interchange
file do: `commitment:forde-report`, `agenda:nec-2022-03-29#4`, `promise:forde-report#2`.

Promises and notes have no keys of their own; they are numbered in their commitment's
ledger order (by day recorded, then as entered), as the interchange file lists them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import Invalid, NotFound
from app.papers.subjects import Subject
from db.models import AgendaItem, Commitment, Meeting, Note, Promise

KINDS = {"meeting": "meeting", "commitment": "commitment", "agenda": "agenda_item"}
LEDGER: dict[str, type[Promise] | type[Note]] = {"promise": Promise, "note": Note}


def subject_named(session: Session, name: str) -> Subject:
    """The record `name` stands for, or a one-line refusal saying what was expected."""
    kind, sep, rest = name.partition(":")
    if not sep or not rest or (kind not in KINDS and kind not in LEDGER):
        raise Invalid(
            "to",
            f"{name!r} is not meeting:KEY, commitment:KEY, agenda:KEY#N, promise:KEY#N or note:KEY#N",
        )
    if kind == "meeting":
        return Subject("meeting", _id(session, Meeting, rest, "meeting"))
    if kind == "commitment":
        return Subject("commitment", _id(session, Commitment, rest, "commitment"))
    key, hash_, number = rest.rpartition("#")
    if not hash_ or not number.isdigit() or int(number) < 1:
        raise Invalid("to", f"{name!r}: say which one with #N, e.g. {kind}:{rest}#1")
    if kind == "agenda":
        meeting_id = _id(session, Meeting, key, "meeting")
        found = session.scalar(
            select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.position == int(number)
            )
        )
        if found is None:
            raise NotFound(f"meeting {key} has no agenda item {number}")
        return Subject("agenda_item", found)
    model = LEDGER[kind]
    commitment_id = _id(session, Commitment, key, "commitment")
    entries = list(
        session.scalars(
            select(model.id)
            .where(model.commitment_id == commitment_id)
            .order_by(model.recorded_on, model.id)
        )
    )
    if int(number) > len(entries):
        raise NotFound(f"commitment {key} has {len(entries)} {kind}s, not {number}")
    return Subject(kind, entries[int(number) - 1])


def _id(session: Session, model: type[Meeting] | type[Commitment], key: str, what: str) -> int:
    found = session.scalar(select(model.id).where(model.key == key))
    if found is None:
        raise NotFound(f"no {what} with key {key!r}")
    return found


def name_of(session: Session, subject: Subject) -> str:
    """The stable name of a record, the inverse of `subject_named`."""
    if subject.kind in ("meeting", "commitment"):
        keyed = Meeting if subject.kind == "meeting" else Commitment
        return f"{subject.kind}:{session.scalar(select(keyed.key).where(keyed.id == subject.id))}"
    if subject.kind == "agenda_item":
        key, position = session.execute(
            select(Meeting.key, AgendaItem.position)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.id == subject.id)
        ).one()
        return f"agenda:{key}#{position}"
    model = LEDGER[subject.kind]
    commitment_id, key = session.execute(
        select(model.commitment_id, Commitment.key)
        .join(Commitment, Commitment.id == model.commitment_id)
        .where(model.id == subject.id)
    ).one()
    ids = list(
        session.scalars(
            select(model.id)
            .where(model.commitment_id == commitment_id)
            .order_by(model.recorded_on, model.id)
        )
    )
    return f"{subject.kind}:{key}#{ids.index(subject.id) + 1}"
