"""Use cases that answer "where does every promise stand?" as of a date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.sessions import Sessions, action
from app.core.settings import Settings
from app.ledger.rules import Standing, standing
from db import queries
from db.status import Filters, ledger_rows


def standings(
    sessions: Sessions, as_of: dt.date, settings: Settings, filters: Filters | None = None
) -> list[Standing]:
    """Every commitment that existed on `as_of`, most days overdue first."""
    filters = filters or Filters()
    with action(sessions) as s:
        _check_names(s, filters)
        return [standing(row, as_of, settings) for row in ledger_rows(s, as_of, filters)]


def overdue(
    sessions: Sessions,
    as_of: dt.date,
    settings: Settings,
    *,
    body: str | None = None,
    owner: str | None = None,
) -> list[Standing]:
    """Open on `as_of` with a target strictly before it; due on the day itself is not late."""
    filters = Filters(body=body, owner=owner, states=("open",), target_before=as_of)
    return standings(sessions, as_of, settings, filters)


def due_within(
    sessions: Sessions,
    as_of: dt.date,
    days: int,
    settings: Settings,
    *,
    body: str | None = None,
    owner: str | None = None,
) -> list[Standing]:
    """Open and not overdue on `as_of`, with a target no more than `days` days ahead."""
    filters = Filters(
        body=body,
        owner=owner,
        states=("open",),
        target_from=as_of,
        # Far-future dates stop at the calendar's end rather than overflow.
        target_until=as_of + dt.timedelta(days=days)
        if (dt.date.max - as_of).days > days
        else dt.date.max,
    )
    return standings(sessions, as_of, settings, filters)


def _check_names(s: Session, filters: Filters) -> None:
    """An unknown body or owner is a mistake to report, not an empty list."""
    if filters.body is not None and queries.body_id_named(s, filters.body) is None:
        raise NotFound(no_body_message(s, filters.body))
    if filters.owner is not None and not queries.owner_ids_named(s, filters.owner):
        raise NotFound(f"no owner {filters.owner!r}")


def no_body_message(s: Session, name: str) -> str:
    return f"no body {name!r} (bodies: {', '.join(queries.body_keys(s)) or 'none yet'})"
