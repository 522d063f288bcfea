"""The Commitment menu's commands: new, a new promised date, a note, close, reopen, edit, delete."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from app.core.wording import plural, short_date
from app.ledger.rules import Standing
from app.reads import ledger
from app.reads.ledger import CommitmentDetail
from app.record.commitments import PromiseFields
from ui import edits
from ui.dialogs.close_dialog import CloseDialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.dialogs.errors import show_error
from ui.dialogs.note_dialog import NoteDialog
from ui.dialogs.promise_dialog import PromiseDialog
from ui.dialogs.questions import Ask, confirmed
from ui.dialogs.recorded_on import explain_hidden
from ui.languages import QT_TRANSLATE_NOOP
from ui.read_only import hold_disabled
from ui.views.base import view_action
from ui.views.commitment_states import (
    DELIVER_TIP,
    DROP_TIP,
    PROMISE_TIP,
    closed_reason,
    undone,
    update_actions,
)

if TYPE_CHECKING:
    from ui.views.commitments import CommitmentsView


class CommitmentActions(QObject):
    """The actions on the commitment selected in the Commitments view, and what each does."""

    def __init__(self, view: CommitmentsView) -> None:
        super().__init__(view)
        self.view, self.store = view, view.store
        self.new_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "&New commitment…"),
            self.new_commitment,
            QKeySequence.StandardKey.New,
            local=True,
        )
        self.promise_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Record new &promise…"),
            self.record_promise,
            "Ctrl+R",
            tip=PROMISE_TIP,
            local=True,
        )
        self.note_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Add &note…"),
            self.add_note,
            "Ctrl+Shift+N",
            tip=QT_TRANSLATE_NOOP("Actions", "Add a dated note"),
            local=True,
        )
        self.deliver_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Mark &delivered…"),
            lambda: self.close_selected("delivered"),
            "Ctrl+D",
            tip=DELIVER_TIP,
            local=True,
        )
        self.drop_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "D&rop…"),
            lambda: self.close_selected("dropped"),
            tip=DROP_TIP,
        )
        self.reopen_action = view_action(view, QT_TRANSLATE_NOOP("Actions", "Re&open"), self.reopen)
        self.edit_action = view_action(
            view, QT_TRANSLATE_NOOP("Actions", "&Edit…"), self.edit, "F2", local=True
        )
        self.delete_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "De&lete…"),
            self.delete,
            QKeySequence.StandardKey.Delete,
            local=True,
        )
        self.history_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "&History…"),
            self.show_history,
            "Ctrl+Shift+H",
            tip=QT_TRANSLATE_NOOP("Actions", "Every change to this commitment"),
            local=True,
        )
        # A record open read-only: every edit disabled for good, the reason in its tooltip.
        hold_disabled(self.store, self.menu_actions())

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
        """Enable the actions that fit the selection, each tooltip saying why not."""
        update_actions(self, current is not None, detail)

    def _perform(self, text: str, apply: edits.Apply) -> Any:
        return edits.perform(self.store, text, apply)

    @Slot()
    def new_commitment(self) -> None:
        if self.store.read_only:
            return

        def submit(values: Any) -> None:
            data, first = values
            new_id = self._perform(
                self.tr("New commitment"), edits.create_commitment(self.store.sessions, data, first)
            )
            detail = ledger.commitment_detail(self.store.sessions, new_id, self.store.as_of)
            self.view.select_when_loaded(detail.key if detail else None, reveal=True)
            explain_hidden(self.view, self.store, self.tr("The new commitment"), first.recorded_on)

        self.view.open_dialog(CommitmentDialog(self.store, submit, parent=self.view))

    @Slot()
    def record_promise(self) -> None:
        current, detail = self.view.selected(), self.view.detail
        if current is None or detail is None or self.store.read_only:
            return
        if detail.status != "open":
            self._offer_to_reopen(detail)
            return
        self._promise_dialog(detail.key, current.title, detail.body_id)

    def _promise_dialog(self, key: str, title: str, body_id: int) -> None:
        def submit(promise: PromiseFields) -> None:
            self._perform(
                self.tr("Record promise"), edits.record_promise(self.store.sessions, key, promise)
            )
            explain_hidden(self.view, self.store, self.tr("The promise"), promise.recorded_on)

        self.view.open_dialog(
            PromiseDialog(
                self.store,
                submit,
                commitment_title=title,
                body_id=body_id,
                commitment_key=key,  # so it can say whether the new promise is a slip
                parent=self.view,
            )
        )

    def _offer_to_reopen(self, detail: CommitmentDetail) -> None:
        """A closed commitment takes no new promise: say so, and offer to reopen it first."""
        informative = undone(detail, offer=True)
        if detail.state == "open":  # closed after the day being viewed: it looks open here
            informative = self.tr(
                "As of {viewing}, the day you are viewing, it was still open. {undone}"
            ).format(viewing=short_date(self.store.as_of), undone=informative)
        key, title, body_id = detail.key, detail.title, detail.body_id

        def reopen_then_promise() -> None:
            if self._reopen(key):
                self._promise_dialog(key, title, body_id)

        self.view.open_dialog(
            Ask(
                self.view,
                self.tr("Record new promise"),
                closed_reason(detail) + ".",
                informative,
                yes=self.tr("Reopen and record a promise…"),
                no=self.tr("Cancel"),
                on_yes=reopen_then_promise,
            )
        )

    @Slot()
    def add_note(self) -> None:
        current = self.view.selected()
        if current is None or self.store.read_only:
            return
        key = current.key

        def submit(values: tuple[dt.date, str, str]) -> None:
            self._perform(self.tr("Add note"), edits.add_note(self.store.sessions, key, *values))
            explain_hidden(self.view, self.store, self.tr("The note"), values[0])

        self.view.open_dialog(
            NoteDialog(self.store, submit, commitment_title=current.title, parent=self.view)
        )

    def close_selected(self, status: str) -> None:
        current = self.view.selected()
        if current is None or self.store.read_only:
            return
        key = current.key
        text = self.tr("Mark delivered") if status == "delivered" else self.tr("Drop")
        what = self.tr("The delivery") if status == "delivered" else self.tr("The drop")

        def submit(on: dt.date) -> None:
            self._perform(text, edits.close_commitment(self.store.sessions, key, status, on))
            explain_hidden(self.view, self.store, what, on)

        self.view.open_dialog(
            CloseDialog(
                self.store,
                submit,
                status=status,
                commitment_title=current.title,
                parent=self.view,
            )
        )

    @Slot()
    def reopen(self) -> None:
        """Reopening removes a delivery or a drop: ask first, naming what is undone."""
        current, detail = self.view.selected(), self.view.detail
        if current is None or detail is None or self.store.read_only:
            return
        if detail.status == "open":
            return
        key = detail.key
        self.view.open_dialog(
            Ask(
                self.view,
                self.tr("Reopen commitment"),
                self.tr("Reopen “{title}”?").format(title=detail.title),
                undone(detail),
                yes=self.tr("Reopen"),
                no=self.tr("Cancel"),
                on_yes=lambda: self._reopen(key),
            )
        )

    def _reopen(self, key: str) -> bool:
        try:
            self._perform(self.tr("Reopen"), edits.reopen_commitment(self.store.sessions, key))
        except Exception as exc:
            show_error(self.view, exc)
            return False
        return True

    @Slot()
    def edit(self) -> None:
        current = self.view.selected()
        if current is None or self.store.read_only:
            return
        from ui.views.commitment_edit import edit_commitment

        edit_commitment(self.view, self.store, current.key, current.row.id, self._perform)

    @Slot()
    def delete(self) -> None:
        current, detail = self.view.selected(), self.view.detail
        if current is None or self.store.read_only:
            return
        if not confirmed(
            self.view,
            self.tr("Delete commitment"),
            self.tr("Delete “{0}” with {1}?\n\nYou can undo this with Edit ▸ Undo.").format(
                current.title, self._ledger_words(current, detail)
            ),
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

    def _ledger_words(self, current: Standing, detail: CommitmentDetail | None) -> str:
        """'its 3 promises and 2 notes', 'its promise' — the whole ledger that goes with it."""
        if detail is None or detail.key != current.key:
            return self.tr("its promises and notes")
        promises = sum(1 for e in detail.entries if e.kind == ledger.PROMISE)
        notes = sum(1 for e in detail.entries if e.kind == ledger.NOTE)
        words = [self.tr("its promise") if promises == 1 else "its " + plural(promises, "promise")]
        if notes:
            words.append(plural(notes, "note"))
        return " and ".join(words)

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
