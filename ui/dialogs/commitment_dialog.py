"""Create a commitment with its first promise, or edit what was promised and by whom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.reads.browse import bodies, owners
from app.record.commitments import CommitmentFields, PromiseFields
from ui.dialogs.day_field import DayField
from ui.dialogs.first_body import FirstBodyHint, refill_bodies
from ui.dialogs.form import (
    SubmitDialog,
    body_combo,
    combo_id,
    line,
    text_box,
)
from ui.dialogs.recorded_on import RecordedOnField
from ui.dialogs.target_field import TargetField
from ui.store import Store

CommitmentSubmission = tuple[CommitmentFields, PromiseFields | None]


class CommitmentDialog(SubmitDialog[CommitmentSubmission]):
    """`submit` receives (fields, first promise); the promise is None when editing."""

    def __init__(
        self,
        store: Store,
        submit: Callable[[CommitmentSubmission], None],
        *,
        parent: QWidget | None = None,
        existing: CommitmentFields | None = None,
        body_id: int | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        creating = existing is None
        self.setWindowTitle(self.tr("New commitment") if creating else self.tr("Edit commitment"))
        self.ok_button.setText(self.tr("Create") if creating else self.tr("Save"))
        self.setMinimumWidth(540)
        self._store = store

        self.title = line(
            existing.title if existing else "",
            placeholder=self.tr("e.g. The Forde Report to be shared with the NEC"),
        )
        self.body = body_combo(bodies(store.sessions), existing.body_id if existing else body_id)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner.addItems([row.name for row in owners(store.sessions)])
        self.owner.setCurrentIndex(-1)
        self.owner.setEditText(existing.owner if existing else "")
        owner_edit = self.owner.lineEdit()
        if owner_edit is not None:
            owner_edit.setPlaceholderText(self.tr("A person or an organisation"))
        completer = self.owner.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.details = text_box(existing.details if existing else "", lines=3)
        self.source = line(
            existing.source if existing else "",
            placeholder=self.tr("Where it was promised: minutes, a letter, a report"),
        )

        self.first_body: FirstBodyHint | None = None
        if self.body.count() == 0:  # an empty record: the committee comes first
            self.first_body = FirstBodyHint(store, self.tr("a commitment"), self)
            self.first_body.added.connect(self._body_added)
            self.form.addRow(self.first_body)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Body:"), self.body)
        self.form.addRow(self.tr("&Owner:"), self.owner)
        self.form.addRow(self.tr("&Details:"), self.details)
        self.form.addRow(self.tr("&Source:"), self.source)

        # The first promise is asked for only when creating; editing leaves the ledger alone.
        self.recorded_field: RecordedOnField | None = None
        self.recorded_on: DayField | None = None
        self.target: TargetField | None = None
        self.given_by: QLineEdit | None = None
        self.reason: QPlainTextEdit | None = None
        if creating:
            group = QGroupBox(self.tr("First promise"))
            promise_form = QFormLayout(group)
            promise_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.recorded_field = RecordedOnField(store, verb=self.tr("Recorded on"))
            self.recorded_on = self.recorded_field.edit
            day = self.recorded_field.date()
            self.target = TargetField(store, body_id=combo_id(self.body), today=day)
            self.given_by = line(placeholder=self.tr("Who gave the assurance"))
            self.reason = text_box(lines=2)
            promise_form.addRow(self.tr("&Recorded on:"), self.recorded_field)
            promise_form.addRow(self.tr("T&arget:"), self.target)
            promise_form.addRow(self.tr("&Given by:"), self.given_by)
            promise_form.addRow(self.tr("Reaso&n:"), self.reason)
            self.add_section(group)
            self.recorded_on.dateChanged.connect(self._follow_context)
            self.body.currentIndexChanged.connect(self._follow_context)
            self.target.validity_changed.connect(self.refresh)

        self.watch(self.title, self.body)
        self.title.setFocus()

    @Slot()
    def _follow_context(self) -> None:
        if self.target is not None and self.recorded_field is not None:
            self.target.set_context(combo_id(self.body), self.recorded_field.date())

    @Slot(int)
    def _body_added(self, body_id: int) -> None:
        refill_bodies(self._store, self.body, body_id)
        if self.first_body is not None and self.body.count():
            self.first_body.hide()
        self.refresh()
        self.title.setFocus()

    def blocked_reason(self) -> str:
        if combo_id(self.body) is None:
            if self.body.count() == 0:
                return self.tr("Add the committee first: a commitment is made to a body.")
            return self.tr("Choose the body it was promised to.")
        if not self.title.text().strip():
            return self.tr("Give the commitment a title.")
        if self.target is not None and not self.target.is_valid():
            return self.tr("Type a target Docket can read, or leave it empty for no date.")
        return ""

    def value(self) -> CommitmentSubmission:
        body_id = combo_id(self.body)
        assert body_id is not None  # can_submit() holds
        fields = CommitmentFields(
            title=self.title.text().strip(),
            body_id=body_id,
            owner=self.owner.currentText().strip(),
            details=self.details.toPlainText().strip(),
            source=self.source.text().strip(),
        )
        if self.target is None or self.recorded_field is None:
            return fields, None
        typed = self.target.typed_target()
        promise = PromiseFields(
            recorded_on=self.recorded_field.date(),
            target_date=typed.target_date if typed else None,
            target_meeting_id=typed.target_meeting_id if typed else None,
            given_by=self.given_by.text().strip() if self.given_by else "",
            reason=self.reason.toPlainText().strip() if self.reason else "",
        )
        return fields, promise
