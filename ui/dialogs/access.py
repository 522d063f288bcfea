"""Accessible names for a dialog's controls, so a screen reader says what each one is for.

Also points each label's mnemonic (Alt+A for "T&arget") past a composite field's frame to
its edit: Qt's label would otherwise focus the frame, which takes no focus.

A field is named after the label of its form row (or the label whose buddy it is), a
button after its text; a control with a name of its own keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def spoken(text: str) -> str:
    """A label's text as a name: no mnemonic ampersand, no trailing colon or ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":.…")


def controls_in(item: QWidget | QLayout | None) -> list[QWidget]:
    """The controls in a form row's field: the widget itself, or those its layout holds."""
    if item is None:
        return []
    if isinstance(item, QWidget):
        found: list[QWidget] = [item] if isinstance(item, CONTROLS) else []
        return found + [c for c in item.findChildren(QWidget) if isinstance(c, CONTROLS)]
    found = []
    for index in range(item.count()):
        child = item.itemAt(index)
        if child is not None:
            found += controls_in(child.widget() or child.layout())
    return found


def _name(widget: QWidget, name: str) -> None:
    if name and not widget.accessibleName():
        widget.setAccessibleName(name)


def name_controls(root: QWidget) -> None:
    """Give every control under `root` that has no accessible name one taken from its label."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None:
            proxy = buddy.focusProxy()
            if proxy is not None and buddy.focusPolicy() == Qt.FocusPolicy.NoFocus:
                buddy = proxy  # a composite field: its mnemonic reaches the edit
                label.setBuddy(buddy)
            _name(buddy, spoken(label.text()))
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label_item.widget() if label_item is not None else None
            if not isinstance(label_widget, QLabel) or field is None:
                continue
            name = spoken(label_widget.text())
            for control in controls_in(field.widget() or field.layout()):
                if not isinstance(control, QAbstractButton) or not control.text():
                    _name(control, name)
    controls = [c for c in root.findChildren(QWidget) if isinstance(c, CONTROLS)]
    inner = [c for c in controls if isinstance(c.parentWidget(), (QAbstractSpinBox, QComboBox))]
    for control in [c for c in controls if c not in inner]:
        if isinstance(control, QHeaderView):
            vertical = control.orientation() == Qt.Orientation.Vertical
            _name(
                control,
                QCoreApplication.translate("Access", "Row headings")
                if vertical
                else QCoreApplication.translate("Access", "Column headings"),
            )
        elif isinstance(control, QAbstractButton) and control.text():
            _name(control, spoken(control.text()))
        elif isinstance(control, (QLineEdit, QPlainTextEdit)) and control.placeholderText():
            _name(control, spoken(control.placeholderText()))
        else:
            _name(control, spoken(control.toolTip()))
    for control in inner:  # the line edit inside a spin box or an editable combo box
        parent = control.parentWidget()
        if parent is not None:
            _name(control, parent.accessibleName())
