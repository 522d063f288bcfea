"""The print preview every Print… opens: fitted to the page's width, with Ctrl+P to print.

Qt's own dialog opens fitting the whole page into its window (about 40% on a laptop, too
small to read) and gives its Print button no shortcut, so Ctrl+P pressed again in the
preview did nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

_open: list[tuple[QPrinter, QPrintPreviewDialog]] = []  # a collected printer crashes Qt


def preview_action(dialog: QPrintPreviewDialog, name: str) -> QAction | None:
    """One of the preview's own actions, by the words Qt gives it (translated as Qt's are)."""
    text = QCoreApplication.translate("QPrintPreviewDialog", name)
    return next((a for a in dialog.findChildren(QAction) if a.text() == text), None)


def open_preview(
    parent: QWidget,
    printer: QPrinter,
    paint: Callable[[QPrinter], Any],
    title: str,
) -> QPrintPreviewDialog:
    """Open a print preview of what `paint` draws on `printer`; its Print button (or
    Ctrl+P) opens the system's print dialog."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(paint)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    printing = preview_action(dialog, "Print")
    if printing is not None:
        printing.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        printing.setToolTip(
            QCoreApplication.translate("Printing", "Print ({0})").format(
                printing.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
    pair = (printer, dialog)
    _open.append(pair)  # the printer must outlive the dialog
    dialog.destroyed.connect(lambda *_: _open.remove(pair))
    dialog.resize(max(dialog.width(), 900), max(dialog.height(), 640))
    dialog.open()
    fit_width = dialog.findChild(QAction, "fitWidthAction")
    if fit_width is not None:  # through the dialog's own button, so it shows as chosen
        fit_width.trigger()
    return dialog
