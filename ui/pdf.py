"""Laying out HTML with QTextDocument and writing it as a paged PDF or to a printer.

Every page gets a running footer (left) and "Page N of M" (right). The document loads
no resource from disk or network: only images the app registers itself (see `SafeDocument`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.core.errors import DomainError

PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
FOOTER_HEIGHT_PT = 18.0
MARGIN_MM = 16.0


def ensure_gui_application() -> QGuiApplication:
    """PDF layout needs a (possibly headless) application for fonts and printers."""
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])  # a widgets application: print dialogs may follow
    assert isinstance(app, QGuiApplication)
    return app


class SafeDocument(QTextDocument):
    """A QTextDocument that resolves only the images it was given, never files or URLs."""

    def __init__(self, images: dict[str, QImage] | None = None) -> None:
        super().__init__()
        self.images = images or {}

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        key = name.toString() if isinstance(name, QUrl) else name
        if kind == QTextDocument.ResourceType.ImageResource.value and key in self.images:
            return self.images[key]
        return None  # refuse file:, http:, qrc: and everything else


def make_document(html: str, images: dict[str, QImage] | None = None) -> SafeDocument:
    ensure_gui_application()
    document = SafeDocument(images)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setHtml(html)
    return document


def page_layout(paper: str = "A4", *, landscape: bool = False) -> QPageLayout:
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(PAPER.get(paper, QPageSize.PageSizeId.A4)),
        orientation,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def document_dpi() -> float:
    """The resolution QTextDocument lays out at when it has no paint device: the screen's."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def paint_pages(
    document: QTextDocument,
    device: QPdfWriter | QPrinter,
    footer: str,
    *,
    total: int | None = None,
) -> int:
    """Lay `document` out on the device's pages with a footer on each; return the page count.

    `total` is the page count the footers give when more pages follow (appended papers)."""
    painter = QPainter()
    if not painter.begin(device):
        raise DomainError("cannot start drawing the document (is the output writable?)")
    try:
        rect = device.pageLayout().paintRectPixels(device.resolution())
        scale = device.resolution() / document_dpi()  # device pixels per document pixel
        footer_px = FOOTER_HEIGHT_PT * device.resolution() / 72.0
        body = QSizeF(rect.width() / scale, (rect.height() - footer_px) / scale)
        document.setPageSize(body)
        pages = document.pageCount()
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(7.5)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -page * body.height())
            document.drawContents(painter, QRectF(QPointF(0, page * body.height()), body))
            painter.restore()
            # The footer is drawn in device pixels, so its point size is true on paper.
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            line_y = body.height() * scale + footer_px * 0.25
            painter.drawLine(QPointF(0, line_y), QPointF(rect.width(), line_y))
            box = QRectF(0, line_y, rect.width(), footer_px * 0.75)
            painter.drawText(box, left, footer)
            painter.drawText(box, right, f"Page {page + 1} of {total or pages}")
        return pages
    finally:
        painter.end()


def write_pdf(
    html: str,
    path: Path,
    *,
    footer: str,
    title: str,
    paper: str = "A4",
    landscape: bool = False,
    images: dict[str, QImage] | None = None,
    total: int | None = None,
) -> int:
    """Write the HTML as a PDF, atomically: a failure leaves any existing file untouched."""
    path = Path(path)
    if path.is_dir():
        raise DomainError(f"cannot write {path}: it is a folder")
    document = make_document(html, images)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise DomainError(f"cannot write {path}: {exc.strerror}") from None
    os.close(handle)
    try:
        writer = QPdfWriter(temporary)
        writer.setTitle(title)
        writer.setCreator("Docket")
        writer.setResolution(300)
        writer.setPageLayout(page_layout(paper, landscape=landscape))
        pages = paint_pages(document, writer, footer, total=total)
        del writer  # flushes and closes the file
        if Path(temporary).stat().st_size == 0:
            raise DomainError(f"cannot write {path}: the PDF came out empty")
        os.replace(temporary, path)
        return pages
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
