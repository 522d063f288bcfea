"""What every view shares: reload on data change and as-of change, search, a `loaded` signal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ui.store import Store


class View(QWidget):
    """A page of the main window. Subclasses implement `reload()` and emit `loaded` when shown."""

    loaded = Signal()  # its data is on screen (tests and screenshots wait for it)
    title = "View"
    status_text = Signal(str)  # a one-line summary for the status bar

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.is_loaded = False
        self.dialog: QDialog | None = None  # the dialog opened last, if any
        store.changed.connect(self.reload)
        store.as_of_changed.connect(lambda _day: self.reload())
        store.settings_changed.connect(self.reload)

    def reload(self) -> None:
        raise NotImplementedError

    def set_search(self, text: str) -> None:
        """Filter what the view shows by free text (Ctrl+F)."""

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Show a dialog window-modally without blocking, so tests and scripts can drive it."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_loaded(self) -> None:
        self.is_loaded = True
        self.loaded.emit()
