"""Manage ▸ Owners…: the people and organisations answerable, and the form to add or edit one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from app.reads.browse import OwnerRow, owners
from db.models import OWNER_KINDS
from ui import edits
from ui.dialogs.form import SubmitDialog, ToneLabel, choice_combo, line
from ui.dialogs.list_dialog import ListDialog
from ui.store import Store

OwnerSubmission = tuple[str, str | None]  # (name, kind); kind None = not known


class OwnerFormDialog(SubmitDialog[OwnerSubmission]):
    """An owner's name and whether it is a person or an organisation (or not known)."""

    def __init__(
        self,
        submit: Callable[[OwnerSubmission], None],
        *,
        parent: QWidget | None = None,
        existing: OwnerSubmission | None = None,
    ) -> None:
        super().__init__(submit, parent=parent)
        creating = existing is None
        self.setWindowTitle(self.tr("New owner") if creating else self.tr("Edit owner"))
        self.ok_button.setText(self.tr("Create") if creating else self.tr("Save"))
        name, kind = existing or ("", None)

        self.name = line(name, placeholder=self.tr("A person or an organisation"))
        self.kind = choice_combo((*OWNER_KINDS, ""), kind or "")
        self.kind.setItemText(self.kind.count() - 1, self.tr("Unknown"))
        for index, value in enumerate(OWNER_KINDS):
            self.kind.setItemText(index, self.tr(value.capitalize()))

        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Kind:"), self.kind)
        if not creating:
            self.form.addRow(
                ToneLabel(
                    self.tr("Renaming an owner renames it on every commitment it answers for."),
                    self,
                    tone="muted",
                )
            )
        self.watch(self.name)
        self.name.setFocus()

    def blocked_reason(self) -> str:
        return "" if self.name.text().strip() else self.tr("Give the owner a name.")

    def value(self) -> OwnerSubmission:
        kind = self.kind.currentData()
        return self.name.text().strip(), kind if isinstance(kind, str) and kind else None


class OwnersDialog(ListDialog[OwnerRow]):
    """The people and organisations commitments are owed by."""

    numeric_columns = (2,)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent, [self.tr("Name"), self.tr("Kind"), self.tr("Commitments")])
        self.setWindowTitle(self.tr("Owners"))
        self.reload()

    def rows(self) -> list[OwnerRow]:
        return owners(self.store.sessions)

    def columns(self, row: OwnerRow) -> list[str]:
        kind = self.tr(row.kind.capitalize()) if row.kind else self.tr("Unknown")
        return [row.name, kind, str(row.commitments)]

    def form(self, row: OwnerRow | None) -> QDialog:
        store, select = self.store, self.selector()
        if row is None:
            adding = self.tr("Add owner “{name}”")

            def create(data: OwnerSubmission) -> None:
                text = adding.format(name=data[0])
                select(edits.perform(store, text, edits.create_owner(store.sessions, *data)))

            return OwnerFormDialog(create, parent=self)

        before: OwnerSubmission = (row.name, row.kind)
        editing = self.tr("Edit owner “{name}”")

        def update(data: OwnerSubmission) -> None:
            text = editing.format(name=data[0])
            edits.perform(store, text, edits.update_owner(store.sessions, before, data))

        return OwnerFormDialog(update, parent=self, existing=before)

    def delete(self, row: OwnerRow) -> None:
        text = self.tr("Delete owner “{name}”").format(name=row.name)
        edits.perform(self.store, text, edits.delete_owner(self.store.sessions, row.name, row.kind))
