"""What every view shares: reloading, search, a `loaded` signal, its actions and its list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.layouts import add_labelled, column
from ui.models.table import ROW_ROLE
from ui.store import Store

T = TypeVar("T")


class View(QWidget):
    """A page of the main window. Subclasses implement `reload()` and emit `loaded` when shown."""

    loaded = Signal()  # its data is on screen (tests and screenshots wait for it)
    title = "View"
    search_cleared = Signal()  # the view cleared its search: the window's search box follows
    status_text = Signal(str)  # a one-line summary for the status bar

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.is_loaded = False
        self.dialog: QDialog | None = None  # the dialog opened last, if any
        self._generations: dict[str, int] = {}
        self._stale = False
        store.changed.connect(self.refresh)
        store.as_of_changed.connect(lambda _day: self.refresh())
        store.settings_changed.connect(self.refresh)
        store.busy_changed.connect(self._busy_changed)

    def reload(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload at once if this is the view in front; a view behind it waits its turn.

        On a record of decades every view's reload is real work: the one on screen is read
        first, alone, and the others once the store is idle again (or when shown, if
        sooner), so an As-of change shows its answer as fast as one view can be read.
        """
        if self._behind():
            self._stale = True
        else:
            self.reload()

    def _behind(self) -> bool:
        stack = self.parentWidget()
        return isinstance(stack, QStackedWidget) and stack.currentWidget() is not self

    @Slot(bool)
    def _busy_changed(self, busy: bool) -> None:
        if not busy and self._stale:
            self._stale = False
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def printable(self) -> tuple[QAbstractItemModel | None, str]:
        """What Ctrl+P prints: the view's main list, and a heading that says what it holds."""
        table = getattr(self, "table", None)
        model = table.model() if isinstance(table, QTableView) else None
        return model, QCoreApplication.translate("View", self.title)

    def set_search(self, text: str) -> None:
        """Filter what the view shows by free text (Ctrl+F)."""

    def take_focus(self) -> None:
        """Put the keyboard in the view's main list, so its shortcuts (Ctrl+N, Ctrl+R) work."""
        table = getattr(self, "table", None)
        target = table if isinstance(table, QTableView) else self.nextInFocusChain()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def load_latest(
        self, channel: str, work: Callable[[], Any], on_done: Callable[[Any], None]
    ) -> None:
        """Load in the background; of several loads on one channel, only the newest lands.

        Two pool threads can finish out of order: without this, a list asked for as of
        one date could arrive after, and overwrite, the list for the date now shown.
        """
        self.cancel_pending(channel)
        generation = self._generations[channel]
        generations = self._generations

        def begin() -> Any:
            # Still waiting for a worker when a newer load was asked for: no need to read.
            return None if generations.get(channel) != generation else work()

        def done(result: Any) -> None:
            if self._generations.get(channel) == generation:
                on_done(result)

        self.store.load(begin, done, owner=self)

    def cancel_pending(self, channel: str) -> None:
        """Let no load asked for on this channel so far land (what it was for has gone)."""
        self._generations[channel] = self._generations.get(channel, 0) + 1

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Show a dialog window-modally without blocking, so tests and scripts can drive it."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_loaded(self) -> None:
        self.is_loaded = True
        self.loaded.emit()


def view_action(
    view: QWidget,
    text: str,
    slot: Callable[[], None],
    shortcut: Any = None,
    *,
    tip: str = "",
    local: bool = False,
) -> QAction:
    """An action of a view, for its menu and buttons; its tooltip is `tip` or its text.

    `text` and `tip` are marked with QT_TRANSLATE_NOOP("Actions", …) where they are written,
    and translated here.

    A `local` shortcut works only while the focus is in the view.
    """
    shown = QCoreApplication.translate("Actions", text)
    act = QAction(shown, view)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if local:
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    tooltip = QCoreApplication.translate("Actions", tip) if tip else shown
    act.setToolTip(tooltip.replace("&", "").rstrip(".…"))
    act.triggered.connect(slot)
    view.addAction(act)
    return act


def selected_row(table: QTableView, kind: type[T]) -> T | None:
    """The row object of the table's selected row, if it is one of `kind`."""
    rows = table.selectionModel().selectedRows()
    row = rows[0].data(ROW_ROLE) if rows else None
    return row if isinstance(row, kind) else None


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


def filter_row(filters: Iterable[tuple[str, QWidget]], count: QLabel) -> QHBoxLayout:
    """A list's filters, each after its label, and at the right how many rows they let through."""
    row = QHBoxLayout()
    add_labelled(row, filters)
    row.addStretch(1)
    row.addWidget(count)
    return row


def list_pane(filters: QLayout, table: QWidget) -> QWidget:
    """A view's left (or upper) side: its filter row above its table."""
    pane = QWidget()
    column(pane, filters, table)
    return pane


def split_view(
    view: QWidget,
    orientation: Qt.Orientation,
    name: str,
    sides: tuple[QWidget, QWidget],
    sizes: list[int],
) -> QSplitter:
    """Fill a view with its list side and its detail side, split where the member drags."""
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    for index, side in enumerate(sides):
        splitter.addWidget(side)
        splitter.setStretchFactor(index, 1)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(sizes)
    layout = QVBoxLayout(view)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.addWidget(splitter)
    return splitter
