"""What every editing dialog shares: a form, an inline error line, OK/Cancel and `submit`.

A dialog hands its value to `submit`; a refusal (a DomainError) is shown in red under the
form and the dialog stays open with everything the member typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, Literal, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QSize, Qt, QTime, Slot
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import DomainError
from app.reads.browse import BodyRow
from ui.dialogs.day_field import DayField
from ui.dialogs.fit_height import grow_to_fit
from ui.dialogs.unsaved import TypedInto, ask_to_discard
from ui.languages import QT_TRANSLATE_NOOP

T = TypeVar("T")
Tone = Literal["normal", "muted", "error"]

LIGHT_ERROR = "#c62828"
DARK_ERROR = "#ff8a80"  # the same red, lightened so it stays readable on a dark window
MIN_WIDTH = 480


# --- colours that follow the palette -------------------------------------------------------


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour(palette: QPalette) -> QColor:
    return QColor(DARK_ERROR if is_dark(palette) else LIGHT_ERROR)


def tint(label: QLabel, tone: Tone) -> None:
    """Colour a label's text: "error" (red), "muted" (the placeholder grey) or "normal"."""
    if tone == "normal":
        label.setPalette(QPalette())  # inherit everything from the window again
        return
    parent = label.parentWidget()
    base = parent.palette() if parent is not None else label.palette()
    if tone == "error":
        colour = error_colour(base)
    else:
        colour = base.color(QPalette.ColorRole.PlaceholderText)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    label.setPalette(palette)


class ToneLabel(QLabel):
    """A word-wrapped label whose tone is re-applied when the palette changes (dark mode).

    When its text changes, the window it is in grows if the text would not fit.
    """

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, tone: Tone = "normal"
    ) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._tone = tone
        self._applying = False

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        if self.wordWrap() and self.isVisibleTo(self.window()):
            grow_to_fit(self.window(), self)

    def set_tone(self, tone: Tone) -> None:
        self._tone = tone
        self._apply()

    def tone(self) -> Tone:
        return self._tone

    def _apply(self) -> None:
        self._applying = True
        try:
            tint(self, self._tone)
        finally:
            self._applying = False

    def showEvent(self, event: QShowEvent) -> None:
        self._apply()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The window's palette changed (a light/dark switch): recompute our colour.
        if event.type() == QEvent.Type.PaletteChange and not self._applying:
            self._apply()


class ErrorLabel(ToneLabel):
    """The red line at the bottom of a dialog; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent, tone="error")
        self.setAccessibleName(self.tr("Error"))
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


# --- small widget factories ----------------------------------------------------------------


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def to_qtime(moment: dt.time) -> QTime:
    return QTime(moment.hour, moment.minute)


def from_qtime(moment: QTime) -> dt.time:
    return dt.time(moment.hour(), moment.minute())


def date_edit(day: dt.date, *, dayfirst: bool = True, today: dt.date | None = None) -> DayField:
    """A day field that reads what is typed as the As-of field does, with a calendar."""
    return DayField(day, dayfirst=dayfirst, today=today)


class TextBox(QPlainTextEdit):
    """Multi-line text sized for a few lines (it grows with the dialog); Tab moves on."""

    def __init__(self, text: str = "", *, lines: int = 3) -> None:
        super().__init__(text)
        self.setTabChangesFocus(True)
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        height = (
            self.fontMetrics().lineSpacing() * self._lines
            + int(self.document().documentMargin() * 2)
            + margins.top()
            + margins.bottom()
        )
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


def text_box(text: str = "", *, lines: int = 3) -> TextBox:
    return TextBox(text, lines=lines)


def line(text: str = "", *, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def body_label(row: BodyRow) -> str:
    if row.short_name and row.short_name != row.name:
        return f"{row.name} ({row.short_name})"
    return row.name


def body_combo(rows: list[BodyRow], selected: int | None) -> QComboBox:
    """The bodies by name; each item's data is the body id."""
    combo = QComboBox()
    for row in rows:
        combo.addItem(body_label(row), row.id)
    index = combo.findData(selected) if selected is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if rows else -1))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


# The words of the fixed lists (db/models.py: meeting and agenda statuses, owner kinds),
# marked for translation; shown translated, stored as they are.
CHOICE_WORDS = (
    QT_TRANSLATE_NOOP("Choices", "Scheduled"),
    QT_TRANSLATE_NOOP("Choices", "Held"),
    QT_TRANSLATE_NOOP("Choices", "Postponed"),
    QT_TRANSLATE_NOOP("Choices", "Cancelled"),
    QT_TRANSLATE_NOOP("Choices", "Pending"),
    QT_TRANSLATE_NOOP("Choices", "Taken"),
    QT_TRANSLATE_NOOP("Choices", "Noted"),
    QT_TRANSLATE_NOOP("Choices", "Deferred"),
    QT_TRANSLATE_NOOP("Choices", "Withdrawn"),
    QT_TRANSLATE_NOOP("Choices", "Person"),
    QT_TRANSLATE_NOOP("Choices", "Organisation"),
)


def choice_combo(values: tuple[str, ...], selected: str) -> QComboBox:
    """A fixed list of lower-case values ("scheduled", "held"), shown capitalised."""
    combo = QComboBox()
    for value in values:
        combo.addItem(QCoreApplication.translate("Choices", value.capitalize()), value)
    index = combo.findData(selected)
    combo.setCurrentIndex(max(index, 0))
    return combo


def combo_value(combo: QComboBox) -> str:
    data = combo.currentData()
    return data if isinstance(data, str) else ""


def combo_id(combo: QComboBox) -> int | None:
    data = combo.currentData()
    return data if isinstance(data, int) else None


# --- the dialog ----------------------------------------------------------------------------


class SubmitDialog(QDialog, Generic[T]):
    """A form over a value of type T, handed to `submit` when OK is pressed.

    Subclasses set the window title and `ok_button`'s text, fill `self.form`, implement
    `value()`, and may override `blocked_reason()` (then `watch()` the inputs it reads):
    while it says what is missing, OK is disabled and the reason is shown beside it.
    """

    def __init__(
        self,
        submit: Callable[[T], None],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizeGripEnabled(True)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Why OK is disabled, in words, beside it; empty while OK can be pressed.
        self.ok_reason = ToneLabel("", self, tone="muted")
        self.ok_reason.setAccessibleName(self.tr("Why the button is disabled"))
        self.ok_reason.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.ok_reason, 1)
        bottom.addWidget(self.buttons)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self.form)
        self._layout.addWidget(self.error)
        self._layout.addLayout(bottom)
        self._named = False
        self._typed: TypedInto | None = None  # set when first shown
        self.discard_question: QMessageBox | None = None  # asked when closed with typing in it

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def add_section(self, widget: QWidget) -> None:
        """Add a widget (a group box, a hint) below the form, above the error line."""
        self._layout.insertWidget(self._layout.indexOf(self.error), widget)

    def value(self) -> T:
        raise NotImplementedError

    def blocked_reason(self) -> str:
        """What the form still needs before OK can be pressed, in words; "" when ready."""
        return ""

    def can_submit(self) -> bool:
        return not self._reason()

    def _reason(self) -> str:
        """A day that cannot be read comes first: OK would otherwise save the old day."""
        for field in self.findChildren(DayField):
            if not field.is_valid() and not field.isHidden():
                return field.error()
        return self.blocked_reason()

    @Slot()
    def refresh(self) -> None:
        reason = self._reason()
        self.ok_button.setEnabled(not reason)
        self.ok_button.setToolTip(reason)
        self.ok_reason.setText(reason)
        self.ok_reason.setVisible(bool(reason))

    def watch(self, *sources: QObject) -> None:
        """Re-check `blocked_reason()` whenever one of these inputs changes."""
        for source in sources:
            if isinstance(source, (QLineEdit, QPlainTextEdit)):
                source.textChanged.connect(self.refresh)
            elif isinstance(source, QComboBox):
                source.currentIndexChanged.connect(self.refresh)
                if source.isEditable():
                    source.editTextChanged.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._named:  # every row is in place by now
            for field in self.findChildren(DayField):
                field.textChanged.connect(self.refresh)  # after the field has read it
            from ui.dialogs.access import name_controls

            name_controls(self)
            self._named = True
            self._typed = TypedInto(self)  # what the form holds now is not the member's
        super().showEvent(event)

    @Slot()
    def reject(self) -> None:
        """Escape, Cancel or closing: ask first when what the member typed would be lost."""
        if self._typed is None or not self._typed.anything():
            super().reject()
            return
        self.discard_question = ask_to_discard(self, lambda: QDialog.reject(self))

    @Slot()
    def accept(self) -> None:
        if not self.can_submit():
            return
        try:
            self._submit(self.value())
        except DomainError as exc:
            self.error.show_message(str(exc))
            return
        except Exception as exc:
            # Not the member's doing: report it, but keep what they typed on screen.
            from ui.dialogs.errors import show_error

            show_error(self, exc)
            return
        self.error.clear_message()
        super().accept()
