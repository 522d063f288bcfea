"""The columns of an exported list: one definition for the CSV's two forms and the XLSX.

Two forms of one table. *For people* (the XLSX, and the CSV by default): a person's
headers and the names and words the app shows ("NEC", "RED", "29 days late"). *Keys*
(`--columns keys`): the keys and values of `docket overdue --format json`, stable for
scripts. Dates are dates in both: real dates in the workbook, ISO `YYYY-MM-DD` in a CSV
(the form every spreadsheet reads as a date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.core.errors import DomainError
from app.core.wording import short_date
from app.documents.exports.formats import COLUMN_FORMS
from app.ledger.rules import Standing
from app.ledger.words import when

Value = str | int | dt.date | None
Kind = Literal["text", "int", "date"]


@dataclass(frozen=True)
class Column:
    key: str  # the header and JSON key in the keys form
    label: str  # the header a person reads
    kind: Kind
    value: Callable[[Standing], Value]  # the machine value (the JSON's)
    shown: Callable[[Standing], Value] | None = None  # what a person sees, if not `value`
    width: int = 12  # most characters an XLSX column is widened to
    keys: bool = True  # in the keys form (False: for people only)

    def header(self, form: str) -> str:
        return self.key if form == "keys" else self.label

    def cell(self, s: Standing, form: str) -> Value:
        return self.value(s) if form == "keys" else (self.shown or self.value)(s)


def _body_label(s: Standing) -> str:
    return s.row.body_short_name or s.row.body_name or s.row.body_key


def _target_meeting(s: Standing) -> str | None:
    if not s.row.target_meeting:
        return None
    return f"Meeting of {short_date(s.row.target_meeting_date or s.row.target)}"


COLUMNS: tuple[Column, ...] = (
    Column("key", "Key", "text", lambda s: s.row.key, width=24),
    Column("title", "Commitment", "text", lambda s: s.row.title, width=50),
    Column("owner", "Owner", "text", lambda s: s.row.owner or "", width=24),
    Column("body", "Body", "text", lambda s: s.row.body_key, _body_label, width=16),
    Column("due", "Due", "text", when, width=16, keys=False),
    Column("target", "Target", "date", lambda s: s.row.target),
    Column(
        "target_meeting",
        "Target meeting",
        "text",
        lambda s: s.row.target_meeting,
        _target_meeting,
        width=22,
    ),
    Column("first_target", "First target", "date", lambda s: s.row.first_target),
    Column("days_overdue", "Days overdue", "int", lambda s: s.days_overdue),
    Column("slips", "Slips", "int", lambda s: s.slips, width=8),
    Column("rag", "RAG", "text", lambda s: s.rag, lambda s: (s.rag or "").upper(), width=8),
    Column("last_promised_on", "Last promised on", "date", lambda s: s.row.last_promised_on),
    Column("last_promised_by", "Last promised by", "text", lambda s: s.row.last_promised_by),
    Column("source", "Source", "text", lambda s: s.row.last_source, width=40),
    Column("as_of", "As of", "date", lambda s: s.as_of),
    Column(
        "state",
        "State",
        "text",
        lambda s: s.row.state,
        lambda s: s.row.state.capitalize(),
        width=10,
    ),
    Column("days_left", "Days left", "int", lambda s: s.days_left),
    Column("first_promised_on", "First promised on", "date", lambda s: s.row.first_promised_on),
    Column("last_note_on", "Last note on", "date", lambda s: s.row.last_note_on),
    Column("last_note", "Last note", "text", lambda s: s.row.last_note, width=50),
)


def columns_for(form: str) -> tuple[Column, ...]:
    """The columns of one form: "people" (every column) or "keys" (the JSON's keys)."""
    if form not in COLUMN_FORMS:
        raise DomainError(f"no column form {form!r} (forms: {', '.join(COLUMN_FORMS)})")
    return COLUMNS if form == "people" else tuple(c for c in COLUMNS if c.keys)
