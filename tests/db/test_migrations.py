"""pytest-alembic's built-in checks, plus Docket's own: startup brings a file to head."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_alembic.tests import (  # noqa: F401  (collected as tests)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)

from app.core.errors import DomainError
from app.safety.opening import open_database
from db import migrate
from db.engine import make_engine, resolve_url


def test_open_creates_a_file_at_head(db_path: Path) -> None:
    db = open_database(resolve_url(str(db_path)))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()


def test_open_refuses_a_missing_file_when_not_creating(db_path: Path) -> None:
    with pytest.raises(DomainError, match="no database at"):
        open_database(resolve_url(str(db_path)), create=False)
    assert not db_path.exists()


def test_a_foreign_sqlite_database_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(DomainError, match="not a Docket database"):
        open_database(resolve_url(str(path)))
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my meeting notes, not a database.\n" * 200)
    before = path.read_bytes()
    with pytest.raises(DomainError, match="cannot be opened"):
        open_database(resolve_url(str(path)))
    assert path.read_bytes() == before
