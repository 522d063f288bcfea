"""The brief's data as JSON (`docket brief MEETING -o FILE.json`): the contract of docs/command-line.md.

Dates are ISO text; the meeting's date and status are as of the brief's day.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.documents.briefs import Brief
from app.ledger.arising import REASONS, Matter


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _matter(m: Matter) -> dict[str, Any]:
    s, row = m.standing, m.standing.row
    return {
        "key": row.key,
        "title": row.title,
        "reasons": list(m.reasons),
        "target": _iso(row.target),
        "target_meeting": row.target_meeting,
        "slips": s.slips,
        "days_overdue": s.days_overdue,
        "state": row.state,
        "state_on": _iso(row.state_on),
        "owner": row.owner,
        "first_target": _iso(row.first_target),
        "first_promised_on": row.first_promised_on.isoformat(),
        "days_late_first": s.days_late_first,
        "last_promised_on": row.last_promised_on.isoformat(),
        "last_promised_by": row.last_promised_by,
        "last_note_on": _iso(row.last_note_on),
        "last_note": row.last_note,
    }


def brief_document(brief: Brief) -> dict[str, Any]:
    meeting = brief.meeting
    return {
        "meeting": meeting.key,
        "body": brief.body_key,
        "date": meeting.date.isoformat(),
        "time": meeting.time.strftime("%H:%M") if meeting.time else None,
        "location": meeting.location,
        "status": meeting.status,
        "as_of": brief.as_of.isoformat(),
        "previous_meeting": brief.previous_key,
        "next_meeting": brief.next_meeting.key if brief.next_meeting else None,
        "counts": {reason: brief.arising.count(reason) for reason in REASONS},
        "matters_arising": [_matter(m) for m in brief.matters_arising],
        "agenda": [
            {"position": a.position, "title": a.title, "lead": a.lead, "details": a.details}
            for a in brief.agenda
        ],
        "previous_decisions": [
            {
                "title": d.title,
                "decision": d.decision,
                "votes_for": d.votes_for,
                "votes_against": d.votes_against,
                "votes_abstaining": d.votes_abstaining,
            }
            for d in brief.previous_decisions
        ],
    }


def brief_json(brief: Brief) -> str:
    return json.dumps(brief_document(brief), indent=2, ensure_ascii=False) + "\n"
