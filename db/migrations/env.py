"""Alembic environment: runs migrations on the connection Docket hands over (or a URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from db import search_sqlite
from db.engine import make_engine
from db.models import Base

config = context.config
target_metadata = Base.metadata


def _ours(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate compares the models' tables only: the search index (FTS5 and its
    shadow tables, SQLite only) is made by migration 0004 from db/search_sqlite.py."""
    return not (type_ == "table" and name is not None and search_sqlite.is_index_table(name))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER by rebuilding tables
        compare_type=True,
        include_name=_ours,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Engine):  # pytest-alembic hands over an engine
        with connection.connect() as conn:
            _run(conn)
        return
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
