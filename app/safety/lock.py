"""One Docket app writes to a record at a time: a lock file beside it, held while the app runs.

The lock is an advisory `flock` on `docket.db.lock` (on Windows, a byte-range lock), so
the operating system releases it when the holder exits for any reason, a kill included:
a lock left by a dead process is simply taken over. The file also says who holds it
(process, host, user, since when), for the message the next Docket shows.

Who takes it: the app for as long as it runs; a command only for a moment, to upgrade
or restore the file (so it never does that under a running app). Ordinary commands
don't: they write in short transactions that SQLite serialises with its busy timeout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import DomainError
from db.audit import os_user

POLL_SECONDS = 0.05


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as the holder wrote it down."""

    pid: int | None = None
    host: str = ""
    user: str = ""
    since: str = ""
    purpose: str = ""

    def describe(self) -> str:
        if self.pid is None:
            return "another Docket"
        where = f" on {self.host}" if self.host and self.host != socket.gethostname() else ""
        who = f" by {self.user}" if self.user else ""
        when = f" since {self.since}" if self.since else ""
        what = self.purpose or "Docket"
        return f"{what} (process {self.pid}{where}{who}{when})"


class RecordInUse(DomainError):
    """Another Docket holds the record's lock."""

    def __init__(self, db_path: Path, holder: Holder, doing: str) -> None:
        super().__init__(f"{db_path} is open in {holder.describe()}; {doing}")
        self.db_path = db_path
        self.holder = holder


class LockUnavailable(DomainError):
    """The lock file cannot be made (a read-only folder, a network share without locks)."""


class RecordLock:
    """The lock on one record. `acquire()` raises RecordInUse while another Docket holds it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, purpose: str, *, wait: float = 0.0, doing: str = "") -> None:
        """Take the lock, waiting up to `wait` seconds for another holder to let go."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as exc:
            raise LockUnavailable(
                f"cannot make the lock file {self.path} ({exc.strerror}); Docket needs to"
                " write in the folder that holds the record"
            ) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                _lock(fd)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise RecordInUse(
                        self.db_path, holder, doing or "close it there first"
                    ) from None
                time.sleep(POLL_SECONDS)
            except OSError as exc:  # the file system cannot lock (some network shares)
                os.close(fd)
                raise LockUnavailable(
                    f"cannot lock {self.path} ({exc.strerror}): the folder does not support"
                    " file locks, so Docket cannot keep two copies from writing at once"
                ) from None
        _private(fd)
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "user": os_user(),
            "since": dt.datetime.now().isoformat(timespec="minutes"),
            "purpose": purpose,
        }
        _write_holder(fd, json.dumps(record).encode())
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            with suppress(OSError):
                _write_holder(fd, b"")
        finally:
            os.close(fd)  # closing the descriptor releases the lock


def _private(fd: int) -> None:
    if hasattr(os, "fchmod"):
        with suppress(OSError):
            os.fchmod(fd, 0o600)


def _write_holder(fd: int, data: bytes) -> None:
    if sys.platform == "win32":
        return  # the byte-range lock makes the file unreadable to others: nothing to say
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)


def _read_holder(fd: int) -> Holder:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
        pid = data.get("pid")
        return Holder(
            pid=pid if isinstance(pid, int) else None,
            host=str(data.get("host", "")),
            user=str(data.get("user", "")),
            since=str(data.get("since", "")).replace("T", " "),
            purpose=str(data.get("purpose", "")),
        )
    except (OSError, ValueError, AttributeError):
        return Holder()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 1 << 30, os.SEEK_SET)  # lock a byte past anything written
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            raise BlockingIOError from None

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
