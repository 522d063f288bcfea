"""Making user text safe for each file format: spreadsheets, XML, calendars.

One place for every rule, so CSV, XLSX and ICS agree on what a hostile cell is.
"""

from __future__ import annotations

import re
import unicodedata

# A spreadsheet evaluates a cell that starts with one of these (OWASP "CSV injection"),
# and some read the full-width forms an East Asian keyboard types as the same.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\x00\uff1d\uff0b\uff0d\uff20")

# What files for people never hold: the C0 controls but tab and line feed (XML 1.0 forbids
# them; a CR is made a line feed first), DEL and the C1 controls (invisible, and read
# differently by each program), lone surrogates and the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Excel decodes "_xHHHH_" in cell text; a literal one keeps its underscore escaped.
_OOXML_ESCAPE_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
REPLACEMENT = "\ufffd"
XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula (also after leading spaces)?

    Characters nobody sees do not hide a formula either: a byte-order mark, zero-width
    spaces and joiners, bidi marks and overrides (Unicode's "format" characters) and
    spaces of any kind are passed over, since some programs drop them on reading.
    """
    for char in text:
        if char in FORMULA_TRIGGERS:
            return True
        if not (char.isspace() or unicodedata.category(char) == "Cf"):
            return False
    return False


def clean(text: str) -> str:
    """One kind of line break (LF), and every control character shown as a visible U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(REPLACEMENT, text)


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
    return neutralise(clean(text))


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
    text = _OOXML_ESCAPE_LOOKALIKE.sub("_x005F_", clean(text))
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 1] + "…"
    return text


def ics_text(text: str) -> str:
    """Text for an iCalendar property: one kind of line break, no control characters.

    The icalendar library escapes line breaks, commas and semicolons; a CR would be lost
    on reading and other controls are not allowed, so they are replaced here, visibly.
    """
    return clean(text)
