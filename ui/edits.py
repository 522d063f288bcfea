"""Every edit a member makes, as an undoable command built on an `app/` use case.

An edit is a function that performs the change and returns (how to reverse it, result).
`perform()` runs it at once, so a refusal surfaces as a DomainError for the dialog to
show, and only then pushes it onto the undo stack; redo simply performs it again.
Records are named by their stable keys, not ids: undoing a deletion brings a record
back under its key but with a new id, and later commands must still find it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.core.sessions import Sessions
from app.reads.browse import commitment_detail
from app.reads.lookups import agenda_item_at, id_for, owner_id_named
from app.record import agenda, bodies, commitments, meetings, owners, snapshots
from app.record.agenda import AgendaFields
from app.record.bodies import BodyFields
from app.record.commitments import CommitmentFields, PromiseFields
from app.record.meetings import MeetingFields
from db.models import Body, Commitment, Meeting
from ui.store import Store

Reverse = Callable[[], None]
Apply = Callable[[], tuple[Reverse, Any]]


class Edit(QUndoCommand):
    def __init__(self, store: Store, text: str, apply: Apply, reverse: Reverse) -> None:
        super().__init__(text)
        self.store, self.apply, self.reverse = store, apply, reverse
        self._first = True

    def redo(self) -> None:
        if self._first:  # already performed by perform()
            self._first = False
            return
        self._guarded(lambda: setattr(self, "reverse", self.apply()[0]))

    def undo(self) -> None:
        self._guarded(self.reverse)

    def _guarded(self, step: Callable[[], None]) -> None:
        # Exceptions cannot cross back through Qt's undo stack; report and retire instead.
        try:
            step()
        except Exception as exc:
            self.setObsolete(True)
            self.store.failed.emit(exc)


def perform(store: Store, text: str, apply: Apply) -> Any:
    """Do the edit now (raising DomainError if refused), then make it undoable."""
    reverse, result = apply()
    store.undo_stack.push(Edit(store, text, apply, reverse))
    return result


# --- commitments and their ledger ---------------------------------------------------------


def _commitment(s: Sessions, key: str) -> int:
    return id_for(s, Commitment, key, "commitment")


def _meeting(s: Sessions, key: str) -> int:
    return id_for(s, Meeting, key, "meeting")


def _body(s: Sessions, key: str) -> int:
    return id_for(s, Body, key, "body")


def create_commitment(s: Sessions, data: CommitmentFields, first: PromiseFields) -> Apply:
    key: list[str | None] = [None]

    def apply() -> tuple[Reverse, Any]:
        new_id = commitments.create_commitment(s, data, first, key=key[0])
        detail = commitment_detail(s, new_id)
        key[0] = detail.key if detail else None  # redo recreates it under the same key
        made = key[0] or ""
        return (lambda: commitments.delete_commitment(s, _commitment(s, made))), new_id

    return apply


def update_commitment(s: Sessions, key: str, data: CommitmentFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        cid = _commitment(s, key)
        before = commitments.commitment_fields(s, cid)
        commitments.update_commitment(s, cid, data)
        return (lambda: commitments.update_commitment(s, _commitment(s, key), before)), cid

    return apply


def delete_commitment(s: Sessions, key: str) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        cid = _commitment(s, key)
        snapshot = snapshots.commitment(s, cid)
        commitments.delete_commitment(s, cid)
        return (lambda: snapshots.restore(s, snapshot)), None

    return apply


def record_promise(s: Sessions, key: str, promise: PromiseFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        promise_id = commitments.record_promise(s, _commitment(s, key), promise)
        return (lambda: commitments.delete_promise(s, promise_id)), promise_id

    return apply


def add_note(s: Sessions, key: str, recorded_on: dt.date, text: str, source: str) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        note_id = commitments.add_note(s, _commitment(s, key), recorded_on, text, source)
        return (lambda: commitments.delete_note(s, note_id)), note_id

    return apply


def close_commitment(s: Sessions, key: str, status: str, on: dt.date) -> Apply:
    close = commitments.mark_delivered if status == "delivered" else commitments.mark_dropped

    def apply() -> tuple[Reverse, Any]:
        close(s, _commitment(s, key), on)
        return (lambda: commitments.reopen(s, _commitment(s, key))), None

    return apply


def reopen_commitment(s: Sessions, key: str) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        cid = _commitment(s, key)
        detail = commitment_detail(s, cid)
        commitments.reopen(s, cid)
        if detail is None or detail.status_on is None:
            return (lambda: None), None
        closing = close_commitment(s, key, detail.status, detail.status_on)

        def reverse() -> None:
            closing()

        return reverse, None

    return apply


# --- meetings and agendas ------------------------------------------------------------------


def create_meeting(s: Sessions, data: MeetingFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        meeting_id = meetings.create_meeting(s, data)
        return (lambda: meetings.delete_meeting(s, meeting_id)), meeting_id

    return apply


def update_meeting(s: Sessions, key: str, data: MeetingFields) -> Apply:
    """Edit, reschedule or cancel: promises that target the meeting follow it."""

    def apply() -> tuple[Reverse, Any]:
        meeting_id = _meeting(s, key)
        before = meetings.meeting_fields(s, meeting_id)
        meetings.update_meeting(s, meeting_id, data)
        return (lambda: meetings.update_meeting(s, _meeting(s, key), before)), meeting_id

    return apply


def delete_meeting(s: Sessions, key: str) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        meeting_id = _meeting(s, key)
        snapshot = snapshots.meeting(s, meeting_id)
        meetings.delete_meeting(s, meeting_id)
        return (lambda: snapshots.restore(s, snapshot)), None

    return apply


def create_scheduled(s: Sessions, body_key: str, until: dt.date, today: dt.date) -> Apply:
    from app.ledger.schedule import create_scheduled_meetings

    def apply() -> tuple[Reverse, Any]:
        ids = create_scheduled_meetings(s, _body(s, body_key), until=until, today=today)

        def reverse() -> None:
            for meeting_id in ids:
                meetings.delete_meeting(s, meeting_id)

        return reverse, ids

    return apply


def add_agenda_item(s: Sessions, meeting_key: str, data: AgendaFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        item_id = agenda.add_item(s, _meeting(s, meeting_key), data)
        return (lambda: agenda.delete_item(s, item_id)), item_id

    return apply


def update_agenda_item(s: Sessions, meeting_key: str, position: int, data: AgendaFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        item_id = agenda_item_at(s, _meeting(s, meeting_key), position)
        before = agenda.item_fields(s, item_id)
        agenda.update_item(s, item_id, data)
        return (lambda: agenda.update_item(s, item_id, before)), item_id

    return apply


def delete_agenda_item(s: Sessions, meeting_key: str, position: int) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        item_id = agenda_item_at(s, _meeting(s, meeting_key), position)
        snapshot = snapshots.agenda_item(s, item_id)
        agenda.delete_item(s, item_id)
        return (lambda: snapshots.restore(s, snapshot)), None

    return apply


def move_agenda_item(s: Sessions, meeting_key: str, position: int, offset: int) -> Apply:
    """Move the item at `position` up (negative) or down; undone by moving it back."""

    def apply() -> tuple[Reverse, Any]:
        meeting_id = _meeting(s, meeting_key)
        item_id = agenda_item_at(s, meeting_id, position)
        agenda.move_item(s, item_id, offset)
        return (lambda: agenda.move_item(s, item_id, -offset)), item_id

    return apply


def reorder_agenda(s: Sessions, meeting_key: str, before: list[int], after: list[int]) -> Apply:
    """Item ids in the old and new order (a drag and drop); ids survive reordering."""

    def apply() -> tuple[Reverse, Any]:
        meeting_id = _meeting(s, meeting_key)
        agenda.reorder_items(s, meeting_id, after)
        return (lambda: agenda.reorder_items(s, meeting_id, before)), None

    return apply


# --- bodies and owners ---------------------------------------------------------------------


def create_body(s: Sessions, data: BodyFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        body_id = bodies.create_body(s, data)
        return (lambda: bodies.delete_body(s, body_id)), body_id

    return apply


def update_body(s: Sessions, key: str, data: BodyFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        body_id = _body(s, key)
        before = bodies.body_fields(s, body_id)
        bodies.update_body(s, body_id, data)
        return (lambda: bodies.update_body(s, _body(s, key), before)), body_id

    return apply


def delete_body(s: Sessions, key: str) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        body_id = _body(s, key)
        snapshot = snapshots.body(s, body_id)
        bodies.delete_body(s, body_id)
        return (lambda: snapshots.restore(s, snapshot)), None

    return apply


def create_owner(s: Sessions, name: str, kind: str | None) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        owner_id = owners.create_owner(s, name, kind)
        return (lambda: owners.delete_owner(s, owner_id_named(s, name))), owner_id

    return apply


def update_owner(
    s: Sessions, before: tuple[str, str | None], after: tuple[str, str | None]
) -> Apply:
    """Rename an owner or change its kind; (name, kind) before and after."""

    def apply() -> tuple[Reverse, Any]:
        owners.update_owner(s, owner_id_named(s, before[0]), *after)
        return (lambda: owners.update_owner(s, owner_id_named(s, after[0]), *before)), None

    return apply


def delete_owner(s: Sessions, name: str, kind: str | None) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        owners.delete_owner(s, owner_id_named(s, name))

        def reverse() -> None:
            owners.create_owner(s, name, kind)

        return reverse, None

    return apply
