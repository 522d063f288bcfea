"""A dialog's height following the text in it: grown for a long refusal, given back after."""

from __future__ import annotations

import weakref

from PySide6.QtWidgets import QDialog, QWidget

# The height a window had before `grow_to_fit` grew it, and the height it was grown to.
_grown: weakref.WeakKeyDictionary[QWidget, tuple[int, int]] = weakref.WeakKeyDictionary()


def grow_to_fit(window: QWidget | None, changed: QWidget | None = None) -> None:
    """Make a shown window tall enough for its content at its current width, and give the
    height back once the text is short again.

    A window does not grow by itself when a word-wrapped label in it gets longer (its
    minimum height ignores height-for-width), so the end of the text would be cut off.
    Nor does it shrink: a long refusal, then a short reading, left an empty gap in the
    middle of the form. It shrinks only back towards the height it had before it grew, and
    not at all once the member has resized it. The layouts from `changed` up to the window
    are told at once, not on the next pass of the event loop, so the height asked for is
    the one the new text needs.
    """
    if not isinstance(window, QDialog) or not window.isVisible():
        return  # a dialog only: a main window keeps the size the member gave it
    layout = window.layout()
    if layout is None:
        return
    widget = changed
    while widget is not None and widget is not window:
        inner = widget.layout()
        if inner is not None:
            inner.invalidate()
        widget.updateGeometry()  # drops the size its parent's layout kept for it
        widget = widget.parentWidget()
    layout.invalidate()
    layout.activate()
    width = window.width()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(width)
    else:
        needed = layout.totalMinimumSize().height()
    before, grown_to = _grown.get(window, (window.height(), -1))
    ours = grown_to == window.height()  # the member has not resized it since
    if needed > window.height():
        _grown[window] = (before if ours else window.height(), needed)
        window.resize(width, needed)
    elif ours and needed < window.height():
        height = max(needed, before)
        window.resize(width, height)
        _grown[window] = (before, height)
