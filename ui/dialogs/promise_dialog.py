"""Record a new promise for a commitment, saying as the target is typed what it will be:
a slip (a later date, or a date withdrawn), or reaffirmed, brought forward or dated, which
are not (the rules of app/ledger/slips.py, compared with the promise before it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QWidget

from app.core.wording import plural, weekday_date
from app.ledger import slips
from app.reads.commitment_list import id_of
from app.reads.ledger import PROMISE, commitment_detail
from app.record.commitments import PromiseFields
from ui.dialogs.form import SubmitDialog, Tone, ToneLabel, line, text_box
from ui.dialogs.recorded_on import RecordedOnField
from ui.dialogs.target_field import TargetField
from ui.layouts import column
from ui.store import Store


class PromiseDialog(SubmitDialog[PromiseFields]):
    def __init__(
        self,
        store: Store,
        submit: Callable[[PromiseFields], None],
        *,
        commitment_title: str,
        body_id: int,
        commitment_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        self._store = store
        self._commitment_id = id_of(store.sessions, commitment_key) if commitment_key else None
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
        # "A slip: 61 days later than the last promise…", or "Reaffirmed… not a slip."
        self.kind = ToneLabel(parent=self)
        self.kind.setAccessibleName(self.tr("What this promise will be"))

        self.form.addRow(hint)
        self.form.addRow(self.tr("&Recorded on:"), self.recorded_field)
        target_field = QWidget()  # the target, what it was read as, and what it will be
        column(target_field, self.target, self.kind, spacing=4)
        target_field.setFocusProxy(self.target)
        self.form.addRow(self.tr("&Target:"), target_field)
        self.form.addRow(self.tr("&Given by:"), self.given_by)
        self.form.addRow(self.tr("Reaso&n:"), self.reason)
        self.form.addRow(self.tr("&Source:"), self.source)

        self.recorded_on.dateChanged.connect(self._follow_date)
        self.target.validity_changed.connect(self.refresh)
        self.target.edit.textChanged.connect(self._say_kind)
        self.recorded_on.dateChanged.connect(self._say_kind)
        self._say_kind()
        self.refresh()
        self.target.setFocus()

    @Slot()
    def _follow_date(self) -> None:
        self.target.set_context(self._body_id, self.recorded_field.date())

    def previous_target(self) -> tuple[bool, dt.date | None]:
        """(whether a promise came before, its target) as of the day this one is recorded:
        the latest promise recorded on or before it, its meeting at that day's date."""
        if self._commitment_id is None:
            return False, None
        day = self.recorded_field.date()
        detail = commitment_detail(self._store.sessions, self._commitment_id, day)
        entries = detail.entries if detail else ()
        promises = [e for e in entries if e.kind == PROMISE and e.recorded_on <= day]
        return (True, promises[-1].target) if promises else (False, None)

    @Slot()
    def _say_kind(self) -> None:
        """Say whether the promise being typed is a slip, and if not, what it is."""
        before, previous = self.previous_target()
        typed = self.target.typed_target()
        if not before or not self.target.is_valid():
            self.kind.setText("")
            self.kind.setVisible(False)
            return
        text, tone = kind_words(previous, typed.resolved.date if typed else None)
        self.kind.setText(text)
        self.kind.set_tone(tone)
        self.kind.setVisible(True)

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


def kind_words(before: dt.date | None, after: dt.date | None) -> tuple[str, Tone]:
    """What a promise for `after` is, after one for `before`, in words (and its tone)."""
    kind = slips.promise_kind(before, after)
    if kind == slips.SLIP and before is not None and after is not None:
        later = plural((after - before).days, "day")
        return QCoreApplication.translate(
            "PromiseDialog", "A slip: {0} later than the last promise, {1}."
        ).format(later, weekday_date(before)), "error"
    if kind == slips.WITHDRAWN:
        return QCoreApplication.translate(
            "PromiseDialog",
            "Left empty, it withdraws the date: a slip (the last promise was for {0}).",
        ).format(weekday_date(before)), "error"
    if kind == slips.BROUGHT_FORWARD and before is not None and after is not None:
        earlier = plural((before - after).days, "day")
        return QCoreApplication.translate(
            "PromiseDialog", "Brought forward: {0} earlier than the last promise, {1}. Not a slip."
        ).format(earlier, weekday_date(before)), "normal"
    if kind == slips.DATED:
        return QCoreApplication.translate(
            "PromiseDialog", "Dated: a date where none had been promised. Not a slip."
        ), "normal"
    if before is None:
        return QCoreApplication.translate(
            "PromiseDialog", "Reaffirmed: still no date, as last promised. Not a slip."
        ), "normal"
    return QCoreApplication.translate(
        "PromiseDialog", "Reaffirmed: the same date as the last promise, {0}. Not a slip."
    ).format(weekday_date(before)), "normal"
