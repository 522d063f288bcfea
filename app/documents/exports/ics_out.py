"""Calendars: the listed commitments on their target dates, and a record's meetings.

UIDs are stable (`commitment-KEY@docket`, `meeting-KEY@docket`), so importing a newer
file into a calendar application updates its entries instead of adding duplicates; a
commitment's SEQUENCE counts its re-made promises (slips, reaffirmations, dates brought
forward alike), so it only ever grows and a calendar always takes the newest version.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from icalendar import Calendar, Event
from sqlalchemy import select

from app.core.cells import ics_text
from app.core.sessions import Sessions, action
from app.core.wording import plural
from app.documents.exports.info import ListInfo
from app.documents.exports.progress import Progress, report_every
from app.ledger.rules import Standing
from db.models import AgendaItem, Body, Meeting

PRODID = "-//Docket//Docket//EN"
MEETING_STATUS = {
    "scheduled": "CONFIRMED",
    "held": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def commitment_uid(key: str) -> str:
    return f"commitment-{key}@docket"


def meeting_uid(key: str) -> str:
    return f"meeting-{key}@docket"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", ics_text(name))
    return calendar


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def commitment_description(s: Standing) -> str:
    row = s.row
    lines = [f"Owner: {row.owner or 'not recorded'}", f"Body: {row.body_name}"]
    if s.overdue:
        lines.append(f"Overdue: {plural(s.days_overdue, 'day')} as of {s.as_of.isoformat()}")
    slips = f"Slips: {s.slips}"
    if row.first_target is not None:
        slips += f" (first promised for {row.first_target.isoformat()})"
    lines.append(slips)
    promised = f"Last promised on {row.last_promised_on.isoformat()}"
    if row.last_promised_by:
        promised += f" by {row.last_promised_by}"
    lines.append(promised)
    if row.target_meeting:
        lines.append(f"Due at the meeting {row.target_meeting}")
    lines.append(f"Source: {row.last_source or 'not recorded'}")
    if row.last_note:
        lines.append(f"Latest note ({_iso(row.last_note_on)}): {row.last_note}")
    return "\n".join(lines)


def overdue_ics(
    standings: Sequence[Standing], info: ListInfo, progress: Progress | None = None
) -> bytes:
    """One all-day entry per listed commitment on its target date (none without a target)."""
    calendar = _calendar(f"Docket: {info.heading.lower()} as of {info.as_of.isoformat()}")
    stamp = _now()
    tick = report_every(progress, len(standings))
    for i, s in enumerate(standings):
        tick(i + 1)
        if s.row.target is None:
            continue
        event = Event()
        event.add("uid", commitment_uid(s.row.key))
        event.add("dtstamp", stamp)
        event.add("sequence", s.row.promises - 1)
        event.add("summary", ics_text(s.row.title))
        event.add("dtstart", s.row.target)
        event.add("dtend", s.row.target + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("description", ics_text(commitment_description(s)))
        event.add("categories", ["Docket", (s.rag or s.row.state).upper()])
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def meetings_ics(sessions: Sessions) -> bytes:
    """Every meeting of the record; a timed meeting at its (local, floating) time."""
    with action(sessions) as s:
        meetings = s.execute(
            select(
                Meeting.id,
                Meeting.key,
                Meeting.date,
                Meeting.time,
                Meeting.title,
                Meeting.status,
                Meeting.location,
                Meeting.notes,
                Body.name,
            )
            .join(Body)
            .order_by(Meeting.date, Meeting.time, Meeting.key)
        ).all()
        agenda: dict[int, list[str]] = defaultdict(list)
        for meeting_id, position, title in s.execute(
            select(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.title).order_by(
                AgendaItem.meeting_id, AgendaItem.position
            )
        ):
            agenda[meeting_id].append(f"{position}. {title}")

    calendar = _calendar("Docket: meetings")
    stamp = _now()
    for m in meetings:
        event = Event()
        event.add("uid", meeting_uid(m.key))
        event.add("dtstamp", stamp)
        event.add("summary", ics_text(m.title or m.name))
        if m.time is not None:
            event.add("dtstart", dt.datetime.combine(m.date, m.time))
        else:
            event.add("dtstart", m.date)
            event.add("dtend", m.date + dt.timedelta(days=1))
        event.add("status", MEETING_STATUS.get(m.status, "CONFIRMED"))
        if m.location:
            event.add("location", ics_text(m.location))
        lines = [f"{m.name} ({m.status})"]
        if agenda[m.id]:
            lines += ["", "Agenda:", *agenda[m.id]]
        if m.notes:
            lines += ["", m.notes]
        event.add("description", ics_text("\n".join(lines)))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"
