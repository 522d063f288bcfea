"""A typed target ("next month", "the March meeting") with what it was read as, shown live."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from app.core.errors import DomainError, Invalid
from app.ledger.targets import MeetingTable, TypedTarget, body_meetings, resolve_typed
from ui.dialogs.form import Tone, ToneLabel
from ui.layouts import column
from ui.store import Store


class TargetField(QWidget):
    """A line edit over a label saying, as the member types, which date (or meeting) it means.

    Empty text is valid and means "no date promised". The phrase is read against the
    meetings of the body given to `set_context`, relative to the day the promise was made.
    """

    validity_changed = Signal(bool)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        body_id: int | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._body_id = body_id
        self._today = today or store.today()
        self._typed: TypedTarget | None = None
        self._valid = True

        self.edit = QLineEdit()
        example = "15/03/2022" if store.settings.dayfirst else "03/15/2022"
        self.edit.setPlaceholderText(
            self.tr("e.g. next month, the March meeting, {example}").format(example=example)
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            self.tr(
                "A date (15 March 2022, {example}), a phrase (next month, end of March,"
                " in 3 weeks) or a meeting (next meeting, the March meeting)."
                " Leave empty when no date was promised."
            ).format(example=example)
        )
        self.reading = ToneLabel(parent=self)
        self.reading.setAccessibleName(self.tr("Target as understood"))

        column(self, self.edit, self.reading, spacing=2)
        self.setFocusProxy(self.edit)

        self._meeting_cache: tuple[int, MeetingTable] | None = None
        self.edit.textChanged.connect(self._reread)
        self._reread()

    def set_context(self, body_id: int | None, today: dt.date) -> None:
        """Read the text against another body's meetings, or from another day."""
        if (body_id, today) != (self._body_id, self._today):
            self._body_id, self._today = body_id, today
            self._reread()

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def typed_target(self) -> TypedTarget | None:
        """The target read from the text; None when it is empty (or cannot be read)."""
        return self._typed if self._valid else None

    def is_valid(self) -> bool:
        return self._valid

    def _meetings(self, body_id: int) -> MeetingTable:
        # Read once per body, not on every keystroke.
        if self._meeting_cache is None or self._meeting_cache[0] != body_id:
            self._meeting_cache = (body_id, body_meetings(self._store.sessions, body_id))
        return self._meeting_cache[1]

    @Slot()
    def _reread(self) -> None:
        text = self.edit.text().strip()
        typed: TypedTarget | None = None
        tone: Tone
        if not text:
            valid, message, tone = True, self.tr("No date promised"), "muted"
        elif self._body_id is None:
            valid, message, tone = False, self.tr("Choose a body first"), "error"
        else:
            try:
                typed = resolve_typed(
                    text,
                    self._meetings(self._body_id),
                    today=self._today,
                    dayfirst=self._store.settings.dayfirst,
                )
            except Invalid as exc:
                valid, message, tone = False, exc.reason, "error"
            except DomainError as exc:
                valid, message, tone = False, str(exc), "error"
            else:
                valid, message, tone = True, typed.describe(), "normal"
        self._typed = typed
        self.reading.setText(message)
        self.reading.set_tone(tone)
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
