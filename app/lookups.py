"""Finding records by the names people type, for the command line and dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select

from app.errors import NotFound
from app.records import Sessions, action
from app.standings import no_body_message
from db import queries
from db.models import Meeting


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
    """A body's meetings as (key, date), cancelled ones left out: what targets may name."""
    with action(sessions) as s:
        rows = s.execute(
            select(Meeting.key, Meeting.date)
            .where(Meeting.body_id == body_id, Meeting.status != "cancelled")
            .order_by(Meeting.date)
        )
        return [(key, day) for key, day in rows]
