"""Putting a backup back: `docket restore FILE` and File ▸ Restore from Backup… in the app.

The current record is kept first: a sound one is backed up (reason "before-restore"),
a damaged or foreign one is moved aside under a new name, never deleted. A sound record
is then overwritten through SQLite's backup API, under SQLite's own locks, so a command
reading it meanwhile sees the old record or the new one, never a mixture. A backup of an
older schema is then upgraded like any other record.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from app.core.errors import DomainError
from app.core.wording import plural
from app.safety.backups import BEFORE_RESTORE, Backup, reading, take_backup, write_backup
from app.safety.lock import RecordLock
from app.safety.opening import COMMAND, Database, open_file
from app.safety.seal import forget
from app.safety.upgrade import LOCK_WAIT_SECONDS, upgrade_record, whole_file_problems
from app.safety.verdict import FULL, MISSING, NEWER, judge
from db import migrate
from db.engine import make_engine, private_folder, sqlite_path
from db.sqlite_safety import driver_connection, restore_database, shm_path, wal_path


@dataclass(frozen=True)
class Restored:
    """What a restore did: the record, the file it came from, and where the old one went."""

    path: Path
    source: Path
    kept: Path | None  # the before-restore backup, or the damaged file moved aside
    upgraded: bool

    def summary(self) -> str:
        text = f"Restored {self.path} from {self.source}"
        if self.kept is not None:
            text += f"; the record it replaced was kept as {self.kept}"
        if self.upgraded:
            text += f"; brought up to this Docket's schema ({migrate.head_revision()})"
        return text


def restore_record(url: URL, source: Path, *, db: Database | None = None) -> Restored:
    """Replace the record at `url` with the backup `source`.

    From the app, pass its open `db` (whose lock it holds); a command takes the lock
    itself, and is refused while an app has the record open.
    """
    path = sqlite_path(url)
    if path is None:
        raise DomainError("only a database file can be restored from a backup")
    source = source.expanduser().resolve()
    if source == path.resolve():
        raise DomainError(f"{source} is the record itself, not a backup of it")
    if db is not None and db.read_only:
        raise DomainError("this record is open read-only: it cannot be restored from here")
    checked = judge(source, FULL)  # the verdict a backup must pass to be named good
    if checked.problem == NEWER:
        raise DomainError(checked.message)
    if not checked.ok:
        raise DomainError(checked.message.replace(" cannot be opened: ", " cannot be restored: "))
    if checked.broken:
        raise DomainError(
            f"{source} cannot be restored: {plural(len(checked.broken), 'reference')} between"
            " its records are broken (`docket check` on it says which)"
        )
    private_folder(path.parent)  # restoring to a new place: its folders, owner-only
    lock = db.lock if db is not None and db.lock is not None else RecordLock(path)
    own_lock = not lock.held
    if own_lock:
        lock.acquire(
            "a Docket command restoring the record",
            wait=LOCK_WAIT_SECONDS,
            doing="restore it from the app (File ▸ Restore from Backup…), or close it first",
        )
    try:
        forget(path)  # what is restored gets the full check when it is next opened
        kept = _replace(url, path, source, db)
        upgraded = checked.revision != migrate.head_revision()
        if upgraded:
            _bring_to_head(url, path, db, lock)
    finally:
        if own_lock:
            lock.release()
    return Restored(path, source, kept, upgraded)


def _replace(url: URL, path: Path, source: Path, db: Database | None) -> Path | None:
    current = judge(path)
    if current.problem == MISSING:
        _install(source, path)
        return None
    if not current.ok:
        aside = set_aside(path)
        _install(source, path)
        return aside
    engine = db.engine if db is not None else make_engine(url)
    # Work from a private copy: the backup taken just below rotates the backup folder,
    # and rotation could otherwise delete the very backup being restored.
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.restoring.", dir=path.parent)
    os.close(handle)
    copy = Path(name)
    try:
        shutil.copyfile(source, copy)
        saved: Backup = take_backup(engine, path, BEFORE_RESTORE, protect=source)
        with driver_connection(engine) as connection:
            restore_database(copy, connection)
        problems = whole_file_problems(engine)
        if problems:
            with driver_connection(engine) as connection:
                restore_database(saved.path, connection)
            raise DomainError(
                f"the restored record failed its check ({problems[0]}); the record was put"
                f" back as it was, from {saved.path}"
            )
    except (sqlite3.Error, OSError) as exc:
        raise DomainError(
            f"the restore could not be done ({exc}); the record is unchanged"
        ) from None
    finally:
        copy.unlink(missing_ok=True)
        engine.dispose()  # and, in the app, pooled connections that knew the old record
    return saved.path


def _install(source: Path, path: Path) -> None:
    """Copy the backup into place as a new file (0600), complete or not at all."""
    with reading(source) as connection:
        write_backup(connection, path)


def set_aside(path: Path) -> Path:
    """Move a refused record (and its -wal and -shm) aside under a dated name; return it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.replaced-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.replaced-{stamp}-{n}")
    for side, moved in ((wal_path(path), wal_path(aside)), (shm_path(path), shm_path(aside))):
        if side.exists():
            os.replace(side, moved)
    os.replace(path, aside)
    return aside


def _bring_to_head(url: URL, path: Path, db: Database | None, lock: RecordLock) -> None:
    """Upgrade a restored older backup, with the usual backup-migrate-check-undo steps."""
    if db is not None:
        upgrade_record(db.engine, path, db.lock)
        return
    opened = open_file(url, path, create=False, access=COMMAND, lock=lock)
    opened.lock = None  # the lock stays ours, released by restore_record
    opened.close()
