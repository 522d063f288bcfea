"""A managed list (bodies, owners) with Add, Edit and Delete, reloaded as the record changes.

Every change goes through `ui.edits.perform`, so it lands on the undo stack like any other.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
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

from app.reads.browse import BodyRow, OwnerRow
from ui.dialogs.access import name_controls
from ui.dialogs.errors import show_error
from ui.read_only import read_only_reason
from ui.store import Store

Row = TypeVar("Row", BodyRow, OwnerRow)

ROW_ROLE = Qt.ItemDataRole.UserRole


class ListDialog(QDialog, Generic[Row]):
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

    def tooltips(self, row: Row) -> list[str]:
        """A tooltip for each column ("" for none)."""
        return []

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
            for column, tip in enumerate(self.tooltips(row)):
                if tip:
                    item.setToolTip(column, tip)
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
        writable = not self.store.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(chosen and writable)
        self.delete_button.setEnabled(chosen and writable)
        tip = "" if writable else read_only_reason()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setToolTip(tip)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.table.accessibleName():
            self.table.setAccessibleName(self.windowTitle())  # "Bodies", "Owners"
        name_controls(self)
        super().showEvent(event)

    @Slot(QTreeWidgetItem, int)
    def _activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        # A bound slot, not a lambda: a lambda holding `self` outlives the dialog in PySide.
        self.edit_selected()

    @Slot()
    def add(self) -> None:
        if not self.store.read_only:
            self._open(self.form(None))

    @Slot()
    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and not self.store.read_only:
            self._open(self.form(row))

    @Slot()
    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or self.store.read_only:
            return
        try:
            self.delete(row)
        except Exception as exc:  # a refusal is a warning; anything else is logged too
            show_error(self, exc)

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
