"""The Overview: where the promises stand on the as-of date, and the next meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.sessions import Sessions
from app.core.settings import Settings
from app.core.wording import days_late, long_date, short_date
from app.ledger.rules import Standing
from app.ledger.standings import overdue as overdue_list
from app.reads import browse, standing_counts
from app.reads.browse import MeetingRow
from ui.icons import rag_icon
from ui.languages import QT_TRANSLATE_NOOP
from ui.models.table import RIGHT, Column, RowFilterProxy, RowTableModel
from ui.store import Store
from ui.theme import CAPTION, FIGURE, TITLE
from ui.views.base import View
from ui.views.commitments import standing_columns
from ui.views.count_card import CountCard
from ui.views.next_step import NextStep
from ui.views.widgets import ListTable, heading, meeting_when, muted

MOST_SLIPPED = 5
AGENDA_PREVIEW = 6
# Every row here is red, so no RAG column: its room goes to how late each promise is,
# today's lateness and against the first promise (which never gives way to a narrow window).
OVERDUE_COLUMNS = (
    "Commitment",
    "Owner",
    "Target",
    "Status",
    "Slips",
    "Late vs\nfirst promise",
)
SLIPPED_COLUMNS = ("RAG", "Commitment", "Owner", "Slips", "First promised for", "Target", "Status")


@dataclass(frozen=True)
class NextMeeting:
    meeting: MeetingRow
    agenda: tuple[str, ...]  # the items' titles, in order
    open_due: int  # open commitments whose target is this meeting


@dataclass(frozen=True)
class OverviewData:
    as_of: dt.date
    overdue: tuple[Standing, ...]  # most days overdue first
    due_soon: int
    open_ended: int
    delivered_late: int
    most_slipped: tuple[Standing, ...]  # most slips first, at most MOST_SLIPPED
    next_meeting: NextMeeting | None


def overview_data(sessions: Sessions, as_of: dt.date, settings: Settings) -> OverviewData:
    """Everything the Overview shows, read in one go (it runs off the UI thread).

    Each figure is counted by the database over the commitments it concerns
    (app/reads/standing_counts.py), so the Overview costs as much for a record of decades
    as for one year's: only the overdue commitments are listed whole.
    """
    overdue = overdue_list(sessions, as_of, settings)  # most days overdue first
    counts = standing_counts.open_counts(sessions, as_of, settings)
    # The meeting sitting on the as-of day itself is still "next": its brief is what matters.
    meeting = browse.next_meeting(sessions, as_of)
    next_meeting = None
    if meeting is not None:
        items = tuple(item.title for item in browse.agenda(sessions, meeting.id))
        open_due = standing_counts.open_due_at(sessions, as_of, meeting.id, meeting.key)
        next_meeting = NextMeeting(meeting, items, open_due)
    return OverviewData(
        as_of=as_of,
        overdue=tuple(overdue),
        due_soon=counts.due_soon,
        open_ended=counts.open_ended,
        delivered_late=standing_counts.delivered_late(sessions, as_of),
        most_slipped=tuple(standing_counts.most_slipped(sessions, as_of, settings, MOST_SLIPPED)),
        next_meeting=next_meeting,
    )


LATE_FIRST = Column[Standing](
    "Late vs\nfirst promise",
    lambda s: days_late(s.days_late_first) if s.days_late_first else "",
    sort=lambda s: s.days_late_first or 0,
    align=RIGHT,
    tooltip=lambda s: f"First promised for {short_date(s.row.first_target)}",
)


def _pick(titles: tuple[str, ...]) -> list[Column[Standing]]:
    by_title = {column.title: column for column in [*standing_columns(), LATE_FIRST]}
    return [by_title[title] for title in titles]


class OverviewView(View):
    title = QT_TRANSLATE_NOOP("View", "Overview")
    show_commitments = Signal(str)  # "overdue", "due_soon", "open_ended" or "delivered_late"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.data: OverviewData | None = None
        self.overdue_model: RowTableModel[Standing] = RowTableModel(_pick(OVERDUE_COLUMNS), self)
        self.overdue_proxy = RowFilterProxy(self)
        self.overdue_proxy.setSourceModel(self.overdue_model)
        self.slipped_model: RowTableModel[Standing] = RowTableModel(_pick(SLIPPED_COLUMNS), self)
        self.slipped_proxy = RowFilterProxy(self)
        self.slipped_proxy.setSourceModel(self.slipped_model)
        self._build()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.as_of_label = heading(scale=TITLE)
        self.as_of_label.setObjectName("overviewHeading")
        # A new record: add the committee, then its first commitment (the window binds it).
        self.next_step = NextStep(self.store, ("body", "commitment"))

        self.cards: dict[str, CountCard] = {}
        cards = QHBoxLayout()
        cards.setSpacing(12)
        for key, caption, rag in (
            ("overdue", self.tr("Overdue"), "red"),
            ("due_soon", self.tr("Due soon"), "amber"),
            ("open_ended", self.tr("Open-ended"), "open_ended"),  # a warning: no date for 90 days
            ("delivered_late", self.tr("Delivered late"), None),
        ):
            tone = {"overdue": "alarm", "due_soon": "warning", "open_ended": "warning"}.get(key, "")
            card = CountCard(caption, self._hint(key), rag_icon(rag), tone=tone)
            card.clicked.connect(lambda _checked=False, key=key: self.show_commitments.emit(key))
            self.cards[key] = card
            cards.addWidget(card)

        self.overdue_table = ListTable(
            self.overdue_proxy,
            "overdueTable",
            stretch=OVERDUE_COLUMNS.index("Commitment"),
            label=self.tr("Overdue commitments"),
            placeholder=self.tr("Nothing is overdue."),
        )
        self.overdue_table.sortByColumn(
            OVERDUE_COLUMNS.index("Status"), Qt.SortOrder.DescendingOrder
        )
        self.slipped_table = ListTable(
            self.slipped_proxy,
            "slippedTable",
            label=self.tr("Commitments that slipped most often"),
            placeholder=self.tr("No promise has slipped yet."),
        )
        # Room for the titles at any width; the dates never cut.
        self.overdue_table.set_widths(
            (0, 130, 96, 110, 56, 150),
            (0, 86, 96, 100, 50, 110),
            optional=(1, 2),  # the target goes first, then the owner (both in Commitments)
            room=0.4,  # at 1280 px the promised date stays in sight beside the title
        )
        self.slipped_table.set_widths(
            (96, 0, 130, 56, 140, 96, 110),
            (96, 0, 86, 56, 130, 96, 104),
            optional=(2, 6, 5),
            room=0.4,
        )
        self.slipped_table.sortByColumn(
            SLIPPED_COLUMNS.index("Slips"), Qt.SortOrder.DescendingOrder
        )
        self.slipped_table.fit_height(MOST_SLIPPED)
        self.overdue_heading = heading(self.tr("Overdue — most days late first"))
        self.overdue_heading.setBuddy(self.overdue_table)
        self.slipped_heading = heading(self.tr("Slipped most often"))
        self.slipped_heading.setBuddy(self.slipped_table)

        lists = QVBoxLayout()
        lists.setSpacing(6)
        lists.addWidget(self.overdue_heading)
        lists.addWidget(self.overdue_table, 1)
        lists.addSpacing(8)
        lists.addWidget(self.slipped_heading)
        lists.addWidget(self.slipped_table)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(lists, 1)
        body.addWidget(self._build_next_meeting(), 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.as_of_label)
        layout.addWidget(self.next_step)
        layout.addLayout(cards)
        layout.addSpacing(4)
        layout.addLayout(body, 1)

    def _hint(self, key: str) -> str:
        settings = self.store.settings
        return {
            "overdue": self.tr("Open, past the promised date"),
            "due_soon": self.tr("Due within {0} days").format(settings.due_soon_days),
            "open_ended": self.tr("No date promised for {0}+ days").format(
                settings.open_ended_days
            ),
            "delivered_late": self.tr("Delivered after the promised date"),
        }[key]

    def _build_next_meeting(self) -> QWidget:
        pane = QFrame()
        pane.setObjectName("nextMeeting")
        pane.setStyleSheet(
            "QFrame#nextMeeting { border: 1px solid palette(mid); border-radius: 8px;"
            " background: palette(base); }"
        )
        pane.setMinimumWidth(250)
        pane.setMaximumWidth(320)
        pane.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        layout.addWidget(muted(heading(self.tr("NEXT MEETING"), scale=CAPTION)))
        self.next_title = heading(scale=TITLE)
        self.next_title.setWordWrap(True)
        self.next_when = QLabel()
        self.next_when.setWordWrap(True)
        self.next_counts = QWidget()
        grid = QGridLayout(self.next_counts)
        grid.setContentsMargins(0, 8, 0, 8)
        grid.setHorizontalSpacing(8)
        self.next_items = heading(scale=FIGURE)
        self.next_due = heading(scale=FIGURE)
        for column, (number, caption) in enumerate(
            (
                (self.next_items, self.tr("agenda items")),
                (self.next_due, self.tr("open promises due")),
            )
        ):
            grid.addWidget(number, 0, column)
            grid.addWidget(muted(QLabel(caption)), 1, column)
        self.next_agenda = QLabel()
        self.next_agenda.setWordWrap(True)
        self.next_agenda.setTextFormat(Qt.TextFormat.PlainText)
        self.next_agenda.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.next_none = muted(QLabel())
        self.next_none.setWordWrap(True)
        layout.addWidget(self.next_title)
        layout.addWidget(self.next_when)
        layout.addWidget(self.next_counts)
        layout.addWidget(self.next_agenda)
        layout.addWidget(self.next_none)
        self._next_widgets: list[QWidget] = [
            self.next_title,
            self.next_when,
            self.next_counts,
            self.next_agenda,
        ]
        return pane

    # --- data --------------------------------------------------------------------------

    def printable(self) -> tuple[QAbstractItemModel | None, str]:
        return self.overdue_proxy, self.tr("Overdue commitments, most days late first")

    def reload(self) -> None:
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        # Only the newest lands: a reload on its way means older numbers must not flash.
        self.load_latest(
            "overview", lambda: overview_data(store.sessions, as_of, settings), self._loaded
        )

    def _loaded(self, data: OverviewData) -> None:
        self.data = data
        self.as_of_label.setText(self.tr("As of {0}").format(long_date(data.as_of)))
        counts = {
            "overdue": len(data.overdue),
            "due_soon": data.due_soon,
            "open_ended": data.open_ended,
            "delivered_late": data.delivered_late,
        }
        for key, card in self.cards.items():
            card.set_count(counts[key])
            card.set_hint(self._hint(key))  # the thresholds are settings
        self.overdue_model.set_rows(data.overdue)
        self.slipped_model.set_rows(data.most_slipped)
        for table in (self.overdue_table, self.slipped_table):
            table.fit_columns()
        self._show_next(data)
        upcoming = data.next_meeting
        self.status_text.emit(
            self.tr("Next meeting: {0}, {1}").format(
                upcoming.meeting.body, short_date(upcoming.meeting.date)
            )
            if upcoming
            else self.tr("No meeting ahead")
        )
        self.mark_loaded()

    def _show_next(self, data: OverviewData) -> None:
        upcoming = data.next_meeting
        for widget in self._next_widgets:
            widget.setVisible(upcoming is not None)
        self.next_none.setVisible(upcoming is None)
        if upcoming is None:
            self.next_none.setText(
                self.tr("No meeting is scheduled on or after {0}.").format(short_date(data.as_of))
            )
            return
        m = upcoming.meeting
        self.next_title.setText(m.body if m.title in ("", m.body) else f"{m.body} · {m.title}")
        days = (m.date - data.as_of).days
        when = meeting_when(m)
        when.append(self.tr("today") if days == 0 else self.tr("in {0} days").format(days))
        self.next_when.setText(" · ".join(when))
        self.next_items.setText(str(m.items))
        self.next_due.setText(str(upcoming.open_due))
        shown = upcoming.agenda[:AGENDA_PREVIEW]
        lines = [f"{n}. {title}" for n, title in enumerate(shown, start=1)]
        if len(upcoming.agenda) > len(shown):
            lines.append(self.tr("… and {0} more").format(len(upcoming.agenda) - len(shown)))
        self.next_agenda.setText("\n".join(lines) if lines else self.tr("No agenda yet."))

    @Slot(str)
    def set_search(self, text: str) -> None:
        self.overdue_proxy.setFilterFixedString(text)
        self.slipped_proxy.setFilterFixedString(text)
        matching = self.tr("Nothing here matches “{0}”.").format(text)
        self.overdue_table.placeholder = matching if text else self.tr("Nothing is overdue.")
        self.slipped_table.placeholder = (
            matching if text else self.tr("No promise has slipped yet.")
        )
        self.overdue_table.viewport().update()
        self.slipped_table.viewport().update()

    def card(self, key: str) -> CountCard:
        return self.cards[key]
