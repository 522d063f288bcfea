"""Use cases for meetings: a body's sittings, which promises may point at."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import func, select

from app.core import fields
from app.core.errors import Conflict
from app.core.sessions import Sessions, action, claim_key, get
from db.models import MEETING_STATUSES, Body, Meeting, Promise


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


def update_meeting(sessions: Sessions, meeting_id: int, data: MeetingFields) -> None:
    """Edit a meeting; promises that target it follow its new date."""
    data = data.checked()
    with action(sessions) as s:
        meeting = get(s, Meeting, meeting_id, "meeting")
        get(s, Body, data.body_id, "body")
        for name, value in asdict(data).items():
            setattr(meeting, name, value)


def meeting_fields(sessions: Sessions, meeting_id: int) -> MeetingFields:
    with action(sessions) as s:
        m = get(s, Meeting, meeting_id, "meeting")
        return MeetingFields(m.body_id, m.date, m.time, m.title, m.status, m.location, m.notes)


def reschedule_meeting(
    sessions: Sessions, meeting_id: int, date: dt.date, time: dt.time | None = None
) -> None:
    """Move a meeting (and its time, if given); any promise "by that meeting" moves with it."""
    date = fields.iso_date(date, "date")
    time = fields.clock_time(time, "time")
    with action(sessions) as s:
        meeting = get(s, Meeting, meeting_id, "meeting")
        meeting.date = date
        if time is not None:
            meeting.time = time
        if meeting.status == "postponed":
            meeting.status = "scheduled"


def set_meeting_status(sessions: Sessions, meeting_id: int, status: str) -> None:
    status = fields.choice(status, "status", MEETING_STATUSES)
    with action(sessions) as s:
        get(s, Meeting, meeting_id, "meeting").status = status


def delete_meeting(sessions: Sessions, meeting_id: int) -> None:
    """Delete a meeting and its agenda; refused while a promise targets it."""
    with action(sessions) as s:
        meeting = get(s, Meeting, meeting_id, "meeting")
        targeted = (
            s.scalar(select(func.count()).where(Promise.target_meeting_id == meeting_id)) or 0
        )
        if targeted:
            raise Conflict(
                f"{targeted} promise(s) are due at the meeting of {meeting.date.isoformat()};"
                " cancel or reschedule it instead"
            )
        s.delete(meeting)
