"""Record a new promised target for a commitment: after the first, every promise is a slip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from app.record.commitments import PromiseFields
from ui.dialogs.form import SubmitDialog, ToneLabel, line, text_box
from ui.dialogs.recorded_on import RecordedOnField
from ui.dialogs.target_field import TargetField
from ui.store import Store


class PromiseDialog(SubmitDialog[PromiseFields]):
    def __init__(
        self,
        store: Store,
        submit: Callable[[PromiseFields], None],
        *,
        commitment_title: str,
        body_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        self.setWindowTitle(
            self.tr("Record a new promise — {title}").format(title=commitment_title)
        )
        self.ok_button.setText(self.tr("Record promise"))
        self.setMinimumWidth(520)
        self._body_id = body_id

        # What the new promise will be is said once the target is read (slip or not).
        hint = ToneLabel(
            self.tr("A new promise never overwrites the ledger: it is added to it."),
            self,
            tone="muted",
        )
        self.recorded_field = RecordedOnField(store, verb=self.tr("Recorded on"))
        self.recorded_on = self.recorded_field.edit
        self.target = TargetField(store, body_id=body_id, today=self.recorded_field.date())
        self.given_by = line(placeholder=self.tr("Who gave the assurance"))
        self.reason = text_box(lines=2)
        self.reason.setPlaceholderText(self.tr("Why the date moved, as they put it"))
        self.source = line(placeholder=self.tr("A letter, the minutes, a press report"))

        self.form.addRow(hint)
        self.form.addRow(self.tr("&Recorded on:"), self.recorded_field)
        self.form.addRow(self.tr("&Target:"), self.target)
        self.form.addRow(self.tr("&Given by:"), self.given_by)
        self.form.addRow(self.tr("Reaso&n:"), self.reason)
        self.form.addRow(self.tr("&Source:"), self.source)

        self.recorded_on.dateChanged.connect(self._follow_date)
        self.target.validity_changed.connect(self.refresh)
        self.refresh()
        self.target.setFocus()

    @Slot()
    def _follow_date(self) -> None:
        self.target.set_context(self._body_id, self.recorded_field.date())

    def blocked_reason(self) -> str:
        if not self.target.is_valid():
            return self.tr("Type a target Docket can read, or leave it empty for no date.")
        return ""

    def value(self) -> PromiseFields:
        typed = self.target.typed_target()
        return PromiseFields(
            recorded_on=self.recorded_field.date(),
            target_date=typed.target_date if typed else None,
            target_meeting_id=typed.target_meeting_id if typed else None,
            given_by=self.given_by.text().strip(),
            reason=self.reason.toPlainText().strip(),
            source=self.source.text().strip(),
        )
