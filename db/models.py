"""The committee record as typed SQLAlchemy 2 models: bodies, meetings, agenda, promise ledger."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints let Alembic's batch mode rebuild SQLite tables predictably.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MEETING_STATUSES = ("scheduled", "held", "postponed", "cancelled")
AGENDA_STATUSES = ("pending", "taken", "noted", "deferred", "withdrawn")
COMMITMENT_STATUSES = ("open", "delivered", "dropped")
OWNER_KINDS = ("person", "organisation")
AUDIT_ACTIONS = ("created", "changed", "deleted")
ATTACHMENT_ROLES: tuple[str, ...] = ("paper", "evidence")
# What an attachment or a private note may belong to: exactly one of these columns is set.
SUBJECT_COLUMNS: tuple[str, ...] = (
    "meeting_id",
    "agenda_item_id",
    "commitment_id",
    "promise_id",
    "note_id",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Body(Base):
    """A committee or panel that meets; `schedule` is an iCalendar RRULE, if it has one."""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    schedule: Mapped[str | None] = mapped_column(String(400))

    meetings: Mapped[list[Meeting]] = relationship(back_populates="body")
    commitments: Mapped[list[Commitment]] = relationship(back_populates="body")

    __table_args__ = (CheckConstraint("length(key) > 0 AND length(name) > 0", name="nonempty"),)


class Meeting(Base):
    """One sitting of a body; promises may target it, so its date moves their deadline."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[dt.time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    location: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    body: Mapped[Body] = relationship(back_populates="meetings")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    changes: Mapped[list[MeetingChange]] = relationship(
        back_populates="meeting",
        order_by="(MeetingChange.recorded_on, MeetingChange.id)",
        cascade="all, delete-orphan",
    )

    __table_args__ = (
        CheckConstraint(_in("status", MEETING_STATUSES), name="status"),
        CheckConstraint("length(key) > 0", name="nonempty"),
        Index(None, "body_id", "date"),
        Index(None, "date"),
    )
    # Every ORM update checks and bumps the version: two members' edits never silently merge.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MeetingChange(Base):
    """A dated change to a meeting: on `recorded_on` it was moved, postponed or cancelled.

    It says what the meeting was *before* the change (its date and/or status then). A
    meeting's own columns are what it is now; undoing its changes from the newest back
    gives what it was on any earlier day, so "as of" views use the meetings of that day.
    """

    __tablename__ = "meeting_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    previous_date: Mapped[dt.date | None] = mapped_column(Date)
    previous_status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="changes")

    __table_args__ = (
        CheckConstraint(
            "previous_date IS NOT NULL OR previous_status IS NOT NULL", name="says_what"
        ),
        CheckConstraint(
            f"previous_status IS NULL OR {_in('previous_status', MEETING_STATUSES)}",
            name="previous_status",
        ),
        # Meetings as of a day look up each meeting's changes after that day.
        Index(None, "meeting_id", "recorded_on"),
    )


class AgendaItem(Base):
    """An ordered item of a meeting, with its outcome and any decision and vote."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(400))
    lead: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    votes_abstaining: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")

    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        CheckConstraint(_in("status", AGENDA_STATUSES), name="status"),
        CheckConstraint("position > 0", name="position"),
        CheckConstraint(
            "(votes_for IS NULL OR votes_for >= 0)"
            " AND (votes_against IS NULL OR votes_against >= 0)"
            " AND (votes_abstaining IS NULL OR votes_abstaining >= 0)",
            name="votes",
        ),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Owner(Base):
    """Who answers for a commitment: a person or an organisation, shared across commitments."""

    __tablename__ = "owners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str | None] = mapped_column(String(20))

    commitments: Mapped[list[Commitment]] = relationship(back_populates="owner")

    __table_args__ = (
        CheckConstraint(f"kind IS NULL OR {_in('kind', OWNER_KINDS)}", name="kind"),
        CheckConstraint("length(name) > 0", name="nonempty"),
    )


class Commitment(Base):
    """Something promised to a body. Its targets live in the promise ledger, never overwritten."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(400))
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("owners.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    status_on: Mapped[dt.date | None] = mapped_column(Date)
    details: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    body: Mapped[Body] = relationship(back_populates="commitments")
    owner: Mapped[Owner | None] = relationship(back_populates="commitments")
    promises: Mapped[list[Promise]] = relationship(
        back_populates="commitment",
        order_by="(Promise.recorded_on, Promise.id)",
        cascade="all, delete-orphan",
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="commitment",
        order_by="(Note.recorded_on, Note.id)",
        cascade="all, delete-orphan",
    )

    __table_args__ = (
        CheckConstraint(_in("status", COMMITMENT_STATUSES), name="status"),
        # A closed commitment says when it closed; an open one has no such date.
        CheckConstraint(
            "(status = 'open' AND status_on IS NULL)"
            " OR (status <> 'open' AND status_on IS NOT NULL)",
            name="status_on",
        ),
        CheckConstraint("length(key) > 0 AND length(title) > 0", name="nonempty"),
        Index(None, "body_id", "status"),
        Index(None, "owner_id"),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Promise(Base):
    """One ledger entry: on `recorded_on`, `given_by` promised a target (date, meeting or none)."""

    __tablename__ = "promises"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    target_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT")
    )
    given_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(200), default="", server_default="")

    commitment: Mapped[Commitment] = relationship(back_populates="promises")
    target_meeting: Mapped[Meeting | None] = relationship()

    __table_args__ = (
        CheckConstraint("target_date IS NULL OR target_meeting_id IS NULL", name="one_target"),
        # The as-of query walks each commitment's ledger by date.
        Index(None, "commitment_id", "recorded_on"),
        Index(None, "target_meeting_id"),
    )


class Note(Base):
    """A dated remark on a commitment that changes no target ("largely completed")."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(200), default="", server_default="")

    commitment: Mapped[Commitment] = relationship(back_populates="notes")

    __table_args__ = (
        CheckConstraint("length(text) > 0", name="nonempty"),
        Index(None, "commitment_id", "recorded_on"),
    )


class AuditEntry(Base):
    """One change to the record: when, by which OS user, which record and field, before and after.

    Written by db/audit.py in the same transaction as the change itself. It has no foreign
    keys, so a record's history outlives the record. `subject_*` names the commitment or
    meeting the change belongs to (a promise's commitment, an agenda item's meeting), so a
    History can be read by subject. Values are JSON: a changed field's old and new value, or
    for "created" and "deleted" every field of the record (then `field` is NULL).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    os_user: Mapped[str] = mapped_column(String(200))
    # The member who made the change: a configured name, or the database role on a server.
    member: Mapped[str] = mapped_column(String(200), default="", server_default="")
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    record_key: Mapped[str | None] = mapped_column(String(200))
    record_label: Mapped[str] = mapped_column(String(400), default="")
    subject_table: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(_in("action", AUDIT_ACTIONS), name="action"),
        Index(None, "subject_table", "subject_id"),
        Index(None, "table_name", "record_key"),
    )


# The papers' tables live in their own room; importing them here registers them with
# Base.metadata wherever the models are imported from.
from db.paper_models import Attachment, AttachmentChunk, PrivateNote  # noqa: E402

__all__ = ["Attachment", "AttachmentChunk", "PrivateNote"]
