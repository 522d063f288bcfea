"""File ▸ Back Up Now, Restore from Backup… and Check the Record…: the record's safety, from the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from app.safety import opening as database
from app.safety.backups import backup_folder, newest_good_backup
from app.safety.repair import RepairReport, repair_record
from app.safety.restore import Restored, restore_record
from app.safety.verdict import FULL, Verdict, judge
from ui.dialogs.errors import show_error
from ui.dialogs.repair_dialog import RepairDialog
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
        self.check_action = QAction(self.tr("&Check the Record…"), window)
        self.check_action.setToolTip(
            self.tr(
                "Check every page, index and reference of the record, and repair broken"
                " references from its history"
            )
        )
        self.check_action.triggered.connect(self.check)
        self.dialog: RepairDialog | None = None

    def actions(self) -> list[QAction]:
        return [self.back_up_action, self.restore_action, self.check_action]

    @Slot()
    def check(self) -> None:
        """The full verdict, in the background (a large record takes a second or two)."""
        path = self.store.db.path
        if path is not None:
            self.window.statusBar().showMessage(self.tr("Checking the record…"))
            self.store.load(lambda: judge(path, FULL), self.checked)

    def checked(self, verdict: Verdict) -> None:
        self.window.statusBar().clearMessage()
        if not verdict.ok:
            backup = newest_good_backup(verdict.path) if verdict.damaged else None
            hint = (
                self.tr("\n\nThe newest good backup is {0} ({1}): File ▸ Restore from Backup…")
                .format(backup.path, backup.describe())
                if backup
                else ""
            )  # fmt: skip
            QMessageBox.warning(self.window, self.tr("Docket"), verdict.message + "." + hint)
        elif verdict.broken:
            self.store.db.broken = verdict.broken
            self.offer_repair()
        else:
            QMessageBox.information(
                self.window,
                self.tr("Docket"),
                self.tr("The record is sound: every page, index and reference was checked."),
            )

    def offer_repair(self) -> RepairReport | None:
        """Say which references are broken; repair them if the member agrees."""
        db = self.store.db
        self.dialog = RepairDialog(db.broken, self.window, read_only=db.read_only)
        self.dialog.exec()
        if not self.dialog.repair:
            return None
        return self.repair_now()

    def repair_now(self) -> RepairReport | None:
        """Repair on the UI thread: no read may run while missing records are put back."""
        store = self.store
        store.tasks.wait()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = repair_record(store.db)
        except Exception as exc:
            QApplication.restoreOverrideCursor()
            show_error(self.window, exc)
            return None
        QApplication.restoreOverrideCursor()
        store.changed.emit()
        lines = report.lines()
        shown = "\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else "")
        text = f"{report.summary()}\n\n{shown}"
        if report.left:
            QMessageBox.warning(self.window, self.tr("Docket"), text)
        else:
            QMessageBox.information(self.window, self.tr("Docket"), text)
        return report

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
