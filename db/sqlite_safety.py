"""The SQLite-only module: connection pragmas, file checks, integrity checks, the backup API.

Everything here speaks SQLite's own dialect — PRAGMAs, URI filenames, the online backup
API, details of the file format — and nothing else in Docket does (db/engine.py calls in
here for its SQLite settings). The rest of the code keeps to portable SQL, so a committee
can later share one record on PostgreSQL, where none of this applies.

Checks never change the file they look at: they read through a read-only connection
(`mode=ro`), or, when no other connection has the file open, an `immutable` one, which
creates no -wal or -shm file beside a file Docket may go on to refuse.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
BUSY_TIMEOUT_MS = 10_000
MAX_PROBLEMS = 20
_IMMEDIATE = "docket_begin_immediate"


# --- connections -------------------------------------------------------------------------


def configure_engine(engine: Engine, *, read_only: bool = False) -> None:
    """Foreign keys, a busy timeout and safe syncing on every connection; explicit BEGIN.

    pysqlite's own transaction handling defers BEGIN and commits before DDL, which breaks
    all-or-nothing writes and transactional migrations; the SQLAlchemy docs' recipe below
    hands transaction control back to SQLAlchemy.

    Use cases begin with BEGIN IMMEDIATE (see `for_use_cases`): a deferred transaction that
    reads first and writes later fails at once with "database is locked" if another process
    committed in between (WAL cannot upgrade a stale snapshot, and the busy timeout does not
    apply), whereas an immediate one waits its turn. Other connections (migrations, checks,
    backups) begin deferred, so they can read while a use case writes.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # WAL is safe with synchronous=NORMAL: a crash of Docket loses nothing that was
            # committed; a power cut may lose the last commit, never corrupt the file.
            cursor.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE) and not read_only
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def for_use_cases(engine: Engine) -> Engine:
    """The engine use cases' sessions run on: each transaction takes the write lock first."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{_IMMEDIATE: True})


def read_only_uri(path: Path) -> str:
    """A URI filename that opens `path` read-only (never creating it)."""
    return f"{path.resolve().as_uri()}?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection for the engine of a record opened read-only."""
    return sqlite3.connect(
        read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )


def enable_wal(engine: Engine) -> None:
    """Switch a checked Docket file to write-ahead logging; the setting stays with the file.

    Never done on connect: that would rewrite the header of a file that is not ours.
    """
    raw = engine.raw_connection()  # outside any transaction, which WAL switching requires
    try:
        cursor = raw.cursor()
        (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
        if str(mode).lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        raw.close()


def data_version(connection: sqlite3.Connection) -> int:
    """A number that changes when another connection commits to the file (PRAGMA data_version).

    Only two readings on the same connection compare: watch one connection kept open.
    """
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    return int(version)


@contextmanager
def driver_connection(engine: Engine) -> Iterator[sqlite3.Connection]:
    """The sqlite3 connection under one of the engine's pooled connections, outside a transaction."""
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        yield connection
    finally:
        raw.close()


# --- the file on disk --------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of a SQLite file say about it."""

    page_size: int
    wal: bool  # the file is in write-ahead-log mode
    pages: int | None  # the database size in pages, when the header vouches for it

    @classmethod
    def parse(cls, data: bytes) -> Header | None:
        if len(data) < HEADER_SIZE or not data.startswith(MAGIC):
            return None
        (size,) = struct.unpack_from(">H", data, 16)
        page_size = 65536 if size == 1 else size
        if page_size < 512 or page_size & (page_size - 1):
            return None
        change_counter, pages = struct.unpack_from(">II", data, 24)
        (valid_for,) = struct.unpack_from(">I", data, 92)
        return cls(
            page_size=page_size,
            wal=data[18] == 2 or data[19] == 2,
            pages=pages if pages and change_counter == valid_for else None,
        )


def read_header(path: Path) -> Header | None:
    """The file's SQLite header, or None when it does not start like a SQLite database."""
    with path.open("rb") as file:
        return Header.parse(file.read(HEADER_SIZE))


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def lost_wal(path: Path) -> bool:
    """Whether committed changes sit in a write-ahead log that is no longer there.

    A process that stopped without closing leaves its log (-wal) and index (-shm). If the
    log has since gone — copied without it, or deleted — the index still counts frames
    not yet copied into the file (mxFrame > nBackfill), and SQLite would silently open
    the file without them.
    """
    shm = shm_path(path)
    if wal_path(path).exists() or not shm.exists():
        return False
    try:
        with shm.open("rb") as file:
            index = file.read(136)
    except OSError:
        return False
    if len(index) < 100 or index[12] != 1:  # not initialised: nothing to lose
        return False
    # The index header is in the machine's own byte order (it is never moved between machines).
    (max_frame,) = struct.unpack_from("=I", index, 16)
    (backfilled,) = struct.unpack_from("=I", index, 96)
    return int(max_frame) > int(backfilled)


def truncated(path: Path, header: Header) -> bool:
    """Whether the file is shorter than its own header says it is."""
    if header.pages is None or wal_path(path).exists():
        return False
    return path.stat().st_size < header.pages * header.page_size


@contextmanager
def inspecting(path: Path, header: Header) -> Iterator[sqlite3.Connection]:
    """A connection that can read `path` but never change it or leave files beside it.

    A file in WAL mode that nobody has open has no -wal file; a read-only connection would
    create one (and could not remove it), so such a file is opened as immutable instead.
    """
    uri = path.resolve().as_uri()
    if header.wal and not wal_path(path).exists():
        uri += "?immutable=1"
    else:
        uri += "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        yield connection
    finally:
        connection.close()


# --- checks ------------------------------------------------------------------------------


def quick_check(connection: sqlite3.Connection) -> list[str]:
    """SQLite's quick check (structure, not index contents): [] when the file is sound."""
    return _problems(connection.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall())


def integrity_check(connection: sqlite3.Connection) -> list[str]:
    """SQLite's full integrity check, indexes included: [] when the file is sound."""
    return _problems(connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall())


@dataclass(frozen=True)
class BrokenReference:
    """A row whose foreign key names a row that does not exist."""

    table: str
    rowid: int | None
    parent: str


def foreign_key_check(connection: sqlite3.Connection) -> list[BrokenReference]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    return [BrokenReference(str(table), rowid, str(parent)) for table, rowid, parent, _fk in rows]


def _problems(rows: list[tuple[Any, ...]]) -> list[str]:
    lines = [str(line) for row in rows for line in str(row[0]).splitlines()]
    return [] if lines == ["ok"] else [line for line in lines if line.strip()]


def table_names(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(name) for (name,) in rows}


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision the file says it is at, or None when it names none."""
    if "alembic_version" not in table_names(connection):
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


# --- the online backup API ---------------------------------------------------------------


def copy_database(source: sqlite3.Connection, target: Path) -> list[str]:
    """Copy the database behind `source` into the (new, empty) file `target`.

    Uses SQLite's online backup API, which reads one consistent snapshot even while other
    connections write, unlike a copy of the file. The copy is a single self-contained file
    (rollback-journal mode, no -wal). Returns the copy's quick-check problems ([] if sound).
    """
    with closing(sqlite3.connect(target, isolation_level=None)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        return quick_check(copy)


def restore_database(backup: Path, target: sqlite3.Connection) -> None:
    """Replace the content of the live database behind `target` with the file `backup`.

    The backup API writes into the live file under SQLite's own locks, so other
    connections see the old record or the new one, never a mixture.
    """
    with closing(sqlite3.connect(read_only_uri(backup), uri=True)) as source:
        source.backup(target)


def checkpoint(connection: sqlite3.Connection) -> None:
    """Copy everything in the write-ahead log into the file itself."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
