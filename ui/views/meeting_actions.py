"""The Meeting menu's commands on whole meetings: new, edit, reschedule, cancel, delete, briefs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from app.core.errors import DomainError
from app.core.wording import plural, short_date
from app.reads.browse import MeetingRow
from app.record import meetings as meeting_cases
from app.record.versions import EditConflict, version_of
from db.models import Meeting
from ui import edits
from ui.dialogs import conflict_dialog
from ui.dialogs.errors import show_error
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.questions import confirmed
from ui.dialogs.schedule_dialog import ScheduleDialog
from ui.languages import QT_TRANSLATE_NOOP
from ui.read_only import hold_disabled
from ui.views.base import view_action

if TYPE_CHECKING:
    from ui.views.meetings import MeetingsView


class MeetingActions(QObject):
    """The actions on the meeting selected in the Meetings view, and what each does."""

    def __init__(self, view: MeetingsView) -> None:
        super().__init__(view)
        self.view, self.store = view, view.store
        self.new_action = view_action(
            view, QT_TRANSLATE_NOOP("Actions", "New &meeting…"), self.new_meeting, "Ctrl+Shift+M"
        )
        self.edit_action = view_action(
            view, QT_TRANSLATE_NOOP("Actions", "&Edit meeting…"), self.edit_meeting
        )
        self.reschedule_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "&Reschedule…"),
            self.reschedule,
            tip=QT_TRANSLATE_NOOP("Actions", "Move the meeting; promises that name it move too"),
        )
        self.cancel_action = view_action(
            view, QT_TRANSLATE_NOOP("Actions", "&Cancel meeting"), self.cancel_meeting
        )
        self.delete_action = view_action(
            view, QT_TRANSLATE_NOOP("Actions", "&Delete meeting…"), self.delete_meeting
        )
        self.schedule_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Create meetings from &schedule…"),
            self.create_from_schedule,
            tip=QT_TRANSLATE_NOOP(
                "Actions", "Add a body's next meetings from its recurring schedule"
            ),
        )
        self.print_brief_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "&Print brief…"),
            self.print_brief,
            "Ctrl+Shift+P",
            tip=QT_TRANSLATE_NOOP("Actions", "Print the brief for this meeting"),
        )
        self.export_brief_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Export &brief as PDF…"),
            self.export_brief,
            "Ctrl+Shift+B",
            tip=QT_TRANSLATE_NOOP("Actions", "Save the brief for this meeting as a PDF"),
        )
        self.history_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Meeting &history…"),
            self.show_history,
            tip=QT_TRANSLATE_NOOP("Actions", "Every change to this meeting and its agenda"),
        )
        self.print_brief_action.setIconText(self.tr("Print brief…"))
        self.export_brief_action.setIconText(self.tr("Brief as PDF…"))
        self.history_action.setIconText(self.tr("History…"))
        # A record open read-only: every edit disabled for good, the reason in its tooltip.
        hold_disabled(self.store, self.edit_actions())

    def edit_actions(self) -> list[QAction]:
        """The actions that change the record (not the briefs or the history)."""
        return [
            self.new_action,
            self.edit_action,
            self.reschedule_action,
            self.cancel_action,
            self.delete_action,
            self.schedule_action,
        ]

    def menu_actions(self) -> list[QAction]:
        """In the Meeting menu's order (Meeting history… comes last, after the agenda's)."""
        return [
            self.new_action,
            self.edit_action,
            self.reschedule_action,
            self.cancel_action,
            self.delete_action,
            self.schedule_action,
            self.print_brief_action,
            self.export_brief_action,
        ]

    def title_actions(self) -> list[QAction]:
        """The buttons beside a meeting's name: its brief, printed or as PDF, and its history."""
        return [self.print_brief_action, self.export_brief_action, self.history_action]

    def update(self, meeting: MeetingRow | None) -> None:
        has = meeting is not None
        for act in (
            self.edit_action,
            self.reschedule_action,
            self.delete_action,
            self.print_brief_action,
            self.export_brief_action,
            self.history_action,
        ):
            act.setEnabled(has)
        self.cancel_action.setEnabled(meeting is not None and meeting.status != "cancelled")
        agenda = getattr(self.view, "agenda", None)  # the agenda's editing actions too
        if agenda is not None:
            hold_disabled(self.store, agenda.menu_actions())

    def _perform(self, text: str, apply: edits.Apply) -> Any:
        return edits.perform(self.store, text, apply)

    @Slot()
    def print_brief(self) -> None:
        from ui.brief_actions import print_brief_dialog

        meeting = self.view.selected()
        if meeting is not None:
            self.view.dialog = print_brief_dialog(self.view, self.store, meeting)

    @Slot()
    def export_brief(self) -> None:
        from ui.brief_actions import export_brief_pdf

        meeting = self.view.selected()
        if meeting is not None:
            export_brief_pdf(self.view, self.store, meeting)

    @Slot()
    def show_history(self) -> None:
        meeting = self.view.selected()
        if meeting is None:
            return
        from functools import partial

        from app.reads.history import meeting_history
        from ui.dialogs.history_dialog import HistoryDialog

        title = f"{meeting.title or meeting.body} {meeting.date.isoformat()}"
        load = partial(meeting_history, self.store.sessions, meeting.id)
        self.view.open_dialog(HistoryDialog(self.store, title, load, self.view))

    @Slot()
    def new_meeting(self) -> None:
        if self.store.read_only:
            return
        current = self.view.selected()
        body_id = self.view.body_combo.currentData() or (current.body_id if current else None)

        def submit(data: meeting_cases.MeetingFields) -> None:
            self.view.select_when_loaded(
                self._perform(
                    self.tr("New meeting"), edits.create_meeting(self.store.sessions, data)
                )
            )

        self.view.open_dialog(MeetingDialog(self.store, submit, parent=self.view, body_id=body_id))

    def _edit_dialog(self, text: str) -> MeetingDialog | None:
        current = self.view.selected()
        if current is None or self.store.read_only:
            return None
        key, sessions = current.key, self.store.sessions
        try:
            existing = meeting_cases.meeting_fields(sessions, current.id)
            version = version_of(sessions, Meeting, current.id, "meeting")
        except DomainError as exc:  # gone since the list was read
            show_error(self.view, exc)
            return None

        def submit(data: meeting_cases.MeetingFields) -> None:
            note = dialog.change_note()
            try:
                self._perform(text, edits.update_meeting(sessions, key, data, note, version))
            except EditConflict as conflict:  # another member saved it since
                mine = meeting_cases.meeting_shown(data)
                if conflict_dialog.save_mine(self.view, conflict, mine):
                    again = edits.update_meeting(sessions, key, data, note, conflict.version)
                    self._perform(text, again)
                else:
                    self.store.changed.emit()

        dialog = MeetingDialog(self.store, submit, parent=self.view, existing=existing)
        return dialog

    @Slot()
    def edit_meeting(self) -> None:
        dialog = self._edit_dialog(self.tr("Edit meeting"))
        if dialog is not None:
            self.view.open_dialog(dialog)

    @Slot()
    def reschedule(self) -> None:
        dialog = self._edit_dialog(self.tr("Reschedule meeting"))
        if dialog is not None:
            dialog.setWindowTitle(self.tr("Reschedule meeting"))
            dialog.date.setFocus()
            self.view.open_dialog(dialog)

    @Slot()
    def cancel_meeting(self) -> None:
        current = self.view.selected()
        if current is None or current.status == "cancelled" or self.store.read_only:
            return
        try:
            existing = meeting_cases.meeting_fields(self.store.sessions, current.id)
            self._perform(
                self.tr("Cancel meeting"),
                edits.update_meeting(
                    self.store.sessions,
                    current.key,
                    replace(existing, status="cancelled"),
                    meeting_cases.ChangeNote(self.store.as_of),
                ),
            )
        except DomainError as exc:
            show_error(self.view, exc)

    @Slot()
    def delete_meeting(self) -> None:
        current = self.view.selected()
        if current is None or self.store.read_only:
            return
        agenda = (
            self.tr("with its agenda item")
            if current.items == 1
            else self.tr("with its {items}").format(items=plural(current.items, "agenda item"))
            if current.items
            else self.tr("(it has no agenda items)")
        )
        if not confirmed(
            self.view,
            self.tr("Delete meeting"),
            self.tr(
                "Delete the {0} meeting of {1} {2}?\n\nYou can undo this with Edit ▸ Undo."
            ).format(current.body, short_date(current.date), agenda),
        ):
            return
        try:
            self._perform(
                self.tr("Delete meeting"), edits.delete_meeting(self.store.sessions, current.key)
            )
        except DomainError as exc:
            show_error(self.view, exc)

    @Slot()
    def create_from_schedule(self) -> None:
        if self.store.read_only:
            return

        def submit(values: tuple[str, dt.date]) -> None:
            body_key, until = values
            self._perform(
                self.tr("Create meetings from schedule"),
                edits.create_scheduled(self.store.sessions, body_key, until, self.store.today()),
            )

        self.view.open_dialog(ScheduleDialog(self.store, submit, parent=self.view))
