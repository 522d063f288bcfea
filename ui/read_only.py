"""A record opened read-only: every edit action disabled, with the reason in its tooltip.

`hold_disabled` keeps an action disabled whoever enables it later (a view enabling its
actions for the selected row), so one call covers actions this module does not own.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from ui.store import Store


def read_only_reason() -> str:
    return QCoreApplication.translate(
        "read_only",
        "Read-only: another Docket is writing to this record. Close it, then open the"
        " record here again to make changes.",
    )


def hold_disabled(store: Store, actions: Iterable[QAction]) -> None:
    """On a read-only store, disable these actions for good and say why in their tooltips."""
    if not store.read_only:
        return
    reason = read_only_reason()
    for act in actions:
        if act.property("docket_read_only"):
            continue
        act.setProperty("docket_read_only", True)
        act.setEnabled(False)
        act.setToolTip(reason)
        act.setStatusTip(reason)
        act.enabledChanged.connect(lambda enabled, act=act: enabled and act.setEnabled(False))
        act.changed.connect(lambda act=act: _keep_reason(act, reason))


def _keep_reason(act: QAction, reason: str) -> None:
    if act.toolTip() != reason:
        act.setToolTip(reason)
