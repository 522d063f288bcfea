"""Opening the record: find it, check it is a Docket database, bring it to the current schema."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError

from app.errors import DomainError
from app.records import Sessions
from db import migrate
from db.engine import enable_wal, make_engine, make_sessions, sqlite_path


@dataclass
class Database:
    """An open record: the engine, the session factory use cases draw on, and where it lives."""

    url: URL
    engine: Engine
    sessions: Sessions

    @property
    def location(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path else self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def exists(url: URL) -> bool:
    """Whether there is a record at `url` (any non-file database counts as existing)."""
    path = sqlite_path(url)
    return path is None or path.exists()


def open_database(url: URL, *, create: bool = True) -> Database:
    """Open the record at `url`, creating it if allowed, and migrate it to head.

    Refuses plainly, changing nothing, when the file is not a Docket database or was
    written by a newer Docket.
    """
    path = sqlite_path(url)
    if path is not None and not path.exists() and not create:
        raise DomainError(f"no database at {path}; create one with `docket init`")
    engine = make_engine(url)
    try:
        _bring_to_head(engine, url)
        enable_wal(engine)
    except DatabaseError as exc:
        engine.dispose()
        raise DomainError(f"{path or url}: cannot be opened as a database ({exc.orig})") from None
    except DomainError:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, sessions=make_sessions(engine))


def _bring_to_head(engine: Engine, url: URL) -> None:
    current = migrate.current_revision(engine)
    if current is None:
        if inspect(engine).get_table_names():
            raise DomainError(f"{sqlite_path(url) or url}: not a Docket database")
    elif not migrate.is_known(current):
        raise DomainError(
            f"{sqlite_path(url) or url}: written by a newer Docket (schema {current});"
            " upgrade Docket to open it"
        )
    if current != migrate.head_revision():
        migrate.upgrade(engine)
