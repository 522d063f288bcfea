"""Read-only lists for the app's views, as plain immutable rows (never live ORM objects).

Each function opens its own short session and selects columns, not entities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, Select, func, select, type_coerce

from app.core.sessions import Sessions, action, rows_as
from app.core.wording import short_date, votes, weekday_date
from db.meetings_as_of import MeetingStep, meeting_steps, meetings_as_of
from db.models import AgendaItem, Body, Commitment, Meeting, Owner, Promise

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


def meetings(
    sessions: Sessions, body_id: int | None = None, as_of: dt.date | None = None
) -> list[MeetingRow]:
    """The meetings, by date; with `as_of`, with the dates and statuses they had that day."""
    with action(sessions) as s:
        return rows_as(MeetingRow, s.execute(_meetings_statement(as_of, body_id)))


def next_meeting(sessions: Sessions, as_of: dt.date) -> MeetingRow | None:
    """The first meeting on or after the day, as it stood then, that was not cancelled.

    (The meeting sitting on the day itself is still "next": its brief is what matters.)
    """
    stmt = _meetings_statement(as_of, None, upcoming=True).limit(1)
    with action(sessions) as s:
        found = rows_as(MeetingRow, s.execute(stmt))
    return found[0] if found else None


def _meetings_statement(
    as_of: dt.date | None, body_id: int | None, *, upcoming: bool = False
) -> Select[Any]:
    then = meetings_as_of(as_of or dt.date.today())
    date = then.c.date if as_of is not None else Meeting.date
    status = then.c.status if as_of is not None else Meeting.status
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
            type_coerce(date, Date),
            Meeting.time,
            Meeting.title,
            status,
            Meeting.location,
            items,
            due,
        )
        .select_from(Meeting)
        .join(Body, Body.id == Meeting.body_id)
        .order_by(date, Meeting.time, Meeting.key)
    )
    if as_of is not None:
        stmt = stmt.join(then, then.c.id == Meeting.id)
        if upcoming:
            stmt = stmt.where(then.c.date >= as_of, then.c.status != "cancelled")
    if body_id is not None:
        stmt = stmt.where(Meeting.body_id == body_id)
    return stmt


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
    """Every decision taken (an agenda item with a decision), newest first.

    With `as_of`: only those of meetings that had sat by then (dates as of that day), so a
    meeting's own decisions are not known on its morning.
    """
    then = meetings_as_of(as_of or dt.date.today())
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
            stmt = stmt.join(then, then.c.id == Meeting.id).where(
                then.c.date < as_of, then.c.status != "cancelled"
            )
        return rows_as(DecisionRow, s.execute(stmt))


def meeting_changes(sessions: Sessions, meeting_id: int) -> list[MeetingStep]:
    """A meeting's dated changes, oldest first, each with the meeting before and after it."""
    with action(sessions) as s:
        return meeting_steps(s, [meeting_id])[meeting_id]


def change_words(step: MeetingStep) -> str:
    """'Moved from Tue 18 Jan 2022 to Tue 25 Jan 2022, recorded 10 Jan 2022 — why · source'."""
    what = []
    if step.moved:
        what.append(
            f"moved from {weekday_date(step.date_before)} to {weekday_date(step.date_after)}"
        )
    if step.status_before != step.status_after:
        what.append(f"{step.status_before} → {step.status_after}")
    said = " · ".join(part for part in (step.reason, step.source) if part)
    text = f"{', '.join(what)}, recorded {short_date(step.recorded_on)}"
    text = text[:1].upper() + text[1:]
    return f"{text} — {said}" if said else text
