"""No silent dead ends in the dialogs: why OK waits, what to do first, errors in full, words.

Also that a screen reader can name every control, and that a date is one Tab stop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QWidget,
)

from app.core.settings import Settings
from app.reads.browse import bodies
from app.safety.opening import Database
from ui.dialogs import (
    AgendaItemDialog,
    BodiesDialog,
    CloseDialog,
    CommitmentDialog,
    FirstRunDialog,
    MeetingDialog,
    NoteDialog,
    OwnersDialog,
    PreferencesDialog,
    PromiseDialog,
    ScheduleDialog,
)
from ui.dialogs.access import CONTROLS
from ui.dialogs.bodies_dialog import BodyFormDialog
from ui.dialogs.day_field import DayField
from ui.dialogs.history_dialog import HistoryDialog
from ui.dialogs.owners_dialog import OwnerFormDialog
from ui.dialogs.questions import Ask
from ui.dialogs.schedule_words import rule_in_words
from ui.store import Store
from ui.views.commitments import CommitmentsView
from ui.views.meetings import MeetingsView


def nec(store: Store) -> int:
    return next(row.id for row in bodies(store.sessions) if row.key == "nec")


def shown(qtbot: Any, widget: QWidget) -> Any:
    qtbot.addWidget(widget)
    widget.show()
    return widget


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def empty_store(db: Database) -> Iterator[Store]:
    store = Store(db, settings=Settings())
    yield store
    store.tasks.wait(5000)


# --- why OK is disabled, and what to do first ----------------------------------------------


def test_create_says_why_it_is_disabled(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, CommitmentDialog(store, lambda _v: None, body_id=nec(store)))
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_reason.isVisible()
    assert dialog.ok_reason.text() == "Give the commitment a title."
    assert dialog.ok_button.toolTip() == "Give the commitment a title."
    qtbot.keyClicks(dialog.title, "Publish the minutes")
    assert dialog.ok_button.isEnabled()
    assert not dialog.ok_reason.isVisible()
    qtbot.keyClicks(dialog.target.edit, "soonish")
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_reason.text() == (
        "Type a target Docket can read, or leave it empty for no date."
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda s: NoteDialog(s, lambda _v: None, commitment_title="T"), "Write the note first."),
        (lambda s: AgendaItemDialog(lambda _v: None), "Give the item a title."),
        (lambda s: OwnerFormDialog(lambda _v: None), "Give the owner a name."),
        (lambda s: BodyFormDialog(lambda _v: None), "Give the body a name."),
    ],
)
def test_every_form_says_what_it_waits_for(
    qtbot: Any, store: Store, make: Any, reason: str
) -> None:
    dialog = shown(qtbot, make(store))
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_reason.isVisible()
    assert dialog.ok_reason.text() == reason


@pytest.mark.parametrize("kind", ["commitment", "meeting"])
def test_an_empty_record_offers_to_add_the_committee_first(
    qtbot: Any, empty_store: Store, kind: str
) -> None:
    store = empty_store
    make = CommitmentDialog if kind == "commitment" else MeetingDialog
    dialog = shown(qtbot, make(store, lambda _v: None))
    hint = dialog.first_body
    assert hint is not None
    assert hint.isVisible()
    assert "no committee yet" in hint.text.text()
    assert hint.button.text() == "Add the committee first…"
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_reason.text().startswith("Add the committee first:")

    click(qtbot, hint.button)
    form = hint.form
    assert isinstance(form, BodyFormDialog)
    assert form.isVisible()
    qtbot.keyClicks(form.name, "National Executive Committee")
    qtbot.keyClicks(form.short_name, "NEC")
    click(qtbot, form.ok_button)

    assert [row.name for row in bodies(store.sessions)] == ["National Executive Committee"]
    assert dialog.body.currentText() == "National Executive Committee (NEC)"
    assert not hint.isVisible()
    assert store.undo_stack.count() == 1  # undoable like any other edit
    if kind == "commitment":
        assert dialog.ok_reason.text() == "Give the commitment a title."
        qtbot.keyClicks(dialog.title, "Publish the minutes")
    assert dialog.ok_button.isEnabled()


def test_a_record_with_bodies_shows_no_such_hint(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, CommitmentDialog(store, lambda _v: None))
    assert dialog.first_body is None


# --- errors in full ------------------------------------------------------------------------


def test_an_unreadable_target_shows_every_phrase_that_would_help(qtbot: Any, store: Store) -> None:
    dialog = shown(
        qtbot, PromiseDialog(store, lambda _v: None, commitment_title="T", body_id=nec(store))
    )
    qtbot.waitExposed(dialog)
    before = dialog.height()
    qtbot.keyClicks(dialog.target.edit, "soonish")  # typed into the dialog already on screen
    reading = dialog.target.reading
    assert reading.text().startswith("Cannot read 'soonish' as a target. Accepted:")
    assert reading.text().endswith("the March meeting")
    # Wrapped, and the whole of it on screen: the label as tall as its text, inside the dialog.
    assert reading.wordWrap()
    assert reading.height() >= reading.heightForWidth(reading.width())
    bottom = reading.mapTo(dialog, reading.rect().bottomLeft()).y()
    assert bottom < dialog.given_by.mapTo(dialog, dialog.given_by.rect().topLeft()).y()
    assert dialog.height() > before
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())


# --- schedules in words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU", "the last Tuesday of every other month"),
        ("FREQ=MONTHLY;BYDAY=1MO", "the first Monday of every month"),
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1", "the last Tuesday of every month"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "the 15th of every month"),
        ("FREQ=WEEKLY;BYDAY=WE", "every Wednesday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "every other Monday and Thursday"),
        ("FREQ=MONTHLY;INTERVAL=3", "every 3 months, on the day of the first meeting"),
        ("FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU", "the last Sunday of September, every year"),
        ("FREQ=MONTHLY;BYDAY=2WE;COUNT=6", "the second Wednesday of every month, 6 times"),
        ("FREQ=MONTHLY;BYDAY=2WE;COUNT=1", "the second Wednesday of every month, once"),
        (
            "FREQ=MONTHLY;BYDAY=-1TU;UNTIL=20221231",
            "the last Tuesday of every month, until 31 Dec 2022",
        ),
        ("FREQ=MONTHLY;BYDAY=-1TU;BYHOUR=10", "the last Tuesday of every month at 10:00"),
        ("FREQ=MONTHLY;BYWEEKNO=3", None),  # not a shape put into words: shown as written
        ("FREQ=SECONDLY", None),
        ("not a rule", None),
    ],
)
def test_a_schedule_in_words(rule: str, words: str | None) -> None:
    assert rule_in_words(rule) == words


def test_the_schedule_dialog_says_the_rule_in_words(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, ScheduleDialog(store, lambda _v: None))
    assert dialog.rule.text() == "The last Tuesday of every other month"
    assert dialog.rule_code.text() == "As an iCalendar rule: FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"
    assert dialog.preview.text().startswith("Adds 6 meetings, from ")


def test_the_body_form_and_list_say_the_schedule_in_words(qtbot: Any, store: Store) -> None:
    form = shown(qtbot, BodyFormDialog(lambda _v: None))
    qtbot.keyClicks(form.schedule, "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU")
    assert form.schedule_hint.text() == "Meets the last Tuesday of every other month."
    listing = shown(qtbot, BodiesDialog(store))
    first = listing.table.topLevelItem(0)
    assert first.text(2) == "The last Tuesday of every other month"
    assert first.toolTip(2) == "As an iCalendar rule: FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"


# --- plurals -------------------------------------------------------------------------------


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def loaded(qtbot: Any, view: Any) -> Any:
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded)
    return view


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("forde-report", "with its 3 promises and 5 notes?"),
        ("forde-chair-visit", "with its promise and 1 note?"),
    ],
)
def test_deleting_a_commitment_counts_its_ledger_in_words(
    qtbot: Any, store: Store, questions: list[str], key: str, words: str
) -> None:
    view = loaded(qtbot, CommitmentsView(store))
    view.set_show("all")
    assert view.select_key(key)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == key)
    view.delete_action.trigger()
    assert words in questions[0]
    assert "(s)" not in questions[0]


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("nec-2022-03-29", "with its 5 agenda items?"),
        ("nec-2022-07-19", "with its agenda item?"),
    ],
)
def test_deleting_a_meeting_counts_its_agenda_in_words(
    qtbot: Any, store: Store, questions: list[str], key: str, words: str
) -> None:
    view = loaded(qtbot, MeetingsView(store))
    view.set_when("all")
    assert view.select_key(key)
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().key == key)
    view.delete_action.trigger()
    assert words in questions[0]
    assert "(s)" not in questions[0]


# --- accessible names and Tab --------------------------------------------------------------


def every_dialog(store: Store) -> dict[str, QWidget]:
    body = nec(store)
    note = NoteDialog(store, lambda _v: None, commitment_title="T")
    return {
        "commitment": CommitmentDialog(store, lambda _v: None, body_id=body),
        "promise": PromiseDialog(store, lambda _v: None, commitment_title="T", body_id=body),
        "note": note,
        "close": CloseDialog(store, lambda _v: None, status="dropped", commitment_title="T"),
        "meeting": MeetingDialog(store, lambda _v: None, body_id=body),
        "agenda": AgendaItemDialog(lambda _v: None),
        "schedule": ScheduleDialog(store, lambda _v: None),
        "bodies": BodiesDialog(store),
        "body": BodyFormDialog(lambda _v: None),
        "owners": OwnersDialog(store),
        "owner": OwnerFormDialog(lambda _v: None),
        "preferences": PreferencesDialog(store),
        "first-run": FirstRunDialog(),
        "history": HistoryDialog(store, "T", list),
        "question": Ask(note, "T", "Reopen?", "Why", yes="Reopen", no="Cancel", on_yes=list),
    }


def test_every_control_has_an_accessible_name(qtbot: Any, store: Store) -> None:
    for name, dialog in every_dialog(store).items():
        shown(qtbot, dialog)
        unnamed = [
            f"{type(w).__name__} {w.objectName()}"
            for w in dialog.findChildren(QWidget)
            if isinstance(w, CONTROLS) and w.isVisible() and not w.accessibleName()
        ]
        assert unnamed == [], name


def test_fields_are_named_after_their_labels(qtbot: Any, store: Store) -> None:
    dialog = shown(qtbot, every_dialog(store)["promise"])
    assert dialog.recorded_on.accessibleName() == "Recorded on"
    assert dialog.target.edit.accessibleName() == "Target"
    assert dialog.given_by.accessibleName() == "Given by"
    assert dialog.reason.accessibleName() == "Reason"
    assert dialog.recorded_field.switch.accessibleName().startswith("Use today")
    meeting = shown(qtbot, every_dialog(store)["meeting"])
    assert meeting.time.accessibleName() == "Time"
    assert meeting.no_time.accessibleName() == "No time set"
    agenda = shown(qtbot, every_dialog(store)["agenda"])
    assert agenda.votes_for.accessibleName() == "For"


def focus(qtbot: Any, widget: QWidget) -> None:
    window = widget.window()
    window.activateWindow()
    qtbot.waitActive(window)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QWidget | None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)
    return QApplication.focusWidget()


def date_fields(store: Store) -> list[tuple[str, QWidget, DayField, QWidget]]:
    """(name, dialog, its date field, the field Tab reaches it from)."""
    dialogs = every_dialog(store)
    commitment = dialogs["commitment"]
    meeting = dialogs["meeting"]
    schedule = dialogs["schedule"]
    assert commitment.recorded_on is not None
    return [
        ("commitment", commitment, commitment.recorded_on, commitment.source),
        ("meeting", meeting, meeting.date, meeting.body),
        ("schedule", schedule, schedule.until, schedule.body),
    ]


def test_tab_enters_and_leaves_a_date_in_one_step(qtbot: Any, store: Store) -> None:
    for name, dialog, date, before in date_fields(store):
        shown(qtbot, dialog)
        focus(qtbot, before)
        assert press(qtbot, Qt.Key.Key_Tab) is date, name
        after = press(qtbot, Qt.Key.Key_Tab)
        assert after is not date, name
        assert after is not date.lineEdit(), name
        # And back again with Shift+Tab, in one step each way.
        assert press(qtbot, Qt.Key.Key_Backtab) is date, name
        assert press(qtbot, Qt.Key.Key_Backtab) is before, name
        dialog.close()


@pytest.mark.parametrize("name", ["promise", "note", "close"])
def test_the_first_field_is_the_date_and_one_tab_leaves_it(
    qtbot: Any, store: Store, name: str
) -> None:
    dialog = shown(qtbot, every_dialog(store)[name])
    date = dialog.recorded_on if name == "promise" else dialog.date
    focus(qtbot, date)
    after = press(qtbot, Qt.Key.Key_Tab)
    assert after is not date
    assert after is not date.lineEdit()
    assert press(qtbot, Qt.Key.Key_Backtab) is date


def test_a_date_field_still_steps_through_its_parts_with_the_arrow_keys(
    qtbot: Any, store: Store
) -> None:
    dialog = shown(qtbot, every_dialog(store)["note"])
    focus(qtbot, dialog.date)
    day = dialog.date.date()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Up)
    assert dialog.date.date() == day.addDays(1)
    assert dt.date(2022, 3, 30) == dialog.date_field.date()


def test_with_no_schedule_the_schedule_dialog_opens_the_bodies(
    qtbot: Any, empty_store: Store
) -> None:
    dialog = shown(qtbot, ScheduleDialog(empty_store, lambda _v: None))
    assert dialog.no_schedule.isVisible()
    assert not dialog.ok_button.isVisible()
    assert not dialog.until.isVisible()
    click(qtbot, dialog.bodies_button)
    listing = dialog.bodies_dialog
    assert isinstance(listing, BodiesDialog)
    click(qtbot, listing.add_button)
    form = listing.findChild(BodyFormDialog)
    assert form is not None
    qtbot.keyClicks(form.name, "National Executive Committee")
    qtbot.keyClicks(form.schedule, "FREQ=MONTHLY;BYDAY=-1TU")
    click(qtbot, form.ok_button)
    listing.close()
    qtbot.waitUntil(lambda: dialog.until.isVisible())
    assert not dialog.no_schedule.isVisible()
    assert dialog.rule.text() == "The last Tuesday of every month"
    assert dialog.ok_button.isVisible()
    assert dialog.ok_button.isEnabled()
