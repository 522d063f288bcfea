"""Making user text safe for each file format: spreadsheets, XML, calendars.

One place for every rule, so CSV, XLSX and ICS agree on what a hostile cell is.
"""

from __future__ import annotations

import re

# A spreadsheet evaluates a cell that starts with one of these (OWASP "CSV injection").
FORMULA_TRIGGERS = frozenset("=+-@\t\r\x00")

# XML 1.0 forbids most C0 controls, and XML readers turn a CR into a line feed.
_XML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel decodes "_xHHHH_" in cell text; a literal one keeps its underscore escaped.
_OOXML_ESCAPE_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
# iCalendar text may hold no control character but tab (line breaks are escaped as \n).
_ICS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
REPLACEMENT = "\ufffd"
XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula (also after leading spaces)?"""
    if not text:
        return False
    return text[0] in FORMULA_TRIGGERS or text.lstrip()[:1] in FORMULA_TRIGGERS


def neutralise(text: str) -> str:
    """Text that no spreadsheet evaluates: a formula-like cell gets a leading apostrophe.

    The apostrophe is what a person types in a spreadsheet to keep `=1+1` as text; numbers
    are never passed through here, so they stay numbers.
    """
    return "'" + text if is_formula_like(text) else text


def csv_text(text: str) -> str:
    """Text for a CSV cell: one kind of line break, controls shown as U+FFFD, formula-safe.

    As in the workbook: a spreadsheet program would otherwise act on a stray control.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return neutralise(_XML_CONTROL.sub(REPLACEMENT, text))


def unneutralise(text: str) -> str:
    """Undo `neutralise` when reading a CSV back: `'=x` becomes `=x`; other text is kept."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def xlsx_text(text: str) -> str:
    """Text as a workbook can hold it, read back the same by Excel, LibreOffice and openpyxl.

    Line breaks become line feeds (what any XML reader makes of a CR), control characters
    (not allowed in XML) a visible U+FFFD, and a literal `_x0041_` keeps its underscore
    escaped, since spreadsheet programs decode `_xHHHH_` in cell text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _XML_CONTROL.sub(REPLACEMENT, text)
    text = _OOXML_ESCAPE_LOOKALIKE.sub("_x005F_", text)
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 1] + "…"
    return text


def ics_text(text: str) -> str:
    """Text for an iCalendar property: one kind of line break, no control characters.

    The icalendar library escapes line breaks, commas and semicolons; a CR would be lost
    on reading and other controls are not allowed, so they are replaced here, visibly.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ICS_CONTROL.sub(REPLACEMENT, text)
