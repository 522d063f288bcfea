"""Shared plumbing for use cases: one transaction per action, and fetching a record or saying so."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.core import fields
from app.core.errors import Conflict, DomainError, NotFound
from db.queries import Keyed

Sessions = sessionmaker[Session]
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE when a role may not write
T = TypeVar("T")


@contextmanager
def action(sessions: Sessions) -> Iterator[Session]:
    """One user action = one transaction: all of it is written, or none of it."""
    try:
        with sessions.begin() as session:
            yield session
    except IntegrityError as exc:
        # Use cases check first and explain; this is the safety net for races.
        raise Conflict(f"the change conflicts with the record ({exc.orig})") from exc
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise DomainError(
                "the shared database does not let your role change the record (it can only"
                " read); nothing was saved. Ask the database's owner for docket_editor."
            ) from None
        raise
    except StaleDataError:
        # Another member saved the same record between our reading and writing it.
        raise Conflict(
            "someone else changed this at the same moment; nothing was saved: look again"
            " and try once more"
        ) from None


def get(session: Session, model: type[T], record_id: int, what: str) -> T:
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"no {what} with id {record_id}")
    return record


def claim_key(session: Session, model: Keyed, key: str | None, base: str, what: str) -> str:
    """The key asked for (refused if taken), or a free one made from `base`."""
    if key is None:
        return free_key(session, model, base)
    key = fields.key(key, "key")
    if session.scalar(select(model.id).where(model.key == key)) is not None:
        raise Conflict(f"key: a {what} with key {key!r} already exists")
    return key


def free_key(session: Session, model: Keyed, base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever is not yet taken."""
    taken = set(session.scalars(select(model.key).where(model.key.startswith(base))))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def rows_as(cls: type[T], rows: Iterable[Any]) -> list[T]:
    """Result rows as immutable row objects whose fields follow the selected columns."""
    return [cls(*row) for row in rows]
