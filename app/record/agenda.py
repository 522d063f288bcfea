"""Use cases for a meeting's agenda: ordered items, their outcomes, decisions and votes."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core import fields
from app.core.errors import Invalid
from app.core.sessions import Sessions, action, get
from app.record.versions import expect
from db import audit, queries
from db.models import AGENDA_STATUSES, AgendaItem, Meeting


@dataclass(frozen=True)
class AgendaFields:
    title: str
    lead: str = ""
    details: str = ""
    outcome: str = ""
    decision: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstaining: int | None = None
    status: str = "pending"

    def checked(self) -> AgendaFields:
        return AgendaFields(
            title=fields.text(self.title, "title", required=True),
            lead=fields.text(self.lead, "lead", max_len=200),
            details=fields.long_text(self.details, "details"),
            outcome=fields.long_text(self.outcome, "outcome"),
            decision=fields.long_text(self.decision, "decision"),
            votes_for=fields.count(self.votes_for, "votes for"),
            votes_against=fields.count(self.votes_against, "votes against"),
            votes_abstaining=fields.count(self.votes_abstaining, "votes abstaining"),
            status=fields.choice(self.status, "status", AGENDA_STATUSES),
        )


def add_item(sessions: Sessions, meeting_id: int, data: AgendaFields) -> int:
    """Append an item at the end of the meeting's agenda."""
    data = data.checked()
    with action(sessions) as s:
        get(s, Meeting, meeting_id, "meeting")
        item = AgendaItem(
            meeting_id=meeting_id,
            position=queries.last_agenda_position(s, meeting_id) + 1,
            **asdict(data),
        )
        s.add(item)
        s.flush()
        return item.id


def update_item(
    sessions: Sessions, item_id: int, data: AgendaFields, *, expected_version: int | None = None
) -> None:
    data = data.checked()
    with action(sessions) as s:
        item = get(s, AgendaItem, item_id, "agenda item")
        expect(
            s, item, expected_version, f"agenda item {item.position}, “{item.title}”",
            lambda: {k.replace("_", " ").capitalize(): str(v if v is not None else "")
                     for k, v in asdict(item_fields_of(item)).items()},
        )  # fmt: skip
        for name, value in asdict(data).items():
            setattr(item, name, value)


def item_fields(sessions: Sessions, item_id: int) -> AgendaFields:
    with action(sessions) as s:
        return item_fields_of(get(s, AgendaItem, item_id, "agenda item"))


def item_fields_of(item: AgendaItem) -> AgendaFields:
    return AgendaFields(**{name: getattr(item, name) for name in AgendaFields.__dataclass_fields__})


def delete_item(sessions: Sessions, item_id: int) -> None:
    """Remove an item; the items after it move up."""
    with action(sessions) as s:
        item = get(s, AgendaItem, item_id, "agenda item")
        meeting_id = item.meeting_id
        s.delete(item)
        s.flush()
        order = _order(s, meeting_id)
        _renumber(s, meeting_id, order)


def reorder_items(sessions: Sessions, meeting_id: int, item_ids: list[int]) -> None:
    """Put the meeting's items in the order given; it must name each item exactly once."""
    with action(sessions) as s:
        get(s, Meeting, meeting_id, "meeting")
        current = _order(s, meeting_id)
        if sorted(item_ids) != sorted(current):
            raise Invalid("order", "must list every item of the meeting exactly once")
        _renumber(s, meeting_id, item_ids)


def move_item(sessions: Sessions, item_id: int, offset: int) -> None:
    """Move an item up (negative) or down (positive), stopping at either end."""
    with action(sessions) as s:
        item = get(s, AgendaItem, item_id, "agenda item")
        order = _order(s, item.meeting_id)
        index = order.index(item_id)
        target = max(0, min(len(order) - 1, index + offset))
        order.insert(target, order.pop(index))
        _renumber(s, item.meeting_id, order)


def _order(s: Session, meeting_id: int) -> list[int]:
    return list(
        s.scalars(
            select(AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
    )


def _renumber(s: Session, meeting_id: int, order: list[int]) -> None:
    # Positions are unique per meeting and SQLite cannot defer that check, so park
    # every item past the end first, then give each its final place.
    parking = queries.last_agenda_position(s, meeting_id) + len(order) + 1
    columns = (AgendaItem.id, AgendaItem.meeting_id, AgendaItem.title, AgendaItem.position)
    before = s.execute(select(*columns).where(AgendaItem.meeting_id == meeting_id)).all()
    s.execute(
        update(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .values(position=AgendaItem.position + parking)
        .execution_options(synchronize_session=False)
    )
    for position, item_id in enumerate(order, start=1):
        s.execute(
            update(AgendaItem)
            .where(AgendaItem.id == item_id)
            .values(position=position)
            .execution_options(synchronize_session=False)
        )
    # Core updates bypass the ORM's audit events: log each item that moved.
    placed = {item_id: position for position, item_id in enumerate(order, start=1)}
    audit.log_changed(
        s,
        AgendaItem,
        [(row._asdict(), "position", row.position, placed.get(row.id)) for row in before],
    )
    s.expire_all()
