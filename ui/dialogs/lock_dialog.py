"""When another Docket app has the record open: say who, and offer to open it read-only."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.safety.lock import RecordInUse
from ui.dialogs.access import name_controls


class LockDialog(QMessageBox):
    """After `exec()`, `read_only` says whether the member chose to open the record read-only."""

    def __init__(self, error: RecordInUse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read_only = False
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Docket"))
        self.setText(self.tr("This record is already open in Docket."))
        self.setInformativeText(
            self.tr(
                "{0} is open in {1}. Only one Docket writes to a record at a time, so nothing"
                " is lost between them.\n\nYou can look at the record read-only here, or close"
                " the other Docket first."
            ).format(error.db_path, error.holder.describe())
        )
        self.read_only_button: QPushButton = self.addButton(
            self.tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole
        )
        self.quit_button: QPushButton = self.addButton(
            self.tr("Quit"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.read_only_button)
        name_controls(self)
        self.buttonClicked.connect(
            lambda button: setattr(self, "read_only", button is self.read_only_button)
        )
