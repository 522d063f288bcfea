"""Read-only lists for the app's views, as plain immutable rows (never live ORM objects).

Each function opens its own short session and selects columns, not entities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.core.sessions import Sessions, action, rows_as
from app.core.wording import votes
from db.models import AgendaItem, Body, Commitment, Meeting, Note, Owner, Promise

# How a body is named in lists: its short name ("NEC"), else its name.
BODY_LABEL = func.coalesce(func.nullif(Body.short_name, ""), Body.name)


@dataclass(frozen=True)
class BodyRow:
    id: int
    key: str
    name: str
    short_name: str
    schedule: str | None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class OwnerRow:
    id: int
    name: str
    kind: str | None
    commitments: int


@dataclass(frozen=True)
class MeetingRow:
    id: int
    key: str
    body_id: int
    body: str
    date: dt.date
    time: dt.time | None
    title: str
    status: str
    location: str
    items: int
    due_here: int  # promises whose target is this meeting


@dataclass(frozen=True)
class AgendaRow:
    id: int
    meeting_id: int
    position: int
    title: str
    lead: str
    details: str
    outcome: str
    decision: str
    votes_for: int | None
    votes_against: int | None
    votes_abstaining: int | None
    status: str

    @property
    def votes(self) -> str:
        return votes(self.votes_for, self.votes_against, self.votes_abstaining)


@dataclass(frozen=True)
class DecisionRow:
    item_id: int
    meeting_id: int
    date: dt.date
    body: str
    meeting: str
    title: str
    decision: str
    votes_for: int | None
    votes_against: int | None
    votes_abstaining: int | None

    @property
    def votes(self) -> str:
        return votes(self.votes_for, self.votes_against, self.votes_abstaining)


@dataclass(frozen=True)
class LedgerEntry:
    """One line of a commitment's timeline: a promise (with its target) or a note."""

    kind: str  # "promise" or "note"
    id: int
    recorded_on: dt.date
    target: dt.date | None
    target_meeting: str | None
    by: str
    text: str  # a promise's reason, or a note's text
    source: str
    number: int  # promises: 1 = the original promise, 2 = first slip, ...; notes: 0


@dataclass(frozen=True)
class CommitmentDetail:
    id: int
    key: str
    title: str
    body_id: int
    body: str
    owner: str
    status: str
    status_on: dt.date | None
    details: str
    source: str
    entries: tuple[LedgerEntry, ...]


def bodies(sessions: Sessions) -> list[BodyRow]:
    with action(sessions) as s:
        rows = s.execute(
            select(Body.id, Body.key, Body.name, Body.short_name, Body.schedule).order_by(Body.id)
        )
        return rows_as(BodyRow, rows)


def owners(sessions: Sessions) -> list[OwnerRow]:
    with action(sessions) as s:
        used = (
            select(func.count())
            .where(Commitment.owner_id == Owner.id)
            .correlate(Owner)
            .scalar_subquery()
        )
        rows = s.execute(select(Owner.id, Owner.name, Owner.kind, used).order_by(Owner.name))
        return rows_as(OwnerRow, rows)


def meetings(sessions: Sessions, body_id: int | None = None) -> list[MeetingRow]:
    with action(sessions) as s:
        items = (
            select(func.count())
            .where(AgendaItem.meeting_id == Meeting.id)
            .correlate(Meeting)
            .scalar_subquery()
        )
        due = (
            select(func.count())
            .where(Promise.target_meeting_id == Meeting.id)
            .correlate(Meeting)
            .scalar_subquery()
        )
        stmt = (
            select(
                Meeting.id,
                Meeting.key,
                Meeting.body_id,
                BODY_LABEL,
                Meeting.date,
                Meeting.time,
                Meeting.title,
                Meeting.status,
                Meeting.location,
                items,
                due,
            )
            .join(Body)
            .order_by(Meeting.date, Meeting.time, Meeting.key)
        )
        if body_id is not None:
            stmt = stmt.where(Meeting.body_id == body_id)
        return rows_as(MeetingRow, s.execute(stmt))


def agenda(sessions: Sessions, meeting_id: int) -> list[AgendaRow]:
    with action(sessions) as s:
        rows = s.execute(
            select(
                AgendaItem.id,
                AgendaItem.meeting_id,
                AgendaItem.position,
                AgendaItem.title,
                AgendaItem.lead,
                AgendaItem.details,
                AgendaItem.outcome,
                AgendaItem.decision,
                AgendaItem.votes_for,
                AgendaItem.votes_against,
                AgendaItem.votes_abstaining,
                AgendaItem.status,
            )
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
        return rows_as(AgendaRow, rows)


def decisions(sessions: Sessions, as_of: dt.date | None = None) -> list[DecisionRow]:
    """Every decision taken (an agenda item with a decision), newest first."""
    with action(sessions) as s:
        stmt = (
            select(
                AgendaItem.id,
                Meeting.id,
                Meeting.date,
                BODY_LABEL,
                Meeting.title,
                AgendaItem.title,
                AgendaItem.decision,
                AgendaItem.votes_for,
                AgendaItem.votes_against,
                AgendaItem.votes_abstaining,
            )
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .join(Body, Meeting.body_id == Body.id)
            .where(AgendaItem.decision != "")
            .order_by(Meeting.date.desc(), AgendaItem.position)
        )
        if as_of is not None:
            stmt = stmt.where(Meeting.date <= as_of)
        return rows_as(DecisionRow, s.execute(stmt))


def commitment_detail(sessions: Sessions, commitment_id: int) -> CommitmentDetail | None:
    """A commitment with its whole timeline: promises and notes in date order."""
    target = aliased(Meeting)
    with action(sessions) as s:
        head = s.execute(
            select(
                Commitment.id,
                Commitment.key,
                Commitment.title,
                Commitment.body_id,
                BODY_LABEL,
                func.coalesce(Owner.name, ""),
                Commitment.status,
                Commitment.status_on,
                Commitment.details,
                Commitment.source,
            )
            .join(Body, Commitment.body_id == Body.id)
            .outerjoin(Owner, Commitment.owner_id == Owner.id)
            .where(Commitment.id == commitment_id)
        ).one_or_none()
        if head is None:
            return None
        promises = s.execute(
            select(
                Promise.id,
                Promise.recorded_on,
                func.coalesce(Promise.target_date, target.date),
                target.key,
                Promise.given_by,
                Promise.reason,
                Promise.source,
            )
            .outerjoin(target, Promise.target_meeting_id == target.id)
            .where(Promise.commitment_id == commitment_id)
            .order_by(Promise.recorded_on, Promise.id)
        ).all()
        notes = s.execute(
            select(Note.id, Note.recorded_on, Note.text, Note.source)
            .where(Note.commitment_id == commitment_id)
            .order_by(Note.recorded_on, Note.id)
        ).all()
    entries = [
        LedgerEntry("promise", pid, on, tgt, meeting, by, reason, source, n)
        for n, (pid, on, tgt, meeting, by, reason, source) in enumerate(promises, start=1)
    ] + [
        LedgerEntry("note", nid, on, None, None, "", text, source, 0)
        for nid, on, text, source in notes
    ]
    # Same day: the promise first, then what was said about it.
    entries.sort(key=lambda e: (e.recorded_on, e.kind != "promise", e.id))
    return rows_as(CommitmentDetail, [(*head, tuple(entries))])[0]
