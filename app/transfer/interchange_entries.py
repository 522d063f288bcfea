"""The checks of each kind of interchange entry: one entry in, its row for writing out.

Each method takes one entry (and where it is in the file, for messages), notes every
problem with it, and returns the row to write: values normalised to Python types,
references still by key. What later entries are checked against is kept in `Known`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import fields
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

Row = dict[str, Any]


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

    @property
    def empty(self) -> bool:
        return not (self.bodies or self.meetings or self.commitments or self.agenda_places)


@dataclass
class _Deferred:
    """A reference to a section the file had not reached yet: checked when the file ends."""

    kind: str
    value: str
    where: str
    what: str


@dataclass
class Known:
    """Keys in the file or the database, and what the checks across sections need."""

    keys: dict[str, set[str]]  # "bodies", "meetings", "commitments": file and database
    done: set[str] = field(default_factory=set)  # sections read to their end
    deferred: list[_Deferred] = field(default_factory=list)
    file_commitments: set[str] = field(default_factory=set)
    commitment_order: list[tuple[int, str]] = field(default_factory=list)  # (index, key)
    closed_on: dict[str, dt.date] = field(default_factory=dict)
    last_promised: dict[str, dt.date] = field(default_factory=dict)
    listed_owners: set[str] = field(default_factory=set)  # named in the owners section
    places: set[tuple[str, int]] = field(default_factory=set)  # agenda (meeting, position)
    changed: dict[str, dt.date] = field(default_factory=dict)  # meeting: latest change's day
    promised_closed: list[tuple[str, str]] = field(default_factory=list)  # (where, key)

    def ref(self, check: Checker, kind: str, value: Any, where: str, what: str) -> None:
        if value is None or value in self.keys[kind]:
            return
        if kind in self.done:
            check.problems.append(f"{where}: no {what} {value!r}")
        else:
            self.deferred.append(_Deferred(kind, value, where, what))


class EntryChecks:
    """One method a section; `started` and `finish` frame the file."""

    def __init__(self, check: Checker, existing: Existing, owner_kinds: dict[str, str | None]):
        self.check, self.existing, self.owner_kinds = check, existing, owner_kinds
        self.known = Known(
            keys={
                "bodies": set(existing.bodies),
                "meetings": set(existing.meetings),
                "commitments": set(existing.commitments),
            },
            changed=dict(existing.last_changed),
        )
        self.closed_in_db = {key: (status, on) for key, status, on in existing.closed}
        self.current: str | None = None
        self.seen: dict[str, set[str]] = {"bodies": set(), "meetings": set(), "commitments": set()}
        self.meeting_status = choice(MEETING_STATUSES, "scheduled")
        self.previous_status = choice(MEETING_STATUSES)
        self.agenda_status = choice(AGENDA_STATUSES, "pending")
        self.commitment_status = choice(COMMITMENT_STATUSES)

    def started(self, section: str) -> None:
        if section != self.current:
            if self.current is not None:
                self.known.done.add(self.current)
            self.current = section

    def _key(self, e: Row, where: str, kind: str, what: str) -> Any:
        key = self.check.take(e, "key", where, fields.key, required=True)
        self.check.unique(self.seen[kind], self.existing_keys(kind), key, where, what)
        if key is not None:
            self.known.keys[kind].add(key)
        return key

    def existing_keys(self, kind: str) -> frozenset[str]:
        return getattr(self.existing, kind)  # type: ignore[no-any-return]

    # --- sections ------------------------------------------------------------------------

    def bodies(self, where: str, e: Row) -> Row:
        take = self.check.take
        return {
            "key": self._key(e, where, "bodies", "body"),
            "name": take(e, "name", where, text(200, True), required=True),
            "short_name": take(e, "short_name", where, text(40)),
            "schedule": take(e, "schedule", where, fields.schedule),
        }

    def meetings(self, where: str, e: Row) -> Row:
        check, take = self.check, self.check.take
        key = self._key(e, where, "meetings", "meeting")
        body = take(e, "body", where, fields.key, required=True)
        self.known.ref(check, "bodies", body, f"{where}.body", "body")
        return {
            "key": key,
            "body": body,
            "date": take(e, "date", where, fields.iso_date, required=True),
            "time": take(e, "time", where, fields.clock_time),
            "title": take(e, "title", where, text(200)),
            "status": take(e, "status", where, self.meeting_status),
            "location": take(e, "location", where, text(200)),
            "notes": take(e, "notes", where, LONG_TEXT),
        }

    def meeting_changes(self, where: str, e: Row) -> Row:
        """Each change names a meeting and what it was before; one meeting's in date order."""
        check, take, latest = self.check, self.check.take, self.known.changed
        meeting = take(e, "meeting", where, fields.key, required=True)
        self.known.ref(check, "meetings", meeting, f"{where}.meeting", "meeting")
        on = take(e, "recorded_on", where, fields.iso_date, required=True)
        if meeting is not None and on is not None:
            if meeting in latest and on < latest[meeting]:
                check.problems.append(
                    f"{where}.recorded_on: {on.isoformat()} is before an earlier-listed"
                    f" change of {meeting!r} ({latest[meeting].isoformat()}); list each"
                    " meeting's changes in date order"
                )
            latest[meeting] = max(on, latest.get(meeting, on))
        before_date = take(e, "previous_date", where, fields.optional_date)
        before_status = None
        if e.get("previous_status") is not None:
            before_status = take(e, "previous_status", where, self.previous_status)
        if e.get("previous_date") is None and e.get("previous_status") is None:
            check.problems.append(
                f"{where}: give previous_date or previous_status (what the meeting was"
                " before this change)"
            )
        return {
            "meeting": meeting,
            "recorded_on": on,
            "previous_date": before_date,
            "previous_status": before_status,
            "reason": take(e, "reason", where, LONG_TEXT),
            "source": take(e, "source", where, LONG_TEXT),
        }

    def agenda_items(self, where: str, e: Row) -> Row:
        check, take = self.check, self.check.take
        meeting = take(e, "meeting", where, fields.key, required=True)
        self.known.ref(check, "meetings", meeting, f"{where}.meeting", "meeting")
        position = take(e, "position", where, fields.position, required=True)
        if meeting is not None and position is not None:
            place = (meeting, position)
            if place in self.known.places or place in self.existing.agenda_places:
                check.problems.append(
                    f"{where}.position: {meeting!r} already has an item at position {position}"
                )
            self.known.places.add(place)
        return {
            "meeting": meeting,
            "position": position,
            "title": take(e, "title", where, text(400, True), required=True),
            "lead": take(e, "lead", where, text(200)),
            "details": take(e, "details", where, LONG_TEXT),
            "outcome": take(e, "outcome", where, LONG_TEXT),
            "decision": take(e, "decision", where, LONG_TEXT),
            "votes_for": take(e, "votes_for", where, fields.count),
            "votes_against": take(e, "votes_against", where, fields.count),
            "votes_abstaining": take(e, "votes_abstaining", where, fields.count),
            "status": take(e, "status", where, self.agenda_status),
        }

    def owners(self, where: str, e: Row) -> Row:
        name = self.check.take(e, "name", where, text(200, True), required=True)
        kind = self.check.take(e, "kind", where, owner_kind)
        if name in self.known.listed_owners:
            self.check.problems.append(f"{where}.name: owner {name!r} appears twice in the file")
        if name is not None:
            self.known.listed_owners.add(name)
            self.owner_kinds[name] = kind
        return {"name": name, "kind": kind}

    def commitments(self, where: str, e: Row) -> Row:
        check, take, known = self.check, self.check.take, self.known
        key = self._key(e, where, "commitments", "commitment")
        body = take(e, "body", where, fields.key, required=True)
        known.ref(check, "bodies", body, f"{where}.body", "body")
        owner = take(e, "owner", where, text(200))
        status = take(e, "status", where, self.commitment_status, required=True)
        status_on = take(e, "status_on", where, fields.optional_date)
        if status == "open" and status_on is not None:
            check.problems.append(f"{where}.status_on: an open commitment has no status date")
        elif status in ("delivered", "dropped") and status_on is None:
            check.problems.append(f"{where}.status_on: required when the status is {status}")
        if key is not None:
            known.file_commitments.add(key)
            known.commitment_order.append((int(where.removeprefix("commitments[")[:-1]), key))
            if status_on is not None:
                known.closed_on[key] = status_on
        if owner:
            self.owner_kinds.setdefault(owner, None)
        return {
            "key": key,
            "title": take(e, "title", where, text(400, True), required=True),
            "owner": owner or None,
            "body": body,
            "status": status,
            "status_on": status_on,
            "details": take(e, "details", where, LONG_TEXT),
            "source": take(e, "source", where, LONG_TEXT),
        }

    def promises(self, where: str, e: Row) -> Row:
        check, take, known = self.check, self.check.take, self.known
        commitment = take(e, "commitment", where, fields.key, required=True)
        known.ref(check, "commitments", commitment, f"{where}.commitment", "commitment")
        if commitment in self.closed_in_db:
            # As record_promise: a closed commitment takes no new promise until reopened.
            known.promised_closed.append((where, commitment))
        recorded_on = take(e, "recorded_on", where, fields.iso_date, required=True)
        if "target" not in e:
            check.problems.append(f"{where}.target: missing (use null for no date promised)")
        target = take(e, "target", where, promise_target)
        if target is not None and target[0] == "meeting":
            known.ref(check, "meetings", target[1], f"{where}.target.meeting", "meeting")
        if commitment is not None and recorded_on is not None:
            latest = known.last_promised.get(commitment, recorded_on)
            known.last_promised[commitment] = max(latest, recorded_on)
        return {
            "commitment": commitment,
            "recorded_on": recorded_on,
            "target_date": target[1] if target and target[0] == "date" else None,
            "target_meeting": target[1] if target and target[0] == "meeting" else None,
            "given_by": take(e, "by", where, text(200)),
            "reason": take(e, "reason", where, LONG_TEXT),
            "source": take(e, "source", where, LONG_TEXT),
        }

    def notes(self, where: str, e: Row) -> Row:
        take = self.check.take
        commitment = take(e, "commitment", where, fields.key, required=True)
        self.known.ref(self.check, "commitments", commitment, f"{where}.commitment", "commitment")
        return {
            "commitment": commitment,
            "recorded_on": take(e, "recorded_on", where, fields.iso_date, required=True),
            "text": take(e, "text", where, REQUIRED_LONG_TEXT, required=True),
            "source": take(e, "source", where, LONG_TEXT),
        }

    # --- across sections, once the file has ended ----------------------------------------

    def finish(self) -> None:
        known, problems = self.known, self.check.problems
        for d in known.deferred:
            if d.value not in known.keys[d.kind]:
                problems.append(f"{d.where}: no {d.what} {d.value!r}")
        for where, key in known.promised_closed:
            if key not in known.file_commitments:
                status, on = self.closed_in_db[key]
                problems.append(
                    f"{where}.commitment: {key!r} was {status} on {on.isoformat()};"
                    " reopen it before recording a new promise"
                )
        # Each new commitment has a promise, and closes no earlier than its latest.
        for index, key in known.commitment_order:
            if key not in known.last_promised:
                problems.append(
                    f"commitments[{index}]: {key!r} has no promise; give at least one"
                    " (its target may be null)"
                )
            elif key in known.closed_on and known.closed_on[key] < known.last_promised[key]:
                problems.append(
                    f"commitments[{index}].status_on: {known.closed_on[key]} is before its"
                    f" latest promise ({known.last_promised[key]})"
                )
