"""`docket --version`: the version, and where this Docket keeps the record and its log.

What a bug report needs, printed without opening the record or importing SQLAlchemy, so
it stays as quick as the bare version. The record's place is worked out as
`db.engine.resolve_url` does it (--db, then DOCKET_DB, then the user data folder);
tests/cli/test_version.py holds the two to the same answer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

from app import __version__


def record_location(db: str | None) -> str:
    """The record `docket --db db` would open: a file path, or a URL with no password."""
    raw = db or os.environ.get("DOCKET_DB") or ""
    if not raw:
        return str(Path(platformdirs.user_data_dir("Docket", appauthor=False)) / "docket.db")
    if "://" in raw:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", raw)
    return str(Path(raw).expanduser().resolve())


def version_text(db: str | None) -> str:
    from app.core.logs import log_path

    where = record_location(db)
    missing = "://" not in where and not Path(where).exists()
    lines = [
        f"docket {__version__}",
        f"record: {where}" + (" (not created yet)" if missing else ""),
        f"log:    {log_path()}",
    ]
    return "\n".join(lines) + "\n"
