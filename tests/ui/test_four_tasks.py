"""The four tasks a member does most, each in at most the actions the README states.

A member's action is one key or chord, one typed text, or one click; each test drives the
real window through the keyboard and mouse only, counting as it goes, from the window as
it opens (the record as of the morning of 29 March 2022).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QToolBar, QWidget

from app.ledger.standings import standings
from app.record.commitments import PromiseFields, record_promise
from db import queries
from db.models import Commitment
from tests.builders import pdf_info
from tests.print_queue import printed_pdfs, require_pdf_printer, wait_for_printed
from ui.dialogs.promise_dialog import PromiseDialog
from ui.main_window import MainWindow
from ui.store import Store

MARCH_28, MARCH_29 = dt.date(2022, 3, 28), dt.date(2022, 3, 29)
TRAINEES = "trainee-organisers"  # open in the sample record: a slip can be recorded


class Member:
    """Keys, typing and clicks, sent where a member's would go, and counted."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot, self.actions = qtbot, 0

    def _focused(self) -> QWidget:
        """Where the keyboard is, once the window just opened (a dialog) has it."""

        def settled() -> bool:
            active, focused = QApplication.activeWindow(), QApplication.focusWidget()
            modal = QApplication.activeModalWidget()
            return (
                focused is not None
                and focused.window() is active
                and (modal is None or active is modal)
            )

        self.qtbot.waitUntil(settled, timeout=5_000)
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, keys: str) -> None:
        sequence = QKeySequence(keys)[0]
        self.qtbot.keyClick(self._focused(), sequence.key(), sequence.keyboardModifiers())
        self.actions += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self._focused(), text)
        self.actions += 1

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())
        self.actions += 1


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def settled(qtbot: Any, store: Store) -> None:
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)


def row_point(view: Any, title: str) -> QPoint:
    proxy = view.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if index.siblingAtColumn(1).data() == title or index.data() == title:
            return view.table.visualRect(index.siblingAtColumn(1)).center()
    raise AssertionError(f"{title!r} is not in the list")


def test_record_a_slip_typed_as_a_phrase_in_five_actions(qtbot: Any, window: Any) -> None:
    store, member = window.store, Member(qtbot)
    with store.sessions() as s:
        trainees = queries.id_by_key(s, Commitment, TRAINEES)
    assert trainees is not None  # dated for 28 March, so overdue on the 29th
    record_promise(store.sessions, trainees, PromiseFields(MARCH_29 - dt.timedelta(3), MARCH_28))
    store.changed.emit()
    settled(qtbot, store)
    member.press("Ctrl+3")
    view = window.commitments
    member.click(
        view.table.viewport(), row_point(view, "Hire 20 centrally funded trainee organisers")
    )
    settled(qtbot, store)
    member.press("Ctrl+R")
    dialog = view.dialog
    assert isinstance(dialog, PromiseDialog)
    qtbot.waitUntil(lambda: dialog.target.edit.hasFocus())
    member.type("next month")
    member.press("Return")
    settled(qtbot, store)
    assert member.actions <= 5
    slipped = next(
        s for s in standings(store.sessions, MARCH_29, store.settings) if s.key == TRAINEES
    )
    assert (slipped.row.target, slipped.slips, slipped.overdue) == (dt.date(2022, 4, 30), 1, False)


def test_add_a_commitment_in_six_actions(qtbot: Any, window: Any) -> None:
    store, member = window.store, Member(qtbot)
    member.press("Ctrl+3")
    member.press("Ctrl+N")
    member.type("Minutes of the March meeting published")
    member.press("Alt+A")  # to the Target field
    member.type("the next meeting")
    member.press("Return")
    settled(qtbot, store)
    assert member.actions <= 6
    new = [
        s
        for s in standings(store.sessions, MARCH_29, store.settings)
        if s.title.startswith("Minutes of the March")
    ]
    assert [s.row.target for s in new] == [dt.date(2022, 7, 19)]  # the NEC's next, after 29 Mar
    qtbot.waitUntil(
        lambda: (s := window.commitments.selected()) is not None and s.key == new[0].key
    )


def test_export_the_overdue_list_in_three_actions(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    store, member = window.store, Member(qtbot)
    target = tmp_path / "overdue.xlsx"

    def save_as(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        member.type("overdue.xlsx")  # the file dialog: a name, then Return
        member.actions += 1
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    member.press("Ctrl+E")
    qtbot.waitUntil(target.exists, timeout=20_000)
    settled(qtbot, store)
    assert member.actions <= 3
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Forde Report shared with the NEC" in titles


def test_print_the_next_meetings_brief_in_four_actions(qtbot: Any, window: Any) -> None:
    require_pdf_printer()
    store, member = window.store, Member(qtbot)
    member.press("Ctrl+2")  # the next meeting, 29 March, is chosen already
    meetings = window.meetings
    qtbot.waitUntil(lambda: meetings.selected() is not None and meetings.detail is not None)
    assert meetings.selected().key == "nec-2022-03-29"
    member.press("Ctrl+Shift+P")
    preview = meetings.dialog
    assert isinstance(preview, QPrintPreviewDialog)
    qtbot.waitUntil(preview.isVisible, timeout=10_000)
    print_action = next(a for a in preview.findChildren(QAction) if a.text() == "Print")
    toolbar = next(t for t in preview.findChildren(QToolBar) if t.widgetForAction(print_action))
    asked: list[str] = []

    def answer_print_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(100, answer_print_dialog)
            return
        asked.append(dialog.printer().printerName())
        member.press("Return")  # the system's print dialog: Print

    before = printed_pdfs()
    QTimer.singleShot(100, answer_print_dialog)
    member.click(toolbar.widgetForAction(print_action))
    printed = wait_for_printed(before)
    try:
        assert member.actions <= 4
        assert asked == ["PDF"]
        assert pdf_info(printed)["Pages"] == "2"  # the queue's PDF keeps no text to read back
    finally:
        printed.unlink()
    settled(qtbot, store)
