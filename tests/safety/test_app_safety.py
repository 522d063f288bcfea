"""Data safety in the app: History, the lock and read-only mode, recovery, backup and restore."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.settings import Settings
from app.record import commitments
from app.safety.backups import list_backups, take_backup
from app.safety.lock import RecordInUse, RecordLock
from app.safety.opening import READ_ONLY, open_database
from app.safety.refusals import ReadOnlyRecord, RecordRefused
from db.engine import resolve_url
from tests.safety.support import rows, sample_record
from ui import application, edits
from ui.backup_actions import BackupActions
from ui.dialogs.history_dialog import HistoryDialog
from ui.dialogs.lock_dialog import LockDialog
from ui.dialogs.recovery_dialog import RecoveryDialog
from ui.main_window import MainWindow
from ui.store import Store
from ui.views.commitments import CommitmentsView
from ui.views.meetings import MeetingsView

SHOTS = os.environ.get("DOCKET_SHOTS")  # a folder to keep the pictures in, when set


def _select(view: Any, qtbot: Any, key: str) -> None:
    view.resize(1200, 760)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded)
    assert view.select_key(key)


def _history(view: Any, qtbot: Any) -> HistoryDialog:
    qtbot.waitUntil(view.history_action.isEnabled)  # once the selection's detail is shown
    view.history_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, HistoryDialog)  # owned by the view, closed with it
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    return dialog


def test_a_commitments_history_from_its_view(qtbot: Any, qtmodeltester: Any, store: Store) -> None:
    cid = 1
    before = commitments.commitment_fields(store.sessions, cid)
    edits.perform(
        store,
        "Edit",
        edits.update_commitment(
            store.sessions, "forde-report", replace(before, owner="NEC officers")
        ),
    )
    edits.perform(
        store,
        "Note",
        edits.add_note(
            store.sessions, "forde-report", dt.date(2022, 3, 30), "Chased by email", "Email"
        ),
    )
    view = CommitmentsView(store)
    qtbot.addWidget(view)
    _select(view, qtbot, "forde-report")
    dialog = _history(view, qtbot)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[2:6] == ["Added note", "Chased by email", "", ""]
    fields = set(first[6].split(" · "))
    assert {"recorded on: 30 Mar 2022", "source: Email", "text: Chased by email"} <= fields
    texts = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert [
        "Changed commitment",
        "Forde Report shared with the NEC",
        "owner",
        "Forde Inquiry",
        "NEC officers",
    ] in [t[2:] for t in texts]
    assert dialog.windowTitle() == "History — Forde Report shared with the NEC"
    dialog.resize(1100, 420)
    dialog.show()
    picture = dialog.grab()
    assert not picture.isNull()
    if SHOTS:
        picture.save(str(Path(SHOTS) / "history-commitment.png"))
    dialog.close()


def test_a_meetings_history_from_its_view(qtbot: Any, store: Store) -> None:
    view = MeetingsView(store)
    qtbot.addWidget(view)
    _select(view, qtbot, "nec-2022-03-29")
    assert view.history_button.defaultAction() is view.history_action
    dialog = _history(view, qtbot)
    records = {dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())}
    assert records == {"Added meeting", "Added agenda item"}
    if SHOTS:
        dialog.resize(1100, 420)
        dialog.show()
        dialog.grab().save(str(Path(SHOTS) / "history-meeting.png"))
        view.grab().save(str(Path(SHOTS) / "meetings-view.png"))
    dialog.close()


def test_a_second_app_opens_read_only_and_refuses_edits_plainly(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample_record(tmp_path / "docket.db")
    url = resolve_url(str(path))
    first = open_database(url, access="app")
    chosen: list[LockDialog] = []

    def choose_read_only(self: LockDialog) -> int:
        chosen.append(self)
        self.read_only_button.click()
        return 0

    monkeypatch.setattr(LockDialog, "exec", choose_read_only)
    try:
        db = application.open_for_app(url)
        assert db is not None
        assert db.read_only
        assert "is open in the Docket app (process" in chosen[0].informativeText()
        store = Store(db, settings=Settings())
        with pytest.raises(ReadOnlyRecord, match="open read-only"):
            edits.perform(
                store,
                "Note",
                edits.add_note(db.sessions, "forde-report", dt.date(2022, 4, 1), "x", ""),
            )
        assert store.undo_stack.count() == 0
        window = MainWindow(store, restore=False)
        qtbot.addWidget(window)
        assert not window.backups.restore_action.isEnabled()
        # Nothing to fill in only to be refused: the edits are disabled, and say why.
        for act in (window.commitments.new_action, window.meetings.new_action):
            assert not act.isEnabled()
            assert act.toolTip().startswith("Read-only: another Docket is writing")
        store.tasks.wait()
        store.close()
        db.close()
    finally:
        first.close()


def test_a_read_only_window_follows_what_the_writing_one_does(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample_record(tmp_path / "docket.db")
    url = resolve_url(str(path))
    first = open_database(url, access="app")
    monkeypatch.setattr(LockDialog, "exec", lambda self: self.read_only_button.click() or 0)
    db = application.open_for_app(url)
    assert db is not None
    assert db.read_only
    store = Store(db, settings=Settings())
    try:
        window = MainWindow(store, restore=False)
        qtbot.addWidget(window)
        window.show()
        view = window.show_view("commitments")
        qtbot.waitUntil(lambda: view.is_loaded and not store.busy, timeout=10_000)
        view.set_show("delivered")
        qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=10_000)
        # The writing Docket undoes the delivery: this window shows it open, with no restart.
        forde = next(s.row.id for s in view.model.rows() if s.key == "forde-report")
        with qtbot.waitSignal(store.changed, timeout=6000):
            commitments.reopen(first.sessions, forde)
        qtbot.waitUntil(lambda: view.proxy.rowCount() == 0, timeout=10_000)
        store.tasks.wait()
    finally:
        store.close()
        db.close()
        first.close()


def test_quitting_at_the_lock_dialog_opens_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample_record(tmp_path / "docket.db")
    lock = RecordLock(path)
    lock.acquire("the Docket app")
    monkeypatch.setattr(LockDialog, "exec", lambda self: self.quit_button.click() or 0)
    try:
        assert application.open_for_app(resolve_url(str(path))) is None
    finally:
        lock.release()


def test_a_damaged_record_is_recovered_from_its_newest_good_backup(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample_record(tmp_path / "docket.db")
    url = resolve_url(str(path))
    db = open_database(url)
    backup = take_backup(db.engine, path, "manual", now=dt.datetime.now() + dt.timedelta(minutes=1))
    db.close()
    good = rows(path)
    path.write_bytes(path.read_bytes()[:6000])  # cut short
    damaged = path.read_bytes()
    seen: list[RecoveryDialog] = []

    def restore(self: RecoveryDialog) -> int:
        seen.append(self)
        assert self.restore_button is not None
        self.restore_button.click()
        return 0

    monkeypatch.setattr(RecoveryDialog, "exec", restore)
    opened = application.open_for_app(url)
    assert opened is not None
    try:
        assert "cannot be opened: it is damaged" in seen[0].informativeText()
        assert str(backup.path) in seen[0].informativeText()
        assert rows(path) == good
        [aside] = [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
        assert aside.read_bytes() == damaged
    finally:
        opened.close()


def test_without_a_backup_the_recovery_dialog_only_explains(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a record")
    with pytest.raises(RecordRefused) as refused:
        open_database(resolve_url(str(path)))
    dialog = RecoveryDialog(refused.value)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "No backup of it was found" in dialog.informativeText()


@pytest.mark.sqlite_only  # the record's file: a server keeps its own backups and checks
def test_back_up_and_restore_from_the_file_menu(
    qtbot: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]  # type: ignore[union-attr]
    assert "&Back Up Now" in texts
    assert "Restore from Bac&kup…" in texts
    actions: BackupActions = window.backups
    path = store.db.path
    assert path is not None
    actions.back_up_action.trigger()
    qtbot.waitUntil(lambda: any(b.reason == "manual" for b in list_backups(path)), timeout=5000)
    store.tasks.wait()
    [manual] = [b for b in list_backups(path) if b.reason == "manual"]
    saved = rows(path)

    edits.perform(
        store,
        "Note",
        edits.add_note(store.sessions, "forde-report", dt.date(2022, 4, 1), "later", ""),
    )
    assert store.undo_stack.count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert actions.confirm(manual.path)
    with qtbot.waitSignal(store.changed, timeout=5000):
        done = actions.restore_from(manual.path)
    assert done is not None
    assert rows(path) == saved
    assert store.undo_stack.count() == 0  # the edits belonged to the record replaced
    assert any(b.reason == "before-restore" for b in list_backups(path))
    store.tasks.wait()


def test_warnings_about_the_record_are_shown_when_the_app_starts(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "OneDrive" / "docket.db"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(application, "_first_run", lambda *_a: None)
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.exec", lambda *_a: 0)
    db = application.open_for_app(resolve_url(str(path)))
    assert db is not None
    assert db.lock is not None
    assert application.run(db, None, Settings()) == 0
    assert any("cloud service (OneDrive)" in text for text in shown)
    assert not db.lock.held  # released when the app closed the record


def test_read_only_needs_a_record_at_this_schema(tmp_path: Path) -> None:
    from tests.safety.support import DATA

    path = tmp_path / "old.db"
    path.write_bytes((DATA / "schema_0001.db").read_bytes())
    with pytest.raises(Exception, match="needs upgrading"):
        open_database(resolve_url(str(path)), access=READ_ONLY)
    lock = RecordLock(path)
    lock.acquire("a Docket command upgrading the record")
    try:
        with pytest.raises(RecordInUse, match="a Docket command upgrading"):
            open_database(resolve_url(str(path)), access="app")
    finally:
        lock.release()
