"""Small lookups shared by the use cases; each takes the caller's session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from db.models import AgendaItem, Body, Commitment, Meeting, Owner, Promise

Keyed = type[Body] | type[Meeting] | type[Commitment]


def id_by_key(session: Session, model: Keyed, key: str) -> int | None:
    return session.scalar(select(model.id).where(model.key == key))


def keys(session: Session, model: Keyed) -> set[str]:
    return set(session.scalars(select(model.key)))


def owner_names(session: Session) -> set[str]:
    return set(session.scalars(select(Owner.name)))


def owner_id_for(session: Session, name: str) -> int:
    """The owner of that name, created if new: owners are shared across commitments."""
    owner_id = session.scalar(select(Owner.id).where(Owner.name == name))
    if owner_id is None:
        owner = Owner(name=name)
        session.add(owner)
        session.flush()
        owner_id = owner.id
    return owner_id


def last_agenda_position(session: Session, meeting_id: int) -> int:
    return (
        session.scalar(
            select(func.coalesce(func.max(AgendaItem.position), 0)).where(
                AgendaItem.meeting_id == meeting_id
            )
        )
        or 0
    )


def latest_promise_on(session: Session, commitment_id: int) -> dt.date | None:
    return session.scalar(
        select(func.max(Promise.recorded_on)).where(Promise.commitment_id == commitment_id)
    )


def body_named(name: str) -> ColumnElement[bool]:
    """A body called `name` by its key, short name or full name, in any case."""
    wanted = name.lower()
    return or_(
        func.lower(Body.key) == wanted,
        func.lower(Body.short_name) == wanted,
        func.lower(Body.name) == wanted,
    )


def owner_named(name: str) -> ColumnElement[bool]:
    return func.lower(Owner.name) == name.lower()


def body_id_named(session: Session, name: str) -> int | None:
    return session.scalar(select(Body.id).where(body_named(name)))


def body_keys(session: Session) -> list[str]:
    return list(session.scalars(select(Body.key).order_by(Body.key)))
