"""Where the record lives and how we connect to it: URL resolution, engine, session factory."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "Docket"
ENV_VAR = "DOCKET_DB"
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """The record's default home: the platform's user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "docket.db"


def resolve_url(value: str | None = None) -> URL:
    """Turn `--db`, then `DOCKET_DB`, then the default into a SQLAlchemy URL.

    A value containing "://" is taken as a URL; anything else is a file path.
    """
    raw = value or os.environ.get(ENV_VAR) or str(default_db_path())
    if "://" in raw:
        return make_url(raw)
    path = Path(raw).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def make_engine(url: URL | str) -> Engine:
    """An engine for the record; SQLite gets the connection settings Docket relies on."""
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() != "sqlite":
        return create_engine(url)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    return engine


# --- SQLite-only SQL lives here and nowhere else ---------------------------------------


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL and a busy timeout on every connection; explicit BEGIN.

    pysqlite's own transaction handling defers BEGIN and commits before DDL, which breaks
    all-or-nothing writes and transactional migrations; the SQLAlchemy docs' recipe below
    hands transaction control back to SQLAlchemy.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL is safe with synchronous=NORMAL: a crash may lose the last commit, never
        # corrupt the file. (WAL itself is set once per file by enable_wal.)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def enable_wal(engine: Engine) -> None:
    """Switch a checked Docket file to write-ahead logging; the setting stays with the file.

    Never done on connect: that would rewrite the header of a file that is not ours.
    """
    if engine.dialect.name != "sqlite" or sqlite_path(engine.url) is None:
        return
    raw = engine.raw_connection()  # outside any transaction, which WAL switching requires
    try:
        raw.cursor().execute("PRAGMA journal_mode=WAL")
    finally:
        raw.close()


# ----------------------------------------------------------------------------------------


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """The session factory; use cases open one session per user action from it."""
    return sessionmaker(engine, expire_on_commit=False)
