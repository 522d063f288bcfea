"""Exporting the overdue list from the app, honouring the as-of date and current filters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app import listing
from app.files import write_atomic
from app.standings import overdue
from ui.store import Store
from ui.views.commitments import CommitmentsView


def export_overdue_dialog(parent: QWidget, store: Store, view: CommitmentsView) -> None:
    """Ask where, then write the overdue list (as of the app's date) in the background."""
    day = store.as_of.isoformat()
    path, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Export overdue list"),
        f"overdue-{day}.json",
        parent.tr("JSON (*.json)"),
    )
    if not path:
        return
    body = view.body_combo.currentData()
    owner = view.owner_combo.currentData()
    as_of, settings = store.as_of, store.settings

    def work() -> int:
        rows = overdue(store.sessions, as_of, settings, body=body, owner=owner)
        write_atomic(Path(path), listing.as_json(rows).encode("utf-8"))
        return len(rows)

    def done(count: int) -> None:
        window = parent.window()
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(
                parent.tr("Exported {0} overdue item(s) to {1}").format(count, path), 6000
            )

    store.load(work, done)
