"""The interchange JSON of DESIGN.md: export the whole record, and import a file all-or-nothing.

Import checks the entire file against itself and the database before writing a single
row, so a refused file leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased

from app.core import fields
from app.core.errors import DomainError, Invalid
from db import audit
from db.models import (
    AGENDA_STATUSES,
    COMMITMENT_STATUSES,
    MEETING_STATUSES,
    OWNER_KINDS,
    AgendaItem,
    Body,
    Commitment,
    Meeting,
    Note,
    Owner,
    Promise,
)

FORMAT_VERSION = 1
SECTIONS = ("bodies", "meetings", "agenda_items", "owners", "commitments", "promises", "notes")
MAX_PROBLEMS_SHOWN = 20


class ImportRefused(DomainError):
    """The file cannot be imported; `problems` lists each one with its place."""

    def __init__(self, problems: list[str]) -> None:
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(problems[0] + suffix)
        self.problems = problems


# --- export ----------------------------------------------------------------------------


def export_document(session: Session) -> dict[str, Any]:
    """The whole record as an interchange document, in a stable order."""
    target = aliased(Meeting)
    doc: dict[str, Any] = {"docket": FORMAT_VERSION}
    doc["bodies"] = [
        {"key": r.key, "name": r.name, "short_name": r.short_name, "schedule": r.schedule}
        for r in session.execute(
            select(Body.key, Body.name, Body.short_name, Body.schedule).order_by(Body.id)
        )
    ]
    doc["meetings"] = [
        {
            "key": r.key,
            "body": r.body,
            "date": r.date.isoformat(),
            "time": r.time.strftime("%H:%M") if r.time else None,
            "title": r.title,
            "status": r.status,
            "location": r.location,
            "notes": r.notes,
        }
        for r in session.execute(
            select(
                Meeting.key,
                Body.key.label("body"),
                Meeting.date,
                Meeting.time,
                Meeting.title,
                Meeting.status,
                Meeting.location,
                Meeting.notes,
            )
            .join(Body)
            .order_by(Meeting.date, Meeting.time, Meeting.key)
        )
    ]
    doc["agenda_items"] = [
        {
            "meeting": r.meeting,
            "position": r.position,
            "title": r.title,
            "lead": r.lead,
            "details": r.details,
            "outcome": r.outcome,
            "decision": r.decision,
            "votes_for": r.votes_for,
            "votes_against": r.votes_against,
            "votes_abstaining": r.votes_abstaining,
            "status": r.status,
        }
        for r in session.execute(
            select(
                Meeting.key.label("meeting"),
                AgendaItem.position,
                AgendaItem.title,
                AgendaItem.lead,
                AgendaItem.details,
                AgendaItem.outcome,
                AgendaItem.decision,
                AgendaItem.votes_for,
                AgendaItem.votes_against,
                AgendaItem.votes_abstaining,
                AgendaItem.status,
            )
            .join(Meeting)
            .order_by(Meeting.date, Meeting.time, Meeting.key, AgendaItem.position)
        )
    ]
    doc["owners"] = [
        {"name": r.name, "kind": r.kind}
        for r in session.execute(select(Owner.name, Owner.kind).order_by(Owner.name))
    ]
    doc["commitments"] = [
        {
            "key": r.key,
            "title": r.title,
            "owner": r.owner,
            "body": r.body,
            "status": r.status,
            "status_on": _iso(r.status_on),
            "details": r.details,
            "source": r.source,
        }
        for r in session.execute(
            select(
                Commitment.key,
                Commitment.title,
                Owner.name.label("owner"),
                Body.key.label("body"),
                Commitment.status,
                Commitment.status_on,
                Commitment.details,
                Commitment.source,
            )
            .join(Body, Commitment.body_id == Body.id)
            .outerjoin(Owner, Commitment.owner_id == Owner.id)
            .order_by(Commitment.id)
        )
    ]
    doc["promises"] = [
        {
            "commitment": r.commitment,
            "recorded_on": r.recorded_on.isoformat(),
            "target": (
                {"meeting": r.meeting}
                if r.meeting
                else {"date": r.target_date.isoformat()}
                if r.target_date
                else None
            ),
            "by": r.given_by,
            "reason": r.reason,
            "source": r.source,
        }
        for r in session.execute(
            select(
                Commitment.key.label("commitment"),
                Promise.recorded_on,
                Promise.target_date,
                target.key.label("meeting"),
                Promise.given_by,
                Promise.reason,
                Promise.source,
            )
            .join(Commitment, Promise.commitment_id == Commitment.id)
            .outerjoin(target, Promise.target_meeting_id == target.id)
            .order_by(Commitment.id, Promise.recorded_on, Promise.id)
        )
    ]
    doc["notes"] = [
        {
            "commitment": r.commitment,
            "recorded_on": r.recorded_on.isoformat(),
            "text": r.text,
            "source": r.source,
        }
        for r in session.execute(
            select(Commitment.key.label("commitment"), Note.recorded_on, Note.text, Note.source)
            .join(Commitment)
            .order_by(Commitment.id, Note.recorded_on, Note.id)
        )
    ]
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """The document as text: indented, UTF-8 characters kept, newline at the end."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --- reading and checking ----------------------------------------------------------------


def read_file(path: Path) -> object:
    """Parse a JSON file, turning every way it can be unreadable into one clear message."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DomainError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DomainError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_repeated_names)
    except _RepeatedName as exc:
        raise DomainError(
            f"{path}: the field {exc.args[0]!r} appears twice in one object"
        ) from None
    except json.JSONDecodeError as exc:
        raise DomainError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise DomainError(f"{path}: nested too deeply to be a Docket file") from None


class _RepeatedName(ValueError):
    pass


def _refuse_repeated_names(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would silently keep the last of two same-named fields.
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise _RepeatedName(name)
        result[name] = value
    return result


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
            bodies=frozenset(session.scalars(select(Body.key))),
            meetings=frozenset(session.scalars(select(Meeting.key))),
            commitments=frozenset(session.scalars(select(Commitment.key))),
            agenda_places=frozenset((key, position) for key, position in places),
            closed=tuple((key, status, on) for key, status, on in closed if on is not None),
        )


@dataclass
class ImportPlan:
    """The checked content of a file, ready to write. Values are normalised Python types."""

    bodies: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    agenda_items: list[dict[str, Any]] = field(default_factory=list)
    owners: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    promises: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in SECTIONS}

    def summary(self) -> str:
        return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.counts().items())


Parser = Callable[[object, str], Any]


class _Checker:
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


def plan_import(doc: object, existing: Existing = Existing()) -> ImportPlan:
    """Check a parsed document completely; raise ImportRefused listing every problem."""
    if not isinstance(doc, dict):
        raise ImportRefused(["the file must hold a JSON object (is this a Docket file?)"])
    if "docket" not in doc:
        raise ImportRefused(['docket: missing; a Docket file starts with "docket": 1'])
    if type(doc["docket"]) is not int or doc["docket"] != FORMAT_VERSION:
        raise ImportRefused([f"docket: version {doc['docket']!r} is not supported (only 1)"])

    check = _Checker()
    plan = ImportPlan()
    long_text = _text(fields.MAX_TEXT)

    seen: set[str] = set()
    for where, e in check.entries(doc, "bodies"):
        key = check.take(e, "key", where, fields.key, required=True)
        check.unique(seen, existing.bodies, key, where, "body")
        plan.bodies.append(
            {
                "key": key,
                "name": check.take(e, "name", where, _text(200, True), required=True),
                "short_name": check.take(e, "short_name", where, _text(40)),
                "schedule": check.take(e, "schedule", where, fields.schedule),
            }
        )
    bodies = seen | existing.bodies

    seen = set()
    for where, e in check.entries(doc, "meetings"):
        key = check.take(e, "key", where, fields.key, required=True)
        check.unique(seen, existing.meetings, key, where, "meeting")
        body = check.take(e, "body", where, fields.key, required=True)
        check.ref(bodies, body, f"{where}.body", "body")
        date = check.take(e, "date", where, fields.iso_date, required=True)
        plan.meetings.append(
            {
                "key": key,
                "body": body,
                "date": date,
                "time": check.take(e, "time", where, fields.clock_time),
                "title": check.take(e, "title", where, _text(200)),
                "status": check.take(e, "status", where, _choice(MEETING_STATUSES, "scheduled")),
                "location": check.take(e, "location", where, _text(200)),
                "notes": check.take(e, "notes", where, long_text),
            }
        )
    meetings = seen | existing.meetings

    places: set[tuple[str, int]] = set()
    for where, e in check.entries(doc, "agenda_items"):
        meeting = check.take(e, "meeting", where, fields.key, required=True)
        check.ref(meetings, meeting, f"{where}.meeting", "meeting")
        position = check.take(e, "position", where, fields.position, required=True)
        if meeting is not None and position is not None:
            if (meeting, position) in places or (meeting, position) in existing.agenda_places:
                check.problems.append(
                    f"{where}.position: {meeting!r} already has an item at position {position}"
                )
            places.add((meeting, position))
        plan.agenda_items.append(
            {
                "meeting": meeting,
                "position": position,
                "title": check.take(e, "title", where, _text(400, True), required=True),
                "lead": check.take(e, "lead", where, _text(200)),
                "details": check.take(e, "details", where, long_text),
                "outcome": check.take(e, "outcome", where, long_text),
                "decision": check.take(e, "decision", where, long_text),
                "votes_for": check.take(e, "votes_for", where, fields.count),
                "votes_against": check.take(e, "votes_against", where, fields.count),
                "votes_abstaining": check.take(e, "votes_abstaining", where, fields.count),
                "status": check.take(e, "status", where, _choice(AGENDA_STATUSES, "pending")),
            }
        )

    owner_kinds: dict[str, str | None] = {}
    for where, e in check.entries(doc, "owners"):
        name = check.take(e, "name", where, _text(200, True), required=True)
        kind = check.take(
            e,
            "kind",
            where,
            lambda v, n: None if v in (None, "") else fields.choice(v, n, OWNER_KINDS),
        )
        if name in owner_kinds:
            check.problems.append(f"{where}.name: owner {name!r} appears twice in the file")
        if name is not None:
            owner_kinds[name] = kind

    seen = set()
    closed_on: dict[str, tuple[str, dt.date]] = {}
    for where, e in check.entries(doc, "commitments"):
        key = check.take(e, "key", where, fields.key, required=True)
        check.unique(seen, existing.commitments, key, where, "commitment")
        body = check.take(e, "body", where, fields.key, required=True)
        check.ref(bodies, body, f"{where}.body", "body")
        owner = check.take(e, "owner", where, _text(200))
        status = check.take(e, "status", where, _choice(COMMITMENT_STATUSES), required=True)
        status_on = check.take(e, "status_on", where, fields.optional_date)
        if status == "open" and status_on is not None:
            check.problems.append(f"{where}.status_on: an open commitment has no status date")
        elif status in ("delivered", "dropped") and status_on is None:
            check.problems.append(f"{where}.status_on: required when the status is {status}")
        if key is not None and status_on is not None:
            closed_on[key] = (where, status_on)
        if owner:
            owner_kinds.setdefault(owner, None)
        plan.commitments.append(
            {
                "key": key,
                "title": check.take(e, "title", where, _text(400, True), required=True),
                "owner": owner or None,
                "body": body,
                "status": status,
                "status_on": status_on,
                "details": check.take(e, "details", where, long_text),
                "source": check.take(e, "source", where, long_text),
            }
        )
    file_commitments = set(seen)
    commitments = seen | existing.commitments
    plan.owners = [{"name": name, "kind": kind} for name, kind in owner_kinds.items()]

    last_promised: dict[str, dt.date] = {}
    closed_in_db = {key: (status, on) for key, status, on in existing.closed}
    for where, e in check.entries(doc, "promises"):
        commitment = check.take(e, "commitment", where, fields.key, required=True)
        check.ref(commitments, commitment, f"{where}.commitment", "commitment")
        if commitment in closed_in_db and commitment not in file_commitments:
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
            check.ref(meetings, target[1], f"{where}.target.meeting", "meeting")
        if commitment is not None and recorded_on is not None:
            latest = last_promised.get(commitment, recorded_on)
            last_promised[commitment] = max(latest, recorded_on)
        plan.promises.append(
            {
                "commitment": commitment,
                "recorded_on": recorded_on,
                "target_date": target[1] if target and target[0] == "date" else None,
                "target_meeting": target[1] if target and target[0] == "meeting" else None,
                "given_by": check.take(e, "by", where, _text(200)),
                "reason": check.take(e, "reason", where, long_text),
                "source": check.take(e, "source", where, long_text),
            }
        )
    # Python's sort is stable: same-day promises keep the file's order.
    plan.promises.sort(key=lambda p: p["recorded_on"] or dt.date.min)

    for where, e in check.entries(doc, "notes"):
        commitment = check.take(e, "commitment", where, fields.key, required=True)
        check.ref(commitments, commitment, f"{where}.commitment", "commitment")
        plan.notes.append(
            {
                "commitment": commitment,
                "recorded_on": check.take(e, "recorded_on", where, fields.iso_date, required=True),
                "text": check.take(e, "text", where, _text(fields.MAX_TEXT, True), required=True),
                "source": check.take(e, "source", where, long_text),
            }
        )
    plan.notes.sort(key=lambda n: n["recorded_on"] or dt.date.min)

    for i, c in enumerate(plan.commitments):
        key = c["key"]
        if key is None or key not in file_commitments:
            continue
        if key not in last_promised:
            check.problems.append(
                f"commitments[{i}]: {key!r} has no promise; give at least one"
                " (its target may be null)"
            )
        elif key in closed_on and closed_on[key][1] < last_promised[key]:
            where, on = closed_on[key]
            check.problems.append(
                f"{where}.status_on: {on} is before its latest promise ({last_promised[key]})"
            )

    if check.problems:
        raise ImportRefused(check.problems)
    return plan


# --- writing ----------------------------------------------------------------------------


def apply_import(session: Session, plan: ImportPlan) -> None:
    """Write a checked plan inside the caller's transaction."""

    def insert_ids(model: Any, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        result = session.execute(
            insert(model).returning(model.id, sort_by_parameter_order=True), rows
        )
        ids = list(result.scalars())
        audit.log_created(session, model, rows, ids)  # Core inserts bypass the ORM's audit
        return ids

    def ids_by(model: Any, column: Any) -> dict[Any, int]:
        return dict(session.execute(select(column, model.id)).all())

    insert_ids(Body, plan.bodies)
    body_ids = ids_by(Body, Body.key)

    insert_ids(
        Meeting,
        [
            {**{k: v for k, v in m.items() if k != "body"}, "body_id": body_ids[m["body"]]}
            for m in plan.meetings
        ],
    )
    meeting_ids = ids_by(Meeting, Meeting.key)

    insert_ids(
        AgendaItem,
        [
            {
                **{k: v for k, v in a.items() if k != "meeting"},
                "meeting_id": meeting_ids[a["meeting"]],
            }
            for a in plan.agenda_items
        ],
    )

    owner_ids = ids_by(Owner, Owner.name)
    insert_ids(Owner, [o for o in plan.owners if o["name"] not in owner_ids])
    owner_ids = ids_by(Owner, Owner.name)

    insert_ids(
        Commitment,
        [
            {
                **{k: v for k, v in c.items() if k not in ("body", "owner")},
                "body_id": body_ids[c["body"]],
                "owner_id": owner_ids[c["owner"]] if c["owner"] else None,
            }
            for c in plan.commitments
        ],
    )
    commitment_ids = ids_by(Commitment, Commitment.key)

    insert_ids(
        Promise,
        [
            {
                **{k: v for k, v in p.items() if k not in ("commitment", "target_meeting")},
                "commitment_id": commitment_ids[p["commitment"]],
                "target_meeting_id": meeting_ids[p["target_meeting"]]
                if p["target_meeting"]
                else None,
            }
            for p in plan.promises
        ],
    )
    insert_ids(
        Note,
        [
            {
                **{k: v for k, v in n.items() if k != "commitment"},
                "commitment_id": commitment_ids[n["commitment"]],
            }
            for n in plan.notes
        ],
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
