"""Where the record lives and how we connect to it: URL resolution, engine, session factory.

SQLite-only SQL (pragmas, checks, the backup API) is not here but in db/sqlite_safety.py,
the one module allowed to speak SQLite's dialect.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from db import audit, sqlite_safety

APP_NAME = "Docket"
ENV_VAR = "DOCKET_DB"


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
        return create_engine(with_tls(url), pool_pre_ping=True)
    path = sqlite_path(url)
    if path is not None:
        private_folder(path.parent)
    engine = create_engine(url, connect_args={"timeout": sqlite_safety.BUSY_TIMEOUT_MS / 1000})
    if path is not None:  # so reading its files never drops SQLite's locks
        sqlite_safety.track_connections(engine, path)
    sqlite_safety.configure_engine(engine)
    return engine


SSLMODE_VAR = "DOCKET_PG_SSLMODE"


def with_tls(url: URL) -> URL:
    """A server URL that uses TLS whenever the server offers it (`sslmode=prefer`), or as
    DOCKET_PG_SSLMODE says (`require`, `verify-full`, …); one the URL names wins."""
    if url.get_backend_name() != "postgresql" or "sslmode" in url.query:
        return url
    return url.update_query_dict({"sslmode": os.environ.get(SSLMODE_VAR, "prefer")})


def make_read_only_engine(url: URL) -> Engine:
    """An engine that can only read the record (for a second Docket while one is writing)."""
    path = sqlite_path(url)
    if path is None:
        raise ValueError("only a database file can be opened read-only")
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite_safety.connect_read_only(path), poolclass=QueuePool
    )
    sqlite_safety.track_connections(engine, path)
    sqlite_safety.configure_engine(engine, read_only=True)
    return engine


# --- files of the record: private to their owner ----------------------------------------


def private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) readable by its owner only (0700, any umask).

    Folders that already exist are left as they are: `--db /tmp/x.db` must not chmod /tmp.
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)


def private_file(path: Path) -> None:
    """Make a file of ours readable and writable by its owner only (0600)."""
    try:
        info = path.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return  # not ours to change
        if info.st_mode & 0o777 != 0o600:
            os.chmod(path, 0o600)
    except FileNotFoundError:
        return


# ----------------------------------------------------------------------------------------


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """The session factory; use cases open one session per user action from it.

    Every change made through its sessions is written to the audit log in the same
    transaction (see db/audit.py).
    """
    sessions = sessionmaker(sqlite_safety.for_use_cases(engine), expire_on_commit=False)
    audit.install(sessions)
    return sessions
