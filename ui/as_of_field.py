"""The as-of day: typed as a person writes a date, or picked from a calendar; and its banner.

Typing "29/03/2022", "29 Mar 2022", "29Mar2022" or "2022-03-29" and pressing Enter (or
leaving the field) sets the day; what it was read as shows in the field ("29 Mar 2022").
Anything else is refused in words, and the day stays as it was — every view follows only
a day that was understood.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.core.wording import long_date, short_date
from app.ledger.phrases import DAY_FORMS, read_day
from ui.dialogs.day_field import REFUSED_STYLE
from ui.dialogs.form import from_qdate, to_qdate
from ui.store import Store


class AsOfField(QWidget):
    """A day field: `date()`, `setDate()` and `dateChanged` as a QDateEdit has them."""

    dateChanged = Signal(QDate)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._day = store.as_of
        self.edit = QLineEdit(short_date(self._day))
        self.edit.setObjectName("asOf")
        self.edit.setAccessibleName(self.tr("As of"))
        self._help = self.tr(
            "See every list as it stood on this day. Type a day ({0}) and press Enter"
        ).format(DAY_FORMS)
        self.edit.setToolTip(self._help)
        width = self.edit.fontMetrics().horizontalAdvance("29 Sep 2022 W") + 16
        self.edit.setFixedWidth(width)
        self.edit.returnPressed.connect(self.commit)
        self.edit.editingFinished.connect(self.commit)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.pick = QToolButton()
        self.pick.setObjectName("asOfCalendar")
        self.pick.setText("▾")
        self.pick.setAccessibleName(self.tr("Choose the as-of day from a calendar"))
        self.pick.setToolTip(self.tr("Choose the day from a calendar"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setMenu(menu)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(to_qdate(self._day)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.pick)
        # No focus proxy: Tab from the ▾ button reached this frame, whose proxy sent the
        # keyboard back to the text, so Tab went round the two for ever. Alt+A reaches the
        # text through its label's buddy instead.
        self.error = ""  # why the last typed text was refused ("" when understood)

    def date(self) -> QDate:
        return to_qdate(self._day)

    def setDate(self, day: QDate) -> None:
        self._set(from_qdate(day))

    def _set(self, day: dt.date) -> None:
        if self.error:  # the refusal is answered: it leaves the status bar too
            window = self.window()
            if (
                isinstance(window, QMainWindow)
                and window.statusBar().currentMessage() == self.error
            ):
                window.statusBar().clearMessage()
        self.error = ""
        self.edit.setToolTip(self._help)
        self.edit.setProperty("refused", False)
        self._restyle()
        self.edit.setText(short_date(day))
        if day != self._day:
            self._day = day
            self.dateChanged.emit(to_qdate(day))

    @Slot()
    def commit(self) -> None:
        """Read what was typed; set the day, or say why not and keep the day as it was."""
        text = self.edit.text()
        if text == short_date(self._day):
            return
        try:
            day = read_day(text, today=self.store.today(), dayfirst=self.store.settings.dayfirst)
        except ValueError as exc:
            self.error = str(exc)
            self.edit.setProperty("refused", True)
            self._restyle()
            self.edit.setToolTip(self.error)
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(self.error, 10_000)
            return
        self._set(day)

    @Slot(QDate)
    def _picked(self, day: QDate) -> None:
        self.pick.menu().hide()
        self._set(from_qdate(day))

    def _restyle(self) -> None:
        refused = bool(self.edit.property("refused"))
        # The width of the border stays as it was, so nothing beside the field moves.
        self.edit.setStyleSheet(REFUSED_STYLE if refused else "")


class AsOfBanner(QFrame):
    """Shown while the record is viewed as of another day than today: says so, and the way back."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("asOfBanner")
        self.setAccessibleName(self.tr("Viewing an earlier day"))
        self.text = QLabel()
        self.text.setObjectName("asOfBannerText")
        self.back = QPushButton(self.tr("Back to today"))
        self.back.setObjectName("backToToday")
        self.back.clicked.connect(lambda: store.set_as_of(store.today()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 5, 8, 5)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignRight)
        store.as_of_changed.connect(lambda _day: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        day, today = self.store.as_of, self.store.today()
        self.setVisible(day != today)
        shown = f"{day.strftime('%a')} {long_date(day).split(' ', 1)[1]}"
        if day < today:
            text = self.tr(
                "Viewing the record as of {0}: every list, count and brief shows what was"
                " known by then"
            )
        else:
            text = self.tr("Looking ahead: the record as of {0}")
        self.text.setText(text.format(shown))
