"""Importing a CSV file of meetings or of commitments from the app: check, confirm, write.

The file is first checked in the background (a dry run); the member then sees what would
change, or every refused line, before anything is written. Both passes show progress
for a long file, and Cancel stops them with nothing written.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.transfer.csv_import import CsvImportPlan, CsvRefused, import_csv
from app.transfer.interchange import ImportRefused
from ui.background_jobs import (
    Cancelled,
    Failed,
    Progress,
    close_progress,
    progress_dialog,
    show_status,
)
from ui.store import Store

PROBLEMS_SHOWN = 50


class ImportJob:
    """One CSV import: `check()` runs the dry run, then (if confirmed) the import."""

    def __init__(self, parent: QWidget, store: Store, path: Path) -> None:
        self.parent, self.store, self.path = parent, store, path
        self.stop = threading.Event()
        self.plan: CsvImportPlan | None = None
        self.imported = False
        self.finished = False
        self.signals = Progress()
        self.dialog: QProgressDialog | None = None

    def cancel(self) -> None:
        self.stop.set()

    def check(self) -> None:
        self._run(dry_run=True, label=QCoreApplication.translate("Importing", "Checking {0}…"))

    def write(self) -> None:
        self._run(dry_run=False, label=QCoreApplication.translate("Importing", "Importing {0}…"))

    def _run(self, *, dry_run: bool, label: str) -> None:
        self.stop.clear()
        self.dialog = progress_dialog(
            self.parent,
            label.format(self.path.name),
            QCoreApplication.translate("Importing", "Import CSV"),
            self.signals,
            self.cancel,
        )
        store, dayfirst = self.store, self.store.settings.dayfirst

        def progress(done: int, total: int) -> None:
            if self.stop.is_set():
                raise Cancelled
            self.signals.moved.emit(100 * done // max(total, 1))

        def work() -> Any:
            try:
                return import_csv(
                    store.sessions, self.path, dry_run=dry_run, dayfirst=dayfirst, progress=progress
                )
            except Exception as exc:  # shown on the UI thread, after the dialog closes
                return Failed(exc)

        store.load(work, lambda result: self._done(result, dry_run))

    def _done(self, result: Any, dry_run: bool) -> None:
        if self.dialog is not None:
            close_progress(self.dialog, self.signals, self.cancel)
            self.dialog = None
        if isinstance(result, Failed):
            self.finished = True
            if isinstance(result.error, Cancelled):
                self._status(
                    QCoreApplication.translate("Importing", "Import cancelled: nothing was written")
                )
            elif isinstance(result.error, ImportRefused):
                self.report(result.error)
            else:
                self.store.failed.emit(result.error)
            return
        assert isinstance(result, CsvImportPlan)
        self.plan = result
        if dry_run:
            if self.confirm(result):
                self.write()
            else:
                self.finished = True
            return
        self.imported = self.finished = True
        self.store.changed.emit()  # the one "data changed" signal: views reload
        self._status(
            QCoreApplication.translate("Importing", "Imported {0}").format(result.summary())
        )

    # Dialogs (tests replace these two).

    def confirm(self, plan: CsvImportPlan) -> bool:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("Importing", "Import CSV"))
        box.setText(QCoreApplication.translate("Importing", "Import {0}?").format(plan.summary()))
        box.setInformativeText(
            QCoreApplication.translate("Importing", "Nothing has been written yet.")
        )
        box.setDetailedText("\n".join(plan.preview))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(
            QCoreApplication.translate("Importing", "Import")
        )
        return box.exec() == QMessageBox.StandardButton.Ok

    def report(self, error: ImportRefused) -> None:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Importing", "Import CSV"))
        total = error.total if isinstance(error, CsvRefused) else len(error.problems)
        box.setText(
            QCoreApplication.translate(
                "Importing", "{0} cannot be imported: nothing was written."
            ).format(self.path.name)
        )
        box.setInformativeText(str(error))
        shown = error.problems[:PROBLEMS_SHOWN]  # a file may have thousands of bad rows
        listed = "\n".join(shown)
        if total > len(shown):
            listed += "\n" + QCoreApplication.translate("Importing", "… and {0} more").format(
                total - len(shown)
            )
        box.setDetailedText(listed)
        box.exec()

    def _status(self, text: str) -> None:
        show_status(self.parent, text, 8000)


def import_csv_dialog(parent: QWidget, store: Store) -> ImportJob | None:
    """Ask for a CSV file of meetings or commitments, check it, and import it if confirmed."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Importing", "Import meetings or commitments"),
        "",
        QCoreApplication.translate("Importing", "CSV files (*.csv);;All files (*)"),
    )
    if not path:
        return None
    job = ImportJob(parent, store, Path(path))
    job.check()
    return job
