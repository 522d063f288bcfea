"""Reading and writing files: each failure one line to show; no write is left half done."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from app.core.errors import DomainError


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then move it into place."""
    path = Path(path)
    if path.is_dir():
        raise DomainError(f"cannot write {path}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DomainError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DomainError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def reading(path: Path) -> Iterator[BinaryIO]:
    """The file open for reading; any failure to open or read it is a one-line DomainError."""
    try:
        with Path(path).open("rb") as handle:
            yield handle
    except FileNotFoundError:
        raise DomainError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DomainError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DomainError(f"{path}: cannot be read ({exc.strerror})") from None
