"""Use cases for owners: the people and organisations answerable for commitments."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core import fields
from app.core.errors import Conflict
from app.core.sessions import Sessions, action, get
from app.core.wording import plural
from db.models import OWNER_KINDS, Commitment, Owner


def _checked(name: str, kind: str | None) -> tuple[str, str | None]:
    name = fields.text(name, "name", required=True, max_len=200)
    if kind in (None, ""):
        return name, None
    return name, fields.choice(kind, "kind", OWNER_KINDS)


def create_owner(sessions: Sessions, name: str, kind: str | None = None) -> int:
    name, kind = _checked(name, kind)
    with action(sessions) as s:
        if s.scalar(select(Owner.id).where(Owner.name == name)) is not None:
            raise Conflict(f"name: an owner called {name!r} already exists")
        owner = Owner(name=name, kind=kind)
        s.add(owner)
        s.flush()
        return owner.id


def update_owner(sessions: Sessions, owner_id: int, name: str, kind: str | None = None) -> None:
    """Rename an owner (every commitment it answers for follows) or set its kind."""
    name, kind = _checked(name, kind)
    with action(sessions) as s:
        owner = get(s, Owner, owner_id, "owner")
        clash = s.scalar(select(Owner.id).where(Owner.name == name, Owner.id != owner_id))
        if clash is not None:
            raise Conflict(f"name: an owner called {name!r} already exists")
        owner.name, owner.kind = name, kind


def delete_owner(sessions: Sessions, owner_id: int) -> None:
    with action(sessions) as s:
        owner = get(s, Owner, owner_id, "owner")
        used = s.scalar(select(func.count()).where(Commitment.owner_id == owner_id)) or 0
        if used:
            raise Conflict(f"{owner.name} still owns {plural(used, 'commitment')}")
        s.delete(owner)
