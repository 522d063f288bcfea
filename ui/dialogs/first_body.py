"""On an empty record: the hint that a body comes first, with a button that adds one.

A commitment is made to a body, and a meeting is a body's: with no body yet, the New
commitment and New meeting dialogs say so and open the body form from where they are.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from app.reads.browse import bodies
from app.record.bodies import BodyFields
from ui import edits
from ui.dialogs.form import ToneLabel, body_label
from ui.store import Store


class FirstBodyHint(QWidget):
    """ "No committee yet" and an "Add the committee first…" button; `added` gives the new id."""

    added = Signal(int)

    def __init__(self, store: Store, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.text = ToneLabel(
            self.tr(
                "This record has no committee yet, and {what} belongs to one: add the"
                " committee (or panel) first."
            ).format(what=what),
            self,
        )
        self.button = QPushButton(self.tr("Add the committee first…"))
        self.button.setAutoDefault(False)
        self.button.setAccessibleName(self.tr("Add the committee first"))
        self.button.clicked.connect(self.add_body)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.form: QWidget | None = None  # the body form, while it is open

    @Slot()
    def add_body(self) -> None:
        hint = weakref.ref(self)  # the form must not hold us (see ListDialog)

        def added(new_id: int) -> None:
            me = hint()
            if me is not None:
                me.added.emit(new_id)

        self.form = open_body_form(self._store, self.window(), added)


def open_body_form(store: Store, parent: QWidget, added: Callable[[int], None]) -> QWidget:
    """Open the New body form; once saved (an undoable edit), `added` gets the body's id."""
    from ui.dialogs.bodies_dialog import BodyFormDialog

    def create(data: BodyFields) -> None:
        text = QCoreApplication.translate("FirstBodyHint", "Add body “{0}”").format(data.name)
        added(edits.perform(store, text, edits.create_body(store.sessions, data)))

    form = BodyFormDialog(create, parent=parent)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form.open()
    return form


def refill_bodies(store: Store, combo: QComboBox, selected: int) -> None:
    """Put the record's bodies in a body combo box again, and choose `selected`."""
    combo.blockSignals(True)
    combo.clear()
    for row in bodies(store.sessions):
        combo.addItem(body_label(row), row.id)
    combo.setCurrentIndex(-1)
    combo.blockSignals(False)
    combo.setCurrentIndex(combo.findData(selected))  # tells whoever listens
