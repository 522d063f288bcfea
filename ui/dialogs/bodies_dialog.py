"""Manage ▸ Bodies…: the committees and panels that meet, and the form to add or edit one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QWidget

from app.reads.browse import BodyRow, bodies
from app.record.bodies import BodyFields
from ui import edits
from ui.dialogs.form import SubmitDialog, ToneLabel, line
from ui.dialogs.list_dialog import ListDialog
from ui.dialogs.schedule_phrases import EXAMPLES, read_schedule, shown_schedule
from ui.dialogs.schedule_words import rule_in_words, sentence
from ui.layouts import column
from ui.store import Store


class BodyFormDialog(SubmitDialog[BodyFields]):
    """Name, short name and recurring schedule of a body; the schedule is checked as typed."""

    def __init__(
        self,
        submit: Callable[[BodyFields], None],
        *,
        parent: QWidget | None = None,
        existing: BodyFields | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        creating = existing is None
        self.setWindowTitle(self.tr("New body") if creating else self.tr("Edit body"))
        self.ok_button.setText(self.tr("Create") if creating else self.tr("Save"))
        self.setMinimumWidth(520)

        self.name = line(
            existing.name if existing else "",
            placeholder=self.tr("e.g. National Executive Committee"),
        )
        self.short_name = line(
            existing.short_name if existing else "", placeholder=self.tr("e.g. NEC")
        )
        self.schedule = line(
            shown_schedule(existing.schedule) if existing else "",
            placeholder=self.tr("e.g. the last Tuesday of every other month"),
        )
        self.schedule_hint = ToneLabel(tone="muted")
        schedule_field = QWidget()
        column(schedule_field, self.schedule, self.schedule_hint, spacing=2)
        schedule_field.setFocusProxy(self.schedule)

        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Short name:"), self.short_name)
        self.form.addRow(self.tr("Sc&hedule:"), schedule_field)

        self._schedule_ok = True
        self._rule: str | None = None  # the rule the schedule field was read as
        self.schedule.textChanged.connect(self._check_schedule)
        self._check_schedule()
        self.watch(self.name)
        self.name.setFocus()

    @Slot()
    def _check_schedule(self) -> None:
        text = self.schedule.text().strip()
        self._rule, refusal = read_schedule(text)
        self._schedule_ok = refusal is None
        hint = self.schedule_hint
        hint.setToolTip("")
        if refusal is not None:
            hint.setText(refusal)
            hint.set_tone("error")
            self.refresh()
            return
        words = rule_in_words(self._rule)
        if words and self._rule:
            hint.setText(self.tr("Meets {words}.").format(words=words))
            hint.setToolTip(self.tr("As an iCalendar rule: {0}").format(self._rule))
        elif text:
            hint.setText(self.tr("A rule Docket cannot put into words, but can follow."))
        else:
            hint.setText(
                self.tr(
                    "Say it as people do: “{0}”, “{1}” or “{2}” (or as an iCalendar rule)."
                    " Leave empty if the body has no fixed pattern."
                ).format(*EXAMPLES)
            )
        hint.set_tone("muted")
        self.refresh()

    def blocked_reason(self) -> str:
        if not self.name.text().strip():
            return self.tr("Give the body a name.")
        if not self._schedule_ok:
            return self.tr("Mend the schedule, or leave it empty.")
        return ""

    def value(self) -> BodyFields:
        return BodyFields(
            name=self.name.text().strip(),
            short_name=self.short_name.text().strip(),
            schedule=self._rule,
        )


class BodiesDialog(ListDialog[BodyRow]):
    """The committees and panels that meet, with their recurring schedules."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(
            store, parent, [self.tr("Name"), self.tr("Short name"), self.tr("Schedule")]
        )
        self.setWindowTitle(self.tr("Bodies"))
        self.reload()

    def rows(self) -> list[BodyRow]:
        return bodies(self.store.sessions)

    def columns(self, row: BodyRow) -> list[str]:
        words = sentence(row.schedule) if row.schedule else ""
        return [row.name, row.short_name, words or row.schedule or ""]

    def tooltips(self, row: BodyRow) -> list[str]:
        rule = self.tr("As an iCalendar rule: {rule}").format(rule=row.schedule)
        return ["", "", rule if row.schedule else ""]

    def form(self, row: BodyRow | None) -> QDialog:
        store, select = self.store, self.selector()
        if row is None:
            adding = self.tr("Add body “{name}”")

            def create(data: BodyFields) -> None:
                text = adding.format(name=data.name)
                select(edits.perform(store, text, edits.create_body(store.sessions, data)))

            return BodyFormDialog(create, parent=self)

        key, editing = row.key, self.tr("Edit body “{name}”")

        def update(data: BodyFields) -> None:
            text = editing.format(name=data.name)
            edits.perform(store, text, edits.update_body(store.sessions, key, data))

        existing = BodyFields(row.name, row.short_name, row.schedule)
        return BodyFormDialog(update, parent=self, existing=existing)

    def delete(self, row: BodyRow) -> None:
        text = self.tr("Delete body “{name}”").format(name=row.name)
        edits.perform(self.store, text, edits.delete_body(self.store.sessions, row.key))
