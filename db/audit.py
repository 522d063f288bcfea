"""The audit log's writer: every change to the record is logged in the transaction that makes it.

Changes made through the ORM are caught by session events, so no use case has to
remember to log: `after_flush` sees each new, changed and deleted object while its
attribute history still says what it was. The few writes that bypass the ORM (bulk
inserts of an import, the agenda's renumbering) log themselves with `log_created` and
`log_changed`. A deleted record's entry keeps every field it had, so its history
survives it. Plain INSERTs of portable columns: this works unchanged on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import event, insert, inspect, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.base import NO_VALUE

from db.models import (
    AgendaItem,
    Attachment,
    AuditEntry,
    Base,
    Body,
    Commitment,
    Meeting,
    MeetingChange,
    Note,
    Owner,
    Promise,
)

AUDITED: tuple[type[Base], ...] = (
    Body,
    Meeting,
    MeetingChange,
    AgendaItem,
    Owner,
    Commitment,
    Promise,
    Note,
    Attachment,
)
# Not copied into the log: a record's version (bookkeeping for conflicts, not a change a
# member made), and an attachment's text (it can run to megabytes; its hash says it).
UNLOGGED: dict[type[Base], frozenset[str]] = {Attachment: frozenset({"text", "version"})}
NEVER_LOGGED = frozenset({"version"})
_ORDER = {model.__tablename__: i for i, model in enumerate(AUDITED)}
_SNAPSHOTS = "docket.audit.snapshots"


@cache
def os_user() -> str:
    """Who is making changes: the operating-system account Docket runs under."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name (some containers, services): still log the change
        return "unknown"


MEMBER_VAR = "DOCKET_MEMBER"
_roles: dict[str, str] = {}


def member_of(session: Session) -> str:
    """Who is making changes, as History and the ledger name them: the name the member
    gave (DOCKET_MEMBER), else on a shared server the database role they log in as,
    else the operating-system account."""
    named = session.info.get("member") or os.environ.get(MEMBER_VAR, "").strip()
    if named:
        return str(named)[:200]
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        return os_user()
    key = str(bind.engine.url) if hasattr(bind, "engine") else str(id(bind))
    if key not in _roles:
        _roles[key] = str(session.execute(text("SELECT current_user")).scalar() or os_user())
    return _roles[key]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def encode(value: Any) -> str:
    """A value as JSON text; dates and times in ISO form."""
    return json.dumps(value, default=_iso, ensure_ascii=False, sort_keys=True)


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"cannot log a {type(value).__name__}")


@dataclass(frozen=True)
class Subject:
    """Whose history a change belongs to, and how to name the record changed."""

    table: str
    id: int
    key: str | None
    label: str


def describe(model: type[Base], values: Mapping[str, Any]) -> Subject:
    """The subject of a record of `model` with these column values."""

    def get(name: str) -> Any:
        return values.get(name)

    if model is Commitment:
        return Subject("commitments", get("id"), get("key"), str(get("title") or ""))
    if model is Promise:
        label = f"promise recorded {_day(get('recorded_on'))}".strip()
        return Subject("commitments", get("commitment_id"), None, label)
    if model is Note:
        return Subject("commitments", get("commitment_id"), None, str(get("text") or "")[:80])
    if model is Meeting:
        label = f"{_day(get('date'))} {get('title') or ''}".strip()
        return Subject("meetings", get("id"), get("key"), label)
    if model is MeetingChange:
        label = f"change recorded {_day(get('recorded_on'))}".strip()
        return Subject("meetings", get("meeting_id"), None, label)
    if model is AgendaItem:
        return Subject("meetings", get("meeting_id"), None, str(get("title") or ""))
    if model is Body:
        return Subject("bodies", get("id"), get("key"), str(get("name") or ""))
    if model is Owner:
        return Subject("owners", get("id"), get("name"), str(get("name") or ""))
    if model is Attachment:
        return _attachment_subject(values)
    raise TypeError(f"{model.__name__} is not audited")


def _attachment_subject(values: Mapping[str, Any]) -> Subject:
    """An attachment's history belongs to the commitment or meeting it was attached to
    (through its promise, note or agenda item when it was attached to one of those)."""
    label = f"file {values.get('name') or ''}".strip()
    if values.get("commitment_id") is not None:
        return Subject("commitments", values["commitment_id"], None, label)
    if values.get("meeting_id") is not None:
        return Subject("meetings", values["meeting_id"], None, label)
    for column, table in (
        ("promise_id", "promises"),
        ("note_id", "notes"),
        ("agenda_item_id", "agenda_items"),
    ):
        if values.get(column) is not None:
            return Subject(table, values[column], None, label)
    raise TypeError("an attachment belongs to nothing")


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def _entry(
    model: type[Base],
    values: Mapping[str, Any],
    action: str,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
) -> dict[str, Any]:
    subject = describe(model, values)
    return {
        "at": None,  # set per batch by _write
        "os_user": os_user(),
        "action": action,
        "table_name": model.__tablename__,
        "record_id": values["id"],
        "record_key": subject.key,
        "record_label": subject.label[:400],
        "subject_table": subject.table,
        "subject_id": subject.id,
        "field": field,
        "old_value": old,
        "new_value": new,
    }


def _write(session: Session, entries: list[dict[str, Any]]) -> None:
    if entries:
        now = utc_now()  # one moment for the whole change, kept in the order written
        who = member_of(session)
        for entry in entries:
            entry["at"] = now
            entry["member"] = who
        entries.sort(key=lambda e: (_ORDER[e["table_name"]], e["record_id"], e["field"] or ""))
        session.connection().execute(insert(AuditEntry), entries)


# --- writes that bypass the ORM log themselves --------------------------------------------


def log_created(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, Any]], ids: Sequence[int]
) -> None:
    """One "created" entry per row inserted with a Core INSERT (ids in the rows' order)."""
    _write(
        session,
        [
            _entry(model, {**row, "id": new_id}, "created", new=encode({**row, "id": new_id}))
            for row, new_id in zip(rows, ids, strict=True)
        ],
    )


def log_changed(
    session: Session,
    model: type[Base],
    changes: Iterable[tuple[Mapping[str, Any], str, Any, Any]],
) -> None:
    """Entries for Core UPDATEs: (the record's values, field, old value, new value)."""
    _write(
        session,
        [
            _entry(model, values, "changed", field, encode(old), encode(new))
            for values, field, old, new in changes
            if old != new
        ],
    )


# --- the session events -------------------------------------------------------------------


def install(sessions: sessionmaker[Session]) -> None:
    """Log every change made through sessions from this factory."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)


def _columns(obj: Any) -> list[str]:
    skip = UNLOGGED.get(type(obj), NEVER_LOGGED)
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in skip]


def _values(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {key: state.dict.get(key) for key in _columns(obj)}


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # A record about to be deleted may have expired attributes; read them while its row
    # still exists, so its entry can keep every field.
    snapshots: dict[int, dict[str, Any]] = session.info.setdefault(_SNAPSHOTS, {})
    for obj in session.deleted:
        if isinstance(obj, AUDITED):
            snapshots[id(obj)] = {key: getattr(obj, key) for key in _columns(obj)}


def _after_flush(session: Session, _context: Any) -> None:
    snapshots: dict[int, dict[str, Any]] = session.info.pop(_SNAPSHOTS, {})
    entries: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, AUDITED):
            values = _values(obj)
            entries.append(_entry(type(obj), values, "created", new=encode(values)))
    for obj in session.deleted:
        if isinstance(obj, AUDITED):
            values = snapshots.get(id(obj)) or _values(obj)
            entries.append(_entry(type(obj), values, "deleted", old=encode(values)))
    for obj in session.dirty:
        if isinstance(obj, AUDITED) and obj not in session.deleted:
            entries.extend(_changes(obj))
    _write(session, entries)


def _changes(obj: Any) -> list[dict[str, Any]]:
    state = inspect(obj)
    values = _values(obj)
    entries = []
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.added:
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0]
        if old is NO_VALUE or old == new:
            continue
        before = {**values, key: old}  # name the record as it was (a title may be the change)
        entries.append(_entry(type(obj), before, "changed", key, encode(old), encode(new)))
    return entries


def _want_old_values() -> None:
    """Ask SQLAlchemy to load a column's old value before it is replaced, even if unloaded."""

    def noop(_target: Any, value: Any, _old: Any, _initiator: Any) -> Any:
        return value

    for model in AUDITED:
        for attr in inspect(model).column_attrs:
            event.listen(getattr(model, attr.key), "set", noop, active_history=True, retval=True)


_want_old_values()
