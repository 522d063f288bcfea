"""Taking a file in: its name checked, its size within the limit, its hash and its kind.

Everything here happens before the record is touched, so a file that is refused (too
large, unreadable, a name with path separators or control characters) changes nothing.
"""

from __future__ import annotations

import hashlib
import mimetypes
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import DomainError, Invalid
from app.core.files import reading
from app.core.wording import plural
from app.papers.text import DOCX, ODT, Extracted, extract

CHUNK = 1024 * 1024  # bytes per stored chunk: reads and writes never hold more than this
KNOWN_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".eml": "message/rfc822",
    ".docx": DOCX,
    ".odt": ODT,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class Intake:
    """A file ready to be stored: where it is, what it is called, and what is inside."""

    path: Path
    name: str
    media_type: str
    size: int
    sha256: str
    extracted: Extracted


def clean_name(name: str) -> str:
    """A file name fit to keep and to save again: no folders, no control characters."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name or name in (".", ".."):
        raise Invalid("name", "a file needs a name")
    if "/" in name or "\\" in name:
        raise Invalid("name", f"{name!r} holds a path separator; give the file's name only")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        raise Invalid("name", f"{name!r} holds control characters")
    if len(name) > 255:
        raise Invalid("name", "a file name may be at most 255 characters")
    return name


def media_type_of(name: str, head: bytes) -> str:
    """The file's kind, from its first bytes where they tell, else from its name."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG"):
        return "image/png"
    suffix = Path(name).suffix.lower()
    if suffix in KNOWN_TYPES:
        return KNOWN_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


def size_words(size: int) -> str:
    """'130 KB', '4.2 MB': how big a file is, as people say it."""
    if size < 1000:
        return plural(size, "byte")
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")


def take_in(path: Path, limit_mb: int, *, name: str | None = None) -> Intake:
    """Check and read the file at `path` (hash, kind, text), without touching the record."""
    path = Path(path)
    final_name = clean_name(name if name is not None else path.name)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DomainError(f"{path}: no such file") from None
    except OSError as exc:
        raise DomainError(f"{path}: cannot be read ({exc.strerror})") from None
    if path.is_dir():
        raise DomainError(f"{path}: is a folder, not a file")
    limit = limit_mb * 1024 * 1024
    if size > limit:
        raise DomainError(
            f"{final_name} is {size_words(size)}; files over {limit_mb} MB are not attached"
            " (the limit is in Preferences)"
        )
    digest = hashlib.sha256()
    head = b""
    read = 0
    with reading(path) as handle:
        while chunk := handle.read(CHUNK):
            head = head or chunk[:16]
            digest.update(chunk)
            read += len(chunk)
            if read > limit:
                raise DomainError(f"{final_name} grew past {limit_mb} MB while being read")
    media_type = media_type_of(final_name, head)
    return Intake(path, final_name, media_type, read, digest.hexdigest(), extract(path, media_type))
