"""One search box that finds anything: typed, Enter, results with their words marked, and
the record they belong to one key away — driven through the real window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.papers import attachments as files
from app.papers.intake import take_in
from app.papers.naming import subject_named
from tests.papers.files import write_pdf
from ui.main_window import MainWindow
from ui.store import Store


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def search(qtbot: Any, window: Any, text: str) -> Any:
    window.focus_search()  # what Ctrl+F does
    window.search.clear()
    qtbot.keyClicks(window.search, text)
    view = window.search_view
    view.is_loaded = False
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.is_loaded and not window.store.busy, timeout=10_000)
    return view


def test_enter_searches_the_whole_record_and_a_result_opens_its_commitment(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    store = window.store
    window.store.set_as_of(store.today())
    pdf = write_pdf(tmp_path / "forde.pdf", ["The Forde Report", "A culture of hostility"])
    with store.sessions() as s:
        forde = subject_named(s, "commitment:forde-report")
    files.attach(store.sessions, forde, take_in(pdf, 200), role="evidence")
    view = search(qtbot, window, "hostility")
    assert window.current_view() is view
    assert view.list.count() == 1
    item = view.list.item(0)
    assert "forde.pdf" in item.text()
    assert "background-color:#fde68a" in item.data(Qt.ItemDataRole.UserRole + 1)
    assert ">hostility</span>" in item.data(Qt.ItemDataRole.UserRole + 1)
    assert view.list.hasFocus()
    # Enter on the result: the Forde Report, shown even though "Open" hides delivered ones.
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_view() is window.commitments, timeout=5_000)
    qtbot.waitUntil(lambda: window.commitments.selected() is not None, timeout=5_000)
    assert window.commitments.selected().key == "forde-report"
    assert window.search.text() == ""


def test_a_meeting_result_opens_the_meeting(qtbot: Any, window: Any) -> None:
    view = search(qtbot, window, '"Stop the War"')
    hits = [view.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.list.count())]
    assert [h.kind for h in hits] == ["agenda_item"]
    view.list.setCurrentRow(0)
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_view() is window.meetings, timeout=5_000)
    assert window.meetings.selected().key == "nec-2022-03-29"


def test_punctuation_alone_is_answered_in_words(qtbot: Any, window: Any) -> None:
    view = search(qtbot, window, 'NEAR( * " -')
    assert view.list.count() == 0 or all(
        "near" in view.list.item(i).text().lower() for i in range(view.list.count())
    )
    view = search(qtbot, window, '* " - (')
    assert view.list.count() == 0
    assert view.summary.text() == "Type a word to search for (punctuation alone finds nothing)."


def test_as_of_a_past_day_the_search_says_so_and_keeps_to_what_was_known(
    qtbot: Any, window: Any
) -> None:
    window.store.set_as_of(window.store.today())
    now = search(qtbot, window, "largely")
    assert now.list.count() >= 2
    window.store.set_as_of(dt.date(2022, 1, 1))
    qtbot.waitUntil(lambda: now.is_loaded and not window.store.busy, timeout=10_000)
    then = search(qtbot, window, "largely")
    assert then.list.count() == 0
    assert "as known on 1 Jan 2022" in then.summary.text()
