"""Rebuilding the search index from the record (`docket check --repair-index`).

The index is written by triggers in the same transaction as every change, so it should
never drift; this is for a file whose index was damaged or made by hand."""

from __future__ import annotations

from app.core.errors import DomainError
from app.core.sessions import Sessions, action
from db import search_sqlite


def repair_index(sessions: Sessions) -> int:
    """Make the index anew in one transaction; how many entries it holds."""
    with action(sessions) as s:
        conn = s.connection()
        if conn.dialect.name != "sqlite":
            raise DomainError("a shared database searches its tables directly: it has no index")
        return search_sqlite.rebuild(conn)
