"""Docket's look: one stylesheet (resources/styles/docket.qss), a light and a dark palette
that follow the system's colour scheme, and a typographic scale.

The palette carries the colours, so widgets that take them from it (and the stylesheet,
which names palette roles) look right in both schemes; only accents are fixed.
"""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# The type scale, relative to the system's body size (ui.views.widgets.heading uses it):
# a count on a card, a figure beside it, a page's title, a section, body text, a caption.
COUNT, FIGURE, TITLE, SECTION, BODY, CAPTION = 2.4, 1.6, 1.35, 1.1, 1.0, 0.86

LIGHT = {
    "Window": "#f5f6f8", "WindowText": "#1b1f24", "Base": "#ffffff", "AlternateBase": "#f2f4f7",
    "Text": "#1b1f24", "Button": "#ffffff", "ButtonText": "#1b1f24", "Highlight": "#2a6fdb",
    "HighlightedText": "#ffffff", "Mid": "#c5cbd3", "Midlight": "#e3e7ec", "Dark": "#8a939e",
    "PlaceholderText": "#6f7882", "ToolTipBase": "#ffffff", "ToolTipText": "#1b1f24",
    "Link": "#1a5fc8",
}  # fmt: skip
DARK = {
    "Window": "#1d2125", "WindowText": "#e4e7eb", "Base": "#15181b", "AlternateBase": "#1a1e22",
    "Text": "#e4e7eb", "Button": "#2a3036", "ButtonText": "#e4e7eb", "Highlight": "#4a8cf0",
    "HighlightedText": "#ffffff", "Mid": "#3b424a", "Midlight": "#2c3238", "Dark": "#0d0f11",
    "PlaceholderText": "#8b949e", "ToolTipBase": "#2a3036", "ToolTipText": "#e4e7eb",
    "Link": "#7fb0ff",
}  # fmt: skip


def wants_dark(app: QGuiApplication) -> bool:
    """The system's colour scheme, unless DOCKET_THEME says light or dark."""
    chosen = os.environ.get("DOCKET_THEME", "").lower()
    if chosen in ("light", "dark"):
        return chosen == "dark"
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette(dark: bool) -> QPalette:
    colours = DARK if dark else LIGHT
    result = QPalette()
    for name, value in colours.items():
        role = getattr(QPalette.ColorRole, name)
        result.setColor(QPalette.ColorGroup.All, role, QColor(value))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours["PlaceholderText"]))
    return result


def stylesheet() -> str:
    return (resources.files("resources") / "styles" / "docket.qss").read_text(encoding="utf-8")


def apply_theme(app: QApplication) -> None:
    """Fusion, Docket's palette for the current scheme, the stylesheet; again on a change."""
    app.setStyle("Fusion")

    def apply() -> None:
        app.setPalette(palette(wants_dark(app)))
        app.setStyleSheet(stylesheet())

    apply()
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply())
