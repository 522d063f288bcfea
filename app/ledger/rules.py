"""The rules of DESIGN.md ("Rules (exact)"): overdue, slips, due soon, open-ended, RAG.

Pure functions of one ledger row and the as-of date; the database does the ledger walk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.settings import Settings
from db.status import LedgerRow

RED, AMBER, GREEN = "red", "amber", "green"


@dataclass(frozen=True)
class Standing:
    """A commitment as it stood on `as_of`, with everything a member asks of it."""

    row: LedgerRow
    as_of: dt.date
    slips: int
    overdue: bool
    days_overdue: int  # 0 unless overdue
    due_soon: bool
    days_left: int | None  # days until the target (negative when overdue), None if no target
    open_ended: bool
    rag: str | None  # red / amber / green while open; None once delivered or dropped
    days_late_first: int | None  # days past the first promised target (as of, or at closing)
    delivered_late_by: int | None  # delivered after its target: by how many days

    @property
    def key(self) -> str:
        return self.row.key

    @property
    def title(self) -> str:
        return self.row.title


def standing(row: LedgerRow, as_of: dt.date, settings: Settings) -> Standing:
    """Apply the rules to one row (already restricted to entries on or before `as_of`)."""
    is_open = row.state == "open"
    target = row.target
    slips = row.slips  # counted by the as-of query, targets compared as of the date
    overdue = is_open and target is not None and target < as_of
    days_left = (target - as_of).days if target is not None else None
    due_soon = (
        is_open and not overdue and days_left is not None and days_left <= settings.due_soon_days
    )
    open_ended = (
        is_open
        and target is None
        and (as_of - row.first_promised_on).days >= settings.open_ended_days
    )
    rag: str | None = None
    if is_open:
        if overdue:
            rag = RED
        elif due_soon or slips >= settings.amber_slips or open_ended:
            rag = AMBER
        else:
            rag = GREEN
    end = as_of if is_open else row.state_on
    days_late_first = (
        (end - row.first_target).days
        if end is not None and row.first_target is not None and end > row.first_target
        else None
    )
    delivered_late_by = (
        (row.state_on - target).days
        if row.state == "delivered" and row.state_on and target and row.state_on > target
        else None
    )
    return Standing(
        row=row,
        as_of=as_of,
        slips=slips,
        overdue=overdue,
        days_overdue=(as_of - target).days if overdue and target else 0,
        due_soon=due_soon,
        days_left=days_left,
        open_ended=open_ended,
        rag=rag,
        days_late_first=days_late_first,
        delivered_late_by=delivered_late_by,
    )
