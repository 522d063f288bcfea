"""A list as CSV: UTF-8 with a byte-order mark, a header row, ISO dates, formula-safe text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from app.core.cells import csv_text
from app.documents.exports.columns import COLUMNS, Value
from app.documents.exports.progress import Progress, report_every
from app.ledger.rules import Standing

BOM = "\ufeff"  # spreadsheet programs read the file as UTF-8 only when it starts with one


def csv_cell(value: Value) -> str:
    """Numbers as plain digits, dates as YYYY-MM-DD, text made safe from formula evaluation."""
    if value is None:
        return ""
    if isinstance(value, bool):  # never expected; a bool is an int to Python
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return csv_text(value)


def csv_bytes(standings: Sequence[Standing], progress: Progress | None = None) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow([column.key for column in COLUMNS])
    tick = report_every(progress, len(standings))
    for i, s in enumerate(standings):
        writer.writerow([csv_cell(column.value(s)) for column in COLUMNS])
        tick(i + 1)
    return (BOM + buffer.getvalue()).encode("utf-8")
