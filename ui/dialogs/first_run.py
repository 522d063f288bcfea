"""The welcome shown on an empty record: explore the sample, or start your own."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from ui.dialogs.access import name_controls

SAMPLE = "sample"
EMPTY = "empty"


class FirstRunDialog(QDialog):
    """After `exec()`, `choice` is "sample" or "empty" (closing the window means empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = EMPTY
        self.setWindowTitle(self.tr("Welcome to Docket"))
        self.setMinimumWidth(560)

        heading = QLabel(self.tr("Welcome to Docket"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Docket keeps a committee's meetings, its decisions, and the promises made"
                " to it: who promised what, for when, and how often the date has slipped."
                "\n\nThis record is empty. How would you like to begin?"
            )
        )
        intro.setWordWrap(True)

        self.sample_button = QCommandLinkButton(
            self.tr("Load the sample record"),
            self.tr(
                "The NEC and the Forde Report, 2020–2022: seven meetings and three"
                " commitments, to see how Docket works. You can delete it later."
            ),
        )
        self.empty_button = QCommandLinkButton(
            self.tr("Start empty"),
            self.tr("Begin your own record: add a body, its meetings and the promises made to it."),
        )
        self.sample_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.sample_button)
        layout.addWidget(self.empty_button)

        name_controls(self)
        self.sample_button.clicked.connect(self._choose_sample)
        self.empty_button.clicked.connect(self._choose_empty)

    @Slot()
    def _choose_sample(self) -> None:
        self.choice = SAMPLE
        self.accept()

    @Slot()
    def _choose_empty(self) -> None:
        self.choice = EMPTY
        self.accept()
