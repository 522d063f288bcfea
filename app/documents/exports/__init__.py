"""Exporting a list of commitments (overdue, due soon) as CSV, XLSX, PDF, ICS or JSON.

CSV, XLSX and PDF are for people (names, words, "29 Mar 2022" in print); a CSV with
`columns="keys"`, JSON and ICS are for machines (keys, ISO dates).

Every file is written beside its target and moved into place when complete, so a failed
export never leaves a half-written file or spoils an older one. The PDF is laid out by the
GUI toolkit, so the caller hands in the writer (`ui.pdf.write_pdf`): app/ never imports ui/.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core.errors import DomainError
from app.core.files import write_atomic
from app.documents.exports.formats import BINARY_FORMATS, COLUMN_FORMS, FORMATS, format_for
from app.documents.exports.info import ListInfo, due_info, overdue_info
from app.documents.exports.progress import Progress

if TYPE_CHECKING:  # the exporters and the rules load when a list is made, not when a
    from app.ledger.rules import Standing  # command line is read (a command's start)

__all__ = [
    "BINARY_FORMATS",
    "COLUMN_FORMS",
    "FORMATS",
    "ListInfo",
    "PdfWriter",
    "Progress",
    "due_info",
    "format_for",
    "list_html",
    "overdue_info",
    "render",
    "write_list",
]


class PdfWriter(Protocol):
    def __call__(
        self,
        html: str,
        path: Path,
        *,
        footer: str,
        title: str,
        paper: str = ...,
        landscape: bool = ...,
    ) -> int: ...


def render(
    fmt: str,
    standings: Sequence[Standing],
    info: ListInfo,
    progress: Progress | None = None,
    *,
    columns: str = "people",
) -> bytes:
    """The list as the bytes of a CSV, XLSX, ICS or JSON file (PDF: see `write_list`).

    `columns` is the CSV's form: "people" (the XLSX's headers and values) or "keys".
    """
    # Each exporter is imported when asked for: openpyxl and icalendar cost a command's start.
    if fmt == "csv":
        from app.documents.exports.csv_out import csv_bytes

        return csv_bytes(standings, progress, form=columns)
    if fmt == "xlsx":
        from app.documents.exports.xlsx_out import xlsx_bytes

        return xlsx_bytes(standings, info, progress)
    if fmt == "ics":
        from app.documents.exports.ics_out import overdue_ics

        return overdue_ics(standings, info, progress)
    if fmt == "json":
        from app.documents import listing

        return listing.as_json(standings).encode("utf-8")
    raise DomainError(f"cannot render {fmt!r} as bytes (formats: {', '.join(FORMATS)})")


def list_html(standings: Sequence[Standing], info: ListInfo) -> str:
    """The list as the HTML a PDF is laid out from (Jinja2 loads only when one is made)."""
    from app.documents.exports.pdf_html import list_html as html

    return html(standings, info)


def write_list(
    path: Path,
    fmt: str,
    standings: Sequence[Standing],
    info: ListInfo,
    *,
    pdf_writer: PdfWriter | None = None,
    paper: str = "A4",
    progress: Progress | None = None,
    columns: str = "people",
) -> None:
    """Write the list to `path` atomically; PDF needs `pdf_writer` (ui.pdf.write_pdf)."""
    if fmt == "pdf":
        if pdf_writer is None:
            raise DomainError("PDF export needs the PDF writer of the desktop toolkit")
        html = list_html(standings, info)
        if progress is not None:
            progress(len(standings) // 2, len(standings))
        pdf_writer(
            html, Path(path), footer=info.footer, title=info.title, paper=paper, landscape=True
        )
        if progress is not None:
            progress(len(standings), len(standings))
        return
    data = render(fmt, standings, info, progress, columns=columns)
    write_atomic(Path(path), data)
