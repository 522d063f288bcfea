"""Exporting the overdue list from the app, honouring the as-of date and current filters.

The format follows the file name (or the chosen file type): CSV, Excel, PDF, calendar
or JSON. The export runs in the background; a long one shows a progress dialog whose
Cancel stops it before anything is written.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from app.documents import exports
from app.ledger.standings import overdue
from ui.store import Store
from ui.views.commitments import CommitmentsView

FILE_TYPES = {
    "csv": "CSV for spreadsheets (*.csv)",
    "xlsx": "Excel workbook (*.xlsx)",
    "pdf": "PDF, to print or send (*.pdf)",
    "ics": "Calendar (*.ics)",
    "json": "JSON (*.json)",
}
FORMAT_SETTING = "export/overdue_format"


class Cancelled(Exception):
    """The member pressed Cancel: the export stops, and nothing is written."""


@dataclass(frozen=True)
class _Failed:
    error: BaseException


def chosen_format(path: str, file_type: str) -> tuple[Path, str]:
    """The format a file name asks for by its suffix, else the chosen file type's (added)."""
    target = Path(path)
    fmt = exports.format_for(target)
    if fmt is not None:
        return target, fmt
    fmt = next((f for f, label in FILE_TYPES.items() if label == file_type), "csv")
    return target.with_name(f"{target.name}.{fmt}"), fmt


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog on the UI thread."""

    moved = Signal(int)


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
        self.dialog = QProgressDialog(
            parent.tr("Exporting the overdue list to {0}…").format(target.name),
            parent.tr("Cancel"),
            0,
            100,
            parent,
        )
        self.dialog.setWindowTitle(parent.tr("Export overdue list"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(500)  # a quick export shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.signals = _Progress()
        self.signals.moved.connect(self.dialog.setValue)

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
                return _Failed(exc)

        store.load(work, self._done)

    def _done(self, result: Any) -> None:
        self.finished = True
        self.dialog.canceled.disconnect(self.cancel)  # closing it emits canceled
        self.dialog.close()
        self.dialog.deleteLater()
        if isinstance(result, _Failed):
            if isinstance(result.error, Cancelled):
                self._status(self.parent.tr("Export cancelled: nothing was written"))
            else:
                self.store.failed.emit(result.error)
            return
        self._status(
            self.parent.tr("Exported {0} overdue item(s) to {1}").format(result, self.target)
        )

    def _status(self, text: str) -> None:
        status = getattr(self.parent.window(), "statusBar", None)
        if status is not None:
            status().showMessage(text, 8000)


def export_overdue_dialog(parent: QWidget, store: Store, view: CommitmentsView) -> ExportJob | None:
    """Ask where (and so in which format), then write the overdue list in the background."""
    settings = QSettings()
    last = str(settings.value(FORMAT_SETTING, "csv"))
    last = last if last in FILE_TYPES else "csv"
    path, file_type = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Export overdue list"),
        f"overdue-{store.as_of.isoformat()}.{last}",
        ";;".join(FILE_TYPES.values()),
        FILE_TYPES[last],
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
