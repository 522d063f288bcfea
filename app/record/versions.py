"""No lost updates: an edit made on a form is refused if the record changed meanwhile.

Commitments, meetings and agenda items carry a version that every update bumps (the
models' `version_id_col`). A form remembers the version it was filled from; saving it
over a newer one raises EditConflict, which says who changed it and when, and holds
both sides, so the member can look at theirs or save theirs over it knowingly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import Conflict
from app.core.sessions import Sessions, action, get
from db.models import AuditEntry, Base


class EditConflict(Conflict):
    """Someone else saved the record after this member's form was filled."""

    def __init__(
        self,
        what: str,
        theirs: Mapping[str, Any],
        version: int,
        by: str = "",
        at: dt.datetime | None = None,
    ) -> None:
        who = f" by {by}" if by else ""
        local = at.replace(tzinfo=dt.UTC).astimezone() if at else None  # logged in UTC
        when = f" at {local:%H:%M} on {local:%-d %b %Y}" if local else ""
        super().__init__(
            f"{what} was changed{who}{when} while you were editing it; nothing was saved"
        )
        self.what, self.theirs, self.version, self.by, self.at = what, dict(theirs), version, by, at


def version_of(sessions: Sessions, model: type[Base], record_id: int, what: str) -> int:
    """The version a form is filled from."""
    with action(sessions) as s:
        return int(get(s, model, record_id, what).version)  # type: ignore[attr-defined]


def expect(
    session: Session,
    record: Any,
    expected: int | None,
    what: str,
    theirs: Callable[[], Mapping[str, Any]],
) -> None:
    """Refuse the edit when the record is no longer at the version the form came from."""
    if expected is None or record.version == expected:
        return
    by, at = last_change(session, record.__tablename__, record.id)
    raise EditConflict(what, theirs(), record.version, by, at)


def last_change(session: Session, table: str, record_id: int) -> tuple[str, dt.datetime | None]:
    """Who last changed a record, and when (from the audit log)."""
    found = session.execute(
        select(AuditEntry.member, AuditEntry.os_user, AuditEntry.at)
        .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return "", None
    member, os_user, at = found
    return member or os_user, at
