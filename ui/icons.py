"""Icons drawn in code, so they stay crisp at any DPI and need no image plugin.

RAG is never colour alone: red is a circle with "!", amber a triangle, green a tick, and
an open-ended promise (amber: no date for 90 days or more) an amber clock face.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from app.ledger.rules import Standing

RAG_COLOURS = {"red": "#c62828", "amber": "#ef8f00", "green": "#2e7d32"}
RAG_LABELS = {"red": "Overdue", "amber": "At risk", "green": "On track", "open_ended": "No date"}


def rag_key(s: Standing) -> str | None:
    """The standing's mark: its RAG colour, or "open_ended" for an amber promise with no date."""
    return "open_ended" if s.open_ended and s.rag == "amber" else s.rag


def standing_icon(s: Standing) -> QIcon:
    return rag_icon(rag_key(s))


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def rag_icon(rag: str | None) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(_rag_pixmap(rag, size))
    return icon


def _rag_pixmap(rag: str | None, size: int) -> QPixmap:
    pixmap, p = _canvas(size)
    s = float(size)
    colour = QColor(RAG_COLOURS.get("amber" if rag == "open_ended" else rag or "", "#8a8a8a"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    pen = QPen(QColor("white"))
    pen.setWidthF(max(1.5, s / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if rag == "red":
        p.drawEllipse(QRectF(1, 1, s - 2, s - 2))
        p.setPen(pen)
        p.drawLine(QPointF(s / 2, s * 0.25), QPointF(s / 2, s * 0.58))
        p.drawPoint(QPointF(s / 2, s * 0.76))
    elif rag == "amber":
        p.drawPolygon(QPolygonF([QPointF(s / 2, 1), QPointF(s - 1, s - 2), QPointF(1, s - 2)]))
        p.setPen(pen)
        p.drawLine(QPointF(s / 2, s * 0.36), QPointF(s / 2, s * 0.64))
        p.drawPoint(QPointF(s / 2, s * 0.8))
    elif rag == "open_ended":  # a clock: the promise has waited for a date
        p.drawEllipse(QRectF(1, 1, s - 2, s - 2))
        p.setPen(pen)
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s / 2, s * 0.22))
        p.drawLine(QPointF(s / 2, s / 2), QPointF(s * 0.72, s * 0.62))
    elif rag == "green":
        p.drawRoundedRect(QRectF(1, 1, s - 2, s - 2), s / 4, s / 4)
        p.setPen(pen)
        path = QPainterPath(QPointF(s * 0.27, s * 0.52))
        path.lineTo(QPointF(s * 0.44, s * 0.69))
        path.lineTo(QPointF(s * 0.74, s * 0.33))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    else:  # delivered / dropped / unknown: a quiet grey dot
        p.drawEllipse(QRectF(s * 0.25, s * 0.25, s * 0.5, s * 0.5))
    p.end()
    return pixmap


@cache
def app_icon() -> QIcon:
    """A docket: a page with a folded corner and a red tab."""
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pixmap, p = _canvas(size)
        s = float(size)
        page = QPainterPath()
        page.moveTo(s * 0.18, s * 0.06)
        page.lineTo(s * 0.64, s * 0.06)
        page.lineTo(s * 0.84, s * 0.26)
        page.lineTo(s * 0.84, s * 0.94)
        page.lineTo(s * 0.18, s * 0.94)
        page.closeSubpath()
        p.setPen(QPen(QColor("#37474f"), max(1.0, s / 32)))
        p.setBrush(QColor("#fafafa"))
        p.drawPath(page)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#c62828"))
        p.drawRect(QRectF(s * 0.28, s * 0.36, s * 0.46, s * 0.1))
        p.setBrush(QColor("#90a4ae"))
        for i in range(3):
            p.drawRect(QRectF(s * 0.28, s * (0.54 + 0.12 * i), s * 0.46, s * 0.05))
        p.end()
        icon.addPixmap(pixmap)
    return icon
