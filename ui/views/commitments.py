"""The Commitments view: every promise made to the record, filterable, with its ledger and chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ledger.rules import Standing
from app.ledger.standings import standings
from app.reads import browse
from app.reads.browse import CommitmentDetail, LedgerEntry
from ui import edits
from ui.dialogs.close_dialog import CloseDialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.dialogs.errors import show_error
from ui.dialogs.note_dialog import NoteDialog
from ui.dialogs.promise_dialog import PromiseDialog
from ui.formatting import fmt_date, fmt_when, when_sort_key
from ui.icons import RAG_LABELS, rag_icon
from ui.models.table import RIGHT, ROW_ROLE, Column, RowFilterProxy, RowTableModel
from ui.slip_chart import ChartData, SlipChart
from ui.store import Store
from ui.views.base import View, list_pane, select_row_with_key

SHOW = {
    "open": "Open",
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "open_ended": "Open-ended",
    "slipped": "Slipped twice or more",
    "delivered": "Delivered",
    "delivered_late": "Delivered late",
    "dropped": "Dropped",
    "all": "All",
}


def standing_columns() -> list[Column[Standing]]:
    """The commitment table's columns (shared with the Overview's lists)."""
    return [
        Column(
            "RAG",
            lambda s: RAG_LABELS.get(s.rag or "", s.row.state.capitalize()),
            sort=lambda s: {"red": 0, "amber": 1, "green": 2}.get(s.rag or "", 3),
            icon=lambda s: rag_icon(s.rag),
        ),
        Column("Commitment", lambda s: s.row.title, tooltip=lambda s: s.row.title),
        Column("Owner", lambda s: s.row.owner or ""),
        Column("Body", lambda s: s.row.body_short_name or s.row.body_name),
        Column(
            "Target",
            lambda s: fmt_date(s.row.target, "No date"),
            sort=lambda s: s.row.target,
            tooltip=lambda s: (
                f"Due at the meeting {s.row.target_meeting}" if s.row.target_meeting else ""
            ),
        ),
        Column("Status", fmt_when, sort=when_sort_key),
        Column("Slips", lambda s: str(s.slips), sort=lambda s: s.slips, align=RIGHT),
        Column(
            "First promised for",
            lambda s: fmt_date(s.row.first_target, "No date"),
            sort=lambda s: s.row.first_target,
        ),
        Column(
            "Latest assurance",
            lambda s: f"{fmt_date(s.row.last_promised_on)} · {s.row.last_promised_by}".rstrip(" ·"),
            sort=lambda s: s.row.last_promised_on,
            tooltip=lambda s: s.row.last_source,
        ),
    ]


def _slipped(slips: int) -> str:
    if slips == 0:
        return "never slipped"
    return "slipped once" if slips == 1 else f"slipped {slips} times"


def ledger_columns(as_of: Callable[[], dt.date]) -> list[Column[LedgerEntry]]:
    """The timeline's columns; entries after the as-of day are shown greyed."""

    def what(e: LedgerEntry) -> str:
        if e.kind == "note":
            return "Note"
        return "Original promise" if e.number == 1 else f"Slip {e.number - 1}"

    def target(e: LedgerEntry) -> str:
        if e.kind == "note":
            return ""
        if e.target is None:
            return "No date"
        text = fmt_date(e.target)
        return f"{text} (meeting)" if e.target_meeting else text

    def said(e: LedgerEntry) -> str:
        return f"{e.text}\n— {e.source}" if e.source else e.text

    def later(e: LedgerEntry) -> Any:
        return (
            QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            if e.recorded_on > as_of()
            else None
        )

    return [
        Column(
            "Date",
            lambda e: fmt_date(e.recorded_on),
            sort=lambda e: e.recorded_on,
            foreground=later,
        ),
        Column("Entry", what, foreground=later),
        Column("Promised for", target, sort=lambda e: e.target, foreground=later),
        Column("By", lambda e: e.by, foreground=later),
        Column("What was said, and where", said, tooltip=said, foreground=later),
    ]


class CommitmentsView(View):
    title = "Commitments"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.model: RowTableModel[Standing] = RowTableModel(standing_columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.detail: CommitmentDetail | None = None
        self._selected_key: str | None = None
        self._build()
        self._make_actions()
        self._update_actions()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.show_combo = QComboBox()
        for key, label in SHOW.items():
            self.show_combo.addItem(self.tr(label), key)
        self.body_combo = QComboBox()
        self.owner_combo = QComboBox()
        for combo in (self.body_combo, self.owner_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters = QHBoxLayout()
        for label, combo in (
            (self.tr("&Show:"), self.show_combo),
            (self.tr("&Body:"), self.body_combo),
            (self.tr("O&wner:"), self.owner_combo),
        ):
            text = QLabel(label)
            text.setBuddy(combo)
            filters.addWidget(text)
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self._apply_filters)
        filters.addStretch(1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("commitmentsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((110, 0, 150, 60, 110, 110, 50, 130, 220)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_action.trigger())

        left = list_pane(filters, self.table)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("commitmentsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 420])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

    def _build_detail(self) -> QWidget:
        pane = QFrame()
        pane.setObjectName("commitmentDetail")
        outer = QHBoxLayout(pane)
        outer.setContentsMargins(0, 8, 0, 0)
        left = QWidget()
        left.setMinimumWidth(300)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 8, 0)
        self.detail_title = QLabel()
        font = QFont(self.detail_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_meta = QLabel()
        self.detail_meta.setWordWrap(True)
        self.detail_meta.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_summary = QLabel()
        self.detail_summary.setWordWrap(True)
        self.detail_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QGridLayout()
        self.buttons.setHorizontalSpacing(6)
        self.chart_label = QLabel(
            self.tr("<b>Slip chart</b> — each promise's target; red once broken")
        )
        self.chart = SlipChart()
        for widget in (self.detail_title, self.detail_meta, self.detail_summary):
            layout.addWidget(widget)
        layout.addLayout(self.buttons)
        layout.addWidget(self.chart_label)
        layout.addWidget(self.chart)
        layout.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.ledger_model: RowTableModel[LedgerEntry] = RowTableModel(
            ledger_columns(lambda: self.store.as_of), self
        )
        self.ledger = QTableView()
        self.ledger.setObjectName("ledgerTable")
        self.ledger.setModel(self.ledger_model)
        self.ledger.verticalHeader().hide()
        self.ledger.setWordWrap(True)
        self.ledger.setAlternatingRowColors(True)
        self.ledger.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ledger.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        ledger_header = self.ledger.horizontalHeader()
        for column, width in enumerate((95, 110, 120, 120)):
            if width:
                self.ledger.setColumnWidth(column, width)
        ledger_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.ledger.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        timeline = QLabel(
            self.tr("<b>Promise ledger</b> — never overwritten: each new date is a slip")
        )
        timeline.setWordWrap(True)
        self.chart_label.setWordWrap(True)
        self.ledger.setMinimumWidth(240)
        right_layout.addWidget(timeline)
        right_layout.addWidget(self.ledger, 1)

        self.empty_label = QLabel(self.tr("Select a commitment to see its promises."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        outer.addWidget(left, 2)
        outer.addWidget(right, 3)
        outer.addWidget(self.empty_label)
        self._detail_widgets: list[QWidget] = [left, right]
        return pane

    def _make_actions(self) -> None:
        def action(
            text: str, slot: Callable[[], None], shortcut: Any = None, tip: str = ""
        ) -> QAction:
            act = QAction(self.tr(text), self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(self.tr(tip or text.replace("&", "").rstrip(".…")))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action(
            "&New commitment…", self.new_commitment, QKeySequence.StandardKey.New
        )
        self.promise_action = action(
            "Record new &promise…",
            self.record_promise,
            "Ctrl+R",
            "Record a new promised date (a slip)",
        )
        self.note_action = action("Add &note…", self.add_note, "Ctrl+Shift+N", "Add a dated note")
        self.deliver_action = action(
            "Mark &delivered…", lambda: self.close_selected("delivered"), "Ctrl+D"
        )
        self.drop_action = action("D&rop…", lambda: self.close_selected("dropped"))
        self.reopen_action = action("Re&open", self.reopen)
        self.edit_action = action("&Edit…", self.edit, "F2")
        self.delete_action = action("De&lete…", self.delete, QKeySequence.StandardKey.Delete)
        self.history_action = action(
            "&History…", self.show_history, "Ctrl+Shift+H", "Every change to this commitment"
        )
        short = [
            (self.promise_action, self.tr("New promise…")),
            (self.note_action, self.tr("Add note…")),
            (self.deliver_action, self.tr("Delivered…")),
            (self.drop_action, self.tr("Drop…")),
            (self.reopen_action, self.tr("Reopen")),
            (self.edit_action, self.tr("Edit…")),
            (self.delete_action, self.tr("Delete…")),
            (self.history_action, self.tr("History…")),
        ]
        for i, (act, label) in enumerate(short):
            button = QPushButton(label)
            button.setToolTip(
                f"{act.toolTip()} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})".replace(
                    " ()", ""
                )
            )
            button.clicked.connect(act.trigger)
            act.changed.connect(lambda b=button, a=act: b.setEnabled(a.isEnabled()))
            self.buttons.addWidget(button, i // 4, i % 4)

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        self.load_latest(
            "list",
            lambda: (
                standings(store.sessions, as_of, settings),
                browse.bodies(store.sessions),
                browse.owners(store.sessions),
            ),
            self._loaded,
        )

    def _loaded(self, result: tuple[list[Standing], list[Any], list[Any]]) -> None:
        rows, bodies, owners = result
        self._fill_combo(self.body_combo, self.tr("All bodies"), [(b.label, b.key) for b in bodies])
        self._fill_combo(
            self.owner_combo, self.tr("All owners"), [(o.name, o.name) for o in owners]
        )
        keep = self._selected_key
        self.model.set_rows(rows)
        self._apply_filters()
        if (keep is None or not self.select_key(keep)) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._refresh_detail()
        self.mark_loaded()

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for label, data in items:
            combo.addItem(label, data)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    @Slot()
    def _apply_filters(self) -> None:
        show = self.show_combo.currentData()
        body = self.body_combo.currentData()
        owner = self.owner_combo.currentData()
        amber_slips = self.store.settings.amber_slips

        def keep(s: Standing) -> bool:
            if body is not None and s.row.body_key != body:
                return False
            if owner is not None and s.row.owner != owner:
                return False
            return {
                "open": s.row.state == "open",
                "overdue": s.overdue,
                "due_soon": s.due_soon,
                "open_ended": s.open_ended,
                "slipped": s.slips >= amber_slips,
                "delivered": s.row.state == "delivered",
                "delivered_late": s.delivered_late_by is not None,
                "dropped": s.row.state == "dropped",
                "all": True,
            }[show]

        self.proxy.set_predicate(keep)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("{0} of {1} shown").format(shown, total))
        self.status_text.emit(self.tr("{0} commitments shown").format(shown))

    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._apply_filters()

    def set_show(self, key: str) -> None:
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(key)))

    def select_key(self, key: str) -> bool:
        return select_row_with_key(self.table, key)

    def selected(self) -> Standing | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

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
        store, cid = self.store, current.row.id
        self.load_latest(
            "detail",
            lambda: browse.commitment_detail(store.sessions, cid),
            lambda detail: self._show_detail(current, detail),
        )

    def _show_detail(self, standing: Standing | None, detail: CommitmentDetail | None) -> None:
        self.detail = detail
        for widget in self._detail_widgets:
            widget.setVisible(detail is not None)
        self.empty_label.setVisible(detail is None)
        if detail is None or standing is None:
            self.ledger_model.set_rows([])
            self.chart.set_data(None)
            self._update_actions()
            return
        self.detail_title.setText(detail.title)
        status = detail.status.capitalize()
        if detail.status_on:
            status += f" on {fmt_date(detail.status_on)}"
            if detail.status_on > self.store.as_of:
                status = self.tr("Open on {0} (later {1} on {2})").format(
                    fmt_date(self.store.as_of), detail.status, fmt_date(detail.status_on)
                )
        self.detail_meta.setText(
            f"{detail.owner or self.tr('No owner')} · {detail.body} · {status}"
        )
        late = (
            self.tr("{0} days late against the first promise").format(standing.days_late_first)
            if standing.days_late_first
            else ""
        )
        summary = [
            f"{self.tr('As of')} {fmt_date(self.store.as_of)}: {fmt_when(standing)}",
            self.tr("promised for {0}").format(fmt_date(standing.row.target, "no date")),
            _slipped(standing.slips),
        ]
        if late:
            summary.append(late)
        self.detail_summary.setText(" · ".join(summary))
        self.chart.set_data(ChartData.from_detail(detail, self.store.as_of))
        self.ledger_model.set_rows(list(detail.entries))
        self._update_actions()

    def _update_actions(self) -> None:
        current = self.selected()
        is_open = current is not None and self.detail is not None and self.detail.status == "open"
        for act in (self.promise_action, self.note_action, self.deliver_action, self.drop_action):
            act.setEnabled(is_open if act is not self.note_action else current is not None)
        self.reopen_action.setEnabled(
            current is not None and self.detail is not None and self.detail.status != "open"
        )
        self.edit_action.setEnabled(current is not None)
        self.delete_action.setEnabled(current is not None)
        self.history_action.setEnabled(current is not None)

    # --- actions -----------------------------------------------------------------------

    def _perform(self, text: str, apply: edits.Apply) -> Any:
        return edits.perform(self.store, text, apply)

    @Slot()
    def new_commitment(self) -> None:
        def submit(values: Any) -> None:
            data, first = values
            new_id = self._perform(
                self.tr("New commitment"), edits.create_commitment(self.store.sessions, data, first)
            )
            detail = browse.commitment_detail(self.store.sessions, new_id)
            self._selected_key = detail.key if detail else None

        self.open_dialog(CommitmentDialog(self.store, submit, parent=self))

    @Slot()
    def record_promise(self) -> None:
        current = self.selected()
        if current is None or self.detail is None:
            return
        key = current.key
        self.open_dialog(
            PromiseDialog(
                self.store,
                lambda promise: self._perform(
                    self.tr("Record promise"),
                    edits.record_promise(self.store.sessions, key, promise),
                ),
                commitment_title=current.title,
                body_id=self.detail.body_id,
                parent=self,
            )
        )

    @Slot()
    def add_note(self) -> None:
        current = self.selected()
        if current is None:
            return
        key = current.key

        def submit(values: tuple[dt.date, str, str]) -> None:
            self._perform(self.tr("Add note"), edits.add_note(self.store.sessions, key, *values))

        self.open_dialog(
            NoteDialog(self.store, submit, commitment_title=current.title, parent=self)
        )

    def close_selected(self, status: str) -> None:
        current = self.selected()
        if current is None:
            return
        key = current.key
        text = self.tr("Mark delivered") if status == "delivered" else self.tr("Drop")
        self.open_dialog(
            CloseDialog(
                self.store,
                lambda on: self._perform(
                    text, edits.close_commitment(self.store.sessions, key, status, on)
                ),
                status=status,
                commitment_title=current.title,
                parent=self,
            )
        )

    @Slot()
    def reopen(self) -> None:
        current = self.selected()
        if current is None:
            return
        try:
            self._perform(
                self.tr("Reopen"), edits.reopen_commitment(self.store.sessions, current.key)
            )
        except Exception as exc:
            show_error(self, exc)

    @Slot()
    def edit(self) -> None:
        current = self.selected()
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

        self.open_dialog(CommitmentDialog(self.store, submit, parent=self, existing=existing))

    @Slot()
    def delete(self) -> None:
        current = self.selected()
        if current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete commitment"),
            self.tr(
                "Delete “{0}” with its {1} promise(s) and notes?\n\n"
                "You can undo this with Edit ▸ Undo."
            ).format(current.title, current.row.promises),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._perform(
                self.tr("Delete commitment"),
                edits.delete_commitment(self.store.sessions, current.key),
            )
        except Exception as exc:
            show_error(self, exc)
        self._selected_key = None

    @Slot()
    def show_history(self) -> None:
        current = self.selected()
        if current is None:
            return
        from functools import partial

        from app.reads.history import commitment_history
        from ui.dialogs.history_dialog import HistoryDialog

        load = partial(commitment_history, self.store.sessions, current.row.id)
        self.open_dialog(HistoryDialog(self.store, current.title, load, self))
