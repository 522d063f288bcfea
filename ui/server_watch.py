"""Noticing what other members saved on a shared (PostgreSQL) record, so the views reload.

Every change anyone makes writes the audit log in the same transaction, so its newest
entry's id moves whenever the record does. A timer asks for it every few seconds (and
the window asks when it comes to the front); one indexed lookup, a millisecond or two on
a local network. A promise recorded by one member shows in the others' windows without
a restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from db.models import AuditEntry
from ui.record_watch import PollingWatch

log = logging.getLogger("docket")
INTERVAL_MS = 4000


class ServerWatch(PollingWatch):
    """Polls a server record; emits `moved` when someone else has saved a change."""

    def __init__(
        self, engine: Engine, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.start_polling(interval_ms)

    def _read(self) -> int | None:
        try:
            with self.engine.connect() as conn:
                return int(conn.execute(select(func.max(AuditEntry.id))).scalar() or 0)
        except SQLAlchemyError as exc:  # the server is away for a moment: try next time
            log.info("cannot look at the shared record: %s", exc)
            return None
