"""Writing a checked interchange plan: each section's spooled rows in batches, keys made ids."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.transfer.inserts import Row, insert_logged
from app.transfer.interchange import ImportPlan
from app.transfer.interchange_attachments import SECTION as ATTACHMENTS
from app.transfer.interchange_attachments import write_section
from db.models import (
    AgendaItem,
    Base,
    Body,
    Commitment,
    Meeting,
    MeetingChange,
    Note,
    Owner,
    Promise,
)

# Each section in the order its references need: (section, model, {field: (column, ids of)}).
WRITE_ORDER: tuple[tuple[str, type[Base], dict[str, tuple[str, str]]], ...] = (
    ("bodies", Body, {}),
    ("meetings", Meeting, {"body": ("body_id", "bodies")}),
    ("meeting_changes", MeetingChange, {"meeting": ("meeting_id", "meetings")}),
    ("agenda_items", AgendaItem, {"meeting": ("meeting_id", "meetings")}),
    (
        "commitments",
        Commitment,
        {"body": ("body_id", "bodies"), "owner": ("owner_id", "owners")},
    ),
    (
        "promises",
        Promise,
        {
            "commitment": ("commitment_id", "commitments"),
            "target_meeting": ("target_meeting_id", "meetings"),
        },
    ),
    ("notes", Note, {"commitment": ("commitment_id", "commitments")}),
)
KEYS: dict[str, InstrumentedAttribute[Any]] = {
    "bodies": Body.key,
    "meetings": Meeting.key,
    "commitments": Commitment.key,
    "owners": Owner.name,
}


def apply_import(session: Session, plan: ImportPlan) -> None:
    """Write a checked plan (its spooled rows) inside the caller's transaction.

    Each section goes in batches of one executemany each, logged in the audit log, so time
    per row stays flat and memory holds one batch. A key or name in the file becomes the
    id of the record it names, whether in the file or already recorded.
    """
    assert plan.spool is not None, "a plan to write keeps its rows (check with spool=True)"
    ids = _Ids(session)
    owners = ids.of("owners")
    new_owners = [{"name": n, "kind": k} for n, k in plan.owner_kinds.items() if n not in owners]
    for written in _chunks(new_owners):
        ids.learn("owners", insert_logged(session, Owner, written), "name")
    for section, model, references in WRITE_ORDER:
        for batch in plan.spool.batches(section):
            rows = [_refer(row, references, ids) for row in batch]
            written = insert_logged(session, model, rows)
            if section in KEYS:
                ids.learn(section, written, "key")
    for batch in plan.spool.batches(ATTACHMENTS):  # last: they name the records above
        write_section(session, batch)


class _Ids:
    """Each kind's ids by key (an owner's by name): those recorded, then those written."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[str, dict[Any, int]] = {}

    def of(self, kind: str) -> dict[Any, int]:
        if kind not in self.known:
            column = KEYS[kind]
            model = column.class_
            self.known[kind] = dict(self.session.execute(select(column, model.id)).all())
        return self.known[kind]

    def learn(self, kind: str, written: list[Row], field: str) -> None:
        found = self.of(kind)
        for row in written:
            found[row[field]] = row["id"]


def _refer(entry: Row, references: dict[str, tuple[str, str]], ids: _Ids) -> Row:
    """The entry as a row: each named reference replaced by its id column (None stays None)."""
    row = {name: value for name, value in entry.items() if name not in references}
    for name, (column, kind) in references.items():
        row[column] = ids.of(kind)[entry[name]] if entry[name] else None
    return row


def _chunks(rows: list[Row], size: int = 1_000) -> list[list[Row]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]
