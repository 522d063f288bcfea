"""Use cases for bodies: the committees and panels that meet."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.core import fields
from app.core.errors import Conflict
from app.core.sessions import Sessions, action, claim_key, get
from app.core.wording import plural
from db.models import Body, Commitment, Meeting


@dataclass(frozen=True)
class BodyFields:
    name: str
    short_name: str = ""
    schedule: str | None = None

    def checked(self) -> BodyFields:
        return BodyFields(
            name=fields.text(self.name, "name", required=True, max_len=200),
            short_name=fields.text(self.short_name, "short name", max_len=40),
            schedule=fields.schedule(self.schedule, "schedule"),
        )


def create_body(sessions: Sessions, data: BodyFields, *, key: str | None = None) -> int:
    data = data.checked()
    with action(sessions) as s:
        key = claim_key(s, Body, key, fields.slug(data.short_name or data.name, "body"), "body")
        body = Body(key=key, name=data.name, short_name=data.short_name, schedule=data.schedule)
        s.add(body)
        s.flush()
        return body.id


def update_body(sessions: Sessions, body_id: int, data: BodyFields) -> None:
    data = data.checked()
    with action(sessions) as s:
        body = get(s, Body, body_id, "body")
        body.name, body.short_name, body.schedule = data.name, data.short_name, data.schedule


def body_fields(sessions: Sessions, body_id: int) -> BodyFields:
    with action(sessions) as s:
        body = get(s, Body, body_id, "body")
        return BodyFields(body.name, body.short_name, body.schedule)


def delete_body(sessions: Sessions, body_id: int) -> None:
    """Refused while the body has meetings or commitments: those are the record."""
    with action(sessions) as s:
        body = get(s, Body, body_id, "body")
        meetings = s.scalar(select(func.count()).where(Meeting.body_id == body_id)) or 0
        commitments = s.scalar(select(func.count()).where(Commitment.body_id == body_id)) or 0
        if meetings or commitments:
            raise Conflict(
                f"{body.name} still has {plural(meetings, 'meeting')} and"
                f" {plural(commitments, 'commitment')};"
                " delete or move those first"
            )
        s.delete(body)
