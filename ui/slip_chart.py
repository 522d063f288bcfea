"""The slip chart: each promise's target on a time axis, so repeated slipping shows at a glance.

One row per promise, oldest at the top: a line from the day it was made (a tick) to the
day it promised, marked by how that ended — ✕ missed, ◆ pending, ● kept — with the date
beside it; a last row for the delivery (●) or drop (○). Shapes, not colour alone, tell
them apart, and a legend names them. A dashed line marks the as-of day, labelled; the
axis spans the commitment's own days (ui/slip_chart_layout.py places everything).
Hovering a point tells its promise: when and by whom it was made, its kind and source.
The painting is a plain function so the brief's PDF draws the same chart.
"""

from __future__ import annotations

import math
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.slip_chart_data import (
    BROKEN,
    DELIVERED,
    DROPPED,
    KEPT,
    MADE,
    NO_DATE,
    PENDING,
    VOID,
    ChartData,
    ChartPromise,
)
from ui.slip_chart_layout import GAP, MARK, ROW_HEIGHT, Box, Layout, lay_out

__all__ = ["ROW_HEIGHT", "ChartData", "ChartPromise", "SlipChart", "chart_height"]

RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dotted": Qt.PenStyle.DotLine,
    "dashed": Qt.PenStyle.DashLine,
}


def chart_font(base: QFont) -> QFont:
    """The chart's text: a little smaller than the body's."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return font


def layout_for(data: ChartData, rect: QRectF, font: QFont) -> Layout:
    metrics = QFontMetricsF(font)
    bounds = Box(rect.left(), rect.top(), rect.width(), rect.height())
    return lay_out(data, bounds, metrics.horizontalAdvance, metrics.height())


def chart_height(data: ChartData, width: float, font: QFont | None = None) -> int:
    """How tall the chart wants to be at `width`, in its font (the application's)."""
    if not data.promises:
        return int(ROW_HEIGHT * 2)
    base = chart_font(font or QGuiApplication.font())
    return math.ceil(layout_for(data, QRectF(0, 0, width, 1e6), base).height)


def _colours(palette: QPalette) -> dict[str, QColor]:
    """The palette's text colours, and accents that read on its background."""
    back = palette.color(QPalette.ColorRole.Window)
    dark = back.lightness() < 128
    red = QColor("#ff6b6b" if dark else "#c62828")
    green = QColor("#5fbf6a" if dark else "#2e7d32")
    text = palette.color(QPalette.ColorRole.WindowText)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    return {
        "text": text,
        "muted": muted,
        "back": back,
        BROKEN: red,
        PENDING: text,
        KEPT: green,
        DELIVERED: green,
        VOID: muted,
        DROPPED: muted,
        MADE: muted,
        NO_DATE: muted,
    }


def paint_slip_chart(p: QPainter, rect: QRectF, data: ChartData, palette: QPalette) -> None:
    """Draw the chart for `data` inside `rect`, in the palette's colours."""
    colours = _colours(palette)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = chart_font(p.font())
    p.setFont(font)
    if not data.promises:
        p.setPen(colours["muted"])
        empty = QCoreApplication.translate("SlipChart", "No promise on record by this date")
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, empty)
        p.restore()
        return
    layout = layout_for(data, rect, font)
    _paint_axis(p, layout, colours)
    half = QFontMetricsF(font).height() / 2 + 1
    for row in layout.rows:
        p.setPen(colours["text"])
        title = QRectF(layout.bounds.left, row.y - half, layout.plot.left - layout.bounds.left - GAP,
                       2 * half)  # fmt: skip
        p.drawText(title, RIGHT_MIDDLE, row.title)
        colour = colours[row.outcome] if row.line == "solid" else colours["muted"]
        p.setPen(QPen(colour, 1.5 if row.line == "solid" else 1.2, PEN_STYLES[row.line]))
        p.drawLine(QPointF(row.start, row.y), QPointF(row.end, row.y))
    _paint_as_of(p, layout, colours)
    for point in layout.points:
        paint_shape(p, point.shape, QPointF(point.x, point.y), colours)
    for point in layout.points:
        if point.label is None:
            continue
        box = QRectF(point.label.left, point.label.top, point.label.width, point.label.height)
        p.fillRect(box.adjusted(-1, 0, 1, 0), colours["back"])
        p.setPen(colours["text"])
        p.drawText(box, LEFT_MIDDLE, point.text)
    for item in layout.legend:
        paint_shape(p, item.shape, QPointF(item.x, item.y), colours)
        p.setPen(colours["text"])
        p.drawText(QRectF(item.x + MARK + GAP, item.y - half, 400, 2 * half), LEFT_MIDDLE,
                   item.text)  # fmt: skip
    p.restore()


def _paint_axis(p: QPainter, layout: Layout, colours: dict[str, QColor]) -> None:
    plot, metrics = layout.plot, QFontMetricsF(p.font())
    p.setPen(QPen(colours["muted"], 1))
    p.drawLine(QPointF(plot.left, plot.bottom), QPointF(plot.right, plot.bottom))
    for tx, label in layout.ticks:
        p.setPen(QPen(colours["muted"], 1))
        p.drawLine(QPointF(tx, plot.bottom), QPointF(tx, plot.bottom + GAP))
        p.setPen(colours["text"])
        w = metrics.horizontalAdvance(label)
        p.drawText(QPointF(tx - w / 2, plot.bottom + GAP + metrics.ascent()), label)


def _paint_as_of(p: QPainter, layout: Layout, colours: dict[str, QColor]) -> None:
    plot, x = layout.plot, layout.as_of_x
    p.setPen(QPen(colours["text"], 1.2, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(x, plot.top), QPointF(x, plot.bottom))
    if layout.as_of_beyond:  # an arrowhead: the day lies further to the right
        p.setPen(QPen(colours["text"], 1.2))
        tip = QPointF(x + GAP, plot.bottom - GAP)
        p.drawLine(QPointF(x, plot.bottom - 2 * GAP), tip)
        p.drawLine(QPointF(x, plot.bottom), tip)
    label = layout.as_of_label
    p.setPen(colours["text"])
    p.drawText(QRectF(label.left, label.top, label.width + 1, label.height), LEFT_MIDDLE,
               layout.as_of_text)  # fmt: skip


def paint_shape(p: QPainter, shape: str, at: QPointF, colours: dict[str, QColor]) -> None:
    """A point's shape: ✕ missed, ◆ pending, ● kept or delivered, ◇ no longer due,
    ○ dropped, and an upright tick for the day a promise was made."""
    colour, s, cx, cy = colours[shape], MARK, at.x(), at.y()
    p.setBrush(Qt.BrushStyle.NoBrush)
    if shape == NO_DATE:
        p.setPen(QPen(colour, 1.2, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(cx - s, cy), QPointF(cx + s, cy))
    elif shape == MADE:
        p.setPen(QPen(colour, 2))
        p.drawLine(QPointF(cx, cy - s * 0.8), QPointF(cx, cy + s * 0.8))
    elif shape == BROKEN:
        p.setPen(QPen(colour, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(cx - s, cy - s), QPointF(cx + s, cy + s))
        p.drawLine(QPointF(cx - s, cy + s), QPointF(cx + s, cy - s))
    elif shape in (PENDING, VOID):
        s += 1
        diamond = QPolygonF([QPointF(cx, cy - s), QPointF(cx + s, cy), QPointF(cx, cy + s),
                             QPointF(cx - s, cy)])  # fmt: skip
        if shape == PENDING:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
        else:
            p.setPen(QPen(colour, 1.5))
            p.setBrush(colours["back"])
        p.drawPolygon(diamond)
    else:  # KEPT, DELIVERED: filled; DROPPED: hollow
        if shape == DROPPED:
            p.setPen(QPen(colour, 1.5))
            p.setBrush(colours["back"])
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
        p.drawEllipse(at, s, s)


class SlipChart(QWidget):
    """The chart as a widget for the commitment detail pane, with a tooltip for each point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(self.tr("Slip chart"))

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self.setAccessibleDescription(data.summary() if data else "")
        self._keep_height()
        self.updateGeometry()
        self.update()

    def _keep_height(self) -> None:
        """Never squeeze the rows: the date labels need their room above each point."""
        self.setMinimumHeight(self.heightForWidth(max(self.width(), 240)))

    def chart_layout(self) -> Layout | None:
        """Where everything is drawn at the widget's present size (None: nothing to draw)."""
        if self.data is None or not self.data.promises:
            return None
        return layout_for(self.data, QRectF(self.rect()), chart_font(self.font()))

    def tooltip_at(self, pos: QPointF) -> str | None:
        """What a tooltip at `pos` says: the promise under it, the close or the as-of day."""
        layout = self.chart_layout()
        return layout.tooltip_at(pos.x(), pos.y()) if layout else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self.data is None:
            return int(ROW_HEIGHT)
        return chart_height(self.data, width, self.font())

    def sizeHint(self) -> QSize:
        return QSize(360, self.heightForWidth(360))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            tip = self.tooltip_at(QPointF(help_event.pos()))
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._keep_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        painter = QPainter(self)
        paint_slip_chart(painter, QRectF(self.rect()), self.data, self.palette())
        painter.end()
