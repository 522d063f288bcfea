"""The Commitments view: every promise made to the record, filterable, with its ledger and chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelection, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.core.wording import plural, short_date
from app.ledger import words
from app.ledger.rules import Standing
from app.reads import browse, ledger
from app.reads.commitment_list import ListOrder
from app.reads.ledger import CommitmentDetail
from ui.icons import RAG_LABELS, rag_key, standing_icon
from ui.languages import QT_TRANSLATE_NOOP
from ui.models.table import RIGHT, Column
from ui.store import Store
from ui.views.base import View, filter_row, list_pane, split_view
from ui.views.commitment_actions import CommitmentActions
from ui.views.commitment_detail import CommitmentDetailPane
from ui.views.commitment_list import CommitmentList
from ui.views.widgets import ListTable, refill_combo

SHOW = {
    "open": QT_TRANSLATE_NOOP("CommitmentsView", "Open"),
    "overdue": QT_TRANSLATE_NOOP("CommitmentsView", "Overdue"),
    "due_soon": QT_TRANSLATE_NOOP("CommitmentsView", "Due soon"),
    "open_ended": QT_TRANSLATE_NOOP("CommitmentsView", "Open-ended"),
    "slipped": QT_TRANSLATE_NOOP("CommitmentsView", "Slipped twice or more"),
    "delivered": QT_TRANSLATE_NOOP("CommitmentsView", "Delivered"),
    "delivered_late": QT_TRANSLATE_NOOP("CommitmentsView", "Delivered late"),
    "dropped": QT_TRANSLATE_NOOP("CommitmentsView", "Dropped"),
    "all": QT_TRANSLATE_NOOP("CommitmentsView", "All"),
}


def standing_columns() -> list[Column[Standing]]:
    """The commitment table's columns (shared with the Overview's lists)."""
    return [
        Column(
            "RAG",
            lambda s: RAG_LABELS.get(rag_key(s) or "", s.row.state.capitalize()),
            sort=lambda s: {"red": 0, "amber": 1, "green": 2}.get(s.rag or "", 3),
            icon=standing_icon,
        ),
        Column("Commitment", lambda s: s.row.title, tooltip=lambda s: s.row.title),
        Column("Owner", lambda s: s.row.owner or ""),
        Column("Body", lambda s: s.row.body_short_name or s.row.body_name),
        Column(
            "Target",
            lambda s: short_date(s.row.target, "No date"),
            sort=lambda s: s.row.target,
            tooltip=lambda s: (
                f"Due at the meeting {s.row.target_meeting}" if s.row.target_meeting else ""
            ),
        ),
        Column("Status", words.when, sort=words.when_sort_key),
        Column("Slips", lambda s: str(s.slips), sort=lambda s: s.slips, align=RIGHT),
        Column(
            "First promised for",
            lambda s: short_date(s.row.first_target, "No date"),
            sort=lambda s: s.row.first_target,
        ),
        Column(
            "Latest assurance",
            lambda s: f"{short_date(s.row.last_promised_on)} · {s.row.last_promised_by}".rstrip(
                " ·"
            ),
            sort=lambda s: s.row.last_promised_on,
            tooltip=lambda s: s.row.last_source,
        ),
    ]


class CommitmentsView(View):
    title = QT_TRANSLATE_NOOP("View", "Commitments")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        # Rows are read a page at a time as they are shown, in the order the database
        # gives (ui/views/commitment_list.py); `proxy` is the same model, by its old name.
        self.list = CommitmentList(
            store, standing_columns(), self.load_latest, self.cancel_pending, self
        )
        self.list.shown.connect(self._order_shown)
        self.model = self.list.model
        self.proxy = self.model
        self.detail: CommitmentDetail | None = None
        self._selected_key: str | None = None
        self._reveal = False
        self._reloading = False
        self.commitment_actions = CommitmentActions(self)
        self.pane = CommitmentDetailPane(store, self.commitment_actions.buttons())
        self.ledger_model = self.pane.ledger_model
        self._name_the_actions()
        self._build()
        self._update_actions()

    def _name_the_actions(self) -> None:
        """The view's actions by the names the main window and tests use."""
        acts = self.commitment_actions
        self.new_action, self.promise_action = acts.new_action, acts.promise_action
        self.note_action, self.deliver_action = acts.note_action, acts.deliver_action
        self.drop_action, self.reopen_action = acts.drop_action, acts.reopen_action
        self.edit_action, self.delete_action = acts.edit_action, acts.delete_action
        self.history_action = acts.history_action
        self.pane.next_step.bind("commitment", self.new_action)  # on a record without any

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.show_combo = QComboBox()
        for key, label in SHOW.items():
            self.show_combo.addItem(self.tr(label), key)
        self.body_combo = QComboBox()
        self.owner_combo = QComboBox()
        for combo in (self.body_combo, self.owner_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        filters = filter_row(
            (
                (self.tr("&Show:"), self.show_combo),
                (self.tr("&Body:"), self.body_combo),
                (self.tr("O&wner:"), self.owner_combo),
            ),
            self.count_label,
        )
        for combo in (self.show_combo, self.body_combo, self.owner_combo):
            combo.currentIndexChanged.connect(self._apply_filters)

        self.table = ListTable(self.model, "commitmentsTable", label=self.tr("Commitments"))
        self.table.remember_widths("commitments")
        self.pane.next_step.placeholder_in(self.table, self.tr("No commitments yet."))
        # Unlike the other lists, this one has always set the selected row's header in bold.
        self.table.horizontalHeader().setHighlightSections(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.set_widths(
            (104, 0, 140, 60, 100, 150, 58, 140, 180),
            (96, 0, 86, 56, 96, 140, 56, 130, 120),
            room=0.3,
            optional=(7, 8),  # the first target and latest word are in the detail pane too
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_action.trigger())

        self.splitter = split_view(
            self,
            Qt.Orientation.Vertical,
            "commitmentsSplitter",
            (list_pane(filters, self.table), self.pane),
            [250, 470],  # at 1024×700 the chart and its legend fit without scrolling
        )

    def printable(self) -> tuple[QAbstractItemModel | None, str]:
        chosen = [
            combo.currentText()
            for combo in (self.show_combo, self.body_combo, self.owner_combo)
            if combo.currentIndex() > 0 or combo is self.show_combo
        ]
        return self.proxy, self.tr("Commitments: {0}").format(", ".join(chosen))

    def menu_actions(self) -> list[QAction]:
        return self.commitment_actions.menu_actions()

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        store, listed = self.store, self.list.work()
        self.load_latest(
            "list",
            lambda: (listed(), browse.bodies(store.sessions), browse.owners(store.sessions)),
            self._loaded,
        )

    def _loaded(self, result: tuple[ListOrder, list[Any], list[Any]]) -> None:
        order, bodies, owners = result
        refill_combo(self.body_combo, self.tr("All bodies"), [(b.label, b.key) for b in bodies])
        refill_combo(self.owner_combo, self.tr("All owners"), [(o.name, o.name) for o in owners])
        keep, reveal = self._selected_key, self._reveal
        self._reveal = False
        self._reloading = True
        self.list.show_order(order)
        self._reloading = False
        self._apply_filters()  # a body or owner gone from the choices is no longer asked for
        if keep is not None and reveal and not self.select_key(keep):
            self._clear_filters()  # a new commitment is never hidden by the filters
        if (keep is None or not self.select_key(keep)) and self.model.rowCount():
            self.table.selectRow(0)
        self._refresh_detail()
        self.mark_loaded()

    @Slot()
    def _order_shown(self) -> None:
        """A new order is in the table: count it, and keep the selection if it is listed."""
        shown, total = self.model.rowCount(), self.list.total
        self.count_label.setText(self.tr("{0} of {1} shown").format(f"{shown:,}", f"{total:,}"))
        self.status_text.emit(plural(shown, "commitment") + " shown")
        if self._reloading:
            return
        keep = self._selected_key
        if keep is None or not self.select_key(keep):
            self.table.clearSelection()
            self._refresh_detail()

    def select_when_loaded(self, key: str | None, *, reveal: bool = False) -> None:
        """Select this commitment (or, with None, the first) once the list is read again.

        With `reveal`, filters and search that would hide it are cleared (a member who just
        created it expects to see it).
        """
        self._selected_key, self._reveal = key, reveal

    def _clear_filters(self) -> None:
        for combo in (self.body_combo, self.owner_combo):
            combo.setCurrentIndex(0)
        if self.list.text:
            self.list.text = ""
            self.search_cleared.emit()
        self.set_show("all")
        self._apply_filters()

    @Slot()
    def _apply_filters(self) -> None:
        """Ask for the list the Show, Body and Owner filters (and the search) let through."""
        listed = self.list
        listed.show = self.show_combo.currentData()
        listed.body = self.body_combo.currentData()
        listed.owner = self.owner_combo.currentData()
        if listed.shown_query is not None:
            listed.requery()

    def set_search(self, text: str) -> None:
        self.list.text = text
        self._apply_filters()

    def set_show(self, key: str) -> None:
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(key)))

    def select_key(self, key: str) -> bool:
        row = self.list.row_of_key(key)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def reveal(self, key: str) -> None:
        """Select a commitment, clearing filters and search that would hide it."""
        self.set_search("")
        self._clear_filters()
        if not self.select_key(key):
            self.select_when_loaded(key, reveal=True)

    def selected(self) -> Standing | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: Any) -> None:
        current = self.selected()
        self._selected_key = current.key if current else None
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        current = self.selected()
        if current is None:
            self._show_detail(None, None)
            return
        store, cid, as_of = self.store, current.row.id, self.store.as_of
        self.load_latest(
            "detail",
            lambda: ledger.commitment_detail(store.sessions, cid, as_of),
            lambda detail: self._show_detail(current, detail),
        )

    def _show_detail(self, standing: Standing | None, detail: CommitmentDetail | None) -> None:
        self.detail = detail
        self.pane.show_commitment(standing, detail)
        self._update_actions()

    def _update_actions(self) -> None:
        self.commitment_actions.update(self.selected(), self.detail)
