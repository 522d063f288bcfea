"""Is this file a sound Docket record? Checks that read a file and never change it.

`inspect_file` is the quick look taken before a record is opened (header, lost WAL,
SQLite's quick check, Docket's schema revision); `check_file` is `docket check`'s full
look (integrity of every page and index, and every reference between records). Both
describe problems in plain words.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.core.wording import RECORD_WORDS, plural
from db import migrate
from db.sqlite_safety import (
    Header,
    foreign_key_check,
    inspecting,
    integrity_check,
    lost_wal,
    quick_check,
    read_header,
    schema_revision,
    table_names,
    truncated,
    wal_path,
)

# Tables every Docket schema has: another program's Alembic database lacks them.
DOCKET_TABLES = frozenset({"bodies", "meetings", "commitments", "promises"})

MISSING = "missing"
EMPTY = "empty"
NOT_SQLITE = "not SQLite"
DAMAGED = "damaged"
UNREADABLE = "unreadable"
NOT_DOCKET = "not Docket"
NEWER = "newer"
LOST_WAL = "lost WAL"


@dataclass(frozen=True)
class Verdict:
    """What a quick look found: `problem` is None for a sound Docket file at `revision`."""

    path: Path
    problem: str | None = None
    detail: str = ""
    revision: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def damaged(self) -> bool:
        """Refused because the file is broken or not Docket's: a backup may help."""
        return self.problem in (EMPTY, NOT_SQLITE, DAMAGED, NOT_DOCKET, LOST_WAL)

    @property
    def message(self) -> str:
        path, detail = self.path, self.detail
        cannot = f"{path} cannot be opened:"
        wal = wal_path(path).name
        return {
            None: f"{path} is a sound Docket database (schema {self.revision})",
            MISSING: f"no database at {path}",
            EMPTY: f"{cannot} the file is empty (0 bytes), not a Docket database",
            NOT_SQLITE: f"{cannot} it is not a Docket database (not a SQLite database at all)",
            DAMAGED: f"{cannot} it is damaged ({detail})",
            UNREADABLE: f"{cannot} it cannot be read ({detail})",
            NOT_DOCKET: (
                f"{cannot} it is not a Docket database (a SQLite database without Docket's tables)"
            ),
            NEWER: (
                f"{path} was written by a newer Docket (schema {self.revision}; this Docket"
                f" knows schemas up to {migrate.head_revision()}): open it with that newer"
                " version. The file was not changed"
            ),
            LOST_WAL: (
                f"{cannot} its write-ahead log {wal} is missing, so the latest changes are"
                f" not in the file; put {wal} back beside it, or restore a backup"
            ),
        }[self.problem]


def inspect_file(path: Path) -> Verdict:
    """A quick look at the file at `path`, changing nothing (not even beside it)."""
    try:
        size = path.stat().st_size
        header = read_header(path) if size else None
    except FileNotFoundError:
        return Verdict(path, MISSING)
    except OSError as exc:
        return Verdict(path, UNREADABLE, exc.strerror or str(exc))
    if size == 0:
        return Verdict(path, EMPTY)
    if header is None:
        return Verdict(path, NOT_SQLITE)
    if lost_wal(path):
        return Verdict(path, LOST_WAL)
    if truncated(path, header):
        return Verdict(path, DAMAGED, "the end of the file is missing")
    looked = _look(path, header)
    if looked.problem == DAMAGED and header.wal and wal_path(path).exists():
        # Read as immutable because no log existed, but one appeared (another Docket has
        # just opened it): the file may have changed under us, so look again properly.
        looked = _look(path, header)
    return looked


def _look(path: Path, header: Header) -> Verdict:
    try:
        with inspecting(path, header) as connection:
            problems = quick_check(connection)
            if problems:
                return Verdict(path, DAMAGED, _plain(problems))
            tables = table_names(connection)
            revision = schema_revision(connection)
    except sqlite3.DatabaseError as exc:
        return _failure(path, exc)
    if revision is None:
        return Verdict(path, NOT_DOCKET)
    if not migrate.is_known(revision):
        if not tables >= DOCKET_TABLES:
            return Verdict(path, NOT_DOCKET)
        return Verdict(path, NEWER, revision=revision)
    return Verdict(path, revision=revision)


def _failure(path: Path, exc: sqlite3.DatabaseError) -> Verdict:
    text = str(exc)
    if "unable to open" in text:
        return Verdict(path, UNREADABLE, f"SQLite says: {text}")
    if "not a database" in text:
        return Verdict(path, DAMAGED, "its first page is not a database page")
    return Verdict(path, DAMAGED, f"SQLite says: {text}")


def _plain(problems: list[str]) -> str:
    lines = [p for p in problems if not p.startswith("*** in database")]
    first = lines[0] if lines else problems[0]
    more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
    return f"SQLite's check found: {first}{more}"


# --- docket check ------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckReport:
    """`docket check`'s findings: a line per aspect checked, and the problems among them."""

    path: Path
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_file(path: Path) -> CheckReport:
    """The full check: every page and index, every reference between records, the schema."""
    verdict = inspect_file(path)
    if verdict.problem == MISSING:
        return CheckReport(path, [], [verdict.message])
    if verdict.problem in (EMPTY, NOT_SQLITE, LOST_WAL, UNREADABLE):
        return CheckReport(path, [], [verdict.message])
    header = read_header(path)
    assert header is not None
    lines: list[str] = []
    problems: list[str] = []
    try:
        with inspecting(path, header) as connection:
            damage = integrity_check(connection)
            broken = foreign_key_check(connection) if not damage else []
            revision = schema_revision(connection)
    except sqlite3.DatabaseError as exc:
        return CheckReport(path, [], [_failure(path, exc).message])
    if damage:
        lines.append(f"Pages and indexes: {plural(len(damage), 'problem')} — the file is damaged:")
        lines.extend(f"  - {line}" for line in damage if not line.startswith("*** in database"))
        problems.append("the file is damaged")
    else:
        lines.append("Pages and indexes: sound.")
    if broken:
        lines.append(f"References between records: {len(broken)} broken:")
        for ref in broken:
            row = f" (row {ref.rowid})" if ref.rowid is not None else ""
            lines.append(
                f"  - a {RECORD_WORDS.get(ref.table, ref.table)}{row} names a"
                f" {RECORD_WORDS.get(ref.parent, ref.parent)} that does not exist"
            )
        problems.append(plural(len(broken), "broken reference"))
    elif not damage:
        lines.append("References between records: all present.")
    head = migrate.head_revision()
    if verdict.problem in (NOT_DOCKET, NEWER):
        lines.append(f"Schema: {verdict.message}.")
        problems.append(verdict.message)
    elif revision == head:
        lines.append(f"Schema: {revision}, this Docket's own.")
    elif revision is not None:
        lines.append(f"Schema: {revision}; this Docket upgrades it to {head} when it opens it.")
    return CheckReport(path, lines, problems)
