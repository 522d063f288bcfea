"""The Commitments view's lower half: the chosen commitment, its buttons, slip chart and ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.wording import days_late, short_date
from app.ledger import words
from app.ledger.rules import Standing
from app.papers.subjects import Subject
from app.reads.ledger import MOVED, NOTE, PROMISE, CommitmentDetail, LedgerEntry
from ui.layouts import column
from ui.models.table import Column, RowTableModel
from ui.papers_box import PapersBox
from ui.slip_chart import ChartData, SlipChart
from ui.store import Store
from ui.theme import TITLE
from ui.views.ledger_timeline import LedgerTimeline
from ui.views.next_step import NextStep
from ui.views.widgets import heading


def _slipped(slips: int) -> str:
    if slips == 0:
        return QCoreApplication.translate("CommitmentDetailPane", "never slipped")
    if slips == 1:
        return QCoreApplication.translate("CommitmentDetailPane", "slipped once")
    return QCoreApplication.translate("CommitmentDetailPane", "slipped {0} times").format(slips)


def ledger_columns(as_of: Callable[[], dt.date]) -> list[Column[LedgerEntry]]:
    """The timeline's columns; entries after the as-of day are shown greyed."""

    def what(e: LedgerEntry) -> str:
        return e.label.capitalize()

    def target(e: LedgerEntry) -> str:
        if e.kind == NOTE:
            return ""
        if e.kind == MOVED:
            return f"{short_date(e.moved_from)} → {short_date(e.target)}"
        if e.target is None:
            return QCoreApplication.translate("CommitmentDetailPane", "No date")
        text = short_date(e.target)
        if e.target_meeting:
            return QCoreApplication.translate("CommitmentDetailPane", "{0} (meeting)").format(text)
        return text

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
            lambda e: short_date(e.recorded_on),
            sort=lambda e: e.recorded_on,
            foreground=later,
        ),
        Column("Entry", what, foreground=later),
        Column("Promised for", target, sort=lambda e: e.target, foreground=later),
        Column("By", lambda e: e.by, foreground=later),
        Column("What was said, and where", said, tooltip=said, foreground=later),
    ]


def _entry_name(entry: LedgerEntry) -> str:
    """How the Papers box names a ledger entry a file is on: "on the note of 25 Jan 2022"."""
    if entry.kind == NOTE:
        text = QCoreApplication.translate("CommitmentDetailPane", "on the note of {0}")
    else:
        text = QCoreApplication.translate("CommitmentDetailPane", "on the promise of {0}")
    return text.format(short_date(entry.recorded_on))


def action_button(act: QAction, label: str) -> QPushButton:
    """A push button for an action: a short label, the tooltip naming its shortcut."""
    button = QPushButton(label)
    shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{act.toolTip()} ({shortcut})".replace(" ()", ""))
    button.clicked.connect(act.trigger)

    def follow(b: QPushButton = button, a: QAction = act) -> None:
        b.setEnabled(a.isEnabled())  # and why not, in the tooltip the action now has
        b.setToolTip(f"{a.toolTip()} ({shortcut})".replace(" ()", ""))

    act.changed.connect(follow)
    return button


class CommitmentDetailPane(QFrame):
    """Who owes the chosen commitment and where it stands, the buttons acting on it, its slip
    chart and its promise ledger. Says so when none is chosen."""

    def __init__(
        self, store: Store, buttons: Sequence[tuple[QAction, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("commitmentDetail")
        self.ledger_model: RowTableModel[LedgerEntry] = RowTableModel(
            ledger_columns(lambda: self.store.as_of), self
        )
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        left = self._scrolling(self._build_summary(buttons))
        right = self._build_ledger()
        self.empty_label = QLabel(self.tr("Select a commitment to see its promises."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        # On a record with no committee or no commitment yet: what to do next, not "Select".
        self.next_step = NextStep(store, ("body", "commitment"))
        self.next_step.setMaximumWidth(620)
        self.next_step.step_changed.connect(lambda _step: self._show_empty())
        outer.addWidget(left, 2)
        outer.addWidget(right, 3)
        outer.addWidget(self.empty_label)
        outer.addWidget(self.next_step, 0, Qt.AlignmentFlag.AlignCenter)
        self._detail_widgets: list[QWidget] = [left, right]
        self._shown = False  # a commitment is shown

    def _show_empty(self) -> None:
        """With no commitment shown: the next step while one is offered, else "Select…"."""
        self.empty_label.setVisible(not self._shown and not self.next_step.step)
        self.next_step.setVisible(not self._shown and bool(self.next_step.step))

    @staticmethod
    def _scrolling(inner: QWidget) -> QScrollArea:
        """The summary, buttons and chart scroll rather than being cut off when a long
        ledger's chart meets a small window (1024×700)."""
        area = QScrollArea()
        area.setObjectName("commitmentSummary")
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumWidth(inner.minimumWidth())
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its buttons are the Tab stops
        return area

    def _build_summary(self, buttons: Sequence[tuple[QAction, str]]) -> QWidget:
        left = QWidget()
        left.setMinimumWidth(300)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 8, 0)
        self.title = heading(scale=TITLE)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QGridLayout()
        self.buttons.setHorizontalSpacing(6)
        for i, (act, label) in enumerate(buttons):
            self.buttons.addWidget(action_button(act, label), i // 3, i % 3)  # fits at 1024 px
        self.chart_label = QLabel(self.tr("<b>Slip chart</b> — hover a point for its story"))
        self.chart_label.setWordWrap(True)
        self.chart = SlipChart()
        for widget in (self.title, self.meta, self.summary):
            layout.addWidget(widget)
        layout.addLayout(self.buttons)
        layout.addWidget(self.chart_label)
        layout.addWidget(self.chart)
        self.papers = PapersBox(self.store, self.tr("Papers and evidence"))
        layout.addWidget(self.papers)
        layout.addStretch(1)
        return left

    def _build_ledger(self) -> QWidget:
        self.ledger = LedgerTimeline(self.ledger_model, lambda: self.store.as_of)
        timeline = QLabel(
            self.tr(
                "<b>Promise ledger</b> — never overwritten; a later date, or a date withdrawn, is a slip"
            )
        )
        timeline.setWordWrap(True)
        right = QWidget()
        layout = column(right, timeline)
        layout.addWidget(self.ledger, 1)
        return right

    def show_commitment(self, standing: Standing | None, detail: CommitmentDetail | None) -> None:
        """Show a commitment as it stood on the as-of day; with none, say how to choose one."""
        for widget in self._detail_widgets:
            widget.setVisible(detail is not None)
        self._shown = detail is not None
        self._show_empty()
        if detail is None or standing is None:
            self.ledger_model.set_rows([])
            self.chart.set_data(None)
            return
        as_of = self.store.as_of
        self.title.setText(detail.title)
        status = QCoreApplication.translate("Choices", detail.status.capitalize())
        if detail.status_on:
            status = self.tr("{0} on {1}").format(status, short_date(detail.status_on))
            if detail.status_on > as_of:
                status = self.tr("Open on {0} (later {1} on {2})").format(
                    short_date(as_of), detail.status, short_date(detail.status_on)
                )
        self.meta.setText(f"{detail.owner or self.tr('No owner')} · {detail.body} · {status}")
        summary = [
            f"{self.tr('As of')} {short_date(as_of)}: {words.when(standing)}",
            self.tr("promised for {0}").format(short_date(standing.row.target))
            if standing.row.target
            else self.tr("no date promised"),
            _slipped(standing.slips),
        ]
        if standing.days_late_first:
            summary.append(
                self.tr("{0} against the first promise").format(days_late(standing.days_late_first))
            )
        self.summary.setText(" · ".join(summary))
        self.chart.set_data(ChartData.from_detail(detail, as_of))
        self.ledger_model.set_rows(list(detail.entries))
        self.papers.show_subject(
            Subject("commitment", detail.id),
            [
                (Subject("promise" if e.kind == PROMISE else "note", e.id), _entry_name(e))
                for e in detail.entries
                if e.kind in (PROMISE, NOTE)
            ],
            evidence=detail.state in ("delivered", "dropped"),
        )
