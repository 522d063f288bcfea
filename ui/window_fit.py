"""Fitting the main window, frame and all, inside the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

# Room left for the window manager's title bar and frame, which Qt cannot know before the
# window is first shown.
FRAME_ALLOWANCE = QSize(16, 48)


def fit_to_screen(window: QWidget) -> None:
    """Keep the window, frame and all, inside the screen's available area.

    On a 1024×700 screen a 1280×800 first size (or a geometry saved on a bigger screen)
    left Today, Search and the status bar off-screen. The minimum size gives way too
    when the screen is smaller still.
    """
    room = window.screen().availableGeometry()
    most = room.size() - FRAME_ALLOWANCE
    window.setMinimumSize(window.minimumSize().boundedTo(most))
    size = window.size().boundedTo(most)
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    left = min(
        max(frame.left(), room.left()), room.right() - size.width() - FRAME_ALLOWANCE.width()
    )
    top = min(
        max(frame.top(), room.top()), room.bottom() - size.height() - FRAME_ALLOWANCE.height()
    )
    if (left, top) != (frame.left(), frame.top()):
        window.move(max(left, room.left()), max(top, room.top()))
