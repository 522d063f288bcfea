"""The Commitment menu's commands: new, a new promised date, a note, close, reopen, edit, delete."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from app.ledger.rules import Standing
from app.reads import ledger
from app.reads.ledger import CommitmentDetail
from ui import edits
from ui.dialogs.close_dialog import CloseDialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.dialogs.errors import show_error
from ui.dialogs.note_dialog import NoteDialog
from ui.dialogs.promise_dialog import PromiseDialog
from ui.dialogs.questions import confirmed
from ui.views.base import view_action

if TYPE_CHECKING:
    from ui.views.commitments import CommitmentsView


class CommitmentActions(QObject):
    """The actions on the commitment selected in the Commitments view, and what each does."""

    def __init__(self, view: CommitmentsView) -> None:
        super().__init__(view)
        self.view, self.store = view, view.store
        self.new_action = view_action(
            view, "&New commitment…", self.new_commitment, QKeySequence.StandardKey.New, local=True
        )
        self.promise_action = view_action(
            view,
            "Record new &promise…",
            self.record_promise,
            "Ctrl+R",
            tip="Record a new promised date (a slip)",
            local=True,
        )
        self.note_action = view_action(
            view, "Add &note…", self.add_note, "Ctrl+Shift+N", tip="Add a dated note", local=True
        )
        self.deliver_action = view_action(
            view, "Mark &delivered…", lambda: self.close_selected("delivered"), "Ctrl+D", local=True
        )
        self.drop_action = view_action(view, "D&rop…", lambda: self.close_selected("dropped"))
        self.reopen_action = view_action(view, "Re&open", self.reopen)
        self.edit_action = view_action(view, "&Edit…", self.edit, "F2", local=True)
        self.delete_action = view_action(
            view, "De&lete…", self.delete, QKeySequence.StandardKey.Delete, local=True
        )
        self.history_action = view_action(
            view,
            "&History…",
            self.show_history,
            "Ctrl+Shift+H",
            tip="Every change to this commitment",
            local=True,
        )

    def menu_actions(self) -> list[QAction]:
        """In the Commitment menu's order; each brings the Commitments view forward."""
        return [
            self.new_action,
            self.promise_action,
            self.note_action,
            self.deliver_action,
            self.drop_action,
            self.reopen_action,
            self.edit_action,
            self.delete_action,
        ]

    def buttons(self) -> list[tuple[QAction, str]]:
        """The detail pane's buttons: each action with its short label."""
        return [
            (self.promise_action, self.tr("New promise…")),
            (self.note_action, self.tr("Add note…")),
            (self.deliver_action, self.tr("Delivered…")),
            (self.drop_action, self.tr("Drop…")),
            (self.reopen_action, self.tr("Reopen")),
            (self.edit_action, self.tr("Edit…")),
            (self.delete_action, self.tr("Delete…")),
            (self.history_action, self.tr("History…")),
        ]

    def update(self, current: Standing | None, detail: CommitmentDetail | None) -> None:
        chosen = current is not None
        is_open = chosen and detail is not None and detail.status == "open"
        for act in (self.promise_action, self.deliver_action, self.drop_action):
            act.setEnabled(is_open)
        self.note_action.setEnabled(chosen)
        self.reopen_action.setEnabled(chosen and detail is not None and detail.status != "open")
        for act in (self.edit_action, self.delete_action, self.history_action):
            act.setEnabled(chosen)

    def _perform(self, text: str, apply: edits.Apply) -> Any:
        return edits.perform(self.store, text, apply)

    @Slot()
    def new_commitment(self) -> None:
        def submit(values: Any) -> None:
            data, first = values
            new_id = self._perform(
                self.tr("New commitment"), edits.create_commitment(self.store.sessions, data, first)
            )
            detail = ledger.commitment_detail(self.store.sessions, new_id, self.store.as_of)
            self.view.select_when_loaded(detail.key if detail else None)

        self.view.open_dialog(CommitmentDialog(self.store, submit, parent=self.view))

    @Slot()
    def record_promise(self) -> None:
        current, detail = self.view.selected(), self.view.detail
        if current is None or detail is None:
            return
        key = current.key
        self.view.open_dialog(
            PromiseDialog(
                self.store,
                lambda promise: self._perform(
                    self.tr("Record promise"),
                    edits.record_promise(self.store.sessions, key, promise),
                ),
                commitment_title=current.title,
                body_id=detail.body_id,
                parent=self.view,
            )
        )

    @Slot()
    def add_note(self) -> None:
        current = self.view.selected()
        if current is None:
            return
        key = current.key

        def submit(values: tuple[dt.date, str, str]) -> None:
            self._perform(self.tr("Add note"), edits.add_note(self.store.sessions, key, *values))

        self.view.open_dialog(
            NoteDialog(self.store, submit, commitment_title=current.title, parent=self.view)
        )

    def close_selected(self, status: str) -> None:
        current = self.view.selected()
        if current is None:
            return
        key = current.key
        text = self.tr("Mark delivered") if status == "delivered" else self.tr("Drop")
        self.view.open_dialog(
            CloseDialog(
                self.store,
                lambda on: self._perform(
                    text, edits.close_commitment(self.store.sessions, key, status, on)
                ),
                status=status,
                commitment_title=current.title,
                parent=self.view,
            )
        )

    @Slot()
    def reopen(self) -> None:
        current = self.view.selected()
        if current is None:
            return
        try:
            self._perform(
                self.tr("Reopen"), edits.reopen_commitment(self.store.sessions, current.key)
            )
        except Exception as exc:
            show_error(self.view, exc)

    @Slot()
    def edit(self) -> None:
        current = self.view.selected()
        if current is None:
            return
        from app.record.commitments import commitment_fields

        key = current.key
        existing = commitment_fields(self.store.sessions, current.row.id)

        def submit(values: Any) -> None:
            data, _first = values
            self._perform(
                self.tr("Edit commitment"), edits.update_commitment(self.store.sessions, key, data)
            )

        self.view.open_dialog(
            CommitmentDialog(self.store, submit, parent=self.view, existing=existing)
        )

    @Slot()
    def delete(self) -> None:
        current = self.view.selected()
        if current is None:
            return
        if not confirmed(
            self.view,
            self.tr("Delete commitment"),
            self.tr(
                "Delete “{0}” with its {1} promise(s) and notes?\n\n"
                "You can undo this with Edit ▸ Undo."
            ).format(current.title, current.row.promises),
        ):
            return
        try:
            self._perform(
                self.tr("Delete commitment"),
                edits.delete_commitment(self.store.sessions, current.key),
            )
        except Exception as exc:
            show_error(self.view, exc)
        self.view.select_when_loaded(None)

    @Slot()
    def show_history(self) -> None:
        current = self.view.selected()
        if current is None:
            return
        from functools import partial

        from app.reads.history import commitment_history
        from ui.dialogs.history_dialog import HistoryDialog

        load = partial(commitment_history, self.store.sessions, current.row.id)
        self.view.open_dialog(HistoryDialog(self.store, current.title, load, self.view))
