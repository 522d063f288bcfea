"""A list as CSV: UTF-8 with a byte-order mark, a header row, ISO dates, formula-safe text.

Two forms (columns.py): for people by default, with the XLSX's headers and values; or
`keys`, the JSON's keys and values, for scripts. The same safety applies to both.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from app.core.cells import csv_text
from app.documents.exports.columns import Value, columns_for
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


def csv_bytes(
    standings: Sequence[Standing], progress: Progress | None = None, *, form: str = "people"
) -> bytes:
    columns = columns_for(form)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow([csv_text(column.header(form)) for column in columns])
    tick = report_every(progress, len(standings))
    for i, s in enumerate(standings):
        writer.writerow([csv_cell(column.cell(s, form)) for column in columns])
        tick(i + 1)
    return (BOM + buffer.getvalue()).encode("utf-8")
