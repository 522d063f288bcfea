"""Builders and readers of records for tests: one place, so every wing's tests share them.

Records are made through the real use cases or the real import, in a real SQLite file,
and read back with plain queries; refusals are checked against the whole record.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.errors import DomainError
from app.record.agenda import (
    AgendaFields,
    add_item,
)
from app.record.bodies import BodyFields, create_body
from app.record.meetings import (
    MeetingFields,
    create_meeting,
)
from app.safety.opening import Database, open_database
from app.transfer.interchange_export import export_document
from db import queries
from db.engine import resolve_url
from db.models import AgendaItem, Body, Commitment, Meeting, MeetingChange, Note, Owner, Promise

D = dt.date
TABLES = (Body, Meeting, AgendaItem, Owner, Commitment, Promise, Note, MeetingChange)
MISSING_ID = 9999


RECORD_SECTIONS = tuple(t.__tablename__ for t in TABLES)  # as the JSON file names them
SAMPLE_COUNTS = {
    "bodies": 2,
    "meetings": 7,
    "agenda_items": 13,
    "owners": 3,
    "commitments": 3,
    "promises": 5,
    "notes": 7,
    "meeting_changes": 1,
}


def open_fresh(path: Path) -> Database:
    """A new record at `path`, at the current schema."""
    return open_database(resolve_url(str(path)))


def db_arg(db: Database) -> str:
    """What `--db` takes for this record: its file, or its server URL with the password."""
    return str(db.path) if db.path else db.url.render_as_string(hide_password=False)


def row_counts(db: Database) -> dict[str, int]:
    """How many rows each table of the record holds."""
    return {t.__tablename__: count(db, t) for t in TABLES}


def snapshot(db: Database) -> tuple[bytes, bytes | None]:
    """The record file's bytes (and any -wal), comparable before and after an action.

    A commit in WAL mode goes to the -wal file; `engine.dispose()` closes every pooled
    connection, and closing the last one checkpoints everything into the main file and
    removes the -wal, so the main file's bytes then fingerprint the committed record.
    The -shm file is left out: readers write into it. The engine reconnects when next used.
    """
    if db.engine.dialect.name != "sqlite":  # a server: every row of every table instead
        return _every_row(db), None
    db.engine.dispose()
    path = Path(str(db.engine.url.database))
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else None


def _every_row(db: Database) -> bytes:
    """Every table's rows in key order, as bytes: a server record's fingerprint."""
    from db.models import Base

    dump = []
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(table.select().order_by(*table.primary_key.columns)).all()
            dump.append((table.name, [tuple(row) for row in rows]))
    return repr(dump).encode("utf-8")


def the_record(db: Database) -> dict[str, Any]:
    """Everything `docket export` would write, plus how many rows each table holds."""
    with db.sessions() as s:
        doc = export_document(s)
        doc["rows"] = {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES
        }
    return doc


def count(db: Database, table: type[Any]) -> int:
    """How many rows the table holds."""
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


@contextmanager
def refused(
    db: Database, error: type[DomainError], words: str
) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The action inside is refused with `error`, says `words`, and changes nothing."""
    before = the_record(db)
    with pytest.raises(error, match=re.escape(words)) as raised:
        yield raised
    assert isinstance(raised.value, DomainError)
    assert the_record(db) == before


def id_of(db: Database, model: Any, key: str) -> int:
    with db.sessions() as s:
        found = queries.id_by_key(s, model, key)
    assert found is not None, f"no {model.__name__} {key!r}"
    return found


def key_of(db: Database, model: Any, record_id: int) -> str:
    with db.sessions() as s:
        return str(s.get_one(model, record_id).key)


def owner_id(db: Database, name: str) -> int | None:
    with db.sessions() as s:
        return s.scalar(select(Owner.id).where(Owner.name == name))


def commitment(db: Database, commitment_id: int) -> tuple[str, dt.date | None]:
    """(status, status_on) of a commitment."""
    with db.sessions() as s:
        c = s.get_one(Commitment, commitment_id)
        return c.status, c.status_on


def ledger(db: Database, commitment_id: int) -> list[tuple[dt.date, dt.date | None, str | None]]:
    """A commitment's promises as (recorded on, target date, target meeting key), in order."""
    with db.sessions() as s:
        return [
            (p.recorded_on, p.target_date, p.target_meeting.key if p.target_meeting else None)
            for p in s.scalars(
                select(Promise)
                .where(Promise.commitment_id == commitment_id)
                .order_by(Promise.recorded_on, Promise.id)
            )
        ]


def promise_ids(db: Database, commitment_id: int) -> list[int]:
    with db.sessions() as s:
        return list(
            s.scalars(
                select(Promise.id)
                .where(Promise.commitment_id == commitment_id)
                .order_by(Promise.recorded_on, Promise.id)
            )
        )


def notes_of(db: Database, commitment_id: int) -> list[tuple[dt.date, str]]:
    with db.sessions() as s:
        return [
            (n.recorded_on, n.text)
            for n in s.scalars(
                select(Note).where(Note.commitment_id == commitment_id).order_by(Note.id)
            )
        ]


def agenda(db: Database, meeting_id: int) -> list[tuple[int, str]]:
    """The meeting's agenda as (position, title), in order."""
    with db.sessions() as s:
        return [
            (i.position, i.title)
            for i in s.scalars(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position)
            )
        ]


def titles(db: Database, meeting_id: int) -> list[str]:
    return [title for _, title in agenda(db, meeting_id)]


def new_nec(db: Database) -> int:
    return create_body(
        db.sessions,
        BodyFields("National Executive Committee", "NEC", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"),
    )


def new_meeting(db: Database, body_id: int, day: dt.date, **extra: Any) -> int:
    return create_meeting(db.sessions, MeetingFields(body_id=body_id, date=day, **extra))


def new_agenda(db: Database, meeting_id: int, *item_titles: str) -> list[int]:
    return [add_item(db.sessions, meeting_id, AgendaFields(title)) for title in item_titles]


def forde_report(db: Database) -> int:
    """Delivered on 2022-07-19 after three promises and five notes."""
    return id_of(db, Commitment, "forde-report")


def chair_visit(db: Database) -> int:
    """Open since 2021-11-16, one promise with no date."""
    return id_of(db, Commitment, "forde-chair-visit")


# --- reading PDFs back ------------------------------------------------------------------


def pdf_text(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout)  # undo ligatures such as "ﬁ"


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
