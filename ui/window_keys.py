"""The window's shortcuts work from every field in it, not only from its lists.

A line edit claims many Ctrl keys for itself before any shortcut sees them (Ctrl+E moves
to the end of the line on Linux, Ctrl+D deletes a character): with the keyboard in the
As-of field, Ctrl+E (Export overdue list) was swallowed and the file name typed next landed
in the field. This filter lets a field keep only the keys of editing text (copy, paste,
select all, undo its typing, move by words) and hands every other key that is one of the
window's shortcuts to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

# What a text field keeps for itself even when the window has a shortcut on the same keys.
TEXT_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
)


class WindowKeys(QObject):
    """Installed on the main window's line edits (`watch`)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def watch(self, *fields: QLineEdit) -> None:
        for field in fields:
            field.installEventFilter(self)

    def _window_keys(self) -> set[str]:
        keys: set[str] = set()
        for act in self._window.findChildren(QAction):
            if act.isEnabled():
                keys.update(k.toString() for k in act.shortcuts() if not k.isEmpty())
        return keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if any(event.matches(key) for key in TEXT_KEYS):
                return False
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in self._window_keys():
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        return False


class FocusMark(QObject):
    """Sets a widget's "keyboard" property while it has the keyboard, for the stylesheet
    to mark it (the views list draws no focus frame of its own)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QWidget) and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            watched.setProperty("keyboard", kind == QEvent.Type.FocusIn)
            watched.style().unpolish(watched)
            watched.style().polish(watched)
            watched.update()
        return False
