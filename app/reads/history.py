"""A commitment's or a meeting's history, read from the audit log as plain immutable rows.

A commitment's history holds the changes to it and to its promises and notes; a
meeting's, the changes to it and to its agenda. Records deleted and brought back (undo
recreates them under their key, with a new id) keep one history, joined by key.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.core.sessions import Sessions, action
from app.core.wording import RECORD_WORDS, short_date
from db.models import AuditEntry, Body, Commitment, Meeting, Owner

FIELD_WORDS = {
    "body_id": "body",
    "owner_id": "owner",
    "target_meeting_id": "target meeting",
    "target_date": "target date",
    "status_on": "status date",
    "recorded_on": "recorded on",
    "given_by": "given by",
    "short_name": "short name",
    "votes_for": "votes for",
    "votes_against": "votes against",
    "votes_abstaining": "votes abstaining",
    "previous_date": "date before",
    "previous_status": "status before",
}
# Left out of the summary of a whole record: its id, and the parent its history sits under.
# Nor its key: a stable id for files and scripts, never shown to members.
QUIET_FIELDS = frozenset({"id", "key", "commitment_id", "meeting_id"})
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MAX_VALUE_CHARS = 160


@dataclass(frozen=True)
class HistoryRow:
    """One change: when (local time), by whom, what was done to which record, before and after."""

    at: dt.datetime
    user: str
    action: str  # created, changed, deleted
    record: str  # "commitment", "promise", "note", "meeting", "agenda item", ...
    label: str  # the record's title, or how it is known
    field: str  # the field changed; "" when a whole record was created or deleted
    before: str
    after: str


def commitment_history(sessions: Sessions, commitment_id: int) -> list[HistoryRow]:
    """Changes to the commitment, its promises and its notes, newest first."""
    return _history(sessions, Commitment, "commitments", commitment_id)


def meeting_history(sessions: Sessions, meeting_id: int) -> list[HistoryRow]:
    """Changes to the meeting and its agenda, newest first."""
    return _history(sessions, Meeting, "meetings", meeting_id)


def _history(sessions: Sessions, model: Any, table: str, record_id: int) -> list[HistoryRow]:
    with action(sessions) as s:
        key = s.scalar(select(model.key).where(model.id == record_id))
        ids = {record_id}
        if key is not None:
            ids.update(
                s.scalars(
                    select(AuditEntry.record_id).where(
                        AuditEntry.table_name == table, AuditEntry.record_key == key
                    )
                )
            )
        entries = s.execute(
            select(
                AuditEntry.at,
                # The member (a configured name or the server role), else the OS account.
                func.coalesce(func.nullif(AuditEntry.member, ""), AuditEntry.os_user),
                AuditEntry.action,
                AuditEntry.table_name,
                AuditEntry.record_label,
                AuditEntry.field,
                AuditEntry.old_value,
                AuditEntry.new_value,
            )
            .where(AuditEntry.subject_table == table, AuditEntry.subject_id.in_(ids))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        ).all()
        names = _Names(s)
        return [
            HistoryRow(
                at=_local(at),
                user=user,
                action=what,
                record=RECORD_WORDS.get(table_name, table_name),
                label=people_dates(label),
                field=FIELD_WORDS.get(field, field.replace("_", " ")) if field else "",
                before=names.show(field, old),
                after=names.show(field, new),
            )
            for at, user, what, table_name, label, field, old, new in entries
        ]


class _Names:
    """Turns the ids a record points at into the names a member knows them by."""

    def __init__(self, s: Any) -> None:
        bodies = s.execute(select(Body.id, Body.name, Body.short_name)).all()
        meetings = s.execute(select(Meeting.id, Meeting.date, Meeting.title)).all()
        self.by_field: dict[str, dict[int, str]] = {
            "body_id": {i: short or name for i, name, short in bodies},
            "owner_id": dict(s.execute(select(Owner.id, Owner.name)).all()),
            "target_meeting_id": {
                i: f"{short_date(day)} {title}".strip() for i, day, title in meetings
            },
        }

    def show(self, field: str | None, value: str | None) -> str:
        if value is None:
            return ""
        decoded = json.loads(value)
        if field is None and isinstance(decoded, dict):
            return " · ".join(
                f"{FIELD_WORDS.get(k, k.replace('_', ' '))}: {self.value(k, v)}"
                for k, v in decoded.items()
                if k not in QUIET_FIELDS and v not in (None, "")
            )
        return self.value(field or "", decoded)

    def value(self, field: str, value: Any) -> str:
        if value is None:
            return "(none)"
        if field in self.by_field and isinstance(value, int):
            return self.by_field[field].get(value, f"#{value} (since deleted)")
        text = people_dates(str(value)) if value != "" else "(empty)"
        return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def people_dates(text: str) -> str:
    """ "promise recorded 2026-12-04" → "promise recorded 4 Dec 2026": the log keeps ISO."""

    def day(m: re.Match[str]) -> str:
        try:
            return short_date(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    return ISO_DAY.sub(day, text)


def _local(at: dt.datetime) -> dt.datetime:
    """The log keeps UTC; a member reads local time."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
