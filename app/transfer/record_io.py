"""Use cases that move whole records in and out: import a file, export the record, the sample."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path
from typing import Protocol, TextIO

from sqlalchemy import select

from app.core.errors import DomainError
from app.core.sessions import Sessions, action
from app.transfer.interchange import ImportPlan
from app.transfer.interchange_check import check_events, plan_import
from app.transfer.interchange_entries import Existing
from app.transfer.interchange_export import write_document
from app.transfer.interchange_read import read_file
from app.transfer.interchange_write import apply_import
from app.transfer.json_stream import members, not_an_object
from db.models import Body

SAMPLE_BODY_KEY = "nec"


class OpenRecord(Protocol):
    """What loading the sample needs of an open record (app.safety.opening.Database)."""

    @property
    def sessions(self) -> Sessions: ...

    @property
    def location(self) -> str: ...


def import_document(sessions: Sessions, doc: object, *, dry_run: bool = False) -> ImportPlan:
    """Check `doc` against the record and, unless a dry run, write it: all of it or nothing."""
    with action(sessions) as s:
        plan = plan_import(doc, Existing.of(s), spool=not dry_run)
        try:
            if not dry_run:
                apply_import(s, plan)
        finally:
            plan.close()
        return plan


def check_file(path: Path, *, keep: bool = False) -> ImportPlan:
    """Check a file on its own, before any database is touched or created.

    With `keep`, the checked rows are kept for `import_file(..., checked=plan)`, which then
    need not read the file again if the record it imports into is still empty.
    """
    return _plan_file(path, Existing(), spool=keep)


def _plan_file(path: Path, existing: Existing, *, spool: bool) -> ImportPlan:
    if not_an_object(path):  # not a Docket file: read whole, for the message it deserves
        return plan_import(read_file(path), existing, spool=spool)
    return check_events(members(path), existing, spool=spool)


def import_file(
    sessions: Sessions,
    path: Path,
    *,
    dry_run: bool = False,
    dayfirst: bool = True,
    checked: ImportPlan | None = None,
) -> ImportPlan:
    """Import a Docket JSON file (streamed: read once, never whole in memory) or a CSV file."""
    if path.suffix.lower() == ".csv":
        # Meetings or commitments, streamed; `dayfirst` reads 01/02/2022 as in the settings.
        from app.transfer.csv_import import import_csv

        return import_csv(sessions, path, dry_run=dry_run, dayfirst=dayfirst)
    with action(sessions) as s:
        existing = Existing.of(s)
        reuse = checked is not None and checked.spool is not None and existing.empty
        plan = checked if reuse and checked else _plan_file(path, existing, spool=not dry_run)
        try:
            if not dry_run:
                apply_import(s, plan)
        finally:
            plan.close()
            if checked is not None:
                checked.close()
        return plan


def export_json(sessions: Sessions) -> str:
    out = io.StringIO()
    write_json(sessions, out)
    return out.getvalue()


def write_json(sessions: Sessions, out: TextIO) -> None:
    """The whole record as a Docket JSON file, written to `out` as it is read (flat memory)."""
    with action(sessions) as s:
        write_document(s, out)


def sample_path() -> Path:
    return Path(str(resources.files("resources") / "sample" / "nec.json"))


def load_sample(db: OpenRecord) -> ImportPlan:
    """Load the NEC story, through the same import as any file."""
    with action(db.sessions) as s:
        if s.scalar(select(Body.id).where(Body.key == SAMPLE_BODY_KEY)) is not None:
            raise DomainError(f"the sample record is already loaded in {db.location}")
    return import_file(db.sessions, sample_path())
