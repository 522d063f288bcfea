"""Finding records by the names people type, for the command line and dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select

from app.core.errors import NotFound
from app.core.sessions import Sessions, action
from app.ledger import targets
from app.ledger.standings import no_body_message
from db import queries
from db.models import AgendaItem, Meeting, Owner


def body_id_named(sessions: Sessions, name: str) -> int:
    with action(sessions) as s:
        found = queries.body_id_named(s, name)
        if found is None:
            raise NotFound(no_body_message(s, name))
        return found


def meeting_dates(sessions: Sessions, meeting_ids: Sequence[int]) -> list[dt.date]:
    with action(sessions) as s:
        return list(
            s.scalars(
                select(Meeting.date).where(Meeting.id.in_(meeting_ids)).order_by(Meeting.date)
            )
        )


def body_meetings(sessions: Sessions, body_id: int) -> list[tuple[str, dt.date]]:
    """A body's meetings as (key, date) in date order, cancelled ones left out."""
    table = targets.body_meetings(sessions, body_id)
    return [(key, day) for _, key, day in sorted(table, key=lambda m: (m[2], m[1]))]


def id_for(sessions: Sessions, model: queries.Keyed, key: str, what: str) -> int:
    """The id of the record with that stable key (ids change when a deletion is undone)."""
    with action(sessions) as s:
        found = queries.id_by_key(s, model, key)
    if found is None:
        raise NotFound(f"no {what} {key!r}")
    return found


def agenda_item_at(sessions: Sessions, meeting_id: int, position: int) -> int:
    with action(sessions) as s:
        found = s.scalar(
            select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.position == position
            )
        )
    if found is None:
        raise NotFound(f"no agenda item at position {position}")
    return found


def owner_id_named(sessions: Sessions, name: str) -> int:
    with action(sessions) as s:
        found = s.scalar(select(Owner.id).where(Owner.name == name))
    if found is None:
        raise NotFound(f"no owner {name!r}")
    return found
