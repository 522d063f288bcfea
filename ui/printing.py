"""Printing what is on screen: the current view's main table, as a tidy document.

A list is laid out for the page it prints on: every column at least as wide as its longest
word (Qt otherwise breaks words anywhere: "complain/ts procedur/e"), the rest of the width
shared by how much text each column holds, and a list too wide for portrait printed
landscape.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.core.wording import long_date, plural
from ui.print_preview import open_preview
from ui.store import Store
from ui.views.base import View

FONT_FAMILY, FONT_POINTS = "DejaVu Sans", 9.0
CELL_PADDING = 6.0  # points each side of a cell's text (the stylesheet's 6px, and a little)
# QTextDocument.print_ keeps 2 cm each side inside the printer's own margins.
DOCUMENT_MARGIN = 72 * 2 / 2.54
A4_PORTRAIT_TEXT_WIDTH = 462.0  # points for text across an upright A4 page, printed as PDF
SHORT_CELL = 12  # characters: a cell this short (a date, "29 days late") is never wrapped


def table_cells(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    """The model's headings and every row's text (rows not yet fetched are fetched)."""
    root = QModelIndex()
    while model.canFetchMore(root):
        model.fetchMore(root)
    columns = range(model.columnCount())
    headings = [
        str(model.headerData(c, Qt.Orientation.Horizontal) or "").replace("\n", " ")
        for c in columns
    ]
    rows = [[str(model.index(r, c).data() or "") for c in columns] for r in range(model.rowCount())]
    return headings, rows


def _points(metrics: QFontMetricsF, text: str) -> float:
    """The width of `text` in points (the metrics are in the screen's pixels)."""
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchX() if screen is not None else 96.0
    return metrics.horizontalAdvance(text) * 72.0 / dpi


def column_needs(
    headings: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[tuple[float, float]]:
    """Each column's (narrowest, natural) width in points: its longest word (or short
    cell, kept whole), and its longest text on one line (headings are bold)."""
    body = QFont(FONT_FAMILY)
    body.setPointSizeF(FONT_POINTS)
    bold = QFont(body)
    bold.setBold(True)
    plain, strong = QFontMetricsF(body), QFontMetricsF(bold)
    needs = []
    for c, heading in enumerate(headings):
        cells = [row[c] for row in rows]
        words = [w for text in cells for w in text.split()]
        words += [text for text in cells if len(text) <= SHORT_CELL]
        narrowest = max(
            [_points(strong, w) for w in heading.split()] + [_points(plain, w) for w in words],
            default=0.0,
        )
        natural = max([_points(strong, heading)] + [_points(plain, t) for t in cells])
        pad = 2 * CELL_PADDING
        needs.append((narrowest + pad, max(natural, narrowest) + pad))
    return needs


def column_widths(needs: Sequence[tuple[float, float]], room: float) -> list[float]:
    """Widths in points across `room`: each column its narrowest, then what is left shared
    by how much more each would take to sit on one line (as browsers lay out tables)."""
    narrowest = [n for n, _ in needs]
    if not needs:
        return []
    left = room - sum(narrowest)
    if left <= 0:
        return narrowest  # wider than the page whatever is done; words are still kept whole
    wants = [max(natural - n, 0.0) for n, natural in needs]
    total = sum(wants)
    if total <= left:  # everything fits on one line: the widest text gets what is over
        widths = [n + w for n, w in zip(narrowest, wants, strict=True)]
        widest = max(range(len(needs)), key=lambda c: needs[c][1])
        widths[widest] += left - total
        return widths
    return [n + left * w / total for n, w in zip(narrowest, wants, strict=True)]


def wants_landscape(needs: Sequence[tuple[float, float]], upright: float) -> bool:
    """A list is printed landscape when an upright page `upright` points wide cannot
    hold it well: its words do not fit side by side, or its cells would wrap to about
    three lines and more."""
    narrowest = sum(n for n, _ in needs)
    natural = sum(natural for _, natural in needs)
    return narrowest > upright or natural > 2.5 * upright


def table_html(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    heading: str,
    subheading: str,
    widths: Sequence[float] = (),
) -> str:
    """A list as an HTML table, each column given its share of the width; every cell is
    escaped text."""
    total = sum(widths) or 1.0
    shares = [f" width='{100 * w / total:.1f}%'" for w in widths] or [""] * len(headings)
    head = "".join(
        f"<th{share}>{html.escape(text)}</th>" for text, share in zip(headings, shares, strict=True)
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>" for row in rows
    )
    return (
        "<html><head><style>"
        f"body {{ font-family: '{FONT_FAMILY}', sans-serif; font-size: {FONT_POINTS:g}pt; }}"
        "h1 { font-size: 15pt; margin-bottom: 0; } p.sub { color: #555; margin-top: 2px; }"
        "table { border-collapse: collapse; width: 100%; }"
        "th { text-align: left; border-bottom: 1.5px solid #333; padding: 3px 6px; }"
        "td { border-bottom: 0.5px solid #bbb; padding: 3px 6px; vertical-align: top; }"
        "</style></head><body>"
        f"<h1>{html.escape(heading)}</h1><p class='sub'>{html.escape(subheading)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )


def text_width(printer: QPrinter, orientation: QPageLayout.Orientation | None = None) -> float:
    """The width `printer`'s page leaves for a document's text, in points (upright or
    across when an orientation is given)."""
    layout = QPageLayout(printer.pageLayout())
    if orientation is not None:
        layout.setOrientation(orientation)
    return layout.paintRect(QPageLayout.Unit.Point).width() - 2 * DOCUMENT_MARGIN


def view_document(view: View, store: Store, room: float = A4_PORTRAIT_TEXT_WIDTH) -> QTextDocument:
    """The view's main list as a document `room` points wide, headed with what it shows
    and the as-of day."""
    model, heading = view.printable()
    document = QTextDocument()
    option = QTextOption(document.defaultTextOption())
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # never inside a word
    document.setDefaultTextOption(option)
    if model is None:
        document.setPlainText(heading)
        return document
    headings, rows = table_cells(model)
    widths = column_widths(column_needs(headings, rows), room)
    subheading = QCoreApplication.translate("Printing", "As of {0} · {1} · printed by Docket")
    document.setHtml(
        table_html(
            headings,
            rows,
            heading,
            subheading.format(long_date(store.as_of), plural(len(rows), "row")),
            widths,
        )
    )
    return document


def print_document(view: View, store: Store, printer: QPrinter) -> None:
    """Lay the view's list out for `printer`'s page (as the preview last set it) and print."""
    view_document(view, store, text_width(printer)).print_(printer)


def print_view(parent: QWidget, view: View, store: Store) -> QPrintPreviewDialog:
    """Print preview of the current view's list, then the system's print dialog."""
    model, heading = view.printable()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(heading)
    upright = text_width(printer, QPageLayout.Orientation.Portrait)
    if model is not None and wants_landscape(column_needs(*table_cells(model)), upright):
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    title = QCoreApplication.translate("View", view.title)
    return open_preview(
        parent,
        printer,
        lambda device: print_document(view, store, device),
        QCoreApplication.translate("Printing", "Print {0}").format(title),
    )
