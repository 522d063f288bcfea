"""Helpers shared by the data-safety tests: sample records, snapshots of files and rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.safety.opening import open_database
from app.transfer.record_io import load_sample
from db.engine import resolve_url
from db.sqlite_safety import inspecting, read_header

DATA = Path(__file__).resolve().parents[1] / "data"
RECORD_TABLES = (
    "bodies",
    "meetings",
    "agenda_items",
    "owners",
    "commitments",
    "promises",
    "notes",
)


def sample_record(path: Path) -> Path:
    """The NEC sample record in a closed file at `path` (no -wal beside it)."""
    db = open_database(resolve_url(str(path)))
    load_sample(db)
    db.close()
    return path


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file directly in `folder`, by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def rows(
    path: Path,
    tables: tuple[str, ...] = RECORD_TABLES,
    columns: dict[str, list[str]] | None = None,
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of each table, in id order, read without changing the file or its folder
    (only `columns`, when given: a later schema's new columns left out)."""
    with _reading(path) as connection:
        return {
            table: connection.execute(
                f"SELECT {', '.join(columns[table]) if columns else '*'} FROM {table} ORDER BY id"
            ).fetchall()
            for table in tables
        }


def columns_of(path: Path, tables: tuple[str, ...] = RECORD_TABLES) -> dict[str, list[str]]:
    """Each table's columns in the file, in order."""
    with _reading(path) as connection:
        return {
            table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            for table in tables
        }


def revision(path: Path) -> str:
    with _reading(path) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    header = read_header(path)
    assert header is not None, f"{path} is not a SQLite file"
    with inspecting(path, header) as connection:
        yield connection
