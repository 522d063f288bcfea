"""Manage the lists behind the record: the bodies that meet and the owners answerable.

Every change goes through `ui.edits.perform`, so it lands on the undo stack like any other.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import fields
from app.core.errors import Invalid
from app.reads.browse import BodyRow, OwnerRow, bodies, owners
from app.record.bodies import BodyFields
from db.models import OWNER_KINDS
from ui import edits
from ui.dialogs.errors import show_error
from ui.dialogs.form import SubmitDialog, ToneLabel, choice_combo, line
from ui.store import Store

Row = TypeVar("Row", BodyRow, OwnerRow)
OwnerSubmission = tuple[str, str | None]  # (name, kind); kind None = not known

ROW_ROLE = Qt.ItemDataRole.UserRole


# --- the small forms -----------------------------------------------------------------------


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
            (existing.schedule or "") if existing else "",
            placeholder=self.tr("e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"),
        )
        self.schedule_hint = ToneLabel(tone="muted")
        schedule_field = QWidget()
        column = QVBoxLayout(schedule_field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.schedule)
        column.addWidget(self.schedule_hint)
        schedule_field.setFocusProxy(self.schedule)

        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Short name:"), self.short_name)
        self.form.addRow(self.tr("Sc&hedule:"), schedule_field)

        self._schedule_ok = True
        self.schedule.textChanged.connect(self._check_schedule)
        self._check_schedule()
        self.watch(self.name)
        self.name.setFocus()

    @Slot()
    def _check_schedule(self) -> None:
        try:
            fields.schedule(self.schedule.text(), "schedule")
        except Invalid as exc:
            self._schedule_ok = False
            self.schedule_hint.setText(exc.reason)
            self.schedule_hint.set_tone("error")
        else:
            self._schedule_ok = True
            self.schedule_hint.setText(
                self.tr(
                    "An iCalendar rule: FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU is every other"
                    " month, on the last Tuesday. Leave empty if the body has no fixed pattern."
                )
            )
            self.schedule_hint.set_tone("muted")
        self.refresh()

    def can_submit(self) -> bool:
        return bool(self.name.text().strip()) and self._schedule_ok

    def value(self) -> BodyFields:
        return BodyFields(
            name=self.name.text().strip(),
            short_name=self.short_name.text().strip(),
            schedule=self.schedule.text().strip() or None,
        )


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

    def can_submit(self) -> bool:
        return bool(self.name.text().strip())

    def value(self) -> OwnerSubmission:
        kind = self.kind.currentData()
        return self.name.text().strip(), kind if isinstance(kind, str) and kind else None


# --- the lists -----------------------------------------------------------------------------


class _ListDialog(QDialog, Generic[Row]):
    """A list with Add, Edit and Delete, reloaded whenever the record changes."""

    def __init__(self, store: Store, parent: QWidget | None, headers: list[str]) -> None:
        super().__init__(parent)
        self.store: Store = store
        self.setMinimumSize(700, 380)
        self.setSizeGripEnabled(True)
        self._select_id: int | None = None

        self.table: QTreeWidget = QTreeWidget()
        self.table.setHeaderLabels(headers)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAllColumnsShowFocus(True)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name

        self.add_button: QPushButton = QPushButton(self.tr("&Add…"))
        self.edit_button: QPushButton = QPushButton(self.tr("&Edit…"))
        self.delete_button: QPushButton = QPushButton(self.tr("&Delete"))
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)

        delete_key = QAction(self.table)
        delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete_selected)
        self.table.addAction(delete_key)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.itemActivated.connect(self._activated)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        store.changed.connect(self.reload)

    # what a subclass provides
    numeric_columns: tuple[int, ...] = ()

    def rows(self) -> list[Row]:
        raise NotImplementedError

    def columns(self, row: Row) -> list[str]:
        raise NotImplementedError

    def form(self, row: Row | None) -> QDialog:
        """The form to add (row None) or edit a row. Its `submit` must not hold `self`:
        the form is our child, and a child keeping its parent's wrapper alive crashes
        PySide when the last reference goes with the child. Use `selector()` instead."""
        raise NotImplementedError

    def delete(self, row: Row) -> None:
        raise NotImplementedError

    # the shared behaviour
    @Slot()
    def reload(self) -> None:
        current = self.selected()
        keep = self._select_id if self._select_id is not None else (current.id if current else None)
        self._select_id = None
        self.table.clear()
        for row in self.rows():
            item = QTreeWidgetItem(self.columns(row))
            for column in self.numeric_columns:
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            item.setData(0, ROW_ROLE, row)
            self.table.addTopLevelItem(item)
            if row.id == keep:
                self.table.setCurrentItem(item)
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)
        self._update_buttons()

    def selected(self) -> Row | None:
        items = self.table.selectedItems()
        if not items:
            return None
        row: Row | None = items[0].data(0, ROW_ROLE)
        return row

    def select(self, row_id: int) -> None:
        """Select a row (one just added), now or, if not listed yet, after the next reload."""
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is not None and item.data(0, ROW_ROLE).id == row_id:
                self.table.setCurrentItem(item)
                return
        self._select_id = row_id

    def selector(self) -> Callable[[int], None]:
        """`select`, held weakly: safe to keep in a child form's `submit`."""
        method = weakref.WeakMethod(self.select)

        def select(row_id: int) -> None:
            bound = method()
            if bound is not None:
                bound(row_id)

        return select

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    @Slot(QTreeWidgetItem, int)
    def _activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        # A bound slot, not a lambda: a lambda holding `self` outlives the dialog in PySide.
        self.edit_selected()

    @Slot()
    def add(self) -> None:
        self._open(self.form(None))

    @Slot()
    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(self.form(row))

    @Slot()
    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.delete(row)
        except Exception as exc:  # a refusal is a warning; anything else is logged too
            show_error(self, exc)

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


class BodiesDialog(_ListDialog[BodyRow]):
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
        return [row.name, row.short_name, row.schedule or ""]

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


class OwnersDialog(_ListDialog[OwnerRow]):
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
