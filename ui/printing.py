"""Printing what is on screen: the current view's main table, as a tidy document."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.core.wording import long_date, plural
from ui.store import Store
from ui.views.base import View

_keep: list[object] = []  # QPrintPreviewDialog crashes if its printer is collected


def table_html(model: QAbstractItemModel, heading: str, subheading: str) -> str:
    """A model's visible rows as an HTML table; every cell is escaped text."""
    columns = range(model.columnCount())
    head = "".join(
        f"<th>{html.escape(str(model.headerData(c, Qt.Orientation.Horizontal) or ''))}</th>"
        for c in columns
    )
    rows = []
    for r in range(model.rowCount()):
        cells = "".join(
            f"<td>{html.escape(str(model.index(r, c).data() or ''))}</td>" for c in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        "<html><head><style>"
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; }"
        "h1 { font-size: 15pt; margin-bottom: 0; } p.sub { color: #555; margin-top: 2px; }"
        "table { border-collapse: collapse; width: 100%; }"
        "th { text-align: left; border-bottom: 1.5px solid #333; padding: 3px 6px; }"
        "td { border-bottom: 0.5px solid #bbb; padding: 3px 6px; vertical-align: top; }"
        "</style></head><body>"
        f"<h1>{html.escape(heading)}</h1><p class='sub'>{html.escape(subheading)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</body></html>"
    )


def view_document(view: View, store: Store) -> QTextDocument:
    """The view's main list as a document, headed with what it shows and the as-of day."""
    model, heading = view.printable()
    document = QTextDocument()
    if model is None:
        document.setPlainText(heading)
        return document
    document.setHtml(
        table_html(
            model,
            heading,
            f"As of {long_date(store.as_of)} · {plural(model.rowCount(), 'row')} · printed by Docket",
        )
    )
    return document


def print_view(parent: QWidget, view: View, store: Store) -> None:
    """Print preview of the current view's list, then the system's print dialog."""
    document = view_document(view, store)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(view.printable()[1])
    dialog = QPrintPreviewDialog(printer, parent)
    title = QCoreApplication.translate("View", view.title)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print {0}").format(title))
    dialog.paintRequested.connect(document.print_)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    kept = (printer, dialog, document)
    _keep.append(kept)  # the printer must outlive the dialog
    dialog.destroyed.connect(lambda *_: _keep.remove(kept))
    dialog.open()
