"""Add a dated note to a commitment: a remark that sets no new target."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.dialogs.form import SubmitDialog, line, text_box
from ui.dialogs.recorded_on import RecordedOnField
from ui.store import Store

NoteSubmission = tuple[dt.date, str, str]  # (recorded on, text, source)


class NoteDialog(SubmitDialog[NoteSubmission]):
    def __init__(
        self,
        store: Store,
        submit: Callable[[NoteSubmission], None],
        *,
        commitment_title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        self.setWindowTitle(self.tr("Add a note — {title}").format(title=commitment_title))
        self.ok_button.setText(self.tr("Add note"))

        self.date_field = RecordedOnField(store, verb=self.tr("Dated"))
        self.date = self.date_field.edit
        self.text = text_box(lines=4)
        self.text.setPlaceholderText(
            self.tr("e.g. A letter says the report is “largely completed”")
        )
        self.source = line(placeholder=self.tr("A letter, the minutes, a press report"))

        self.form.addRow(self.tr("&Date:"), self.date_field)
        self.form.addRow(self.tr("&Note:"), self.text)
        self.form.addRow(self.tr("&Source:"), self.source)
        self.watch(self.text)
        self.text.setFocus()

    def blocked_reason(self) -> str:
        return "" if self.text.toPlainText().strip() else self.tr("Write the note first.")

    def value(self) -> NoteSubmission:
        return (
            self.date_field.date(),
            self.text.toPlainText().strip(),
            self.source.text().strip(),
        )
