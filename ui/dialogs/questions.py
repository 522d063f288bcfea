"""Asking before a step the member might regret: Yes or Cancel, with Cancel the default."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from ui.dialogs.access import name_controls


def confirmed(parent: QWidget, title: str, text: str) -> bool:
    """Ask `text`; True only if the member answers Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class Ask(QMessageBox):
    """A question shown without blocking (window-modal, through `open()`): Yes runs `on_yes`.

    Its buttons are `yes_button` and `no_button`; No (or Escape) is the default unless
    `yes_default`, so a stray Enter never does what the member might regret.
    """

    def __init__(
        self,
        parent: QWidget,
        title: str,
        text: str,
        informative: str,
        *,
        yes: str,
        no: str,
        on_yes: Callable[[], object],
        yes_default: bool = False,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> None:
        super().__init__(parent)
        self.setIcon(icon)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(informative)
        self.yes_button: QPushButton = self.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        self.no_button: QPushButton = self.addButton(no, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.yes_button if yes_default else self.no_button)
        self.setEscapeButton(self.no_button)
        self._on_yes = on_yes
        self.buttonClicked.connect(self._clicked)
        name_controls(self)

    @Slot(QAbstractButton)
    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.yes_button:
            self._on_yes()
