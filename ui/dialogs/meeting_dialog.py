"""Create or edit a meeting: its body, date, time, status and place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTimeEdit, QWidget

from app.reads.browse import bodies
from app.record.meetings import ChangeNote, MeetingFields
from db.models import MEETING_STATUSES
from ui.dialogs.first_body import FirstBodyHint, refill_bodies
from ui.dialogs.form import (
    SubmitDialog,
    ToneLabel,
    body_combo,
    choice_combo,
    combo_id,
    combo_value,
    date_edit,
    from_qdate,
    from_qtime,
    line,
    text_box,
    to_qtime,
)
from ui.store import Store

DEFAULT_TIME = dt.time(10, 0)


class MeetingDialog(SubmitDialog[MeetingFields]):
    def __init__(
        self,
        store: Store,
        submit: Callable[[MeetingFields], None],
        *,
        parent: QWidget | None = None,
        existing: MeetingFields | None = None,
        body_id: int | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        creating = existing is None
        self.setWindowTitle(self.tr("New meeting") if creating else self.tr("Edit meeting"))
        self.ok_button.setText(self.tr("Create") if creating else self.tr("Save"))

        self.body = body_combo(bodies(store.sessions), existing.body_id if existing else body_id)
        self.date = date_edit(
            existing.date if existing else store.today(),
            dayfirst=store.settings.dayfirst,
            today=store.today(),
        )
        self.time = QTimeEdit(
            to_qtime(existing.time if existing and existing.time else DEFAULT_TIME)
        )
        self.time.setDisplayFormat("HH:mm")
        self.no_time = QCheckBox(self.tr("&No time set"))
        self.no_time.setChecked(existing is None or existing.time is None)
        time_row = QHBoxLayout()
        time_row.setContentsMargins(0, 0, 0, 0)
        time_row.addWidget(self.time)
        time_row.addWidget(self.no_time)
        time_row.addStretch(1)
        self.title = line(
            existing.title if existing else "", placeholder=self.tr("e.g. NEC away day")
        )
        self.status = choice_combo(MEETING_STATUSES, existing.status if existing else "scheduled")
        self.location = line(existing.location if existing else "")
        self.notes = text_box(existing.notes if existing else "", lines=3)

        self._store = store
        self.first_body: FirstBodyHint | None = None
        if self.body.count() == 0:  # an empty record: the committee comes first
            self.first_body = FirstBodyHint(store, self.tr("a meeting"), self)
            self.first_body.added.connect(self._body_added)
            self.form.addRow(self.first_body)
        self.form.addRow(self.tr("&Body:"), self.body)
        self.form.addRow(self.tr("&Date:"), self.date)
        time_label = QLabel(self.tr("T&ime:"))
        time_label.setBuddy(self.time)
        self.form.addRow(time_label, time_row)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Status:"), self.status)
        self.form.addRow(self.tr("&Location:"), self.location)
        self.form.addRow(self.tr("N&otes:"), self.notes)
        self._existing = existing
        if existing is not None:
            self._add_change_fields(store)

        self.no_time.toggled.connect(self._time_toggled)
        self._time_toggled(self.no_time.isChecked())
        self.watch(self.body)
        (self.body if creating else self.date).setFocus()

    def _add_change_fields(self, store: Store) -> None:
        """When the date or status changes: when that was recorded, why, and on whose word."""
        self.form.addRow(
            ToneLabel(
                self.tr(
                    "A new date or status is recorded as a dated change: lists as of an"
                    " earlier day keep the meeting as it was. Promises that target this"
                    " meeting follow it if it moves."
                ),
                self,
                tone="muted",
            )
        )
        self.recorded_on = date_edit(
            store.as_of, dayfirst=store.settings.dayfirst, today=store.today()
        )
        self.reason = line("", placeholder=self.tr("e.g. moved to avoid the by-election"))
        self.source = line("", placeholder=self.tr("e.g. email from the General Secretary"))
        self.form.addRow(self.tr("Change &recorded on:"), self.recorded_on)
        self.form.addRow(self.tr("&Why:"), self.reason)
        self.form.addRow(self.tr("So&urce:"), self.source)
        self.date.dateChanged.connect(self._changing)
        self.status.currentIndexChanged.connect(self._changing)
        self._changing()

    @Slot()
    def _changing(self) -> None:
        changed = self.is_change()
        for widget in (self.recorded_on, self.reason, self.source):
            widget.setEnabled(changed)

    def is_change(self) -> bool:
        """Whether the date or the status differs from the meeting's."""
        old = self._existing
        return old is not None and (
            from_qdate(self.date.date()) != old.date or combo_value(self.status) != old.status
        )

    def change_note(self) -> ChangeNote | None:
        """Why the date or status changed, or None when neither did (or a new meeting)."""
        if not self.is_change():
            return None
        return ChangeNote(
            from_qdate(self.recorded_on.date()),
            self.reason.text().strip(),
            self.source.text().strip(),
        )

    @Slot(bool)
    def _time_toggled(self, no_time: bool) -> None:
        self.time.setEnabled(not no_time)

    @Slot(int)
    def _body_added(self, body_id: int) -> None:
        refill_bodies(self._store, self.body, body_id)
        if self.first_body is not None and self.body.count():
            self.first_body.hide()
        self.refresh()
        self.date.setFocus()

    def blocked_reason(self) -> str:
        if combo_id(self.body) is not None:
            return ""
        if self.body.count() == 0:
            return self.tr("Add the committee first: a meeting is held by a body.")
        return self.tr("Choose the body that meets.")

    def value(self) -> MeetingFields:
        body_id = combo_id(self.body)
        assert body_id is not None  # can_submit() holds
        return MeetingFields(
            body_id=body_id,
            date=from_qdate(self.date.date()),
            time=None if self.no_time.isChecked() else from_qtime(self.time.time()),
            title=self.title.text().strip(),
            status=combo_value(self.status),
            location=self.location.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )
