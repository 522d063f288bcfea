"""Real files to attach in tests: PDFs written byte by byte (so pypdf and pdftotext read
them as any PDF), an encrypted one, a damaged one, and plain text."""

from __future__ import annotations

from pathlib import Path

from app.papers.tiny_pdf import pdf_text, text_pdf


def write_pdf(path: Path, pages: list[str]) -> Path:
    """A small A4 PDF with one line of Helvetica text on each page."""
    a4 = (0.0, 0.0, 595.0, 842.0)
    contents = [b"BT /F1 14 Tf 72 720 Td (%s) Tj ET" % pdf_text(text) for text in pages]
    path.write_bytes(text_pdf([(a4, content) for content in contents]))
    return path


def write_encrypted_pdf(path: Path, text: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_name("plain-" + path.name), [text])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def write_damaged_pdf(path: Path) -> Path:
    good = write_pdf(
        path.with_name("good-" + path.name), ["A page that will not survive"]
    ).read_bytes()
    path.write_bytes(good[:60] + b"\x00garbage" * 20)
    return path
