"""Turning a typed target into a promise's target, against the body's own meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.errors import Invalid
from app.core.sessions import Sessions, action, get
from app.core.wording import weekday_date
from app.ledger.phrases import ResolvedTarget, resolve_target
from db.models import Commitment, Meeting


@dataclass(frozen=True)
class TypedTarget:
    """A resolved target ready for PromiseFields: a date, or a meeting (by id), never both."""

    resolved: ResolvedTarget
    target_date: dt.date | None
    target_meeting_id: int | None

    def describe(self) -> str:
        """How the app shows what was understood: "Tue 29 Mar 2022, the meeting that day"
        (a meeting is named by its day, never by its internal key)."""
        text = weekday_date(self.resolved.date)
        return f"{text}, the meeting that day" if self.resolved.meeting else text


MeetingTable = list[tuple[int, str, dt.date]]  # (id, key, date)


def body_meetings(sessions: Sessions, body_id: int) -> MeetingTable:
    """The meetings a target of this body may name: all but the cancelled ones."""
    with action(sessions) as s:
        rows = s.execute(
            select(Meeting.id, Meeting.key, Meeting.date).where(
                Meeting.body_id == body_id, Meeting.status != "cancelled"
            )
        ).all()
    return [(meeting_id, key, day) for meeting_id, key, day in rows]


def resolve_typed(
    text: str, meetings: MeetingTable, *, today: dt.date, dayfirst: bool = True
) -> TypedTarget:
    """Read `text` against a meeting table (no database: cheap enough for every keystroke)."""
    ids = {key: meeting_id for meeting_id, key, _ in meetings}
    try:
        resolved = resolve_target(
            text, today=today, meetings=[(key, day) for _, key, day in meetings], dayfirst=dayfirst
        )
    except ValueError as exc:
        raise Invalid("target", str(exc)) from None
    if resolved.meeting is not None:
        return TypedTarget(resolved, None, ids[resolved.meeting])
    return TypedTarget(resolved, resolved.date, None)


def read_target(
    sessions: Sessions, body_id: int, text: str, *, today: dt.date, dayfirst: bool = True
) -> TypedTarget:
    """Read `text` for a commitment of body `body_id`; raises Invalid("target", ...) if unread."""
    return resolve_typed(text, body_meetings(sessions, body_id), today=today, dayfirst=dayfirst)


def read_target_for(
    sessions: Sessions, commitment_id: int, text: str, *, today: dt.date, dayfirst: bool = True
) -> TypedTarget:
    with action(sessions) as s:
        body_id = get(s, Commitment, commitment_id, "commitment").body_id
    return read_target(sessions, body_id, text, today=today, dayfirst=dayfirst)
