"""The smallest honest PDF: pages of Helvetica text, written byte by byte.

Used to stamp page numbers on appended papers (app/documents/appendix.py) without a
drawing library, and by the tests to make real PDFs that any reader opens.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]  # left, bottom, right, top in points


def pdf_text(text: str) -> bytes:
    """Text as a PDF string's bytes (Windows-1252, as the font is encoded)."""
    safe = text.encode("cp1252", errors="replace")
    return safe.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(pages: list[tuple[Box, bytes]]) -> bytes:
    """A PDF whose pages have these media boxes and content streams; the font is /F1."""
    count = len(pages)
    font = 3 + 2 * count
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    for i, (box, content) in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%.2f %.2f %.2f %.2f] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (*box, 4 + 2 * i, font)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
