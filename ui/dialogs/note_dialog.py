"""Add a dated note to a commitment: a remark that sets no new target."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.dialogs.form import SubmitDialog, date_edit, from_qdate, line, text_box
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

        self.date = date_edit(store.today(), dayfirst=store.settings.dayfirst)
        self.text = text_box(lines=4)
        self.text.setPlaceholderText(
            self.tr("e.g. A letter says the report is “largely completed”")
        )
        self.source = line(placeholder=self.tr("A letter, the minutes, a press report"))

        self.form.addRow(self.tr("&Date:"), self.date)
        self.form.addRow(self.tr("&Note:"), self.text)
        self.form.addRow(self.tr("&Source:"), self.source)
        self.watch(self.text)
        self.text.setFocus()

    def can_submit(self) -> bool:
        return bool(self.text.toPlainText().strip())

    def value(self) -> NoteSubmission:
        return (
            from_qdate(self.date.date()),
            self.text.toPlainText().strip(),
            self.source.text().strip(),
        )
