"""The SQLite-only module: connection pragmas, file checks, integrity checks, the backup API.

Everything here speaks SQLite's own dialect — PRAGMAs, URI filenames, the online backup
API — and so does db/sqlite_files.py, which reads the file format's bytes; nothing else in
Docket does (db/engine.py calls in here for its SQLite settings). The rest of the code keeps to portable SQL, so a committee
can later share one record on PostgreSQL, where none of this applies.

Checks never change the file they look at: they read through a read-only connection
(`mode=ro`), or, when no other connection has the file open, an `immutable` one, which
creates no -wal or -shm file beside a file Docket may go on to refuse.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from db import sqlite_files
from db.sqlite_files import Header as Header
from db.sqlite_files import read_header as read_header
from db.sqlite_files import shm_path as shm_path
from db.sqlite_files import wal_path as wal_path

BUSY_TIMEOUT_MS = 10_000
# PRAGMA application_id of every record Docket makes: "DOCK". Another program's file says
# its own number (or 0, as files from before Docket set it do).
APPLICATION_ID = 0x444F434B
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


def track_connections(engine: Engine, path: Path) -> None:
    """Count the engine's connections to the record, for db/sqlite_files.py's reading.

    Registered before any other "connect" listener: a connection is counted before it
    takes any lock.
    """
    counted: set[int] = set()

    @event.listens_for(engine, "connect")
    def _opened(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        counted.add(id(dbapi_connection))
        sqlite_files.connection_opened(path)

    def closed(dbapi_connection: sqlite3.Connection, *_args: Any) -> None:
        if id(dbapi_connection) in counted:
            counted.discard(id(dbapi_connection))
            sqlite_files.connection_closed(path)

    event.listen(engine, "close", closed)
    event.listen(engine, "close_detached", closed)


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


def stamp_application_id(engine: Engine) -> bool:
    """Mark a checked Docket record as Docket's (PRAGMA application_id); True if it was unmarked.

    Only ever called on a file already recognised as a Docket record by its schema, and
    opened for writing: the header changes in a transaction of its own, like any write.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        (current,) = cursor.execute("PRAGMA application_id").fetchone()
        if int(current) == APPLICATION_ID:
            return False
        cursor.execute(f"PRAGMA application_id={APPLICATION_ID}")
        return True
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


# --- the file on disk (its bytes are read in db/sqlite_files.py) -----------------------


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
    connection.text_factory = _lenient_text  # a damaged file may hold anything
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
    """A row whose foreign key names a row that does not exist: which, and the id it names."""

    table: str
    rowid: int | None
    parent: str
    column: str = ""
    parent_id: int | None = None


def foreign_key_check(connection: sqlite3.Connection) -> list[BrokenReference]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    columns: dict[str, dict[int, str]] = {}
    found = []
    for table, rowid, parent, fkid in rows:
        if table not in columns:
            keys = connection.execute('SELECT id, "from" FROM pragma_foreign_key_list(?)', (table,))
            columns[table] = {int(i): str(c) for i, c in keys}
        column = columns[table].get(int(fkid), "")
        named = None
        if column and rowid is not None:
            value = connection.execute(
                f"SELECT {_quoted(column)} FROM {_quoted(table)} WHERE rowid = ?", (rowid,)
            ).fetchone()
            named = value[0] if value and isinstance(value[0], int) else None
        found.append(BrokenReference(str(table), rowid, str(parent), column, named))
    return found


def disk_reason(exc: BaseException) -> str | None:
    """Plain words for SQLite failing at the disk (full, unwritable); None for anything else.

    A full disk is SQLITE_FULL; a file that may grow no more (a size limit) comes back
    as a write error, which a failing disk also gives.
    """
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error):
        return None
    name = str(getattr(orig, "sqlite_errorname", ""))
    text = str(orig)
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "the disk is full"
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return "the disk could not be written or read (a disk I/O error: is it full?)"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "the file or its folder cannot be written"
    return None


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _quoted(name: str) -> str:
    """An identifier as SQL, whatever the file called it."""
    return '"' + str(name).replace('"', '""') + '"'


def _problems(rows: list[tuple[Any, ...]]) -> list[str]:
    lines = [str(line) for row in rows for line in str(row[0]).splitlines()]
    return [] if lines == ["ok"] else [line for line in lines if line.strip()]


def table_names(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(name) for (name,) in rows}


def table_columns(connection: sqlite3.Connection) -> dict[str, set[str]]:
    """Every table of the file with the names of its columns, in one query."""
    rows = connection.execute(
        "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c"
        " WHERE m.type = 'table'"
    ).fetchall()
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(str(table), set()).add(str(column))
    return tables


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
