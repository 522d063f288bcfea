"""Backups of the record: taken with SQLite's online backup API, kept and rotated per record.

When: once a day when Docket opens a record, before every upgrade of its schema, before
every restore, and on demand (`docket backup`, File ▸ Back Up Now). Where: the user data
folder, `backups/<name>-<hash of its path>/`, one folder per record (`DOCKET_BACKUP_DIR`
names another root). Each backup is one self-contained SQLite file, readable only by its
owner, written to a temporary name and renamed into place once complete and checked.

Rotation keeps the newest backup of each of the last 7 days that have one, of each of
the last 4 weeks and of each of the last 12 months; and, whatever their age, the 3 newest
taken on demand, before an upgrade, before a restore and before a repair (the copies a
member asked for, or may want right after a change).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import Engine

from app.core.errors import DomainError
from app.safety.verdict import FULL, judge
from db.engine import APP_NAME, private_folder
from db.sqlite_safety import copy_database, disk_reason, driver_connection, read_only_uri

ENV_VAR = "DOCKET_BACKUP_DIR"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
KEEP_SAFETY_COPIES = 3
DAILY, MANUAL = "daily", "manual"
BEFORE_UPGRADE, BEFORE_RESTORE = "before-upgrade", "before-restore"
BEFORE_REPAIR = "before-repair"
REASONS = (DAILY, MANUAL, BEFORE_UPGRADE, BEFORE_RESTORE, BEFORE_REPAIR)
SAFETY_REASONS = (MANUAL, BEFORE_UPGRADE, BEFORE_RESTORE, BEFORE_REPAIR)
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6})-(?P<reason>" + "|".join(REASONS) + r")(?:-\d+)?\.db$"
)
_PARTIAL = ".partial"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime  # local time, to the second
    reason: str

    def describe(self) -> str:
        return f"{self.taken:%d %b %Y %H:%M}, {self.reason.replace('-', ' ')}"


def backup_root() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


def backup_folder(db_path: Path) -> Path:
    """Where one record's backups go: named after the file, told apart by its full path."""
    digest = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:8]
    return backup_root() / f"{db_path.stem}-{digest}"


def list_backups(db_path: Path) -> list[Backup]:
    """The record's backups, newest first."""
    folder = backup_folder(db_path)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if match is None:
            continue
        taken = dt.datetime.strptime(match["stamp"], STAMP)
        found.append(Backup(folder / name, taken, match["reason"]))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def take_backup(
    engine: Engine,
    db_path: Path,
    reason: str,
    *,
    now: dt.datetime | None = None,
    protect: Path | None = None,
) -> Backup:
    """Back the open record up into its backup folder, then rotate the folder."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    taken = (now or dt.datetime.now()).replace(microsecond=0)
    folder = backup_folder(db_path)
    private_folder(folder)
    private_folder(backup_root())  # Docket's own: tighten it even if it already existed
    target = _free_name(folder, f"{db_path.stem}-{taken.strftime(STAMP)}-{reason}")
    with driver_connection(engine) as source:
        write_backup(source, target)
    rotate(db_path, now=taken, protect=protect)
    return Backup(target, taken, reason)


def backup_due(db_path: Path, today: dt.date | None = None) -> bool:
    """Whether the once-a-day backup is still to be taken (any backup today counts)."""
    today = today or dt.date.today()
    return not any(b.taken.date() == today for b in list_backups(db_path))


def write_backup(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind `source` to `target` (0600), whole and checked, or not at all."""
    partial = target.with_name(f".{target.name}.{os.getpid()}{_PARTIAL}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.chmod(partial, 0o600)  # whatever the umask
        problems = copy_database(source, partial)
        if problems:
            raise DomainError(f"the backup did not check out ({problems[0]}); nothing was kept")
        fsync_file(partial)
        os.replace(partial, target)
        fsync_folder(target.parent)
    except sqlite3.Error as exc:
        raise DomainError(f"cannot back up to {target}: {disk_reason(exc) or exc}") from None
    except OSError as exc:
        raise DomainError(f"cannot back up to {target}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)


def backup_to(engine: Engine, target: Path) -> None:
    """`docket backup -o FILE`: a backup anywhere, replacing FILE only once it is complete."""
    if target.is_dir():
        raise DomainError(f"cannot back up to {target}: it is a folder")
    with driver_connection(engine) as source:
        write_backup(source, target)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a backup file (which is never in WAL mode)."""
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as connection:
        yield connection


def newest_good_backup(db_path: Path) -> Backup | None:
    """The newest of the record's backups that passes the full verdict: nothing wrong at all.

    The same judgement as `docket check`'s, so a backup taken of a record already damaged
    in a way a lighter look misses (an index, a reference) is never offered as good.
    """
    for backup in list_backups(db_path):
        if judge(backup.path, FULL).sound:
            return backup
    return None


# --- rotation ----------------------------------------------------------------------------


def to_keep(backups: Iterable[Backup]) -> set[Path]:
    """Which backups rotation keeps (see the module's docstring)."""
    newest_first = sorted(backups, key=lambda b: (b.taken, b.path.name), reverse=True)
    keep: set[Path] = set()
    for period, count in (
        (lambda b: b.taken.date(), KEEP_DAILY),
        (lambda b: b.taken.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.taken.year, b.taken.month), KEEP_MONTHLY),
    ):
        seen: set[object] = set()
        for backup in newest_first:
            key = period(backup)
            if key not in seen and len(seen) < count:
                seen.add(key)
                keep.add(backup.path)  # the newest of its day, week or month
    for reason in SAFETY_REASONS:
        keep.update([b.path for b in newest_first if b.reason == reason][:KEEP_SAFETY_COPIES])
    return keep


def rotate(
    db_path: Path, *, now: dt.datetime | None = None, protect: Path | None = None
) -> list[Path]:
    """Delete the backups rotation does not keep (never `protect`); return them."""
    backups = list_backups(db_path)
    keep = to_keep(backups)
    spared = protect.resolve() if protect is not None else None
    removed = [b.path for b in backups if b.path not in keep and b.path.resolve() != spared]
    for path in removed:
        path.unlink(missing_ok=True)
    _clear_abandoned(backup_folder(db_path), now or dt.datetime.now())
    return removed


def _clear_abandoned(folder: Path, now: dt.datetime) -> None:
    """Remove half-written backups left by a Docket that was killed while writing one."""
    for partial in folder.glob(f".*{_PARTIAL}*"):
        try:
            age = now.timestamp() - partial.stat().st_mtime
            if age > 3600:
                partial.unlink()
        except OSError:
            continue


def _free_name(folder: Path, base: str) -> Path:
    target, n = folder / f"{base}.db", 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}.db"
    return target


def fsync_file(path: Path) -> None:
    """Make sure the file's bytes are on the disk, not only in the system's cache."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make sure a rename into `folder` is on the disk (POSIX; elsewhere a no-op)."""
    if os.name == "posix":
        with suppress(OSError):
            fsync_file(folder)
