"""Add or edit an agenda item: its lead, outcome, decision and, where taken, the votes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QWidget

from app.record.agenda import AgendaFields
from db.models import AGENDA_STATUSES
from ui.dialogs.form import SubmitDialog, choice_combo, combo_value, line, text_box
from ui.layouts import add_labelled

NOT_RECORDED = -1  # the spin box's minimum, shown as "—": no count was recorded
MAX_VOTES = 9999


def vote_box(value: int | None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NOT_RECORDED, MAX_VOTES)
    box.setSpecialValueText("—")
    box.setValue(NOT_RECORDED if value is None else value)
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0000") + 40)
    return box


def vote_count(box: QSpinBox) -> int | None:
    return None if box.value() == NOT_RECORDED else box.value()


class AgendaItemDialog(SubmitDialog[AgendaFields]):
    def __init__(
        self,
        submit: Callable[[AgendaFields], None],
        *,
        parent: QWidget | None = None,
        existing: AgendaFields | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        creating = existing is None
        self.setWindowTitle(self.tr("New agenda item") if creating else self.tr("Edit agenda item"))
        self.ok_button.setText(self.tr("Add item") if creating else self.tr("Save"))
        self.setMinimumWidth(540)
        e = existing or AgendaFields(title="")

        self.title = line(e.title)
        self.lead = line(e.lead, placeholder=self.tr("Who introduces it"))
        self.details = text_box(e.details, lines=3)
        self.outcome = text_box(e.outcome, lines=2)
        self.decision = text_box(e.decision, lines=2)
        self.votes_for = vote_box(e.votes_for)
        self.votes_against = vote_box(e.votes_against)
        self.votes_abstaining = vote_box(e.votes_abstaining)
        self.status = choice_combo(AGENDA_STATUSES, e.status)

        votes = QHBoxLayout()
        votes.setContentsMargins(0, 0, 0, 0)
        add_labelled(
            votes,
            (
                (self.tr("&For:"), self.votes_for),
                (self.tr("&Against:"), self.votes_against),
                (self.tr("A&bstaining:"), self.votes_abstaining),
            ),
            gap=8,
        )
        votes.addStretch(1)
        self.votes_for.setToolTip(self.tr("“—” means no count was recorded"))
        self.votes_against.setToolTip(self.votes_for.toolTip())
        self.votes_abstaining.setToolTip(self.votes_for.toolTip())

        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Lead:"), self.lead)
        self.form.addRow(self.tr("&Details:"), self.details)
        self.form.addRow(self.tr("&Outcome:"), self.outcome)
        self.form.addRow(self.tr("D&ecision:"), self.decision)
        self.form.addRow(self.tr("Votes:"), votes)
        self.form.addRow(self.tr("&Status:"), self.status)
        self.watch(self.title)
        self.title.setFocus()

    def blocked_reason(self) -> str:
        return "" if self.title.text().strip() else self.tr("Give the item a title.")

    def value(self) -> AgendaFields:
        return AgendaFields(
            title=self.title.text().strip(),
            lead=self.lead.text().strip(),
            details=self.details.toPlainText().strip(),
            outcome=self.outcome.toPlainText().strip(),
            decision=self.decision.toPlainText().strip(),
            votes_for=vote_count(self.votes_for),
            votes_against=vote_count(self.votes_against),
            votes_abstaining=vote_count(self.votes_abstaining),
            status=combo_value(self.status),
        )
