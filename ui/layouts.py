"""Two ways Docket lays widgets out: an edge-to-edge column, and fields after their labels."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget


def column(host: QWidget, *items: QWidget | QLayout, spacing: int | None = None) -> QVBoxLayout:
    """Stack `items` on `host` from top to bottom, edge to edge (no margins); more may follow."""
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        layout.setSpacing(spacing)
    for item in items:
        if isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return layout


def add_labelled(row: QBoxLayout, fields: Iterable[tuple[str, QWidget]], *, gap: int = 0) -> None:
    """Add each field after a label naming it; the label's mnemonic (&) focuses the field."""
    for text, field in fields:
        label = QLabel(text)
        label.setBuddy(field)
        if not field.accessibleName():  # a screen reader says what the field is for
            field.setAccessibleName(text.replace("&", "").rstrip(": "))
        row.addWidget(label)
        row.addWidget(field)
        if gap:
            row.addSpacing(gap)
