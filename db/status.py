"""The as-of query: every commitment as it stood on a date, in one SQL statement.

Window functions rank each commitment's ledger entries recorded on or before the date,
so the database does the walking, whatever the size of the record (no Python loop over
promises). Meeting targets resolve to the meetings' dates *as of the date*
(db/meetings_as_of.py), and each promise is compared with the one before it to count
slips (docs/rules.md). Portable SQL: SQLite 3.25+ and PostgreSQL both run it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Date,
    Select,
    and_,
    case,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from db.meetings_as_of import meetings_as_of
from db.models import Body, Commitment, Meeting, Note, Owner, Promise
from db.queries import body_ids_named, owner_ids_named


@dataclass(frozen=True)
class LedgerRow:
    """One commitment as of a date, straight from the ledger (the rules live in app/)."""

    id: int
    key: str
    title: str
    body_key: str
    body_name: str
    body_short_name: str
    owner: str | None
    state: str  # open, delivered or dropped, as of the date
    state_on: dt.date | None  # when it was delivered or dropped (None while open)
    target: dt.date | None  # the latest promise's target, a meeting resolved to its date
    target_meeting: str | None
    target_meeting_date: dt.date | None
    first_target: dt.date | None
    first_promised_on: dt.date
    promises: int  # promises recorded on or before the date: the original and each re-promise
    slips: int  # the re-promises that moved the target later or withdrew its date
    last_slip_on: dt.date | None  # when the latest of those was recorded
    last_promised_on: dt.date
    last_promised_by: str
    last_reason: str
    last_source: str
    last_note_on: dt.date | None
    last_note: str | None


@dataclass(frozen=True)
class Filters:
    """Narrowing a list by body (key, short name or name) or owner name; case-insensitive."""

    body: str | None = None
    owner: str | None = None
    states: tuple[str, ...] | None = None  # e.g. ("open",)
    target_before: dt.date | None = None  # targets strictly before this date
    target_from: dt.date | None = None  # targets on or after this date
    target_until: dt.date | None = None  # targets on or before this date
    open_ended_by: dt.date | None = None  # no target, first promised on or before this date
    commitment_ids: tuple[int, ...] | None = None
    body_id: int | None = None  # one body, by id
    min_slips: int | None = None  # slipped at least this many times
    delivered_late: bool = False  # delivered after its target
    text: str | None = None  # in the title, key, owner or body's names (ASCII case ignored)


def ledger_rows(
    session: Session, as_of: dt.date, filters: Filters | None = None
) -> list[LedgerRow]:
    """Every commitment that existed on `as_of`, with its state and targets on that date."""
    stmt = as_of_statement(as_of, filters or Filters(), *named(session, filters))
    # Columns are selected in field order, so each row unpacks straight into a LedgerRow.
    return [LedgerRow(*row) for row in session.execute(stmt)]  # type: ignore[arg-type, call-arg]


def named(session: Session, f: Filters | None) -> tuple[list[int] | None, list[int] | None]:
    """The ids of the body and owner a filter names (matched in Python: see body_ids_named)."""
    if f is None:
        return None, None
    bodies = body_ids_named(session, f.body) if f.body is not None else None
    owners = owner_ids_named(session, f.owner) if f.owner is not None else None
    return bodies, owners


def as_of_statement(
    as_of: dt.date,
    f: Filters,
    body_ids: list[int] | None = None,
    owner_ids: list[int] | None = None,
) -> Select[tuple[object, ...]]:
    """Every listed commitment's LedgerRow as of the day, earliest target first."""
    q = AsOf(as_of, f, body_ids, owner_ids)
    last = aliased(Promise, name="last_promise")
    last_meeting = aliased(Meeting)
    # The latest note by then, found through its index for each commitment listed.
    last_note = aliased(Note, name="last_note")
    latest_note = (
        select(Note.id)
        .where(Note.commitment_id == Commitment.id, Note.recorded_on <= as_of)
        .order_by(Note.recorded_on.desc(), Note.id.desc())
        .limit(1)
        .correlate(Commitment)
        .scalar_subquery()
    )
    target, ledger = q.target, q.ledger
    stmt = (
        select(
            Commitment.id.label("id"),
            Commitment.key.label("key"),
            Commitment.title.label("title"),
            Body.key.label("body_key"),
            Body.name.label("body_name"),
            Body.short_name.label("body_short_name"),
            Owner.name.label("owner"),
            q.state.label("state"),
            q.state_on.label("state_on"),
            type_coerce(target, Date).label("target"),
            last_meeting.key.label("target_meeting"),
            type_coerce(
                case((last.target_meeting_id.is_not(None), target), else_=None), Date
            ).label("target_meeting_date"),
            type_coerce(ledger.c.first, Date).label("first_target"),
            type_coerce(ledger.c.first_on, Date).label("first_promised_on"),
            ledger.c.promises.label("promises"),
            ledger.c.slips.label("slips"),
            type_coerce(ledger.c.last_slip_on, Date).label("last_slip_on"),
            last.recorded_on.label("last_promised_on"),
            last.given_by.label("last_promised_by"),
            last.reason.label("last_reason"),
            last.source.label("last_source"),
            last_note.recorded_on.label("last_note_on"),
            last_note.text.label("last_note"),
        )
        .select_from(q.listed())
        .join(last, last.id == ledger.c.last_id)
        .outerjoin(last_meeting, last_meeting.id == last.target_meeting_id)
        .outerjoin(last_note, last_note.id == latest_note)
    )
    # Earliest target first (most days overdue); no target last; then a stable order.
    return stmt.where(*q.conditions()).order_by(*q.source_order())


class AsOf:
    """The parts of a list as of a day: each commitment's ledger summed up, and its state.

    `ledger` holds, for each listed commitment that existed on the day, its promises, slips,
    first and latest target (meetings at their dates as of the day), and latest promise's
    id. What narrows the list by the commitment alone (state, body, owner, ids, text)
    narrows the ledger walk too, so a short list walks only its own commitments' ledgers.
    """

    def __init__(
        self, as_of: dt.date, f: Filters, body_ids: list[int] | None, owner_ids: list[int] | None
    ) -> None:
        self.as_of, self.f = as_of, f
        self.closed = and_(Commitment.status != "open", Commitment.status_on <= as_of)
        self.state = case((self.closed, Commitment.status), else_="open")
        self.state_on = case((self.closed, Commitment.status_on), else_=None)
        self.narrowing = _narrowing(self.state, f, body_ids, owner_ids)
        wanted = None
        if self.narrowing:
            wanted = (
                select(Commitment.id)
                .join(Body, Body.id == Commitment.body_id)
                .outerjoin(Owner, Owner.id == Commitment.owner_id)
                .where(*self.narrowing)
            )
        self.ledger = _ledger(as_of, wanted)
        self.target = self.ledger.c.target

    def listed(self) -> Any:
        """The ledger joined to its commitments, their bodies and owners."""
        return (
            self.ledger.join(Commitment, Commitment.id == self.ledger.c.commitment_id)
            .join(Body, Body.id == Commitment.body_id)
            .outerjoin(Owner, Owner.id == Commitment.owner_id)
        )

    def conditions(self) -> list[ColumnElement[bool]]:
        f, target, ledger = self.f, self.target, self.ledger
        found = list(self.narrowing)
        if f.target_before is not None:
            found.append(target < f.target_before)
        if f.target_from is not None:
            found.append(target >= f.target_from)
        if f.target_until is not None:
            found.append(target <= f.target_until)
        if f.open_ended_by is not None:
            found.append(and_(target.is_(None), ledger.c.first_on <= f.open_ended_by))
        if f.min_slips is not None:
            found.append(ledger.c.slips >= f.min_slips)
        if f.delivered_late:
            found.append(and_(self.state == "delivered", self.state_on > target))
        return found

    def source_order(self) -> list[Any]:
        return [self.target.is_(None), self.target, Commitment.key]


def _ledger(as_of: dt.date, wanted: Select[Any] | None) -> CTE:
    p = Promise
    meetings = meetings_as_of(as_of)
    # Each promise's target as of the date: its own date, or its meeting's date then.
    resolved = func.coalesce(p.target_date, meetings.c.date)
    order = (p.recorded_on, p.id)
    # Each commitment's entries in order, each with the target of the one before it and
    # the id of the one after it (none after the newest).
    ranked = (
        select(
            p.commitment_id,
            p.id,
            p.recorded_on,
            resolved.label("target"),
            func.lag(resolved).over(partition_by=p.commitment_id, order_by=order).label("before"),
            func.row_number().over(partition_by=p.commitment_id, order_by=order).label("oldest"),
            func.lead(p.id).over(partition_by=p.commitment_id, order_by=order).label("after"),
        )
        .outerjoin(meetings, meetings.c.id == p.target_meeting_id)
        .where(p.recorded_on <= as_of, *([] if wanted is None else [p.commitment_id.in_(wanted)]))
        .cte("ranked")
    )
    # A slip: a later promise whose target is later than the one before, or none where
    # there was one (a date withdrawn). Same, earlier or newly dated targets are not slips.
    is_slip = and_(
        ranked.c.oldest > 1,
        or_(
            and_(ranked.c.before.is_not(None), ranked.c.target.is_(None)),
            ranked.c.target > ranked.c.before,
        ),
    )
    newest = ranked.c.after.is_(None)
    # One pass over the ranked entries gives everything per commitment (no self-joins).
    return (
        select(
            ranked.c.commitment_id,
            func.count().label("promises"),
            func.sum(case((is_slip, 1), else_=0)).label("slips"),
            func.max(case((is_slip, ranked.c.recorded_on), else_=None)).label("last_slip_on"),
            func.min(ranked.c.recorded_on).label("first_on"),
            func.max(ranked.c.recorded_on).label("last_on"),
            func.max(case((ranked.c.oldest == 1, ranked.c.target), else_=None)).label("first"),
            func.max(case((newest, ranked.c.target), else_=None)).label("target"),
            func.max(case((newest, ranked.c.id), else_=None)).label("last_id"),
        )
        .group_by(ranked.c.commitment_id)
        .cte("ledger")
    )


def _narrowing(
    state: ColumnElement[Any], f: Filters, body_ids: list[int] | None, owner_ids: list[int] | None
) -> list[ColumnElement[bool]]:
    """The filters that depend on the commitment alone (not on its ledger)."""
    found: list[ColumnElement[bool]] = []
    if body_ids is not None:
        found.append(Commitment.body_id.in_(body_ids))
    if owner_ids is not None:
        found.append(Commitment.owner_id.in_(owner_ids))
    if f.body_id is not None:
        found.append(Commitment.body_id == f.body_id)
    if f.commitment_ids is not None:
        found.append(Commitment.id.in_(f.commitment_ids))
    if f.states is not None:
        found.append(state.in_(f.states))
    if f.delivered_late:
        found.append(state == "delivered")
    if f.text:
        found.append(
            or_(
                *(
                    column.icontains(f.text, autoescape=True)
                    for column in (Commitment.title, Commitment.key, Body.short_name, Body.name)
                ),
                func.coalesce(Owner.name, "").icontains(f.text, autoescape=True),
            )
        )
    return found
