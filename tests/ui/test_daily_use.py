"""The screen members use every day, driven as a member would: the as-of day typed, the
toolbar at 1024 px, Tab between panes, the shortcuts, printing, the Overview, the ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableView

from ui.main_window import MainWindow
from ui.store import Store

MARCH_29 = dt.date(2022, 3, 29)


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


def settle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.store.busy, timeout=10_000)


def type_as_of(qtbot: Any, window: Any, text: str) -> None:
    field = window.as_of_edit.edit
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_the_as_of_day_is_typed_as_people_write_dates(qtbot: Any, window: Any) -> None:
    store = window.store
    for text in ("29Mar2022", "30/03/2022", "2022-03-31", "1 April 2022"):
        type_as_of(qtbot, window, text)
    assert store.as_of == dt.date(2022, 4, 1)
    assert window.as_of_edit.edit.text() == "1 Apr 2022"  # what it was read as
    type_as_of(qtbot, window, "29Mar2022")
    assert store.as_of == MARCH_29
    # Not a day: refused in words, and every view stays where it was.
    type_as_of(qtbot, window, "soonish")
    assert store.as_of == MARCH_29
    assert "Cannot read 'soonish' as a day" in window.as_of_edit.error
    assert "29/03/2022" in window.as_of_edit.error
    assert "soonish" in window.statusBar().currentMessage()
    type_as_of(qtbot, window, "29/02/2022")
    assert store.as_of == MARCH_29
    assert "not a real date" in window.as_of_edit.error


def test_an_earlier_day_is_shown_in_a_banner_with_the_way_back(qtbot: Any, window: Any) -> None:
    banner = window.as_of_banner
    assert banner.isVisible()  # the store fixture views the morning of 29 March 2022
    assert "Viewing the record as of Tue 29 March 2022" in banner.text.text()
    qtbot.mouseClick(banner.back, Qt.MouseButton.LeftButton)
    assert window.store.as_of == window.store.today()
    assert not banner.isVisible()
    assert window.as_of_edit.edit.text() == window.as_of_edit.edit.text().strip()
    window.set_as_of(MARCH_29)
    assert banner.isVisible()


def test_at_1024_px_search_and_the_as_of_day_stay_in_sight(qtbot: Any, window: Any) -> None:
    # A long Undo label used to push Search out of the toolbar, and Ctrl+F typing was lost.
    window.store.undo_stack.setUndoLimit(0)
    search, as_of = window.search, window.as_of_edit
    for widget in (search, as_of):
        assert widget.isVisible()
        corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
        assert corner.x() <= window.width()
        assert corner.y() <= window.height()
    window.activateWindow()
    window.window_actions.find_action.trigger()
    qtbot.keyClicks(QApplication.focusWidget(), "Forde")
    assert search.text() == "Forde"


def test_tab_leaves_a_table_for_the_next_pane(qtbot: Any, window: Any) -> None:
    view = window.show_view("commitments")
    view.table.setFocus()
    qtbot.waitUntil(lambda: view.table.hasFocus())
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not view.table
    assert not isinstance(focused, QTableView) or focused.objectName() != "commitmentsTable"
    for table in window.findChildren(QTableView):
        assert not table.tabKeyNavigation(), table.objectName()


def test_standard_shortcuts_are_there(window: Any) -> None:
    acts = window.window_actions
    redo = {k.toString() for k in acts.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= redo
    assert acts.close_action.shortcut() == QKeySequence("Ctrl+W")
    assert acts.help_action.shortcut() == QKeySequence("F1")
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [a.text() for a in help_menu.actions() if a.text()]
    assert texts == ["Docket &help", "&Keyboard shortcuts", "&About Docket"]


def test_help_explains_the_rules_and_lists_the_shortcuts(window: Any, monkeypatch: Any) -> None:
    from ui import help as help_module

    shown: list[str] = []
    monkeypatch.setattr(
        help_module.HelpDialog, "exec", lambda self: shown.append(self.browser.toPlainText())
    )
    window.window_actions.help_action.trigger()
    window.window_actions.shortcuts_action.trigger()
    guide, keys = shown
    for words in ("slip", "Red", "as of", "Matters arising", "next month", "the March meeting"):
        assert words in guide, words
    assert "Record new promise" in keys
    assert "Ctrl+R" in keys


def test_printing_names_what_is_printed_and_not_the_database(window: Any) -> None:
    from ui.printing import view_document

    view = window.show_view("commitments")
    view.set_show("all")
    assert view.select_key("forde-report")
    text = view_document(view, window.store).toPlainText()
    assert text.startswith("Commitments: All")
    assert "Forde Report shared with the NEC" in text
    assert "Inquiry chair to attend the NEC" in text  # the list, not one ledger
    assert str(window.store.db.location) not in text
    assert "29 March 2022" in text


def test_the_overview_is_loud_about_what_is_overdue(qtbot: Any, window: Any) -> None:
    view = window.show_view("overview")
    window.resize(1280, 800)
    settle(qtbot, window)
    card = view.card("overdue")
    assert card.count == 1
    assert card.property("lit") == "alarm"
    assert view.card("due_soon").property("lit") == ""
    model = view.overdue_model
    late = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Late vs\nfirst promise"
    )
    assert model.index(0, late).data() == "622 days late"


def test_the_ledger_reads_without_scrolling_sideways(qtbot: Any, window: Any) -> None:
    from ui.views.ledger_timeline import LedgerTimeline

    view = window.show_view("commitments")
    view.set_show("all")
    assert view.select_key("forde-report")
    settle(qtbot, window)
    timeline = view.pane.ledger
    assert isinstance(timeline, LedgerTimeline)
    qtbot.waitUntil(lambda: timeline.model().rowCount() > 4)
    assert timeline.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    wide = timeline.sizeHintForRow(0)
    timeline.resize(300, timeline.height())
    timeline.doItemsLayout()
    assert timeline.sizeHintForRow(0) > wide  # narrower: the entry wraps onto more lines


def test_a_window_too_small_to_read_is_not_offered(window: Any) -> None:
    assert (window.minimumWidth(), window.minimumHeight()) == (960, 620)


def test_every_control_has_an_accessible_name(window: Any) -> None:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QCalendarWidget,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    def inside(w: Any, kind: type) -> bool:
        while w is not None:
            if isinstance(w, kind):
                return True
            w = w.parent()
        return False

    kinds = (QComboBox, QLineEdit, QAbstractItemView, QAbstractSpinBox)
    unnamed = sorted(
        {
            f"{type(w).__name__} {w.objectName()!r}"
            for kind in kinds
            for w in window.findChildren(kind)
            # a combo box's list, a table's header, a calendar's parts: named by their owner
            if not w.accessibleName()
            and not isinstance(w, QHeaderView)
            and not inside(w.parent(), QComboBox)
            and not inside(w, QCalendarWidget)
        }
    )
    assert unnamed == []


def test_a_new_commitment_is_never_hidden_by_the_search(qtbot: Any, window: Any) -> None:
    view = window.show_view("commitments")
    view.set_show("overdue")
    window.focus_search()
    qtbot.keyClicks(window.search, "Forde")
    view.new_action.trigger()
    dialog = view.dialog
    qtbot.keyClicks(dialog.title, "Minutes of the March meeting published")
    qtbot.keyClicks(dialog.target.edit, "next month")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            (s := view.selected()) is not None
            and s.title == "Minutes of the March meeting published"
        ),
        timeout=10_000,
    )
    assert window.search.text() == ""
    assert view.show_combo.currentData() == "all"


def test_one_commitment_shown_is_said_in_the_singular(qtbot: Any, window: Any) -> None:
    view = window.show_view("commitments")
    texts: list[str] = []
    view.status_text.connect(texts.append)
    window.focus_search()
    qtbot.keyClicks(window.search, "Forde Report")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=5_000)
    assert texts[-1] == "1 commitment shown"


def test_a_new_meeting_is_never_hidden_by_the_search(qtbot: Any, window: Any) -> None:
    view = window.show_view("meetings")
    qtbot.waitUntil(lambda: view.selected() is not None, timeout=5_000)
    window.focus_search()
    qtbot.keyClicks(window.search, "Disputes")
    view.new_action.trigger()
    dialog = view.dialog
    dialog.body.setCurrentIndex(dialog.body.findText("NEC", Qt.MatchFlag.MatchContains))
    dialog.date.setDate(dt.date(2022, 9, 27))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (m := view.selected()) is not None and m.date == dt.date(2022, 9, 27),
        timeout=10_000,
    )
    assert window.search.text() == ""
