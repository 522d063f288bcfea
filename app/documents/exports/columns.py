"""The columns of an exported list: one definition for CSV, XLSX and the PDF table.

CSV headers are the keys of `docket overdue --format json`, so scripts see one vocabulary;
spreadsheets and print get a person's labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.ledger.rules import Standing

Value = str | int | dt.date | None
Kind = Literal["text", "int", "date"]


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header and JSON key
    label: str  # the header a person reads
    kind: Kind
    value: Callable[[Standing], Value]
    shown: Callable[[Standing], Value] | None = None  # what a person sees, if not `value`
    width: int = 12  # most characters an XLSX column is widened to

    def for_people(self, s: Standing) -> Value:
        return (self.shown or self.value)(s)


def _body_label(s: Standing) -> str:
    return s.row.body_short_name or s.row.body_name or s.row.body_key


COLUMNS: tuple[Column, ...] = (
    Column("key", "Key", "text", lambda s: s.row.key, width=24),
    Column("title", "Commitment", "text", lambda s: s.row.title, width=50),
    Column("owner", "Owner", "text", lambda s: s.row.owner or "", width=24),
    Column("body", "Body", "text", lambda s: s.row.body_key, _body_label, width=16),
    Column("target", "Target", "date", lambda s: s.row.target),
    Column("target_meeting", "Target meeting", "text", lambda s: s.row.target_meeting, width=20),
    Column("first_target", "First target", "date", lambda s: s.row.first_target),
    Column("days_overdue", "Days overdue", "int", lambda s: s.days_overdue),
    Column("slips", "Slips", "int", lambda s: s.slips, width=8),
    Column("rag", "RAG", "text", lambda s: s.rag, lambda s: (s.rag or "").upper(), width=8),
    Column("last_promised_on", "Last promised on", "date", lambda s: s.row.last_promised_on),
    Column("last_promised_by", "Last promised by", "text", lambda s: s.row.last_promised_by),
    Column("source", "Source", "text", lambda s: s.row.last_source, width=40),
    Column("as_of", "As of", "date", lambda s: s.as_of),
    Column("state", "State", "text", lambda s: s.row.state, width=10),
    Column("days_left", "Days left", "int", lambda s: s.days_left),
    Column("first_promised_on", "First promised on", "date", lambda s: s.row.first_promised_on),
    Column("last_note_on", "Last note on", "date", lambda s: s.row.last_note_on),
    Column("last_note", "Last note", "text", lambda s: s.row.last_note, width=50),
)
