"""On an empty record: the hint that a body comes first, with a button that adds one.

A commitment is made to a body, and a meeting is a body's: with no body yet, the New
commitment and New meeting dialogs say so and open the body form from where they are.
"""

from __future__ import annotations

import weakref

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
        from ui.dialogs.bodies_dialog import BodyFormDialog

        store, hint = self._store, weakref.ref(self)  # the form must not hold us (see ListDialog)

        def create(data: BodyFields) -> None:
            text = QCoreApplication.translate("FirstBodyHint", "Add body “{0}”").format(data.name)
            new_id = edits.perform(store, text, edits.create_body(store.sessions, data))
            me = hint()
            if me is not None:
                me.added.emit(new_id)

        form = BodyFormDialog(create, parent=self.window())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = form
        form.open()


def refill_bodies(store: Store, combo: QComboBox, selected: int) -> None:
    """Put the record's bodies in a body combo box again, and choose `selected`."""
    combo.blockSignals(True)
    combo.clear()
    for row in bodies(store.sessions):
        combo.addItem(body_label(row), row.id)
    combo.setCurrentIndex(-1)
    combo.blockSignals(False)
    combo.setCurrentIndex(combo.findData(selected))  # tells whoever listens
