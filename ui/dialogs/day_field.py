"""A day typed as a person writes it, in every dialog: the forms the As-of field reads.

"29/03/2022", "29 Mar 2022", "29Mar2022", "2022-03-29", "today" and "yesterday" are read
as the member types (`app.ledger.phrases.read_day`); what the text was read as is shown
in the field ("29 Mar 2022") as soon as the member leaves it or presses Enter, and
anything else is refused in words: the field turns red, says why in its tooltip and
`error()`, and the dialog's OK stays disabled until the day is readable. It is a line
edit, not a QDateEdit: a QDateEdit ignored typed month names and jumped to the next field
when a part was complete, so a typed day landed in another field.

`date()`, `setDate()` and `dateChanged` work as a QDateEdit's do; Up and Down step a day,
and Alt+Down (or the calendar button inside the field) opens a calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QWidget,
    QWidgetAction,
)

from app.core.wording import long_date, short_date
from app.ledger.phrases import DAY_FORMS, read_day

# Red, at the border's usual width: a thicker one moved everything beside the field by 2 px.
REFUSED_STYLE = "QLineEdit { border: 1px solid #c62828; background: #fdecea; color: #5f0b0b; }"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DayField(QLineEdit):
    """One day, typed or picked. Emits `dateChanged` each time the text reads as a new day,
    and `validity_changed` when it starts or stops being readable."""

    dateChanged = Signal(QDate)
    validity_changed = Signal(bool)

    def __init__(
        self,
        day: dt.date,
        *,
        dayfirst: bool = True,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(short_date(day), parent)
        self._day = day
        self._dayfirst = dayfirst
        self._today = today
        self._error = ""
        self.setObjectName("dayField")
        self.setPlaceholderText(self.tr("e.g. 29 Mar 2022"))
        self._help = self.tr("Type a day ({0}); Up and Down step a day; Alt+Down opens a calendar")
        self.setToolTip(self._help.format(DAY_FORMS))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("29 September 2022") + 56)

        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        pick = self.addAction(
            self.style().standardIcon(self.style().StandardPixmap.SP_ArrowDown),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        pick.setToolTip(self.tr("Choose the day from a calendar (Alt+Down)"))
        pick.triggered.connect(self.open_calendar)
        self.textChanged.connect(self._read)

    # --- the QDateEdit-like interface ------------------------------------------------------

    def date(self) -> QDate:
        """The last day the text was read as (the day it started with, until then)."""
        return _qdate(self._day)

    def setDate(self, day: QDate | dt.date) -> None:
        self.set_day(day if isinstance(day, dt.date) else _pydate(day))

    def day(self) -> dt.date:
        return self._day

    def set_day(self, day: dt.date) -> None:
        self.setText(short_date(day))
        self._set_error("")
        self._take(day)

    def lineEdit(self) -> QLineEdit:
        """The field itself (a QDateEdit has an inner line edit; callers may ask for it)."""
        return self

    def is_valid(self) -> bool:
        return not self._error

    def error(self) -> str:
        """Why the text cannot be read as a day, in words; "" while it can."""
        return self._error

    def reading(self) -> str:
        """What the text is read as, in full ("Tuesday 29 March 2022"), or the error."""
        return self._error or long_date(self._day)

    # --- reading ---------------------------------------------------------------------------

    def _today_is(self) -> dt.date:
        return self._today or dt.date.today()

    @Slot(str)
    def _read(self, text: str) -> None:
        try:
            day = read_day(text, today=self._today_is(), dayfirst=self._dayfirst)
        except ValueError as exc:
            self._set_error(str(exc))
            return
        self._set_error("")
        self._take(day)

    def _take(self, day: dt.date) -> None:
        if day != self._day:
            self._day = day
            self.dateChanged.emit(_qdate(day))

    def _set_error(self, error: str) -> None:
        was_valid = not self._error
        self._error = error
        self.setStyleSheet(REFUSED_STYLE if error else "")
        self.setToolTip(error or self._help.format(DAY_FORMS))
        if was_valid != (not error):
            self.validity_changed.emit(not error)

    def show_reading(self) -> bool:
        """Write what the text was read as in the field; True when that changed the text."""
        if self._error or self.text() == short_date(self._day):
            return False
        self.setText(short_date(self._day))
        return True

    # --- keys and focus --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & alt:
            if self.is_valid():
                step = 1 if key == Qt.Key.Key_Up else -1
                self.set_day(self._day + dt.timedelta(days=step))
                self.selectAll()
            event.accept()
            return
        if key == Qt.Key.Key_Down and mods & alt:
            self.open_calendar()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            not self.is_valid() or self.show_reading()
        ):
            # Enter first shows what was understood (or leaves the refusal in view); it
            # does not press the dialog's OK with a day the member has not seen.
            self.selectAll()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.show_reading()
        super().focusOutEvent(event)

    @Slot()
    def open_calendar(self) -> None:
        self.calendar.setSelectedDate(_qdate(self._day))
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    @Slot(QDate)
    def _picked(self, day: QDate) -> None:
        self._menu.hide()
        self.setDate(day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
