"""File ▸ Back Up Now and File ▸ Restore from Backup…: the record's backups, from the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from app.safety import opening as database
from app.safety.backups import backup_folder
from app.safety.restore import Restored, restore_record
from ui.dialogs.errors import show_error
from ui.store import Store


class BackupActions(QObject):
    def __init__(self, window: QMainWindow, store: Store) -> None:
        super().__init__(window)
        self.window, self.store = window, store
        self.back_up_action = QAction(self.tr("&Back Up Now"), window)
        self.back_up_action.setToolTip(
            self.tr("Copy the record now into its backup folder (Docket also does this daily)")
        )
        self.back_up_action.triggered.connect(self.back_up)
        self.restore_action = QAction(self.tr("Restore from Bac&kup…"), window)
        self.restore_action.setToolTip(
            self.tr("Replace the record with one of its backups (the current one is kept)")
        )
        self.restore_action.triggered.connect(self.restore)
        self.restore_action.setEnabled(not store.db.read_only)

    def actions(self) -> list[QAction]:
        return [self.back_up_action, self.restore_action]

    @Slot()
    def back_up(self) -> None:
        url = self.store.db.url
        self.store.load(
            lambda: database.back_up(url),
            lambda path: self.window.statusBar().showMessage(
                self.tr("Backed up to {0}").format(path), 8000
            ),
        )

    @Slot()
    def restore(self) -> None:
        path = self.store.db.path
        if path is None or self.store.db.read_only:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Restore the record from a backup"),
            str(backup_folder(path)),
            self.tr("Docket backups (*.db);;All files (*)"),
        )
        if chosen and self.confirm(Path(chosen)):
            self.restore_from(Path(chosen))

    def confirm(self, source: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore from backup"),
            self.tr(
                "Replace the whole record with the backup {0}?\n\nThe record as it is now is"
                " backed up first, so you can come back to it by restoring that backup."
            ).format(source.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_from(self, source: Path) -> Restored | None:
        """Restore now, on the UI thread: no read may run while the record is replaced."""
        store = self.store
        store.tasks.wait()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = restore_record(store.db.url, source, db=store.db)
        except Exception as exc:
            QApplication.restoreOverrideCursor()
            show_error(self.window, exc)
            return None
        QApplication.restoreOverrideCursor()
        store.undo_stack.clear()  # its edits belong to the record that was replaced
        store.changed.emit()
        self.window.statusBar().showMessage(done.summary(), 15000)
        return done
