"""A filled form is not thrown away by a stray Escape, and it keeps its shape as it is typed in.

The store is the sample record as of the morning of 29 March 2022.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.reads.browse import bodies
from ui.dialogs.bodies_dialog import BodyFormDialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.dialogs.form import SubmitDialog
from ui.dialogs.note_dialog import NoteDialog
from ui.dialogs.questions import Ask
from ui.store import Store


def nec(store: Store) -> int:
    return next(row.id for row in bodies(store.sessions) if row.key == "nec")


def shown(qtbot: Any, dialog: SubmitDialog[Any]) -> SubmitDialog[Any]:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def escape(qtbot: Any, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def test_escape_on_a_filled_new_commitment_asks_before_discarding(qtbot: Any, store: Store) -> None:
    submitted: list[Any] = []
    dialog = shown(qtbot, CommitmentDialog(store, submitted.append, body_id=nec(store)))
    assert isinstance(dialog, CommitmentDialog)
    qtbot.keyClicks(dialog.title, "Publish the minutes")
    escape(qtbot, dialog.title)
    question = dialog.discard_question
    assert isinstance(question, Ask)
    assert question.isVisible()
    assert question.text() == "Discard what you typed?"
    assert question.defaultButton() is question.no_button  # a second Escape or Enter keeps it
    assert dialog.isVisible()

    qtbot.mouseClick(question.no_button, Qt.MouseButton.LeftButton)  # Keep editing
    assert dialog.isVisible()
    assert dialog.title.text() == "Publish the minutes"

    escape(qtbot, dialog.title)
    question = dialog.discard_question
    assert isinstance(question, Ask)
    qtbot.mouseClick(question.yes_button, Qt.MouseButton.LeftButton)  # Discard
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert submitted == []


def test_the_close_button_asks_too_and_a_text_box_counts(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, NoteDialog(store, lambda _v: None, commitment_title="T"))
    assert isinstance(dialog, NoteDialog)
    qtbot.keyClicks(dialog.text, "Largely completed")
    dialog.close()
    assert dialog.isVisible()  # the close was held for the question
    assert isinstance(dialog.discard_question, Ask)
    dialog.discard_question.yes_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


@pytest.mark.parametrize("typed", ["", "x\b"])
def test_an_untouched_form_closes_at_once(qtbot: Any, store: Store, typed: str) -> None:
    dialog = shown(qtbot, BodyFormDialog(lambda _v: None))
    assert isinstance(dialog, BodyFormDialog)
    for key in typed:  # typing a letter and deleting it loses nothing
        if key == "\b":
            qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
        else:
            qtbot.keyClicks(dialog.name, key)
    escape(qtbot, dialog.name)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog.discard_question is None


def test_an_edit_form_filled_by_the_program_closes_at_once(qtbot: Any, store: Store) -> None:
    from app.record.commitments import CommitmentFields

    existing = CommitmentFields("Forde Report shared with the NEC", nec(store), "Forde Inquiry")
    dialog = shown(qtbot, CommitmentDialog(store, lambda _v: None, existing=existing))
    escape(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog.discard_question is None


def test_no_gap_opens_once_a_target_is_typed(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, CommitmentDialog(store, lambda _v: None, body_id=nec(store)))
    assert isinstance(dialog, CommitmentDialog)
    assert dialog.target is not None
    group = dialog.target.parentWidget()
    assert group is not None

    def gap() -> int:
        """From the Source field's foot to the First promise box's head."""
        source_bottom = dialog.source.mapTo(dialog, dialog.source.rect().bottomLeft()).y()
        return group.mapTo(dialog, group.rect().topLeft()).y() - source_bottom

    before, height = gap(), dialog.height()
    qtbot.keyClicks(dialog.title, "Publish the minutes")
    qtbot.keyClicks(dialog.target.edit, "next month")  # unreadable on the way: "n", "ne", …
    QApplication.processEvents()
    assert dialog.target.reading.text() == "Sat 30 Apr 2022"
    assert gap() == before
    assert dialog.height() == height
    # A long refusal still gets its room, and gives it back once the target reads again.
    dialog.target.edit.clear()
    qtbot.keyClicks(dialog.target.edit, "soonish")
    assert dialog.height() > height
    dialog.target.edit.clear()
    qtbot.keyClicks(dialog.target.edit, "next month")
    assert dialog.height() == height
    assert gap() == before
