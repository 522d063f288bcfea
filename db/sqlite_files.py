"""The SQLite file format read from disk, without SQLite: the header, the write-ahead log, its index.

Docket judges a file from its bytes before any connection touches it, because a
connection may create files beside it, and silently opens a file without the log that
held its latest changes. Offsets are those of SQLite's file-format documentation
(fileformat2.html and walformat.html). Nothing here writes.

One trap: SQLite's locks are POSIX record locks, which a process loses on a file as soon
as it closes *any* descriptor of that file. Reading a record this process holds
connections to through an ordinary open-and-close would drop SQLite's locks under it
(another process might then fold the log into the file and delete it while we still
write to it). So while the process has connections open to a record (counted by
`connection_opened` and `connection_closed`), descriptors to its files are opened once
and kept; a log or index SQLite has since deleted and made anew is let go (no connection
uses the old one any more), and all of them once the last connection has closed.
"""

from __future__ import annotations

import os
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_INDEX_HEADER_SIZE = 136  # two copies of a 48-byte header, then the checkpoint info


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of a SQLite file say about it."""

    page_size: int
    wal: bool  # the file is in write-ahead-log mode
    pages: int | None  # the database size in pages, when the header vouches for it
    change_counter: int  # moves on each change written to the file itself
    application_id: int  # PRAGMA application_id: which program's file this is (0: unsaid)

    @classmethod
    def parse(cls, data: bytes) -> Header | None:
        if len(data) < HEADER_SIZE or not data.startswith(MAGIC):
            return None
        (size,) = struct.unpack_from(">H", data, 16)
        page_size = 65536 if size == 1 else size
        if page_size < 512 or page_size & (page_size - 1):
            return None
        change_counter, pages = struct.unpack_from(">II", data, 24)
        (application_id,) = struct.unpack_from(">I", data, 68)
        (valid_for,) = struct.unpack_from(">I", data, 92)
        return cls(
            page_size=page_size,
            wal=data[18] == 2 or data[19] == 2,
            pages=pages if pages and change_counter == valid_for else None,
            change_counter=change_counter,
            application_id=application_id,
        )


def read_header(path: Path) -> Header | None:
    """The file's SQLite header, or None when it does not start like a SQLite database."""
    with reading(path) as fd:
        return Header.parse(pread(fd, HEADER_SIZE, 0))


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


# --- reading without losing SQLite's locks ------------------------------------------------

_connections: dict[str, int] = {}  # record -> SQLite connections open in this process
_held: dict[str, tuple[int, int]] = {}  # file -> (inode, descriptor), kept open
_guard = threading.RLock()
_SIDES = ("-wal", "-shm")


def connection_opened(db_path: Path) -> None:
    """This process has opened one more SQLite connection to the record at `db_path`."""
    name = str(db_path.resolve())
    with _guard:
        _connections[name] = _connections.get(name, 0) + 1


def connection_closed(db_path: Path) -> None:
    """One of them closed; after the last, the descriptors kept for reading go too."""
    name = str(db_path.resolve())
    with _guard:
        left = _connections.get(name, 0) - 1
        if left > 0:
            _connections[name] = left
            return
        _connections.pop(name, None)
        for file in (name, name + "-wal", name + "-shm"):
            held = _held.pop(file, None)
            if held is not None:
                os.close(held[1])  # no connection left whose locks it could drop


def pread(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes at `offset` (fewer at the end of the file)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    with _guard:  # Windows: no pread
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)


@contextmanager
def reading(path: Path) -> Iterator[int]:
    """A descriptor to read `path` with `pread` (raises OSError as `open` would)."""
    name = str(path.resolve())
    record = name[:-4] if name.endswith(_SIDES) else name
    if os.name == "nt":  # Windows locks belong to the handle: open and close freely
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            yield fd
        finally:
            os.close(fd)
        return
    # Held while reading: no connection opens (and locks) meanwhile, no thread lets go of
    # the descriptor in use.
    with _guard:
        if not _connections.get(record):
            fd = os.open(name, os.O_RDONLY)
            try:
                yield fd
            finally:
                os.close(fd)
            return
        inode = os.stat(name).st_ino
        held = _held.get(name)
        if held is None or held[0] != inode:
            if held is not None and name != record:
                os.close(held[1])  # a deleted log or index: SQLite has let it go too
            fd = os.open(name, os.O_RDONLY)
            _held[name] = (os.fstat(fd).st_ino, fd)
        yield _held[name][1]


def log_size(path: Path) -> int:
    """The size of the record's write-ahead log; 0 when there is none (an empty one holds nothing)."""
    try:
        return wal_path(path).stat().st_size
    except FileNotFoundError:
        return 0


# --- the log's index (-shm) -------------------------------------------------------------------


@dataclass(frozen=True)
class WalIndex:
    """The -shm file's header: how many frames of the log are valid, and how many are in the file."""

    max_frame: int
    backfilled: int
    page_size: int

    @property
    def pending(self) -> bool:
        """Whether the log holds committed changes not yet copied into the file."""
        return self.max_frame > self.backfilled


def read_wal_index(path: Path) -> WalIndex | None:
    """The record's -shm header, or None when there is none, or it was never set up.

    A writer updates the header while we read: the two copies SQLite keeps agree only when
    it is whole, so a torn read is read again.
    """
    try:
        with reading(shm_path(path)) as fd:
            for _attempt in range(5):
                data = pread(fd, _INDEX_HEADER_SIZE, 0)
                if len(data) < _INDEX_HEADER_SIZE or data[12] != 1:  # not initialised
                    return None
                if data[:48] == data[48:96]:
                    break
            else:
                return None
    except OSError:
        return None
    # The index is in the machine's own byte order (it is never moved between machines).
    (size,) = struct.unpack_from("=H", data, 14)
    (max_frame,) = struct.unpack_from("=I", data, 16)
    (backfilled,) = struct.unpack_from("=I", data, 96)
    page_size = 65536 if size == 1 else size
    return WalIndex(int(max_frame), int(backfilled), page_size)


def lost_wal(path: Path) -> bool:
    """Whether committed changes sit in a write-ahead log that is no longer there.

    A process that stopped without closing leaves its log (-wal) and index (-shm); one
    that runs keeps both. If the log has since gone — copied without it, or deleted —
    the index still counts frames not yet copied into the file, and SQLite would
    silently open the file without them.
    """
    if wal_path(path).exists():
        return False
    index = read_wal_index(path)
    return index is not None and index.pending


def wal_cut_short(path: Path) -> bool:
    """Whether the log is shorter than its index says: its last changes were cut off."""
    index = read_wal_index(path)
    if index is None or not index.max_frame or not index.page_size:
        return False
    try:
        size = wal_path(path).stat().st_size
    except FileNotFoundError:
        return False  # lost_wal's case
    frame = FRAME_HEADER_SIZE + index.page_size
    return size < WAL_HEADER_SIZE + index.max_frame * frame


# --- the log itself (-wal) --------------------------------------------------------------------


def wal_contents(path: Path) -> tuple[set[int], int | None]:
    """The pages the log holds, and the database's size in pages after its last commit.

    Frames count while they carry the log's current salt (older ones belong to a log
    that was restarted); only those up to the last commit frame hold committed pages.
    """
    pages: set[int] = set()
    committed: set[int] = set()
    size: int | None = None
    try:
        with reading(wal_path(path)) as fd:
            header = pread(fd, WAL_HEADER_SIZE, 0)
            if len(header) < WAL_HEADER_SIZE:
                return set(), None
            magic, _version, page_size = struct.unpack_from(">III", header, 0)
            if magic not in _WAL_MAGIC or page_size < 512:
                return set(), None
            salt = header[16:24]
            offset = WAL_HEADER_SIZE
            while True:
                frame = pread(fd, FRAME_HEADER_SIZE, offset)
                if len(frame) < FRAME_HEADER_SIZE or frame[8:16] != salt:
                    break
                page, after_commit = struct.unpack_from(">II", frame, 0)
                pages.add(page)
                if after_commit:
                    committed |= pages
                    size = after_commit
                offset += FRAME_HEADER_SIZE + page_size
    except OSError:
        return set(), None
    return committed, size


def truncated(path: Path, header: Header) -> bool:
    """Whether the file is shorter than its own header says, pages the log holds aside.

    A database file is whole pages; its header gives its length in pages. While a log
    exists the latest pages may live there instead, and its last commit may say the
    database has grown or shrunk: what the file lacks must then be in the log.
    """
    size = path.stat().st_size
    if size % header.page_size:
        return True
    if header.pages is None:
        return False
    expected, in_log = header.pages, set[int]()
    if log_size(path):
        in_log, after_commit = wal_contents(path)
        expected = after_commit or expected
    present = size // header.page_size
    return any(page not in in_log for page in range(present + 1, expected + 1))


@dataclass(frozen=True)
class FileState:
    """The record's file and log as the file system shows them: any write moves one of these.

    The change time (ctime) moves with every write and every change of the file's details,
    and no program can set it back, as one can the modification time.
    """

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    log_size: int
    log_mtime_ns: int


def file_state(path: Path) -> FileState:
    """The state of the record at `path` now, from `stat` alone (raises OSError)."""
    info = path.stat()
    try:
        log = wal_path(path).stat()
        log_info = (log.st_size, log.st_mtime_ns if log.st_size else 0)
    except FileNotFoundError:
        log_info = (0, 0)
    return FileState(
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        ctime_ns=info.st_ctime_ns,
        inode=info.st_ino,
        log_size=log_info[0],
        log_mtime_ns=log_info[1],
    )


def settle(path: Path, margin_ns: int = 5_000_000) -> None:
    """Wait, at most `margin_ns`, until a later write to `path` could not keep its timestamp.

    Older kernels stamp writes with a clock that ticks every 1 to 4 ms, so a write right
    after another may leave the time unchanged; once the clock has moved on, any later
    write shows. (Linux 6.13 and later stamp a write finely once the time was looked at.)
    """
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return
    wait = mtime + margin_ns - time.time_ns()
    if 0 < wait <= margin_ns:
        time.sleep(wait / 1e9)
