"""Counts of what the record holds, for status bars and summaries."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.sessions import Sessions, action
from db.models import Body, Commitment, Meeting


def record_counts(sessions: Sessions) -> dict[str, int]:
    with action(sessions) as s:
        return {
            "bodies": s.scalar(select(func.count()).select_from(Body)) or 0,
            "meetings": s.scalar(select(func.count()).select_from(Meeting)) or 0,
            "commitments": s.scalar(select(func.count()).select_from(Commitment)) or 0,
            "open": s.scalar(
                select(func.count()).select_from(Commitment).where(Commitment.status == "open")
            )
            or 0,
        }
