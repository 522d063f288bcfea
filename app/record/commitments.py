"""Use cases for commitments and their ledger: promise, slip, note, deliver, drop, reopen.

A commitment's targets are never overwritten: each new date is a new promise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core import fields
from app.core.errors import Conflict, Invalid
from app.core.sessions import Sessions, action, claim_key, get
from app.core.wording import short_date
from app.record.versions import expect
from db import queries
from db.audit import member_of
from db.models import Body, Commitment, Meeting, Note, Promise


@dataclass(frozen=True)
class CommitmentFields:
    title: str
    body_id: int
    owner: str = ""
    details: str = ""
    source: str = ""

    def checked(self) -> CommitmentFields:
        return CommitmentFields(
            title=fields.text(self.title, "title", required=True),
            body_id=self.body_id,
            owner=fields.text(self.owner, "owner", max_len=200),
            details=fields.long_text(self.details, "details"),
            source=fields.long_text(self.source, "source"),
        )


@dataclass(frozen=True)
class PromiseFields:
    """One ledger entry. No target date and no target meeting means "no date promised"."""

    recorded_on: dt.date
    target_date: dt.date | None = None
    target_meeting_id: int | None = None
    given_by: str = ""
    reason: str = ""
    source: str = ""

    def checked(self) -> PromiseFields:
        target_date = fields.optional_date(self.target_date, "target")
        if target_date is not None and self.target_meeting_id is not None:
            raise Invalid("target", "give a date or a meeting, not both")
        return PromiseFields(
            recorded_on=fields.iso_date(self.recorded_on, "recorded on"),
            target_date=target_date,
            target_meeting_id=self.target_meeting_id,
            given_by=fields.text(self.given_by, "given by", max_len=200),
            reason=fields.long_text(self.reason, "reason"),
            source=fields.long_text(self.source, "source"),
        )


def create_commitment(
    sessions: Sessions, data: CommitmentFields, first: PromiseFields, *, key: str | None = None
) -> int:
    """A new commitment with its original promise."""
    data, first = data.checked(), first.checked()
    with action(sessions) as s:
        get(s, Body, data.body_id, "body")
        key = claim_key(s, Commitment, key, fields.slug(data.title, "commitment"), "commitment")
        commitment = Commitment(
            key=key,
            title=data.title,
            body_id=data.body_id,
            owner_id=queries.owner_id_for(s, data.owner) if data.owner else None,
            details=data.details,
            source=data.source,
            status="open",
        )
        s.add(commitment)
        s.flush()
        _add_promise(s, commitment.id, first)
        return commitment.id


def update_commitment(
    sessions: Sessions,
    commitment_id: int,
    data: CommitmentFields,
    *,
    expected_version: int | None = None,
) -> None:
    """Edit what was promised and by whom; the ledger is untouched. With
    `expected_version` (the version the form was filled from), a record changed since is
    refused with EditConflict."""
    data = data.checked()
    with action(sessions) as s:
        commitment = get(s, Commitment, commitment_id, "commitment")
        expect(s, commitment, expected_version, f"“{commitment.title}”", lambda: _shown(commitment))
        get(s, Body, data.body_id, "body")
        commitment.title = data.title
        commitment.body_id = data.body_id
        commitment.owner_id = queries.owner_id_for(s, data.owner) if data.owner else None
        commitment.details = data.details
        commitment.source = data.source


def _shown(c: Commitment) -> dict[str, str]:
    """A commitment's fields as a member reads them, for a conflict's two sides."""
    return {
        "Title": c.title,
        "Owner": c.owner.name if c.owner else "",
        "Body": c.body.name,
        "Details": c.details,
        "Source": c.source,
    }


def fields_shown(sessions: Sessions, data: CommitmentFields) -> dict[str, str]:
    """A form's fields as a conflict shows them, beside the record's (`_shown`)."""
    with action(sessions) as s:
        body = s.get(Body, data.body_id)
    return {
        "Title": data.title,
        "Owner": data.owner,
        "Body": body.name if body else "",
        "Details": data.details,
        "Source": data.source,
    }


def commitment_fields(sessions: Sessions, commitment_id: int) -> CommitmentFields:
    with action(sessions) as s:
        c = get(s, Commitment, commitment_id, "commitment")
        owner = c.owner.name if c.owner else ""
        return CommitmentFields(c.title, c.body_id, owner, c.details, c.source)


def delete_commitment(sessions: Sessions, commitment_id: int) -> None:
    """Delete a commitment with its whole ledger and notes."""
    with action(sessions) as s:
        s.delete(get(s, Commitment, commitment_id, "commitment"))


def record_promise(sessions: Sessions, commitment_id: int, promise: PromiseFields) -> int:
    """Record a new promised target: after the first, each one is a slip."""
    promise = promise.checked()
    with action(sessions) as s:
        commitment = get(s, Commitment, commitment_id, "commitment")
        if commitment.status != "open":
            raise Conflict(
                f"{commitment.title!r} was {commitment.status} on"
                f" {_iso(commitment.status_on)}; reopen it before recording a new promise"
            )
        return _add_promise(s, commitment_id, promise)


def delete_promise(sessions: Sessions, promise_id: int) -> None:
    """Strike a ledger entry recorded in error; a commitment keeps at least one."""
    with action(sessions) as s:
        promise = get(s, Promise, promise_id, "promise")
        if len(promise.commitment.promises) <= 1:
            raise Conflict("a commitment keeps its original promise; delete the commitment instead")
        s.delete(promise)


def add_note(
    sessions: Sessions, commitment_id: int, recorded_on: dt.date, text: str, source: str = ""
) -> int:
    """A dated remark that sets no new target ("largely completed")."""
    recorded_on = fields.iso_date(recorded_on, "recorded on")
    text = fields.long_text(text, "text", required=True)
    source = fields.long_text(source, "source")
    with action(sessions) as s:
        get(s, Commitment, commitment_id, "commitment")
        note = Note(
            commitment_id=commitment_id,
            recorded_on=recorded_on,
            text=text,
            source=source,
            entered_by=member_of(s),
        )
        s.add(note)
        s.flush()
        return note.id


def delete_note(sessions: Sessions, note_id: int) -> None:
    with action(sessions) as s:
        s.delete(get(s, Note, note_id, "note"))


def mark_delivered(sessions: Sessions, commitment_id: int, on: dt.date) -> None:
    _close(sessions, commitment_id, "delivered", on)


def mark_dropped(sessions: Sessions, commitment_id: int, on: dt.date) -> None:
    _close(sessions, commitment_id, "dropped", on)


def reopen(sessions: Sessions, commitment_id: int) -> None:
    with action(sessions) as s:
        commitment = get(s, Commitment, commitment_id, "commitment")
        if commitment.status == "open":
            raise Conflict(f"{commitment.title!r} is already open")
        commitment.status, commitment.status_on = "open", None


def _close(sessions: Sessions, commitment_id: int, status: str, on: dt.date) -> None:
    on = fields.iso_date(on, f"{status} on")
    with action(sessions) as s:
        commitment = get(s, Commitment, commitment_id, "commitment")
        if commitment.status != "open":
            raise Conflict(
                f"{commitment.title!r} is already {commitment.status}"
                f" (on {_iso(commitment.status_on)}); reopen it first"
            )
        latest = queries.latest_promise_on(s, commitment_id)
        if latest is not None and on < latest:
            raise Invalid(
                f"{status} on",
                f"{short_date(on)} is before its latest promise ({short_date(latest)})",
            )
        commitment.status, commitment.status_on = status, on


def _add_promise(s: Session, commitment_id: int, promise: PromiseFields) -> int:
    if promise.target_meeting_id is not None:
        get(s, Meeting, promise.target_meeting_id, "meeting")
    row = Promise(
        commitment_id=commitment_id,
        recorded_on=promise.recorded_on,
        target_date=promise.target_date,
        target_meeting_id=promise.target_meeting_id,
        given_by=promise.given_by,
        reason=promise.reason,
        source=promise.source,
        entered_by=member_of(s),
    )
    s.add(row)
    s.flush()
    return row.id


def _iso(day: dt.date | None) -> str:
    return short_date(day, "an unknown date")
