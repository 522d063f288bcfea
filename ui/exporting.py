"""Exporting from the app: the overdue list (as of the day, as filtered) and the whole record.

The overdue list honours the as-of date and the Commitments view's filters; its format
follows the file name (or the chosen file type): CSV, Excel, PDF, calendar or JSON. The
export runs in the background; a long one shows a progress dialog whose Cancel stops it
before anything is written. The record is written as Docket JSON, also in the background.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.files import write_atomic
from app.core.wording import plural
from app.documents import exports
from app.ledger.standings import overdue
from app.transfer import record_io
from ui.background_jobs import (
    Cancelled,
    Failed,
    Progress,
    close_progress,
    progress_dialog,
    show_status,
)
from ui.languages import QT_TRANSLATE_NOOP
from ui.store import Store
from ui.views.commitments import CommitmentsView

FILE_TYPES = {
    "csv": QT_TRANSLATE_NOOP("Exporting", "CSV for spreadsheets (*.csv)"),
    "xlsx": QT_TRANSLATE_NOOP("Exporting", "Excel workbook (*.xlsx)"),
    "pdf": QT_TRANSLATE_NOOP("Exporting", "PDF, to print or send (*.pdf)"),
    "ics": QT_TRANSLATE_NOOP("Exporting", "Calendar (*.ics)"),
    "json": QT_TRANSLATE_NOOP("Exporting", "JSON (*.json)"),
}
FORMAT_SETTING = "export/overdue_format"


def file_type_label(fmt: str) -> str:
    """The file dialog's name for a format, as the member reads it."""
    return QCoreApplication.translate("Exporting", FILE_TYPES[fmt])


def chosen_format(path: str, file_type: str) -> tuple[Path, str]:
    """The format a file name asks for by its suffix, else the chosen file type's (added)."""
    target = Path(path)
    fmt = exports.format_for(target)
    if fmt is not None:
        return target, fmt
    fmt = next((f for f in FILE_TYPES if file_type_label(f) == file_type), "csv")
    return target.with_name(f"{target.name}.{fmt}"), fmt


class ExportJob:
    """One export in the background, with its progress dialog; `cancel()` stops it."""

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        target: Path,
        fmt: str,
        *,
        body: str | None = None,
        owner: str | None = None,
    ) -> None:
        self.parent, self.store, self.target, self.fmt = parent, store, target, fmt
        self.body, self.owner = body, owner
        self.stop = threading.Event()
        self.finished = False
        self.signals = Progress()
        self.dialog = progress_dialog(
            parent,
            QCoreApplication.translate("Exporting", "Exporting the overdue list to {0}…").format(
                target.name
            ),
            QCoreApplication.translate("Exporting", "Export overdue list"),
            self.signals,
            self.cancel,
        )

    def cancel(self) -> None:
        self.stop.set()

    def start(self) -> None:
        store, as_of, settings = self.store, self.store.as_of, self.store.settings
        info = exports.overdue_info(as_of, body=self.body, owner=self.owner)

        def progress(done: int, total: int) -> None:
            if self.stop.is_set():
                raise Cancelled
            self.signals.moved.emit(5 + 90 * done // max(total, 1))

        def work() -> Any:
            try:
                progress(0, 1)
                rows = overdue(store.sessions, as_of, settings, body=self.body, owner=self.owner)
                pdf_writer = None
                if self.fmt == "pdf":
                    from ui.pdf import write_pdf

                    pdf_writer = write_pdf
                exports.write_list(
                    self.target,
                    self.fmt,
                    rows,
                    info,
                    pdf_writer=pdf_writer,
                    paper=settings.paper,
                    progress=progress,
                )
                return len(rows)
            except Exception as exc:  # shown on the UI thread, after the dialog closes
                return Failed(exc)

        store.load(work, self._done)

    def _done(self, result: Any) -> None:
        self.finished = True
        close_progress(self.dialog, self.signals, self.cancel)
        if isinstance(result, Failed):
            if isinstance(result.error, Cancelled):
                self._status(
                    QCoreApplication.translate("Exporting", "Export cancelled: nothing was written")
                )
            else:
                self.store.failed.emit(result.error)
            return
        self._status(
            QCoreApplication.translate("Exporting", "Exported {0} to {1}").format(
                plural(result, "overdue commitment"), self.target
            )
        )

    def _status(self, text: str) -> None:
        show_status(self.parent, text, 8000)


def export_overdue_dialog(parent: QWidget, store: Store, view: CommitmentsView) -> ExportJob | None:
    """Ask where (and so in which format), then write the overdue list in the background."""
    settings = QSettings()
    last = str(settings.value(FORMAT_SETTING, "csv"))
    last = last if last in FILE_TYPES else "csv"
    path, file_type = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Exporting", "Export overdue list"),
        f"overdue-{store.as_of.isoformat()}.{last}",
        ";;".join(map(file_type_label, FILE_TYPES)),
        file_type_label(last),
    )
    if not path:
        return None
    target, fmt = chosen_format(path, file_type)
    settings.setValue(FORMAT_SETTING, fmt)
    job = ExportJob(
        parent,
        store,
        target,
        fmt,
        body=view.body_combo.currentData(),
        owner=view.owner_combo.currentData(),
    )
    job.start()
    return job


def export_record_dialog(parent: QWidget, store: Store) -> None:
    """Ask where, then write the whole record as Docket JSON in the background."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Exporting", "Export the record"),
        "docket-record.json",
        QCoreApplication.translate("Exporting", "Docket JSON (*.json)"),
    )
    if not path:
        return
    store.load(
        lambda: write_atomic(Path(path), record_io.export_json(store.sessions).encode("utf-8")),
        lambda _r: show_status(
            parent, QCoreApplication.translate("Exporting", "Exported to {0}").format(path), 5000
        ),
        owner=parent,
    )
