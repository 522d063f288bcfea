"""Use cases for meetings: a body's sittings, which promises may point at.

Moving a meeting or changing its status records a dated meeting change saying what the
meeting was before, so any earlier day's view shows the meeting as it was then
(docs/rules.md). Undo takes the change back out rather than recording a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from sqlalchemy import func, select

from app.core import fields
from app.core.errors import Conflict
from app.core.sessions import Sessions, action, claim_key, get
from app.core.wording import plural, short_date
from app.record.versions import expect
from db.models import MEETING_STATUSES, Body, Meeting, MeetingChange, Promise


@dataclass(frozen=True)
class ChangeNote:
    """When a change to a meeting was recorded, why, and on whose word."""

    recorded_on: dt.date
    reason: str = ""
    source: str = ""

    def checked(self) -> ChangeNote:
        return ChangeNote(
            recorded_on=fields.iso_date(self.recorded_on, "recorded on"),
            reason=fields.long_text(self.reason, "reason"),
            source=fields.long_text(self.source, "source"),
        )


@dataclass(frozen=True)
class MeetingFields:
    body_id: int
    date: dt.date
    time: dt.time | None = None
    title: str = ""
    status: str = "scheduled"
    location: str = ""
    notes: str = ""

    def checked(self) -> MeetingFields:
        return MeetingFields(
            body_id=self.body_id,
            date=fields.iso_date(self.date, "date"),
            time=fields.clock_time(self.time, "time"),
            title=fields.text(self.title, "title", max_len=200),
            status=fields.choice(self.status, "status", MEETING_STATUSES),
            location=fields.text(self.location, "location", max_len=200),
            notes=fields.long_text(self.notes, "notes"),
        )


def create_meeting(sessions: Sessions, data: MeetingFields, *, key: str | None = None) -> int:
    data = data.checked()
    with action(sessions) as s:
        body = get(s, Body, data.body_id, "body")
        key = claim_key(s, Meeting, key, fields.meeting_key_base(body.key, data.date), "meeting")
        meeting = Meeting(key=key, **asdict(data))
        s.add(meeting)
        s.flush()
        return meeting.id


def update_meeting(
    sessions: Sessions,
    meeting_id: int,
    data: MeetingFields,
    note: ChangeNote | None = None,
    *,
    expected_version: int | None = None,
) -> int | None:
    """Edit a meeting; promises that target it follow its new date.

    A new date or status is recorded as a meeting change (dated `note.recorded_on`, else
    today); the change's id is returned (None when neither changed).
    """
    data = data.checked()
    note = (note or ChangeNote(dt.date.today())).checked()
    with action(sessions) as s:
        meeting = get(s, Meeting, meeting_id, "meeting")
        what = f"the meeting of {short_date(meeting.date)}"
        expect(s, meeting, expected_version, what, lambda: _meeting_shown(meeting))
        get(s, Body, data.body_id, "body")
        change = _change(meeting, data.date, data.status, note)
        for name, value in asdict(data).items():
            setattr(meeting, name, value)
        if change is None:
            return None
        s.add(change)
        s.flush()
        return change.id


def _meeting_shown(m: Meeting | MeetingFields) -> dict[str, str]:
    """A meeting's fields as a conflict shows them (the record's, or a form's)."""
    return {
        "Date": short_date(m.date),
        "Time": m.time.strftime("%H:%M") if m.time else "",
        "Title": m.title,
        "Status": m.status,
        "Location": m.location,
        "Notes": m.notes,
    }


meeting_shown = _meeting_shown


def _change(meeting: Meeting, date: dt.date, status: str, note: ChangeNote) -> MeetingChange | None:
    """The change that moving `meeting` to `date` and `status` makes, if it makes one."""
    moved, restated = date != meeting.date, status != meeting.status
    if not (moved or restated):
        return None
    return MeetingChange(
        meeting_id=meeting.id,
        recorded_on=note.recorded_on,
        previous_date=meeting.date if moved else None,
        previous_status=meeting.status if restated else None,
        reason=note.reason,
        source=note.source,
    )


def take_back(
    sessions: Sessions, meeting_id: int, data: MeetingFields, change_id: int | None
) -> None:
    """Undo an edit: the meeting's fields as they were, and the change it recorded gone."""
    data = data.checked()
    with action(sessions) as s:
        meeting = get(s, Meeting, meeting_id, "meeting")
        for name, value in asdict(data).items():
            setattr(meeting, name, value)
        if change_id is not None:
            change = s.get(MeetingChange, change_id)
            if change is not None:
                s.delete(change)


def meeting_fields(sessions: Sessions, meeting_id: int) -> MeetingFields:
    with action(sessions) as s:
        m = get(s, Meeting, meeting_id, "meeting")
        return MeetingFields(m.body_id, m.date, m.time, m.title, m.status, m.location, m.notes)


def reschedule_meeting(
    sessions: Sessions,
    meeting_id: int,
    date: dt.date,
    time: dt.time | None = None,
    note: ChangeNote | None = None,
) -> int | None:
    """Move a meeting (and its time, if given); any promise "by that meeting" moves with it.

    A postponed meeting given a new date is back on the calendar (scheduled).
    """
    date = fields.iso_date(date, "date")
    time = fields.clock_time(time, "time")
    current = meeting_fields(sessions, meeting_id)
    status = "scheduled" if current.status == "postponed" else current.status
    return update_meeting(
        sessions,
        meeting_id,
        replace(current, date=date, time=time or current.time, status=status),
        note,
    )


def set_meeting_status(
    sessions: Sessions, meeting_id: int, status: str, note: ChangeNote | None = None
) -> int | None:
    """Postpone, cancel, or mark held; recorded as a dated change."""
    status = fields.choice(status, "status", MEETING_STATUSES)
    current = meeting_fields(sessions, meeting_id)
    return update_meeting(sessions, meeting_id, replace(current, status=status), note)


def delete_meeting(sessions: Sessions, meeting_id: int) -> None:
    """Delete a meeting and its agenda; refused while a promise targets it."""
    with action(sessions) as s:
        meeting = get(s, Meeting, meeting_id, "meeting")
        targeted = (
            s.scalar(select(func.count()).where(Promise.target_meeting_id == meeting_id)) or 0
        )
        if targeted:
            raise Conflict(
                f"{plural(targeted, 'promise is', 'promises are')} due at the meeting of"
                f" {short_date(meeting.date)};"
                " cancel or reschedule it instead"
            )
        s.delete(meeting)
