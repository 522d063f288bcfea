"""The Meetings view: each body's sittings, a meeting's agenda, and the promises tied to it."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelection,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import DomainError
from app.core.sessions import Sessions
from app.core.settings import Settings
from app.ledger.rules import Standing
from app.ledger.standings import standings
from app.reads import browse
from app.reads.browse import AgendaRow, BodyRow, MeetingRow
from app.record import agenda as agenda_cases
from app.record import meetings as meeting_cases
from ui import edits
from ui.dialogs.agenda_dialog import AgendaItemDialog
from ui.dialogs.errors import show_error
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.schedule_dialog import ScheduleDialog
from ui.formatting import fmt_date, fmt_when
from ui.icons import rag_icon
from ui.models.table import RIGHT, ROW_ROLE, Column, Index, RowFilterProxy, RowTableModel
from ui.store import Store
from ui.views.base import View, list_pane, select_row_with_key
from ui.views.widgets import ListTable, heading, long_date, muted

WHEN = {"all": "All", "upcoming": "Upcoming", "past": "Past"}
AGENDA_MIME = "application/x-docket-agenda-rows"


# --- rows the view reads in the background --------------------------------------------------


@dataclass(frozen=True)
class MeetingsData:
    as_of: dt.date
    meetings: tuple[MeetingRow, ...]
    bodies: tuple[BodyRow, ...]
    standings: tuple[Standing, ...]


@dataclass(frozen=True)
class MeetingDetail:
    key: str
    agenda: tuple[AgendaRow, ...]
    # Commitments whose target was this meeting when it sat (the day before it), even if
    # the promise has slipped since: "due at this meeting" is about that meeting.
    due_when_held: frozenset[str]


def meetings_data(sessions: Sessions, as_of: dt.date, settings: Settings) -> MeetingsData:
    return MeetingsData(
        as_of,
        tuple(browse.meetings(sessions)),
        tuple(browse.bodies(sessions)),
        tuple(standings(sessions, as_of, settings)),
    )


def meeting_detail(
    sessions: Sessions, meeting: MeetingRow, as_of: dt.date, settings: Settings
) -> MeetingDetail:
    due: frozenset[str] = frozenset()
    if meeting.date <= as_of:
        eve = meeting.date - dt.timedelta(days=1)
        due = frozenset(
            s.key for s in standings(sessions, eve, settings) if s.row.target_meeting == meeting.key
        )
    return MeetingDetail(meeting.key, tuple(browse.agenda(sessions, meeting.id)), due)


# --- columns -----------------------------------------------------------------------------------


def _muted_if_off(m: MeetingRow) -> Any:
    if m.status in ("cancelled", "postponed"):
        return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    return None


def meeting_columns() -> list[Column[MeetingRow]]:
    return [
        Column(
            "Date",
            lambda m: fmt_date(m.date),
            sort=lambda m: (m.date, m.time or dt.time.min, m.key),
            foreground=_muted_if_off,
        ),
        Column(
            "Time",
            lambda m: m.time.strftime("%H:%M") if m.time else "",
            sort=lambda m: m.time or dt.time.min,
            foreground=_muted_if_off,
        ),
        Column("Body", lambda m: m.body, foreground=_muted_if_off),
        Column(
            "Title",
            lambda m: m.title,
            tooltip=lambda m: ", ".join(t for t in (m.title, m.location) if t),
            foreground=_muted_if_off,
        ),
        Column("Status", lambda m: m.status.capitalize(), foreground=_muted_if_off),
        Column("Items", lambda m: str(m.items), sort=lambda m: m.items, align=RIGHT),
        Column(
            "Promises\ndue here",
            lambda m: str(m.due_here) if m.due_here else "",
            sort=lambda m: m.due_here,
            align=RIGHT,
            tooltip=lambda m: f"{m.due_here} promise(s) named this meeting as their target",
        ),
    ]


def _votes(a: AgendaRow) -> str:
    counts = [a.votes_for, a.votes_against]
    if a.votes_abstaining is not None:
        counts.append(a.votes_abstaining)
    if all(c is None for c in counts):
        return ""
    return "–".join("?" if c is None else str(c) for c in counts)


def agenda_columns() -> list[Column[AgendaRow]]:
    return [
        Column("No.", lambda a: str(a.position), sort=lambda a: a.position, align=RIGHT),
        Column("Item", lambda a: a.title, tooltip=lambda a: a.details or a.title),
        Column("Lead", lambda a: a.lead, tooltip=lambda a: a.lead),
        Column("Outcome", lambda a: a.outcome, tooltip=lambda a: a.outcome),
        Column("Decision", lambda a: a.decision, tooltip=lambda a: a.decision),
        Column(
            "Votes",
            _votes,
            tooltip=lambda a: "for–against–abstaining" if _votes(a) else "",
            align=RIGHT,
        ),
    ]


def _promise_tip(s: Standing) -> str:
    target = fmt_date(s.row.target, "no date")
    return f"{s.row.title}\n{s.row.owner or 'No owner'} · promised for {target} · {fmt_when(s)}"


def promise_columns() -> list[Column[Standing]]:
    """The short lists beside an agenda: what was due at the meeting, and what was promised."""
    return [
        Column(
            "Commitment",
            lambda s: s.row.title,
            icon=lambda s: rag_icon(s.rag),
            tooltip=_promise_tip,
        ),
        Column("Status", fmt_when, tooltip=_promise_tip),
    ]


# --- the agenda, reorderable by drag and drop ---------------------------------------------------


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


# --- the view ----------------------------------------------------------------------------------


class MeetingsView(View):
    title = "Meetings"
    detail_loaded = Signal()  # the selected meeting's agenda and lists are on screen

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.data: MeetingsData | None = None
        self.detail: MeetingDetail | None = None
        self._bodies: dict[int, BodyRow] = {}
        self._selected_key: str | None = None
        self._select_id: int | None = None  # a meeting just created: select it once loaded
        self._selected_item: int | None = None  # agenda item id, kept across reloads
        self._generation = 0
        self._detail_generation = 0

        self.model: RowTableModel[MeetingRow] = RowTableModel(meeting_columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.agenda_model = AgendaModel(agenda_columns(), self)
        self.agenda_model.reordered.connect(
            self._agenda_reordered, Qt.ConnectionType.QueuedConnection
        )
        self.due_model: RowTableModel[Standing] = RowTableModel(promise_columns(), self)
        self.made_model: RowTableModel[Standing] = RowTableModel(promise_columns(), self)
        self._build()
        self._make_actions()
        self._update_actions()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("meetingsBody")
        self.body_combo.addItem(self.tr("All bodies"), None)
        self.body_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.when_combo = QComboBox()
        self.when_combo.setObjectName("meetingsWhen")
        for key, label in WHEN.items():
            self.when_combo.addItem(self.tr(label), key)
        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("&Body:"), self.body_combo),
            (self.tr("S&how:"), self.when_combo),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(combo)
            filters.addWidget(buddy)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.count_label = muted(QLabel())
        filters.addWidget(self.count_label)
        self.body_combo.currentIndexChanged.connect(self._apply_filters)
        self.when_combo.currentIndexChanged.connect(self._when_changed)

        self.table = ListTable(
            self.proxy, "meetingsTable", stretch=3, placeholder=self.tr("No meetings to show.")
        )
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_meeting())

        left = list_pane(filters, self.table)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("meetingsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([540, 590])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

    def _build_detail(self) -> QWidget:
        pane = QFrame()
        pane.setObjectName("meetingDetail")
        pane.setMinimumWidth(440)
        outer = QVBoxLayout(pane)
        outer.setContentsMargins(12, 0, 0, 0)
        self.detail_body = QWidget()
        layout = QVBoxLayout(self.detail_body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.detail_title = heading(scale=1.3)
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_meta = QLabel()
        self.detail_meta.setWordWrap(True)
        self.detail_meta.setTextFormat(Qt.TextFormat.PlainText)

        self.agenda_table = ListTable(
            self.agenda_model,
            "agendaTable",
            sortable=False,
            placeholder=self.tr("No agenda items yet. Add one with “Add item…”."),
        )
        table = self.agenda_table
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setToolTip(self.tr("Drag an item to reorder the agenda"))
        header = table.horizontalHeader()
        # Item, Outcome and Decision share the width, whatever the pane's size; the rest fit.
        for column in (0, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        table.selectionModel().selectionChanged.connect(self._item_selection_changed)
        table.doubleClicked.connect(lambda _index: self.edit_item())

        self.agenda_heading = heading(self.tr("&Agenda"))
        self.agenda_heading.setBuddy(table)
        self.agenda_buttons = QHBoxLayout()
        self.agenda_buttons.setSpacing(2)
        self.agenda_buttons.addWidget(self.agenda_heading)
        self.agenda_buttons.addStretch(1)

        self.item_text = QTextBrowser()
        self.item_text.setObjectName("agendaItemText")
        self.item_text.setOpenLinks(False)
        self.item_text.setFixedHeight(110)
        self.item_text.setPlaceholderText(self.tr("Select an item to read it in full."))

        self.due_table = ListTable(
            self.due_model,
            "dueHereTable",
            stretch=0,
            sortable=False,
            placeholder=self.tr("No promise named this meeting."),
        )
        self.made_table = ListTable(
            self.made_model,
            "madeHereTable",
            stretch=0,
            sortable=False,
            placeholder=self.tr("No promise was first made on this day."),
        )
        lists = QHBoxLayout()
        lists.setSpacing(12)
        for text, tip, list_table in (
            (
                self.tr("Due at this meeting"),
                self.tr("Promises that named this meeting as their target"),
                self.due_table,
            ),
            (
                self.tr("Made at this meeting"),
                self.tr("Promises first made to this body on the meeting's day"),
                self.made_table,
            ),
        ):
            stack = QVBoxLayout()
            stack.setSpacing(4)
            title = heading(text)
            title.setToolTip(tip)
            list_table.setToolTip(tip)
            list_table.fit_height(3)
            stack.addWidget(title)
            stack.addWidget(list_table)
            lists.addLayout(stack, 1)

        self.empty_label = muted(QLabel(self.tr("Select a meeting to see its agenda.")))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        title_row = QHBoxLayout()
        title_row.addWidget(self.detail_title, 1)
        # The brief buttons come first: printing a brief is why most members open a meeting.
        self.print_brief_button = QToolButton()
        self.pdf_brief_button = QToolButton()
        self.history_button = QToolButton()  # each shows its action, made with the others
        for button in (self.print_brief_button, self.pdf_brief_button, self.history_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            title_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title_row)
        layout.addWidget(self.detail_meta)
        layout.addSpacing(4)
        layout.addLayout(self.agenda_buttons)
        layout.addWidget(table, 1)
        layout.addWidget(self.item_text)
        layout.addSpacing(4)
        layout.addLayout(lists)
        outer.addWidget(self.detail_body, 1)
        outer.addWidget(self.empty_label, 1)
        return pane

    def _make_actions(self) -> None:
        def action(
            text: str,
            slot: Callable[[], None],
            shortcut: Any = None,
            tip: str = "",
            local: bool = False,
        ) -> QAction:
            act = QAction(self.tr(text), self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if local:  # only while the Meetings view has the focus
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(self.tr(tip or text.replace("&", "").rstrip(".…")))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action("New &meeting…", self.new_meeting, "Ctrl+Shift+M")
        self.edit_action = action("&Edit meeting…", self.edit_meeting)
        self.reschedule_action = action(
            "&Reschedule…", self.reschedule, tip="Move the meeting; promises that name it move too"
        )
        self.cancel_action = action("&Cancel meeting", self.cancel_meeting)
        self.delete_action = action("&Delete meeting…", self.delete_meeting)
        self.schedule_action = action(
            "Create meetings from &schedule…",
            self.create_from_schedule,
            tip="Add a body's next meetings from its recurring schedule",
        )
        self.print_brief_action = action(
            "&Print brief…", self.print_brief, tip="Print the brief for this meeting"
        )
        self.export_brief_action = action(
            "Export &brief as PDF…",
            self.export_brief,
            tip="Save the brief for this meeting as a PDF",
        )
        self.history_action = action(
            "Meeting &history…",
            self.show_history,
            tip="Every change to this meeting and its agenda",
        )
        self.history_action.setIconText(self.tr("History…"))
        self.history_button.setDefaultAction(self.history_action)
        self.print_brief_action.setIconText(self.tr("Print brief…"))
        self.print_brief_button.setDefaultAction(self.print_brief_action)
        self.export_brief_action.setIconText(self.tr("Brief as PDF…"))
        self.pdf_brief_button.setDefaultAction(self.export_brief_action)
        self.separator = QAction(self)
        self.separator.setSeparator(True)
        self.add_item_action = action("&Add agenda item…", self.add_item, tip="Add an agenda item")
        self.edit_item_action = action(
            "Edit agenda &item…", self.edit_item, tip="Edit the agenda item"
        )
        self.up_action = action("Move item &up", lambda: self.move_item(-1), "Ctrl+Up", local=True)
        self.down_action = action(
            "Move item do&wn", lambda: self.move_item(1), "Ctrl+Down", local=True
        )
        self.delete_item_action = action(
            "De&lete agenda item…", self.delete_item, tip="Delete the agenda item"
        )
        for act, text in (
            (self.add_item_action, self.tr("Add item…")),
            (self.edit_item_action, self.tr("Edit…")),
            (self.up_action, self.tr("Up")),
            (self.down_action, self.tr("Down")),
            (self.delete_item_action, self.tr("Delete…")),
        ):
            act.setIconText(text)  # the button's short label; the menu shows the full text
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
            self.agenda_buttons.addWidget(button)

    def menu_actions(self) -> list[QAction]:
        return [
            self.new_action,
            self.edit_action,
            self.reschedule_action,
            self.cancel_action,
            self.delete_action,
            self.schedule_action,
            self.print_brief_action,
            self.export_brief_action,
            self.separator,
            self.add_item_action,
            self.edit_item_action,
            self.up_action,
            self.down_action,
            self.delete_item_action,
        ]

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        self._generation += 1
        generation = self._generation
        store.load(
            lambda: meetings_data(store.sessions, as_of, settings),
            lambda data: self._loaded(generation, data),
            owner=self,
        )

    def _loaded(self, generation: int, data: MeetingsData) -> None:
        if generation != self._generation:
            return  # superseded by a newer reload
        self.data = data
        self._bodies = {b.id: b for b in data.bodies}
        self._fill_bodies(data.bodies)
        created = None
        if self._select_id is not None:
            created = next((m for m in data.meetings if m.id == self._select_id), None)
            self._select_id = None
            if created is not None:
                self._selected_key = created.key
        keep = self._selected_key
        # Restore the selection quietly, then load the detail once.
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_rows(data.meetings)
        self._apply_filters()
        found = keep is not None and self.select_key(keep)
        if not found and created is not None:  # a new meeting the filters hide: show it
            self.when_combo.setCurrentIndex(self.when_combo.findData("all"))
            self.body_combo.setCurrentIndex(0)
            found = self.select_key(created.key)
        if not found and self.proxy.rowCount():
            self._select_next_meeting(data)
        selection.blockSignals(False)
        self.table.viewport().update()
        self._selection_changed()
        self.table.fit_columns()
        self.mark_loaded()

    def _select_next_meeting(self, data: MeetingsData) -> None:
        """With nothing chosen yet, open the next meeting on or after the as-of date."""
        shown = [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]
        upcoming = [m for m in shown if m.date >= data.as_of and m.status != "cancelled"]
        if upcoming:
            soonest = min(upcoming, key=lambda m: (m.date, m.time or dt.time.min))
            self.select_key(soonest.key)
        else:
            self.table.selectRow(0)

    def _fill_bodies(self, rows: Sequence[BodyRow]) -> None:
        combo = self.body_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All bodies"), None)
        for row in rows:
            combo.addItem(row.label, row.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    @Slot()
    def _when_changed(self) -> None:
        upcoming = self.when_combo.currentData() == "upcoming"
        order = Qt.SortOrder.AscendingOrder if upcoming else Qt.SortOrder.DescendingOrder
        self.table.sortByColumn(0, order)
        self._apply_filters()

    @Slot()
    def _apply_filters(self) -> None:
        body = self.body_combo.currentData()
        when = self.when_combo.currentData()
        as_of = self.store.as_of

        def keep(m: MeetingRow) -> bool:
            if body is not None and m.body_id != body:
                return False
            if when == "upcoming":
                return m.date >= as_of
            if when == "past":
                return m.date < as_of
            return True

        self.proxy.set_predicate(keep)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("{0} of {1} meetings").format(shown, total))
        self.status_text.emit(self.tr("{0} meetings shown").format(shown))

    @Slot(str)
    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._apply_filters()

    def set_when(self, key: str) -> None:
        """Show "upcoming", "past" or "all" meetings."""
        self.when_combo.setCurrentIndex(max(0, self.when_combo.findData(key)))

    def select_key(self, key: str) -> bool:
        return select_row_with_key(self.table, key)

    def selected(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, MeetingRow) else None

    def selected_item(self) -> AgendaRow | None:
        rows = self.agenda_table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, AgendaRow) else None

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: Any) -> None:
        current = self.selected()
        if current is not None and current.key != self._selected_key:
            self._selected_item = None  # another meeting: its items are not this one's
        self._selected_key = current.key if current else None
        self._show_heading(current)
        self._update_actions()
        self._load_detail(current)

    def _load_detail(self, meeting: MeetingRow | None) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        if meeting is None:
            self._show_detail(generation, None)
            return
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        store.load(
            lambda: meeting_detail(store.sessions, meeting, as_of, settings),
            lambda detail: self._show_detail(generation, detail),
            owner=self,
        )

    def _show_heading(self, m: MeetingRow | None) -> None:
        self.detail_body.setVisible(m is not None)
        self.empty_label.setVisible(m is None)
        if m is None:
            self.empty_label.setText(
                self.tr("Select a meeting to see its agenda.")
                if self.proxy.rowCount()
                else self.tr(
                    "No meetings here yet.\nAdd one with Meeting ▸ New meeting… (Ctrl+Shift+M),"
                    "\nor from a body's schedule."
                )
            )
            return
        body = self._bodies.get(m.body_id)
        name = body.name if body else m.body
        titled = m.title and m.title not in (m.body, name)
        self.detail_title.setText(f"{name} — {m.title}" if titled else name)
        meta = [long_date(m.date)]
        if m.time is not None:
            meta.append(m.time.strftime("%H:%M"))
        if m.location:
            meta.append(m.location)
        meta.append(m.status.capitalize())
        self.detail_meta.setText(" · ".join(meta))

    def _show_detail(self, generation: int, detail: MeetingDetail | None) -> None:
        if generation != self._detail_generation:
            return
        self.detail = detail
        keep = self._selected_item
        selection = self.agenda_table.selectionModel()
        selection.blockSignals(True)
        self.agenda_model.set_rows(detail.agenda if detail else [])
        selection.blockSignals(False)
        meeting = self.selected()
        due: list[Standing] = []
        made: list[Standing] = []
        if detail is not None and meeting is not None and self.data is not None:
            body = self._bodies.get(meeting.body_id)
            for s in self.data.standings:
                if s.row.target_meeting == meeting.key or s.key in detail.due_when_held:
                    due.append(s)
                if body and s.row.first_promised_on == meeting.date and s.row.body_key == body.key:
                    made.append(s)
        self.due_model.set_rows(due)
        self.made_model.set_rows(made)
        for table in (self.due_table, self.made_table):
            table.fit_columns()
        self._fit_agenda()
        if keep is not None:
            self.select_item(keep)
        self._item_selection_changed()
        self.detail_loaded.emit()

    def _fit_agenda(self) -> None:
        table = self.agenda_table
        table.resizeColumnToContents(2)  # the lead: a name, within reason
        header = table.horizontalHeader()
        header.resizeSection(2, min(header.sectionSize(2), 140))

    def select_item(self, item_id: int) -> bool:
        for row in range(self.agenda_model.rowCount()):
            if self.agenda_model.row_at(row).id == item_id:
                self.agenda_table.selectRow(row)
                return True
        return False

    @Slot(QItemSelection, QItemSelection)
    def _item_selection_changed(self, *_args: Any) -> None:
        item = self.selected_item()
        if item is not None:
            self._selected_item = item.id
        self.item_text.setHtml(_item_html(item) if item else "")
        self._update_actions()

    def _update_actions(self) -> None:
        meeting = self.selected()
        item = self.selected_item()
        has = meeting is not None
        for act in (
            self.edit_action,
            self.reschedule_action,
            self.delete_action,
            self.add_item_action,
            self.print_brief_action,
            self.export_brief_action,
            self.history_action,
        ):
            act.setEnabled(has)
        self.cancel_action.setEnabled(has and meeting is not None and meeting.status != "cancelled")
        count = self.agenda_model.rowCount()
        self.edit_item_action.setEnabled(item is not None)
        self.delete_item_action.setEnabled(item is not None)
        self.up_action.setEnabled(item is not None and item.position > 1)
        self.down_action.setEnabled(item is not None and item.position < count)

    # --- actions -----------------------------------------------------------------------

    def _perform(self, text: str, apply: edits.Apply) -> Any:
        return edits.perform(self.store, text, apply)

    @Slot()
    def print_brief(self) -> None:
        from ui.brief_actions import print_brief_dialog

        meeting = self.selected()
        if meeting is not None:
            self.dialog = print_brief_dialog(self, self.store, meeting)

    @Slot()
    def export_brief(self) -> None:
        from ui.brief_actions import export_brief_pdf

        meeting = self.selected()
        if meeting is not None:
            export_brief_pdf(self, self.store, meeting)

    def _try(self, text: str, apply: edits.Apply) -> Any:
        """Perform an edit that has no dialog to show a refusal in: show it here."""
        try:
            return self._perform(text, apply)
        except DomainError as exc:
            show_error(self, exc)
            return None

    @Slot()
    def show_history(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        from functools import partial

        from app.reads.history import meeting_history
        from ui.dialogs.history_dialog import HistoryDialog

        title = f"{meeting.title or meeting.body} {meeting.date.isoformat()}"
        load = partial(meeting_history, self.store.sessions, meeting.id)
        self.open_dialog(HistoryDialog(self.store, title, load, self))

    @Slot()
    def new_meeting(self) -> None:
        current = self.selected()
        body_id = self.body_combo.currentData() or (current.body_id if current else None)

        def submit(data: meeting_cases.MeetingFields) -> None:
            self._select_id = self._perform(
                self.tr("New meeting"), edits.create_meeting(self.store.sessions, data)
            )

        self.open_dialog(MeetingDialog(self.store, submit, parent=self, body_id=body_id))

    def _edit_dialog(self, text: str) -> MeetingDialog | None:
        current = self.selected()
        if current is None:
            return None
        key = current.key
        try:
            existing = meeting_cases.meeting_fields(self.store.sessions, current.id)
        except DomainError as exc:  # gone since the list was read
            show_error(self, exc)
            return None

        def submit(data: meeting_cases.MeetingFields) -> None:
            self._perform(text, edits.update_meeting(self.store.sessions, key, data))

        return MeetingDialog(self.store, submit, parent=self, existing=existing)

    @Slot()
    def edit_meeting(self) -> None:
        dialog = self._edit_dialog(self.tr("Edit meeting"))
        if dialog is not None:
            self.open_dialog(dialog)

    @Slot()
    def reschedule(self) -> None:
        dialog = self._edit_dialog(self.tr("Reschedule meeting"))
        if dialog is not None:
            dialog.setWindowTitle(self.tr("Reschedule meeting"))
            dialog.date.setFocus()
            self.open_dialog(dialog)

    @Slot()
    def cancel_meeting(self) -> None:
        current = self.selected()
        if current is None or current.status == "cancelled":
            return
        try:
            existing = meeting_cases.meeting_fields(self.store.sessions, current.id)
            self._perform(
                self.tr("Cancel meeting"),
                edits.update_meeting(
                    self.store.sessions, current.key, replace(existing, status="cancelled")
                ),
            )
        except DomainError as exc:
            show_error(self, exc)

    @Slot()
    def delete_meeting(self) -> None:
        current = self.selected()
        if current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete meeting"),
            self.tr(
                "Delete the {0} meeting of {1} with its {2} agenda item(s)?\n\n"
                "You can undo this with Edit ▸ Undo."
            ).format(current.body, fmt_date(current.date), current.items),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._perform(
                self.tr("Delete meeting"), edits.delete_meeting(self.store.sessions, current.key)
            )
        except DomainError as exc:
            show_error(self, exc)

    @Slot()
    def create_from_schedule(self) -> None:
        def submit(values: tuple[str, dt.date]) -> None:
            body_key, until = values
            self._perform(
                self.tr("Create meetings from schedule"),
                edits.create_scheduled(self.store.sessions, body_key, until, self.store.today()),
            )

        self.open_dialog(ScheduleDialog(self.store, submit, parent=self))

    @Slot()
    def add_item(self) -> None:
        current = self.selected()
        if current is None:
            return
        key = current.key

        def submit(data: agenda_cases.AgendaFields) -> None:
            item_id = self._perform(
                self.tr("Add agenda item"), edits.add_agenda_item(self.store.sessions, key, data)
            )
            self._selected_item = item_id

        self.open_dialog(AgendaItemDialog(submit, parent=self))

    @Slot()
    def edit_item(self) -> None:
        current, item = self.selected(), self.selected_item()
        if current is None or item is None:
            return
        key, position = current.key, item.position
        try:
            existing = agenda_cases.item_fields(self.store.sessions, item.id)
        except DomainError as exc:  # gone since the agenda was read
            show_error(self, exc)
            return

        def submit(data: agenda_cases.AgendaFields) -> None:
            self._perform(
                self.tr("Edit agenda item"),
                edits.update_agenda_item(self.store.sessions, key, position, data),
            )

        self.open_dialog(AgendaItemDialog(submit, parent=self, existing=existing))

    def move_item(self, offset: int) -> None:
        current, item = self.selected(), self.selected_item()
        if current is None or item is None:
            return
        target = item.position + offset
        if not 1 <= target <= self.agenda_model.rowCount():
            return
        self._selected_item = item.id
        text = self.tr("Move item up") if offset < 0 else self.tr("Move item down")
        self._try(
            text, edits.move_agenda_item(self.store.sessions, current.key, item.position, offset)
        )

    @Slot()
    def delete_item(self) -> None:
        current, item = self.selected(), self.selected_item()
        if current is None or item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete agenda item"),
            self.tr("Delete item {0}, “{1}”?\n\nYou can undo this with Edit ▸ Undo.").format(
                item.position, item.title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._selected_item = None
        self._try(
            self.tr("Delete agenda item"),
            edits.delete_agenda_item(self.store.sessions, current.key, item.position),
        )

    @Slot(list, list)
    def _agenda_reordered(self, before: list[int], after: list[int]) -> None:
        current = self.selected()
        if current is None or before == after:
            return
        try:
            self._perform(
                self.tr("Reorder agenda"),
                edits.reorder_agenda(self.store.sessions, current.key, before, after),
            )
        except DomainError as exc:
            show_error(self, exc)
            self.reload()  # put the rows back as the record has them


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeetingsView", text)


def _item_html(item: AgendaRow) -> str:
    """An agenda item in full, for the text box under the agenda."""
    parts = [f"<b>{item.position}. {html.escape(item.title)}</b>"]
    if item.lead:
        parts[0] += f" — {html.escape(item.lead)}"
    for label, text in (
        (_tr("Details"), item.details),
        (_tr("Outcome"), item.outcome),
        (_tr("Decision"), item.decision),
    ):
        if text:
            parts.append(f"<b>{label}:</b> {html.escape(text)}")
    votes = _votes(item)
    if votes:
        parts.append(_tr("<b>Votes</b> (for–against–abstaining): {0}").format(votes))
    if item.status and item.status != "pending":
        parts.append(f"<i>{html.escape(item.status.capitalize())}</i>")
    return "<br>".join(parts)
