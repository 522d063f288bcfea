"""Widgets and words the views share: tables, headings, reading panes, filters, dates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTextBrowser,
    QWidget,
)

from app.core.wording import long_date
from app.reads.browse import MeetingRow
from ui.theme import SECTION

FIT_AHEAD = 40  # rows below the view fitted too, so a short scroll finds them ready


class ListTable(QTableView):
    """A read-only, row-selecting table that says so in words when it has no rows."""

    def __init__(
        self,
        model: QAbstractItemModel,
        name: str,
        *,
        stretch: int = 1,
        sortable: bool = True,
        placeholder: str = "",
        label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.placeholder = placeholder
        self.setSortingEnabled(sortable)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # Cut in the middle: "Review of complaints p…" twice told nothing; the ends differ.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Tab leaves the table for the next pane; arrows move within it.
        self.setTabKeyNavigation(False)
        self.setAccessibleName(label or name)  # what a screen reader says it is
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if 0 <= stretch < model.columnCount():
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.stretch_column = stretch
        self._widths: list[int] = []
        self._least: list[int] = []
        self._optional: list[int] = []
        self._room = 0.3
        self._fitting = False
        self._widths_key = ""
        self._save = QTimer(self)
        self._save.setSingleShot(True)
        self._save.setInterval(400)
        self._save.timeout.connect(self._save_widths)
        self._dragging = False  # a mouse button is down on the header: the member sizes
        header.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)
        self._wrap = False
        self._max_lines = 1
        self._rows_later = QTimer(self)  # rows grow to their wrapped text (`wrap_rows`)
        self._rows_later.setSingleShot(True)
        self._rows_later.setInterval(0)
        self._rows_later.timeout.connect(self._fit_rows)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.horizontalHeader().viewport():
            kind = event.type()
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._dragging = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._dragging = False
        return super().eventFilter(watched, event)

    def remember_widths(self, key: str) -> None:
        """Keep the member's column widths under `key` (QSettings) and bring them back.

        Only widths the member set with the mouse are kept ("v2": earlier versions also
        kept the widths the window's own resizing gave, and then never fitted again)."""
        self._widths_key = f"columns/{key}/v2"
        saved = QSettings().value(self._widths_key)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self._fitting = True
            self.horizontalHeader().restoreState(saved)
            self._fitting = False
            self.user_widths = True

    user_widths = False  # the member has widened or narrowed a column: keep it so

    def _resized(self, column: int, _old: int, _new: int) -> None:
        # The stretching column follows the window, and a resize of the window is not the
        # member choosing a width: only a drag (or double-click) on the header is.
        if self._wrap:
            self._rows_later.start()
        if self._fitting or not self._dragging or column == self.stretch_column:
            return
        self.user_widths = True
        if self._widths_key:
            self._save.start()

    def wrap_rows(self, lines: int = 4) -> None:
        """Wrap long text over up to `lines` lines instead of cutting it (short lists whose
        text is the point: an agenda, its decisions); rows grow to fit."""
        self._wrap = True
        self._max_lines = lines
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        model = self.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._rows_later.start)
        model.dataChanged.connect(self._rows_later.start)
        # Rows are fitted as they come into view: a log of 30,000 decisions must not
        # measure every one before the window shows (that took seconds).
        self.verticalScrollBar().valueChanged.connect(self._rows_later.start)

    def _fit_rows(self) -> None:
        if not self._wrap:
            return
        rows = self.model().rowCount()
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height())
        last = rows - 1 if last < 0 else min(rows - 1, last + FIT_AHEAD)
        most = self.fontMetrics().lineSpacing() * self._max_lines + 8
        least = self.verticalHeader().defaultSectionSize()
        for row in range(first, last + 1):
            self.resizeRowToContents(row)
            self.setRowHeight(row, max(least, min(self.rowHeight(row) + 4, most)))

    def _save_widths(self) -> None:
        QSettings().setValue(self._widths_key, self.horizontalHeader().saveState())

    def set_widths(
        self,
        widths: Sequence[int],
        minimum: Sequence[int] = (),
        *,
        room: float = 0.3,
        optional: Sequence[int] = (),
    ) -> None:
        """Preferred widths of the other columns (0 for the stretching one), and the least
        each may shrink to (a date never shrinks past "28 Feb 2022").

        When the table is narrower than they need, they shrink towards their least widths,
        so the stretching column (the title) keeps `room` of the width where it can; the
        `optional` columns (last first) are hidden when even their least widths do not fit,
        and come back when the window widens."""
        self._optional = list(optional)
        self._widths = list(widths)
        self._least = list(minimum) or [min(w, 44) for w in widths]
        self._room = room
        self._apply_widths()

    def _apply_widths(self) -> None:
        if not self._widths or self.user_widths:
            return
        space = max(1, self.viewport().width()) * (1 - self._room)
        hidden: set[int] = set()
        for i in reversed(self._optional):
            shown = [c for c, w in enumerate(self._widths) if w and c not in hidden]
            if sum(self._least[c] for c in shown if c != self.stretch_column) <= space:
                break
            hidden.add(i)
        for i in self._optional:
            self.setColumnHidden(i, i in hidden)
        columns = [
            i
            for i, w in enumerate(self._widths)
            if w and i != self.stretch_column and i not in hidden
        ]
        want = sum(self._widths[i] for i in columns)
        least = sum(self._least[i] for i in columns)
        # 1 = every column at its preferred width; 0 = every column at its least.
        give = 1.0 if want <= space else max(0.0, (space - least) / max(1, want - least))
        self._fitting = True
        try:
            for i in columns:
                low, high = self._least[i], self._widths[i]
                self.setColumnWidth(i, int(low + (high - low) * give))
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_widths()
        if self._wrap:
            self._rows_later.start()

    def fit_columns(self, widest: int = 260) -> None:
        """Size every column to its contents, except the stretching one, within reason.

        Columns the member has sized by hand, or given widths by `set_widths`, keep them."""
        if self.user_widths or self._widths:
            return
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column in range(header.count()):
                if column == self.stretch_column:
                    continue
                self.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column), widest))
        finally:
            self._fitting = False

    def fit_height(self, rows: int) -> None:
        """A fixed height that shows `rows` rows (for short lists that should not stretch)."""
        row = self.verticalHeader().defaultSectionSize()
        frame = 2 * self.frameWidth()
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + frame + row * max(1, rows) + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 8, -12, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
            painter.end()


def heading(text: str = "", *, scale: float = SECTION, bold: bool = True) -> QLabel:
    """A heading on the type scale (ui.theme: TITLE, SECTION, BODY, CAPTION), bold."""
    label = QLabel(text)
    font = QFont(label.font())
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


def muted(label: QLabel) -> QLabel:
    """Secondary text in the palette's placeholder colour (readable in light and dark)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def own_title(title: str, body: str) -> str:
    """A meeting's title where it says more than its body's name ("NEC away day"), else ""
    ("NEC" beside Body "NEC" says nothing)."""
    return "" if title.strip().casefold() == body.strip().casefold() else title


def meeting_when(m: MeetingRow) -> list[str]:
    """A meeting's day in full, then its time and place where known: for a " · " line."""
    when = [long_date(m.date)]
    if m.time is not None:
        when.append(m.time.strftime("%H:%M"))
    if m.location:
        when.append(m.location)
    return when


def reading_pane(name: str, placeholder: str) -> QTextBrowser:
    """A read-only box showing the selected row in full (an agenda item, a decision)."""
    text = QTextBrowser()
    text.setObjectName(name)
    text.setOpenLinks(False)
    text.setPlaceholderText(placeholder)
    return text


def refill_combo(combo: QComboBox, everything: str, items: Iterable[tuple[str, Any]]) -> None:
    """Refill a filter's choices (first `everything`, data None), keeping the one chosen."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
