"""Backups: taken with SQLite's backup API, rotated as promised, restored exactly; `docket check`."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main as docket
from app.core.errors import DomainError
from app.record import commitments, meetings
from app.safety.backups import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    Backup,
    backup_due,
    backup_folder,
    list_backups,
    take_backup,
    to_keep,
)
from app.safety.lock import RecordInUse, RecordLock
from app.safety.opening import back_up, open_database
from app.safety.refusals import RecordRefused
from app.safety.restore import restore_record
from db.engine import make_engine, resolve_url
from tests.safety.support import (
    RECORD_TABLES,
    columns_of,
    files_in,
    revision,
    rows,
    sample_record,
)

ALL_TABLES = (*RECORD_TABLES, "audit_log")


@pytest.fixture
def record(tmp_path: Path) -> Path:
    (tmp_path / "record").mkdir()
    return sample_record(tmp_path / "record" / "docket.db")


# --- rotation ----------------------------------------------------------------------------


def _expected(taken: list[dt.datetime]) -> set[dt.datetime]:
    """The promise, stated independently: newest of the last 7 days, 4 weeks, 12 months."""
    newest_first = sorted(taken, reverse=True)
    keep: set[dt.datetime] = set()
    for period, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        periods: list[object] = []
        for t in newest_first:
            if period(t) not in periods:
                periods.append(period(t))
                if len(periods) <= count:
                    keep.add(t)
    return keep


def test_rotation_over_a_simulated_year_keeps_what_it_promises(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.safety.backups

    # A year of backups in seconds: what is kept is under test here, not the disk's flushing.
    monkeypatch.setattr(app.safety.backups, "fsync_file", lambda _p: None)
    monkeypatch.setattr(app.safety.backups, "fsync_folder", lambda _p: None)
    engine = make_engine(resolve_url(str(record)))
    day, taken = dt.datetime(2025, 1, 1, 9, 0), []
    safety: list[Backup] = []
    manual: list[dt.datetime] = []
    try:
        for n in range(365):
            now = day + dt.timedelta(days=n)
            if n % 9 == 4:  # some days the member is away: no backup at all
                continue
            taken.append(now)
            take_backup(engine, record, "daily", now=now)
            if n % 30 == 0:  # and now and then one on demand, later the same day
                taken.append(now + dt.timedelta(hours=8))
                manual.append(now + dt.timedelta(hours=8))
                take_backup(engine, record, "manual", now=now + dt.timedelta(hours=8))
            if n in (41, 200, 300, 302, 303):
                safety.append(
                    take_backup(engine, record, "before-upgrade", now=now + dt.timedelta(hours=9))
                )
                taken.append(now + dt.timedelta(hours=9))
            kept = list_backups(record)
            assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY + 2 * 3
            assert kept[0].taken == max(taken)  # the newest is always kept
    finally:
        engine.dispose()

    kept = list_backups(record)
    protected = {b.taken for b in safety[-3:]} | set(manual[-3:])
    assert {b.taken for b in kept} == _expected(taken) | protected
    days = {b.taken.date() for b in kept}
    assert len([d for d in days if d > dt.date(2025, 12, 20)]) >= KEEP_DAILY - 1
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert len(months) == 12
    assert all(p.path.exists() for p in safety[-3:])
    assert len(safety) == 5
    assert not safety[0].path.exists()  # older safety copies are rotated like the rest
    folder = backup_folder(record)
    assert sorted(p.name for p in folder.iterdir()) == sorted(b.path.name for b in kept)


def test_rotation_keeps_the_newest_of_each_period() -> None:
    base = dt.datetime(2024, 3, 31, 12)
    backups = [
        Backup(Path(f"b{n}.db"), base - dt.timedelta(hours=6 * n), "daily") for n in range(400)
    ]
    keep = to_keep(backups)
    assert Path("b0.db") in keep
    assert Path("b1.db") not in keep  # same day as b0, older
    assert Path("b3.db") in keep  # the newest of 30 March
    assert Path("b4.db") not in keep
    assert len(keep) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY


def test_the_daily_backup_is_taken_once_a_day(record: Path) -> None:
    assert list_backups(record) == []  # a record just made has nothing to back up
    for _ in range(3):
        open_database(resolve_url(str(record))).close()
    [daily] = list_backups(record)
    assert daily.reason == "daily"
    assert not backup_due(record)
    assert backup_due(record, dt.date.today() + dt.timedelta(days=1))
    assert rows(daily.path, ALL_TABLES) == rows(record, ALL_TABLES)
    assert revision(daily.path) == revision(record)
    with sqlite3.connect(daily.path) as connection:  # one self-contained file, not WAL
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


# --- restore ----------------------------------------------------------------------------


def test_a_restore_gives_back_the_exact_record(record: Path) -> None:
    url = resolve_url(str(record))
    saved = back_up(url)
    exact = rows(record, ALL_TABLES)

    db = open_database(url)
    commitments.add_note(db.sessions, 1, dt.date(2022, 8, 1), "after the backup")
    commitments.delete_commitment(db.sessions, 2)
    meetings.reschedule_meeting(db.sessions, 1, dt.date(2020, 7, 22))
    db.close()
    changed = rows(record, ALL_TABLES)
    assert changed != exact

    done = restore_record(url, saved)
    assert rows(record, ALL_TABLES) == exact  # every row of every table, audit log included
    assert done.kept is not None
    assert rows(done.kept, ALL_TABLES) == changed  # the record it replaced was backed up first
    assert "before-restore" in done.kept.name
    reopened = open_database(url)
    reopened.close()


def test_restore_refuses_what_it_cannot_trust(record: Path, tmp_path: Path) -> None:
    url = resolve_url(str(record))
    before = files_in(record.parent)
    text = tmp_path / "notes.db"
    text.write_text("not a backup")
    with pytest.raises(DomainError, match=r"notes.db cannot be restored: it is not a Docket"):
        restore_record(url, text)
    with pytest.raises(DomainError, match="the record itself"):
        restore_record(url, record)
    newer = tmp_path / "newer.db"
    sample_record(newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0917'")
    connection.close()
    with pytest.raises(DomainError, match="newer Docket"):
        restore_record(url, newer)
    assert files_in(record.parent) == before


def test_a_command_does_not_restore_under_a_running_app(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.safety.restore

    saved = back_up(resolve_url(str(record)))
    monkeypatch.setattr(app.safety.restore, "LOCK_WAIT_SECONDS", 0.2)
    lock = RecordLock(record)
    lock.acquire("the Docket app")
    try:
        with pytest.raises(RecordInUse, match="restore it from the app"):
            restore_record(resolve_url(str(record)), saved)
    finally:
        lock.release()


def test_an_older_backup_is_upgraded_once_restored(record: Path) -> None:
    from tests.safety.support import DATA

    restore_record(resolve_url(str(record)), DATA / "schema_0001.db")
    assert revision(record) != "0001"
    old = DATA / "schema_0001.db"
    assert rows(record, columns=columns_of(old)) == rows(old)  # later schemas' columns are new


# --- the command line --------------------------------------------------------------------


def test_backup_restore_and_check_from_the_command_line(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_arg = ["--db", str(record)]
    assert docket([*db_arg, "backup"]) == 0
    out = capsys.readouterr().out
    [manual] = [b for b in list_backups(record) if b.reason == "manual"]
    assert str(manual.path) in out

    copy = tmp_path / "elsewhere" / "copy.db"
    copy.parent.mkdir()
    assert docket([*db_arg, "backup", "-o", str(copy)]) == 0
    assert rows(copy, ALL_TABLES) == rows(record, ALL_TABLES)
    assert docket([*db_arg, "backup", "-o", str(record)]) == 1
    assert "is part of the record itself" in capsys.readouterr().err

    assert docket([*db_arg, "check"]) == 0
    out = capsys.readouterr().out
    assert "Pages and indexes: sound." in out
    assert "References between records: all present." in out
    assert "No problems found." in out

    db = open_database(resolve_url(str(record)))
    commitments.add_note(db.sessions, 1, dt.date(2022, 8, 2), "to be undone")
    db.close()
    assert docket([*db_arg, "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Restored {record} from {copy}; the record it replaced was kept as ")
    assert rows(record, ALL_TABLES) == rows(copy, ALL_TABLES)


def test_check_reports_broken_references_in_plain_words(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(record) as connection:  # foreign keys are off in a bare connection
        connection.execute("UPDATE promises SET target_meeting_id = 999 WHERE id = 2")
    connection.close()
    assert docket(["--db", str(record), "check"]) == 1
    captured = capsys.readouterr()
    assert "a promise (row 2) names a meeting (row 999) that does not exist" in captured.out
    assert "1 problem found." in captured.out
    assert captured.err.count("\n") == 1
    assert "broken reference" in captured.err


def test_check_reports_a_damaged_file_and_the_backup_to_restore(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = back_up(resolve_url(str(record)))
    data = bytearray(record.read_bytes())
    page = 4096
    for n in range(2, len(data) // page):
        if data[n * page] in (0x0A, 0x02):  # index pages: the table data stays readable
            data[n * page + 8 : n * page + 24] = bytes(16)
    record.write_bytes(bytes(data))
    status = docket(["--db", str(record), "check"])
    captured = capsys.readouterr()
    assert status == 1
    assert "the file is damaged" in captured.out + captured.err
    assert f"docket restore {saved}" in captured.out
    assert "Traceback" not in captured.err


def test_check_of_something_else_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.db"
    assert docket(["--db", str(missing), "check"]) == 1
    assert capsys.readouterr().err == f"docket: no database at {missing}\n"
    text = tmp_path / "text.db"
    text.write_text("hello")
    assert docket(["--db", str(text), "check"]) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    assert not (tmp_path / "text.db-wal").exists()


def test_backup_refuses_a_damaged_record(record: Path) -> None:
    record.write_bytes(record.read_bytes()[:5000])
    with pytest.raises(RecordRefused):
        back_up(resolve_url(str(record)))
    assert list_backups(record) == []
