"""The main window and the Commitments view, driven like a member would, on a real file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from app.core.settings import Settings
from app.ledger.standings import overdue, standings
from app.reads.ledger import commitment_detail
from ui.dialogs.questions import Ask
from ui.models.table import ROW_ROLE
from ui.store import Store
from ui.views.commitments import CommitmentsView

MARCH_29 = dt.date(2022, 3, 29)


@pytest.fixture
def window(qtbot, store: Store):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    yield window
    store.tasks.wait()


def shown_keys(view: CommitmentsView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, 0).data(ROW_ROLE).key for r in range(proxy.rowCount())]


def wait_reloaded(qtbot, view: CommitmentsView, store: Store) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)


def select(qtbot, view: CommitmentsView, key: str, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert view.select_key(key)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == key, timeout=10_000)


def test_the_forde_report_is_overdue_as_of_the_march_meeting(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("overdue")
    assert shown_keys(view) == ["forde-report"]
    # Move the as-of date to the day after the January meeting: nothing was overdue then.
    window.set_as_of(dt.date(2022, 1, 26))
    qtbot.waitUntil(lambda: not store.busy and shown_keys(view) == [], timeout=10_000)
    window.set_as_of(MARCH_29)
    qtbot.waitUntil(lambda: shown_keys(view) == ["forde-report"], timeout=10_000)
    qtbot.waitUntil(lambda: "1 overdue" in window.counts_label.text(), timeout=10_000)


def test_changing_the_as_of_control_recomputes_every_view(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    window.as_of_edit.setDate(QDate(2022, 7, 20))
    assert store.as_of == dt.date(2022, 7, 20)
    view = window.show_view("commitments")
    view.set_show("delivered")
    qtbot.waitUntil(lambda: shown_keys(view) == ["forde-report"], timeout=10_000)


def test_create_a_commitment_through_its_dialog(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.new_action.trigger()
    dialog = view.dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title, "Minutes of the March meeting published")
    dialog.owner.setEditText("General Secretary")
    dialog.recorded_on.setDate(QDate(2022, 3, 29))
    qtbot.keyClicks(dialog.target.edit, "next month")
    assert "30 Apr 2022" in dialog.target.reading.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, store)
    found = [
        s
        for s in standings(store.sessions, MARCH_29, store.settings)
        if s.row.owner == "General Secretary"
    ]
    assert [(s.title, s.row.target, s.slips) for s in found] == [
        ("Minutes of the March meeting published", dt.date(2022, 4, 30), 0)
    ]


def test_date_a_dateless_promise_by_typing_next_month(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("all")
    select(qtbot, view, "forde-chair-visit", store)
    view.promise_action.trigger()
    dialog = view.dialog
    assert dialog is not None
    dialog.recorded_on.setDate(QDate(2022, 3, 29))
    qtbot.keyClicks(dialog.target.edit, "next month")
    assert "30 Apr 2022" in dialog.target.reading.text()
    qtbot.keyClicks(dialog.given_by, "NEC officers")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, store)
    row = next(
        s
        for s in standings(store.sessions, MARCH_29, store.settings)
        if s.key == "forde-chair-visit"
    )
    # A date where there was none: "dated", not a slip (docs/rules.md).
    assert (row.row.target, row.slips) == (dt.date(2022, 4, 30), 0)
    shown = next(view.proxy.index(r, 0).data(ROW_ROLE) for r in range(view.proxy.rowCount())
                 if view.proxy.index(r, 0).data(ROW_ROLE).key == "forde-chair-visit")  # fmt: skip
    assert (shown.slips, shown.row.target) == (0, dt.date(2022, 4, 30))
    detail = commitment_detail(store.sessions, shown.row.id, MARCH_29)
    assert detail is not None
    assert [e.label for e in detail.entries if e.kind == "promise"] == ["original promise", "dated"]


def test_unreadable_target_keeps_the_dialog_open_and_changes_nothing(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    select(qtbot, view, "forde-chair-visit", store)
    view.promise_action.trigger()
    dialog = view.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.target.edit, "1/2/22")
    assert "year in full" in dialog.target.reading.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.isVisible()
    detail = commitment_detail(store.sessions, 2)
    assert detail is not None
    assert sum(e.kind == "promise" for e in detail.entries) == 1


def test_mark_delivered_and_it_leaves_the_overdue_list(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("overdue")
    select(qtbot, view, "forde-report", store)
    assert view.detail is not None
    forde = view.detail.id
    # As of 29 March it was open, and delivered only in July: nothing to reopen that day.
    assert not view.reopen_action.isEnabled()
    assert not view.deliver_action.isEnabled()
    # Seen from today, reopen the Forde Report (delivered in July) to deliver it in March.
    view.set_show("all")
    window.as_of_today()
    qtbot.waitUntil(view.reopen_action.isEnabled, timeout=10_000)
    view.reopen_action.trigger()
    question = view.dialog
    assert isinstance(question, Ask)  # reopening removes the delivery: it asks first
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        question.yes_button.click()
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)
    select(qtbot, view, "forde-report", store)
    qtbot.waitUntil(view.deliver_action.isEnabled, timeout=10_000)
    view.deliver_action.trigger()
    dialog = view.dialog
    assert dialog is not None
    dialog.date.setDate(QDate(2022, 3, 28))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, store)
    # Back on the morning of 29 March it has left the overdue list.
    view.set_show("overdue")
    window.set_as_of(MARCH_29)
    qtbot.waitUntil(lambda: not store.busy and view.is_loaded, timeout=10_000)
    assert shown_keys(view) == []
    assert overdue(store.sessions, MARCH_29, store.settings) == []
    detail = commitment_detail(store.sessions, forde)
    assert detail is not None
    assert (detail.status, detail.status_on) == ("delivered", dt.date(2022, 3, 28))


def test_filter_and_sort(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("all")
    view.body_combo.setCurrentIndex(view.body_combo.findData("dfp"))
    assert shown_keys(view) == ["trainee-organisers"]
    view.body_combo.setCurrentIndex(0)
    window.focus_search()
    qtbot.keyClicks(window.search, "inquiry")
    assert sorted(shown_keys(view)) == ["forde-chair-visit", "forde-report"]
    window.search.clear()
    view.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # slips, most first
    assert shown_keys(view)[0] == "forde-report"
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # title
    assert shown_keys(view) == ["forde-report", "trainee-organisers", "forde-chair-visit"]


def test_undo_and_redo_an_edit(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("all")
    select(qtbot, view, "trainee-organisers", store)
    view.edit_action.trigger()
    dialog = view.dialog
    assert dialog is not None
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Hire 20 trainee organisers")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_reloaded(qtbot, view, store)

    def title() -> str:
        detail = commitment_detail(store.sessions, 3)
        assert detail is not None
        return detail.title

    assert title() == "Hire 20 trainee organisers"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert title() == "Hire 20 centrally funded trainee organisers"
    window.redo_action.trigger()
    assert title() == "Hire 20 trainee organisers"


def test_delete_is_confirmed_and_undoable(qtbot, window, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    view = window.show_view("commitments")
    view.set_show("all")
    select(qtbot, view, "forde-report", store)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.delete_action.trigger()
    wait_reloaded(qtbot, view, store)
    assert "forde-report" not in [
        s.key for s in standings(store.sessions, MARCH_29, store.settings)
    ]
    window.undo_action.trigger()
    restored = [
        s for s in standings(store.sessions, MARCH_29, store.settings) if s.key == "forde-report"
    ]
    assert [(s.slips, s.days_overdue) for s in restored] == [(2, 29)]


def test_every_item_model_passes_the_model_tester(qtbot, window, store, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("all")
    select(qtbot, view, "forde-report", store)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    qtmodeltester.check(view.ledger_model)


def test_window_state_and_last_view_are_restored(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show_view("decisions")
    first.resize(1100, 720)  # above the minimum size (960x620)
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    assert second.current_view() is second.decisions
    assert (second.width(), second.height()) == (1100, 720)
    store.tasks.wait()


def test_screenshot_from_the_command_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "shot.db"
    assert run_cli("--db", str(db), "demo").returncode == 0
    picture = tmp_path / "commitments.png"
    result = run_cli(
        "--db", str(db), "gui", "--screenshot", str(picture), "--view", "commitments",
        "--size", "1100x760", "--as-of", "2022-03-29",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1100, 760)


def test_a_notice_at_start_when_promises_are_overdue_today(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    from app.record.commitments import CommitmentFields, PromiseFields, create_commitment
    from ui.main_window import MainWindow

    today = store.today()
    create_commitment(
        store.sessions,
        CommitmentFields("Publish the minutes", 1, "General Secretary"),
        PromiseFields(today - dt.timedelta(days=30), today - dt.timedelta(days=3)),
    )
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.show()
    # The store views the morning of 29 March 2022: that day's banner speaks, not this one.
    window.show_overdue_notice()
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)
    assert window.as_of_banner.isVisible()
    assert not window.banner.isVisible()
    # Back to today, as the app opens: the notice counts what is overdue today.
    window.as_of_today()
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert not window.as_of_banner.isVisible()
    assert "1 commitment overdue as of today" in window.banner_text.text()
    store.tasks.wait()


def test_first_run_offers_the_sample_record(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.reads import counts as stats
    from ui import application
    from ui.dialogs.first_run import FirstRunDialog

    def choose_sample(self: FirstRunDialog) -> int:
        self.choice = "sample"
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", choose_sample)
    store = Store(db, settings=Settings())
    application._first_run(None, store)
    assert stats.record_counts(db.sessions)["commitments"] == 3


def test_csv_import_from_the_file_menu(qtbot, window, store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from app.reads import browse
    from ui.importing import ImportJob

    path = tmp_path / "meetings.csv"
    path.write_text("body,date,title\nnec,2022-09-20,NEC\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    monkeypatch.setattr(ImportJob, "confirm", lambda self, plan: True)
    assert window.import_csv_action in window.menuBar().actions()[0].menu().actions()
    window.import_csv_action.trigger()
    qtbot.waitUntil(
        lambda: window._import_job is not None and window._import_job.finished, timeout=10_000
    )
    assert "nec-2022-09-20" in [m.key for m in browse.meetings(store.sessions)]


def test_the_ledger_labels_each_entry_and_shows_its_meeting_moving(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("all")
    select(qtbot, view, "forde-report", store)
    model = view.ledger_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    rows = [
        (model.index(r, 0).data(), model.index(r, 1).data(), model.index(r, 2).data())
        for r in range(model.rowCount())
    ]
    entries = [(day, what) for day, what, _ in rows if what != "Note"]
    assert entries == [
        ("1 May 2020", "Original promise"),
        ("16 Nov 2021", "Slip"),
        ("10 Jan 2022", "Moved with the meeting"),
        ("25 Jan 2022", "Slip"),
    ]
    moved = next(r for r in rows if r[1] == "Moved with the meeting")
    assert moved[2] == "18 Jan 2022 → 25 Jan 2022"
    said = next(
        model.index(r, 4).data()
        for r in range(model.rowCount())
        if model.index(r, 1).data() == "Moved with the meeting"
    )
    assert "email from the General Secretary" in said


def test_an_open_ended_promise_is_a_warning_not_on_track(qtbot, window, store) -> None:  # type: ignore[no-untyped-def]
    view = window.show_view("commitments")
    view.set_show("open")
    rows = {view.proxy.index(r, 0).data(ROW_ROLE).key: r for r in range(view.proxy.rowCount())}
    r = rows["forde-chair-visit"]
    assert view.proxy.index(r, 0).data() == "No date"  # not "On track"
    status = next(
        c
        for c in range(view.proxy.columnCount())
        if view.proxy.headerData(c, Qt.Orientation.Horizontal) == "Status"
    )
    assert view.proxy.index(r, status).data() == "No date for 4 months"
    assert view.proxy.index(r, 0).data(ROW_ROLE).rag == "amber"
