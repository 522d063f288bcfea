"""A member's preferences: the RAG thresholds, how dates are read, and the paper size."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QHBoxLayout,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from app.core.errors import DomainError
from app.core.settings import PAPER_SIZES, Settings
from ui.dialogs.form import SubmitDialog, ToneLabel
from ui.languages import QT_TRANSLATE_NOOP
from ui.store import Store

MAX_DAYS = 3650


def _spin(value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_DAYS)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


def save_preferences(store: Store, settings: Settings) -> None:
    """Save through the store; a folder that cannot be written is a refusal, not a bug."""
    try:
        store.update_settings(settings.checked())
    except OSError as exc:  # a full disk or a read-only folder: say so, stay open
        message = QCoreApplication.translate(
            "PreferencesDialog", "The preferences could not be saved: {reason}"
        )
        raise DomainError(message.format(reason=exc)) from exc


# The paper sizes' names (app/core/settings.PAPER_SIZES), marked for translation.
PAPER_NAMES = (
    QT_TRANSLATE_NOOP("PreferencesDialog", "A4"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Letter"),
)


class PreferencesDialog(SubmitDialog[Settings]):
    """OK saves the settings through `store.update_settings`; a failure keeps it open."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(partial(save_preferences, store), parent=parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.ok_button.setText(self.tr("Save"))
        restore = self.buttons.addButton(QDialogButtonBox.StandardButton.RestoreDefaults)
        assert restore is not None
        restore.clicked.connect(self.restore_defaults)

        self.due_soon_days = _spin(0, self.tr(" days"))
        self.due_soon_days.setToolTip(
            self.tr("Open, not yet overdue, and due within this many days: amber")
        )
        self.amber_slips = _spin(0, self.tr(" slips"))
        self.amber_slips.setToolTip(
            self.tr("Slipped this often or more: amber, even when not yet due")
        )
        self.open_ended_days = _spin(0, self.tr(" days"))
        self.open_ended_days.setToolTip(
            self.tr("No date promised for this long: listed as open-ended")
        )

        widest = max(b.sizeHint().width() for b in self._spins())
        for box in self._spins():
            box.setMinimumWidth(widest)

        self.day_first = QRadioButton(self.tr("Da&y first (15/03/2022)"))
        self.month_first = QRadioButton(self.tr("&Month first (03/15/2022)"))
        self._date_order = QButtonGroup(self)
        self._date_order.addButton(self.day_first)
        self._date_order.addButton(self.month_first)
        order = QHBoxLayout()
        order.addWidget(self.day_first)
        order.addWidget(self.month_first)
        order.addStretch(1)

        self.paper: dict[str, QRadioButton] = {}
        self._paper_group = QButtonGroup(self)
        paper_row = QHBoxLayout()
        for size in PAPER_SIZES:
            button = QRadioButton(QCoreApplication.translate("PreferencesDialog", size))
            self.paper[size] = button
            self._paper_group.addButton(button)
            paper_row.addWidget(button)
        paper_row.addStretch(1)

        self.form.addRow(self.tr("Due &soon within:"), self.due_soon_days)
        self.form.addRow(self.tr("&Amber after:"), self.amber_slips)
        self.form.addRow(self.tr("&Open-ended after:"), self.open_ended_days)
        self.form.addRow(self.tr("Dates typed as:"), order)
        self.form.addRow(self.tr("Paper:"), paper_row)
        self.form.addRow(
            ToneLabel(
                self.tr("Thresholds colour the lists: red is overdue, amber at risk."),
                self,
                tone="muted",
            )
        )
        self.show_settings(store.settings)
        self.due_soon_days.setFocus()

    def _spins(self) -> tuple[QSpinBox, QSpinBox, QSpinBox]:
        return self.due_soon_days, self.amber_slips, self.open_ended_days

    def show_settings(self, settings: Settings) -> None:
        self.due_soon_days.setValue(settings.due_soon_days)
        self.amber_slips.setValue(settings.amber_slips)
        self.open_ended_days.setValue(settings.open_ended_days)
        (self.day_first if settings.dayfirst else self.month_first).setChecked(True)
        self.paper.get(settings.paper, self.paper[PAPER_SIZES[0]]).setChecked(True)

    @Slot()
    def restore_defaults(self) -> None:
        self.show_settings(Settings())

    def value(self) -> Settings:
        paper = next((size for size, b in self.paper.items() if b.isChecked()), PAPER_SIZES[0])
        return Settings(
            due_soon_days=self.due_soon_days.value(),
            amber_slips=self.amber_slips.value(),
            open_ended_days=self.open_ended_days.value(),
            dayfirst=self.day_first.isChecked(),
            paper=paper,
        )
