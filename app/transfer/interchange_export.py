"""Exporting the whole record as an interchange document, section by section, in a stable order."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, aliased

from app.transfer.interchange import FIELDS, FORMAT_VERSION
from app.transfer.interchange_attachments import SECTION as ATTACHMENTS
from app.transfer.interchange_attachments import export_section
from db.models import (
    AgendaItem,
    Base,
    Body,
    Commitment,
    Meeting,
    MeetingChange,
    Note,
    Owner,
    Promise,
)


def export_document(session: Session) -> dict[str, Any]:
    """The whole record as an interchange document, in a stable order."""
    doc: dict[str, Any] = {"docket": FORMAT_VERSION}
    for section, statement in _statements().items():
        doc[section] = [_entry(row._mapping) for row in session.execute(statement)]
    files = export_section(session)
    if files:  # a record without papers exports exactly as before they existed
        doc[ATTACHMENTS] = files
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """The document as text: indented, UTF-8 characters kept, newline at the end."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_document(session: Session, out: TextIO) -> None:
    """The whole record written as `dumps(export_document(session))` writes it, streamed.

    Each section is read a thousand rows at a time and each entry written as it comes,
    so exporting a record of 100,000 commitments takes flat memory (it took 1.2 GB).
    """
    out.write(f'{{\n  "docket": {FORMAT_VERSION}')
    for section, statement in _statements().items():
        rows = session.execute(statement.execution_options(yield_per=1_000))
        _write_section(out, section, (_entry(row._mapping) for row in rows))
    files = export_section(session)
    if files:  # a record without papers exports exactly as before they existed
        _write_section(out, ATTACHMENTS, iter(files))
    out.write("\n}\n")


def _write_section(out: TextIO, name: str, entries: Iterator[dict[str, Any]]) -> None:
    out.write(f",\n  {json.dumps(name)}: [")
    written = False
    for entry in entries:
        text = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        out.write(f"{',' if written else ''}\n    {text}")
        written = True
    out.write("\n  ]" if written else "]")


def _statements() -> dict[str, Select[Any]]:
    """One query a section, selecting its fields (labelled by their names in the file)."""
    target = aliased(Meeting)
    commitments = _fields("commitments", Commitment, owner=Owner.name, body=Body.key)
    return {
        "bodies": select(*_fields("bodies", Body)).order_by(Body.id),
        "meetings": select(*_fields("meetings", Meeting, body=Body.key))
        .join(Body)
        .order_by(Meeting.date, Meeting.time, Meeting.key),
        "agenda_items": select(*_fields("agenda_items", AgendaItem, meeting=Meeting.key))
        .join(Meeting)
        .order_by(Meeting.date, Meeting.time, Meeting.key, AgendaItem.position),
        "owners": select(*_fields("owners", Owner)).order_by(Owner.name),
        "commitments": select(*commitments)
        .join(Body, Commitment.body_id == Body.id)
        .outerjoin(Owner, Commitment.owner_id == Owner.id)
        .order_by(Commitment.id),
        # A promise's target is a meeting's key or a date: `_entry` makes it one field.
        "promises": select(
            *_fields(
                "promises",
                Promise,
                commitment=Commitment.key,
                target=target.key,
                by=Promise.given_by,
            ),
            Promise.target_date,
        )
        .join(Commitment, Promise.commitment_id == Commitment.id)
        .outerjoin(target, Promise.target_meeting_id == target.id)
        .order_by(Commitment.id, Promise.recorded_on, Promise.id),
        "notes": select(*_fields("notes", Note, commitment=Commitment.key))
        .join(Commitment)
        .order_by(Commitment.id, Note.recorded_on, Note.id),
        # Each meeting's changes, oldest first, meetings in the order of their section.
        "meeting_changes": select(*_fields("meeting_changes", MeetingChange, meeting=Meeting.key))
        .join(Meeting)
        .order_by(
            Meeting.date,
            Meeting.time,
            Meeting.key,
            MeetingChange.recorded_on,
            MeetingChange.id,
        ),
    }


def _fields(section: str, model: type[Base], **others: Any) -> list[ColumnElement[Any]]:
    """The section's fields in file order: the model's own columns, or those named in `others`."""
    return [
        (others[name] if name in others else getattr(model, name)).label(name)
        for name in FIELDS[section]
    ]


def _entry(row: Any) -> dict[str, Any]:
    entry = {name: _plain(value) for name, value in row.items() if name != "target_date"}
    if "target_date" in row:
        meeting, day = row["target"], row["target_date"]
        entry["target"] = (
            {"meeting": meeting} if meeting else {"date": day.isoformat()} if day else None
        )
    return entry


def _plain(value: Any) -> Any:
    """Dates as YYYY-MM-DD and times of day as HH:MM; other values as they are."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value
