"""What makes a file a Docket record: its application id, and the tables and columns of its schema.

Another program may use Alembic too, and even call its first revision '0001': the
revision alone says nothing. A Docket record says so in its header (PRAGMA application_id,
set on every record Docket makes, and on older ones the first time they are opened for
writing), and has the tables and columns below, which every Docket schema has had since
the first (tests/safety/test_verdict.py derives them from the migrations again).
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from db.sqlite_safety import APPLICATION_ID

CORE_SCHEMA: Mapping[str, frozenset[str]] = {
    "alembic_version": frozenset({"version_num"}),
    "bodies": frozenset({"id", "key", "name", "schedule", "short_name"}),
    "meetings": frozenset(
        {"body_id", "date", "id", "key", "location", "notes", "status", "time", "title"}
    ),
    "agenda_items": frozenset(
        {
            "decision",
            "details",
            "id",
            "lead",
            "meeting_id",
            "outcome",
            "position",
            "status",
            "title",
            "votes_abstaining",
            "votes_against",
            "votes_for",
        }
    ),
    "owners": frozenset({"id", "kind", "name"}),
    "commitments": frozenset(
        {"body_id", "details", "id", "key", "owner_id", "source", "status", "status_on", "title"}
    ),
    "promises": frozenset(
        {
            "commitment_id",
            "given_by",
            "id",
            "reason",
            "recorded_on",
            "source",
            "target_date",
            "target_meeting_id",
        }
    ),
    "notes": frozenset({"commitment_id", "id", "recorded_on", "source", "text"}),
}
# Enough to call a file of an unknown (newer) revision Docket's rather than another's.
NEWER_SIGNS = frozenset({"bodies", "meetings", "commitments", "promises"})


def foreign_application(application_id: int) -> bool:
    """Whether the header names another program (0 names none: older records, plain files)."""
    return application_id not in (0, APPLICATION_ID)


def missing_from(tables: Mapping[str, Set[str]]) -> list[str]:
    """What of Docket's schema the file lacks, as "promises" or "promises.target_date"."""
    missing: list[str] = []
    for table, columns in CORE_SCHEMA.items():
        if table not in tables:
            missing.append(table)
        else:
            missing.extend(f"{table}.{c}" for c in sorted(columns - tables[table]))
    return missing


def describe_missing(missing: list[str], total: int = len(CORE_SCHEMA)) -> str:
    """Why a file is not Docket's, in a few words."""
    tables = [m for m in missing if "." not in m]
    if len(tables) >= total - 1:
        return "a SQLite database without Docket's tables"
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return f"a SQLite database without Docket's {shown}"
