"""The day a new entry is dated: the day being viewed, said so, with a one-click way to today.

Lists show the record as of the toolbar's day, and leave out what is dated after it. So
a new promise, note, delivery or commitment starts on the day being viewed (when one is
chosen), the field says so, and one click dates it today instead. An entry dated after
the day being viewed is saved but not shown: the field says so before it is saved, and
`explain_hidden` after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from app.core.wording import short_date, weekday_date
from ui.dialogs.form import ToneLabel, date_edit, from_qdate, to_qdate
from ui.dialogs.questions import Ask
from ui.layouts import column
from ui.store import Store


def default_day(store: Store) -> dt.date:
    """The day a new entry starts on: the day being viewed."""
    return store.as_of


class RecordedOnField(QWidget):
    """A date field over a line saying how its day stands to the day being viewed.

    `verb` starts that line: "Recorded on", "Dated", "Delivered on", "Dropped on".
    """

    dateChanged = Signal(QDate)

    def __init__(
        self, store: Store, *, verb: str, day: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._verb = verb
        self.edit = date_edit(
            day or default_day(store), dayfirst=store.settings.dayfirst, today=store.today()
        )
        self.switch = QPushButton()
        self.switch.setAutoDefault(False)
        self.switch.clicked.connect(self._switch)
        self.note = ToneLabel(parent=self, tone="muted")
        self.note.setAccessibleName(
            QCoreApplication.translate(
                "RecordedOnField", "How this day stands to the day you are viewing"
            )
        )

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.switch)
        row.addStretch(1)
        column(self, row, self.note, spacing=2)
        self.setFocusProxy(self.edit)

        self.edit.dateChanged.connect(self._changed)
        self.edit.textChanged.connect(self._changed)
        self._changed()

    def date(self) -> dt.date:
        return from_qdate(self.edit.date())

    def set_date(self, day: dt.date) -> None:
        self.edit.setDate(to_qdate(day))

    @Slot()
    def _changed(self) -> None:
        day, viewing, today = self.date(), self._store.as_of, self._store.today()
        if not self.edit.is_valid():
            self.note.setText(self.edit.error())
            self.note.set_tone("error")
        elif self.edit.text() != short_date(day):  # typed: say what it was read as
            self.note.setText(
                QCoreApplication.translate("RecordedOnField", "Read as {day}.").format(
                    day=weekday_date(day)
                )
            )
            self.note.set_tone("muted")
        elif day > viewing:
            self.note.setText(
                QCoreApplication.translate(
                    "RecordedOnField",
                    "After {viewing}, the day you are viewing: it is saved, but shown only"
                    " as of {day} or later.",
                ).format(viewing=short_date(viewing), day=short_date(day))
            )
            self.note.set_tone("error")
        elif day == viewing and viewing != today:
            self.note.setText(
                QCoreApplication.translate(
                    "RecordedOnField", "{verb} {day} — the day you are viewing."
                ).format(verb=self._verb, day=short_date(day))
            )
            self.note.set_tone("muted")
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        # One click between the day being viewed and today, whichever is not chosen.
        if viewing == today:
            self.switch.setVisible(day != today)
            self.switch.setText(QCoreApplication.translate("RecordedOnField", "Today"))
            self.switch.setToolTip(QCoreApplication.translate("RecordedOnField", "Date it today"))
        elif day == today:
            self.switch.setVisible(True)
            self.switch.setText(
                QCoreApplication.translate("RecordedOnField", "Use {day}").format(
                    day=short_date(viewing)
                )
            )
            self.switch.setToolTip(
                QCoreApplication.translate("RecordedOnField", "Date it the day you are viewing")
            )
        else:
            self.switch.setVisible(True)
            self.switch.setText(
                QCoreApplication.translate("RecordedOnField", "Use today ({day})").format(
                    day=short_date(today)
                )
            )
            self.switch.setToolTip(
                QCoreApplication.translate(
                    "RecordedOnField", "Date it today instead of the day you are viewing"
                )
            )
        self.switch.setAccessibleName(self.switch.text())
        self.dateChanged.emit(self.edit.date())

    @Slot()
    def _switch(self) -> None:
        today = self._store.today()
        self.set_date(self._store.as_of if self.date() == today else today)


def explain_hidden(parent: QWidget, store: Store, what: str, day: dt.date) -> None:
    """After saving an entry dated after the day being viewed: say why it is not shown.

    `what` names it as a sentence starts ("The promise", "The note"). The message comes
    once the dialog has closed (through the parent's `open_dialog` when it has one), and
    offers to view the record as of the entry's day.
    """
    viewing = store.as_of
    if day <= viewing:
        return

    def show() -> None:
        if not shiboken6.isValid(parent):
            return
        box = hidden_notice(parent, store, what, day)
        opener: Callable[[QMessageBox], object] | None = getattr(parent, "open_dialog", None)
        if opener is not None:
            opener(box)
        else:
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    QTimer.singleShot(0, show)


def hidden_notice(parent: QWidget, store: Store, what: str, day: dt.date) -> Ask:
    """ "The promise is dated 2 Dec 2026, after 29 Mar 2022, the day you are viewing." """
    viewing = short_date(store.as_of)
    return Ask(
        parent,
        QCoreApplication.translate("RecordedOnField", "Saved, not shown as of {viewing}").format(
            viewing=viewing
        ),
        QCoreApplication.translate(
            "RecordedOnField", "{what} is dated {day}, after {viewing}, the day you are viewing."
        ).format(what=what, day=short_date(day), viewing=viewing),
        QCoreApplication.translate(
            "RecordedOnField",
            "It is saved. The lists show the record as it stood on the day you are viewing,"
            " so it appears once you view it as of {day} or later.",
        ).format(day=short_date(day)),
        yes=QCoreApplication.translate("RecordedOnField", "View as of {day}").format(
            day=short_date(day)
        ),
        no=QCoreApplication.translate("RecordedOnField", "Stay on {viewing}").format(
            viewing=viewing
        ),
        on_yes=lambda: store.set_as_of(day),
        yes_default=True,
        icon=QMessageBox.Icon.Information,
    )
