"""Checking an interchange document against itself and the record: a plan, or every problem."""

from __future__ import annotations

import datetime as dt
import reprlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import fields
from app.transfer.interchange import FORMAT_VERSION, ImportPlan, ImportRefused
from app.transfer.interchange_attachments import check_section
from app.transfer.interchange_fields import (
    LONG_TEXT,
    REQUIRED_LONG_TEXT,
    Checker,
    choice,
    owner_kind,
    promise_target,
    text,
)
from db import queries
from db.models import (
    AGENDA_STATUSES,
    COMMITMENT_STATUSES,
    MEETING_STATUSES,
    AgendaItem,
    Body,
    Commitment,
    Meeting,
    MeetingChange,
)


@dataclass(frozen=True)
class Existing:
    """What the target database already holds, for duplicate and reference checks."""

    bodies: frozenset[str] = frozenset()
    meetings: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    agenda_places: frozenset[tuple[str, int]] = frozenset()
    closed: tuple[tuple[str, str, dt.date], ...] = ()  # (key, status, status_on)
    last_changed: tuple[tuple[str, dt.date], ...] = ()  # (meeting key, latest change's day)

    @classmethod
    def of(cls, session: Session) -> Existing:
        places = session.execute(select(Meeting.key, AgendaItem.position).join(AgendaItem))
        closed = session.execute(
            select(Commitment.key, Commitment.status, Commitment.status_on).where(
                Commitment.status != "open"
            )
        )
        changed = session.execute(
            select(Meeting.key, func.max(MeetingChange.recorded_on))
            .join(MeetingChange)
            .group_by(Meeting.key)
        )
        return cls(
            last_changed=tuple((key, on) for key, on in changed),
            bodies=frozenset(queries.keys(session, Body)),
            meetings=frozenset(queries.keys(session, Meeting)),
            commitments=frozenset(queries.keys(session, Commitment)),
            agenda_places=frozenset((key, position) for key, position in places),
            closed=tuple((key, status, on) for key, status, on in closed if on is not None),
        )


def plan_import(doc: object, existing: Existing = Existing()) -> ImportPlan:
    """Check a parsed document completely; raise ImportRefused listing every problem."""
    if not isinstance(doc, dict):
        raise ImportRefused(["the file must hold a JSON object (is this a Docket file?)"])
    if "docket" not in doc:
        raise ImportRefused(['docket: missing; a Docket file starts with "docket": 1'])
    if type(doc["docket"]) is not int or doc["docket"] != FORMAT_VERSION:
        version = reprlib.repr(doc["docket"])
        raise ImportRefused([f"docket: version {version} is not supported (only 1)"])
    planner = _Planner(doc, existing)
    for section in (
        planner.bodies,
        planner.meetings,
        planner.meeting_changes,
        planner.agenda_items,
        planner.owners,
        planner.commitments,
        planner.promises,
        planner.notes,
        planner.each_commitment_promised,
    ):
        section()
    known = {"meetings": planner.known.meetings, "commitments": planner.known.commitments}
    planner.plan.attachments, problems = check_section(doc, known)
    planner.check.problems.extend(problems)
    if planner.check.problems:
        raise ImportRefused(planner.check.problems)
    return planner.plan


@dataclass
class _Known:
    """What later sections check against: keys in the file or the database, dates seen."""

    bodies: set[str] | frozenset[str] = frozenset()
    meetings: set[str] | frozenset[str] = frozenset()
    commitments: set[str] | frozenset[str] = frozenset()
    file_commitments: set[str] = field(default_factory=set)
    closed_on: dict[str, tuple[str, dt.date]] = field(default_factory=dict)
    last_promised: dict[str, dt.date] = field(default_factory=dict)
    owner_kinds: dict[str, str | None] = field(default_factory=dict)


class _Planner:
    """One method a section of the file, in the file's order: each checks and plans it."""

    def __init__(self, doc: dict[str, Any], existing: Existing) -> None:
        self.doc, self.existing = doc, existing
        self.check = Checker()
        self.plan = ImportPlan()
        self.known = _Known()

    def bodies(self) -> None:
        check, seen = self.check, set[str]()
        for where, e in check.entries(self.doc, "bodies"):
            key = check.take(e, "key", where, fields.key, required=True)
            check.unique(seen, self.existing.bodies, key, where, "body")
            self.plan.bodies.append(
                {
                    "key": key,
                    "name": check.take(e, "name", where, text(200, True), required=True),
                    "short_name": check.take(e, "short_name", where, text(40)),
                    "schedule": check.take(e, "schedule", where, fields.schedule),
                }
            )
        self.known.bodies = seen | self.existing.bodies

    def meetings(self) -> None:
        check, seen = self.check, set[str]()
        status = choice(MEETING_STATUSES, "scheduled")
        for where, e in check.entries(self.doc, "meetings"):
            key = check.take(e, "key", where, fields.key, required=True)
            check.unique(seen, self.existing.meetings, key, where, "meeting")
            body = check.take(e, "body", where, fields.key, required=True)
            check.ref(self.known.bodies, body, f"{where}.body", "body")
            date = check.take(e, "date", where, fields.iso_date, required=True)
            self.plan.meetings.append(
                {
                    "key": key,
                    "body": body,
                    "date": date,
                    "time": check.take(e, "time", where, fields.clock_time),
                    "title": check.take(e, "title", where, text(200)),
                    "status": check.take(e, "status", where, status),
                    "location": check.take(e, "location", where, text(200)),
                    "notes": check.take(e, "notes", where, LONG_TEXT),
                }
            )
        self.known.meetings = seen | self.existing.meetings

    def meeting_changes(self) -> None:
        """Each change names a meeting and what it was before; one meeting's in date order."""
        check = self.check
        latest = dict(self.existing.last_changed)
        previous_status = choice(MEETING_STATUSES)
        for where, e in check.entries(self.doc, "meeting_changes"):
            meeting = check.take(e, "meeting", where, fields.key, required=True)
            check.ref(self.known.meetings, meeting, f"{where}.meeting", "meeting")
            on = check.take(e, "recorded_on", where, fields.iso_date, required=True)
            if meeting is not None and on is not None:
                if meeting in latest and on < latest[meeting]:
                    check.problems.append(
                        f"{where}.recorded_on: {on.isoformat()} is before an earlier-listed"
                        f" change of {meeting!r} ({latest[meeting].isoformat()}); list each"
                        " meeting's changes in date order"
                    )
                latest[meeting] = max(on, latest.get(meeting, on))
            before_date = check.take(e, "previous_date", where, fields.optional_date)
            before_status = None
            if e.get("previous_status") is not None:
                before_status = check.take(e, "previous_status", where, previous_status)
            if e.get("previous_date") is None and e.get("previous_status") is None:
                check.problems.append(
                    f"{where}: give previous_date or previous_status (what the meeting was"
                    " before this change)"
                )
            self.plan.meeting_changes.append(
                {
                    "meeting": meeting,
                    "recorded_on": on,
                    "previous_date": before_date,
                    "previous_status": before_status,
                    "reason": check.take(e, "reason", where, LONG_TEXT),
                    "source": check.take(e, "source", where, LONG_TEXT),
                }
            )

    def agenda_items(self) -> None:
        check, places = self.check, set[tuple[str, int]]()
        status = choice(AGENDA_STATUSES, "pending")
        for where, e in check.entries(self.doc, "agenda_items"):
            meeting = check.take(e, "meeting", where, fields.key, required=True)
            check.ref(self.known.meetings, meeting, f"{where}.meeting", "meeting")
            position = check.take(e, "position", where, fields.position, required=True)
            if meeting is not None and position is not None:
                place = (meeting, position)
                if place in places or place in self.existing.agenda_places:
                    check.problems.append(
                        f"{where}.position: {meeting!r} already has an item at position {position}"
                    )
                places.add(place)
            self.plan.agenda_items.append(
                {
                    "meeting": meeting,
                    "position": position,
                    "title": check.take(e, "title", where, text(400, True), required=True),
                    "lead": check.take(e, "lead", where, text(200)),
                    "details": check.take(e, "details", where, LONG_TEXT),
                    "outcome": check.take(e, "outcome", where, LONG_TEXT),
                    "decision": check.take(e, "decision", where, LONG_TEXT),
                    "votes_for": check.take(e, "votes_for", where, fields.count),
                    "votes_against": check.take(e, "votes_against", where, fields.count),
                    "votes_abstaining": check.take(e, "votes_abstaining", where, fields.count),
                    "status": check.take(e, "status", where, status),
                }
            )

    def owners(self) -> None:
        check, kinds = self.check, self.known.owner_kinds
        for where, e in check.entries(self.doc, "owners"):
            name = check.take(e, "name", where, text(200, True), required=True)
            kind = check.take(e, "kind", where, owner_kind)
            if name in kinds:
                check.problems.append(f"{where}.name: owner {name!r} appears twice in the file")
            if name is not None:
                kinds[name] = kind

    def commitments(self) -> None:
        check, seen, known = self.check, set[str](), self.known
        for where, e in check.entries(self.doc, "commitments"):
            key = check.take(e, "key", where, fields.key, required=True)
            check.unique(seen, self.existing.commitments, key, where, "commitment")
            body = check.take(e, "body", where, fields.key, required=True)
            check.ref(known.bodies, body, f"{where}.body", "body")
            owner = check.take(e, "owner", where, text(200))
            status = check.take(e, "status", where, choice(COMMITMENT_STATUSES), required=True)
            status_on = check.take(e, "status_on", where, fields.optional_date)
            if status == "open" and status_on is not None:
                check.problems.append(f"{where}.status_on: an open commitment has no status date")
            elif status in ("delivered", "dropped") and status_on is None:
                check.problems.append(f"{where}.status_on: required when the status is {status}")
            if key is not None and status_on is not None:
                known.closed_on[key] = (where, status_on)
            if owner:
                known.owner_kinds.setdefault(owner, None)
            self.plan.commitments.append(
                {
                    "key": key,
                    "title": check.take(e, "title", where, text(400, True), required=True),
                    "owner": owner or None,
                    "body": body,
                    "status": status,
                    "status_on": status_on,
                    "details": check.take(e, "details", where, LONG_TEXT),
                    "source": check.take(e, "source", where, LONG_TEXT),
                }
            )
        known.file_commitments = set(seen)
        known.commitments = seen | self.existing.commitments
        self.plan.owners = [{"name": n, "kind": k} for n, k in known.owner_kinds.items()]

    def promises(self) -> None:
        check, known = self.check, self.known
        closed_in_db = {key: (status, on) for key, status, on in self.existing.closed}
        for where, e in check.entries(self.doc, "promises"):
            commitment = check.take(e, "commitment", where, fields.key, required=True)
            check.ref(known.commitments, commitment, f"{where}.commitment", "commitment")
            if commitment in closed_in_db and commitment not in known.file_commitments:
                # As record_promise: a closed commitment takes no new promise until reopened.
                status, on = closed_in_db[commitment]
                check.problems.append(
                    f"{where}.commitment: {commitment!r} was {status} on {on.isoformat()};"
                    " reopen it before recording a new promise"
                )
            recorded_on = check.take(e, "recorded_on", where, fields.iso_date, required=True)
            if "target" not in e:
                check.problems.append(f"{where}.target: missing (use null for no date promised)")
            target = check.take(e, "target", where, promise_target)
            if target is not None and target[0] == "meeting":
                check.ref(known.meetings, target[1], f"{where}.target.meeting", "meeting")
            if commitment is not None and recorded_on is not None:
                latest = known.last_promised.get(commitment, recorded_on)
                known.last_promised[commitment] = max(latest, recorded_on)
            self.plan.promises.append(
                {
                    "commitment": commitment,
                    "recorded_on": recorded_on,
                    "target_date": target[1] if target and target[0] == "date" else None,
                    "target_meeting": target[1] if target and target[0] == "meeting" else None,
                    "given_by": check.take(e, "by", where, text(200)),
                    "reason": check.take(e, "reason", where, LONG_TEXT),
                    "source": check.take(e, "source", where, LONG_TEXT),
                }
            )
        # Python's sort is stable: same-day promises keep the file's order.
        self.plan.promises.sort(key=lambda p: p["recorded_on"] or dt.date.min)

    def notes(self) -> None:
        check = self.check
        for where, e in check.entries(self.doc, "notes"):
            commitment = check.take(e, "commitment", where, fields.key, required=True)
            check.ref(self.known.commitments, commitment, f"{where}.commitment", "commitment")
            self.plan.notes.append(
                {
                    "commitment": commitment,
                    "recorded_on": check.take(
                        e, "recorded_on", where, fields.iso_date, required=True
                    ),
                    "text": check.take(e, "text", where, REQUIRED_LONG_TEXT, required=True),
                    "source": check.take(e, "source", where, LONG_TEXT),
                }
            )
        self.plan.notes.sort(key=lambda n: n["recorded_on"] or dt.date.min)

    def each_commitment_promised(self) -> None:
        """Across sections: each new commitment has a promise, and closes after its latest."""
        known = self.known
        for i, c in enumerate(self.plan.commitments):
            key = c["key"]
            if key is None or key not in known.file_commitments:
                continue
            if key not in known.last_promised:
                self.check.problems.append(
                    f"commitments[{i}]: {key!r} has no promise; give at least one"
                    " (its target may be null)"
                )
            elif key in known.closed_on and known.closed_on[key][1] < known.last_promised[key]:
                where, on = known.closed_on[key]
                self.check.problems.append(
                    f"{where}.status_on: {on} is before its latest promise"
                    f" ({known.last_promised[key]})"
                )
