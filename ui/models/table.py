"""A thin table model over immutable rows, described by a list of columns.

It knows nothing of SQL: the caller queries and hands it rows with `set_rows()`.
`SORT_ROLE` returns native values (dates, ints) so sorting is right; `ROW_ROLE` returns
the row object itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # native value; defaults to the text
    align: Qt.AlignmentFlag = LEFT
    icon: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None
    foreground: Callable[[R], Any] | None = None


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted is not None:
            column, order = self._sorted
            self._rows = [
                self._rows[at] for at in sorted_positions(self._rows, self.columns[column], order)
            ]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's native values, in Python: one key per row.

        The proxy's own sort calls back into Python for every comparison, which took
        seconds for the 14,000 meetings of a record of decades; this takes milliseconds.
        Rows set later are kept in the same order.
        """
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        positions = sorted_positions(self._rows, self.columns[column], order)
        self._rows = [self._rows[at] for at in positions]
        self._sorted = (column, order)
        moved_to = {old: new for new, old in enumerate(positions)}
        self.changePersistentIndexList(
            before, [self.index(moved_to[i.row()], i.column()) for i in before]
        )
        self.layoutChanged.emit()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == ROW_ROLE:
            return row
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
            # Titles stay English in code (views pick columns by them); shown translated.
            return QCoreApplication.translate("Column", self.columns[section].title)
        return None


def sorted_positions(rows: Sequence[R], column: Column[R], order: Qt.SortOrder) -> list[int]:
    """The rows' positions sorted by the column's native value: stable, no value last
    (first when descending), values of mixed kinds compared as text.

    The order RowFilterProxy.lessThan gave, comparison by comparison, made in one sort.
    """
    value = column.sort or column.text
    keys = [value(row) for row in rows]
    present = [at for at, key in enumerate(keys) if key is not None]
    missing = [at for at, key in enumerate(keys) if key is None]
    descending = order == Qt.SortOrder.DescendingOrder
    try:
        present.sort(key=keys.__getitem__, reverse=descending)
    except TypeError:
        present.sort(key=lambda at: str(keys[at]), reverse=descending)
    return missing + present if descending else present + missing


class RowFilterProxy(QSortFilterProxyModel):
    """Filters by free text (any column) and an optional predicate; sorting is the source's.

    A sort asked of the proxy (the table's header) is done by the row model in one Python
    sort (RowTableModel.sort); `lessThan` stays for any other source model.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._predicate: Callable[[Any], bool] | None = None

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._predicate is not None:
            model = self.sourceModel()
            row = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
            if not self._predicate(row):
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        # None sorts last whichever the direction... of the natural order.
        if a is None or b is None:
            return a is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
