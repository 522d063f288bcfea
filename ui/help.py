"""Help in the app: a short guide to Docket's words and rules, and the list of shortcuts."""

from __future__ import annotations

import html
from collections.abc import Iterable
from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def guide_html() -> str:
    return (resources.files("resources") / "help" / "guide.html").read_text(encoding="utf-8")


MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def typed_keys(keys: QKeySequence) -> bool:
    """Keys a member types: with Ctrl or Alt, or a function key, or Delete. Not the
    dedicated "Redo" or "Help" keys few keyboards have, which read like words in a list."""
    if keys.isEmpty():
        return False
    combined = keys[0]  # type: ignore[index]  # QKeySequence is indexable; the stubs miss it
    if combined.keyboardModifiers() & MODIFIERS:
        return True
    key = int(combined.key().value)
    return Qt.Key.Key_F1.value <= key <= Qt.Key.Key_F35.value or key == Qt.Key.Key_Delete.value


def shortcuts_html(actions: Iterable[QAction]) -> str:
    """Every action that has a shortcut, as a table: what it does, and its keys."""
    rows = []
    seen: set[str] = set()
    for act in actions:
        typed = [k for k in act.shortcuts() if typed_keys(k)][:2]  # two at most: the usual
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in typed)
        name = act.text().replace("&", "").rstrip(".…")
        if not keys or name in seen:
            continue
        seen.add(name)
        rows.append(f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(keys)}</b></td></tr>")
    extra = [
        ("Move between panes and buttons", "Tab, Shift+Tab"),
        ("Move within a list or table", "arrow keys, Page Up/Down, Home/End"),
        ("Open the menus", "Alt and the underlined letter"),
    ]
    rows += [f"<tr><td>{a}</td><td><b>{b}</b></td></tr>" for a, b in extra]
    return (
        "<html><body><h2>Keyboard shortcuts</h2><table cellpadding='4'>"
        + "".join(rows)
        + "</table></body></html>"
    )


class HelpDialog(QDialog):
    """A page of help in a browser that opens no link and loads nothing from outside."""

    def __init__(self, title: str, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(title)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
