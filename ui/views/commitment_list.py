"""What the Commitments table shows: one query (day, Show, body, owner, search, sort) at a time.

The database answers with the ids in order and the first page (app/reads/commitment_list);
the lazy model reads the other pages as the table scrolls to them. A change of filter,
search or sort is answered at once while the record is small (a member typing sees each
letter's list), and in the background, with the busy indicator, once it is large; a new
as-of day or a change to the record always reloads in the background. Only the newest
answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from sqlalchemy.orm import sessionmaker

from app.ledger.rules import Standing
from app.reads.commitment_list import ListOrder, ListQuery, id_of, list_order, list_page
from db.status_order import SORTS
from ui.models.lazy import LazyRowsModel
from ui.models.table import Column
from ui.store import Store

SYNC_LIMIT = 5_000  # commitments in the record up to which a new filter is answered at once


class CommitmentList(QObject):
    """The table's model and the query behind it; `shown` after each new order lands."""

    shown = Signal()

    def __init__(
        self,
        store: Store,
        columns: Sequence[Column[Standing]],
        load: Callable[[str, Callable[[], Any], Callable[[Any], None]], None],
        cancel: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._load, self._cancel = load, cancel
        self.model: LazyRowsModel[Standing] = LazyRowsModel(
            columns, self._page, lambda s: s.row.id, self
        )
        self.model.sort_requested.connect(self._sort_requested)
        # Reads made on the UI thread (a page, a small list) begin deferred: they never
        # wait for the write lock another Docket may hold.
        self._reads = sessionmaker(store.db.engine, expire_on_commit=False)
        self.shown_query: ListQuery | None = None
        self.total = 0
        self.show, self.body, self.owner, self.text = "open", None, None, ""
        self.sort, self.descending = "status", True

    def wanted(self) -> ListQuery:
        return ListQuery(
            self.store.as_of,
            self.show,
            self.body,
            self.owner,
            self.text,
            self.sort,
            self.descending,
        )

    def work(self) -> Callable[[], ListOrder]:
        """The background read of the list wanted now (for a reload)."""
        sessions, query, settings = self.store.sessions, self.wanted(), self.store.settings
        return lambda: list_order(sessions, query, settings)

    def requery(self) -> None:
        """Show the list the filters, search and sort now ask for."""
        query = self.wanted()
        if query == self.shown_query:
            return
        if self.shown_query is not None and self.total <= SYNC_LIMIT:
            self._cancel("list")  # an older answer must not land after this one
            self.show_order(list_order(self._reads, query, self.store.settings))
        else:
            self._load("list", self.work(), self.show_order)

    def show_order(self, order: ListOrder) -> None:
        self.shown_query, self.total = order.query, order.total
        self.model.set_order(order.ids, order.first)
        self.shown.emit()

    def row_of_key(self, key: str) -> int:
        """The position of this commitment in the list shown, or -1."""
        row_id = id_of(self._reads, key)
        return -1 if row_id is None else self.model.row_of_id(row_id)

    def _page(self, ids: Sequence[int]) -> list[Standing]:
        query = self.shown_query
        if query is None:
            return []
        return list_page(self._reads, ids, query.as_of, self.store.settings)

    @Slot(int, Qt.SortOrder)
    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(SORTS):
            self.sort = SORTS[column]
            self.descending = order == Qt.SortOrder.DescendingOrder
            if self.shown_query is not None:
                self.requery()
