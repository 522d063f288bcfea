"""A list as of a day, in any column's order, as ids alone: what a lazy table needs first.

The sorting is done by the database, from the same ledger summary as the rows
(db/status.py), so a list of 100,000 commitments is ordered without one of them being
built in Python; the table then fetches the rows it shows, a page at a time, by id.
The order of each column is the order the table gave when it sorted rows itself: a
column's missing values (no target) come last in ascending order, and equal values keep
the list's own order (earliest target first, then key).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from db.meetings_as_of import meetings_as_of
from db.models import Body, Commitment, Owner, Promise
from db.status import AsOf, Filters

SORTS = ("rag", "title", "owner", "body", "target", "status", "slips", "first_target", "latest")


@dataclass(frozen=True)
class Bounds:
    """The rules' thresholds on one day (app/ledger/rules.py), as the dates they come to."""

    due_until: dt.date  # open and not overdue, due on or before this day: due soon
    amber_slips: int  # slipped this often: amber
    open_ended_by: dt.date  # no target, first promised on or before this day: open-ended


def ordered_ids_statement(
    as_of: dt.date,
    f: Filters,
    bounds: Bounds,
    sort: str,
    descending: bool = False,
    body_ids: list[int] | None = None,
    owner_ids: list[int] | None = None,
) -> Select[int]:
    """The ids of the listed commitments, sorted by `sort` (one of SORTS)."""
    q = AsOf(as_of, f, body_ids, owner_ids)
    keys = [
        key.asc() if ascending != descending else key.desc()
        for key, ascending in _keys(q, bounds, sort)
    ]
    return (
        select(Commitment.id)
        .select_from(q.listed())
        .where(*q.conditions())
        .order_by(*keys, *q.source_order())
    )


def rag_rank(q: AsOf, bounds: Bounds) -> Any:
    """0 red, 1 amber, 2 green, 3 closed: the RAG of app/ledger/rules.py as an SQL CASE."""
    target, ledger = q.target, q.ledger
    is_open = q.state == "open"
    amber = or_(
        target <= bounds.due_until,  # not overdue (that was red), so due soon
        ledger.c.slips >= bounds.amber_slips,
        and_(target.is_(None), ledger.c.first_on <= bounds.open_ended_by),
    )
    return case(
        (and_(is_open, target < q.as_of), 0),
        (and_(is_open, amber), 1),
        (is_open, 2),
        else_=3,
    )


def _keys(q: AsOf, bounds: Bounds, sort: str) -> list[tuple[Any, bool]]:
    """A column's sort keys for ascending order, each (key, ascending); descending flips each."""
    target, ledger = q.target, q.ledger
    keys: dict[str, list[Any]] = {
        "rag": [rag_rank(q, bounds)],
        "title": [Commitment.title],
        "owner": [func.coalesce(Owner.name, literal(""))],
        "body": [func.coalesce(func.nullif(Body.short_name, ""), Body.name)],
        "target": [target.is_(None), target],
        "slips": [ledger.c.slips],
        "first_target": [ledger.c.first.is_(None), ledger.c.first],
        "latest": [ledger.c.last_on],
    }
    if sort == "status":
        # Closed first, then open without a date, then by days left, most left first
        # (app/ledger/words.when_sort_key): descending puts the most overdue on top.
        group = case((q.state != "open", 0), (target.is_(None), 1), else_=2)
        dated = case((q.state == "open", target), else_=None)  # a closed one's is no key
        return [(group, True), (dated, False)]
    if sort not in keys:
        raise ValueError(f"no sort {sort!r} (sorts: {', '.join(SORTS)})")
    return [(key, True) for key in keys[sort]]


def existing_count_statement(as_of: dt.date) -> Select[int]:
    """How many commitments existed on the day: those with a promise recorded by then.

    One pass over the covering index (commitment_id, recorded_on) of promises.
    """
    return select(func.count(Promise.commitment_id.distinct())).where(Promise.recorded_on <= as_of)


def open_counts_statement(as_of: dt.date, bounds: Bounds) -> Select[tuple[int, int, int, int]]:
    """Open commitments on the day: how many, and how many overdue, due soon, open-ended."""
    q = AsOf(as_of, Filters(states=("open",)), None, None)
    target, first_on = q.target, q.ledger.c.first_on

    def how_many(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    return (
        select(
            func.count(),
            how_many(target < as_of),
            how_many(and_(target >= as_of, target <= bounds.due_until)),
            how_many(and_(target.is_(None), first_on <= bounds.open_ended_by)),
        )
        .select_from(q.listed())
        .where(*q.conditions())
    )


def delivered_late_count_statement(as_of: dt.date) -> Select[int]:
    """Delivered by the day, after the target its latest promise by then gave (as of the day).

    A delivered commitment takes no promise after its delivery, so its latest promise is
    found through the ledger's index, one look-up each, with no walk of the whole ledger.
    """
    latest = (
        select(Promise.id)
        .where(Promise.commitment_id == Commitment.id, Promise.recorded_on <= as_of)
        .order_by(Promise.recorded_on.desc(), Promise.id.desc())
        .limit(1)
        .correlate(Commitment)
        .scalar_subquery()
    )
    last = aliased(Promise, name="latest_promise")
    meetings = meetings_as_of(as_of)
    target = func.coalesce(last.target_date, meetings.c.date)
    return (
        select(func.count())
        .select_from(Commitment)
        .join(last, last.id == latest)
        .outerjoin(meetings, meetings.c.id == last.target_meeting_id)
        .where(
            Commitment.status == "delivered",
            Commitment.status_on <= as_of,
            Commitment.status_on > target,
        )
    )


def promise_counts_statement(as_of: dt.date) -> Select[int, int]:
    """Each commitment's number of promises by the day (its slips are at most one fewer)."""
    return (
        select(Promise.commitment_id, func.count())
        .where(Promise.recorded_on <= as_of)
        .group_by(Promise.commitment_id)
    )
