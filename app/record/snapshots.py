"""Snapshots of records about to be deleted, so that undo puts them back exactly.

Rows come back with their original ids and keys, so every later step on the undo stack
that names them (a promise's id, an agenda item's id) still finds them. Restored through
the ORM, so whatever watches ORM writes (the audit log) sees them too. Files attached to
the records (and private notes on them) are kept too, bytes and all: the database would
otherwise drop them with their record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.sessions import Sessions, action
from db.models import (
    AgendaItem,
    Attachment,
    AttachmentChunk,
    Base,
    Body,
    Commitment,
    Meeting,
    MeetingChange,
    Note,
    Owner,
    PrivateNote,
    Promise,
)

Rows = tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Snapshot:
    parts: tuple[tuple[type[Base], Rows], ...]  # in the order they must be inserted


def _rows(s: Session, model: type[Base], where: ColumnElement[bool]) -> Rows:
    columns = list(model.__table__.columns)
    return tuple(dict(row._mapping) for row in s.execute(select(*columns).where(where)))


def _require(rows: Rows, what: str, record_id: int) -> Rows:
    if not rows:
        raise NotFound(f"no {what} with id {record_id}")
    return rows


def _papers(s: Session, column: str, ids: list[int]) -> tuple[tuple[type[Base], Rows], ...]:
    """The files and private notes on the records whose ids are `ids` (by `column`)."""
    if not ids:
        return ()
    files = _rows(s, Attachment, getattr(Attachment, column).in_(ids))
    chunks = _rows(s, AttachmentChunk, AttachmentChunk.attachment_id.in_([f["id"] for f in files]))
    notes = _rows(s, PrivateNote, getattr(PrivateNote, column).in_(ids))
    return ((Attachment, files), (AttachmentChunk, chunks), (PrivateNote, notes))


def _ids(rows: Rows) -> list[int]:
    return [row["id"] for row in rows]


def commitment(sessions: Sessions, commitment_id: int) -> Snapshot:
    with action(sessions) as s:
        head = _require(
            _rows(s, Commitment, Commitment.id == commitment_id), "commitment", commitment_id
        )
        owner_id = head[0]["owner_id"]
        owners = _rows(s, Owner, Owner.id == owner_id) if owner_id is not None else ()
        promises = _rows(s, Promise, Promise.commitment_id == commitment_id)
        notes = _rows(s, Note, Note.commitment_id == commitment_id)
        return Snapshot(
            (
                (Owner, owners),
                (Commitment, head),
                (Promise, promises),
                (Note, notes),
                *_papers(s, "commitment_id", [commitment_id]),
                *_papers(s, "promise_id", _ids(promises)),
                *_papers(s, "note_id", _ids(notes)),
            )
        )


def meeting(sessions: Sessions, meeting_id: int) -> Snapshot:
    with action(sessions) as s:
        head = _require(_rows(s, Meeting, Meeting.id == meeting_id), "meeting", meeting_id)
        items = _rows(s, AgendaItem, AgendaItem.meeting_id == meeting_id)
        changes = _rows(s, MeetingChange, MeetingChange.meeting_id == meeting_id)
        return Snapshot(
            (
                (Meeting, head),
                (MeetingChange, changes),
                (AgendaItem, items),
                *_papers(s, "meeting_id", [meeting_id]),
                *_papers(s, "agenda_item_id", _ids(items)),
            )
        )


def body(sessions: Sessions, body_id: int) -> Snapshot:
    with action(sessions) as s:
        return Snapshot(((Body, _require(_rows(s, Body, Body.id == body_id), "body", body_id)),))


def agenda_item(sessions: Sessions, item_id: int) -> Snapshot:
    with action(sessions) as s:
        rows = _require(_rows(s, AgendaItem, AgendaItem.id == item_id), "agenda item", item_id)
        return Snapshot(((AgendaItem, rows), *_papers(s, "agenda_item_id", [item_id])))


def restore(sessions: Sessions, snapshot: Snapshot) -> None:
    """Put the rows back in one transaction. An owner that still exists is reused."""
    with action(sessions) as s:
        for model, rows in snapshot.parts:
            for row in rows:
                if model is Owner and s.get(Owner, row["id"]) is not None:
                    continue
                if model is AgendaItem:
                    _make_room(s, row)
                s.add(model(**row))
                s.flush()


def _make_room(s: Session, row: dict[str, Any]) -> None:
    """An agenda item goes back to its place: the items from there on move down one."""
    later = s.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == row["meeting_id"], AgendaItem.position >= row["position"])
        .order_by(AgendaItem.position.desc())
    ).all()
    for item in later:  # last first, so no two items ever share a position
        item.position += 1
        s.flush()
