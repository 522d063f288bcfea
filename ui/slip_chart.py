"""The slip chart: each promise's target on a time axis, so repeated slipping shows at a glance.

One row per promise, oldest at the top: a thin line from the day it was made (dot) to the
day it promised (diamond). A commitment that keeps slipping draws a staircase marching to
the right. A dashed line marks the as-of day; a green one the delivery.
The painting is a plain function so the brief's PDF can draw the same chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.reads.ledger import CommitmentDetail

RED = QColor("#c62828")
GREEN = QColor("#2e7d32")
ROW_HEIGHT = 22.0
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class ChartPromise:
    recorded_on: dt.date
    target: dt.date | None
    label: str  # "Original", "Slip 1", ...


@dataclass(frozen=True)
class ChartData:
    promises: tuple[ChartPromise, ...]
    as_of: dt.date
    closed_on: dt.date | None
    closed_as: str | None  # "delivered" / "dropped"

    @classmethod
    def from_detail(cls, detail: CommitmentDetail, as_of: dt.date) -> ChartData:
        promises = tuple(
            ChartPromise(e.recorded_on, e.target, e.label.capitalize())
            for e in detail.entries
            if e.kind == "promise" and e.recorded_on <= as_of
        )
        closed = detail.status_on is not None and detail.status_on <= as_of
        return cls(
            promises,
            as_of,
            detail.status_on if closed else None,
            detail.status if closed else None,
        )

    def span(self) -> tuple[dt.date, dt.date]:
        days = [p.recorded_on for p in self.promises]
        days += [p.target for p in self.promises if p.target]
        days.append(self.closed_on or self.as_of)
        low, high = min(days), max(days)
        if (high - low).days < 30:
            high = low + dt.timedelta(days=30)
        return low, high


def paint_slip_chart(p: QPainter, rect: QRectF, data: ChartData, palette: QPalette) -> None:
    """Draw the chart for `data` inside `rect`, in the palette's colours."""
    text = palette.color(QPalette.ColorRole.WindowText)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(p.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    p.setFont(font)
    metrics = QFontMetricsF(font)
    if not data.promises:
        p.setPen(muted)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No promise on record by this date")
        p.restore()
        return

    label_w = max(metrics.horizontalAdvance(pr.label) for pr in data.promises) + 10
    axis_h = metrics.height() + 8
    plot = QRectF(rect.left() + label_w, rect.top() + 4, rect.width() - label_w - 12,
                  rect.height() - axis_h - 8)  # fmt: skip
    low, high = data.span()
    total = max(1, (high - low).days)

    def x(day: dt.date) -> float:
        return plot.left() + plot.width() * (day - low).days / total

    row_h = min(ROW_HEIGHT, plot.height() / max(1, len(data.promises)))

    # Axis with year (or month) ticks.
    p.setPen(QPen(muted, 1))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    for day, label in _ticks(low, high):
        tx = x(day)
        p.drawLine(QPointF(tx, plot.bottom()), QPointF(tx, plot.bottom() + 4))
        p.drawText(
            QPointF(tx - metrics.horizontalAdvance(label) / 2, plot.bottom() + axis_h), label
        )

    # The as-of day, and the delivery or drop.
    marker = data.closed_on or data.as_of
    colour = GREEN if data.closed_as == "delivered" else (muted if data.closed_as else RED)
    pen = QPen(
        colour, 1.5, Qt.PenStyle.DashLine if data.closed_on is None else Qt.PenStyle.SolidLine
    )
    p.setPen(pen)
    p.drawLine(QPointF(x(marker), plot.top()), QPointF(x(marker), plot.bottom()))

    for i, promise in enumerate(data.promises):
        cy = plot.top() + row_h * (i + 0.5)
        p.setPen(text)
        label_box = QRectF(rect.left(), cy - row_h / 2, label_w - 6, row_h)
        p.drawText(label_box, RIGHT_MIDDLE, promise.label)
        start = QPointF(x(promise.recorded_on), cy)
        p.setBrush(muted)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(start, 3, 3)
        if promise.target is None:
            p.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
            p.drawLine(start, QPointF(plot.right(), cy))
            continue
        end = QPointF(x(promise.target), cy)
        # Every superseded promise was broken; the last is broken once its day has passed.
        broken = i < len(data.promises) - 1 or promise.target < marker
        p.setPen(QPen(RED if broken else text, 1.5))
        p.drawLine(start, end)
        p.setBrush(RED if broken else text)
        p.setPen(Qt.PenStyle.NoPen)
        s = 5.0
        p.drawPolygon(QPolygonF([QPointF(end.x(), cy - s), QPointF(end.x() + s, cy),
                                 QPointF(end.x(), cy + s), QPointF(end.x() - s, cy)]))  # fmt: skip
    p.restore()


def _ticks(low: dt.date, high: dt.date) -> list[tuple[dt.date, str]]:
    if (high - low).days > 500:
        return [(dt.date(y, 1, 1), str(y)) for y in range(low.year + 1, high.year + 1)]
    ticks = []
    y, m = low.year, low.month + 1
    while True:
        if m > 12:
            y, m = y + 1, 1
        day = dt.date(y, m, 1)
        if day > high:
            break
        ticks.append((day, day.strftime("%b %y") if m == 1 else day.strftime("%b")))
        m += 1
    return ticks


class SlipChart(QWidget):
    """The chart as a widget for the commitment detail pane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Slip chart"))

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = len(self.data.promises) if self.data else 1
        return QSize(360, int(ROW_HEIGHT * max(1, rows) + 36))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        painter = QPainter(self)
        paint_slip_chart(painter, QRectF(self.rect()), self.data, self.palette())
        painter.end()
