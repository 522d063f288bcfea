"""Why Docket will not open, upgrade or write to a record: the errors, in a member's words."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from app.core.errors import DomainError
from app.core.sessions import Sessions
from app.safety.backups import Backup, newest_good_backup
from app.safety.verdict import MISSING, Verdict


class RecordRefused(DomainError):
    """A file Docket will not open, left exactly as it was; `backup` is the newest good one."""

    def __init__(self, verdict: Verdict, backup: Backup | None = None) -> None:
        hint = ""
        if backup is not None:
            hint = (
                f"; the newest good backup is {backup.path} ({backup.describe()}):"
                f" restore it with `docket restore {backup.path}`"
            )
        super().__init__(verdict.message + hint)
        self.verdict = verdict
        self.backup = backup


class UpgradeFailed(DomainError):
    """An upgrade that failed; the file was put back as it was before."""


class ReadOnlyRecord(DomainError):
    """A change asked of a record opened read-only."""


READ_ONLY_MESSAGE = (
    "This record is open read-only because another Docket is writing to it, so the change"
    " was not made. Close the other Docket, then open this record again to make changes."
)


def refusal(verdict: Verdict) -> DomainError:
    """The error for a file the quick look refused, offering a backup when one may help."""
    if verdict.problem == MISSING:
        return DomainError(verdict.message)
    return RecordRefused(verdict, newest_good_backup(verdict.path) if verdict.damaged else None)


def refuse_writes(sessions: Sessions) -> None:
    """Make every write through these sessions fail with a plain ReadOnlyRecord."""

    def before_flush(session: Session, _context: Any, _instances: Any) -> None:
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            raise ReadOnlyRecord(READ_ONLY_MESSAGE)

    def do_orm_execute(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            raise ReadOnlyRecord(READ_ONLY_MESSAGE)

    event.listen(sessions, "before_flush", before_flush)
    event.listen(sessions, "do_orm_execute", do_orm_execute)
