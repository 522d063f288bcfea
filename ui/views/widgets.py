"""Widgets and words the views share: tables, headings, reading panes, filters, dates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
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
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if 0 <= stretch < model.columnCount():
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.stretch_column = stretch

    def fit_columns(self) -> None:
        """Size every column to its contents, except the stretching one, within reason."""
        header = self.horizontalHeader()
        for column in range(header.count()):
            if column == self.stretch_column:
                continue
            self.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), 260))

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


def heading(text: str = "", *, scale: float = 1.0, bold: bool = True) -> QLabel:
    """A section heading: the window font, optionally larger and bold."""
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
