"""Moving a whole record between databases: a laptop's SQLite file and a shared server.

The copy goes through the interchange file, the one format that says what a record is:
the source is exported, and the export is imported into an empty target, all or nothing.
So both sides then export the same file. What is not part of a record's exchange stays
behind: members' private notes, the audit log's history, removed files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import func, select

from app.core.errors import DomainError
from app.core.sessions import Sessions, action
from app.transfer.interchange import ImportPlan
from app.transfer.record_io import check_file, export_json, import_file
from db.models import Body, Commitment, Meeting


def is_empty(sessions: Sessions) -> bool:
    with action(sessions) as s:
        return not any(
            s.scalar(select(func.count()).select_from(model))
            for model in (Body, Meeting, Commitment)
        )


def copy_record(source: Sessions, target: Sessions, target_name: str) -> ImportPlan:
    """Copy the record in `source` into the empty record `target`; what was copied."""
    if not is_empty(target):
        raise DomainError(f"{target_name} already holds a record; copy into an empty database")
    with tempfile.TemporaryDirectory(prefix="docket-copy-") as folder:
        file = Path(folder) / "record.json"
        file.write_text(export_json(source), encoding="utf-8")
        plan = check_file(file, keep=True)
        return import_file(target, file, checked=plan)
