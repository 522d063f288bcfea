"""Meetings as they stood on a day: their changes recorded after it undone, in SQL.

A meeting's own row is what it is now. Each meeting change says what the meeting was
before it, so as of day D a meeting has the date given by the earliest change recorded
after D that names a previous date (else its date now), and likewise its status. A
meeting *held* as of D whose date is D or later is shown as scheduled: nobody knew yet.
Portable SQL (window functions), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import CTE, and_, case, func, literal, select
from sqlalchemy.orm import Session

from db.models import Meeting, MeetingChange


def _earliest_after(as_of: dt.date, column: str, name: str) -> CTE:
    """For each meeting, the earliest change after `as_of` giving a previous `column`."""
    value = getattr(MeetingChange, column)
    return (
        select(
            MeetingChange.meeting_id.label("meeting_id"),
            value.label("value"),
            func.row_number()
            .over(
                partition_by=MeetingChange.meeting_id,
                order_by=(MeetingChange.recorded_on, MeetingChange.id),
            )
            .label("rank"),
        )
        .where(MeetingChange.recorded_on > as_of, value.is_not(None))
        .cte(name)
    )


def meetings_as_of(as_of: dt.date, name: str = "meetings_as_of") -> CTE:
    """Every meeting's id, key, body, date and status as of `as_of` (columns of those names)."""
    dates = _earliest_after(as_of, "previous_date", f"{name}_dates")
    statuses = _earliest_after(as_of, "previous_status", f"{name}_statuses")
    date = func.coalesce(dates.c.value, Meeting.date)
    status = func.coalesce(statuses.c.value, Meeting.status)
    shown = case((and_(status == "held", date >= literal(as_of)), "scheduled"), else_=status)
    return (
        select(
            Meeting.id.label("id"),
            Meeting.key.label("key"),
            Meeting.body_id.label("body_id"),
            date.label("date"),
            shown.label("status"),
        )
        .outerjoin(dates, and_(dates.c.meeting_id == Meeting.id, dates.c.rank == 1))
        .outerjoin(statuses, and_(statuses.c.meeting_id == Meeting.id, statuses.c.rank == 1))
        .cte(name)
    )


@dataclass(frozen=True)
class MeetingStep:
    """One change of a meeting, with what it was before and after: for timelines and history."""

    meeting_id: int
    change_id: int
    recorded_on: dt.date
    date_before: dt.date
    date_after: dt.date
    status_before: str
    status_after: str
    reason: str
    source: str

    @property
    def moved(self) -> bool:
        return self.date_before != self.date_after


def meeting_steps(session: Session, meeting_ids: Iterable[int]) -> dict[int, list[MeetingStep]]:
    """Each meeting's changes, oldest first, each with the meeting before and after it.

    Walked back from the meeting as it is now: a change's "after" is what the next change
    found (or the meeting's present values), its "before" what it says it was before.
    """
    ids = list(set(meeting_ids))
    steps: dict[int, list[MeetingStep]] = {i: [] for i in ids}
    if not ids:
        return steps
    now = {
        row.id: (row.date, row.status)
        for row in session.execute(
            select(Meeting.id, Meeting.date, Meeting.status).where(Meeting.id.in_(ids))
        )
    }
    changes = session.execute(
        select(MeetingChange)
        .where(MeetingChange.meeting_id.in_(ids))
        .order_by(
            MeetingChange.meeting_id,
            MeetingChange.recorded_on.desc(),
            MeetingChange.id.desc(),
        )
    ).scalars()
    for change in changes:
        date_after, status_after = now[change.meeting_id]
        date_before = change.previous_date or date_after
        status_before = change.previous_status or status_after
        steps[change.meeting_id].append(
            MeetingStep(
                change.meeting_id,
                change.id,
                change.recorded_on,
                date_before,
                date_after,
                status_before,
                status_after,
                change.reason,
                change.source,
            )
        )
        now[change.meeting_id] = (date_before, status_before)
    for found in steps.values():
        found.reverse()
    return steps
