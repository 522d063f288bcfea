"""Broken references: say what is wrong in plain words, and offer to repair from the history.

Shown when the app opens a record whose references are broken (the record opens: nothing
in it is damaged, but some entries name records that are missing), and from File ▸ Check
the Record…. Every broken reference is listed under Show Details.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.safety.checks import broken_summary, describe_broken
from db.sqlite_safety import BrokenReference
from ui.dialogs.access import name_controls

MAX_LISTED = 200


class RepairDialog(QMessageBox):
    """After `exec()`, `repair` says whether the member chose to repair."""

    def __init__(
        self,
        broken: tuple[BrokenReference, ...],
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.repair = False
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Docket"))
        self.setText(self.tr("Some entries in this record name records that are missing."))
        summary = broken_summary(broken)
        self.repair_button: QPushButton | None = None
        if read_only:
            self.setInformativeText(
                self.tr(
                    "{0}.\n\nThe record is open read-only here: close the Docket that is"
                    " writing to it, then open it again to repair it."
                ).format(summary)
            )
        else:
            self.setInformativeText(
                self.tr(
                    "{0}.\n\nThe record opened as it is. Docket can put back what they name"
                    " from the record's own history, which keeps every record Docket made;"
                    " the record is backed up first. Anything its history does not have is"
                    " listed, and left as it is."
                ).format(summary)
            )
            self.repair_button = self.addButton(
                self.tr("Repair"), QMessageBox.ButtonRole.AcceptRole
            )
        lines = [describe_broken(ref) for ref in broken[:MAX_LISTED]]
        if len(broken) > MAX_LISTED:
            lines.append(self.tr("… and {0} more").format(len(broken) - MAX_LISTED))
        self.setDetailedText("\n".join(lines))
        self.later_button: QPushButton = self.addButton(
            self.tr("Not Now") if not read_only else self.tr("OK"),
            QMessageBox.ButtonRole.RejectRole,
        )
        self.setDefaultButton(self.repair_button or self.later_button)
        name_controls(self)
        self.buttonClicked.connect(
            lambda button: setattr(self, "repair", button is self.repair_button)
        )
