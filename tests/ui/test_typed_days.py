"""Every date field of every dialog reads a day as the As-of field does, typed with keys.

Typed through the keyboard as a member types it (Alt+letter, Ctrl+A, the text, Enter):
the day is read in any of the forms, shown as understood, never lands in another field,
and a day that cannot be read is refused in words with OK disabled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.reads.browse import bodies
from ui.dialogs import CloseDialog, CommitmentDialog, MeetingDialog, NoteDialog, PromiseDialog
from ui.dialogs.schedule_dialog import ScheduleDialog
from ui.store import Store

MARCH_29 = dt.date(2022, 3, 29)
FORMS = ["29/03/2022", "29 Mar 2022", "2022-03-29", "29Mar2022", "29 March 2022"]


def nec(store: Store) -> int:
    return next(row.id for row in bodies(store.sessions) if row.key == "nec")


def shown(qtbot: Any, dialog: QDialog) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def type_into(qtbot: Any, text: str) -> QWidget:
    """Ctrl+A and the text, into whatever has the keyboard; returns that widget."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused, text)
    return focused


def alt(qtbot: Any, dialog: QWidget, key: Qt.Key) -> QWidget | None:
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    return QApplication.focusWidget()


def test_alt_r_then_a_typed_day_lands_in_recorded_on_and_leaves_the_target_alone(
    qtbot: Any, store: Store
) -> None:
    dialog = shown(qtbot, CommitmentDialog(store, lambda _v: None, body_id=nec(store)))
    assert dialog.target is not None
    assert dialog.recorded_on is not None
    dialog.target.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.target.edit)
    qtbot.keyClicks(dialog.target.edit, "next month")
    assert alt(qtbot, dialog, Qt.Key.Key_R) is dialog.recorded_on
    assert type_into(qtbot, "29 Mar 2022") is dialog.recorded_on
    assert QApplication.focusWidget() is dialog.recorded_on
    assert dialog.recorded_field.date() == MARCH_29
    assert dialog.target.text() == "next month"
    # The target is read from the day it was promised: the end of April 2022.
    typed = dialog.target.typed_target()
    assert typed is not None
    assert typed.target_date == dt.date(2022, 4, 30)


def date_fields(store: Store) -> dict[str, tuple[QDialog, Any, Any]]:
    """(dialog, its date field, a function giving the day the dialog would save)."""
    body = nec(store)
    promise = PromiseDialog(store, lambda _v: None, commitment_title="T", body_id=body)
    note = NoteDialog(store, lambda _v: None, commitment_title="T")
    close = CloseDialog(store, lambda _v: None, status="delivered", commitment_title="T")
    new = CommitmentDialog(store, lambda _v: None, body_id=body)
    meeting = MeetingDialog(store, lambda _v: None, body_id=body)
    schedule = ScheduleDialog(store, lambda _v: None)
    return {
        "promise": (promise, promise.recorded_on, lambda: promise.value().recorded_on),
        "note": (note, note.date, note.date_field.date),
        "delivered": (close, close.date, close.value),
        "commitment": (new, new.recorded_on, new.recorded_field.date),
        "meeting": (meeting, meeting.date, lambda: meeting.value().date),
        "schedule": (schedule, schedule.until, lambda: schedule.value()[1]),
    }


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "name", ["promise", "note", "delivered", "commitment", "meeting", "schedule"]
)
def test_every_date_field_reads_every_form(qtbot: Any, store: Store, name: str, form: str) -> None:
    store.set_as_of(dt.date(2022, 8, 1))
    dialog, field, saved = date_fields(store)[name]
    shown(qtbot, dialog)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    assert type_into(qtbot, form) is field
    assert saved() == MARCH_29, name
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving it shows what it was read as
    assert field.text() == "29 Mar 2022"


def test_enter_shows_the_day_read_before_it_saves(qtbot: Any, store: Store) -> None:
    saved: list[dt.date] = []
    dialog = shown(
        qtbot, CloseDialog(store, saved.append, status="delivered", commitment_title="T")
    )
    dialog.date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.date)
    type_into(qtbot, "15/08/2022")
    assert "Read as Mon 15 Aug 2022" in dialog.date_field.note.text()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert saved == []
    assert dialog.date.text() == "15 Aug 2022"
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert saved == [dt.date(2022, 8, 15)]


def test_a_day_that_cannot_be_read_is_refused_in_words(qtbot: Any, store: Store) -> None:
    saved: list[dt.date] = []
    dialog = shown(
        qtbot, CloseDialog(store, saved.append, status="delivered", commitment_title="T")
    )
    dialog.date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.date)
    type_into(qtbot, "soonish")
    assert not dialog.ok_button.isEnabled()
    assert "Cannot read 'soonish' as a day" in dialog.ok_reason.text()
    assert "Cannot read 'soonish' as a day" in dialog.date_field.note.text()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    dialog.accept()
    assert dialog.isVisible()
    assert saved == []
    type_into(qtbot, "2022-08-15")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert saved == [dt.date(2022, 8, 15)]


def test_up_and_down_step_a_day(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, NoteDialog(store, lambda _v: None, commitment_title="T"))
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Up)
    assert dialog.date_field.date() == dt.date(2022, 3, 30)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)
    assert dialog.date_field.date() == dt.date(2022, 3, 28)
