"""The agenda editor under a meeting: its items in order, the one chosen in full, their edits."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QObject, Qt, Slot
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QToolButton, QWidget

from app.core.errors import DomainError
from app.reads.browse import AgendaRow, MeetingRow
from app.record import agenda as agenda_cases
from ui import edits
from ui.dialogs.agenda_dialog import AgendaItemDialog
from ui.dialogs.errors import show_error
from ui.dialogs.questions import confirmed
from ui.languages import QT_TRANSLATE_NOOP
from ui.layouts import column
from ui.models.agenda import AgendaModel
from ui.models.table import RIGHT, Column
from ui.store import Store
from ui.views.base import View, selected_row, view_action
from ui.views.widgets import ListTable, heading, reading_pane

NARROW_AGENDA = 560  # px: below this the lead and outcome columns are hidden


def agenda_columns(sat: Callable[[], bool] = lambda: True) -> list[Column[AgendaRow]]:
    """The agenda's columns; what was decided is greyed while, as of the toolbar's day, the
    meeting had not yet sat (it is on the record, but nobody could have known it then)."""

    def later(_a: AgendaRow) -> Any:
        return (
            None
            if sat()
            else QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        )

    def tip(text: Callable[[AgendaRow], str]) -> Callable[[AgendaRow], str]:
        return lambda a: (
            text(a)
            if sat() or not text(a)
            else QCoreApplication.translate(
                "MeetingsView",
                "{0}\n(decided at the meeting: not yet known as of the toolbar's day)",
            ).format(text(a))
        )

    return [
        Column("No.", lambda a: str(a.position), sort=lambda a: a.position, align=RIGHT),
        Column("Item", lambda a: a.title, tooltip=lambda a: a.details or a.title),
        Column("Lead", lambda a: a.lead, tooltip=lambda a: a.lead),
        Column("Outcome", lambda a: a.outcome, tooltip=tip(lambda a: a.outcome), foreground=later),
        Column(
            "Decision", lambda a: a.decision, tooltip=tip(lambda a: a.decision), foreground=later
        ),
        Column(
            "Votes",
            lambda a: a.votes,
            tooltip=tip(lambda a: "for–against–abstaining" if a.votes else ""),
            align=RIGHT,
            foreground=later,
        ),
    ]


def item_html(item: AgendaRow) -> str:
    """An agenda item in full, for the text box under the agenda."""
    parts = [f"<b>{item.position}. {html.escape(item.title)}</b>"]
    if item.lead:
        parts[0] += f" — {html.escape(item.lead)}"
    for label, text in (
        (QCoreApplication.translate("MeetingsView", "Details"), item.details),
        (QCoreApplication.translate("MeetingsView", "Outcome"), item.outcome),
        (QCoreApplication.translate("MeetingsView", "Decision"), item.decision),
    ):
        if text:
            parts.append(f"<b>{label}:</b> {html.escape(text)}")
    votes = item.votes
    if votes:
        parts.append(
            QCoreApplication.translate(
                "MeetingsView", "<b>Votes</b> (for–against–abstaining): {0}"
            ).format(votes)
        )
    if item.status and item.status != "pending":
        parts.append(f"<i>{html.escape(item.status.capitalize())}</i>")
    return "<br>".join(parts)


class AgendaEditor(QWidget):
    """A meeting's agenda: add, edit and delete items, reorder them by dragging or Ctrl+Up/Down.

    Its actions belong to `view`, so that their shortcuts work wherever the focus is in it;
    `meeting` tells which meeting is selected there.
    """

    def __init__(self, store: Store, view: View, meeting: Callable[[], MeetingRow | None]) -> None:
        super().__init__()
        self.store, self._view, self._meeting = store, view, meeting
        self.kept_item: int | None = None  # the selected item's id, kept across reloads
        self.model = AgendaModel(agenda_columns(self._sat), self)
        self.model.reordered.connect(self._reordered, Qt.ConnectionType.QueuedConnection)
        self._build()
        self._make_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            # Narrow: the lead and outcome give way (the pane under the agenda has them).
            narrow = self.table.width() < NARROW_AGENDA
            for column in (2, 3):
                self.table.setColumnHidden(column, narrow)
        return super().eventFilter(watched, event)

    def _sat(self) -> bool:
        """Whether the selected meeting had sat as of the toolbar's day."""
        meeting = self._meeting()
        return meeting is None or meeting.status == "held"

    def _build(self) -> None:
        self.table = ListTable(
            self.model,
            "agendaTable",
            label=self.tr("Agenda"),
            sortable=False,
            placeholder=self.tr("No agenda items yet. Add one with “Add item…”."),
        )
        table = self.table
        table.wrap_rows(3)  # "Alliance for …y proscribed." hid what was decided
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setToolTip(self.tr("Drag an item to reorder the agenda"))
        header = table.horizontalHeader()
        # Item, Outcome and Decision share the width, whatever the pane's size; the rest fit.
        for index in (0, 5):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        for index in (1, 3, 4):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        table.installEventFilter(self)
        table.selectionModel().selectionChanged.connect(self._item_selection_changed)
        table.doubleClicked.connect(lambda _index: self.edit_item())

        self.heading = heading(self.tr("&Agenda"))
        self.heading.setBuddy(table)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(2)
        self.buttons.addWidget(self.heading)
        self.buttons.addStretch(1)

        self.item_text = reading_pane(
            "agendaItemText", self.tr("Select an item to read it in full.")
        )
        self.item_text.setFixedHeight(110)

        layout = column(self, spacing=6)
        layout.addLayout(self.buttons)
        layout.addWidget(table, 1)
        layout.addWidget(self.item_text)

    def _make_actions(self) -> None:
        view = self._view
        self.add_item_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "&Add agenda item…"),
            self.add_item,
            tip=QT_TRANSLATE_NOOP("Actions", "Add an agenda item"),
        )
        self.edit_item_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Edit agenda &item…"),
            self.edit_item,
            tip=QT_TRANSLATE_NOOP("Actions", "Edit the agenda item"),
        )
        self.up_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Move item &up"),
            lambda: self.move_item(-1),
            "Ctrl+Up",
            local=True,
        )
        self.down_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "Move item do&wn"),
            lambda: self.move_item(1),
            "Ctrl+Down",
            local=True,
        )
        self.delete_item_action = view_action(
            view,
            QT_TRANSLATE_NOOP("Actions", "De&lete agenda item…"),
            self.delete_item,
            tip=QT_TRANSLATE_NOOP("Actions", "Delete the agenda item"),
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
            self.buttons.addWidget(button)

    def menu_actions(self) -> list[QAction]:
        return [
            self.add_item_action,
            self.edit_item_action,
            self.up_action,
            self.down_action,
            self.delete_item_action,
        ]

    # --- what it shows -----------------------------------------------------------------

    def show_rows(self, rows: Sequence[AgendaRow]) -> None:
        """Show a (re)read agenda, the item chosen before still chosen."""
        keep = self.kept_item
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_rows(rows)
        selection.blockSignals(False)
        self.table.resizeColumnToContents(2)  # the lead: a name, within reason
        header = self.table.horizontalHeader()
        header.resizeSection(2, min(header.sectionSize(2), 140))
        if keep is not None:
            self.select_item(keep)
        self._item_selection_changed()

    def forget_item(self) -> None:
        """Another meeting is chosen: the item kept was not one of its items."""
        self.kept_item = None

    def selected(self) -> AgendaRow | None:
        return selected_row(self.table, AgendaRow)

    def select_item(self, item_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == item_id:
                self.table.selectRow(row)
                return True
        return False

    @Slot(QItemSelection, QItemSelection)
    def _item_selection_changed(self, *_args: Any) -> None:
        item = self.selected()
        if item is not None:
            self.kept_item = item.id
        self.item_text.setHtml(item_html(item) if item else "")
        self.update_actions()

    def update_actions(self) -> None:
        item = self.selected()
        count = self.model.rowCount()
        self.add_item_action.setEnabled(self._meeting() is not None)
        self.edit_item_action.setEnabled(item is not None)
        self.delete_item_action.setEnabled(item is not None)
        self.up_action.setEnabled(item is not None and item.position > 1)
        self.down_action.setEnabled(item is not None and item.position < count)

    # --- the edits ---------------------------------------------------------------------

    def _perform(self, text: str, apply: edits.Apply) -> Any:
        return edits.perform(self.store, text, apply)

    def _try(self, text: str, apply: edits.Apply) -> Any:
        """Perform an edit that has no dialog to show a refusal in: show it here."""
        try:
            return self._perform(text, apply)
        except DomainError as exc:
            show_error(self._view, exc)
            return None

    @Slot()
    def add_item(self) -> None:
        current = self._meeting()
        if current is None:
            return
        key = current.key

        def submit(data: agenda_cases.AgendaFields) -> None:
            item_id = self._perform(
                self.tr("Add agenda item"), edits.add_agenda_item(self.store.sessions, key, data)
            )
            self.kept_item = item_id

        self._view.open_dialog(AgendaItemDialog(submit, parent=self._view))

    @Slot()
    def edit_item(self) -> None:
        current, item = self._meeting(), self.selected()
        if current is None or item is None:
            return
        key, position = current.key, item.position
        try:
            existing = agenda_cases.item_fields(self.store.sessions, item.id)
        except DomainError as exc:  # gone since the agenda was read
            show_error(self._view, exc)
            return

        def submit(data: agenda_cases.AgendaFields) -> None:
            self._perform(
                self.tr("Edit agenda item"),
                edits.update_agenda_item(self.store.sessions, key, position, data),
            )

        self._view.open_dialog(AgendaItemDialog(submit, parent=self._view, existing=existing))

    def move_item(self, offset: int) -> None:
        current, item = self._meeting(), self.selected()
        if current is None or item is None:
            return
        target = item.position + offset
        if not 1 <= target <= self.model.rowCount():
            return
        self.kept_item = item.id
        text = self.tr("Move item up") if offset < 0 else self.tr("Move item down")
        self._try(
            text, edits.move_agenda_item(self.store.sessions, current.key, item.position, offset)
        )

    @Slot()
    def delete_item(self) -> None:
        current, item = self._meeting(), self.selected()
        if current is None or item is None:
            return
        if not confirmed(
            self._view,
            self.tr("Delete agenda item"),
            self.tr("Delete item {0}, “{1}”?\n\nYou can undo this with Edit ▸ Undo.").format(
                item.position, item.title
            ),
        ):
            return
        self.kept_item = None
        self._try(
            self.tr("Delete agenda item"),
            edits.delete_agenda_item(self.store.sessions, current.key, item.position),
        )

    @Slot(list, list)
    def _reordered(self, before: list[int], after: list[int]) -> None:
        current = self._meeting()
        if current is None or before == after:
            return
        try:
            self._perform(
                self.tr("Reorder agenda"),
                edits.reorder_agenda(self.store.sessions, current.key, before, after),
            )
        except DomainError as exc:
            show_error(self._view, exc)
            self._view.reload()  # put the rows back as the record has them
