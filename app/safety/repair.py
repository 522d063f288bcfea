"""Repairing broken references from the record's own history: `docket check --repair`, and the app.

A reference breaks when a row that others name is gone — deleted by another program with
SQLite's checks switched off, say. Docket's audit log keeps every record it made, with
all its fields, and every later change, so the missing row can be put back as it last
was, under its old id, and the references hold again. What the history does not know (a
row from before the audit log, or made by another program), or cannot put back (its key
is taken by another row now), is reported and left as it is: never guessed at, and the
rows naming it never deleted. A backup is taken first.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.errors import DomainError
from app.core.wording import RECORD_WORDS, plural
from app.safety.backups import BEFORE_REPAIR, take_backup
from app.safety.checks import describe_broken
from app.safety.opening import Database
from app.safety.seal import seal_now
from app.safety.verdict import FULL, judge
from db.audit import AUDITED, log_created
from db.models import AuditEntry, Base
from db.sqlite_safety import BrokenReference, foreign_key_check

# Parents before the rows that name them, so one pass can put back a chain.
MODELS: dict[str, type[Base]] = {model.__tablename__: model for model in AUDITED}
ORDER = ("bodies", "owners", "meetings", "commitments", "agenda_items", "promises", "notes")


@dataclass(frozen=True)
class RepairReport:
    """What a repair put back, and what it had to leave broken (in plain words)."""

    restored: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    backup: str = ""

    def lines(self) -> list[str]:
        out = [f"Put back from the record's history: {r}." for r in self.restored]
        out += [f"Could not repair: {r}; its history does not have it." for r in self.left]
        if not out:
            out.append("Nothing to repair: every reference holds.")
        return out

    def summary(self) -> str:
        done = plural(len(self.restored), "missing record") + " put back"
        if not self.left:
            return f"{done}; every reference holds now."
        return f"{done}; {plural(len(self.left), 'broken reference')} could not be repaired."


def repair_record(db: Database) -> RepairReport:
    """Put back what the history allows, after a backup; then judge the file again."""
    path = db.path
    if db.read_only:
        raise DomainError("this record is open read-only: repair it from the Docket writing to it")
    with db.sessions.begin() as session:
        if not _broken(session):
            db.broken = ()
            return RepairReport()
    backup = take_backup(db.engine, path, BEFORE_REPAIR) if path is not None else None
    with db.sessions.begin() as session:
        restored = _put_back(session)
        left = tuple(describe_broken(ref) for ref in _broken(session))
    report = RepairReport(tuple(restored), left, str(backup.path) if backup else "")
    if path is not None:
        verdict = judge(path, FULL)
        db.broken = verdict.broken
        if verdict.sound:
            seal_now(path, checked=dt.date.today(), judged=verdict.state)
    return report


def _broken(session: Session) -> list[BrokenReference]:
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return foreign_key_check(raw)


def _put_back(session: Session) -> list[str]:
    """Put missing rows back, parents first, until no more can be."""
    restored: list[str] = []
    for _round in ORDER:  # a chain is at most as long as there are kinds of record
        wanted = {(ref.parent, ref.parent_id) for ref in _broken(session) if ref.parent_id}
        progress = False
        for table, row_id in sorted(wanted, key=lambda w: (_rank(w[0]), w[1] or 0)):
            assert row_id is not None
            done = _restore(session, table, row_id)
            if done:
                restored.append(done)
                progress = True
        if not progress:
            break
    return restored


def _rank(table: str) -> int:
    return ORDER.index(table) if table in ORDER else len(ORDER)


def _restore(session: Session, table: str, row_id: int) -> str | None:
    """Insert the row as its history last knew it; None if the history cannot."""
    model = MODELS.get(table)
    values = last_known(session, table, row_id) if model is not None else None
    if model is None or values is None:
        return None
    row = _typed(model, {**values, "id": row_id})
    savepoint = session.begin_nested()
    try:
        session.execute(insert(model).values(**row))
        log_created(session, model, [{k: v for k, v in values.items() if k != "id"}], [row_id])
        savepoint.commit()
    except IntegrityError:  # its key is someone else's now, or its own parent is missing
        savepoint.rollback()
        return None
    name = values.get("key") or values.get("name") or values.get("title")
    what = RECORD_WORDS.get(table, table)
    return f"the {what} {name!r} (row {row_id})" if name else f"the {what} (row {row_id})"


def last_known(session: Session, table: str, row_id: int) -> dict[str, Any] | None:
    """Every field of a row as its audit log last knew it: made or deleted, then changed."""
    entries = session.execute(
        select(AuditEntry.action, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.table_name == table, AuditEntry.record_id == row_id)
        .order_by(AuditEntry.id)
    ).all()
    values: dict[str, Any] | None = None
    for action, field, old, new in entries:
        try:
            if action == "created" and new:
                values = json.loads(new)
            elif action == "deleted" and old:
                values = json.loads(old)
            elif action == "changed" and values is not None and field and new is not None:
                values[field] = json.loads(new)
        except ValueError:
            continue  # an entry not written by Docket: skip it rather than guess
    return values if isinstance(values, dict) else None


def _typed(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    """The logged values (JSON) as the table's columns take them; unknown names dropped."""
    row: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        try:
            kind = column.type.python_type
        except NotImplementedError:
            kind = object
        if isinstance(value, str) and kind in (dt.date, dt.datetime, dt.time):
            value = kind.fromisoformat(value)
        row[column.name] = value
    return row
