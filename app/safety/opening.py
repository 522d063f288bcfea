"""Opening the record: a pipeline that never loses, damages or silently changes it.

1. Lock. The app takes the record's lock for as long as it runs, so a second app is
   told who has it and can open it read-only instead (app/lock.py).
2. Look. The one verdict (app/safety/verdict.py), read-only, as deep as the file needs:
   the whole file when anything but Docket has touched it since Docket last left it
   (app/safety/seal.py). A file that is damaged, not Docket's, a newer Docket's, or
   missing the log that held its latest changes is refused exactly as it is — no WAL
   switch, no stamp, not a byte changed — naming the newest good backup. Broken
   references open with a warning, and `Database.broken` for the app's repair offer.
3. Upgrade, when due: back up, migrate in one transaction, check the whole file, and
   put the backup back byte for byte if anything fails. A record Docket recognised by
   its schema but that does not yet say it is Docket's (PRAGMA application_id) is marked.
4. Back up once a day, keep the files private to their owner (0600), warn when the
   record sits on a network share or in a cloud-synced folder, and seal it after every
   write of Docket's own.

A new record is built under a temporary name and renamed into place once complete, so
a crash never leaves a half-made record behind. Non-SQLite URLs (the planned shared
PostgreSQL record) skip the file steps.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, DBAPIError, ProgrammingError

from app.core.errors import DomainError
from app.core.sessions import INSUFFICIENT_PRIVILEGE, Sessions
from app.safety.backups import (
    DAILY,
    MANUAL,
    backup_due,
    backup_to,
    fsync_file,
    fsync_folder,
    take_backup,
)
from app.safety.checks import broken_summary
from app.safety.location import location_warning
from app.safety.lock import RecordLock, lock_path
from app.safety.refusals import refusal, refuse_writes
from app.safety.schema import CORE_SCHEMA, describe_missing, missing_from
from app.safety.seal import close_sealed, forget, keep_sealed, seal_now
from app.safety.upgrade import upgrade_record
from app.safety.verdict import FULL, LIGHT, Verdict, judge
from db import migrate
from db.engine import (
    make_engine,
    make_read_only_engine,
    make_sessions,
    private_file,
    private_folder,
    sqlite_path,
)
from db.sqlite_safety import (
    BrokenReference,
    disk_reason,
    enable_wal,
    shm_path,
    stamp_application_id,
    wal_path,
)

log = logging.getLogger("docket")

Access = Literal["app", "command", "read_only"]
APP: Access = "app"  # the desktop app: holds the lock while it runs
COMMAND: Access = "command"  # a one-shot command: short transactions, no lock held
READ_ONLY: Access = "read_only"  # a second app beside a writing one: reads only


@dataclass
class Database:
    """An open record: the engine, the session factory use cases draw on, and where it lives."""

    url: URL
    engine: Engine
    sessions: Sessions
    read_only: bool = False
    lock: RecordLock | None = None
    warnings: list[str] = field(default_factory=list)  # to show the member once opened
    broken: tuple[BrokenReference, ...] = ()  # references found broken on opening: repair them

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def broken_warning(self) -> str:
        """The warning about broken references among `warnings` ("" when there is none)."""
        path = self.path
        return broken_warning(path, self.broken) if path is not None and self.broken else ""

    @property
    def location(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path else self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        path = self.path
        if path is not None and not self.read_only:
            close_sealed(path, self.engine.dispose)  # as Docket leaves it, for the next opening
        else:
            self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def exists(url: URL) -> bool:
    """Whether there is a record at `url` (any non-file database counts as existing)."""
    path = sqlite_path(url)
    return path is None or path.exists()


def open_database(url: URL, *, create: bool = True, access: Access = COMMAND) -> Database:
    """Open the record at `url` through the pipeline above, creating it if allowed.

    Raises RecordInUse (app/lock.py) when another app holds it, RecordRefused when the
    file is not a sound Docket record of a known schema, UpgradeFailed when an upgrade
    failed (and was undone), and DomainError for anything else a member can act on.
    """
    path = sqlite_path(url)
    if path is None:
        if access == READ_ONLY:
            raise DomainError("only a database file can be opened read-only")
        return _open_server(url)
    if not path.exists() and (not create or access == READ_ONLY):
        raise DomainError(f"no database at {path}; create one with `docket init`")
    lock = None
    if access == APP:
        if path.exists():  # refuse a file that is not Docket's before even a lock goes beside it
            early = judge(path, LIGHT)
            if not early.ok:
                raise refusal(early)
        private_folder(path.parent)
        lock = RecordLock(path)
        lock.acquire("the Docket app", doing="open it read-only, or close it there first")
    try:
        return open_file(url, path, create=create, access=access, lock=lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def open_file(
    url: URL, path: Path, *, create: bool, access: Access, lock: RecordLock | None
) -> Database:
    created = False
    if not path.exists():
        if not create:
            raise DomainError(f"no database at {path}; create one with `docket init`")
        created = _create(path)
    verdict = judge(path)
    if not verdict.ok:
        raise refusal(verdict)
    if access == READ_ONLY:
        return _open_read_only(url, path, verdict)
    for file in (path, wal_path(path), shm_path(path)):
        private_file(file)  # ours: owner only (SQLite gives -wal and -shm the file's mode)
    engine = make_engine(url)
    db = Database(url, engine, make_sessions(engine), lock=lock, broken=verdict.broken)
    try:
        if verdict.revision != migrate.head_revision():
            upgrade_record(engine, path, lock)
        enable_wal(engine)
        stamp_application_id(engine)  # recognised by its schema: now it says it is Docket's
        if not created:
            db.warnings.extend(_daily_backup(db, path))
    except (sqlite3.Error, DBAPIError) as exc:
        engine.dispose()
        reason = disk_reason(exc)
        if reason is None:
            raise
        raise DomainError(f"{path} cannot be opened for writing: {reason}") from None
    except BaseException:
        engine.dispose()
        raise
    _seal(db, path, verdict)
    warning = location_warning(path)
    if warning:
        db.warnings.append(warning)
    return db


def _seal(db: Database, path: Path, verdict: Verdict) -> None:
    """Seal the record as this opening leaves it, or warn of its broken references."""
    keep_sealed(db.sessions, path)
    if verdict.broken:
        forget(path)  # every opening looks again, and warns again, until they are repaired
        db.warnings.append(broken_warning(path, verdict.broken))
    else:
        seal_now(path, checked=dt.date.today() if verdict.depth == FULL else None)


def broken_warning(path: Path, broken: tuple[BrokenReference, ...]) -> str:
    return (
        f"{path} has {broken_summary(broken)}; repair what the record's history allows"
        " with `docket check --repair`"
    )


def _create(path: Path) -> bool:
    """Build a new record at head beside `path`, then move it into place; False if beaten to it."""
    private_folder(path.parent)
    partial = path.with_name(f".{path.name}.new-{os.getpid()}")
    leftovers = (partial, wal_path(partial), shm_path(partial), Path(f"{partial}-journal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.chmod(partial, 0o600)
        engine = make_engine(URL.create("sqlite", database=str(partial)))
        try:
            migrate.upgrade(engine)
            stamp_application_id(engine)
            enable_wal(engine)
        finally:
            engine.dispose()  # the last connection: SQLite folds the log into the file
        fsync_file(partial)
        try:
            os.link(partial, path)  # never replaces a record made meanwhile by another Docket
        except FileExistsError:
            return False
        except OSError:  # no hard links here (some network or FAT file systems)
            if path.exists():
                return False
            os.replace(partial, path)
        fsync_folder(path.parent)
        return True
    except OSError as exc:
        raise DomainError(f"cannot create {path}: {exc.strerror or exc}") from None
    except (sqlite3.Error, DBAPIError) as exc:
        raise DomainError(f"cannot create {path}: {disk_reason(exc) or exc}") from None
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)


def _open_read_only(url: URL, path: Path, verdict: Verdict) -> Database:
    if verdict.revision != migrate.head_revision():
        raise DomainError(
            f"{path} needs upgrading to this Docket's schema, which cannot be done"
            " read-only: close the Docket that has it open, then open it again"
        )
    engine = make_read_only_engine(url)
    sessions = make_sessions(engine)
    refuse_writes(sessions)
    db = Database(url, engine, sessions, read_only=True, broken=verdict.broken)
    if verdict.broken:
        db.warnings.append(broken_warning(path, verdict.broken))
    return db


def refuse_record_files(output: Path, url: URL) -> None:
    """Refuse to write an output over the record, its log or its lock (or a link to them)."""
    path = sqlite_path(url)
    if path is None:
        return
    output = Path(output).expanduser().resolve()
    for own in (path, wal_path(path), shm_path(path), lock_path(path)):
        same = output == own.resolve()
        if not same and output.exists() and own.exists():
            try:
                same = output.samefile(own)
            except OSError:
                same = False
        if same:
            raise DomainError(f"{output} is part of the record itself: write to another file")


def back_up(url: URL, output: Path | None = None) -> Path:
    """Back the record up now: into its backup folder, or to `output`. Never upgrades it."""
    path = sqlite_path(url)
    if path is None:
        raise DomainError("Docket backs up database files; a server has its own backups")
    verdict = judge(path)
    if not verdict.ok:
        raise refusal(verdict)
    if output is not None:
        output = output.expanduser().resolve()
        refuse_record_files(output, url)
    engine = make_engine(url)
    try:
        if output is None:
            return take_backup(engine, path, MANUAL).path
        backup_to(engine, output)
        return output
    finally:
        engine.dispose()


def _daily_backup(db: Database, path: Path) -> list[str]:
    if not backup_due(path):
        return []
    try:
        take_backup(db.engine, path, DAILY)
    except DomainError as exc:  # a failed backup must not keep the member from the record
        log.warning("daily backup of %s failed: %s", path, exc)
        return [f"Today's backup of the record could not be made: {exc}"]
    return []


def _open_server(url: URL) -> Database:
    """A server database (PostgreSQL): no files to check or back up here; migrate to head."""
    engine = make_engine(url)
    try:
        current = migrate.current_revision(engine)
        if current is None:
            if inspect(engine).get_table_names():
                raise DomainError(f"{url}: not a Docket database")
        elif not migrate.is_known(current):
            raise DomainError(
                f"{url}: written by a newer Docket (schema {current}); upgrade Docket to open it"
            )
        else:  # another program's Alembic revision may be called '0001' too
            found = inspect(engine)
            tables = {
                name: {column["name"] for column in found.get_columns(name)}
                for name in found.get_table_names()
                if name in CORE_SCHEMA
            }
            missing = missing_from(tables)
            if missing:
                raise DomainError(f"{url}: not a Docket database ({describe_missing(missing)})")
        writer = may_write(engine)
        if current != migrate.head_revision():
            if not writer:
                raise DomainError(
                    f"{url.render_as_string()}: the shared record needs upgrading to this"
                    " Docket's schema, which your role may not do; ask its owner to run"
                    " `docket init` on it"
                )
            try:
                migrate.upgrade(engine)
            except ProgrammingError as exc:  # a member's role may write, not alter tables
                if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                    raise
                raise DomainError(
                    f"{url.render_as_string()}: the shared record needs upgrading to this"
                    " Docket's schema, which only its owner may do; ask them to run"
                    " `docket init` on it"
                ) from None
    except DatabaseError as exc:
        engine.dispose()
        raise DomainError(
            f"{url.render_as_string()}: cannot be opened as a database ({exc.orig})"
        ) from None
    except DomainError:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, sessions=make_sessions(engine), read_only=not writer)


def may_write(engine: Engine) -> bool:
    """Whether the server lets this member's role change the record (docket_editor, or
    the owner); a reader's window is then read-only, with every edit visibly off."""
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT CASE WHEN to_regclass('public.commitments') IS NULL"
                    " THEN has_schema_privilege(current_user, 'public', 'CREATE')"
                    " ELSE has_table_privilege(current_user, 'public.commitments', 'UPDATE')"
                    " END"
                )
            ).scalar()
        )
