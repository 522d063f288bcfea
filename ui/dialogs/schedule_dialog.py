"""Add a body's next meetings from its recurring schedule (its RRULE), up to a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from app.core.errors import DomainError
from app.core.wording import plural
from app.ledger.schedule import schedule_dates
from app.reads.browse import BodyRow, bodies, meetings
from ui.dialogs.fit_height import grow_to_fit
from ui.dialogs.form import (
    SubmitDialog,
    ToneLabel,
    body_combo,
    combo_id,
    date_edit,
    from_qdate,
)
from ui.dialogs.schedule_words import sentence
from ui.layouts import column
from ui.store import Store

ScheduleSubmission = tuple[str, dt.date]  # (body key, until)
HORIZON = dt.timedelta(days=365)


def _day(day: dt.date) -> str:
    return day.strftime("%a %d %b %Y")


class ScheduleDialog(SubmitDialog[ScheduleSubmission]):
    def __init__(
        self,
        store: Store,
        submit: Callable[[ScheduleSubmission], None],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        self.setWindowTitle(self.tr("Add scheduled meetings"))
        self.ok_button.setText(self.tr("Add meetings"))
        self._store = store
        self._bodies = {row.id: row for row in bodies(store.sessions) if row.schedule}
        self._count, self._unreadable = 0, False

        self.body = body_combo(list(self._bodies.values()), None)
        self.rule = ToneLabel(parent=self)  # the schedule in words
        self.rule.setAccessibleName(self.tr("Schedule"))
        self.rule_code = ToneLabel(parent=self, tone="muted")  # and as written (an RRULE)
        self.rule_code.setAccessibleName(self.tr("Schedule as an iCalendar rule"))
        schedule = QWidget()
        column(schedule, self.rule, self.rule_code, spacing=0)
        self.until = date_edit(
            store.today() + HORIZON, dayfirst=store.settings.dayfirst, today=store.today()
        )
        self.preview = ToneLabel(parent=self)

        # With no schedule anywhere yet: say so, and open the bodies from here.
        self.no_schedule = QWidget()
        self.bodies_button = QPushButton(self.tr("Give a body a schedule…"))
        self.bodies_button.setAutoDefault(False)
        self.bodies_button.clicked.connect(self.open_bodies)
        column(
            self.no_schedule,
            ToneLabel(
                self.tr(
                    "No body has a schedule yet. Give one (an iCalendar rule such as"
                    " FREQ=MONTHLY;BYDAY=-1TU, the last Tuesday of every month) under Bodies,"
                    " and its next meetings can be added here."
                ),
                self,
            ),
        ).addWidget(self.bodies_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.bodies_dialog: QDialog | None = None
        self.form.addRow(self.no_schedule)
        self.form.addRow(self.tr("&Body:"), self.body)
        self.form.addRow(self.tr("Schedule:"), schedule)
        self.form.addRow(self.tr("&Until:"), self.until)
        self.form.addRow(self.preview)
        self._show_rows()

        self.body.currentIndexChanged.connect(self._update)
        self.until.dateChanged.connect(self._update)
        self._update()
        self.body.setFocus()

    def _show_rows(self) -> None:
        scheduled = bool(self._bodies)
        self.form.setRowVisible(0, not scheduled)
        for row in range(1, self.form.rowCount()):
            self.form.setRowVisible(row, scheduled)
        self.ok_button.setVisible(scheduled)

    @Slot()
    def open_bodies(self) -> None:
        """Manage ▸ Bodies, from here; the schedules given there are read again after."""
        from ui.dialogs.bodies_dialog import BodiesDialog

        dialog = BodiesDialog(self._store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._bodies_changed)
        self.bodies_dialog = dialog
        dialog.open()

    @Slot()
    def _bodies_changed(self) -> None:
        self.bodies_dialog = None
        self._bodies = {row.id: row for row in bodies(self._store.sessions) if row.schedule}
        refill = body_combo(list(self._bodies.values()), combo_id(self.body))
        self.body.blockSignals(True)
        self.body.clear()
        for index in range(refill.count()):
            self.body.addItem(refill.itemText(index), refill.itemData(index))
        self.body.setCurrentIndex(refill.currentIndex())
        self.body.blockSignals(False)
        refill.deleteLater()
        self._show_rows()
        self._update()
        grow_to_fit(self)

    def _selected(self) -> BodyRow | None:
        body_id = combo_id(self.body)
        return self._bodies.get(body_id) if body_id is not None else None

    @Slot()
    def _update(self) -> None:
        row = self._selected()
        code = (row.schedule or "") if row else ""
        words = sentence(code)
        self.rule.setText((words or self.tr("A rule of its own (below)")) if code else "")
        self.rule_code.setText(
            self.tr("As an iCalendar rule: {rule}").format(rule=code) if code else ""
        )
        self._count, self._unreadable = 0, False
        if row is not None and row.schedule:
            try:
                dates = self._dates(row, row.schedule)
            except (DomainError, ValueError) as exc:
                self._unreadable = True
                self.preview.setText(str(exc))
                self.preview.set_tone("error")
            else:
                self._count = len(dates)
                self.preview.set_tone("normal")
                if not dates:
                    self.preview.setText(self.tr("No new meetings up to that date."))
                elif len(dates) == 1:
                    self.preview.setText(
                        self.tr("Adds 1 meeting: {day}.").format(day=_day(dates[0]))
                    )
                else:
                    self.preview.setText(
                        self.tr("Adds {meetings}, from {first} to {last}.").format(
                            meetings=plural(len(dates), "meeting"),
                            first=_day(dates[0]),
                            last=_day(dates[-1]),
                        )
                    )
        self.refresh()

    def _dates(self, row: BodyRow, rule: str) -> list[dt.date]:
        # The same reckoning as app.ledger.schedule.create_scheduled_meetings, for a preview only.
        today = self._store.today()
        held = sorted(m.date for m in meetings(self._store.sessions, row.id))
        after = max([today - dt.timedelta(days=1), *held[-1:]])
        until = from_qdate(self.until.date())
        if until <= after:
            return []
        anchor = held[0] if held else today
        return schedule_dates(rule, anchor=anchor, after=after, until=until, existing=held)

    def blocked_reason(self) -> str:
        if not self._bodies:
            return ""  # the hint above says what to do; OK is not shown
        if self._selected() is None:
            return self.tr("Choose a body.")
        if self._unreadable:
            return self.tr("Mend the schedule or the date first (see above).")
        if self._count == 0:
            return self.tr("Choose a later date: there is no new meeting to add before it.")
        return ""

    def can_submit(self) -> bool:
        return bool(self._bodies) and not self.blocked_reason()

    def value(self) -> ScheduleSubmission:
        row = self._selected()
        assert row is not None  # can_submit() holds
        return row.key, from_qdate(self.until.date())
