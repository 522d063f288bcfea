"""A record opened read-only beside a writing Docket: nothing to edit, and always up to date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app.core.settings import Settings
from app.record import commitments
from app.safety.opening import COMMAND, READ_ONLY, Database, open_database
from db.engine import resolve_url
from tests.safety.support import sample_record
from ui.dialogs import BodiesDialog, OwnersDialog
from ui.store import Store
from ui.views.commitments import CommitmentsView
from ui.views.meetings import MeetingsView

MARCH_29 = dt.date(2022, 3, 29)
READ_ONLY_TIP = "Read-only: another Docket is writing to this record."


@pytest.fixture
def record(tmp_path: Path) -> Path:
    return sample_record(tmp_path / "docket.db")


@pytest.fixture
def writer(record: Path) -> Iterator[Database]:
    """The other Docket (or a command), writing to the same file through its own connection."""
    db = open_database(resolve_url(str(record)), access=COMMAND)
    yield db
    db.close()


@pytest.fixture
def reader(record: Path, writer: Database) -> Iterator[Store]:
    db = open_database(resolve_url(str(record)), access=READ_ONLY)
    store = Store(db, settings=Settings())
    store.set_as_of(MARCH_29)
    yield store
    store.tasks.wait(5000)
    store.close()
    db.close()


def shown(qtbot: Any, view: QWidget) -> Any:
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.reload()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.is_loaded)  # type: ignore[attr-defined]
    return view


def forde_id(db: Database) -> int:
    return next(c.id for c in commitments_in(db) if c.title == "Forde Report shared with the NEC")


def commitments_in(db: Database) -> list[Any]:
    from app.ledger.standings import standings

    return [s.row for s in standings(db.sessions, dt.date.today(), Settings())]


def test_a_read_only_store_says_so(reader: Store) -> None:
    assert reader.read_only
    assert reader.watch is not None


def test_every_commitment_edit_is_disabled_and_says_why(qtbot: Any, reader: Store) -> None:
    view = shown(qtbot, CommitmentsView(reader))
    view.set_show("all")
    assert view.select_key("forde-report")
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == "forde-report")
    for act in view.menu_actions():
        assert not act.isEnabled(), act.text()
        assert act.toolTip().startswith(READ_ONLY_TIP), act.text()
    assert view.history_action.isEnabled()  # reading its history changes nothing
    # The detail pane's buttons follow their actions.
    view.select_key("forde-chair-visit")
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == "forde-chair-visit")
    assert not any(act.isEnabled() for act in view.menu_actions())


def test_every_meeting_and_agenda_edit_is_disabled(qtbot: Any, reader: Store) -> None:
    view = shown(qtbot, MeetingsView(reader))
    view.set_when("all")
    assert view.select_key("nec-2022-03-29")
    qtbot.waitUntil(lambda: view.detail is not None)
    for act in [*view.meeting_actions.edit_actions(), *view.agenda.menu_actions()]:
        assert not act.isEnabled(), act.text()
        assert act.toolTip().startswith(READ_ONLY_TIP), act.text()
    assert view.print_brief_action.isEnabled()
    assert view.history_action.isEnabled()


@pytest.mark.parametrize("dialog_class", [BodiesDialog, OwnersDialog])
def test_the_managed_lists_cannot_be_changed(qtbot: Any, reader: Store, dialog_class: Any) -> None:
    dialog = dialog_class(reader)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.selected() is not None
    for button in (dialog.add_button, dialog.edit_button, dialog.delete_button):
        assert not button.isEnabled()
        assert button.toolTip().startswith(READ_ONLY_TIP)


def test_a_writable_store_keeps_its_actions(qtbot: Any, store: Store) -> None:
    assert not store.read_only
    view = shown(qtbot, CommitmentsView(store))
    assert view.new_action.isEnabled()
    assert view.new_action.toolTip() == "New commitment"


def test_it_shows_what_the_other_docket_writes_without_a_restart(
    qtbot: Any, reader: Store, writer: Database
) -> None:
    view = shown(qtbot, CommitmentsView(reader))
    view.set_show("all")
    assert view.select_key("forde-report")
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == "forde-report")
    assert view.detail.status == "delivered"

    # The writer undoes the delivery: the read-only window follows within a poll or two.
    with qtbot.waitSignal(reader.changed, timeout=6000):
        commitments.reopen(writer.sessions, forde_id(writer))
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.status == "open", timeout=6000)

    # And a new note appears too.
    with qtbot.waitSignal(reader.changed_elsewhere, timeout=6000):
        commitments.add_note(writer.sessions, forde_id(writer), MARCH_29, "Chased by email")
    qtbot.waitUntil(
        lambda: (
            view.detail is not None
            and any(e.text == "Chased by email" for e in view.detail.entries)
        ),
        timeout=6000,
    )


def test_nothing_is_reloaded_while_nobody_writes(qtbot: Any, reader: Store) -> None:
    watch = reader.watch
    assert watch is not None
    assert not watch.check()
    with qtbot.assertNotEmitted(reader.changed, wait=2000):
        pass
