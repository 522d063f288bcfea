"""The dialogs, driven as a member would: typing, clicking, and reading what they say back."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.core.errors import Conflict, DomainError
from app.core.settings import Settings, load_settings
from app.reads.browse import bodies, meetings, owners
from app.reads.ledger import commitment_detail
from app.record.agenda import AgendaFields
from app.record.commitments import CommitmentFields, PromiseFields
from app.record.meetings import MeetingFields
from app.safety.opening import Database
from ui import edits
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
    TargetField,
    install_excepthook,
    show_error,
)
from ui.dialogs.bodies_dialog import BodyFormDialog
from ui.dialogs.form import DARK_ERROR, LIGHT_ERROR
from ui.dialogs.owners_dialog import OwnerFormDialog
from ui.store import Store

JAN_MEETING = dt.date(2022, 1, 25)  # the NEC meeting the Forde Report was promised at


@pytest.fixture
def store(sample_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    # Settings and the error log go to this test's folder, never the member's own.
    monkeypatch.setenv("DOCKET_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.setenv("DOCKET_LOG_DIR", str(tmp_path / "logs"))
    return Store(sample_db, settings=Settings())


def nec(store: Store) -> int:
    return next(row.id for row in bodies(store.sessions) if row.key == "nec")


def meeting_id(store: Store, key: str) -> int:
    return next(row.id for row in meetings(store.sessions) if row.key == key)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    return widget


class Recorder:
    """A `submit` that remembers what it was given, or refuses with a DomainError."""

    def __init__(self, refusal: DomainError | None = None) -> None:
        self.calls: list[Any] = []
        self.refusal = refusal

    def __call__(self, value: Any) -> None:
        self.calls.append(value)
        if self.refusal is not None:
            raise self.refusal


# --- the target field ----------------------------------------------------------------------


def test_the_target_field_says_what_next_month_means(qtbot: QtBot, store: Store) -> None:
    field = TargetField(store, body_id=nec(store), today=JAN_MEETING)
    shown(qtbot, field)
    assert field.reading.text() == "No date promised"
    qtbot.keyClicks(field.edit, "next month")
    assert field.reading.text() == "Mon 28 Feb 2022"
    assert field.is_valid()
    typed = field.typed_target()
    assert typed is not None
    assert (typed.target_date, typed.target_meeting_id) == (dt.date(2022, 2, 28), None)


def test_the_target_field_names_the_meeting_it_points_at(qtbot: QtBot, store: Store) -> None:
    field = TargetField(store, body_id=nec(store), today=JAN_MEETING)
    shown(qtbot, field)
    qtbot.keyClicks(field.edit, "the March meeting")
    assert field.reading.text() == "Tue 29 Mar 2022, the meeting that day"
    typed = field.typed_target()
    assert typed is not None
    assert typed.target_meeting_id == meeting_id(store, "nec-2022-03-29")


def test_the_target_field_says_in_red_why_it_cannot_read_a_two_digit_year(
    qtbot: QtBot, store: Store
) -> None:
    field = TargetField(store, body_id=nec(store), today=JAN_MEETING)
    shown(qtbot, field)
    with qtbot.waitSignal(field.validity_changed) as became:
        qtbot.keyClicks(field.edit, "1/2/22")
    assert became.args == [False]
    assert not field.is_valid()
    assert field.typed_target() is None
    assert "write the year in full" in field.reading.text()
    red = field.reading.palette().color(field.reading.foregroundRole()).name()
    assert red in (LIGHT_ERROR, DARK_ERROR)
    field.edit.clear()
    assert field.is_valid()
    assert field.reading.text() == "No date promised"


def test_the_target_field_rereads_when_the_promise_date_moves(qtbot: QtBot, store: Store) -> None:
    field = TargetField(store, body_id=nec(store), today=JAN_MEETING)
    shown(qtbot, field)
    qtbot.keyClicks(field.edit, "next meeting")
    assert field.reading.text() == "Tue 29 Mar 2022, the meeting that day"
    field.set_context(nec(store), dt.date(2022, 4, 1))
    assert field.reading.text() == "Tue 19 Jul 2022, the meeting that day"


# --- promises ------------------------------------------------------------------------------


def promise_dialog(qtbot: QtBot, store: Store, submit: Callable[[PromiseFields], None]) -> Any:
    dialog = PromiseDialog(
        store, submit, commitment_title="Inquiry chair to attend the NEC", body_id=nec(store)
    )
    shown(qtbot, dialog)
    dialog.recorded_on.setDate(QDate(2022, 1, 25))
    return dialog


def test_a_promise_for_the_march_meeting_targets_that_meeting(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = promise_dialog(qtbot, store, submit)
    assert dialog.windowTitle() == "Record a new promise — Inquiry chair to attend the NEC"
    qtbot.keyClicks(dialog.target.edit, "the March meeting")
    qtbot.keyClicks(dialog.given_by, "General Secretary")
    qtbot.keyClicks(dialog.reason, "The inquiry needs more time")
    qtbot.keyClicks(dialog.source, "Letter to NEC members")
    click(qtbot, dialog.ok_button)
    assert submit.calls == [
        PromiseFields(
            recorded_on=JAN_MEETING,
            target_date=None,
            target_meeting_id=meeting_id(store, "nec-2022-03-29"),
            given_by="General Secretary",
            reason="The inquiry needs more time",
            source="Letter to NEC members",
        )
    ]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_a_refused_promise_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, store: Store
) -> None:
    refusal = Conflict("'Forde Report' was delivered on 2022-07-19; reopen it first")
    dialog = promise_dialog(qtbot, store, Recorder(refusal))
    qtbot.keyClicks(dialog.target.edit, "end of March")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible()
    assert dialog.error.text() == str(refusal)
    assert dialog.error.wordWrap()
    assert dialog.target.text() == "end of March"  # what was typed is still there


def test_an_unreadable_target_disables_recording(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = promise_dialog(qtbot, store, submit)
    assert dialog.ok_button.isEnabled()  # empty: "no date promised" is a valid promise
    qtbot.keyClicks(dialog.target.edit, "soonish")
    assert not dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)
    assert submit.calls == []


def test_a_promise_recorded_through_the_dialog_is_a_slip_and_undoable(
    qtbot: QtBot, store: Store
) -> None:
    before = commitment_detail(store.sessions, 2)
    assert before is not None
    assert before.key == "forde-chair-visit"

    def submit(promise: PromiseFields) -> None:
        edits.perform(
            store, "Record promise", edits.record_promise(store.sessions, before.key, promise)
        )

    dialog = promise_dialog(qtbot, store, submit)
    qtbot.keyClicks(dialog.target.edit, "next month")
    click(qtbot, dialog.ok_button)
    after = commitment_detail(store.sessions, 2)
    assert after is not None
    assert len(after.entries) == len(before.entries) + 1
    assert dt.date(2022, 2, 28) in [entry.target for entry in after.entries]
    store.undo_stack.undo()
    undone = commitment_detail(store.sessions, 2)
    assert undone is not None
    assert len(undone.entries) == len(before.entries)


# --- commitments ---------------------------------------------------------------------------


def test_a_new_commitment_needs_a_title(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = shown(qtbot, CommitmentDialog(store, submit, body_id=nec(store)))
    assert isinstance(dialog, CommitmentDialog)
    assert dialog.ok_button.text() == "Create"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.title, "   ")
    assert not dialog.ok_button.isEnabled()
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Publish the Forde Report")
    assert dialog.ok_button.isEnabled()
    dialog.title.clear()
    assert not dialog.ok_button.isEnabled()


def test_a_new_commitment_comes_with_its_first_promise(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = CommitmentDialog(store, submit, body_id=nec(store))
    shown(qtbot, dialog)
    assert dialog.recorded_on is not None
    assert dialog.target is not None
    assert dialog.recorded_on.date() == QDate.currentDate()
    dialog.recorded_on.setDate(QDate(2022, 1, 25))
    qtbot.keyClicks(dialog.title, "Publish the Forde Report")
    qtbot.keyClicks(dialog.owner, "Forde Inquiry")
    qtbot.keyClicks(dialog.details, "In full, with its recommendations")
    qtbot.keyClicks(dialog.source, "NEC minutes")
    qtbot.keyClicks(dialog.target.edit, "next month")
    assert dialog.target.reading.text() == "Mon 28 Feb 2022"
    click(qtbot, dialog.ok_button)
    assert submit.calls == [
        (
            CommitmentFields(
                title="Publish the Forde Report",
                body_id=nec(store),
                owner="Forde Inquiry",
                details="In full, with its recommendations",
                source="NEC minutes",
            ),
            PromiseFields(recorded_on=JAN_MEETING, target_date=dt.date(2022, 2, 28)),
        )
    ]


def test_the_first_promise_is_read_against_the_chosen_body(qtbot: QtBot, store: Store) -> None:
    dialog = CommitmentDialog(store, Recorder(), body_id=nec(store))
    shown(qtbot, dialog)
    assert dialog.recorded_on is not None
    assert dialog.target is not None
    dialog.recorded_on.setDate(QDate(2022, 1, 25))
    qtbot.keyClicks(dialog.target.edit, "next meeting")
    assert "the meeting that day" in dialog.target.reading.text()
    assert "nec-2022" not in dialog.target.reading.text()
    dialog.body.setCurrentIndex(dialog.body.findData(nec(store) + 1))  # the DFP
    assert dialog.target.reading.text() == "Fri 25 Mar 2022, the meeting that day"


def test_editing_a_commitment_leaves_its_ledger_alone(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    existing = CommitmentFields("Forde Report shared", nec(store), "Forde Inquiry", "", "")
    dialog = CommitmentDialog(store, submit, existing=existing)
    shown(qtbot, dialog)
    assert dialog.target is None
    assert dialog.ok_button.text() == "Save"
    assert dialog.owner.currentText() == "Forde Inquiry"
    dialog.title.end(False)
    qtbot.keyClicks(dialog.title, " with the NEC")
    click(qtbot, dialog.ok_button)
    fields, promise = submit.calls[0]
    assert fields.title == "Forde Report shared with the NEC"
    assert fields.owner == "Forde Inquiry"
    assert promise is None


# --- notes, closing, meetings, agendas, schedules -----------------------------------------


def test_a_note_needs_text(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = NoteDialog(store, submit, commitment_title="Forde Report shared")
    shown(qtbot, dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.date.setDate(QDate(2022, 3, 29))
    qtbot.keyClicks(dialog.text, "Largely completed")
    qtbot.keyClicks(dialog.source, "Letter")
    click(qtbot, dialog.ok_button)
    assert submit.calls == [(dt.date(2022, 3, 29), "Largely completed", "Letter")]


@pytest.mark.parametrize(
    ("status", "ok_text"), [("delivered", "Mark delivered"), ("dropped", "Drop commitment")]
)
def test_closing_asks_only_for_the_date(
    qtbot: QtBot, store: Store, status: str, ok_text: str
) -> None:
    submit = Recorder()
    dialog = CloseDialog(store, submit, status=status, commitment_title="Forde Report shared")
    shown(qtbot, dialog)
    assert dialog.ok_button.text() == ok_text
    dialog.date.setDate(QDate(2022, 7, 19))
    click(qtbot, dialog.ok_button)
    assert submit.calls == [dt.date(2022, 7, 19)]


def test_a_closing_status_must_be_delivered_or_dropped(store: Store) -> None:
    with pytest.raises(ValueError, match="status"):
        CloseDialog(store, Recorder(), status="open", commitment_title="x")


def test_a_meeting_without_a_time(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = MeetingDialog(store, submit, body_id=nec(store))
    shown(qtbot, dialog)
    assert dialog.no_time.isChecked()
    assert not dialog.time.isEnabled()
    dialog.date.setDate(QDate(2022, 9, 27))
    qtbot.keyClicks(dialog.title, "NEC")
    qtbot.keyClicks(dialog.location, "Liverpool")
    click(qtbot, dialog.ok_button)
    assert submit.calls == [
        MeetingFields(nec(store), dt.date(2022, 9, 27), None, "NEC", "scheduled", "Liverpool", "")
    ]


def test_a_meeting_edited_with_a_time_and_a_new_status(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    existing = MeetingFields(nec(store), dt.date(2022, 3, 29), dt.time(10, 30), "NEC", "scheduled")
    dialog = MeetingDialog(store, submit, existing=existing)
    shown(qtbot, dialog)
    assert not dialog.no_time.isChecked()
    assert dialog.time.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData("held"))
    click(qtbot, dialog.ok_button)
    assert submit.calls[0].time == dt.time(10, 30)
    assert submit.calls[0].status == "held"
    click(qtbot, dialog.no_time)
    assert not dialog.time.isEnabled()


def test_votes_left_at_a_dash_are_not_recorded(qtbot: QtBot) -> None:
    submit = Recorder()
    dialog = AgendaItemDialog(submit)
    shown(qtbot, dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.votes_for.text() == "—"
    qtbot.keyClicks(dialog.title, "Forde Report")
    dialog.votes_for.setValue(20)
    dialog.votes_against.setFocus()
    qtbot.keyClick(dialog.votes_against, Qt.Key.Key_Up)  # from "—" to 0: a real count
    dialog.status.setCurrentIndex(dialog.status.findData("taken"))
    click(qtbot, dialog.ok_button)
    assert submit.calls == [
        AgendaFields(
            title="Forde Report",
            votes_for=20,
            votes_against=0,
            votes_abstaining=None,
            status="taken",
        )
    ]


def test_an_agenda_item_shows_its_recorded_votes(qtbot: QtBot) -> None:
    existing = AgendaFields("Forde Report", votes_for=20, votes_against=11, status="taken")
    dialog = AgendaItemDialog(Recorder(), existing=existing)
    shown(qtbot, dialog)
    assert (dialog.votes_for.text(), dialog.votes_against.text()) == ("20", "11")
    assert dialog.votes_abstaining.text() == "—"


def test_the_schedule_dialog_lists_bodies_with_a_schedule(qtbot: QtBot, store: Store) -> None:
    submit = Recorder()
    dialog = ScheduleDialog(store, submit)
    shown(qtbot, dialog)
    assert dialog.body.count() == 1  # the DFP has no schedule
    assert dialog.rule.text() == "The last Tuesday of every other month"
    assert dialog.rule_code.text() == "As an iCalendar rule: FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"
    assert dialog.preview.text().startswith("Adds ")
    click(qtbot, dialog.ok_button)
    assert submit.calls == [("nec", store.today() + dt.timedelta(days=365))]


# --- bodies and owners ---------------------------------------------------------------------


def names_in(dialog: BodiesDialog | OwnersDialog) -> list[str]:
    table = dialog.table
    return [
        item.text(0)
        for index in range(table.topLevelItemCount())
        if (item := table.topLevelItem(index)) is not None
    ]


def test_a_body_added_in_the_list_can_be_undone(qtbot: QtBot, store: Store) -> None:
    dialog = BodiesDialog(store)
    shown(qtbot, dialog)
    click(qtbot, dialog.add_button)
    form = dialog.findChild(BodyFormDialog)
    assert form is not None
    assert form.isVisible()
    qtbot.keyClicks(form.name, "Organisation Committee")
    qtbot.keyClicks(form.short_name, "OC")
    qtbot.keyClicks(form.schedule, "FREQ=MONTHLY")
    click(qtbot, form.ok_button)
    assert "Organisation Committee" in names_in(dialog)
    current = dialog.selected()
    assert current is not None
    assert current.name == "Organisation Committee"
    store.undo_stack.undo()
    assert "Organisation Committee" not in names_in(dialog)


def test_a_body_form_checks_its_schedule_as_typed(qtbot: QtBot) -> None:
    form = BodyFormDialog(Recorder())
    shown(qtbot, form)
    qtbot.keyClicks(form.name, "Panel")
    qtbot.keyClicks(form.schedule, "FREQ=MONTHLY;INTERVAL=0")
    assert not form.ok_button.isEnabled()
    assert "INTERVAL" in form.schedule_hint.text()
    form.schedule.clear()
    assert form.ok_button.isEnabled()


def test_a_body_in_use_cannot_be_deleted(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_a: warnings.append(text)
    )
    dialog = BodiesDialog(store)
    shown(qtbot, dialog)
    assert dialog.selected() is not None  # the first body is chosen to start with
    click(qtbot, dialog.delete_button)
    assert len(warnings) == 1
    assert "still has" in warnings[0]
    assert names_in(dialog) == ["National Executive Committee", "Development Fund Panel"]


def test_an_owner_renamed_in_the_list(qtbot: QtBot, store: Store) -> None:
    dialog = OwnersDialog(store)
    shown(qtbot, dialog)
    assert names_in(dialog) == ["Forde Inquiry", "Labour Party", "Martin Forde QC"]
    click(qtbot, dialog.edit_button)
    form = dialog.findChild(OwnerFormDialog)
    assert form is not None
    form.name.selectAll()
    qtbot.keyClicks(form.name, "The Forde Inquiry")
    form.kind.setCurrentIndex(form.kind.findData(""))  # not known
    click(qtbot, form.ok_button)
    assert names_in(dialog)[-1] == "The Forde Inquiry"
    renamed = next(row for row in owners(store.sessions) if row.name == "The Forde Inquiry")
    assert renamed.kind is None
    assert renamed.commitments == 1


def test_a_duplicate_owner_is_refused_inline(qtbot: QtBot, store: Store) -> None:
    dialog = OwnersDialog(store)
    shown(qtbot, dialog)
    click(qtbot, dialog.add_button)
    form = dialog.findChild(OwnerFormDialog)
    assert form is not None
    qtbot.keyClicks(form.name, "Labour Party")
    click(qtbot, form.ok_button)
    assert form.isVisible()
    assert "already exists" in form.error.text()


# --- preferences and the first run ---------------------------------------------------------


def test_preferences_are_saved(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    dialog = PreferencesDialog(store)
    shown(qtbot, dialog)
    assert dialog.due_soon_days.value() == 14
    assert dialog.day_first.isChecked()
    dialog.due_soon_days.selectAll()
    qtbot.keyClicks(dialog.due_soon_days, "21")
    click(qtbot, dialog.month_first)
    click(qtbot, dialog.paper["Letter"])
    with qtbot.waitSignal(store.settings_changed):
        click(qtbot, dialog.ok_button)
    expected = Settings(
        due_soon_days=21, amber_slips=2, open_ended_days=90, dayfirst=False, paper="Letter"
    )
    assert store.settings == expected
    assert load_settings(tmp_path / "settings.json") == expected
    assert not dialog.isVisible()


def test_preferences_can_be_restored_to_the_defaults(qtbot: QtBot, store: Store) -> None:
    store.settings = Settings(due_soon_days=3, paper="Letter")
    dialog = PreferencesDialog(store)
    shown(qtbot, dialog)
    assert dialog.due_soon_days.value() == 3
    dialog.restore_defaults()
    assert dialog.value() == Settings()


def test_the_first_run_offers_the_sample(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    shown(qtbot, dialog)
    click(qtbot, dialog.sample_button)
    assert dialog.choice == "sample"
    assert dialog.result() == QDialog.DialogCode.Accepted
    other = FirstRunDialog()
    shown(qtbot, other)
    click(qtbot, other.empty_button)
    assert other.choice == "empty"


# --- errors --------------------------------------------------------------------------------


class Boxes:
    """Message boxes caught instead of shown (exec() would wait for a click)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        self.critical: list[QMessageBox] = []
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, _t, text, *_a: self.warnings.append(text)
        )
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._caught(box))

    def _caught(self, box: QMessageBox) -> int:
        self.critical.append(box)
        return int(QMessageBox.StandardButton.Ok.value)


def test_a_refusal_is_a_plain_warning(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    boxes = Boxes(monkeypatch)
    show_error(None, Conflict("NEC still has 6 meeting(s)"))
    assert boxes.warnings == ["NEC still has 6 meeting(s)"]
    assert boxes.critical == []


def test_a_bug_is_logged_and_reported_without_a_traceback_in_view(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch)
    try:
        raise RuntimeError("the disk caught fire\nsecond line")
    except RuntimeError as exc:
        show_error(None, exc)
    (box,) = boxes.critical
    assert box.text() == "Something went wrong"
    assert "RuntimeError: the disk caught fire" in box.informativeText()
    assert "second line" not in box.informativeText()
    assert str(tmp_path / "logs" / "docket.log") in box.informativeText()
    assert "Traceback" in box.detailedText()


def test_the_excepthook_routes_uncaught_errors_to_the_dialog(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook(lambda: None)
    error = Conflict("refused")
    sys.excepthook(Conflict, error, None)
    assert boxes.warnings == ["refused"]
    bug = ValueError("boom")
    sys.excepthook(ValueError, bug, None)
    assert len(boxes.critical) == 1


def test_a_submit_bug_keeps_the_dialog_open_and_is_reported(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch)

    def broken(_value: object) -> None:
        raise KeyError("unexpected")

    dialog = NoteDialog(store, broken, commitment_title="x")
    shown(qtbot, dialog)
    qtbot.keyClicks(dialog.text, "A note")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert len(boxes.critical) == 1


# --- every dialog renders ------------------------------------------------------------------


def every_dialog(store: Store) -> dict[str, QWidget]:
    body = nec(store)
    return {
        "commitment": CommitmentDialog(store, Recorder(), body_id=body),
        "promise": PromiseDialog(store, Recorder(), commitment_title="T", body_id=body),
        "note": NoteDialog(store, Recorder(), commitment_title="T"),
        "close": CloseDialog(store, Recorder(), status="delivered", commitment_title="T"),
        "meeting": MeetingDialog(store, Recorder(), body_id=body),
        "agenda": AgendaItemDialog(Recorder()),
        "schedule": ScheduleDialog(store, Recorder()),
        "bodies": BodiesDialog(store),
        "owners": OwnersDialog(store),
        "preferences": PreferencesDialog(store),
        "first-run": FirstRunDialog(),
    }


def test_every_dialog_renders_with_room_to_breathe(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    for name, dialog in every_dialog(store).items():
        shown(qtbot, dialog)
        assert dialog.width() >= 480, name
        assert dialog.windowTitle(), name
        assert dialog.grab().save(str(tmp_path / f"dlg-{name}.png")), name
