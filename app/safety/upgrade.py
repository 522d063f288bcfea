"""Upgrading a record to this Docket's schema: back up, migrate, check, or put it back."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from app.core.errors import DomainError
from app.safety.backups import BEFORE_UPGRADE, Backup, fsync_folder, take_backup
from app.safety.lock import RecordLock
from app.safety.refusals import UpgradeFailed, refusal
from app.safety.verdict import LIGHT, judge
from db import migrate
from db.sqlite_safety import (
    driver_connection,
    foreign_key_check,
    integrity_check,
    shm_path,
    wal_path,
)

log = logging.getLogger("docket")
LOCK_WAIT_SECONDS = 15.0  # a command waits this long for another one's upgrade or restore


def upgrade_record(engine: Engine, path: Path, lock: RecordLock | None) -> None:
    """Back up, migrate, check; on any failure put the backup back and say so."""
    lock = lock or RecordLock(path)
    own_lock = not lock.held
    if own_lock:
        lock.acquire(
            "a Docket command upgrading the record",
            wait=LOCK_WAIT_SECONDS,
            doing="close it so this Docket can upgrade the record",
        )
    try:
        current = migrate.current_revision(engine)
        head = migrate.head_revision()
        if current == head:
            return  # another Docket upgraded it while we waited for the lock
        if current is None or not migrate.is_known(current):
            raise refusal(judge(path, LIGHT))
        backup = take_backup(engine, path, BEFORE_UPGRADE)
        try:
            migrate.upgrade(engine)
            problems = whole_file_problems(engine)
            if problems:
                raise UpgradeFailed(f"the upgraded file failed its check: {problems[0]}")
        except Exception as exc:
            engine.dispose()
            put_back(path, backup)
            reason = exc.orig if isinstance(exc, DBAPIError) else exc
            log.error("upgrade of %s failed; put back from %s", path, backup.path, exc_info=exc)
            raise UpgradeFailed(
                f"{path}: upgrading it from schema {current} to {head} failed ({reason});"
                f" it was put back exactly as it was, from the backup {backup.path}"
            ) from exc
    finally:
        if own_lock:
            lock.release()


def whole_file_problems(engine: Engine) -> list[str]:
    """The full integrity check and the foreign-key check, as plain lines ([] if sound)."""
    with driver_connection(engine) as connection:
        problems = integrity_check(connection)
        problems += [
            f"a row of {ref.table} names a missing row of {ref.parent}"
            for ref in foreign_key_check(connection)
        ]
    return problems


def put_back(path: Path, backup: Backup) -> None:
    """Make the (closed) record at `path` byte-for-byte its backup again.

    The backup is a finished file nobody writes to, so copying it is safe; the record is
    replaced in one rename, so it is never half-copied.
    """
    for side in (wal_path(path), shm_path(path)):
        if side.exists():
            raise DomainError(
                f"{path} could not be put back from {backup.path}: another program still has"
                " it open. Close it, then restore that backup with `docket restore`"
            )
    partial = path.with_name(f".{path.name}.restoring-{os.getpid()}")
    try:
        with partial.open("wb") as file:
            os.chmod(partial, 0o600)
            file.write(backup.path.read_bytes())
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
        fsync_folder(path.parent)
    finally:
        partial.unlink(missing_ok=True)
