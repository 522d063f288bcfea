"""A commitment's timeline as of a day: each promise labelled, notes, and its meeting's moves.

Every promise is labelled by what it did (original promise, slip, reaffirmed, brought
forward, dated, date withdrawn: app/ledger/slips.py), its target read as of the day.
While a promise's target is a meeting, each move of that meeting shows as its own entry,
"moved with the meeting" — the date changed, but nobody re-made the promise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.core.sessions import Sessions, action, rows_as
from app.ledger import slips
from app.reads.browse import BODY_LABEL
from db.meetings_as_of import MeetingStep, meeting_steps, meetings_as_of
from db.models import Body, Commitment, Meeting, Note, Owner, Promise

PROMISE, NOTE, MOVED = "promise", "note", "moved"
MOVED_WITH_MEETING = "moved with the meeting"


@dataclass(frozen=True)
class LedgerEntry:
    """One line of a commitment's timeline: a promise, a note, or its meeting moving."""

    kind: str  # PROMISE, NOTE or MOVED
    id: int
    recorded_on: dt.date
    target: dt.date | None  # a promise's target as of the day; a move: the meeting's new date
    target_meeting: str | None
    by: str
    text: str  # a promise's reason, a note's text, a move's reason
    source: str
    number: int  # promises: 1 = the original promise, 2 = the next, ...; others: 0
    label: str  # slips.ORIGINAL, slips.SLIP, ..., "note", MOVED_WITH_MEETING
    moved_from: dt.date | None = None  # a move: the meeting's date before it
    entered_by: str = ""  # the member who entered it into Docket (not who said it)

    @property
    def is_slip(self) -> bool:
        return self.label in slips.SLIPS


@dataclass(frozen=True)
class CommitmentDetail:
    id: int
    key: str
    title: str
    body_id: int
    body: str
    owner: str
    status: str  # as it is now
    status_on: dt.date | None
    details: str
    source: str
    entries: tuple[LedgerEntry, ...]
    as_of: dt.date

    @property
    def state(self) -> str:
        """Its status as of the day: open until the day it was delivered or dropped."""
        closed = self.status_on is not None and self.status_on <= self.as_of
        return self.status if closed else "open"

    @property
    def slips(self) -> int:
        """Slips recorded on or before the day."""
        return sum(1 for e in self.entries if e.is_slip and e.recorded_on <= self.as_of)


def commitment_detail(
    sessions: Sessions, commitment_id: int, as_of: dt.date | None = None
) -> CommitmentDetail | None:
    """A commitment with its whole timeline, targets and labels as of `as_of` (today)."""
    day = as_of or dt.date.today()
    target = aliased(Meeting)
    then = meetings_as_of(day)
    with action(sessions) as s:
        head = s.execute(
            select(
                Commitment.id,
                Commitment.key,
                Commitment.title,
                Commitment.body_id,
                BODY_LABEL,
                func.coalesce(Owner.name, ""),
                Commitment.status,
                Commitment.status_on,
                Commitment.details,
                Commitment.source,
            )
            .join(Body, Commitment.body_id == Body.id)
            .outerjoin(Owner, Commitment.owner_id == Owner.id)
            .where(Commitment.id == commitment_id)
        ).one_or_none()
        if head is None:
            return None
        promises = s.execute(
            select(
                Promise.id,
                Promise.recorded_on,
                func.coalesce(Promise.target_date, then.c.date).label("target"),
                target.key.label("meeting"),
                Promise.given_by,
                Promise.reason,
                Promise.source,
                Promise.target_meeting_id,
                Promise.entered_by,
            )
            .outerjoin(target, Promise.target_meeting_id == target.id)
            .outerjoin(then, then.c.id == Promise.target_meeting_id)
            .where(Promise.commitment_id == commitment_id)
            .order_by(Promise.recorded_on, Promise.id)
        ).all()
        notes = s.execute(
            select(Note.id, Note.recorded_on, Note.text, Note.source, Note.entered_by)
            .where(Note.commitment_id == commitment_id)
            .order_by(Note.recorded_on, Note.id)
        ).all()
        steps = meeting_steps(s, (p.target_meeting_id for p in promises if p.target_meeting_id))
        shared = s.get_bind().dialect.name != "sqlite"  # on a laptop every entry is the member's
    labels = slips.kinds([p.target for p in promises])
    entries = [
        LedgerEntry(
            PROMISE,
            pid,
            on,
            tgt,
            meeting,
            by,
            reason,
            source,
            n,
            labels[n - 1],
            entered_by=who if shared else "",
        )
        for n, (pid, on, tgt, meeting, by, reason, source, _, who) in enumerate(promises, start=1)
    ]
    entries += [
        LedgerEntry(
            NOTE,
            nid,
            on,
            None,
            None,
            "",
            text,
            source,
            0,
            "note",
            entered_by=who if shared else "",
        )
        for nid, on, text, source, who in notes
    ]
    entries += _moves(promises, steps)
    # Same day: the move or promise first, then what was said about it.
    order = {MOVED: 0, PROMISE: 1, NOTE: 2}
    entries.sort(key=lambda e: (e.recorded_on, order[e.kind], e.id))
    return rows_as(CommitmentDetail, [(*head, tuple(entries), day)])[0]


def _moves(promises: Sequence[Any], steps: dict[int, list[MeetingStep]]) -> list[LedgerEntry]:
    """The moves of each promise's meeting while that promise was the latest word."""
    found: list[LedgerEntry] = []
    for i, p in enumerate(promises):
        if p.target_meeting_id is None:
            continue
        until = promises[i + 1].recorded_on if i + 1 < len(promises) else dt.date.max
        for step in steps.get(p.target_meeting_id, []):
            if step.moved and p.recorded_on <= step.recorded_on < until:
                found.append(
                    LedgerEntry(
                        MOVED,
                        step.change_id,
                        step.recorded_on,
                        step.date_after,
                        p.meeting,
                        "",
                        step.reason,
                        step.source,
                        0,
                        MOVED_WITH_MEETING,
                        step.date_before,
                    )
                )
    return found
