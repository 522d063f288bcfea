"""The Meetings view's right side: the chosen meeting, its agenda, the promises tied to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.wording import short_date
from app.ledger import words
from app.ledger.arising import Arising, Matter, reason_words
from app.ledger.rules import Standing
from app.papers.subjects import Subject
from app.reads.browse import BodyRow, MeetingRow
from ui.icons import standing_icon
from ui.layouts import column
from ui.models.table import Column, RowTableModel
from ui.papers_box import PapersBox
from ui.store import Store
from ui.theme import TITLE
from ui.views.agenda_editor import AgendaEditor
from ui.views.base import View
from ui.views.next_step import NextStep
from ui.views.widgets import ListTable, heading, meeting_when, muted


def _promise_tip(s: Standing) -> str:
    target = short_date(s.row.target, QCoreApplication.translate("MeetingDetailPane", "no date"))
    owner = s.row.owner or QCoreApplication.translate("MeetingDetailPane", "No owner")
    promised = QCoreApplication.translate("MeetingDetailPane", "promised for {0}").format(target)
    return f"{s.row.title}\n{owner} · {promised} · {words.when(s)}"


def arising_title(arising: Arising | None) -> str:
    """ "Matters arising as of 29 Mar 2022, the meeting's day": the day they are computed
    as of, which is the brief's (app.ledger.arising.brief_as_of)."""
    name = QCoreApplication.translate("MeetingsView", "Matters arising")
    if arising is None:
        return name
    day = short_date(arising.as_of)
    if arising.as_of == arising.meeting.date:
        return QCoreApplication.translate(
            "MeetingsView", "{0} as of {1}, the meeting's day"
        ).format(name, day)
    return QCoreApplication.translate("MeetingsView", "{0} as of {1}").format(name, day)


def _matter_tip(m: Matter) -> str:
    return f"{_promise_tip(m.standing)}\n{reason_words(m.reasons)}"


def matter_columns() -> list[Column[Matter]]:
    """The meeting's matters arising: the commitment, why it arises, where it stands."""
    return [
        Column(
            "Commitment",
            lambda m: m.standing.row.title,
            icon=lambda m: standing_icon(m.standing),
            tooltip=_matter_tip,
        ),
        Column("Why", lambda m: reason_words(m.reasons, short=True), tooltip=_matter_tip),
        Column("Status", lambda m: words.when(m.standing), tooltip=_matter_tip),
    ]


def promise_columns() -> list[Column[Standing]]:
    """The short lists beside an agenda: what was due at the meeting, and what was promised."""
    return [
        Column(
            "Commitment",
            lambda s: s.row.title,
            icon=standing_icon,
            tooltip=_promise_tip,
        ),
        Column("Status", words.when, tooltip=_promise_tip),
    ]


class MeetingDetailPane(QFrame):
    """The meeting's name, day and place with its brief buttons, its agenda, and two short
    lists: the promises due at it, and those first made at it. Says so when none is chosen."""

    def __init__(
        self,
        store: Store,
        view: View,
        meeting: Callable[[], MeetingRow | None],
        title_actions: Sequence[QAction],
    ) -> None:
        super().__init__()
        self.setObjectName("meetingDetail")
        self.setMinimumWidth(440)
        self.agenda = AgendaEditor(store, view, meeting)
        self.meeting = meeting
        self.papers = PapersBox(store, self.tr("Papers"), rows=2)
        self.papers.heading.hide()  # the tab says it
        self.papers.counted.connect(self._count_papers)
        self.agenda.table.selectionModel().selectionChanged.connect(self._show_papers)
        # The chosen item's text and the papers share its place, as two tabs.
        self.sheets = QTabWidget()
        self.sheets.setObjectName("agendaSheets")
        agenda_layout = self.agenda.layout()
        assert agenda_layout is not None
        agenda_layout.replaceWidget(self.agenda.item_text, self.sheets)
        self.sheets.addTab(self.agenda.item_text, self.tr("Text"))
        self.sheets.addTab(self.papers, self.tr("Papers"))
        self.sheets.setMaximumHeight(
            self.agenda.item_text.height() + 40
        )  # the agenda keeps the room
        self.arising_model: RowTableModel[Matter] = RowTableModel(matter_columns(), self)
        self.made_model: RowTableModel[Standing] = RowTableModel(promise_columns(), self)
        self._build(title_actions)

    def _build(self, title_actions: Sequence[QAction]) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 0, 0, 0)
        self.content = QWidget()
        layout = column(self.content, spacing=6)

        self.title = heading(scale=TITLE)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.changes = muted(QLabel())
        self.changes.setObjectName("meetingChanges")
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        self.changes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        lists = QHBoxLayout()
        lists.setSpacing(12)
        tables: list[ListTable] = []
        titles: list[QLabel] = []
        for model, name, empty, text, tip in (
            (
                self.arising_model,
                "arisingTable",
                self.tr("No matters arising."),
                self.tr("Matters arising"),
                self.tr(
                    "As the brief lists them, as of the toolbar's day: overdue, due at this"
                    " meeting, slipped since the last one, with no date, new, or closed"
                ),
            ),
            (
                self.made_model,
                "madeHereTable",
                self.tr("No promise was first made on this day."),
                self.tr("Made at this meeting"),
                self.tr("Promises first made to this body on the meeting's day"),
            ),
        ):
            list_table = ListTable(
                model, name, stretch=0, sortable=False, placeholder=empty, label=text
            )
            tables.append(list_table)
            stack = QVBoxLayout()
            stack.setSpacing(4)
            title = heading(text)
            titles.append(title)
            title.setToolTip(tip)
            list_table.setToolTip(tip)
            list_table.fit_height(3)
            stack.addWidget(title)
            stack.addWidget(list_table)
            lists.addLayout(stack, 3 if model is self.arising_model else 1)
        self.arising_table, self.made_table = tables
        self.arising_title = titles[0]  # says the day they are computed as of (arising_title)
        self.arising_title.setWordWrap(True)  # "…as of 29 Mar 2022, the meeting's day" at 1024 px
        # The title keeps room; where stands is in the tooltip when the pane is narrow.
        self.arising_table.set_widths((0, 120, 150), (0, 100, 140), optional=(2,), room=0.55)
        self.made_table.set_widths((0, 120), (0, 100), optional=(1,), room=0.45)

        self.empty_label = muted(QLabel(self.tr("Select a meeting to see its agenda.")))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # The brief buttons sit just under the name, left first: printing a brief is why most
        # members open a meeting, and the name keeps the whole width, so it never wraps.
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.title_buttons: list[QToolButton] = []
        for act in title_actions:
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setDefaultAction(act)
            buttons.addWidget(button)
            self.title_buttons.append(button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.meta)
        layout.addWidget(self.changes)
        layout.addSpacing(4)
        layout.addWidget(self.agenda, 1)
        layout.addSpacing(4)
        layout.addLayout(lists)
        outer.addWidget(self.content, 1)
        outer.addWidget(self.empty_label, 1)
        # On a record with no committee or no meeting yet: what to do next, with its button.
        self.next_step = NextStep(self.agenda.store, ("body", "meeting"))
        self.next_step.setMaximumWidth(560)
        self.next_step.step_changed.connect(lambda _step: self._show_empty())
        outer.addWidget(self.next_step, 1, Qt.AlignmentFlag.AlignCenter)
        self._shown = False  # a meeting is shown

    def show_meeting(self, m: MeetingRow | None, body: BodyRow | None, listed: bool) -> None:
        """The heading of meeting `m` (of `body`); with none, why not (`listed`: any shown)."""
        self.content.setVisible(m is not None)
        self._shown = m is not None
        self._show_empty()
        if m is None:
            self.empty_label.setText(
                self.tr("Select a meeting to see its agenda.")
                if listed
                else self.tr(
                    "No meetings here yet.\nAdd one with Meeting ▸ New meeting… (Ctrl+Shift+M),"
                    "\nor from a body's schedule."
                )
            )
            return
        self._show_papers()
        name = body.name if body else m.body
        titled = m.title and m.title not in (m.body, name)
        self.title.setText(f"{name} — {m.title}" if titled else name)
        self.meta.setText(" · ".join([*meeting_when(m), m.status.capitalize()]))

    def _show_empty(self) -> None:
        """With no meeting shown: the next step while one is offered, else why not."""
        self.empty_label.setVisible(not self._shown and not self.next_step.step)
        self.next_step.setVisible(not self._shown and bool(self.next_step.step))

    def _show_papers(self, *_args: object) -> None:
        """The chosen agenda item's papers, or with none chosen the meeting's own."""
        m, item = self.meeting(), self.agenda.selected()
        if item is not None:
            self.papers.show_subject(Subject("agenda_item", item.id))
        else:
            self.papers.show_subject(Subject("meeting", m.id) if m else None)

    def _count_papers(self, count: int) -> None:
        item = self.agenda.selected()
        whose = (
            self.tr("Item {0} papers").format(item.position) if item else self.tr("Meeting papers")
        )
        self.sheets.setTabText(1, f"{whose} ({count})" if count else whose)

    def show_changes(self, changes: Sequence[str]) -> None:
        """The meeting's dated changes (moves, postponements), known by the toolbar's day."""
        self.changes.setText("\n".join(changes))
        self.changes.setVisible(bool(changes))

    def show_promises(self, arising: Sequence[Matter], made: Sequence[Standing]) -> None:
        self.arising_model.set_rows(arising)
        self.made_model.set_rows(made)
        for table in (self.arising_table, self.made_table):
            table.fit_columns()
