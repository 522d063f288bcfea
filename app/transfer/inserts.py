"""Imported rows written in batches: one Core INSERT run by executemany, logged in the audit log.

A batch is one prepared statement run over all its rows (the driver's executemany), and
its audit entries another: no ORM objects, no statement per row, and no per-row work in
SQLAlchemy beyond the columns' own conversions. On SQLite the use case holds the write
lock from its first statement (BEGIN IMMEDIATE), so the next ids are known: the batch is
written with them and needs no RETURNING (which on SQLite costs a statement per row when
the ids must match the rows). Other databases get their ids back through RETURNING.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from db import audit
from db.models import AuditEntry, Base

BATCH_ROWS = 1_000
BATCH_CHARS = 250_000  # long cells (minutes pasted into notes) make smaller batches

Row = dict[str, Any]
T = TypeVar("T")
_MISSING = object()


class Batch(Generic[T]):
    """Rows gathered until there are enough to write: BATCH_ROWS, or BATCH_CHARS of text."""

    def __init__(self) -> None:
        self.rows: list[T] = []
        self.chars = 0

    def add(self, row: T, chars: int) -> bool:
        """Add a row holding `chars` characters of text; True once the batch is full."""
        self.rows.append(row)
        self.chars += chars
        return len(self.rows) >= BATCH_ROWS or self.chars >= BATCH_CHARS

    def take(self) -> list[T]:
        """The rows gathered so far; the batch starts again empty."""
        rows, self.rows, self.chars = self.rows, [], 0
        return rows


def text_size(row: Mapping[str, Any]) -> int:
    return sum(len(value) for value in row.values() if isinstance(value, str))


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"cannot log a {type(value).__name__}")


# The same text as audit.encode, with the encoder made once rather than once a value.
_encode = json.JSONEncoder(default=_iso, ensure_ascii=False, sort_keys=True).encode


class _Writer:
    """One table's INSERT for SQLite: its SQL, the columns in order, and their conversions."""

    _cache: ClassVar[dict[tuple[str, str], _Writer]] = {}

    def __init__(self, table: Table, dialect: Any) -> None:
        self.table = table
        self.columns = [c.name for c in table.c]
        self.defaults = [_scalar_default(c.default) for c in table.c]
        self.sql, self.order = "", list[str]()
        self.processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.c]
        if dialect.name != "sqlite":  # a server takes the portable INSERT … RETURNING
            return
        compiled = insert(table).compile(dialect=dialect, column_keys=self.columns)
        self.sql = str(compiled)
        assert dialect.positional  # SQLite's "?" style
        assert compiled.positiontup is not None
        self.order = list(compiled.positiontup)

    @classmethod
    def of(cls, table: Table, dialect: Any) -> _Writer:
        key = (table.name, dialect.name)
        if key not in cls._cache:
            cls._cache[key] = cls(table, dialect)
        return cls._cache[key]

    def complete(self, row: Mapping[str, Any]) -> Row:
        """The row with every column: a column it leaves out gets that column's default."""
        return {
            name: row.get(name, default)
            for name, default in zip(self.columns, self.defaults, strict=True)
        }

    def execute(self, session: Session, rows: Sequence[Row]) -> None:
        """Run the INSERT over the complete rows (explicit ids): one executemany."""
        pairs = list(zip(self.columns, self.processors, strict=True))
        params = []
        for row in rows:
            values = {n: (p(row[n]) if p is not None and row[n] is not None else row[n])
                      for n, p in pairs}  # fmt: skip
            params.append(tuple(values[n] for n in self.order))
        session.connection().exec_driver_sql(self.sql, params)


def _scalar_default(default: Any) -> Any:
    """A column's default value when it is a plain value (Docket's are: "", "open", …)."""
    if default is None:
        return None
    assert default.is_scalar, "a computed column default would need the ORM's insert"
    return default.arg


def next_id(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1


def insert_logged(session: Session, model: type[Base], rows: list[Row]) -> list[Row]:
    """One batch INSERTed (an executemany) and logged; the rows as written, with their ids.

    Core inserts bypass the ORM's audit events, so they log themselves.
    """
    if not rows:
        return []
    table = model.__table__
    assert isinstance(table, Table)
    dialect = session.get_bind().dialect
    writer = _Writer.of(table, dialect)
    written = [writer.complete(row) for row in rows]
    if dialect.name == "sqlite":
        first = next_id(session, table)
        for offset, row in enumerate(written):
            row["id"] = first + offset
        writer.execute(session, written)
    else:
        without_id = [{k: v for k, v in row.items() if k != "id"} for row in written]
        result = session.execute(insert(table).returning(*table.c), without_id)
        written = [dict(row._mapping) for row in result]
    log_created(session, model, written)
    return written


def log_created(session: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """One "created" audit entry per row (rows with their ids), written by one executemany."""
    user, now, table = audit.os_user(), audit.utc_now(), model.__tablename__
    member = audit.member_of(session)
    entries = []
    for row in sorted(rows, key=lambda r: r["id"]):
        subject = audit.describe(model, row)
        entries.append(
            {
                "id": None,
                "at": now,
                "os_user": user,
                "member": member,
                "action": "created",
                "table_name": table,
                "record_id": row["id"],
                "record_key": subject.key,
                "record_label": subject.label[:400],
                "subject_table": subject.table,
                "subject_id": subject.id,
                "field": None,
                "old_value": None,
                "new_value": _encode(row),
            }
        )
    audit_table = AuditEntry.__table__
    assert isinstance(audit_table, Table)
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        first = next_id(session, audit_table)
        for offset, entry in enumerate(entries):
            entry["id"] = first + offset
        _Writer.of(audit_table, dialect).execute(session, entries)
    else:
        for entry in entries:
            del entry["id"]
        session.execute(insert(audit_table), entries)


def insert_all(session: Session, model: type[Base], rows: Iterable[Row]) -> int:
    """Every row, made and written a batch at a time (never all at once); how many."""
    written = 0
    for batch in batches(rows):
        written += len(insert_logged(session, model, batch))
    return written


def batches(rows: Iterable[Row]) -> Iterator[list[Row]]:
    batch: Batch[Row] = Batch()
    for row in rows:
        if batch.add(row, text_size(row)):
            yield batch.take()
    if batch.rows:
        yield batch.take()
