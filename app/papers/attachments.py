"""Use cases for attached files: attach, remove and put back, purge, and copy out.

A file's bytes go into the record a chunk at a time inside the one transaction that
adds it, so a refusal, a failure or a full disk part-way leaves the record as it was,
and a 50 MB paper never sits whole in memory. Removing only hides the file (undo puts
it back); the app drops removed files' bytes when it closes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.core.errors import DomainError, Invalid, NotFound
from app.core.sessions import Sessions, action
from app.papers.intake import CHUNK, Intake
from app.papers.subjects import Subject, check_subject
from db.audit import os_user, utc_now
from db.models import AgendaItem, Attachment, AttachmentChunk


@dataclass(frozen=True)
class AttachmentRow:
    """An attached file as lists show it (never its bytes)."""

    id: int
    subject: Subject
    role: str
    name: str
    media_type: str
    size: int
    sha256: str
    added_at: dt.datetime
    added_by: str
    description: str
    text_status: str


_ROW_COLUMNS = (
    Attachment.id,
    *(getattr(Attachment, column) for column in Subject.columns()),
    Attachment.role,
    Attachment.name,
    Attachment.media_type,
    Attachment.size,
    Attachment.sha256,
    Attachment.added_at,
    Attachment.added_by,
    Attachment.description,
    Attachment.text_status,
)


def _row(values: tuple[object, ...]) -> AttachmentRow:
    ids = values[1 : 1 + len(Subject.KINDS)]
    rest = values[1 + len(Subject.KINDS) :]
    return AttachmentRow(values[0], Subject.from_ids(ids), *rest)  # type: ignore[arg-type]


def attach(
    sessions: Sessions,
    subject: Subject,
    intake: Intake,
    *,
    role: str = "paper",
    description: str = "",
) -> int:
    """Store the file in the record, tied to `subject`; its id."""
    if role not in ("paper", "evidence"):
        raise Invalid("role", f"{role!r} is not paper or evidence")
    if role == "evidence" and subject.kind != "commitment":
        raise Invalid("role", "only a commitment's delivery takes evidence")
    try:
        return _attach(sessions, subject, intake, role, description)
    except OperationalError as exc:  # a full disk, or a file too large for where it lives
        raise DomainError(
            f"{intake.name} could not be stored: the disk is full or cannot be written"
            f" ({exc.orig}); nothing was attached"
        ) from None


def _attach(
    sessions: Sessions, subject: Subject, intake: Intake, role: str, description: str
) -> int:
    with action(sessions) as s:
        check_subject(s, subject)
        new = Attachment(
            role=role,
            name=intake.name,
            media_type=intake.media_type,
            size=intake.size,
            sha256=intake.sha256,
            added_at=utc_now().replace(microsecond=0),
            added_by=os_user(),
            description=description.strip(),
            text=intake.extracted.text,
            text_status=intake.extracted.status,
            **{subject.column: subject.id},
        )
        s.add(new)
        s.flush()
        _store_bytes(s, new.id, intake)
        return new.id


def _store_bytes(session: Session, attachment_id: int, intake: Intake) -> None:
    digest = hashlib.sha256()
    size = 0
    try:
        with intake.path.open("rb") as handle:
            for seq, chunk in enumerate(iter(lambda: handle.read(CHUNK), b"")):
                digest.update(chunk)
                size += len(chunk)
                session.execute(
                    insert(AttachmentChunk),
                    {"attachment_id": attachment_id, "seq": seq, "data": chunk},
                )
    except OSError as exc:
        raise DomainError(f"{intake.path}: cannot be read ({exc.strerror})") from None
    if digest.hexdigest() != intake.sha256 or size != intake.size:
        raise DomainError(f"{intake.name} changed while it was being attached; try again")


def store_bytes_from(session: Session, attachment_id: int, chunks: Iterator[bytes]) -> None:
    """Store already-checked bytes (an import's decoded content) in chunks."""
    for seq, chunk in enumerate(chunks):
        session.execute(
            insert(AttachmentChunk), {"attachment_id": attachment_id, "seq": seq, "data": chunk}
        )


def _set_removed(sessions: Sessions, attachment_id: int, when: dt.datetime | None) -> None:
    with action(sessions) as s:
        found = s.get(Attachment, attachment_id)
        if found is None:
            raise NotFound(f"no attached file with id {attachment_id}")
        found.removed_at = when


def remove(sessions: Sessions, attachment_id: int) -> None:
    """Take a file off its record; undo with `restore` until the app closes."""
    _set_removed(sessions, attachment_id, utc_now().replace(microsecond=0))


def restore(sessions: Sessions, attachment_id: int) -> None:
    _set_removed(sessions, attachment_id, None)


def purge_removed(sessions: Sessions) -> int:
    """Drop the bytes of every removed file (the log keeps who removed it and when)."""
    with action(sessions) as s:
        doomed = list(s.scalars(select(Attachment).where(Attachment.removed_at.is_not(None))))
        for found in doomed:
            s.execute(delete(AttachmentChunk).where(AttachmentChunk.attachment_id == found.id))
            s.delete(found)
        return len(doomed)


def attachments_of(session: Session, subject: Subject) -> list[AttachmentRow]:
    """The files on one record, oldest first."""
    rows = session.execute(
        select(*_ROW_COLUMNS)
        .where(getattr(Attachment, subject.column) == subject.id)
        .where(Attachment.removed_at.is_(None))
        .order_by(Attachment.added_at, Attachment.id)
    )
    return [_row(tuple(r)) for r in rows]


def papers_count(session: Session, meeting_id: int, media_type: str | None = None) -> int:
    """How many files a meeting and its agenda items hold (of one type, if given)."""
    items = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
    query = select(func.count()).where(
        Attachment.removed_at.is_(None),
        or_(Attachment.meeting_id == meeting_id, Attachment.agenda_item_id.in_(items)),
    )
    if media_type is not None:
        query = query.where(Attachment.media_type == media_type)
    return session.scalar(query) or 0


def attachment(session: Session, attachment_id: int) -> AttachmentRow:
    found = session.execute(select(*_ROW_COLUMNS).where(Attachment.id == attachment_id)).first()
    if found is None:
        raise NotFound(f"no attached file with id {attachment_id}")
    return _row(tuple(found))


def chunks(session: Session, attachment_id: int) -> Iterator[bytes]:
    """The file's bytes in order, one chunk at a time."""
    result = session.execute(
        select(AttachmentChunk.data)
        .where(AttachmentChunk.attachment_id == attachment_id)
        .order_by(AttachmentChunk.seq),
        execution_options={"yield_per": 1},
    )
    for (data,) in result:
        yield bytes(data)


def save_copy(sessions: Sessions, attachment_id: int, target: Path) -> Path:
    """Write the file out to `target` whole or not at all; its hash is checked on the way."""
    target = Path(target)
    if target.is_dir():
        target = target / attachment_for(sessions, attachment_id).name
    with sessions() as s:
        row = attachment(s, attachment_id)
        _write_checked(row, chunks(s, attachment_id), target)
    return target


def attachment_for(sessions: Sessions, attachment_id: int) -> AttachmentRow:
    with sessions() as s:
        return attachment(s, attachment_id)


def _write_checked(row: AttachmentRow, parts: Iterator[bytes], target: Path) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DomainError(f"cannot write {target}: {exc.strerror}") from None
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                digest.update(part)
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        if digest.hexdigest() != row.sha256:
            raise DomainError(f"{row.name} is damaged in the record (its hash differs)")
        os.replace(tmp, target)
    except OSError as exc:
        raise DomainError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def open_copy(sessions: Sessions, attachment_id: int, folder: Path) -> Path:
    """A read-only copy in `folder` for the system's viewer (edits there never reach the
    record)."""
    row = attachment_for(sessions, attachment_id)
    place = Path(tempfile.mkdtemp(prefix=f"{attachment_id}-", dir=folder))
    path = save_copy(sessions, attachment_id, place / row.name)
    path.chmod(stat.S_IRUSR)
    return path
