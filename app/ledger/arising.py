"""Matters arising: which promises a meeting must hear about, and why (docs/rules.md).

For a meeting M of body B, as of day D (default: M's date), with T M's date as of D and
P the previous meeting (B's latest other meeting before T as of D, not cancelled), a
commitment to B that existed on D is a matter arising for each of these reasons:
overdue on D; due (open, not overdue, target on or before T); slipped since P (any slip
when there is no P); open-ended; new since P; closed since P. So a promise that keeps
slipping never drops off the brief by slipping again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.errors import NotFound
from app.core.sessions import Sessions, action
from app.core.settings import Settings
from app.ledger.rules import Standing, standing
from db.meetings_as_of import meetings_as_of
from db.status import Filters, ledger_rows

OVERDUE, DUE, SLIPPED, OPEN_ENDED, NEW, CLOSED = (
    "overdue",
    "due",
    "slipped",
    "open_ended",
    "new",
    "closed",
)
REASONS = (OVERDUE, DUE, SLIPPED, OPEN_ENDED, NEW, CLOSED)  # the brief's order
REASON_WORDS = {
    OVERDUE: "overdue",
    DUE: "due at this meeting",
    SLIPPED: "slipped since the last meeting",
    OPEN_ENDED: "no date promised",
    NEW: "new since the last meeting",
    CLOSED: "closed since the last meeting",
}


REASON_SHORT = {
    OVERDUE: "overdue",
    DUE: "due",
    SLIPPED: "slipped",
    OPEN_ENDED: "no date",
    NEW: "new",
    CLOSED: "closed",
}


def reason_words(reasons: tuple[str, ...] | list[str], *, short: bool = False) -> str:
    """'Overdue; slipped since the last meeting' (short: 'Overdue, slipped')."""
    if short:
        return ", ".join(REASON_SHORT[r] for r in reasons).capitalize()
    return "; ".join(REASON_WORDS[r] for r in reasons).capitalize()


@dataclass(frozen=True)
class MeetingThen:
    """A meeting as it stood on a day: its date and status then."""

    id: int
    key: str
    body_id: int
    date: dt.date
    status: str


@dataclass(frozen=True)
class Matter:
    standing: Standing
    reasons: tuple[str, ...]  # in REASONS order

    @property
    def key(self) -> str:
        return self.standing.key


@dataclass(frozen=True)
class Arising:
    meeting: MeetingThen
    as_of: dt.date
    previous: MeetingThen | None
    matters: tuple[Matter, ...]

    def count(self, reason: str) -> int:
        return sum(reason in m.reasons for m in self.matters)

    def group(self, reason: str) -> list[Matter]:
        """The matters listed under `reason`: those whose first reason it is."""
        return [m for m in self.matters if m.reasons[0] == reason]


def body_meetings_then(sessions: Sessions, body_id: int, as_of: dt.date) -> list[MeetingThen]:
    """A body's meetings as they stood on `as_of`, by their dates then."""
    then = meetings_as_of(as_of)
    with action(sessions) as s:
        rows = s.execute(
            select(then.c.id, then.c.key, then.c.body_id, then.c.date, then.c.status)
            .where(then.c.body_id == body_id)
            .order_by(then.c.date, then.c.key)
        ).all()
    return [MeetingThen(*row) for row in rows]


def meeting_then(sessions: Sessions, meeting_id: int, as_of: dt.date) -> MeetingThen:
    then = meetings_as_of(as_of)
    with action(sessions) as s:
        row = s.execute(
            select(then.c.id, then.c.key, then.c.body_id, then.c.date, then.c.status).where(
                then.c.id == meeting_id
            )
        ).one_or_none()
    if row is None:
        raise NotFound(f"no meeting with id {meeting_id}")
    return MeetingThen(*row)


def previous_meeting(meetings: list[MeetingThen], meeting: MeetingThen) -> MeetingThen | None:
    """The body's latest other meeting before this one, not cancelled (dates as of the day)."""
    earlier = [
        m
        for m in meetings
        if m.id != meeting.id and m.date < meeting.date and m.status != "cancelled"
    ]
    return max(earlier, key=lambda m: (m.date, m.key)) if earlier else None


def brief_as_of(sessions: Sessions, meeting_id: int, viewing: dt.date) -> dt.date | None:
    """The as-of day the app gives `matters_arising` and the brief, from the day viewed.

    A brief is written as of its meeting's day (None: `docket brief`'s own default), unless
    an earlier day is viewed, which is then the day (`docket brief --as-of` that day). The
    Meetings pane and the app's brief both use this, so they and the command line agree.
    """
    meeting_day = meeting_then(sessions, meeting_id, dt.date.max).date
    return viewing if viewing < meeting_day else None


def matters_arising(
    sessions: Sessions, meeting_id: int, settings: Settings, as_of: dt.date | None = None
) -> Arising:
    """The matters arising of a meeting as of `as_of` (default: the meeting's date now)."""
    if as_of is None:
        as_of = meeting_then(sessions, meeting_id, dt.date.max).date
    meeting = meeting_then(sessions, meeting_id, as_of)
    previous = previous_meeting(body_meetings_then(sessions, meeting.body_id, as_of), meeting)
    since = previous.date if previous else None
    with action(sessions) as s:
        rows = ledger_rows(s, as_of, Filters(body_id=meeting.body_id))
    found: list[Matter] = []
    for row in rows:
        then = standing(row, as_of, settings)
        reasons = _reasons(then, meeting.date, since)
        if reasons:
            found.append(Matter(then, reasons))
    found.sort(key=_order)
    return Arising(meeting, as_of, previous, tuple(found))


def _reasons(s: Standing, meeting_date: dt.date, since: dt.date | None) -> tuple[str, ...]:
    row, is_open = s.row, s.row.state == "open"
    reasons = []
    if s.overdue:
        reasons.append(OVERDUE)
    if is_open and not s.overdue and row.target is not None and row.target <= meeting_date:
        reasons.append(DUE)
    if is_open and row.last_slip_on is not None and (since is None or row.last_slip_on >= since):
        reasons.append(SLIPPED)
    if s.open_ended:
        reasons.append(OPEN_ENDED)
    if since is not None and row.first_promised_on >= since:
        reasons.append(NEW)
    if since is not None and row.state_on is not None and row.state_on >= since:
        reasons.append(CLOSED)
    return tuple(reasons)


def _order(m: Matter) -> tuple[int, int, bool, dt.date, str]:
    """Grouped by first reason; overdue most days first; then by target and key."""
    target = m.standing.row.target
    return (
        REASONS.index(m.reasons[0]),
        -m.standing.days_overdue,
        target is None,
        target or dt.date.min,
        m.key,
    )
