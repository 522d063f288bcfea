"""The words inside an attached file, for search: PDFs, text, e-mail, Word and ODF documents.

Reading a PDF can take seconds, so the app calls this off the UI thread, before the
transaction that stores the file. A file whose text cannot be read is still attached;
its status says why it is not searchable ("encrypted", "damaged", "no text").
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MAX_CHARS = 2_000_000  # a 1,000-page report's words; beyond this, search reads the start
TEXT_TYPES = ("text/plain", "text/markdown", "text/csv")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

# What a status means, in a member's words.
STATUS_WORDS = {
    "indexed": "its text is searchable",
    "empty": "it holds no text to search (a scan?)",
    "none": "its kind of file has no text Docket can read",
    "encrypted": "it is encrypted, so its text cannot be searched",
    "damaged": "it could not be read as a {kind}, so its text cannot be searched",
}


@dataclass(frozen=True)
class Extracted:
    text: str
    status: str  # one of STATUS_WORDS

    def words(self, kind: str = "file") -> str:
        return STATUS_WORDS[self.status].format(kind=kind)


def extract(path: Path, media_type: str) -> Extracted:
    """The searchable text of the file at `path`, never raising for a bad file."""
    try:
        if media_type == "application/pdf":
            return _pdf(path)
        if media_type in TEXT_TYPES:
            return _found(_decode(path.read_bytes()[: MAX_CHARS * 4]))
        if media_type == "message/rfc822":
            return _email(path)
        if media_type in (DOCX, ODT):
            return _office(path, media_type)
    except (OSError, ValueError, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return Extracted("", "damaged")
    return Extracted("", "none")


def _found(text: str) -> Extracted:
    text = re.sub(r"\s+", " ", text).strip()[:MAX_CHARS]
    return Extracted(text, "indexed" if text else "empty")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _pdf(path: Path) -> Extracted:
    from pypdf import PdfReader  # only when a PDF is attached: keeps every command's start quick
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is said once, by us
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return Extracted("", "encrypted")
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size > MAX_CHARS:
                break
    except (PdfReadError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return Extracted("", "damaged")
    except RecursionError:
        return Extracted("", "damaged")
    return _found(" ".join(parts))


def _email(path: Path) -> Extracted:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    parts = [str(message.get(h, "")) for h in ("From", "To", "Subject", "Date")]
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.is_attachment():
            try:
                parts.append(str(part.get_content()))
            except (LookupError, UnicodeError):
                payload = part.get_payload(decode=True)
                parts.append(_decode(payload if isinstance(payload, bytes) else b""))
    return _found(" ".join(parts))


def _office(path: Path, media_type: str) -> Extracted:
    inner = "word/document.xml" if media_type == DOCX else "content.xml"
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(inner)
        if info.file_size > 200 * 1024 * 1024:  # a zip bomb, not a document
            return Extracted("", "damaged")
        xml = archive.read(inner)
    root = ElementTree.fromstring(xml)
    return _found(" ".join(t for t in root.itertext()))
