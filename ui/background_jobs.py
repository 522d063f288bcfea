"""What the app's long jobs (imports, exports, briefs) share: progress, Cancel, a closing line.

The work runs off the UI thread; a failure comes back as a value (`Failed`), progress as a
signal (`Progress`) that the progress dialog on the UI thread follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Cancelled(Exception):
    """The member pressed Cancel: the job stops, and nothing is written."""


@dataclass(frozen=True)
class Failed:
    """What the job raised, handed back to the UI thread to be shown there."""

    error: BaseException


class Progress(QObject):
    """Carries progress (0 to 100) from the worker thread to the dialog on the UI thread."""

    moved = Signal(int)


def progress_dialog(
    parent: QWidget, label: str, title: str, progress: Progress, cancel: Callable[[], None]
) -> QProgressDialog:
    """A window-modal progress dialog following `progress`; its Cancel calls `cancel`."""
    dialog = QProgressDialog(
        label, QCoreApplication.translate("BackgroundJobs", "Cancel"), 0, 100, parent
    )
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)  # a quick job shows no dialog at all
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel)
    progress.moved.connect(dialog.setValue)
    return dialog


def close_progress(dialog: QProgressDialog, progress: Progress, cancel: Callable[[], None]) -> None:
    progress.moved.disconnect(dialog.setValue)
    dialog.canceled.disconnect(cancel)  # closing it emits canceled
    dialog.close()
    dialog.deleteLater()


def show_status(widget: QWidget, text: str, msecs: int) -> None:
    """Show `text` for a while in the status bar of the window `widget` is in, if it has one."""
    status = getattr(widget.window(), "statusBar", None)
    if status is not None:
        status().showMessage(text, msecs)
