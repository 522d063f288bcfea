"""The Meetings view: each body's sittings, a meeting's agenda, and the promises tied to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.core.sessions import Sessions
from app.core.settings import Settings
from app.core.wording import plural, short_date
from app.ledger.arising import Arising, brief_as_of, matters_arising
from app.ledger.rules import Standing
from app.ledger.standings import standings
from app.reads import browse
from app.reads.browse import AgendaRow, BodyRow, MeetingRow
from db.status import Filters
from ui.languages import QT_TRANSLATE_NOOP
from ui.models.table import RIGHT, ROW_ROLE, Column, RowFilterProxy, RowTableModel
from ui.store import Store
from ui.views.base import (
    View,
    filter_row,
    list_pane,
    select_row_with_key,
    selected_row,
    split_view,
)
from ui.views.meeting_actions import MeetingActions
from ui.views.meeting_detail import MeetingDetailPane, arising_title
from ui.views.widgets import ListTable, muted, own_title, refill_combo

WHEN = {
    "all": QT_TRANSLATE_NOOP("MeetingsView", "All"),
    "upcoming": QT_TRANSLATE_NOOP("MeetingsView", "Upcoming"),
    "past": QT_TRANSLATE_NOOP("MeetingsView", "Past"),
}


# --- rows the view reads in the background --------------------------------------------------


@dataclass(frozen=True)
class MeetingsData:
    as_of: dt.date
    meetings: tuple[MeetingRow, ...]
    bodies: tuple[BodyRow, ...]


@dataclass(frozen=True)
class MeetingDetail:
    key: str
    agenda: tuple[AgendaRow, ...]
    arising: Arising  # its matters arising as of the toolbar's day, as the brief lists them
    changes: tuple[str, ...]  # its dated changes known by that day, in words
    made: tuple[Standing, ...] = ()  # the promises first made to its body on its day


def meetings_data(sessions: Sessions, as_of: dt.date, settings: Settings) -> MeetingsData:
    return MeetingsData(
        as_of,
        tuple(browse.meetings(sessions, as_of=as_of)),
        tuple(browse.bodies(sessions)),
    )


def meeting_detail(
    sessions: Sessions, meeting: MeetingRow, as_of: dt.date, settings: Settings
) -> MeetingDetail:
    # As the brief and `docket brief` compute them: as of the meeting's day, unless an
    # earlier day is viewed (not as of today, which would differ from the brief).
    day = brief_as_of(sessions, meeting.id, as_of)
    arising = matters_arising(sessions, meeting.id, settings, day)
    changes = tuple(
        browse.change_words(step)
        for step in browse.meeting_changes(sessions, meeting.id)
        if step.recorded_on <= as_of
    )
    # Only its body's commitments are read (not the record's), at any size of record.
    made = tuple(
        s
        for s in standings(sessions, as_of, settings, Filters(body_id=meeting.body_id))
        if s.row.first_promised_on == meeting.date
    )
    agenda = tuple(browse.agenda(sessions, meeting.id))
    return MeetingDetail(meeting.key, agenda, arising, changes, made)


# --- columns -----------------------------------------------------------------------------------


def _muted_if_off(m: MeetingRow) -> Any:
    if m.status in ("cancelled", "postponed"):
        return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    return None


def meeting_columns() -> list[Column[MeetingRow]]:
    return [
        Column(
            "Date",
            lambda m: short_date(m.date),
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
            # "NEC" beside Body "NEC" says nothing: a title is shown when it adds to the body.
            lambda m: own_title(m.title, m.body),
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
            tooltip=lambda m: QCoreApplication.translate(
                "MeetingsView", "{0} named this meeting as the target"
            ).format(plural(m.due_here, "promise")),
        ),
    ]


# --- the view ----------------------------------------------------------------------------------


class MeetingsView(View):
    title = QT_TRANSLATE_NOOP("View", "Meetings")
    detail_loaded = Signal()  # the selected meeting's agenda and lists are on screen

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.data: MeetingsData | None = None
        self.detail: MeetingDetail | None = None
        self._bodies: dict[int, BodyRow] = {}
        self._selected_key: str | None = None
        self._select_id: int | None = None  # a meeting just created: select it once loaded

        self.model: RowTableModel[MeetingRow] = RowTableModel(meeting_columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.meeting_actions = MeetingActions(self)
        self.pane = MeetingDetailPane(
            store, self, self.selected, self.meeting_actions.title_actions()
        )
        self.agenda = self.pane.agenda
        self.separator = QAction(self)
        self.separator.setSeparator(True)
        self._build()
        self._name_the_parts()
        self._update_actions()

    def _name_the_parts(self) -> None:
        """The view's actions, models and labels by the names the window and tests use."""
        acts, agenda, pane = self.meeting_actions, self.agenda, self.pane
        self.new_action, self.edit_action = acts.new_action, acts.edit_action
        self.reschedule_action, self.cancel_action = acts.reschedule_action, acts.cancel_action
        self.delete_action, self.schedule_action = acts.delete_action, acts.schedule_action
        self.print_brief_action = acts.print_brief_action
        self.export_brief_action = acts.export_brief_action
        self.history_action = acts.history_action
        self.add_item_action, self.edit_item_action = (
            agenda.add_item_action,
            agenda.edit_item_action,
        )
        self.up_action, self.down_action = agenda.up_action, agenda.down_action
        self.delete_item_action = agenda.delete_item_action
        self.agenda_model, self.agenda_table = agenda.model, agenda.table
        self.arising_model, self.made_model = pane.arising_model, pane.made_model
        self.detail_title, self.detail_meta = pane.title, pane.meta
        self.history_button = pane.title_buttons[-1]
        pane.next_step.bind("meeting", self.new_action)  # on a record without any

    def _build(self) -> None:
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("meetingsBody")
        self.body_combo.addItem(self.tr("All bodies"), None)
        self.body_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.when_combo = QComboBox()
        self.when_combo.setObjectName("meetingsWhen")
        for key, label in WHEN.items():
            self.when_combo.addItem(self.tr(label), key)
        self.count_label = muted(QLabel())
        filters = filter_row(
            ((self.tr("&Body:"), self.body_combo), (self.tr("S&how:"), self.when_combo)),
            self.count_label,
        )
        self.body_combo.currentIndexChanged.connect(self._apply_filters)
        self.when_combo.currentIndexChanged.connect(self._when_changed)

        self.table = ListTable(
            self.proxy,
            "meetingsTable",
            stretch=3,
            placeholder=self.tr("No meetings to show."),
            label=self.tr("Meetings"),
        )
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.remember_widths("meetings")
        self.pane.next_step.placeholder_in(self.table, self.tr("No meetings yet."))
        self.table.set_widths(
            (100, 60, 60, 0, 100, 56, 96),
            (96, 50, 52, 0, 90, 50, 90),
            optional=(1, 5, 6),  # the time, items and promises are in the meeting's pane
            room=0.32,  # at 1024 px the empty Time column goes before the title shrinks
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.meeting_actions.edit_meeting())

        self.splitter = split_view(
            self,
            Qt.Orientation.Horizontal,
            "meetingsSplitter",
            (list_pane(filters, self.table), self.pane),
            [330, 800],  # the meeting pane holds the agenda, its widest reading
        )
        # The list keeps its width as the window widens or narrows: the agenda takes the rest.
        self.splitter.setStretchFactor(0, 0)

    def printable(self) -> tuple[QAbstractItemModel | None, str]:
        chosen = [c.currentText() for c in (self.body_combo, self.when_combo)]
        return self.proxy, self.tr("Meetings: {0}").format(", ".join(chosen))

    def menu_actions(self) -> list[QAction]:
        return [*self.meeting_actions.menu_actions(), self.separator, *self.agenda.menu_actions()]

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        self.load_latest(
            "list", lambda: meetings_data(store.sessions, as_of, settings), self._loaded
        )

    def _loaded(self, data: MeetingsData) -> None:
        self.data = data
        self._bodies = {b.id: b for b in data.bodies}
        refill_combo(self.body_combo, self.tr("All bodies"), [(b.label, b.id) for b in data.bodies])
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
            if self.proxy.filterRegularExpression().pattern():
                self.proxy.setFilterFixedString("")
                self.search_cleared.emit()
            self._apply_filters()
            found = self.select_key(created.key)
        if not found and self.proxy.rowCount():
            self._select_next_meeting(data)
        selection.blockSignals(False)
        self.table.viewport().update()
        self._selection_changed()
        self.mark_loaded()

    def select_when_loaded(self, meeting_id: int) -> None:
        """Select this meeting (one just made) once the list has been read again."""
        self._select_id = meeting_id

    def _select_next_meeting(self, data: MeetingsData) -> None:
        """With nothing chosen yet, open the next meeting on or after the as-of date."""
        shown = [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]
        upcoming = [m for m in shown if m.date >= data.as_of and m.status != "cancelled"]
        if upcoming:
            soonest = min(upcoming, key=lambda m: (m.date, m.time or dt.time.min))
            self.select_key(soonest.key)
        else:
            self.table.selectRow(0)

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
        self.count_label.setText(
            self.tr("{0} of {1}").format(f"{shown:,}", plural(total, "meeting"))
        )
        self.status_text.emit(self.tr("{0} shown").format(plural(shown, "meeting")))

    @Slot(str)
    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._apply_filters()

    def set_when(self, key: str) -> None:
        """Show "upcoming", "past" or "all" meetings."""
        self.when_combo.setCurrentIndex(max(0, self.when_combo.findData(key)))

    def select_key(self, key: str) -> bool:
        return select_row_with_key(self.table, key)

    def reveal(self, key: str) -> None:
        """Select a meeting, whatever the filters showed."""
        self.set_search("")
        self.body_combo.setCurrentIndex(0)
        self.set_when("all")
        self.select_key(key)

    def selected(self) -> MeetingRow | None:
        return selected_row(self.table, MeetingRow)

    def selected_item(self) -> AgendaRow | None:
        return self.agenda.selected()

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: Any) -> None:
        current = self.selected()
        if current is not None and current.key != self._selected_key:
            self.agenda.forget_item()  # another meeting: its items are not this one's
        self._selected_key = current.key if current else None
        body = self._bodies.get(current.body_id) if current else None
        self.pane.show_meeting(current, body, self.proxy.rowCount() > 0)
        self._update_actions()
        self._load_detail(current)

    def _load_detail(self, meeting: MeetingRow | None) -> None:
        if meeting is None:
            self.cancel_pending("detail")
            self._show_detail(None)
            return
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        self.load_latest(
            "detail",
            lambda: meeting_detail(store.sessions, meeting, as_of, settings),
            self._show_detail,
        )

    def _show_detail(self, detail: MeetingDetail | None) -> None:
        self.detail = detail
        meeting = self.selected()
        self.agenda.show_rows(detail.agenda if detail else [])
        made = list(detail.made) if detail is not None and meeting is not None else []
        self.pane.show_promises(detail.arising.matters if detail else (), made)
        self.pane.arising_title.setText(arising_title(detail.arising if detail else None))
        self.pane.show_changes(detail.changes if detail else ())
        self.detail_loaded.emit()

    def _update_actions(self) -> None:
        self.meeting_actions.update(self.selected())
        self.agenda.update_actions()
