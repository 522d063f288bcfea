"""What the Commitment actions say about a commitment already delivered or dropped.

A closed commitment takes no new promise, no second delivery and no drop; its actions stay
where they are and their tooltips, and the questions asked, say why and what reopening
would remove.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.core.wording import short_date
from app.reads.ledger import CommitmentDetail

if TYPE_CHECKING:
    from ui.views.commitment_actions import CommitmentActions

UNDO = "Edit\u00a0▸\u00a0Undo"  # kept on one line
PROMISE_TIP = "Record a new promised date (a slip)"
DELIVER_TIP = "Mark delivered"
DROP_TIP = "Drop: it will not be delivered"


def tr(text: str) -> str:
    return QCoreApplication.translate("CommitmentActions", text)


def closing_word(detail: CommitmentDetail | None) -> str:
    """'delivery' or 'drop'."""
    return "delivery" if detail is not None and detail.status == "delivered" else "drop"


def closed_reason(detail: CommitmentDetail) -> str:
    """'Delivered on 19 Jul 2022: reopen it to record a new promise'."""
    return tr("{status} on {day}: reopen it to record a new promise").format(
        status=detail.status.capitalize(), day=short_date(detail.status_on)
    )


def already_closed(detail: CommitmentDetail) -> str:
    """'Already delivered on 19 Jul 2022: reopen it first'."""
    return tr("Already {status} on {day}: reopen it first").format(
        status=detail.status, day=short_date(detail.status_on)
    )


def undone(detail: CommitmentDetail, *, offer: bool = False) -> str:
    """'Its delivery on 19 Jul 2022 is removed; Edit ▸ Undo puts it back.'"""
    text = (
        tr("Reopening it removes its {closing} on {day}; {undo} puts it back.")
        if offer
        else tr("Its {closing} on {day} is removed; {undo} puts it back.")
    )
    return text.format(closing=closing_word(detail), day=short_date(detail.status_on), undo=UNDO)


def update_actions(acts: CommitmentActions, chosen: bool, detail: CommitmentDetail | None) -> None:
    """Enable what fits the selected commitment; a closed one's actions say why not."""
    closed = detail is not None and detail.status != "open"
    # A closed commitment takes no new promise: the action stays on to say why (and
    # offer to reopen it), since it may look open as of an earlier day.
    acts.promise_action.setEnabled(chosen and detail is not None)
    acts.promise_action.setToolTip(closed_reason(detail) if closed and detail else tr(PROMISE_TIP))
    for act, tip in ((acts.deliver_action, DELIVER_TIP), (acts.drop_action, DROP_TIP)):
        act.setEnabled(chosen and detail is not None and not closed)
        act.setToolTip(already_closed(detail) if closed and detail else tr(tip))
    acts.note_action.setEnabled(chosen)
    acts.reopen_action.setEnabled(chosen and closed)
    acts.reopen_action.setToolTip(
        tr("Undo its {closing}: open again").format(closing=closing_word(detail))
        if closed and detail
        else tr("Reopen a delivered or dropped commitment")
    )
    for act in (acts.edit_action, acts.delete_action, acts.history_action):
        act.setEnabled(chosen)
