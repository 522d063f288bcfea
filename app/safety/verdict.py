"""One verdict on a file, shared by opening, `docket check`, backups and restore.

`judge` reads the file and never changes it (not even beside it). What it can find:

- refusing problems — missing, empty, not SQLite, unreadable, not Docket's, written by a
  newer Docket, damaged (truncated, or pages and indexes SQLite's check finds wrong), or
  a write-ahead log that held changes and is gone or cut short. Opening refuses these,
  leaving the file exactly as it was; `docket check` reports them and exits 1.
- broken references (a promise naming a meeting that does not exist): the record opens,
  with a warning and an offer to repair; `docket check` reports them and exits 1.

How deep it looks (`depth`): FULL is SQLite's integrity check of every page and index and
its check of every reference; QUICK is SQLite's quick check (structure, not index
contents); LIGHT reads only the header, the log and the schema. AUTO, what opening asks
for, is FULL unless the file is exactly as Docket last left it (app/safety/seal.py) and
had a full check within the week; then QUICK for files up to QUICK_CHECK_BUDGET bytes,
LIGHT above (see README, "Your data", for the measurements behind this).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.safety.schema import NEWER_SIGNS, describe_missing, foreign_application, missing_from
from app.safety.seal import Seal, read_seal
from db import migrate
from db.sqlite_files import (
    FileState,
    Header,
    file_state,
    lost_wal,
    read_header,
    truncated,
    wal_cut_short,
    wal_path,
)
from db.sqlite_safety import (
    APPLICATION_ID,
    BrokenReference,
    disk_reason,
    foreign_key_check,
    inspecting,
    integrity_check,
    quick_check,
    schema_revision,
    table_columns,
)

MISSING = "missing"
EMPTY = "empty"
NOT_SQLITE = "not SQLite"
DAMAGED = "damaged"
UNREADABLE = "unreadable"
NOT_DOCKET = "not Docket"
NEWER = "newer"
LOST_WAL = "lost WAL"
CUT_WAL = "cut WAL"

AUTO, FULL, QUICK, LIGHT = "auto", "full", "quick", "light"
# The quick check reads every page: measured here at 38 ms for a 30 MB record and 0.56 s
# for a 313 MB one (ten times that with a cold file cache). Up to this size it costs an
# opening under 20 ms; above, the light look and the weekly full check (README, "Your data").
QUICK_CHECK_BUDGET = 16 * 1024 * 1024


@dataclass(frozen=True)
class Verdict:
    """What a look at the file found: `problem` is None for a Docket record it can open."""

    path: Path
    problem: str | None = None
    detail: str = ""
    revision: str | None = None
    depth: str = LIGHT
    damage: tuple[str, ...] = ()  # SQLite's own words for what its check found wrong
    broken: tuple[BrokenReference, ...] = ()
    state: FileState | None = None  # the file as judged

    @property
    def ok(self) -> bool:
        """Docket may open it (perhaps with a warning about broken references)."""
        return self.problem is None

    @property
    def sound(self) -> bool:
        """Nothing wrong at all: fit to be named a good backup, or sealed."""
        return self.problem is None and not self.broken

    @property
    def damaged(self) -> bool:
        """Refused because the file is broken or not Docket's: a backup may help."""
        return self.problem in (EMPTY, NOT_SQLITE, DAMAGED, NOT_DOCKET, LOST_WAL, CUT_WAL)

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
            NOT_DOCKET: f"{cannot} it is not a Docket database ({detail})",
            NEWER: (
                f"{path} was written by a newer Docket (schema {self.revision}; this Docket"
                f" knows schemas up to {migrate.head_revision()}): open it with that newer"
                " version. The file was not changed"
            ),
            LOST_WAL: (
                f"{cannot} its write-ahead log {wal} is missing, so the latest changes are"
                f" not in the file; put {wal} back beside it, or restore a backup"
            ),
            CUT_WAL: (
                f"{cannot} its write-ahead log {wal} is cut short, so the latest changes are"
                f" not all there; put the whole {wal} back beside it, or restore a backup"
            ),
        }[self.problem]


def judge(path: Path, depth: str = AUTO, *, today: dt.date | None = None) -> Verdict:
    """Look at the file at `path` as deeply as `depth` says, changing nothing."""
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
    if foreign_application(header.application_id):
        owner = f"application id {header.application_id:#010x}"
        return Verdict(path, NOT_DOCKET, f"the file says it belongs to another program: {owner}")
    if lost_wal(path):
        return Verdict(path, LOST_WAL)
    if wal_cut_short(path):
        return Verdict(path, CUT_WAL)
    try:
        if truncated(path, header):
            return Verdict(path, DAMAGED, "the end of the file is missing")
        state = file_state(path)
    except OSError as exc:
        return Verdict(path, UNREADABLE, exc.strerror or str(exc))
    seal = read_seal(path)
    if seal is not None and seal.lost_log(state):
        return Verdict(path, LOST_WAL)
    if depth == AUTO:
        depth = _depth_for(state, seal, today)
    verdict = _look(path, header, depth)
    if verdict.problem == DAMAGED and header.wal and wal_path(path).exists():
        # Read as immutable because no log existed, but one appeared (another Docket has
        # just opened it): the file may have changed under us, so look again properly.
        verdict = _look(path, header, depth)
    return dataclasses.replace(verdict, state=state)


def _depth_for(state: FileState, seal: Seal | None, today: dt.date | None) -> str:
    if seal is None or not seal.matches(state) or seal.due_full_check(today):
        return FULL
    return QUICK if state.size <= QUICK_CHECK_BUDGET else LIGHT


def _look(path: Path, header: Header, depth: str) -> Verdict:
    damage: list[str] = []
    broken: list[BrokenReference] = []
    try:
        with inspecting(path, header) as connection:
            tables = table_columns(connection)
            revision = schema_revision(connection)
            refused = _recognise(path, header, tables, revision)
            if refused is not None and refused.problem != NEWER:
                return refused  # not Docket's: none of our business to check further
            if depth == FULL:
                damage = integrity_check(connection)
                broken = [] if damage else foreign_key_check(connection)
            elif depth == QUICK:
                damage = quick_check(connection)
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: text no longer UTF-8
        return _failure(path, exc, depth)
    found, wrong = tuple(damage), tuple(broken)
    if refused is not None:
        return dataclasses.replace(refused, depth=depth, damage=found, broken=wrong)
    detail = _plain(damage) if damage else ""
    return Verdict(path, DAMAGED if damage else None, detail, revision, depth, found, wrong)


def _recognise(
    path: Path, header: Header, tables: dict[str, set[str]], revision: str | None
) -> Verdict | None:
    """None for a Docket record of a schema this Docket knows; otherwise why not."""
    ours = header.application_id == APPLICATION_ID
    if revision is not None and not migrate.is_known(revision):
        if ours or set(tables) >= NEWER_SIGNS:
            return Verdict(path, NEWER, revision=revision)
        return Verdict(path, NOT_DOCKET, describe_missing(missing_from(tables)))
    missing = missing_from(tables)
    if revision is None and "alembic_version" in tables:
        missing.insert(0, "schema revision")
    if not missing:
        return None
    if ours:  # Docket's own file without Docket's tables: something broke it
        return Verdict(path, DAMAGED, f"Docket's {', '.join(missing[:3])} missing")
    return Verdict(path, NOT_DOCKET, describe_missing(missing))


def _failure(path: Path, exc: Exception, depth: str) -> Verdict:
    text = str(exc)
    disk = disk_reason(exc)
    if disk is not None:  # the disk failed us, which says nothing of the file: not damage
        return Verdict(path, UNREADABLE, disk, depth=depth)
    if "unable to open" in text:
        return Verdict(path, UNREADABLE, f"SQLite says: {text}", depth=depth)
    if "not a database" in text:
        return Verdict(path, DAMAGED, "its first page is not a database page", depth=depth)
    return Verdict(path, DAMAGED, f"SQLite says: {text}", depth=depth, damage=(text,))


def _plain(problems: list[str]) -> str:
    lines = [p for p in problems if not p.startswith("*** in database")]
    first = lines[0] if lines else problems[0]
    more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
    return f"SQLite's check found: {first}{more}"
