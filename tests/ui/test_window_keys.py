"""The window driven from the keyboard: Tab goes round every pane and toolbar field and
back, each stop shows it has the keyboard, the window's shortcuts work from any field,
and the toolbar and status bar never show stale or cut words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton, QWidget

from app.record.commitments import PromiseFields
from ui import edits
from ui.help import shortcuts_html
from ui.main_window import MainWindow
from ui.store import Store

MARCH_29 = dt.date(2022, 3, 29)


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def settle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.store.busy, timeout=10_000)


def tab(qtbot: Any, backwards: bool = False) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
    now = QApplication.focusWidget()
    assert now is not None
    return now


def test_tab_goes_round_the_panes_and_the_toolbar_fields_and_back(qtbot: Any, window: Any) -> None:
    view = window.show_view("commitments")
    view.set_show("all")
    assert view.select_key("forde-report")
    settle(qtbot, window)
    view.table.setFocus()
    qtbot.waitUntil(lambda: view.table.hasFocus())
    stops: list[QWidget] = []
    for _ in range(40):
        stops.append(tab(qtbot))
        if stops[-1] is view.table:
            break
    assert stops[-1] is view.table, [w.objectName() or type(w).__name__ for w in stops]
    as_of, today_index = window.as_of_edit, None
    names = [w.objectName() for w in stops]
    for name in ("asOf", "asOfCalendar", "search", "navigation", "ledgerTimeline"):
        assert name in names, names
    assert names.index("asOf") < names.index("asOfCalendar") < names.index("search")
    today_index = names.index("asOfCalendar") + 1
    assert isinstance(stops[today_index], QToolButton)
    assert stops[today_index].text() == "Today"
    assert all(w.isVisible() for w in stops)
    assert len(stops) == len(set(stops))  # one round, nothing visited twice
    # And back: Shift+Tab from Search reaches Today, then the calendar button, then As of.
    window.search.setFocus()
    qtbot.waitUntil(lambda: window.search.hasFocus())
    assert tab(qtbot, backwards=True).text() == "Today"
    assert tab(qtbot, backwards=True) is as_of.pick
    assert tab(qtbot, backwards=True) is as_of.edit


@pytest.mark.parametrize("name", ["ledgerTimeline", "navigation", "commitmentsTable"])
def test_a_list_that_has_the_keyboard_shows_it(
    qtbot: Any, qapp: Any, window: Any, name: str
) -> None:
    from ui.theme import apply_theme

    apply_theme(qapp)  # the app's own look, as the member sees it
    view = window.show_view("commitments")
    view.set_show("all")
    assert view.select_key("forde-report")
    settle(qtbot, window)
    widget = window.findChild(QWidget, name)
    window.search.setFocus()
    qtbot.waitUntil(lambda: window.search.hasFocus())
    without = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: widget.hasFocus())
    assert widget.grab().toImage() != without


def test_ctrl_e_from_the_as_of_field_exports(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.exporting

    asked: list[object] = []
    monkeypatch.setattr(ui.exporting, "export_overdue_dialog", lambda *a: asked.append(a))
    for field in (window.as_of_edit.edit, window.search):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        before = field.text()
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert field.text() == before
    assert len(asked) == 2
    # Ctrl+T (as of today) from the search field too; Ctrl+A stays the field's own.
    window.set_as_of(MARCH_29)
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.store.as_of == window.store.today()
    qtbot.keyClicks(window.search, "Forde")
    qtbot.keyClick(window.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.search.selectedText() == "Forde"


def toolbar_button(window: Any, text: str) -> QToolButton:
    bar = window.findChild(QToolBar, "mainToolbar")
    for act in bar.actions():
        button = bar.widgetForAction(act)
        if isinstance(button, QToolButton) and act.text() == text:
            return button
    raise AssertionError(text)


@pytest.mark.parametrize("width", [1280, 1024])
def test_undo_and_redo_read_in_full_after_an_edit(qtbot: Any, window: Any, width: int) -> None:
    window.resize(width, 700)
    s = window.store.sessions
    edits.perform(
        window.store,
        "Add note",
        edits.add_note(s, "forde-report", MARCH_29, "A letter", "Chair"),
    )
    edits.perform(
        window.store,
        "Record promise",
        edits.record_promise(s, "forde-chair-visit", PromiseFields(MARCH_29)),
    )
    window.store.undo_stack.undo()
    settle(qtbot, window)
    for text, full in (("Undo", "Undo Add note"), ("Redo", "Redo Record promise")):
        button = toolbar_button(window, text)
        assert button.isVisible()
        assert button.isEnabled()
        assert button.text() == text
        assert button.width() >= button.fontMetrics().horizontalAdvance(text) + 8
        assert full in button.toolTip()
    assert window.undo_action.text().replace("&", "") == "Undo Add note"
    toolbar_button(window, "Undo").click()
    settle(qtbot, window)
    assert "Undo Add note" not in toolbar_button(window, "Undo").toolTip()


def test_the_shortcut_list_shows_keys_not_key_names(qtbot: Any, window: Any) -> None:
    from PySide6.QtGui import QAction

    page = shortcuts_html(window.findChildren(QAction))
    assert "<b>Ctrl+Y, Ctrl+Shift+Z</b>" in page
    assert ", Redo" not in page
    assert "Help</b>" not in page


def test_a_refusal_leaves_the_status_bar_once_a_day_is_read(qtbot: Any, window: Any) -> None:
    field = window.as_of_edit.edit
    field.selectAll()
    qtbot.keyClicks(field, "1/2/22")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "1/2/22" in window.statusBar().currentMessage()
    field.selectAll()
    qtbot.keyClicks(field, "29/03/2022")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.store.as_of == MARCH_29
    assert window.statusBar().currentMessage() == ""
    assert "1/2/22" not in field.toolTip()


def test_each_view_has_its_own_status_line(qtbot: Any, window: Any) -> None:
    for name in ("meetings", "overview", "decisions", "overview"):
        window.show_view(name)
        settle(qtbot, window)
        text = window.view_label.text()
        if name == "overview":
            assert "meetings shown" not in text
            assert "decisions" not in text


def test_the_overdue_notice_follows_edits_and_gives_way_to_an_earlier_day(
    qtbot: Any, window: Any
) -> None:
    store = window.store
    s = store.sessions
    today = store.today()
    window.set_as_of(today)
    # Two promises overdue today: two new commitments, due yesterday.
    from app.reads.browse import bodies
    from app.record.commitments import CommitmentFields

    nec = next(b.id for b in bodies(s) if b.key == "nec")
    for title in ("Report A", "Report B"):
        edits.perform(
            store,
            "New",
            edits.create_commitment(
                s,
                CommitmentFields(title=title, body_id=nec),
                PromiseFields(today - dt.timedelta(days=30), today - dt.timedelta(days=1)),
            ),
        )
    window.show_overdue_notice()
    settle(qtbot, window)
    qtbot.waitUntil(window.banner.isVisible)
    assert "2 commitments overdue" in window.banner_text.text()
    key = next(st.row.key for st in _overdue(store) if st.row.title == "Report A")
    edits.perform(store, "Delivered", edits.close_commitment(s, key, "delivered", today))
    qtbot.waitUntil(lambda: "1 commitment overdue" in window.banner_text.text())
    window.set_as_of(MARCH_29)
    settle(qtbot, window)
    assert window.as_of_banner.isVisible()
    assert not window.banner.isVisible()  # never two bars at once
    window.set_as_of(today)
    settle(qtbot, window)
    qtbot.waitUntil(window.banner.isVisible)
    key = next(st.row.key for st in _overdue(store) if st.row.title == "Report B")
    edits.perform(store, "Delivered", edits.close_commitment(s, key, "delivered", today))
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.banner.isVisible())


def _overdue(store: Store) -> list[Any]:
    from app.ledger.standings import overdue

    return list(overdue(store.sessions, store.today(), store.settings))


def test_history_shows_dates_as_people_write_them_and_no_keys(qtbot: Any, store: Store) -> None:
    from app.reads.browse import bodies
    from app.reads.history import commitment_history
    from app.record.commitments import CommitmentFields

    s = store.sessions
    nec = next(b.id for b in bodies(s) if b.key == "nec")
    created = edits.perform(
        store,
        "New",
        edits.create_commitment(
            s,
            CommitmentFields(title="Circulate the timetable", body_id=nec),
            PromiseFields(dt.date(2026, 12, 4), dt.date(2027, 1, 31)),
        ),
    )
    del created
    from sqlalchemy import select

    from db.models import Commitment

    with s() as session:
        commitment_id = session.scalar(
            select(Commitment.id).where(Commitment.title == "Circulate the timetable")
        )
    rows = commitment_history(s, commitment_id)
    text = " | ".join(f"{r.label} {r.before} {r.after}" for r in rows)
    assert "4 Dec 2026" in text
    assert "2026-12-04" not in text
    assert "key:" not in text
    assert "circulate-t" not in text


def test_as_of_a_day_before_a_delivery_the_buttons_say_why(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QPushButton

    window.set_as_of(MARCH_29)
    view = window.show_view("commitments")
    view.set_show("all")
    assert view.select_key("forde-report")
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == "forde-report")
    settle(qtbot, window)
    acts = view.commitment_actions
    assert not acts.reopen_action.isEnabled()  # shown Open as of 29 Mar: nothing to reopen
    buttons = {b.text(): b for b in window.findChildren(QPushButton)}
    for label in ("Delivered…", "Drop…", "Reopen"):
        button = buttons[label]
        assert not button.isEnabled(), label
        assert "delivered later, on 19 Jul 2022" in button.toolTip(), label
