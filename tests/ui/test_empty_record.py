"""A new, empty record: every view says what to do next, with a button that does it.

Driven through the real window on an empty record: add the committee from the Overview,
then its first commitment, and the next steps give way as the record fills.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.settings import Settings
from app.reads.browse import bodies
from app.safety.opening import Database
from ui.dialogs.bodies_dialog import BodyFormDialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.main_window import MainWindow
from ui.store import Store


@pytest.fixture
def empty_store(db: Database) -> Iterator[Store]:
    store = Store(db, settings=Settings())
    yield store
    store.tasks.wait(5000)


@pytest.fixture
def window(qtbot: Any, empty_store: Store) -> Any:
    window = MainWindow(empty_store, restore=False)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not empty_store.busy, timeout=10_000
    )
    return window


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def settled(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.store.busy, timeout=10_000)


def test_an_empty_record_says_to_add_the_committee_first(qtbot: Any, window: Any) -> None:
    overview = window.show_view("overview")
    step = overview.next_step
    qtbot.waitUntil(step.isVisible, timeout=10_000)
    assert step.title.text() == "Start with the committee"
    assert "Add the committee" in step.text.text()
    assert step.button.text() == "Add the committee first…"
    assert step.button.isEnabled()

    commitments = window.show_view("commitments")
    pane = commitments.pane
    assert pane.next_step.isVisible()
    assert not pane.empty_label.isVisible()  # not "Select a commitment…" with nothing to select
    assert commitments.table.placeholder == "No commitments yet."

    meetings = window.show_view("meetings")
    assert meetings.pane.next_step.isVisible()
    assert meetings.pane.next_step.button.text() == "Add the committee first…"
    assert not meetings.pane.empty_label.isVisible()
    assert meetings.table.placeholder == "No meetings yet."


def test_the_next_steps_add_the_committee_then_its_first_commitment(
    qtbot: Any, window: Any
) -> None:
    store = window.store
    overview = window.show_view("overview")
    step = overview.next_step
    qtbot.waitUntil(step.isVisible, timeout=10_000)
    click(qtbot, step.button)
    form = step.form
    assert isinstance(form, BodyFormDialog)
    assert form.isVisible()
    qtbot.keyClicks(form.name, "National Executive Committee")
    qtbot.keyClicks(form.short_name, "NEC")
    click(qtbot, form.ok_button)
    assert [b.name for b in bodies(store.sessions)] == ["National Executive Committee"]

    # The committee is there: the next step is its first commitment.
    qtbot.waitUntil(lambda: step.step == "commitment", timeout=10_000)
    assert step.isVisible()
    assert step.title.text() == "No commitments yet"
    assert step.button.text() == "New commitment…"
    meetings = window.meetings
    qtbot.waitUntil(lambda: meetings.pane.next_step.step == "meeting", timeout=10_000)
    assert meetings.pane.next_step.button.text() == "New meeting…"

    click(qtbot, step.button)
    commitments = window.commitments
    assert window.current_view() is commitments  # the dialog opens where the list is
    dialog = commitments.dialog
    assert isinstance(dialog, CommitmentDialog)
    assert dialog.body.currentText() == "National Executive Committee (NEC)"
    qtbot.keyClicks(dialog.title, "Publish the minutes")
    click(qtbot, dialog.ok_button)
    settled(qtbot, window)

    qtbot.waitUntil(lambda: not step.step, timeout=10_000)
    assert not step.isVisible()
    pane = commitments.pane
    qtbot.waitUntil(lambda: not pane.next_step.isVisible(), timeout=10_000)
    assert commitments.table.placeholder == ""  # the view's own words once it has rows
    # The meetings' next step stays until a meeting is added.
    assert meetings.pane.next_step.step == "meeting"
    window.show_view("meetings")
    click(qtbot, meetings.pane.next_step.button)
    assert isinstance(meetings.dialog, MeetingDialog)
    meetings.dialog.reject()


def test_undoing_the_committee_brings_its_step_back(qtbot: Any, window: Any) -> None:
    step = window.show_view("overview").next_step
    qtbot.waitUntil(step.isVisible, timeout=10_000)
    click(qtbot, step.button)
    form = step.form
    assert isinstance(form, BodyFormDialog)
    qtbot.keyClicks(form.name, "Development Fund Panel")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: step.step == "commitment", timeout=10_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: step.step == "body", timeout=10_000)
    assert step.button.text() == "Add the committee first…"
