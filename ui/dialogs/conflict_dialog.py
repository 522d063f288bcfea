"""When a member's save meets a change someone else saved first: both sides, and a choice.

No lost update: the second save is refused (app/record/versions.py). This dialog shows
what the record holds now (theirs, and who saved it when) beside what the member typed
(theirs wins if nothing is chosen), and lets them keep theirs or save their own over it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.record.versions import EditConflict


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def differences(theirs: Mapping[str, str], mine: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(field, theirs, mine) where the two sides differ, in the record's order."""
    return [
        (k, str(v), str(mine.get(k, "")))
        for k, v in theirs.items()
        if str(v) != str(mine.get(k, v))
    ]


def conflict_box(parent: QWidget, exc: EditConflict, mine: Mapping[str, str]) -> QMessageBox:
    rows = "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(t) or '—'}</td>"
        f"<td>{html.escape(m) or '—'}</td></tr>"
        for k, t, m in differences(exc.theirs, mine)
    )
    table = (
        f"<table cellpadding='4'><tr><th></th><th>{_tr('Now in the record')}</th>"
        f"<th>{_tr('Yours')}</th></tr>{rows}</table>"
        if rows
        else _tr("<p>The fields you changed hold the same values now.</p>")
    )
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Someone else changed this"))
    box.setText(html.escape(str(exc)[:1].upper() + str(exc)[1:] + "."))
    box.setInformativeText(table + _tr("<p>Keep what is in the record, or save yours over it?</p>"))
    box.keep = box.addButton(_tr("Keep theirs"), QMessageBox.ButtonRole.RejectRole)  # type: ignore[attr-defined]
    box.save = box.addButton(_tr("Save mine over theirs"), QMessageBox.ButtonRole.AcceptRole)  # type: ignore[attr-defined]
    box.setDefaultButton(box.keep)  # type: ignore[attr-defined]
    return box


def save_mine(parent: QWidget, exc: EditConflict, mine: Mapping[str, str]) -> bool:
    """Ask; True when the member chooses to save theirs over the record's."""
    box = conflict_box(parent, exc, mine)
    box.exec()
    return box.clickedButton() is box.save  # type: ignore[attr-defined]
