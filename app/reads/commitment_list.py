"""The Commitments list as of a day, for a table that shows any size of record at once.

`list_order` asks the database for the ids of the listed commitments in the order the
table shows them (filters, search and sorting are all done there) and reads the first
page of rows; `list_page` reads any other page when the table scrolls to it. Neither ever
holds more than a page of rows, so a record of 100,000 commitments lists as quickly as
one of 1,000 commitments the same filter lets through, and takes no more memory than
its ids. Each row shown is a Standing made by the rules themselves (app/ledger/rules.py).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.sessions import Sessions, action
from app.core.settings import Settings
from app.ledger.rules import Standing, standing
from db.models import Body, Commitment, Owner
from db.status import Filters, ledger_rows
from db.status_order import SORTS, Bounds, existing_count_statement, ordered_ids_statement

PAGE = 100
SHOWS = (
    "open",
    "overdue",
    "due_soon",
    "open_ended",
    "slipped",
    "delivered",
    "delivered_late",
    "dropped",
    "all",
)


@dataclass(frozen=True)
class ListQuery:
    """What the table asks for: a day, a Show filter, a body, an owner, a search, a sort."""

    as_of: dt.date
    show: str = "open"
    body: str | None = None  # a body's key
    owner: str | None = None  # an owner's name, exactly
    text: str = ""
    sort: str = "status"  # one of db.status_order.SORTS
    descending: bool = True

    def __post_init__(self) -> None:
        if self.show not in SHOWS:
            raise ValueError(f"no Show filter {self.show!r}")
        if self.sort not in SORTS:
            raise ValueError(f"no sort {self.sort!r}")


@dataclass(frozen=True)
class ListOrder:
    """The answer: the ids in order, how many existed that day, and the first page's rows."""

    query: ListQuery
    ids: array[int]
    total: int
    first: list[Standing] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def bounds(as_of: dt.date, settings: Settings) -> Bounds:
    return Bounds(
        due_until=_days_after(as_of, settings.due_soon_days),
        amber_slips=settings.amber_slips,
        open_ended_by=_days_after(as_of, -settings.open_ended_days),
    )


def show_filters(show: str, as_of: dt.date, settings: Settings) -> Filters:
    """The Show filter as the list's filters (the rules' own terms: see app/ledger/rules.py)."""
    is_open: tuple[str, ...] = ("open",)
    return {
        "open": Filters(states=is_open),
        "overdue": Filters(states=is_open, target_before=as_of),
        "due_soon": Filters(
            states=is_open,
            target_from=as_of,
            target_until=_days_after(as_of, settings.due_soon_days),
        ),
        "open_ended": Filters(
            states=is_open, open_ended_by=_days_after(as_of, -settings.open_ended_days)
        ),
        "slipped": Filters(min_slips=settings.amber_slips),
        "delivered": Filters(states=("delivered",)),
        "delivered_late": Filters(delivered_late=True),
        "dropped": Filters(states=("dropped",)),
        "all": Filters(),
    }[show]


def list_order(
    sessions: Sessions, query: ListQuery, settings: Settings, *, first: int = PAGE
) -> ListOrder:
    """The listed ids in the table's order, the day's total, and the first `first` rows."""
    with action(sessions) as s:
        base = show_filters(query.show, query.as_of, settings)
        f = Filters(**{**base.__dict__, "text": query.text.strip() or None})
        body_ids = None if query.body is None else _ids(s, Body.id, Body.key == query.body)
        owner_ids = None if query.owner is None else _ids(s, Owner.id, Owner.name == query.owner)
        stmt = ordered_ids_statement(
            query.as_of,
            f,
            bounds(query.as_of, settings),
            query.sort,
            query.descending,
            body_ids,
            owner_ids,
        )
        ids = array("q", s.scalars(stmt))
        total = int(s.scalar(existing_count_statement(query.as_of)) or 0)
        rows = _page(s, ids[:first], query.as_of, settings)
    return ListOrder(query, ids, total, rows)


def list_page(
    sessions: Sessions, ids: Sequence[int], as_of: dt.date, settings: Settings
) -> list[Standing]:
    """The rows of these commitments as of the day, in the order of `ids`."""
    with action(sessions) as s:
        return _page(s, ids, as_of, settings)


def id_of(sessions: Sessions, key: str) -> int | None:
    with action(sessions) as s:
        return s.scalar(select(Commitment.id).where(Commitment.key == key))


def _page(s: Session, ids: Sequence[int], as_of: dt.date, settings: Settings) -> list[Standing]:
    if not len(ids):
        return []
    found = {row.id: row for row in ledger_rows(s, as_of, Filters(commitment_ids=tuple(ids)))}
    return [standing(found[i], as_of, settings) for i in ids if i in found]


def _ids(s: Session, column: Any, condition: Any) -> list[int]:
    """The ids a Body or Owner filter names (exactly: a key, or a name as listed)."""
    return list(s.scalars(select(column).where(condition)))


def _days_after(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, stopping at the calendar's ends rather than overflowing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
