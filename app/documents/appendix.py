"""A meeting's PDF papers appended to its brief: one file to print, pages numbered through.

Each paper page is stamped in its bottom corner with the brief's footer and its page
number in the whole ("Page 7 of 20"), so a printed pile can be put back in order. A paper
that is not a PDF is listed in the brief but not appended; an encrypted or damaged PDF
is listed with the reason. pypdf does the reading, stamping and joining.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.core.errors import DomainError
from app.core.sessions import Sessions
from app.documents.briefs import Brief
from app.papers.attachments import chunks
from app.papers.tiny_pdf import pdf_text, text_pdf

SPOOL_BYTES = 8 * 1024 * 1024  # a paper larger than this is read through a temporary file


@dataclass(frozen=True)
class Appendix:
    attachment_id: int
    name: str
    pages: int  # 0 when it cannot be appended
    refusal: str = ""


def _spooled(sessions: Sessions, attachment_id: int) -> IO[bytes]:
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the caller closes it)
    with sessions() as s:
        for part in chunks(s, attachment_id):
            spool.write(part)
    spool.seek(0)
    return spool


def _reader(stream: IO[bytes]):  # type: ignore[no-untyped-def]
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return PdfReader(stream, strict=False)


def plan(sessions: Sessions, brief: Brief) -> list[Appendix]:
    """The PDF papers in the agenda's order, with their page counts or why they cannot go."""
    from pypdf.errors import PdfReadError

    planned = []
    for paper in brief.all_papers():
        if paper.media_type != "application/pdf":
            continue
        with _spooled(sessions, paper.id) as stream:
            try:
                reader = _reader(stream)
                if reader.is_encrypted:
                    planned.append(Appendix(paper.id, paper.name, 0, "it is encrypted"))
                    continue
                planned.append(Appendix(paper.id, paper.name, len(reader.pages)))
            except (PdfReadError, ValueError, TypeError, KeyError, IndexError, RecursionError):
                planned.append(Appendix(paper.id, paper.name, 0, "it could not be read as a PDF"))
    return planned


def page_map(brief_pages: int, planned: list[Appendix]) -> dict[int, tuple[int, int] | str]:
    """Where each paper's pages fall once appended after `brief_pages` pages of brief."""
    placed: dict[int, tuple[int, int] | str] = {}
    page = brief_pages
    for paper in planned:
        if paper.pages:
            placed[paper.attachment_id] = (page + 1, page + paper.pages)
            page += paper.pages
        else:
            placed[paper.attachment_id] = paper.refusal
    return placed


def extra_pages(planned: list[Appendix]) -> int:
    return sum(p.pages for p in planned)


def _stamp(width: float, height: float, left: float, bottom: float, text: str) -> bytes:
    """A one-page PDF holding only `text` on a white band in the bottom right corner."""
    size = 7.5
    text_width = 0.5 * size * len(text)  # Helvetica's average width: room enough
    x = left + width - 24 - text_width
    y = bottom + 10
    content = (
        b"q 1 1 1 rg %.1f %.1f %.1f %.1f re f Q "
        b"BT /F1 %.1f Tf 0.3 0.3 0.3 rg %.1f %.1f Td (%s) Tj ET"
        % (x - 4, y - 3, text_width + 8, size + 6, size, x, y, pdf_text(text))
    )
    return text_pdf([((left, bottom, left + width, bottom + height), content)])


def append(
    sessions: Sessions,
    brief_pdf: Path,
    planned: list[Appendix],
    target: Path,
    *,
    footer: str,
    total: int,
) -> None:
    """The brief followed by its papers, each page stamped, written to `target` whole or not
    at all."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(brief_pdf))
    page_number = len(writer.pages)
    spools = []
    try:
        for paper in planned:
            if not paper.pages:
                continue
            stream = _spooled(sessions, paper.attachment_id)
            spools.append(stream)
            for page in _reader(stream).pages:
                page_number += 1
                box = page.cropbox
                stamp = _stamp(
                    float(box.width), float(box.height), float(box.left), float(box.bottom),
                    f"{footer} · Page {page_number} of {total}",
                )  # fmt: skip
                added = writer.add_page(page)  # pypdf 7 stamps pages of a writer only
                added.merge_page(PdfReader(io.BytesIO(stamp)).pages[0])
        writer.add_metadata({"/Title": footer, "/Creator": "Docket"})
        _write(writer, target)
    finally:
        for stream in spools:
            stream.close()


def _write(writer: object, target: Path) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DomainError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            writer.write(handle)  # type: ignore[attr-defined]
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise DomainError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
