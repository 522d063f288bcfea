"""Imported rows written in batches of Core INSERTs, each batch logged in the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from db import audit
from db.models import Base

BATCH_ROWS = 1_000
BATCH_CHARS = 250_000  # long cells (minutes pasted into notes) make smaller batches

Row = dict[str, Any]
T = TypeVar("T")


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


def insert_logged(session: Session, model: type[Base], rows: list[Row]) -> list[Row]:
    """One batch INSERTed (an executemany) and logged; the rows as written, with their ids.

    The rows come back in any order (on SQLite, asking for the order would cost one
    statement per row). Core inserts bypass the ORM's audit events, so they log themselves.
    """
    if not rows:
        return []
    table = model.__table__
    assert isinstance(table, Table)
    result = session.execute(insert(table).returning(*table.c), rows)
    written = [dict(row._mapping) for row in result]
    audit.log_created(session, model, written, [w["id"] for w in written])
    return written


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
