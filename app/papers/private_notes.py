"""A member's private note on a record: one per record, kept and backed up with it.

Private notes are never exported, printed only when asked, and not copied when the
record moves to a shared database. Writing an empty note removes it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import fields
from app.core.sessions import Sessions, action
from app.papers.subjects import Subject, check_subject
from db.audit import utc_now
from db.models import PrivateNote


def write_private_note(sessions: Sessions, subject: Subject, text: str) -> str | None:
    """Keep `text` as the private note on `subject` (empty removes it); the note it replaced."""
    text = fields.long_text(text, "private note").strip()
    with action(sessions) as s:
        check_subject(s, subject)
        found = s.scalar(
            select(PrivateNote).where(getattr(PrivateNote, subject.column) == subject.id)
        )
        before = found.text if found else None
        if found and not text:
            s.delete(found)
        elif found:
            found.text, found.written_at = text, utc_now().replace(microsecond=0)
        elif text:
            s.add(
                PrivateNote(
                    text=text,
                    written_at=utc_now().replace(microsecond=0),
                    **{subject.column: subject.id},
                )
            )
        return before


def private_note(session: Session, subject: Subject) -> str | None:
    return session.scalar(
        select(PrivateNote.text).where(getattr(PrivateNote, subject.column) == subject.id)
    )
