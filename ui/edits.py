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
from functools import partial
from typing import Any, TypeVar

from PySide6.QtGui import QUndoCommand

from app.core.sessions import Sessions
from app.reads.ledger import commitment_detail
from app.reads.lookups import agenda_item_at, id_for, owner_id_named
from app.record import agenda, bodies, commitments, meetings, owners, snapshots
from app.record.agenda import AgendaFields
from app.record.bodies import BodyFields
from app.record.commitments import CommitmentFields, PromiseFields
from app.record.meetings import ChangeNote, MeetingFields
from app.record.snapshots import Snapshot
from db.models import Body, Commitment, Meeting
from ui.store import Store

Reverse = Callable[[], None]
Apply = Callable[[], tuple[Reverse, Any]]
Fields = TypeVar("Fields")
KeyLookup = Callable[[Sessions, str], int]


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


# --- the three shapes most edits take --------------------------------------------------------


def _creating(create: Callable[[], int], delete: Callable[[int], None]) -> Apply:
    """Make a record; undone by deleting it. The result is the new id."""

    def apply() -> tuple[Reverse, Any]:
        new_id = create()
        return (lambda: delete(new_id)), new_id

    return apply


def _updating(
    s: Sessions,
    key: str,
    data: Fields,
    find: KeyLookup,
    read: Callable[[Sessions, int], Fields],
    write: Callable[..., None],
    version: int | None = None,
) -> Apply:
    """Overwrite a record's fields; undone by writing back what they were. Result: its id.

    `version` is the one the member's form was filled from: the first save is refused
    (EditConflict) if the record moved on since. Undo and redo act on the record as it is.
    """
    expected = [version]

    def apply() -> tuple[Reverse, Any]:
        record_id = find(s, key)
        before = read(s, record_id)
        if expected[0] is None:
            write(s, record_id, data)
        else:
            write(s, record_id, data, expected_version=expected[0])
            expected[0] = None
        return (lambda: write(s, find(s, key), before)), record_id

    return apply


def _deleting(
    s: Sessions,
    find: Callable[[], int],
    snapshot: Callable[[Sessions, int], Snapshot],
    delete: Callable[[Sessions, int], None],
) -> Apply:
    """Delete a record with what hangs off it; undone by restoring a snapshot taken first."""

    def apply() -> tuple[Reverse, Any]:
        record_id = find()
        saved = snapshot(s, record_id)
        delete(s, record_id)
        return (lambda: snapshots.restore(s, saved)), None

    return apply


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


def update_commitment(
    s: Sessions, key: str, data: CommitmentFields, version: int | None = None
) -> Apply:
    find, read = _commitment, commitments.commitment_fields
    return _updating(s, key, data, find, read, commitments.update_commitment, version)


def delete_commitment(s: Sessions, key: str) -> Apply:
    return _deleting(
        s, partial(_commitment, s, key), snapshots.commitment, commitments.delete_commitment
    )


def record_promise(s: Sessions, key: str, promise: PromiseFields) -> Apply:
    return _creating(
        lambda: commitments.record_promise(s, _commitment(s, key), promise),
        partial(commitments.delete_promise, s),
    )


def add_note(s: Sessions, key: str, recorded_on: dt.date, text: str, source: str) -> Apply:
    return _creating(
        lambda: commitments.add_note(s, _commitment(s, key), recorded_on, text, source),
        partial(commitments.delete_note, s),
    )


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
    return _creating(partial(meetings.create_meeting, s, data), partial(meetings.delete_meeting, s))


def update_meeting(
    s: Sessions,
    key: str,
    data: MeetingFields,
    note: ChangeNote | None = None,
    version: int | None = None,
) -> Apply:
    """Edit, reschedule or cancel: promises that target the meeting follow it.

    A new date or status is a dated meeting change; undo takes the change out again.
    With `version` (the form's), the first save is refused if the meeting moved on since.
    """
    expected = [version]

    def apply() -> tuple[Reverse, Any]:
        meeting_id = _meeting(s, key)
        before = meetings.meeting_fields(s, meeting_id)
        change = meetings.update_meeting(s, meeting_id, data, note, expected_version=expected[0])
        expected[0] = None
        return (lambda: meetings.take_back(s, _meeting(s, key), before, change)), meeting_id

    return apply


def delete_meeting(s: Sessions, key: str) -> Apply:
    return _deleting(s, partial(_meeting, s, key), snapshots.meeting, meetings.delete_meeting)


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
    return _creating(
        lambda: agenda.add_item(s, _meeting(s, meeting_key), data), partial(agenda.delete_item, s)
    )


def update_agenda_item(s: Sessions, meeting_key: str, position: int, data: AgendaFields) -> Apply:
    def apply() -> tuple[Reverse, Any]:
        item_id = agenda_item_at(s, _meeting(s, meeting_key), position)
        before = agenda.item_fields(s, item_id)
        agenda.update_item(s, item_id, data)
        return (lambda: agenda.update_item(s, item_id, before)), item_id

    return apply


def delete_agenda_item(s: Sessions, meeting_key: str, position: int) -> Apply:
    return _deleting(
        s,
        lambda: agenda_item_at(s, _meeting(s, meeting_key), position),
        snapshots.agenda_item,
        agenda.delete_item,
    )


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
    return _creating(partial(bodies.create_body, s, data), partial(bodies.delete_body, s))


def update_body(s: Sessions, key: str, data: BodyFields) -> Apply:
    return _updating(s, key, data, _body, bodies.body_fields, bodies.update_body)


def delete_body(s: Sessions, key: str) -> Apply:
    return _deleting(s, partial(_body, s, key), snapshots.body, bodies.delete_body)


def create_owner(s: Sessions, name: str, kind: str | None) -> Apply:
    return _creating(
        partial(owners.create_owner, s, name, kind),
        lambda _id: owners.delete_owner(s, owner_id_named(s, name)),
    )


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
