"""The promise ledger as a vertical timeline: one card per entry, wrapping to any width.

Each entry shows its day and what it was (original promise, slip, reaffirmed, note,
moved with the meeting…) on the left of a line, and on the right what was promised, by
whom, what was said and where — so it reads without sideways scrolling even at 1024×700.
Entries recorded after the as-of day are greyed. The model is the ledger's table model;
the timeline only paints it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.core.wording import short_date
from app.ledger import slips
from app.reads.ledger import MOVED, NOTE, LedgerEntry
from ui.models.table import ROW_ROLE, RowTableModel

Index = QModelIndex | QPersistentModelIndex
LEFT = 112  # the day and the kind
GUTTER = 22  # the line and its dot
PAD = 8
WRAP = Qt.TextFlag.TextWordWrap
# Ink for each kind of entry: slips stand out; what kept a promise is quieter.
KIND_COLOURS = {
    slips.SLIP: "#c62828",
    slips.WITHDRAWN: "#c62828",
    slips.ORIGINAL: "#37474f",
    slips.REAFFIRMED: "#2e7d32",
    slips.BROUGHT_FORWARD: "#2e7d32",
    slips.DATED: "#2e7d32",
}
MOVED_COLOUR = "#1565c0"


def promised(e: LedgerEntry) -> str:
    """The line under the kind: what the entry promised or moved."""
    if e.kind == NOTE:
        return ""
    if e.kind == MOVED:
        return f"{short_date(e.moved_from)} → {short_date(e.target)}"
    by = f" · {e.by}" if e.by else ""
    if e.target is None:  # not "Promised for no date"
        return QCoreApplication.translate("LedgerTimeline", "No date promised") + by
    target = short_date(e.target)
    if e.target_meeting:
        target = QCoreApplication.translate("LedgerTimeline", "{0} (the meeting)").format(target)
    return QCoreApplication.translate("LedgerTimeline", "Promised for {0}").format(target) + by


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, view: LedgerTimeline) -> None:
        super().__init__(view)
        self.timeline = view

    def _entry(self, index: Index) -> LedgerEntry:
        entry = index.data(ROW_ROLE)
        assert isinstance(entry, LedgerEntry)
        return entry

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        return max(120, option.rect.width() - LEFT - GUTTER - 2 * PAD)

    def _blocks(self, e: LedgerEntry) -> list[tuple[str, bool]]:
        """The right-hand lines: (text, muted)."""
        blocks = [(promised(e), False)] if promised(e) else []
        if e.text:
            blocks.append((e.text, False))
        if e.source:
            blocks.append((f"— {e.source}", True))
        if e.entered_by:  # who put it in the record (on a shared one, which member)
            blocks.append((self.tr("entered by {0}").format(e.entered_by), True))
        return blocks

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        e = self._entry(index)
        width = max(120, self.timeline.viewport().width() - LEFT - GUTTER - 2 * PAD)
        metrics = QFontMetrics(option.font)
        height = PAD
        for text, _muted in self._blocks(e):
            height += metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, text).height() + 2
        left = 2 * metrics.height() + 4
        return QSize(width, max(height, left) + PAD)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        e = self._entry(index)
        palette = option.palette
        later = self.timeline.is_later(e)
        group = QPalette.ColorGroup.Disabled if later else QPalette.ColorGroup.Normal
        ink = palette.color(group, QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        rect = option.rect
        p.save()
        if option.state & QStyle.StateFlag.State_Selected:
            p.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(180))
        metrics = QFontMetrics(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        # Left: the day, and what kind of entry it was.
        p.setFont(bold)
        p.setPen(ink)
        p.drawText(QRect(rect.left() + PAD, rect.top() + PAD, LEFT - PAD, metrics.height()),
                   Qt.AlignmentFlag.AlignLeft, short_date(e.recorded_on))  # fmt: skip
        kind = QColor(MOVED_COLOUR if e.kind == MOVED else KIND_COLOURS.get(e.label, ""))
        p.setFont(option.font)
        p.setPen(muted if later else (kind if kind.isValid() else ink))
        label_rect = QRect(
            rect.left() + PAD,
            rect.top() + PAD + metrics.height() + 2,
            LEFT - PAD,
            2 * metrics.height(),
        )
        p.drawText(label_rect, WRAP, e.label.capitalize())  # fmt: skip
        # The line, with a dot for a promise, a ring for a note, a diamond for a move.
        x = rect.left() + LEFT + GUTTER // 2
        line = QPen(palette.color(QPalette.ColorRole.Mid))
        line.setWidth(2)
        p.setPen(line)
        p.drawLine(x, rect.top(), x, rect.bottom())
        dot = kind if kind.isValid() and not later else muted
        p.setPen(QPen(dot, 2))
        p.setBrush(palette.color(QPalette.ColorRole.Base) if e.kind == NOTE else dot)
        cy = rect.top() + PAD + metrics.height() // 2
        if e.kind == MOVED:
            diamond = [QPoint(x, cy - 5), QPoint(x + 5, cy), QPoint(x, cy + 5), QPoint(x - 5, cy)]
            p.drawPolygon(QPolygon(diamond))
        else:
            p.drawEllipse(x - 4, cy - 4, 8, 8)
        # Right: what was promised, what was said, where.
        width = self._text_width(option)
        y = rect.top() + PAD
        for text, quiet in self._blocks(e):
            p.setPen(muted if quiet or later else ink)
            box = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, text)
            p.drawText(QRect(rect.left() + LEFT + GUTTER + PAD, y, width, box.height()), WRAP, text)
            y += box.height() + 2
        p.restore()


class LedgerTimeline(QListView):
    """A commitment's ledger, one card an entry, newest last."""

    def __init__(
        self,
        model: RowTableModel[LedgerEntry],
        as_of: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerTimeline")
        self.setAccessibleName(self.tr("Promise ledger"))
        self._as_of = as_of
        self.setModel(model)
        self.setItemDelegate(TimelineDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMinimumWidth(260)

    def is_later(self, e: LedgerEntry) -> bool:
        return e.recorded_on > self._as_of()
