"""Where the promises stand as of a day, counted by the database: the Overview's and status bar's.

Each figure is one query over only the commitments it can concern (the open ones, the
delivered ones, the most re-promised), never a Standing built for every commitment in
the record, so the window's summaries cost the same at 100,000 commitments as at 1,000
that are open. The rules are the ones of app/ledger/rules.py (tests compare the two).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.sessions import Sessions, action
from app.core.settings import Settings
from app.ledger.rules import Standing, standing
from app.reads.commitment_list import bounds
from db.models import Promise
from db.status import Filters, LedgerRow, ledger_rows
from db.status_order import (
    delivered_late_count_statement,
    open_counts_statement,
    promise_counts_statement,
)

CHUNK = 5_000


@dataclass(frozen=True)
class OpenCounts:
    open: int
    overdue: int
    due_soon: int
    open_ended: int


def open_counts(sessions: Sessions, as_of: dt.date, settings: Settings) -> OpenCounts:
    """The open commitments on the day, and how many are overdue, due soon and open-ended."""
    with action(sessions) as s:
        row = s.execute(open_counts_statement(as_of, bounds(as_of, settings))).one()
    return OpenCounts(*(int(n or 0) for n in row))


def delivered_late(sessions: Sessions, as_of: dt.date) -> int:
    """Commitments delivered by the day, later than the target they had then."""
    with action(sessions) as s:
        return int(s.scalar(delivered_late_count_statement(as_of)) or 0)


def most_slipped(
    sessions: Sessions, as_of: dt.date, settings: Settings, most: int = 5
) -> list[Standing]:
    """The `most` commitments that slipped most often by the day (at least once), most first.

    A commitment's slips are fewer than its promises, so only the commitments with the
    most promises are walked: enough of them that no other could slip as often.
    """
    with action(sessions) as s:
        promised: dict[int, int] = dict(s.execute(promise_counts_statement(as_of)).all())
        counts = sorted(promised.values(), reverse=True)
        least = counts[most - 1] if len(counts) >= most else 1
        while True:
            least = max(least, 2)  # a slip needs a promise before it
            ids = tuple(cid for cid, n in promised.items() if n >= least)
            found = [standing(r, as_of, settings) for r in _rows(s, as_of, ids)]
            slipped = sorted((x for x in found if x.slips >= 1), key=_most_first)[:most]
            # Any commitment left out has fewer than `least` promises, so at most least - 2
            # slips: it cannot rank above (or tie with) the last one kept.
            if least <= 2 or (len(slipped) == most and slipped[-1].slips >= least - 1):
                return slipped
            least = slipped[-1].slips + 1 if len(slipped) == most else 2


def open_due_at(sessions: Sessions, as_of: dt.date, meeting_id: int, meeting_key: str) -> int:
    """Open commitments whose target, as of the day, is this meeting."""
    with action(sessions) as s:
        ids = tuple(
            s.scalars(
                select(Promise.commitment_id)
                .where(Promise.target_meeting_id == meeting_id, Promise.recorded_on <= as_of)
                .distinct()
            )
        )
        # (Read as the table's pages are, so no other statement is prepared for it.)
        rows = _rows(s, as_of, ids)
        return sum(1 for r in rows if r.state == "open" and r.target_meeting == meeting_key)


def _rows(s: Session, as_of: dt.date, ids: tuple[int, ...]) -> list[LedgerRow]:
    found: list[LedgerRow] = []
    for at in range(0, len(ids), CHUNK):  # SQLite takes so many values in one IN (…) at most
        chunk = ids[at : at + CHUNK]
        found += ledger_rows(s, as_of, Filters(commitment_ids=chunk))
    return found


def _most_first(s: Standing) -> tuple[int, bool, dt.date, str]:
    """Most slips first; equal ones in the list's own order (earliest target first, then key)."""
    target = s.row.target
    return (-s.slips, target is None, target or dt.date.min, s.row.key)
