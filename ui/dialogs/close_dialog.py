"""Close a commitment as delivered or dropped, on a given date (undone by reopening it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.dialogs.form import SubmitDialog, ToneLabel
from ui.dialogs.recorded_on import RecordedOnField
from ui.store import Store

CLOSING_STATUSES = ("delivered", "dropped")


class CloseDialog(SubmitDialog[dt.date]):
    def __init__(
        self,
        store: Store,
        submit: Callable[[dt.date], None],
        *,
        status: str,
        commitment_title: str,
        parent: QWidget | None = None,
    ) -> None:
        if status not in CLOSING_STATUSES:
            raise ValueError(f"status must be one of {CLOSING_STATUSES}, not {status!r}")
        super().__init__(submit, parent=parent)
        self.status = status
        if status == "delivered":
            self.setWindowTitle(
                self.tr("Mark as delivered — {title}").format(title=commitment_title)
            )
            self.ok_button.setText(self.tr("Mark delivered"))
            explanation = self.tr(
                "From this date the commitment is no longer open, and never overdue."
            )
            label, verb = self.tr("&Delivered on:"), self.tr("Delivered on")
        else:
            self.setWindowTitle(self.tr("Drop — {title}").format(title=commitment_title))
            self.ok_button.setText(self.tr("Drop commitment"))
            explanation = self.tr(
                "Dropped: it will not be delivered. Its ledger is kept, and it can be reopened."
            )
            label, verb = self.tr("&Dropped on:"), self.tr("Dropped on")

        self.date_field = RecordedOnField(store, verb=verb)
        self.date = self.date_field.edit
        self.form.addRow(ToneLabel(explanation, self, tone="muted"))
        self.form.addRow(label, self.date_field)
        self.date.setFocus()

    def value(self) -> dt.date:
        return self.date_field.date()
