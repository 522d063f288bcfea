"""A list as an Excel workbook: bold frozen header, auto-filter, real dates, RAG fills.

Its columns are the CSV's form for people (columns.py): one definition, so the two agree.

Every piece of user text is stored as a string cell (`data_type = "s"`), so a title such
as `=HYPERLINK(...)` is shown as typed and never evaluated or turned into a link.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import sys
import tempfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.cells import is_formula_like, xlsx_text
from app.core.errors import DomainError
from app.documents.exports.columns import Column, Value, columns_for
from app.documents.exports.info import ListInfo
from app.documents.exports.progress import Progress, report_every
from app.ledger.rules import Standing

DATE_FORMAT = "d mmm yyyy"  # a real date, shown as people read one: 29 Mar 2022
PEOPLE = "people"
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
RAG_FILLS = {
    "red": (PatternFill("solid", fgColor="F4C7C3"), Font(color="8A1C1C", bold=True)),
    "amber": (PatternFill("solid", fgColor="FCE8B2"), Font(color="7A4F00", bold=True)),
    "green": (PatternFill("solid", fgColor="D9EAD3"), Font(color="1E5E1E", bold=True)),
}
WRAPPED = {"title", "source", "last_note"}
TOP = Alignment(vertical="top")
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)


def xlsx_bytes(
    standings: Sequence[Standing], info: ListInfo, progress: Progress | None = None
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = info.sheet_name
    book.properties.title = info.title
    book.properties.creator = "Docket"
    columns = columns_for(PEOPLE)

    for col, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col)
        _set_text(cell, column.label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")

    widths = [len(column.label) for column in columns]
    tick = report_every(progress, len(standings))
    for r, s in enumerate(standings, start=2):
        for col, column in enumerate(columns, start=1):
            value = column.cell(s, PEOPLE)
            cell = sheet.cell(row=r, column=col)
            _set_value(cell, column, value)
            if column.key == "rag" and s.rag in RAG_FILLS:
                cell.fill, cell.font = RAG_FILLS[s.rag]
            widths[col - 1] = max(widths[col - 1], _shown_length(value))
        tick(r - 1)

    for col, column in enumerate(columns, start=1):
        letter = get_column_letter(col)
        widest = max(column.width, len(column.label))  # a header is never cut
        sheet.column_dimensions[letter].width = min(max(widths[col - 1], 6), widest) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(standings) + 1)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"

    return _saved(book)


def _saved(book: Workbook) -> bytes:
    """The workbook's bytes; a full disk is one plain error, not a traceback.

    openpyxl writes each sheet to a temporary file first: when that fails, it leaves a
    half-run generator behind that would print a traceback when collected.
    """
    out = io.BytesIO()
    try:
        book.save(out)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    else:
        return out.getvalue()
    del book, out
    previous = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = previous
    raise DomainError(
        f"cannot write the workbook: its temporary files in {tempfile.gettempdir()}"
        f" could not be written ({reason})"
    )


def _set_value(cell: Any, column: Column, value: Value) -> None:
    if value is None:
        return
    if column.kind == "date" and isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        cell.alignment = TOP
    elif column.kind == "int" and isinstance(value, int):
        cell.value = value
        cell.alignment = TOP
    else:
        _set_text(cell, str(value))
        cell.alignment = TOP_WRAPPED if column.key in WRAPPED else TOP


def _set_text(cell: Any, text: str) -> None:
    cell.value = shown = xlsx_text(text)
    # openpyxl makes "=..." a formula and "#N/A" an error value; user text is text.
    cell.data_type = "s"
    if is_formula_like(shown):
        # As if typed after an apostrophe: editing the cell in Excel keeps it text.
        cell.quotePrefix = True


def _shown_length(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 11  # "29 Mar 2022"
    return max((len(line) for line in str(value).splitlines()), default=0)
