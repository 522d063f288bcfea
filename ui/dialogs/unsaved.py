"""Asking before a filled form is thrown away: Escape, Cancel or the window's close button
on a form the member has typed into.

What counts is what the member typed (a line's `textEdited`, which programs setting the
text never emit, and a text box changed since the form was shown), and only while it
differs from what the form opened with: typing a word and deleting it loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit

from ui.dialogs.questions import Ask


class TypedInto:
    """Watches a shown form's text fields and says whether anything typed would be lost."""

    def __init__(self, form: QDialog) -> None:
        self._lines: dict[QLineEdit, str] = {}
        self._edited: set[QLineEdit] = set()
        self._boxes: dict[QPlainTextEdit | QTextEdit, str] = {}
        for line in form.findChildren(QLineEdit):
            if line.isReadOnly():
                continue
            self._lines[line] = line.text()
            line.textEdited.connect(lambda _text, line=line: self._edited.add(line))
        for box in form.findChildren(QPlainTextEdit):
            if not box.isReadOnly():
                self._boxes[box] = box.toPlainText()
        for rich in form.findChildren(QTextEdit):
            if not rich.isReadOnly():
                self._boxes[rich] = rich.toPlainText()

    def anything(self) -> bool:
        """True when something typed since the form opened is still in it."""
        lines = any(line.text() != self._lines[line] for line in self._edited)
        return lines or any(box.toPlainText() != was for box, was in self._boxes.items())


def ask_to_discard(form: QDialog, discard: Callable[[], object]) -> Ask:
    """'Discard what you typed?' with Keep editing as the default (Escape keeps it too)."""
    question = Ask(
        form,
        form.windowTitle(),
        QCoreApplication.translate("Unsaved", "Discard what you typed?"),
        QCoreApplication.translate(
            "Unsaved", "Closing “{0}” now loses it. Keep editing to go back to it."
        ).format(form.windowTitle()),
        yes=QCoreApplication.translate("Unsaved", "Discard"),
        no=QCoreApplication.translate("Unsaved", "Keep editing"),
        on_yes=discard,
        icon=QMessageBox.Icon.Warning,
    )
    question.open()
    return question
