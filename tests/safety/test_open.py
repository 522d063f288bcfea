"""Opening a record is a pipeline: lock, look, refuse unchanged, back up, upgrade or undo.

A file Docket refuses — damaged, not Docket's, written by a newer Docket — is left
exactly as it was: same bytes, and no -wal, -shm or backup made beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.cli.main import main as docket
from app.core.errors import DomainError
from app.core.settings import Settings
from app.ledger.standings import standings
from app.reads.ledger import commitment_detail
from app.record import agenda, commitments
from app.safety import upgrade
from app.safety.backups import backup_folder, list_backups, take_backup
from app.safety.location import location_warning
from app.safety.lock import RecordInUse, RecordLock
from app.safety.opening import APP, READ_ONLY, open_database
from app.safety.refusals import ReadOnlyRecord, RecordRefused, UpgradeFailed
from app.safety.restore import restore_record
from app.safety.verdict import judge
from db import migrate
from db.engine import make_engine, resolve_url
from tests.safety.support import (
    DATA,
    RECORD_TABLES,
    columns_of,
    files_in,
    revision,
    rows,
    sample_record,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A sound sample record, closed, in a folder of its own."""
    folder = tmp_path / "record"
    folder.mkdir()
    return sample_record(folder / "docket.db")


# --- the damaged-file corpus -------------------------------------------------------------


def _btree_pages(data: bytes) -> list[int]:
    (size,) = struct.unpack_from(">H", data, 16)
    page_size = 65536 if size == 1 else size
    return [
        n
        for n in range(1, len(data) // page_size)  # page 1 (n = 0) holds the schema
        if data[n * page_size] in (0x02, 0x05, 0x0A, 0x0D)
    ]


def _flip_page_bits(data: bytes) -> bytes:
    """Flip one bit in the type byte of three b-tree pages, as a failing disk might."""
    (size,) = struct.unpack_from(">H", data, 16)
    damaged = bytearray(data)
    for page in random.Random(7).sample(_btree_pages(data), 3):
        damaged[page * size] ^= 0x40
    return bytes(damaged)


def _flip_schema_page(data: bytes) -> bytes:
    damaged = bytearray(data)
    for offset in range(100, 108):  # the schema table's page header, right after the file header
        damaged[offset] ^= 0xFF
    return bytes(damaged)


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO recipes (name) VALUES ('soup')")
    connection.close()


def _foreign_alembic(path: Path) -> None:
    """Another program's database that also uses Alembic, at a revision Docket never had."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    connection.close()


def _crash_after_writing(path: Path, sql: str) -> None:
    """A process that writes to the record in WAL mode and dies without closing it."""
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.executescript(sys.argv[2])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path), sql], check=True, timeout=60)


def _lost_wal(good: Path) -> None:
    _crash_after_writing(
        good,
        "INSERT INTO notes (commitment_id, recorded_on, text, source) VALUES (1, '2022-08-01', 'x', '')",
    )
    good.with_name(good.name + "-wal").unlink()  # copied without it, or deleted


def _schema_only_in_lost_wal(good: Path) -> None:
    """A new record whose tables were all still in the log when the log was lost."""
    schema = ";\n".join(
        sql
        for (sql,) in sqlite3.connect(good).execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT IN"
            " (SELECT name FROM pragma_table_list WHERE type = 'shadow')"  # a virtual table's own
        )
    )
    good.unlink()
    _crash_after_writing(good, schema)
    for side in ("-wal", "-shm"):
        good.with_name(good.name + side).unlink()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "empty": lambda p: p.write_bytes(b""),
    "truncated to half": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "truncated mid-page": lambda p: p.write_bytes(p.read_bytes()[: 4096 * 3 + 1000]),
    "header only": lambda p: p.write_bytes(p.read_bytes()[:100] + bytes(4000)),
    "bit-flipped pages": lambda p: p.write_bytes(_flip_page_bits(p.read_bytes())),
    "bit-flipped schema page": lambda p: p.write_bytes(_flip_schema_page(p.read_bytes())),
    "a text file": lambda p: p.write_text("Minutes of the NEC, 29 March 2022.\n" * 300),
    "random bytes": lambda p: p.write_bytes(random.Random(1).randbytes(20_000)),
    "a foreign SQLite database": lambda p: (p.unlink(), _foreign_sqlite(p)),
    "another program's Alembic database": lambda p: (p.unlink(), _foreign_alembic(p)),
    "a missing WAL": _lost_wal,
    "a new record whose WAL went missing": _schema_only_in_lost_wal,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_file_is_refused_plainly_and_left_as_it_was(
    good: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    DAMAGE[damage](good)
    before = files_in(good.parent)
    url = resolve_url(str(good))

    with pytest.raises(RecordRefused) as refused:
        open_database(url)
    message = str(refused.value)
    assert message.startswith(f"{good} cannot be opened: ")
    assert "\n" not in message
    assert files_in(good.parent) == before  # no byte changed, no -wal or -shm made

    # The command line says so in one line, with no traceback, and changes nothing either.
    for command in (["overdue"], ["init"], ["export"], ["backup"]):
        assert docket(["--db", str(good), *command]) == 1
        err = capsys.readouterr().err
        assert err.startswith("docket: ")
        assert err.count("\n") == 1
        assert "unexpected" not in err
        assert "Traceback" not in err
    assert files_in(good.parent) == before
    assert not backup_folder(good).exists()  # nothing was backed up either


def test_the_app_is_refused_too_and_only_its_lock_file_is_added(good: Path) -> None:
    DAMAGE["bit-flipped pages"](good)
    before = files_in(good.parent)
    with pytest.raises(RecordRefused):
        open_database(resolve_url(str(good)), access=APP)
    after = files_in(good.parent)
    assert after.pop("docket.db.lock") == b""  # the lock, released
    assert after == before


def test_a_refused_file_names_the_newest_good_backup_and_can_be_restored(good: Path) -> None:
    url = resolve_url(str(good))
    db = open_database(url)  # takes today's backup
    now = dt.datetime.now()
    older = take_backup(db.engine, good, "manual", now=now - dt.timedelta(days=40))
    commitments.add_note(db.sessions, 1, dt.date(2022, 8, 1), "the last note")
    newest = take_backup(db.engine, good, "manual", now=now + dt.timedelta(minutes=1))
    db.close()
    # A backup that looks newer but is itself damaged is passed over.
    broken = backup_folder(good) / "docket-29991231-235959-daily.db"
    broken.write_bytes(_flip_page_bits(newest.path.read_bytes()))
    assert older.path.exists()

    DAMAGE["bit-flipped pages"](good)
    damaged = good.read_bytes()
    with pytest.raises(RecordRefused) as refused:
        open_database(url)
    assert refused.value.backup is not None
    assert refused.value.backup.path == newest.path
    assert f"docket restore {newest.path}" in str(refused.value)

    done = restore_record(url, newest.path)
    assert done.kept is not None
    assert done.kept.read_bytes() == damaged  # set aside, never deleted
    assert rows(good) == rows(newest.path)
    reopened = open_database(url)
    reopened.close()


# --- a newer Docket's file -----------------------------------------------------------------


def _stamp(path: Path, rev: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (rev,))
    connection.close()


@pytest.mark.parametrize("access", ["command", "app", "read_only"])
def test_a_file_from_a_newer_docket_is_refused_unchanged(good: Path, access: str) -> None:
    _stamp(good, "0917")
    before = files_in(good.parent)
    with pytest.raises(RecordRefused, match=r"written by a newer Docket \(schema 0917"):
        open_database(resolve_url(str(good)), access=access)  # type: ignore[arg-type]
    after = files_in(good.parent)
    after.pop("docket.db.lock", None)
    assert after == before
    assert revision(good) == "0917"
    assert not backup_folder(good).exists()


def test_init_and_check_refuse_a_newer_file_too(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _stamp(good, "0917")
    before = good.read_bytes()
    assert docket(["--db", str(good), "init"]) == 1
    assert "newer Docket (schema 0917" in capsys.readouterr().err
    assert docket(["--db", str(good), "check"]) == 1
    assert "newer Docket" in capsys.readouterr().out
    assert good.read_bytes() == before


# --- upgrades: frozen files of every released schema -----------------------------------------


FROZEN = sorted(DATA.glob("schema_*.db"))


def test_there_is_a_frozen_file_for_every_released_schema() -> None:
    released = migrate.known_revisions()[:-1]  # every schema but the newest
    assert [p.name for p in FROZEN] == [f"schema_{rev}.db" for rev in released]


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda p: p.stem)
def test_a_frozen_file_upgrades_to_head_with_every_row_intact(frozen: Path, tmp_path: Path) -> None:
    kept = frozen.read_bytes()
    path = tmp_path / "old.db"
    shutil.copyfile(frozen, path)
    old_revision = revision(path)
    assert frozen.stem == f"schema_{old_revision}"
    before = rows(path)
    assert all(before[t] for t in RECORD_TABLES)  # the frozen file exercises every table

    db = open_database(resolve_url(str(path)))
    db.close()

    assert revision(path) == migrate.head_revision()
    assert rows(path, columns=columns_of(frozen)) == before  # later columns are new
    [backup] = list_backups(path)
    assert backup.reason == "before-upgrade"
    assert revision(backup.path) == old_revision
    assert rows(backup.path) == before
    assert judge(path).ok
    assert frozen.read_bytes() == kept  # the frozen file itself is never touched


# --- an upgrade that fails is undone byte for byte ---------------------------------------------


def _at_first_schema(tmp_path: Path) -> Path:
    path = tmp_path / "first.db"
    shutil.copyfile(DATA / "schema_0001.db", path)
    return path


def test_an_upgrade_that_fails_half_way_puts_the_file_back_byte_for_byte(tmp_path: Path) -> None:
    path = _at_first_schema(tmp_path)
    # An index under the name the audit-log migration gives its second index: that migration
    # creates its table, then fails on the index — half-way through.
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE INDEX ix_audit_log_table_name_record_key ON bodies (name)")
    connection.close()
    dump_before = list(sqlite3.connect(path).iterdump())

    with pytest.raises(UpgradeFailed) as failed:
        open_database(resolve_url(str(path)))

    [backup] = list_backups(path)
    assert backup.reason == "before-upgrade"
    assert "put back exactly as it was" in str(failed.value)
    assert str(backup.path) in str(failed.value)
    assert "already exists" in str(failed.value)
    assert path.read_bytes() == backup.path.read_bytes()  # byte for byte
    assert list(sqlite3.connect(path).iterdump()) == dump_before
    assert revision(path) == "0001"
    assert not path.with_name(path.name + "-wal").exists()


def test_an_upgrade_that_fails_its_integrity_check_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _at_first_schema(tmp_path)
    before = rows(path)
    monkeypatch.setattr(upgrade, "whole_file_problems", lambda _e: ["*** in database main ***"])
    with pytest.raises(UpgradeFailed, match="failed its check"):
        open_database(resolve_url(str(path)))
    [backup] = list_backups(path)
    assert path.read_bytes() == backup.path.read_bytes()
    assert revision(path) == "0001"
    assert rows(path) == before


def test_a_command_does_not_upgrade_under_a_running_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _at_first_schema(tmp_path)
    before = path.read_bytes()
    app_lock = RecordLock(path)
    app_lock.acquire("the Docket app")
    monkeypatch.setattr(upgrade, "LOCK_WAIT_SECONDS", 0.2)
    try:
        with pytest.raises(RecordInUse, match="close it so this Docket can upgrade"):
            open_database(resolve_url(str(path)))
    finally:
        app_lock.release()
    assert path.read_bytes() == before
    db = open_database(resolve_url(str(path)))  # once the app has gone, it upgrades
    db.close()
    assert revision(path) == migrate.head_revision()


# --- the lock --------------------------------------------------------------------------------


def test_a_second_app_is_told_who_has_the_record_and_may_read_it(good: Path) -> None:
    url = resolve_url(str(good))
    first = open_database(url, access=APP)
    try:
        with pytest.raises(RecordInUse) as in_use:
            open_database(url, access=APP)
        assert in_use.value.holder.pid == os.getpid()
        assert "the Docket app (process" in str(in_use.value)
        reader = open_database(url, access=READ_ONLY)
        try:
            assert reader.read_only
            day = dt.date(2022, 8, 1)
            with pytest.raises(ReadOnlyRecord, match="open read-only"):
                commitments.add_note(reader.sessions, 1, day, "not written")
            with pytest.raises(ReadOnlyRecord):
                agenda.move_item(reader.sessions, 1, 1)  # a Core UPDATE, not a flush
            commitments.add_note(first.sessions, 1, day, "written by the app")
            detail = commitment_detail(reader.sessions, 1)  # the reader sees the app's change
            assert detail is not None
            assert "written by the app" in [e.text for e in detail.entries]
        finally:
            reader.close()
    finally:
        first.close()
    again = open_database(url, access=APP)  # released on close
    again.close()


def test_a_lock_left_by_a_killed_app_is_taken_over(good: Path) -> None:
    script = (
        "import sys, time\n"
        "from app.safety.opening import open_database, APP\n"
        "from db.engine import resolve_url\n"
        "db = open_database(resolve_url(sys.argv[1]), access=APP)\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(good)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(RecordInUse, match=f"process {child.pid}"):
            open_database(resolve_url(str(good)), access=APP)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    db = open_database(resolve_url(str(good)), access=APP)
    db.close()
    assert judge(good).ok


# --- new records, and where records live ---------------------------------------------------


def test_a_new_record_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "new" / "docket.db"
    db = open_database(resolve_url(str(path)))
    db.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["docket.db"]  # no leftovers
    assert revision(path) == migrate.head_revision()
    assert list_backups(path) == []  # nothing to back up in a record just made


def test_records_on_network_shares_or_in_synced_folders_are_warned_about(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox (Personal)" / "committee" / "docket.db"
    synced.parent.mkdir(parents=True)
    db = open_database(resolve_url(str(synced)))
    db.close()
    assert any("cloud service (Dropbox (Personal))" in w for w in db.warnings)
    assert location_warning(tmp_path / "OneDrive - Contoso" / "x.db") is not None
    assert location_warning(Path.home() / "Library" / "CloudStorage" / "GoogleDrive-me" / "x.db")
    assert location_warning(tmp_path / "dropboxes" / "x.db") is None

    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        "server:/export/home /mnt/share nfs4 rw 0 0\n"
        "//nas/committee /media/nas\\040drive cifs rw 0 0\n"
    )
    assert "nfs4" in (location_warning(Path("/mnt/share/docket.db"), mounts=mounts) or "")
    assert "cifs" in (location_warning(Path("/media/nas drive/d.db"), mounts=mounts) or "")
    assert location_warning(Path("/mnt/shared/docket.db"), mounts=mounts) is None
    assert location_warning(Path("/home/me/docket.db"), mounts=mounts) is None


def test_the_command_line_prints_the_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "iCloud Drive" / "docket.db"
    assert docket(["--db", str(synced), "init"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("docket: warning: The record ")
    assert "cloud service" in err


def test_engines_keep_to_their_settings(good: Path) -> None:
    engine = make_engine(resolve_url(str(good)))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_a_use_case_takes_the_write_lock_when_it_begins(good: Path) -> None:
    """So a read-then-write can never meet a stale snapshot ("database is locked")."""
    db = open_database(resolve_url(str(good)))
    other = sqlite3.connect(good, timeout=0, isolation_level=None)
    try:
        with db.sessions.begin() as s:
            s.execute(select(1))  # only a read, so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the use case is done
        other.execute("ROLLBACK")
        with db.engine.connect() as reader:  # a plain read (a check, a backup) does not lock
            reader.exec_driver_sql("SELECT count(*) FROM notes").scalar()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
        db.close()


def test_a_missing_record_is_not_created_when_not_asked(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="no database at"):
        open_database(resolve_url(str(tmp_path / "none.db")), create=False)
    with pytest.raises(DomainError, match="no database at"):
        open_database(resolve_url(str(tmp_path / "none.db")), access=READ_ONLY)
    assert list(tmp_path.iterdir()) == []


def test_upgrading_to_meeting_changes_keeps_every_meeting_as_it_is(tmp_path: Path) -> None:
    """Schema 0003 brings records over with no change history: every day sees today's dates."""
    path = tmp_path / "old.db"
    shutil.copyfile(DATA / "schema_0002.db", path)
    db = open_database(resolve_url(str(path)))
    try:
        with db.sessions() as s:
            assert s.execute(text("SELECT count(*) FROM meeting_changes")).scalar() == 0
        early = {x.key: x for x in standings(db.sessions, dt.date(2022, 1, 5), Settings())}
        assert early["forde-report"].row.target == dt.date(2022, 1, 25)
    finally:
        db.close()
