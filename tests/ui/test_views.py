"""The Overview, Meetings and Decisions views on the NEC sample, driven as a member would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from app.core.errors import DomainError
from app.reads import browse
from ui.dialogs.agenda_dialog import AgendaItemDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.schedule_dialog import ScheduleDialog
from ui.store import Store
from ui.views import meeting_actions as meetings_module
from ui.views.base import View
from ui.views.decisions import DecisionsView
from ui.views.meetings import MeetingsView
from ui.views.overview import OverviewView

MORNING_OF_29_MARCH = dt.date(2022, 3, 29)
FORDE = "Forde Report shared with the NEC"
MARCH_AGENDA = [
    "Proscription: Alliance for Workers' Liberty",
    "Proscription: Labour Left Alliance",
    "Proscription: Socialist Labour Network",
    "Forde Inquiry",
    "Calls to proscribe the Stop the War Coalition",
]


def shown(qtbot: Any, view: View) -> View:
    qtbot.addWidget(view)
    view.resize(1130, 740)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded)
    return view


def settle(qtbot: Any, store: Store, check: Callable[[], bool]) -> None:
    """Wait for the background reads a write set off, until `check` holds."""
    qtbot.waitUntil(lambda: not store.busy and check(), timeout=5000)


def agenda_titles(store: Store, meeting_key: str) -> list[str]:
    [meeting] = [m for m in browse.meetings(store.sessions) if m.key == meeting_key]
    return [item.title for item in browse.agenda(store.sessions, meeting.id)]


# --- Overview ----------------------------------------------------------------------------------


def test_overview_on_the_morning_of_29_march(qtbot: Any, qtmodeltester: Any, store: Store) -> None:
    view = shown(qtbot, OverviewView(store))
    assert isinstance(view, OverviewView)

    assert view.card("overdue").count == 1
    assert view.card("due_soon").count == 0
    assert view.card("open_ended").count == 1  # the chair's visit: no date since November
    assert view.card("delivered_late").count == 0  # the report came in July
    assert [s.title for s in view.overdue_model.rows()] == [FORDE]
    # Every row of this list is red, so it has no RAG column: the title comes first.
    headings = [
        view.overdue_proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.overdue_proxy.columnCount())
    ]
    assert headings == [
        "Commitment", "Owner", "Target", "Status", "Slips", "Late vs\nfirst promise"
    ]  # fmt: skip
    assert view.overdue_proxy.index(0, 0).data() == FORDE
    assert view.overdue_proxy.index(0, 3).data() == "29 days late"
    assert view.overdue_proxy.index(0, 5).data() == "622 days late"
    assert [(s.title, s.slips) for s in view.slipped_model.rows()] == [(FORDE, 2)]

    assert view.data is not None
    assert view.data.next_meeting is not None
    upcoming = view.data.next_meeting
    assert upcoming.meeting.key == "nec-2022-03-29"
    assert upcoming.meeting.items == 5
    assert view.next_items.text() == "5"
    assert "Tuesday 29 March 2022" in view.next_when.text()

    for model in (view.overdue_model, view.overdue_proxy, view.slipped_model, view.slipped_proxy):
        qtmodeltester.check(model)


def test_overview_cards_open_their_list(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, OverviewView(store))
    assert isinstance(view, OverviewView)
    card = view.card("overdue")
    assert card.accessibleName() == "Overdue: 1"
    assert card.focusPolicy() & Qt.FocusPolicy.TabFocus

    with qtbot.waitSignal(view.show_commitments) as clicked:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert clicked.args == ["overdue"]

    view.card("due_soon").setFocus()
    with qtbot.waitSignal(view.show_commitments) as pressed:
        qtbot.keyClick(view.card("due_soon"), Qt.Key.Key_Space)
    assert pressed.args == ["due_soon"]


def test_overview_follows_the_as_of_date_and_search(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, OverviewView(store))
    assert isinstance(view, OverviewView)

    view.set_search("no such thing")
    assert view.overdue_proxy.rowCount() == 0
    assert view.slipped_proxy.rowCount() == 0
    view.set_search("forde")
    assert view.overdue_proxy.rowCount() == 1

    # The day after the July meeting: the report came, 141 days after it was promised.
    store.set_as_of(dt.date(2022, 7, 20))
    settle(qtbot, store, lambda: view.card("delivered_late").count == 1)
    assert view.card("overdue").count == 0
    assert view.overdue_model.rowCount() == 0
    assert view.data is not None
    assert view.data.next_meeting is None
    assert view.next_none.isVisible()


# --- Meetings ----------------------------------------------------------------------------------


def open_meeting(qtbot: Any, view: MeetingsView, key: str) -> None:
    if view.detail is not None and view.detail.key == key and view.selected() is not None:
        return
    with qtbot.waitSignal(view.detail_loaded, timeout=5000):
        assert view.select_key(key)
    assert view.detail is not None
    assert view.detail.key == key


def selected_key(view: MeetingsView, *, status: bool = False) -> str | None:
    """The selected meeting's key (or its status)."""
    meeting = view.selected()
    if meeting is None:
        return None
    return meeting.status if status else meeting.key


def test_meetings_lists_every_meeting_and_opens_one(
    qtbot: Any, qtmodeltester: Any, store: Store
) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    view.set_when("all")
    assert view.proxy.rowCount() == 7
    dates = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert dates[0] == "19 Jul 2022"
    assert dates[-1] == "21 Jul 2020"

    view.set_when("upcoming")
    upcoming = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert upcoming == ["29 Mar 2022", "19 Jul 2022"]  # soonest first
    view.set_when("past")
    assert view.proxy.rowCount() == 5
    view.set_when("all")
    view.body_combo.setCurrentIndex(view.body_combo.findText("DFP"))
    assert view.proxy.rowCount() == 1
    view.body_combo.setCurrentIndex(0)

    open_meeting(qtbot, view, "nec-2022-03-29")
    assert [a.title for a in view.agenda_model.rows()] == MARCH_AGENDA
    assert view.detail_title.text() == "National Executive Committee"
    assert "Tuesday 29 March 2022" in view.detail_meta.text()
    votes = [view.agenda_model.index(r, 5).data() for r in range(3)]
    assert votes == ["20–11", "20–11", "19–11"]

    for model in (view.model, view.proxy, view.agenda_model, view.arising_model, view.made_model):
        qtmodeltester.check(model)


def test_moving_an_agenda_item_up_is_undoable(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    open_meeting(qtbot, view, "nec-2022-03-29")
    view.agenda_table.selectRow(4)
    assert view.up_action.isEnabled()
    assert not view.down_action.isEnabled()

    view.up_action.trigger()
    moved = [*MARCH_AGENDA[:3], MARCH_AGENDA[4], MARCH_AGENDA[3]]
    assert agenda_titles(store, "nec-2022-03-29") == moved
    settle(qtbot, store, lambda: [a.title for a in view.agenda_model.rows()] == moved)
    item = view.selected_item()
    assert item is not None
    assert item.title == MARCH_AGENDA[4]
    assert item.position == 4

    store.undo_stack.undo()
    assert agenda_titles(store, "nec-2022-03-29") == MARCH_AGENDA
    settle(qtbot, store, lambda: [a.title for a in view.agenda_model.rows()] == MARCH_AGENDA)
    assert selected_key(view) == "nec-2022-03-29"


def test_dragging_an_agenda_item_reorders_the_record(
    qtbot: Any, qtmodeltester: Any, store: Store
) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    open_meeting(qtbot, view, "nec-2022-03-29")
    model = view.agenda_model
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled

    # Drag the Forde item (row 4) to the top, as the view would on a drop there.
    mime = model.mimeData([model.index(3, c) for c in range(model.columnCount())])
    with qtbot.waitSignal(model.reordered) as reordered:
        assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    before, after = reordered.args
    assert after == [before[3], *before[:3], before[4]]
    assert [model.index(r, 0).data() for r in range(5)] == ["1", "2", "3", "4", "5"]
    dragged = [MARCH_AGENDA[3], *MARCH_AGENDA[:3], MARCH_AGENDA[4]]
    qtbot.waitUntil(lambda: agenda_titles(store, "nec-2022-03-29") == dragged)
    assert store.undo_stack.undoText() == "Reorder agenda"
    qtmodeltester.check(model)

    # Dropping a row onto itself changes nothing.
    mime = model.mimeData([model.index(2, 0)])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, QModelIndex())

    store.undo_stack.undo()
    assert agenda_titles(store, "nec-2022-03-29") == MARCH_AGENDA
    settle(qtbot, store, lambda: [a.title for a in model.rows()] == MARCH_AGENDA)


def test_matters_arising_and_promises_made_at_a_meeting(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    # Matters arising are computed as of the meeting's own day, as its brief is. On the
    # morning of 29 March the Forde Report (promised on 25 January for 28 February) is 29
    # days overdue and slipped since the January meeting; the chair's visit, promised with
    # no date on 16 November, is open-ended (over 90 days) and no longer new.
    open_meeting(qtbot, view, "nec-2022-03-29")
    rows = [(m.key, m.reasons) for m in view.arising_model.rows()]
    assert rows == [
        ("forde-report", ("overdue", "slipped")),
        ("forde-chair-visit", ("open_ended",)),
    ]
    assert view.arising_model.index(0, 1).data() == "Overdue, slipped"
    assert "Overdue; slipped since the last meeting" in view.arising_model.index(0, 1).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert view.arising_model.index(0, 2).data() == "29 days late"
    assert "as of 29 Mar 2022, the meeting's day" in view.pane.arising_title.text()

    # The January meeting, seen from 29 March, is still judged on its own morning (25
    # January): that day the report was re-promised for 28 February, a slip but not yet
    # overdue; the chair's visit, 70 days old, is new since November, not yet open-ended.
    open_meeting(qtbot, view, "nec-2022-01-25")
    rows = [(m.key, m.reasons) for m in view.arising_model.rows()]
    assert rows == [("forde-report", ("slipped",)), ("forde-chair-visit", ("new",))]
    assert view.arising_model.index(0, 1).data() == "Slipped"
    assert "as of 25 Jan 2022, the meeting's day" in view.pane.arising_title.text()
    assert view.made_model.rowCount() == 0
    # Its move, recorded on 10 January, is part of its story.
    assert "Moved from Tue 18 Jan 2022 to Tue 25 Jan 2022" in view.pane.changes.text()

    # Viewed from an earlier day (20 January), as `docket brief --as-of` would: the
    # report was then promised for this very meeting, so it is due at it.
    store.set_as_of(dt.date(2022, 1, 20))
    settle(
        qtbot,
        store,
        lambda: (
            [(m.key, m.reasons) for m in view.arising_model.rows()]
            == [("forde-report", ("due", "slipped")), ("forde-chair-visit", ("new",))]
        ),
    )
    assert view.pane.arising_title.text().endswith("as of 20 Jan 2022")
    store.set_as_of(MORNING_OF_29_MARCH)

    open_meeting(qtbot, view, "nec-2021-11-16")
    assert [s.title for s in view.made_model.rows()] == ["Inquiry chair to attend the NEC"]

    open_meeting(qtbot, view, "dfp-2022-03-25")
    assert [s.title for s in view.made_model.rows()] == [
        "Hire 20 centrally funded trainee organisers"
    ]


def test_meeting_menu_actions(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    actions = view.menu_actions()
    texts = [a.text() for a in actions]
    assert texts == [
        "New &meeting…",
        "&Edit meeting…",
        "&Reschedule…",
        "&Cancel meeting",
        "&Delete meeting…",
        "Create meetings from &schedule…",
        "&Print brief…",
        "Export &brief as PDF…",
        "",
        "&Add agenda item…",
        "Edit agenda &item…",
        "Move item &up",
        "Move item do&wn",
        "De&lete agenda item…",
    ]
    assert actions[8].isSeparator()
    assert view.new_action.shortcut() == QKeySequence("Ctrl+Shift+M")
    assert view.up_action.shortcut() == QKeySequence("Ctrl+Up")
    assert view.down_action.shortcut() == QKeySequence("Ctrl+Down")


def test_cancel_then_delete_a_meeting_and_undo(
    qtbot: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    view.set_when("all")
    open_meeting(qtbot, view, "nec-2022-07-19")

    view.cancel_action.trigger()
    settle(qtbot, store, lambda: selected_key(view, status=True) == "cancelled")
    assert not view.cancel_action.isEnabled()
    assert "Held → cancelled, recorded 29 Mar 2022" in view.pane.changes.text()
    store.undo_stack.undo()
    # Held in the end, but as of the morning of 29 March it had not sat yet.
    settle(qtbot, store, lambda: selected_key(view, status=True) == "scheduled")
    assert browse.meeting_changes(store.sessions, view.selected().id) == []

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    view.delete_action.trigger()
    settle(qtbot, store, lambda: view.model.rowCount() == 6)
    assert "nec-2022-07-19" not in {m.key for m in view.model.rows()}
    store.undo_stack.undo()
    settle(qtbot, store, lambda: view.model.rowCount() == 7)
    assert agenda_titles(store, "nec-2022-07-19") == ["Forde Inquiry: final report"]


def test_a_refused_delete_is_shown_not_raised(
    qtbot: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    open_meeting(qtbot, view, "nec-2022-01-25")  # a promise still names it
    shown_errors: list[BaseException] = []
    monkeypatch.setattr(
        meetings_module, "show_error", lambda _parent, exc: shown_errors.append(exc)
    )
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    view.delete_action.trigger()
    assert len(shown_errors) == 1
    assert isinstance(shown_errors[0], DomainError)
    assert "cancel or reschedule" in str(shown_errors[0])
    assert store.undo_stack.count() == 0


def test_new_meeting_and_agenda_item_through_their_dialogs(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)

    open_meeting(qtbot, view, "dfp-2022-03-25")
    dfp = next(b for b in browse.bodies(store.sessions) if b.key == "dfp")

    view.new_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, MeetingDialog)
    assert dialog.isVisible()
    assert dialog.body.currentData() == dfp.id  # the selected meeting's body
    dialog.date.setDate(QDate(2022, 9, 27))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, store, lambda: selected_key(view) == "dfp-2022-09-27")

    view.add_item_action.trigger()
    item_dialog = view.dialog
    assert isinstance(item_dialog, AgendaItemDialog)
    qtbot.keyClicks(item_dialog.title, "Forde Report: publication")
    qtbot.mouseClick(item_dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, store, lambda: view.agenda_model.rowCount() == 1)
    item = view.selected_item()
    assert item is not None
    assert item.title == "Forde Report: publication"

    view.edit_item_action.trigger()
    edit_dialog = view.dialog
    assert isinstance(edit_dialog, AgendaItemDialog)
    assert edit_dialog.title.text() == "Forde Report: publication"
    edit_dialog.title.setText("Forde Report: response")
    qtbot.mouseClick(edit_dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(
        qtbot, store, lambda: agenda_titles(store, "dfp-2022-09-27") == ["Forde Report: response"]
    )
    assert store.undo_stack.count() == 3

    store.undo_stack.undo()
    store.undo_stack.undo()
    store.undo_stack.undo()
    settle(qtbot, store, lambda: view.model.rowCount() == 7)


def test_reschedule_and_create_from_schedule(qtbot: Any, store: Store) -> None:
    view = shown(qtbot, MeetingsView(store))
    assert isinstance(view, MeetingsView)
    open_meeting(qtbot, view, "nec-2022-01-25")

    view.reschedule_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, MeetingDialog)
    assert dialog.windowTitle() == "Reschedule meeting"
    dialog.date.setDate(QDate(2022, 1, 27))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, store, lambda: view.selected() is not None and view.detail is not None)
    moved = view.selected()
    assert moved is not None
    assert (moved.key, moved.date) == ("nec-2022-01-25", dt.date(2022, 1, 27))
    assert store.undo_stack.undoText() == "Reschedule meeting"

    view.schedule_action.trigger()
    schedule = view.dialog
    assert isinstance(schedule, ScheduleDialog)
    assert schedule.ok_button.isEnabled()  # the NEC meets every other month
    qtbot.mouseClick(schedule.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, store, lambda: view.model.rowCount() > 7)
    store.undo_stack.undo()
    settle(qtbot, store, lambda: view.model.rowCount() == 7)


# --- Decisions ---------------------------------------------------------------------------------


def test_decisions_log_and_search(qtbot: Any, qtmodeltester: Any, store: Store) -> None:
    statuses: list[str] = []
    view = DecisionsView(store)
    view.status_text.connect(statuses.append)
    shown(qtbot, view)
    # As of 29 March 2022: the July 2022 decision had not been taken yet.
    # On its morning, the 29 March meeting's own decisions are not known either.
    total = len(browse.decisions(store.sessions, store.as_of))
    assert view.proxy.rowCount() == total == 5
    assert view.proxy.index(0, 0).data() == "25 Mar 2022"  # newest first
    assert statuses[-1] == "5 decisions"
    store.set_as_of(dt.date(2022, 3, 30))
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 8, timeout=5000)
    assert view.proxy.index(0, 0).data() == "29 Mar 2022"
    march = [view.proxy.index(r, 3).data() for r in range(3)]
    assert march == MARCH_AGENDA[:3]  # a meeting's decisions in agenda order
    assert statuses[-1] == "8 decisions"

    view.set_search("Labour Left")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 5).data() == "20–11"
    assert statuses[-1] == "1 of 8 decisions"
    view.table.selectRow(0)
    assert "Labour Left Alliance proscribed." in view.text.toPlainText()
    assert "20 for, 11 against" in view.text.toPlainText()

    view.set_search("")
    for model in (view.model, view.proxy):
        qtmodeltester.check(model)


# --- pictures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [OverviewView, MeetingsView, DecisionsView])
def test_each_view_renders(qtbot: Any, store: Store, tmp_path: Path, make: type[View]) -> None:
    view = shown(qtbot, make(store))
    settle(qtbot, store, lambda: True)
    picture = view.grab()
    assert not picture.isNull()
    assert picture.save(str(tmp_path / f"{view.title}.png"))
