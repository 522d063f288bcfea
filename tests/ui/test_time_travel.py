"""Viewing the record as of a past day: new entries start on that day, and say so.

The store is the sample record as of the morning of 29 March 2022 (tests/conftest.py),
long after which the Forde Report was delivered (19 July 2022).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.reads.browse import bodies
from app.reads.ledger import commitment_detail
from ui.dialogs import CloseDialog, CommitmentDialog, NoteDialog, PromiseDialog
from ui.dialogs.questions import Ask
from ui.dialogs.recorded_on import RecordedOnField
from ui.store import Store
from ui.views.commitments import CommitmentsView

MARCH_29 = dt.date(2022, 3, 29)
FORDE = "Forde Report shared with the NEC"


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")  # "Edit ▸ Undo" is kept on one line


def nec(store: Store) -> int:
    return next(row.id for row in bodies(store.sessions) if row.key == "nec")


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shown(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    return widget


def the_dialogs(store: Store) -> dict[str, tuple[QWidget, RecordedOnField]]:
    """Each dialog that dates a new entry, with its date field."""
    promise = PromiseDialog(store, lambda _v: None, commitment_title=FORDE, body_id=nec(store))
    note = NoteDialog(store, lambda _v: None, commitment_title=FORDE)
    deliver = CloseDialog(store, lambda _v: None, status="delivered", commitment_title=FORDE)
    drop = CloseDialog(store, lambda _v: None, status="dropped", commitment_title=FORDE)
    new = CommitmentDialog(store, lambda _v: None, body_id=nec(store))
    assert new.recorded_field is not None
    return {
        "promise": (promise, promise.recorded_field),
        "note": (note, note.date_field),
        "delivered": (deliver, deliver.date_field),
        "dropped": (drop, drop.date_field),
        "commitment": (new, new.recorded_field),
    }


WORDS = {
    "promise": "Recorded on",
    "note": "Dated",
    "delivered": "Delivered on",
    "dropped": "Dropped on",
    "commitment": "Recorded on",
}


@pytest.mark.parametrize("name", list(WORDS))
def test_a_new_entry_starts_on_the_day_being_viewed_and_says_so(
    qtbot: Any, store: Store, name: str
) -> None:
    dialog, field = the_dialogs(store)[name]
    shown(qtbot, dialog)
    assert field.edit.date() == QDate(2022, 3, 29)
    assert field.note.isVisible()
    assert field.note.text() == f"{WORDS[name]} 29 Mar 2022 — the day you are viewing."

    # One click dates it today instead, and the field then says it will not be shown.
    today = store.today()
    assert field.switch.text() == f"Use today ({today.day} {today:%b %Y})"
    click(qtbot, field.switch)
    assert field.date() == today
    assert field.note.text().startswith("After 29 Mar 2022, the day you are viewing: it is saved")
    # And one click back.
    assert field.switch.text() == "Use 29 Mar 2022"
    click(qtbot, field.switch)
    assert field.date() == MARCH_29


def test_the_target_is_read_from_the_day_being_viewed(qtbot: Any, store: Store) -> None:
    dialog = PromiseDialog(store, lambda _v: None, commitment_title=FORDE, body_id=nec(store))
    shown(qtbot, dialog)
    qtbot.keyClicks(dialog.target.edit, "next month")
    assert dialog.target.reading.text() == "Sat 30 Apr 2022"


def test_viewing_today_keeps_today_and_says_nothing(qtbot: Any, store: Store) -> None:
    store.set_as_of(store.today())
    dialog, field = the_dialogs(store)["promise"]
    shown(qtbot, dialog)
    assert field.date() == store.today()
    assert not field.note.isVisible()
    assert not field.switch.isVisible()


# --- in the Commitments view ---------------------------------------------------------------


@pytest.fixture
def view(qtbot: Any, store: Store) -> CommitmentsView:
    view = CommitmentsView(store)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded)
    view.set_show("all")
    return view


def select(qtbot: Any, view: CommitmentsView, key: str) -> None:
    assert view.select_key(key)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == key, timeout=5000)


def promises(store: Store, key: str) -> list[dt.date]:
    cid = next(s.row.id for s in _rows(store) if s.key == key)
    detail = commitment_detail(store.sessions, cid)
    assert detail is not None
    return [e.recorded_on for e in detail.entries if e.kind == "promise"]


def _rows(store: Store) -> list[Any]:
    from app.ledger.standings import standings

    return standings(store.sessions, store.today(), store.settings)


def test_a_promise_saved_on_the_day_being_viewed_is_shown_at_once(
    qtbot: Any, store: Store, view: CommitmentsView
) -> None:
    select(qtbot, view, "forde-chair-visit")
    view.promise_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, PromiseDialog)
    qtbot.keyClicks(dialog.target.edit, "next month")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        click(qtbot, dialog.ok_button)
    assert MARCH_29 in promises(store, "forde-chair-visit")
    qtbot.waitUntil(
        lambda: (
            view.detail is not None
            and any(e.kind == "promise" and e.recorded_on == MARCH_29 for e in view.detail.entries)
        ),
        timeout=5000,
    )
    qtbot.wait(50)
    assert not isinstance(view.dialog, Ask)  # nothing to explain


def test_a_promise_saved_after_the_day_being_viewed_says_why_it_is_not_shown(
    qtbot: Any, store: Store, view: CommitmentsView
) -> None:
    select(qtbot, view, "forde-chair-visit")
    view.promise_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, PromiseDialog)
    dialog.recorded_on.setDate(QDate(2022, 4, 12))
    assert "shown only as of 12 Apr 2022 or later" in dialog.recorded_field.note.text()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: isinstance(view.dialog, Ask), timeout=5000)
    notice = view.dialog
    assert isinstance(notice, Ask)
    assert notice.isVisible()
    assert notice.text() == (
        "The promise is dated 12 Apr 2022, after 29 Mar 2022, the day you are viewing."
    )
    assert "appears once you view it as of 12 Apr 2022" in notice.informativeText()
    assert notice.yes_button.text() == "View as of 12 Apr 2022"
    with qtbot.waitSignal(store.as_of_changed, timeout=5000):
        click(qtbot, notice.yes_button)
    assert store.as_of == dt.date(2022, 4, 12)
    qtbot.waitUntil(
        lambda: (
            view.detail is not None
            and any(e.recorded_on == dt.date(2022, 4, 12) for e in view.detail.entries)
        ),
        timeout=5000,
    )


def test_a_note_saved_after_the_day_being_viewed_says_so_and_can_stay(
    qtbot: Any, store: Store, view: CommitmentsView
) -> None:
    select(qtbot, view, "forde-report")
    view.note_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, NoteDialog)
    click(qtbot, dialog.date_field.switch)  # today
    qtbot.keyClicks(dialog.text, "Chased again")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: isinstance(view.dialog, Ask), timeout=5000)
    notice = view.dialog
    assert isinstance(notice, Ask)
    assert notice.text().startswith("The note is dated ")
    click(qtbot, notice.no_button)
    assert store.as_of == MARCH_29


# --- a commitment delivered after the day being viewed ---------------------------------------


def test_a_commitment_delivered_later_explains_why_it_takes_no_promise(
    qtbot: Any, store: Store, view: CommitmentsView
) -> None:
    select(qtbot, view, "forde-report")
    assert view.detail is not None
    assert view.detail.state == "open"  # as of 29 March it was still open...
    assert view.detail.status == "delivered"  # ...but it has been delivered since
    tip = "Delivered on 19 Jul 2022: reopen it to record a new promise"
    assert view.promise_action.toolTip() == tip
    assert view.promise_action.isEnabled()  # so that triggering it explains
    # As of 29 March it was open: nothing to deliver, drop or reopen on that day, and the
    # tooltips say why and where it can be changed.
    later = (
        "Open as of 29 Mar 2022; delivered later, on 19 Jul 2022. View the record as of"
        " 19 Jul 2022 or later to change that."
    )
    for action in (view.deliver_action, view.drop_action, view.reopen_action):
        assert not action.isEnabled()
        assert action.toolTip() == later

    view.promise_action.trigger()
    box = view.dialog
    assert isinstance(box, Ask)
    assert box.text() == tip + "."
    assert "As of 29 Mar 2022, the day you are viewing, it was still open." in (
        box.informativeText()
    )
    assert "Reopening it removes its delivery on 19 Jul 2022; Edit ▸ Undo puts it back." in (
        plain(box.informativeText())
    )
    click(qtbot, box.no_button)
    assert store.undo_stack.count() == 0

    # Or reopen it from there, and record the promise at once.
    view.promise_action.trigger()
    box = view.dialog
    assert isinstance(box, Ask)
    click(qtbot, box.yes_button)
    assert store.undo_stack.count() == 1
    dialog = view.dialog
    assert isinstance(dialog, PromiseDialog)
    assert dialog.recorded_on.date() == QDate(2022, 3, 29)


def test_reopen_asks_first_naming_the_delivery_it_removes(
    qtbot: Any, store: Store, view: CommitmentsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(qtbot, view, "forde-report")
    assert not view.reopen_action.isEnabled()  # as of 29 March it was open
    # Viewed from the day of its delivery, it can be reopened.
    store.set_as_of(dt.date(2022, 7, 19))
    qtbot.waitUntil(view.reopen_action.isEnabled, timeout=5000)
    assert view.reopen_action.toolTip() == "Undo its delivery: open again"
    assert not view.deliver_action.isEnabled()
    assert view.deliver_action.toolTip() == "Already delivered on 19 Jul 2022: reopen it first"
    opened: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: opened.append(self))
    view.reopen_action.trigger()
    [box] = opened
    assert isinstance(box, Ask)
    assert box.text() == "Reopen “Forde Report shared with the NEC”?"
    assert plain(box.informativeText()) == (
        "Its delivery on 19 Jul 2022 is removed; Edit ▸ Undo puts it back."
    )
    assert box.defaultButton() is box.no_button  # Enter does not reopen
    box.no_button.click()
    assert store.undo_stack.count() == 0
    assert view.detail is not None
    cid = view.detail.id
    closed = commitment_detail(store.sessions, cid)
    assert closed is not None
    assert closed.status == "delivered"

    view.reopen_action.trigger()
    opened[-1].yes_button.click()
    reopened = commitment_detail(store.sessions, cid)
    assert reopened is not None
    assert (reopened.status, reopened.status_on) == ("open", None)
    store.undo_stack.undo()
    again = commitment_detail(store.sessions, cid)
    assert again is not None
    assert (again.status, again.status_on) == ("delivered", dt.date(2022, 7, 19))
