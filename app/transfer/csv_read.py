"""Reading a CSV file: its encoding and delimiter, its records, and which kind of file it is."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from app.core.errors import DomainError
from app.core.files import reading
from app.transfer.interchange import ImportRefused

Kind = Literal["meetings", "commitments"]
Records = Iterator[tuple[int, list[str]]]  # (line number, cells) of each non-blank record

MEETING_COLUMNS = ("key", "body", "date", "time", "title", "status", "location", "notes")
MEETING_REQUIRED = ("body", "date")
COMMITMENT_COLUMNS = (
    "key",
    "title",
    "body",
    "owner",
    "details",
    "recorded_on",
    "target",
    "by",
    "reason",
    "source",
    "status",
    "status_on",
)
COMMITMENT_REQUIRED = ("title", "body", "recorded_on", "target")


class Unreadable(Exception):
    """The file cannot be read as CSV from this line on."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class CsvSource:
    """The file, decoded, as (line number, cells) records; can be read more than once.

    Cells are UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
    Windows-1252, as spreadsheet programs save them.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        with reading(path) as raw:
            head = raw.read(4)
            raw.seek(0, io.SEEK_END)
            self.size = raw.tell()
        self.utf8_bom = head.startswith(codecs.BOM_UTF8)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16"
        else:
            self.encoding = "utf-8-sig"  # reads files with and without the byte-order mark
        self.delimiter = ","

    def fall_back(self) -> None:
        """After a UTF-8 decoding error: read the file as Windows-1252 instead."""
        if self.encoding != "utf-8-sig":
            raise DomainError(f"{self.path}: is not readable {self.encoding} text")
        if self.utf8_bom:  # it says UTF-8, so a stray byte is damage, not another encoding
            raise DomainError(f"{self.path}: starts as UTF-8 but holds bytes that are not UTF-8")
        self.encoding = "cp1252"

    def records(self, progress: Callable[[int], None] | None = None) -> Records:
        with reading(self.path) as raw:
            yield from self._records(raw, progress)

    def _records(self, raw: BinaryIO, progress: Callable[[int], None] | None) -> Records:
        text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
        first = text.readline()
        text.seek(0)
        self.delimiter = _delimiter(first)
        reader = csv.reader(text, delimiter=self.delimiter, strict=True)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise Unreadable(start, f"cannot be read as CSV ({exc})") from None
            if progress is not None and reader.line_num % 1000 == 0:
                progress(raw.tell())
            if any(cell.strip() for cell in cells):
                yield start, cells


def _delimiter(header_line: str) -> str:
    """Commas, unless the header line has none and uses semicolons or tabs (some locales)."""
    if "," in header_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in header_line:
            return candidate
    return ","


def first_record(records: Records) -> tuple[int, list[str]]:
    try:
        for line, cells in records:
            return line, cells
    except Unreadable as exc:  # a header that is not CSV (a quote left open): refused plainly
        raise ImportRefused([f"line {exc.line}, {exc.reason}"]) from None
    raise ImportRefused(["line 1, the file is empty: it needs a header row"])


def read_header(line: int, cells: list[str]) -> tuple[Kind, list[str], list[str]]:
    """The kind of file, its column names (normalised), and the columns it ignores."""
    names = [re.sub(r"[\s\-]+", "_", cell.strip().lower()) for cell in cells]
    kind = _kind_of(line, names)
    required = MEETING_REQUIRED if kind == "meetings" else COMMITMENT_REQUIRED
    known = MEETING_COLUMNS if kind == "meetings" else COMMITMENT_COLUMNS
    missing = [name for name in required if name not in names]
    if missing:
        raise ImportRefused(
            [f"line {line}, header: a {kind} file needs the column(s) {', '.join(missing)}"]
        )
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise ImportRefused([f"line {line}, header: column(s) {', '.join(repeated)} appear twice"])
    ignored = [cell.strip() for cell, name in zip(cells, names, strict=True) if name not in known]
    return kind, names, [name for name in ignored if name]


def _kind_of(line: int, names: list[str]) -> Kind:
    has_date, has_target = "date" in names, "target" in names
    if has_date and has_target:
        raise ImportRefused(
            [
                f"line {line}, header: a file holds meetings (a date column) or commitments"
                " (a target column), not both"
            ]
        )
    if not (has_date or has_target):
        raise ImportRefused(
            [
                f"line {line}, header: no date column (a meetings file) or target column"
                " (a commitments file); see the README for the columns"
            ]
        )
    return "meetings" if has_date else "commitments"
