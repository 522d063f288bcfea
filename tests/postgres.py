"""PostgreSQL for the tests: a fresh database per test, cloned from a template at head.

`DOCKET_TEST_POSTGRES` names a server database the tests may use to create others
(`postgresql+psycopg://docket@127.0.0.1/docket_test`; its role needs CREATEDB). When it
is set, every test that takes the `db` fixture runs on SQLite and on PostgreSQL. Making
the schema once, in a template, and cloning it per test (CREATE DATABASE … TEMPLATE)
keeps each test's database new for about a tenth of a second.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

ENV_VAR = "DOCKET_TEST_POSTGRES"
_counter = itertools.count(1)
_template: list[str] = []


def server_url() -> URL | None:
    raw = os.environ.get(ENV_VAR, "").strip()
    return make_url(raw) if raw else None


def _admin(url: URL):  # type: ignore[no-untyped-def]
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _named(url: URL, name: str) -> URL:
    return url.set(database=name)


def _template_name(url: URL) -> str:
    """The template at the schema's head, made once per test process."""
    if not _template:
        from app.safety.opening import open_database

        name = f"docket_tpl_{os.getpid()}"
        engine = _admin(url)
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        db = open_database(_named(url, name))
        db.close()
        _template.append(name)
    return _template[0]


_spent: list[str] = []  # databases of finished tests, dropped when the next one starts


@contextmanager
def fresh_database() -> Iterator[URL]:
    """A new database at the schema's head.

    It is dropped when the next test asks for one (or the session ends), not at once: a
    test's window may still be closing, and reading, after its fixtures are torn down."""
    url = server_url()
    assert url is not None, f"{ENV_VAR} is not set"
    template = _template_name(url)
    name = f"docket_t_{os.getpid()}_{next(_counter)}"
    admin = _admin(url)
    with admin.connect() as conn:
        _drop_spent(conn)
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    try:
        yield _named(url, name)
    finally:
        _spent.append(name)


def _drop_spent(conn: Any) -> None:
    """Drop the spent databases; one still held by another role's session (a member's
    login in a roles test) waits for the next try."""
    left = []
    while _spent:
        name = _spent.pop()
        try:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except DBAPIError:
            left.append(name)
    _spent.extend(left)


@contextmanager
def empty_database() -> Iterator[URL]:
    """A new database with no schema at all (for migrations and copies)."""
    url = server_url()
    assert url is not None, f"{ENV_VAR} is not set"
    name = f"docket_e_{os.getpid()}_{next(_counter)}"
    admin = _admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _named(url, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def drop_template() -> None:
    """At the end of the session: the last tests' databases and the template."""
    url = server_url()
    if url is None:
        return
    admin = _admin(url)
    with admin.connect() as conn:
        _drop_spent(conn)
        if _template:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{_template[0]}" WITH (FORCE)'))
    admin.dispose()
    _template.clear()
