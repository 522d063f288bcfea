"""Undo and redo across deletions: records come back with their ids, so later steps still work."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.settings import Settings
from app.reads import browse
from app.reads import ledger as timeline
from app.record.agenda import AgendaFields
from app.record.commitments import PromiseFields
from app.safety.opening import Database
from ui import edits
from ui.store import Store


@pytest.fixture
def store(qapp, sample_db: Database) -> Store:  # type: ignore[no-untyped-def]
    return Store(sample_db, settings=Settings())


def ledger(store: Store, key: str) -> list[tuple[str, dt.date]]:
    [row] = [c for c in _details(store) if c.key == key]
    return [(e.kind, e.recorded_on) for e in row.entries]


def _details(store: Store) -> list[timeline.CommitmentDetail]:
    details = (timeline.commitment_detail(store.sessions, i) for i in range(1, 20))
    return [d for d in details if d is not None]


def test_undo_a_promise_after_undoing_the_deletion_of_its_commitment(store: Store) -> None:
    s, key = store.sessions, "forde-chair-visit"
    before = ledger(store, key)
    edits.perform(
        store, "promise", edits.record_promise(s, key, PromiseFields(dt.date(2022, 4, 1)))
    )
    edits.perform(store, "delete", edits.delete_commitment(s, key))
    store.undo_stack.undo()  # the commitment is back, with the new promise
    assert len(ledger(store, key)) == len(before) + 1
    store.undo_stack.undo()  # and now the new promise goes, not the original one
    assert ledger(store, key) == before
    store.undo_stack.redo()
    store.undo_stack.redo()
    assert key not in [d.key for d in _details(store)]
    store.undo_stack.undo()
    store.undo_stack.undo()
    assert ledger(store, key) == before


def test_agenda_steps_survive_a_deleted_and_restored_meeting(store: Store) -> None:
    s, key = store.sessions, "nec-2022-03-29"
    [meeting] = [m for m in browse.meetings(s) if m.key == key]

    def titles() -> list[str]:
        return [a.title for a in browse.agenda(s, meeting.id)]

    original = titles()
    edits.perform(
        store, "edit", edits.update_agenda_item(s, key, 2, AgendaFields("Renamed", status="taken"))
    )
    edits.perform(store, "move", edits.move_agenda_item(s, key, 5, -4))
    edits.perform(store, "delete item", edits.delete_agenda_item(s, key, 3))
    edits.perform(store, "delete meeting", edits.delete_meeting(s, key))
    for _ in range(4):
        store.undo_stack.undo()
    assert titles() == original
    for _ in range(3):
        store.undo_stack.redo()
    # Moved to the top, the renamed item sat third, and that is the one deleted.
    assert titles() == [original[4], original[0], original[2], original[3]]
