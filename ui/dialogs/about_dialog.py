"""Help ▸ About Docket: what this Docket is and where it keeps things, ready for a bug report.

It shows the version, the Qt and Python it runs on, how it was installed, the record's
path and the log folder; "Copy details" puts the same lines on the clipboard as plain
text, and "Open log folder" shows the log in the file manager.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.logs import log_path
from ui.icons import app_icon


def installed_as() -> str:
    """How this Docket was installed, for a bug report: the frozen bundle, or Python's."""
    if getattr(sys, "frozen", False):
        return f"bundle in {Path(sys.executable).resolve().parent}"
    return f"Python package in {Path(sys.prefix)}"


class AboutDialog(QDialog):
    def __init__(self, record: str, read_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Docket"))
        self.setObjectName("aboutDialog")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        icon.setAccessibleName(self.tr("Docket's icon"))
        title = QLabel(self.tr("<h2>Docket {0}</h2>").format(__version__))
        tagline = QLabel(
            self.tr(
                "A committee member's record of meetings, decisions and the promises made"
                " to the committee — and how often each has slipped."
            )
        )
        tagline.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(tagline)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        record_text = record + (self.tr(" (read-only)") if read_only else "")
        self.details: list[tuple[str, str]] = [
            (self.tr("Version"), __version__),
            (self.tr("Qt"), self.tr("{0} (PySide6 {1})").format(qVersion(), pyside_version)),
            (self.tr("Python"), platform.python_version()),
            (self.tr("System"), platform.platform(terse=True)),
            (self.tr("Installed as"), installed_as()),
            (self.tr("Record"), record_text),
            (self.tr("Log folder"), str(log_path().parent)),
        ]
        form = QFormLayout()
        for label, value in self.details:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            shown.setAccessibleName(label)
            form.addRow(label + ":", shown)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setToolTip(self.tr("Copy these lines, to paste into a bug report"))
        self.copy_button.clicked.connect(self.copy_details)
        self._copied = QTimer(self)
        self._copied.setSingleShot(True)
        self._copied.setInterval(2000)
        self._copied.timeout.connect(lambda: self.copy_button.setText(self.tr("&Copy details")))
        self.log_button = QPushButton(self.tr("Open &log folder"))
        self.log_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def details_text(self) -> str:
        """The details as plain lines, "Label: value"."""
        return "".join(f"{label}: {value}\n" for label, value in self.details)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))
        self._copied.start()  # a child of the dialog: it never fires after the dialog is gone

    @Slot()
    def open_log_folder(self) -> None:
        folder = log_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
