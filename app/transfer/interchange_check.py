"""Checking an interchange document against itself and the record: a plan, or every problem."""

from __future__ import annotations

import datetime as dt
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import fields
from app.core.errors import Invalid
from app.transfer.interchange import FORMAT_VERSION, ImportPlan, ImportRefused
from db import queries
from db.models import (
    AGENDA_STATUSES,
    COMMITMENT_STATUSES,
    MEETING_STATUSES,
    OWNER_KINDS,
    AgendaItem,
    Body,
    Commitment,
    Meeting,
)


@dataclass(frozen=True)
class Existing:
    """What the target database already holds, for duplicate and reference checks."""

    bodies: frozenset[str] = frozenset()
    meetings: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    agenda_places: frozenset[tuple[str, int]] = frozenset()
    closed: tuple[tuple[str, str, dt.date], ...] = ()  # (key, status, status_on)

    @classmethod
    def of(cls, session: Session) -> Existing:
        places = session.execute(select(Meeting.key, AgendaItem.position).join(AgendaItem))
        closed = session.execute(
            select(Commitment.key, Commitment.status, Commitment.status_on).where(
                Commitment.status != "open"
            )
        )
        return cls(
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
        planner.agenda_items,
        planner.owners,
        planner.commitments,
        planner.promises,
        planner.notes,
        planner.each_commitment_promised,
    ):
        section()
    if planner.check.problems:
        raise ImportRefused(planner.check.problems)
    return planner.plan


Parser = Callable[[object, str], Any]


class Checker:
    """Collects every problem with its place, so one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def entries(self, doc: dict[str, Any], section: str) -> Iterable[tuple[str, dict[str, Any]]]:
        value = doc.get(section)
        if value is None:
            return
        if not isinstance(value, list):
            self.problems.append(f"{section}: must be a list")
            return
        for i, entry in enumerate(value):
            where = f"{section}[{i}]"
            if isinstance(entry, dict):
                yield where, entry
            else:
                self.problems.append(f"{where}: must be an object")

    def take(
        self, entry: dict[str, Any], name: str, where: str, parse: Parser, required: bool = False
    ) -> Any:
        if required and (name not in entry or entry[name] is None):
            self.problems.append(f"{where}.{name}: missing")
            return None
        try:
            return parse(entry.get(name), name)
        except Invalid as exc:
            self.problems.append(f"{where}.{name}: {exc.reason}")
            return None

    def unique(
        self, seen: set[str], existing: frozenset[str], value: Any, where: str, what: str
    ) -> None:
        if value is None:
            return
        if value in seen:
            self.problems.append(f"{where}.key: {what} {value!r} appears twice in the file")
        elif value in existing:
            self.problems.append(f"{where}.key: {what} {value!r} is already in the database")
        seen.add(value)

    def ref(self, known: set[str] | frozenset[str], value: Any, where: str, what: str) -> None:
        if value is not None and value not in known:
            self.problems.append(f"{where}: no {what} {value!r}")


def _choice(allowed: tuple[str, ...], default: str | None = None) -> Parser:
    def parse(value: object, name: str) -> str:
        if value is None and default is not None:
            return default
        return fields.choice(value, name, allowed)

    return parse


def _text(max_len: int = 400, required: bool = False) -> Parser:
    return lambda value, name: fields.text(value, name, required=required, max_len=max_len)


def _target(value: object, name: str) -> tuple[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1 or not {"date", "meeting"} & value.keys():
        raise Invalid(name, 'must be {"date": "YYYY-MM-DD"}, {"meeting": KEY} or null')
    if "date" in value:
        return ("date", fields.iso_date(value["date"], name))
    return ("meeting", fields.key(value["meeting"], name))


LONG_TEXT = _text(fields.MAX_TEXT)
REQUIRED_LONG_TEXT = _text(fields.MAX_TEXT, True)


def _owner_kind(value: object, name: str) -> str | None:
    return None if value in (None, "") else fields.choice(value, name, OWNER_KINDS)


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
                    "name": check.take(e, "name", where, _text(200, True), required=True),
                    "short_name": check.take(e, "short_name", where, _text(40)),
                    "schedule": check.take(e, "schedule", where, fields.schedule),
                }
            )
        self.known.bodies = seen | self.existing.bodies

    def meetings(self) -> None:
        check, seen = self.check, set[str]()
        status = _choice(MEETING_STATUSES, "scheduled")
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
                    "title": check.take(e, "title", where, _text(200)),
                    "status": check.take(e, "status", where, status),
                    "location": check.take(e, "location", where, _text(200)),
                    "notes": check.take(e, "notes", where, LONG_TEXT),
                }
            )
        self.known.meetings = seen | self.existing.meetings

    def agenda_items(self) -> None:
        check, places = self.check, set[tuple[str, int]]()
        status = _choice(AGENDA_STATUSES, "pending")
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
                    "title": check.take(e, "title", where, _text(400, True), required=True),
                    "lead": check.take(e, "lead", where, _text(200)),
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
            name = check.take(e, "name", where, _text(200, True), required=True)
            kind = check.take(e, "kind", where, _owner_kind)
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
            owner = check.take(e, "owner", where, _text(200))
            status = check.take(e, "status", where, _choice(COMMITMENT_STATUSES), required=True)
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
                    "title": check.take(e, "title", where, _text(400, True), required=True),
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
            target = check.take(e, "target", where, _target)
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
                    "given_by": check.take(e, "by", where, _text(200)),
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
