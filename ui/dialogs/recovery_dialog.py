"""When the record cannot be opened: say why plainly, and offer the newest good backup."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.safety.refusals import RecordRefused
from ui.dialogs.access import name_controls


class RecoveryDialog(QMessageBox):
    """After `exec()`, `restore` says whether the member chose to restore the offered backup."""

    def __init__(self, error: RecordRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.restore = False
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Docket"))
        self.setText(self.tr("Docket cannot open this record."))
        message = error.verdict.message
        backup = error.backup
        self.restore_button: QPushButton | None = None
        if backup is None:
            self.setInformativeText(
                self.tr("{0}.\n\nThe file was left exactly as it was. No backup of it was found.")
                .format(message)
            )  # fmt: skip
        else:
            self.setInformativeText(
                self.tr(
                    "{0}.\n\nThe file was left exactly as it was. The newest good backup is from"
                    " {1}:\n{2}\n\nRestoring it puts the current file aside under a new name"
                    " (nothing is deleted) and opens the backup."
                ).format(message, backup.describe(), backup.path)
            )
            self.restore_button = self.addButton(
                self.tr("Restore this backup"), QMessageBox.ButtonRole.AcceptRole
            )
        self.quit_button: QPushButton = self.addButton(
            self.tr("Quit"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.restore_button or self.quit_button)
        name_controls(self)
        self.buttonClicked.connect(
            lambda button: setattr(self, "restore", button is self.restore_button)
        )
