"""What every view shares: reload on data change and as-of change, search, a `loaded` signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLayout, QTableView, QVBoxLayout, QWidget

from ui.models.table import ROW_ROLE
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
        self._generations: dict[str, int] = {}
        store.changed.connect(self.reload)
        store.as_of_changed.connect(lambda _day: self.reload())
        store.settings_changed.connect(self.reload)

    def reload(self) -> None:
        raise NotImplementedError

    def set_search(self, text: str) -> None:
        """Filter what the view shows by free text (Ctrl+F)."""

    def load_latest(
        self, channel: str, work: Callable[[], Any], on_done: Callable[[Any], None]
    ) -> None:
        """Load in the background; of several loads on one channel, only the newest lands.

        Two pool threads can finish out of order: without this, a list asked for as of
        one date could arrive after, and overwrite, the list for the date now shown.
        """
        generation = self._generations.get(channel, 0) + 1
        self._generations[channel] = generation

        def done(result: Any) -> None:
            if self._generations.get(channel) == generation:
                on_done(result)

        self.store.load(work, done, owner=self)

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Show a dialog window-modally without blocking, so tests and scripts can drive it."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_loaded(self) -> None:
        self.is_loaded = True
        self.loaded.emit()


def select_row_with_key(table: QTableView, key: str) -> bool:
    """Select (and show) the row whose row object has this stable key."""
    model = table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if getattr(index.data(ROW_ROLE), "key", None) == key:
            table.selectRow(row)
            table.scrollTo(index)
            return True
    return False


def list_pane(filters: QLayout, table: QWidget) -> QWidget:
    """A view's left (or upper) side: its filter row above its table."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(filters)
    layout.addWidget(table)
    return pane
