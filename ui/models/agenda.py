"""A meeting's agenda as a table model whose rows can be dragged into a new order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal

from app.reads.browse import AgendaRow
from ui.models.table import Index, RowTableModel

AGENDA_MIME = "application/x-docket-agenda-rows"


class AgendaModel(RowTableModel[AgendaRow]):
    """A meeting's agenda. Dragging a row elsewhere reorders it here at once and emits
    `reordered(before_ids, after_ids)`, for the view to record as an undoable edit."""

    reordered = Signal(list, list)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(AGENDA_MIME, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(AGENDA_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            text = bytes(data.data(AGENDA_MIME).data()).decode("ascii")
            rows = [int(part) for part in text.split(",") if part]
        except ValueError:
            return False
        if not rows or rows != list(range(rows[0], rows[0] + len(rows))):
            return False  # one contiguous block at a time (the table selects one row)
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        # The rows stay put until moved here; the view must not then delete the originals,
        # which is why removeRows() is not implemented.
        return self.moveRows(QModelIndex(), rows[0], len(rows), QModelIndex(), row)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        n = len(self._rows)
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > n or not 0 <= destination_child <= n:
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # dropped onto itself
        before = [r.id for r in self._rows]
        moving = self._rows[source_row : source_row + count]
        rest = self._rows[:source_row] + self._rows[source_row + count :]
        at = destination_child if destination_child < source_row else destination_child - count
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child
        ):
            return False
        self._rows = [
            replace(r, position=i) for i, r in enumerate(rest[:at] + moving + rest[at:], start=1)
        ]
        self.endMoveRows()
        self.dataChanged.emit(self.index(0, 0), self.index(n - 1, 0))  # the "No." column
        self.reordered.emit(before, [r.id for r in self._rows])
        return True
