"""The papers' tables: files kept in the record (their bytes in chunks) and private notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models import ATTACHMENT_ROLES, SUBJECT_COLUMNS, Base, _in


def _one_subject() -> CheckConstraint:
    set_count = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in SUBJECT_COLUMNS)
    return CheckConstraint(f"{set_count} = 1", name="one_subject")


class Attachment(Base):
    """A file kept in the record beside what it belongs to: a meeting's or an agenda item's
    paper, a letter behind a promise or a note, or a commitment's evidence of delivery.

    Its bytes live in `attachment_chunks` (1 MiB each), so a 50 MB paper is written and
    read a chunk at a time and the one record file (and each backup of it) holds it.
    `text` is what search reads (pulled from PDFs and text files when attached);
    `text_status` says why there is none when there is none.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE")
    )
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE")
    )
    promise_id: Mapped[int | None] = mapped_column(ForeignKey("promises.id", ondelete="CASCADE"))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20), default="paper")
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    added_by: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    text_status: Mapped[str] = mapped_column(String(20), default="none")
    # Removing is undoable: the row is hidden first and its bytes dropped when the app closes.
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        _one_subject(),
        CheckConstraint(_in("role", ATTACHMENT_ROLES), name="role"),
        CheckConstraint("role = 'paper' OR commitment_id IS NOT NULL", name="evidence"),
        CheckConstraint("length(name) > 0 AND size >= 0 AND length(sha256) = 64", name="file"),
        Index(None, "meeting_id"),
        Index(None, "agenda_item_id"),
        Index(None, "commitment_id"),
        Index(None, "promise_id"),
        Index(None, "note_id"),
    )


class AttachmentChunk(Base):
    """One piece of an attachment's bytes, in order."""

    __tablename__ = "attachment_chunks"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PrivateNote(Base):
    """A member's own annotation on a record: kept and backed up with it, never exported,
    printed only when asked, and left behind when the record is copied to a shared database."""

    __tablename__ = "private_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), unique=True
    )
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), unique=True
    )
    promise_id: Mapped[int | None] = mapped_column(
        ForeignKey("promises.id", ondelete="CASCADE"), unique=True
    )
    note_id: Mapped[int | None] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC

    __table_args__ = (_one_subject(), CheckConstraint("length(text) > 0", name="nonempty"))
