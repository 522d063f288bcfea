"""Ctrl+P on a list: the preview reads at a glance, and the page keeps every word whole.

The store is the sample record as of the morning of 29 March 2022; the pages are printed
through the preview's own printer to a PDF and read back with pdftotext.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from app.record.commitments import CommitmentFields, PromiseFields, create_commitment
from tests.builders import pdf_text
from ui.main_window import MainWindow
from ui.store import Store

LONG = (
    "Review of the complaints procedure by an independent panel",
    "Governance and Legal Unit",
)


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    create_commitment(
        store.sessions,
        CommitmentFields(LONG[0], 1, LONG[1]),
        PromiseFields(dt.date(2022, 1, 25), dt.date(2022, 3, 1), given_by="General Secretary"),
    )
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def open_print_preview(qtbot: Any, window: Any) -> QPrintPreviewDialog:
    qtbot.keyClick(window.commitments.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(QPrintPreviewDialog)), timeout=10_000)
    [preview] = window.findChildren(QPrintPreviewDialog)
    qtbot.waitUntil(preview.isVisible, timeout=10_000)
    return preview


def printed_words(qtbot: Any, preview: QPrintPreviewDialog, path: Path) -> tuple[str, list[str]]:
    """Print the preview's pages, as it lays them out, to a PDF: its text and its words."""
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    text = pdf_text(path)
    return text, re.findall(r"[\w£]+", text)


def test_ctrl_p_prints_the_commitments_landscape_with_every_word_whole(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    view = window.show_view("commitments")
    view.set_show("all")
    proxy = view.proxy
    qtbot.waitUntil(lambda: proxy.rowCount() == 4, timeout=10_000)
    preview = open_print_preview(qtbot, window)
    assert preview.printer().pageLayout().orientation() == QPageLayout.Orientation.Landscape

    text, words = printed_words(qtbot, preview, tmp_path / "list.pdf")
    assert "Commitments: All" in text
    cells = [
        str(proxy.index(r, c).data() or "")
        for r in range(proxy.rowCount())
        for c in range(proxy.columnCount())
    ]
    headings = [
        str(proxy.headerData(c, Qt.Orientation.Horizontal)) for c in range(proxy.columnCount())
    ]
    expected = {w for cell in cells + headings for w in re.findall(r"[\w£]+", cell)}
    assert {"complaints", "procedure", "independent", "Governance", "Commitment", "Slips"} <= (
        expected
    )
    missing = sorted(w for w in expected if w not in words)
    assert missing == []  # a word broken across two lines is not found whole
    # A date, a count of days, an owner's short name stay on one line.
    lines = text.splitlines()
    for phrase in ("28 Feb 2022", "29 days late", "15 Jul 2020", "Forde Inquiry"):
        assert any(phrase in line for line in lines), phrase
    preview.close()


def test_a_list_that_reads_upright_prints_upright(qtbot: Any, window: Any, tmp_path: Path) -> None:
    view = window.show_view("decisions")
    qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(QPrintPreviewDialog)), timeout=10_000)
    [preview] = window.findChildren(QPrintPreviewDialog)
    assert preview.printer().pageLayout().orientation() == QPageLayout.Orientation.Portrait
    text, words = printed_words(qtbot, preview, tmp_path / "decisions.pdf")
    assert "Decisions" in text
    for word in ("Development", "Proscription", "automatically", "Witchhunt"):
        assert word in words
    assert any("20 Jul 2021" in line for line in text.splitlines())
    preview.close()


def test_the_preview_fits_the_page_width_and_ctrl_p_prints(qtbot: Any, window: Any) -> None:
    window.show_view("commitments")
    preview = open_print_preview(qtbot, window)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    fit_width = preview.findChild(QAction, "fitWidthAction")
    assert fit_width is not None
    assert fit_width.isChecked()  # its button shows it
    qtbot.waitUntil(lambda: widget.zoomFactor() > 0.6, timeout=5_000)  # not Qt's 40%

    asked: list[QPrintDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(50, answer)
            return
        asked.append(dialog)
        dialog.reject()  # the system's print dialog was reached; print nothing

    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview, timeout=5_000)
    QTimer.singleShot(50, answer)
    qtbot.keyClick(widget, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked[0].printer() is preview.printer()
    preview.close()


def test_the_brief_preview_fits_the_page_width_too(qtbot: Any, window: Any) -> None:
    meetings = window.show_view("meetings")
    qtbot.waitUntil(lambda: meetings.selected() is not None, timeout=10_000)
    qtbot.keyClick(
        meetings,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(meetings.dialog, QPrintPreviewDialog), timeout=10_000)
    preview = meetings.dialog
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    printing = next(a for a in preview.findChildren(QAction) if a.text() == "Print")
    assert printing.shortcut().toString() == "Ctrl+P"
    preview.close()
