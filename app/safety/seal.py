"""The seal: how Docket last left a record, so opening knows whether anything else has touched it.

After each of its own writes (a transaction committed, a record closed) Docket notes the
file's size, modification and change times and inode, the size and time of its log, whether
the log still held changes not yet in the file, and the day of the last full check that
found the record sound. It notes them only when the file was still as its last note said
before the write, so a seal never vouches for another program's change. Opening compares:
a file exactly as sealed needs only a light look; any difference, or no seal at all (a
copied or restored file, another computer), and it gets the full check.

Seals live in the user state folder (`~/.local/state/Docket/seals/` on Linux), one small
file per record, named like its backup folder. A lost seal only costs one full check.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, SessionTransaction

from app.core.sessions import Sessions
from db.engine import APP_NAME, private_folder
from db.sqlite_files import FileState, file_state, read_wal_index, settle

log = logging.getLogger("docket")

FULL_CHECK_EVERY = dt.timedelta(days=7)  # even an untouched file: disks fail silently
_TRUSTED = "docket.seal.trusted"


@dataclass(frozen=True)
class Seal:
    """The record as Docket last left it."""

    state: FileState
    pending: bool  # its log held changes not yet copied into the file
    checked: dt.date  # the last full check that found it sound

    def matches(self, state: FileState) -> bool:
        return self.state == state

    def due_full_check(self, today: dt.date | None = None) -> bool:
        return (today or dt.date.today()) - self.checked >= FULL_CHECK_EVERY

    def lost_log(self, state: FileState) -> bool:
        """The file is as sealed, but the log that held changes for it is gone or shorter.

        Copying frames from the log into the file (a checkpoint) would have changed the
        file; it has not changed, so the changes were never copied: they are lost.
        """
        s = self.state
        file_same = (state.size, state.mtime_ns, state.ctime_ns, state.inode) == (
            s.size,
            s.mtime_ns,
            s.ctime_ns,
            s.inode,
        )
        return self.pending and file_same and state.log_size < s.log_size


@functools.cache
def _seal_path(db_path: Path, root: str) -> Path:
    digest = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:8]
    return Path(root) / "seals" / f"{db_path.stem}-{digest}.json"


def seal_path(db_path: Path) -> Path:
    return _seal_path(db_path, platformdirs.user_state_dir(APP_NAME, appauthor=False))


_read: dict[Path, tuple[tuple[int, int, int], Seal | None]] = {}  # seal file -> what it said


def read_seal(db_path: Path) -> Seal | None:
    """The record's seal; read again only when its file has changed (every transaction asks)."""
    path = seal_path(db_path)
    try:
        info = path.stat()
        key = (info.st_ino, info.st_mtime_ns, info.st_size)
        known = _read.get(path)
        if known is not None and known[0] == key:
            return known[1]
        data = json.loads(path.read_text(encoding="utf-8"))
        seal = Seal(
            state=FileState(**data["state"]),
            pending=bool(data["pending"]),
            checked=dt.date.fromisoformat(data["checked"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none, or unreadable: the file gets the full check
    _read[path] = (key, seal)
    return seal


def write_seal(db_path: Path, seal: Seal) -> None:
    path = seal_path(db_path)
    data: dict[str, Any] = {
        "record": str(db_path.resolve()),
        "state": asdict(seal.state),
        "pending": seal.pending,
        "checked": seal.checked.isoformat(),
    }
    try:
        private_folder(path.parent)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file)
        os.replace(tmp, path)
    except OSError as exc:  # the next opening then checks the whole file: safe, only slower
        log.info("cannot write the seal of %s: %s", db_path, exc)


def forget(db_path: Path) -> None:
    """Drop the seal: the next opening checks the whole file."""
    try:
        seal_path(db_path).unlink(missing_ok=True)
    except OSError as exc:
        log.info("cannot remove the seal of %s: %s", db_path, exc)


def current_state(db_path: Path) -> FileState | None:
    try:
        return file_state(db_path)
    except OSError:
        return None


def seal_now(
    db_path: Path, checked: dt.date | None = None, *, judged: FileState | None = None
) -> None:
    """Seal the record as it is now; `checked` is the day of a full check that passed, if any.

    With `judged` (the state a check looked at), only if the file is still in that state.
    """
    state = current_state(db_path)
    if state is None or (judged is not None and state != judged):
        return
    previous = read_seal(db_path)
    if checked is None:
        if previous is None:
            return  # nothing vouches for this file yet: leave it to the full check
        checked = previous.checked
    if previous is not None and (previous.state, previous.checked) == (state, checked):
        return  # a transaction that only read: nothing moved
    index = read_wal_index(db_path)
    pending = bool(state.log_size) and index is not None and index.pending
    seal = Seal(state, pending, checked)
    if previous != seal:
        write_seal(db_path, seal)


def still_sealed(db_path: Path) -> bool:
    """Whether the record is exactly as its seal says (nothing else has written since)."""
    seal, state = read_seal(db_path), current_state(db_path)
    return seal is not None and state is not None and seal.matches(state)


def close_sealed(db_path: Path, close: Callable[[], None]) -> None:
    """Close the record with `close()` (the last connection folds the log into the file), then
    seal it, if nothing but Docket wrote to it meanwhile."""
    trusted = still_sealed(db_path)
    close()
    if trusted:
        settle(db_path)
        seal_now(db_path)


def keep_sealed(sessions: Sessions, db_path: Path) -> None:
    """Reseal after every transaction of these sessions that began on a still-sealed file.

    The check is made once the transaction has begun, holding SQLite's write lock (use
    cases begin IMMEDIATE): no other writer can come between it and the commit.
    """

    def after_begin(session: Session, _tx: SessionTransaction, _connection: Connection) -> None:
        session.info[_TRUSTED] = still_sealed(db_path)

    def after_commit(session: Session) -> None:
        if session.info.pop(_TRUSTED, False):
            seal_now(db_path)

    def after_rollback(session: Session) -> None:
        session.info.pop(_TRUSTED, None)

    event.listen(sessions, "after_begin", after_begin)
    event.listen(sessions, "after_commit", after_commit)
    event.listen(sessions, "after_rollback", after_rollback)
