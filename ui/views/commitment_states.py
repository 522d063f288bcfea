"""What the Commitment actions say about a commitment already delivered or dropped.

A closed commitment takes no new promise, no second delivery and no drop; its actions stay
where they are and their tooltips, and the questions asked, say why and what reopening
would remove.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.core.wording import short_date
from app.reads.ledger import CommitmentDetail
from ui.languages import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ui.views.commitment_actions import CommitmentActions

# Translated in the "Actions" context, as every action's text and tip (ui/views/base.py).
PROMISE_TIP = QT_TRANSLATE_NOOP("Actions", "Record a new promised date (a slip)")
DELIVER_TIP = QT_TRANSLATE_NOOP("Actions", "Mark delivered")
DROP_TIP = QT_TRANSLATE_NOOP("Actions", "Drop: it will not be delivered")
translate = QCoreApplication.translate


def tr(text: str) -> str:
    return translate("Actions", text)


def undo_words() -> str:
    return translate("CommitmentActions", "Edit\u00a0▸\u00a0Undo")  # kept on one line


def closing_word(detail: CommitmentDetail | None) -> str:
    """'delivery' or 'drop'."""
    if detail is not None and detail.status == "delivered":
        return translate("CommitmentActions", "delivery")
    return translate("CommitmentActions", "drop")


def closed_reason(detail: CommitmentDetail) -> str:
    """'Delivered on 19 Jul 2022: reopen it to record a new promise'."""
    if detail.status == "delivered":
        text = translate(
            "CommitmentActions", "Delivered on {day}: reopen it to record a new promise"
        )
    else:
        text = translate("CommitmentActions", "Dropped on {day}: reopen it to record a new promise")
    return text.format(day=short_date(detail.status_on))


def already_closed(detail: CommitmentDetail) -> str:
    """'Already delivered on 19 Jul 2022: reopen it first'."""
    if detail.status == "delivered":
        text = translate("CommitmentActions", "Already delivered on {day}: reopen it first")
    else:
        text = translate("CommitmentActions", "Already dropped on {day}: reopen it first")
    return text.format(day=short_date(detail.status_on))


def undone(detail: CommitmentDetail, *, offer: bool = False) -> str:
    """'Its delivery on 19 Jul 2022 is removed; Edit ▸ Undo puts it back.'"""
    text = (
        translate(
            "CommitmentActions", "Reopening it removes its {closing} on {day}; {undo} puts it back."
        )
        if offer
        else translate(
            "CommitmentActions", "Its {closing} on {day} is removed; {undo} puts it back."
        )
    )
    day = short_date(detail.status_on)
    return text.format(closing=closing_word(detail), day=day, undo=undo_words())


def closed_later(detail: CommitmentDetail, viewing: dt.date) -> str:
    """Why a commitment closed after the day viewed takes no delivery, drop or reopening
    then, in words; "" when it did not close after that day."""
    if detail.status == "open" or detail.status_on is None or detail.status_on <= viewing:
        return ""
    text = (
        translate(
            "CommitmentActions",
            "Open as of {viewing}; delivered later, on {day}. View the record as of {day}"
            " or later to change that.",
        )
        if detail.status == "delivered"
        else translate(
            "CommitmentActions",
            "Open as of {viewing}; dropped later, on {day}. View the record as of {day}"
            " or later to change that.",
        )
    )
    return text.format(viewing=short_date(viewing), day=short_date(detail.status_on))


def update_actions(acts: CommitmentActions, chosen: bool, detail: CommitmentDetail | None) -> None:
    """Enable what fits the selected commitment; a closed one's actions say why not."""
    closed = detail is not None and detail.status != "open"
    # A closed commitment takes no new promise: the action stays on to say why (and
    # offer to reopen it), since it may look open as of an earlier day.
    acts.promise_action.setEnabled(chosen and detail is not None)
    acts.promise_action.setToolTip(closed_reason(detail) if closed and detail else tr(PROMISE_TIP))
    # Closed after the day being viewed: shown as open then, but nothing to reopen or close
    # as of that day; the tooltips say so instead of naming the action alone.
    later = closed_later(detail, acts.store.as_of) if detail is not None else ""
    for act, tip in ((acts.deliver_action, DELIVER_TIP), (acts.drop_action, DROP_TIP)):
        act.setEnabled(chosen and detail is not None and not closed)
        act.setToolTip(later or (already_closed(detail) if closed and detail else tr(tip)))
    acts.note_action.setEnabled(chosen)
    acts.reopen_action.setEnabled(chosen and closed and not later)
    acts.reopen_action.setToolTip(
        later
        or (
            translate("CommitmentActions", "Undo its {closing}: open again").format(
                closing=closing_word(detail)
            )
            if closed and detail
            else translate("CommitmentActions", "Open: there is nothing to reopen")
        )
    )
    for act in (acts.edit_action, acts.delete_action, acts.history_action):
        act.setEnabled(chosen)
