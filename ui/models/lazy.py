"""A table model over ids in order, fetching the rows a page at a time as the table shows them.

The database gives the ids in the order shown (filters, search and sorting are done
there: app/reads/commitment_list.py); this model holds only those ids and the pages seen
lately, so a list of 100,000 commitments costs its ids' memory and the time of the page
on screen. Sorting by a column asks the owner for a new order (`sort_requested`).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from ui.models.table import ROW_ROLE, SORT_ROLE, Column, Index

R = TypeVar("R")
PAGE = 100
KEPT_PAGES = 30  # pages kept while the member scrolls about (3,000 rows at most)


class LazyRowsModel(QAbstractTableModel, Generic[R]):
    """Rows by position: `ids` in the order shown, rows fetched by `fetch(ids)` a page at a time.

    `fetch` returns the rows of the ids it is given, in their order, leaving out any that
    no longer exist; each row has an `id` through `id_of`.
    """

    sort_requested = Signal(int, Qt.SortOrder)

    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch: Callable[[Sequence[int]], list[R]],
        id_of: Callable[[R], int],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch, self._id_of = fetch, id_of
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[R | None]] = OrderedDict()

    # --- the order -----------------------------------------------------------------------

    def set_order(self, ids: array[int], first: Sequence[R] = ()) -> None:
        """Show these ids, in this order; `first` holds the rows of the first ids, if read."""
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        if first:
            self._keep(0, self._align(0, first))
        self.endResetModel()

    def forget_rows(self) -> None:
        """Let every page be read again (the record changed, the order did not)."""
        self._pages.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def ids(self) -> array[int]:
        return self._ids

    def row_of_id(self, row_id: int) -> int:
        """The position of this id in the list, or -1."""
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> R | None:
        """The row at this position, fetching its page if need be (None if it is gone)."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            wanted = self._ids[page * PAGE : (page + 1) * PAGE]
            rows = self._align(page, self._fetch(wanted))
            self._keep(page, rows)
        else:
            self._pages.move_to_end(page)
        return rows[row - page * PAGE]

    def rows(self) -> list[R]:
        """Every row, in order (each page fetched): for printing a whole list."""
        found = (self.row_at(i) for i in range(len(self._ids)))
        return [row for row in found if row is not None]

    def _align(self, page: int, rows: Sequence[R]) -> list[R | None]:
        by_id = {self._id_of(row): row for row in rows}
        return [by_id.get(i) for i in self._ids[page * PAGE : (page + 1) * PAGE]]

    def _keep(self, page: int, rows: list[R | None]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)

    # --- Qt's model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if int(role) not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.DecorationRole and column.icon:
            return column.icon(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            return column.foreground(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return QCoreApplication.translate("Column", self.columns[section].title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The table's header was clicked: the owner asks the database for that order."""
        self.sort_requested.emit(column, order)


_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        ROW_ROLE,
        SORT_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)


__all__ = ["PAGE", "LazyRowsModel"]
