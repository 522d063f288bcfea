"""The app and broken references: it opens, says which are broken, and repairs on request.

Also File ▸ Check the Record…, which runs the same full verdict as `docket check`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.settings import Settings
from app.safety.opening import APP, open_database
from db.engine import resolve_url
from tests.safety.support import sample_record
from ui import application
from ui.backup_actions import BackupActions
from ui.dialogs.repair_dialog import RepairDialog
from ui.main_window import MainWindow
from ui.store import Store

SHOTS = os.environ.get("DOCKET_SHOTS")  # a folder to keep the pictures in, when set


def _broken_record(tmp_path: Path) -> Path:
    path = sample_record(tmp_path / "docket.db")
    with sqlite3.connect(path) as connection:  # another program, with SQLite's checks off
        connection.execute("DELETE FROM meetings WHERE key = 'nec-2022-01-25'")
    connection.close()
    return path


def test_broken_references_are_shown_when_the_app_starts_and_repaired_on_request(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _broken_record(tmp_path)
    seen: list[RepairDialog] = []
    told: list[str] = []

    def repair(self: RepairDialog) -> int:
        seen.append(self)
        if SHOTS:
            self.show()
            qtbot.waitExposed(self)
            self.grab().save(str(Path(SHOTS) / "repair-offer.png"))
        assert self.repair_button is not None
        self.repair_button.click()
        return 0

    monkeypatch.setattr(RepairDialog, "exec", repair)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append("!" + text))
    monkeypatch.setattr(application, "_first_run", lambda *_a: None)
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.exec", lambda *_a: 0)
    db = application.open_for_app(resolve_url(str(path)))
    assert db is not None
    assert db.broken  # it opened: broken references are no reason to refuse
    assert application.run(db, None, Settings()) == 0

    [dialog] = seen
    assert "broken references between records" in dialog.informativeText()
    assert "names a meeting (row" in dialog.detailedText()
    assert told, "the repair said what it did"
    assert told[0].startswith("1 missing record put back; every reference holds now.")
    assert not any(t.startswith("!") for t in told)  # no plain warning beside the offer
    again = open_database(resolve_url(str(path)))
    assert again.broken == ()
    again.close()


def test_not_now_leaves_the_record_as_it_is_and_the_offer_comes_back(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _broken_record(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(RepairDialog, "exec", lambda self: self.later_button.click() or 0)
    db = open_database(resolve_url(str(path)), access=APP)
    store = Store(db, Settings())
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    actions: BackupActions = window.backups
    assert actions.offer_repair() is None
    assert actions.dialog is not None
    assert not actions.dialog.repair
    store.tasks.wait()
    db.close()
    assert path.read_bytes() == before
    reopened = open_database(resolve_url(str(path)))
    assert reopened.broken  # still broken, so still offered next time
    reopened.close()


@pytest.mark.sqlite_only  # the record's file: a server keeps its own backups and checks
def test_check_the_record_from_the_file_menu(
    qtbot: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]  # type: ignore[union-attr]
    assert "&Check the Record…" in texts
    window.backups.check_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told == ["The record is sound: every page, index and reference was checked."]
    store.tasks.wait()
