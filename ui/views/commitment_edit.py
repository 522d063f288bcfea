"""Editing a commitment's fields from its form, without losing another member's save.

The form remembers the version it was filled from; a save over a newer one is refused
(app/record/versions.py) and the member sees both sides and chooses (ui/dialogs/
conflict_dialog.py): keep theirs (the view shows it), or save theirs over it knowingly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.record.commitments import commitment_fields, fields_shown
from app.record.versions import EditConflict, version_of
from db.models import Commitment
from ui import edits
from ui.dialogs import conflict_dialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.store import Store
from ui.views.base import View


def edit_commitment(
    view: View,
    store: Store,
    key: str,
    commitment_id: int,
    perform: Callable[[str, edits.Apply], Any],
) -> None:
    sessions = store.sessions
    existing = commitment_fields(sessions, commitment_id)
    version = version_of(sessions, Commitment, commitment_id, "commitment")
    title = QCoreApplication.translate("CommitmentActions", "Edit commitment")

    def submit(values: Any) -> None:
        data, _first = values
        try:
            perform(title, edits.update_commitment(sessions, key, data, version))
        except EditConflict as conflict:  # someone else saved it since the form opened
            if conflict_dialog.save_mine(view, conflict, fields_shown(sessions, data)):
                perform(title, edits.update_commitment(sessions, key, data, conflict.version))
            else:
                store.changed.emit()  # show theirs

    view.open_dialog(CommitmentDialog(store, submit, parent=view, existing=existing))
