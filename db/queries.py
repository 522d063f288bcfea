"""Small lookups shared by the use cases; each takes the caller's session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
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


def folded(text: str | None) -> str:
    return (text or "").strip().casefold()


def body_ids_named(session: Session, name: str) -> list[int]:
    """Bodies called `name` by key, short name or full name, in any case.

    Compared in Python with casefold(): SQL lower() folds only ASCII in SQLite (so
    "CÉN" would never match "cén") and differently elsewhere.
    """
    wanted = folded(name)
    rows = session.execute(select(Body.id, Body.key, Body.short_name, Body.name))
    return [
        row.id
        for row in rows
        if wanted in (folded(row.key), folded(row.short_name), folded(row.name))
    ]


def owner_ids_named(session: Session, name: str) -> list[int]:
    """Owners called `name`, in any case (compared in Python, as body_ids_named)."""
    wanted = folded(name)
    return [
        row.id
        for row in session.execute(select(Owner.id, Owner.name))
        if folded(row.name) == wanted
    ]


def body_id_named(session: Session, name: str) -> int | None:
    found = body_ids_named(session, name)
    return found[0] if found else None


def body_keys(session: Session) -> list[str]:
    return list(session.scalars(select(Body.key).order_by(Body.key)))
