"""Turning a meeting brief into paper: a PDF file or a printer, with its slip charts."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtPrintSupport import QPrinter

from app.core.sessions import Sessions
from app.documents import appendix
from app.documents.briefs import Brief, chart_name, render_html
from app.reads.ledger import commitment_detail
from ui.pdf import ensure_gui_application, make_document, page_layout, paint_pages, write_pdf
from ui.slip_chart import ChartData, chart_height, paint_slip_chart

CHART_WIDTH = 520  # logical pixels; shown 600 document pixels wide on the page
SCALE = 3  # pixels per logical pixel, so the chart stays sharp at print resolution


def _print_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1b1b1b"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#666666"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))  # the page behind labels
    return palette


def chart_images(sessions: Sessions, brief: Brief) -> dict[str, QImage]:
    """A slip chart for each matter arising that slipped twice or more."""
    ensure_gui_application()
    images: dict[str, QImage] = {}
    for standing in brief.charted():
        detail = commitment_detail(sessions, standing.row.id, brief.as_of)
        if detail is None:
            continue
        data = ChartData.from_detail(detail, brief.as_of)
        height = chart_height(data, CHART_WIDTH)
        image = QImage(CHART_WIDTH * SCALE, height * SCALE, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(SCALE)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        paint_slip_chart(painter, QRectF(0, 0, CHART_WIDTH, height), data, _print_palette())
        painter.end()
        images[chart_name(standing.key)] = image
    return images


def write_brief_pdf(
    sessions: Sessions,
    brief: Brief,
    path: Path,
    *,
    paper: str = "A4",
    with_papers: bool = False,
) -> int:
    """Write the brief as a PDF (atomically), its PDF papers appended when asked; returns
    the number of pages."""
    images = chart_images(sessions, brief)
    planned = appendix.plan(sessions, brief) if with_papers else []
    if not planned:
        return write_pdf(
            render_html(brief), path, footer=brief.footer, title=brief.title, paper=paper,
            images=images,
        )  # fmt: skip
    extra = appendix.extra_pages(planned)
    with tempfile.TemporaryDirectory(prefix="docket-brief-") as folder:
        alone = Path(folder) / "brief.pdf"
        pages = 0
        for _ in range(3):  # the page numbers printed in the agenda may move the page breaks
            placed = replace(brief, paper_pages=appendix.page_map(pages, planned))
            counted = write_pdf(
                render_html(placed), alone, footer=brief.footer, title=brief.title,
                paper=paper, images=images, total=pages + extra,
            )  # fmt: skip
            if counted == pages:
                break
            pages = counted
        appendix.append(sessions, alone, planned, path, footer=brief.footer, total=pages + extra)
    return pages + extra


def print_brief(sessions: Sessions, brief: Brief, printer: QPrinter, *, paper: str = "A4") -> int:
    """Lay the brief out on a printer (a print preview's, or a real queue)."""
    document = make_document(render_html(brief), chart_images(sessions, brief))
    printer.setDocName(brief.title)
    printer.setPageLayout(page_layout(paper))
    return paint_pages(document, printer, brief.footer)
