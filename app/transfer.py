"""Use cases that move whole records in and out: import a file, export the record, the sample."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import select

from app.database import Database
from app.errors import DomainError
from app.interchange import (
    Existing,
    ImportPlan,
    apply_import,
    dumps,
    export_document,
    plan_import,
    read_file,
)
from app.records import Sessions, action
from db.models import Body, Commitment, Meeting

SAMPLE_BODY_KEY = "nec"


def import_document(sessions: Sessions, doc: object, *, dry_run: bool = False) -> ImportPlan:
    """Check `doc` against the record and, unless a dry run, write it: all of it or nothing."""
    with action(sessions) as s:
        plan = plan_import(doc, Existing.of(s))
        if not dry_run:
            apply_import(s, plan)
        return plan


def check_file(path: Path) -> ImportPlan:
    """Check a file on its own, before any database is touched or created."""
    return plan_import(read_file(path))


def import_file(
    sessions: Sessions, path: Path, *, dry_run: bool = False, dayfirst: bool = True
) -> ImportPlan:
    if path.suffix.lower() == ".csv":
        # Meetings or commitments, streamed; `dayfirst` reads 01/02/2022 as in the settings.
        from app.csv_import import import_csv

        return import_csv(sessions, path, dry_run=dry_run, dayfirst=dayfirst)
    return import_document(sessions, read_file(path), dry_run=dry_run)


def export_json(sessions: Sessions) -> str:
    with action(sessions) as s:
        return dumps(export_document(s))


def sample_path() -> Path:
    return Path(str(resources.files("resources") / "sample" / "nec.json"))


def load_sample(db: Database) -> ImportPlan:
    """Load the NEC story, through the same import as any file."""
    with action(db.sessions) as s:
        if s.scalar(select(Body.id).where(Body.key == SAMPLE_BODY_KEY)) is not None:
            raise DomainError(f"the sample record is already loaded in {db.location}")
    return import_file(db.sessions, sample_path())


def commitment_snapshot(sessions: Sessions, commitment_id: int) -> dict[str, object]:
    """One commitment with its ledger and notes as an interchange document, to restore later."""
    with action(sessions) as s:
        doc = export_document(s)
        key = s.scalar(select(Commitment.key).where(Commitment.id == commitment_id))
    if key is None:
        raise DomainError(f"no commitment with id {commitment_id}")
    [commitment] = [c for c in doc["commitments"] if c["key"] == key]
    return {
        "docket": 1,
        "owners": [o for o in doc["owners"] if o["name"] == commitment["owner"]],
        "commitments": [commitment],
        "promises": [p for p in doc["promises"] if p["commitment"] == key],
        "notes": [n for n in doc["notes"] if n["commitment"] == key],
    }


def meeting_snapshot(sessions: Sessions, meeting_id: int) -> dict[str, object]:
    """One meeting with its agenda as an interchange document, to restore later."""
    with action(sessions) as s:
        doc = export_document(s)
        key = s.scalar(select(Meeting.key).where(Meeting.id == meeting_id))
    if key is None:
        raise DomainError(f"no meeting with id {meeting_id}")
    return {
        "docket": 1,
        "meetings": [m for m in doc["meetings"] if m["key"] == key],
        "agenda_items": [a for a in doc["agenda_items"] if a["meeting"] == key],
    }


def restore_snapshot(sessions: Sessions, snapshot: dict[str, object]) -> None:
    import_document(sessions, snapshot)
