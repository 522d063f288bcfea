"""One verdict: opening and `docket check` judge a file the same way, and never disagree.

Every failure of issue 17 has its test here: a foreign Alembic file at '0001' checked,
initialised and opened (refused, never changed); the sample cut short by one byte (and at
every page, and anywhere); three bytes changed in the last page (check and opening both
refuse); broken references (opened with a warning, repaired from the history); a damaged
record's backup never named good. Then the damage test: random damage to random pages,
where whatever `check` finds, opening refuses or warns of.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli.main import main as docket
from app.record import commitments
from app.safety import verdict as verdicts
from app.safety.backups import backup_folder, newest_good_backup, take_backup
from app.safety.checks import check_file
from app.safety.opening import APP, READ_ONLY, open_database
from app.safety.refusals import RecordRefused
from app.safety.schema import CORE_SCHEMA
from app.safety.seal import read_seal, seal_path, write_seal
from app.safety.verdict import FULL, LIGHT, QUICK, judge
from db import migrate
from db.engine import make_engine, resolve_url
from db.sqlite_safety import APPLICATION_ID, table_columns
from tests.safety.support import DATA, columns_of, files_in, rows, sample_record

PAGE = 4096


@pytest.fixture
def good(tmp_path: Path) -> Path:
    folder = tmp_path / "record"
    folder.mkdir()
    return sample_record(folder / "docket.db")


def _cli(path: Path, *args: str) -> int:
    return docket(["--db", str(path), *args])


def _application_id(path: Path) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        (value,) = connection.execute("PRAGMA application_id").fetchone()
    connection.close()
    return int(value)


# --- a Docket record is recognised by what it is ----------------------------------------


def _foreign_at_0001(path: Path) -> None:
    """The issue's file: another program's Alembic database, at a revision called '0001'."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version(version_num varchar(32))")
        connection.execute("INSERT INTO alembic_version VALUES('0001')")
    connection.close()


def test_a_foreign_file_at_revision_0001_is_refused_by_everything_and_never_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "o.db"
    _foreign_at_0001(path)
    before = files_in(tmp_path)
    mode = path.stat().st_mode
    sample = tmp_path.parent / "sample.json"
    sample.write_text('{"docket": 1}', encoding="utf-8")
    for command in (["check"], ["init"], ["overdue"], ["export"], ["backup"], ["demo"]):
        assert _cli(path, *command) == 1, command
        err = capsys.readouterr().err
        assert "is not a Docket database" in err, (command, err)
        assert err.count("\n") == 1
    assert _cli(path, "import", str(sample)) == 1
    capsys.readouterr()
    with pytest.raises(RecordRefused, match="not a Docket database"):
        open_database(resolve_url(str(path)), access=APP)
    with pytest.raises(RecordRefused):
        open_database(resolve_url(str(path)), access=READ_ONLY)
    assert files_in(tmp_path) == before  # no lock, no log, no stamp, not a byte changed
    assert path.stat().st_mode == mode
    assert not backup_folder(path).exists()


def test_a_file_missing_a_column_of_docket_s_schema_is_not_docket_s(good: Path) -> None:
    with sqlite3.connect(good) as connection:
        connection.execute("ALTER TABLE bodies DROP COLUMN schedule")
        connection.execute("PRAGMA application_id = 0")  # as a file from before the id was set
    connection.close()
    refused = judge(good)
    assert refused.problem == verdicts.NOT_DOCKET
    assert "bodies.schedule" in refused.message


def test_another_program_s_application_id_is_refused_even_with_docket_s_tables(good: Path) -> None:
    with sqlite3.connect(good) as connection:
        connection.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
    connection.close()
    before = good.read_bytes()
    assert _cli(good, "check") == 1
    assert _cli(good, "init") == 1
    assert judge(good).problem == verdicts.NOT_DOCKET
    assert "application id 0x47504b47" in judge(good).message
    assert good.read_bytes() == before


def test_every_record_docket_makes_says_it_is_docket_s(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    assert _cli(new, "init") == 0
    assert _application_id(new) == APPLICATION_ID
    copy = tmp_path / "copy.db"
    assert _cli(new, "backup", "-o", str(copy)) == 0
    assert _application_id(copy) == APPLICATION_ID


def test_an_older_record_is_marked_only_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(DATA / "schema_0002.db", path)
    assert _application_id(path) == 0  # made before Docket set the id
    before = path.read_bytes()
    assert _cli(path, "check") == 0  # recognised by its schema, and not changed by a check
    assert path.read_bytes() == before
    with pytest.raises(Exception, match="needs upgrading"):
        open_database(resolve_url(str(path)), access=READ_ONLY)
    assert path.read_bytes() == before
    db = open_database(resolve_url(str(path)))  # upgraded (backed up first), then marked
    db.close()
    assert _application_id(path) == APPLICATION_ID
    old = DATA / "schema_0002.db"
    assert rows(path, columns=columns_of(old))["commitments"] == rows(old)["commitments"]


def test_the_core_schema_is_what_every_migration_has_had(tmp_path: Path) -> None:
    """CORE_SCHEMA is derived again: the tables and columns common to every revision."""
    common: dict[str, set[str]] | None = None
    for revision in migrate.known_revisions():
        path = tmp_path / f"{revision}.db"
        engine = make_engine(f"sqlite:///{path}")
        migrate.upgrade(engine, revision)
        engine.dispose()
        with sqlite3.connect(path) as connection:
            tables = table_columns(connection)
        connection.close()
        tables = {t: c for t, c in tables.items() if not t.startswith("sqlite_")}
        common = (
            tables if common is None else {t: common[t] & tables[t] for t in common if t in tables}
        )
    assert common is not None
    assert {t: set(c) for t, c in CORE_SCHEMA.items()} == common


# --- truncation: every cut, caught by check and opening alike -----------------------------


def _cut(data: bytes, size: int) -> bytes:
    return data[:size]


def _refused_by_both(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert _cli(path, "check") == 1
    err = capsys.readouterr().err
    with pytest.raises(RecordRefused) as refused:
        open_database(resolve_url(str(path)))
    return err + str(refused.value)


def test_the_sample_cut_short_by_one_byte_is_refused_by_check_and_opening(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = good.read_bytes()
    good.write_bytes(_cut(data, len(data) - 1))
    said = _refused_by_both(good, capsys)
    assert "the end of the file is missing" in said


def test_every_truncation_is_caught(good: Path) -> None:
    """At every page boundary, and at random places inside pages: both refuse."""
    data = good.read_bytes()
    rng = random.Random(17)
    cuts = list(range(PAGE, len(data), PAGE)) + [rng.randrange(100, len(data)) for _ in range(40)]
    for size in cuts:
        good.write_bytes(_cut(data, size))
        assert check_file(good).problems, f"check passed a file cut to {size} bytes"
        assert not judge(good).ok, f"opening would take a file cut to {size} bytes"
    good.write_bytes(data)
    assert check_file(good).problems == []


# --- damage that only the full check sees ---------------------------------------------------


def _damage_last_page(data: bytes, seed: int) -> bytes:
    damaged = bytearray(data)
    rng = random.Random(seed)
    for _ in range(3):
        damaged[len(data) - PAGE + rng.randrange(PAGE)] = rng.randrange(256)
    return bytes(damaged)


def test_three_bytes_changed_in_the_last_page_keep_the_record_from_opening(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = good.read_bytes()
    for seed in range(200):  # the first damage the full check sees
        good.write_bytes(_damage_last_page(data, seed))
        if check_file(good).problems:
            break
    else:
        pytest.fail("no damage found in 200 tries")
    capsys.readouterr()
    assert _cli(good, "check") == 1
    assert "the file is damaged" in capsys.readouterr().out
    damaged = good.read_bytes()
    assert _cli(good, "overdue") == 1  # before: exit 0, and the app would write to it
    assert "cannot be opened: it is damaged" in capsys.readouterr().err
    assert good.read_bytes() == damaged


def test_random_damage_to_random_pages_gets_one_verdict(good: Path) -> None:
    """Whatever check finds, opening refuses (damage) or opens with a warning (references)."""
    data = good.read_bytes()
    pages = len(data) // PAGE
    rng = random.Random(20220329)
    seen = {"refused": 0, "warned": 0, "sound": 0}
    for trial in range(60):
        damaged = bytearray(data)
        page = rng.randrange(1, pages)
        for _ in range(rng.choice([1, 3, 16])):
            damaged[page * PAGE + rng.randrange(PAGE)] = rng.randrange(256)
        good.write_bytes(bytes(damaged))
        report = check_file(good)
        try:
            db = open_database(resolve_url(str(good)))
        except RecordRefused:
            assert report.problems, f"trial {trial}: opening refused what check passed"
            assert "the file is damaged" in report.problems or not report.lines
            seen["refused"] += 1
            continue
        db.close()
        if report.problems:
            assert db.broken, f"trial {trial}: check found {report.problems}, opening nothing"
            assert all("broken reference" in p for p in report.problems)
            seen["warned"] += 1
        else:
            seen["sound"] += 1
    assert seen["refused"] > 10  # the corpus really exercised the refusals
    good.write_bytes(data)


# --- how deep opening looks ------------------------------------------------------------------


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each full integrity check the verdict runs."""
    seen: list[Path] = []
    real = verdicts.integrity_check

    def counting(connection: sqlite3.Connection) -> list[str]:
        seen.append(Path(connection.execute("PRAGMA database_list").fetchone()[2]))
        return real(connection)

    monkeypatch.setattr(verdicts, "integrity_check", counting)
    return seen


def test_an_unchanged_record_gets_the_quick_check_and_a_changed_one_the_full(
    good: Path, full_checks: list[Path]
) -> None:
    assert judge(good).depth == QUICK  # sealed when the sample was made and closed
    db = open_database(resolve_url(str(good)))
    commitments.add_note(db.sessions, 1, dt.date(2022, 8, 1), "Docket's own write")
    db.close()
    assert judge(good).depth == QUICK  # Docket's own writes keep the seal
    with sqlite3.connect(good) as connection:  # another program's
        connection.execute("UPDATE commitments SET title = 'changed elsewhere' WHERE id = 1")
    connection.close()
    assert judge(good).depth == FULL
    assert full_checks == [good.resolve()]
    db = open_database(resolve_url(str(good)))  # the full check passes: sealed again
    db.close()
    assert judge(good).depth == QUICK


def test_a_command_beside_the_app_keeps_the_seal(good: Path) -> None:
    app = open_database(resolve_url(str(good)), access=APP)
    try:
        commitments.add_note(app.sessions, 1, dt.date(2022, 8, 1), "the app writes")
        assert judge(good).depth == QUICK  # the log changed, but the app sealed it
        command = open_database(resolve_url(str(good)))
        commitments.add_note(command.sessions, 1, dt.date(2022, 8, 2), "a command writes")
        command.close()
        commitments.add_note(app.sessions, 1, dt.date(2022, 8, 3), "the app again")
        assert judge(good).depth == QUICK
    finally:
        app.close()
    assert judge(good).depth == QUICK


def test_a_full_check_at_least_weekly_and_a_light_look_at_big_files(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal = read_seal(good)
    assert seal is not None
    assert judge(good, today=seal.checked + dt.timedelta(days=6)).depth == QUICK
    assert judge(good, today=seal.checked + dt.timedelta(days=7)).depth == FULL
    monkeypatch.setattr(verdicts, "QUICK_CHECK_BUDGET", 0)
    assert judge(good).depth == LIGHT
    seal_path(good).write_text("not a seal", encoding="utf-8")
    assert judge(good).depth == FULL  # an unreadable seal vouches for nothing


def test_a_copied_record_gets_the_full_check(good: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(good, copy)
    assert judge(copy).depth == FULL
    seal = read_seal(good)
    assert seal is not None
    write_seal(copy, seal)  # another file's seal: another inode, other times
    assert judge(copy).depth == FULL


# --- broken references: opened with a warning, repaired from the history ------------------------


def _break_references(path: Path) -> None:
    """Another program deletes a meeting and points a promise at no commitment, checks off."""
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM meetings WHERE key = 'nec-2022-01-25'")
        connection.execute("UPDATE promises SET commitment_id = 999 WHERE id = 1")
    connection.close()


def test_broken_references_open_with_a_warning_and_are_repaired_from_the_history(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_references(good)
    assert _cli(good, "check") == 1
    out = capsys.readouterr().out
    assert "a promise (row 1) names a commitment (row 999) that does not exist" in out
    assert "names a meeting (row " in out

    assert _cli(good, "overdue", "--as-of", "2022-03-29") == 0  # it opens…
    err = capsys.readouterr().err
    assert err.startswith("docket: warning: ")  # …with a warning
    assert "broken references" in err
    assert "docket check --repair" in err
    db = open_database(resolve_url(str(good)), access=APP)
    assert len(db.broken) >= 3
    db.close()

    assert _cli(good, "check", "--repair") == 1  # one could not be repaired
    out = capsys.readouterr().out
    assert "Put back from the record's history: the meeting 'nec-2022-01-25'" in out
    assert "Could not repair: a promise (row 1) names a commitment (row 999)" in out
    assert "before-repair" in out  # a backup first
    db = open_database(resolve_url(str(good)))
    with db.sessions() as s:
        meeting = s.execute(text("SELECT date FROM meetings WHERE key = 'nec-2022-01-25'"))
        assert str(meeting.scalar()) == "2022-01-25"  # as the history last knew it
        history = s.execute(
            text("SELECT action FROM audit_log WHERE table_name = 'meetings' ORDER BY id DESC")
        ).scalar()
        assert history == "created"  # the repair is in the history too
        s.execute(text("UPDATE promises SET commitment_id = 1 WHERE id = 1"))  # a person decides
        s.commit()
    db.close()
    assert _cli(good, "check") == 0
    assert "No problems found." in capsys.readouterr().out
    db = open_database(resolve_url(str(good)))
    assert db.broken == ()
    assert db.warnings == []
    db.close()


def test_repair_of_a_sound_record_changes_nothing(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = rows(good)
    assert _cli(good, "check", "--repair") == 0
    out = capsys.readouterr().out
    assert "Nothing to repair" in out
    assert rows(good) == before


def test_repair_refuses_a_damaged_record(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good.read_bytes()
    good.write_bytes(data[: len(data) - PAGE])
    assert _cli(good, "check", "--repair") == 1
    assert "cannot be opened: it is damaged" in capsys.readouterr().err
    assert good.read_bytes() == data[: len(data) - PAGE]


# --- a backup of a damaged record is never named good -------------------------------------------


def _damage_an_index(path: Path) -> None:
    """A bit of a key flipped in each index leaf page: the b-trees stay well formed, so the
    quick check passes; only the full check compares indexes with their tables."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        pages = [
            n
            for (n,) in connection.execute(
                "SELECT pageno FROM dbstat WHERE pagetype = 'leaf' AND name IN (SELECT name"
                " FROM sqlite_master WHERE type = 'index' AND tbl_name IN (SELECT name FROM"
                " pragma_table_list WHERE type = 'table' AND NOT wr))"  # not the search's
            )
        ]
    connection.close()
    assert pages
    damaged = bytearray(path.read_bytes())
    for n in pages:
        damaged[n * PAGE - 1] ^= 0x01  # page n ends at byte n * PAGE
    path.write_bytes(bytes(damaged))


def test_a_backup_of_a_damaged_record_is_never_named_good(good: Path) -> None:
    db = open_database(resolve_url(str(good)))
    now = dt.datetime.now()
    older = take_backup(db.engine, good, "manual", now=now - dt.timedelta(days=3))
    newer = take_backup(db.engine, good, "manual", now=now + dt.timedelta(minutes=1))
    db.close()
    _damage_an_index(newer.path)
    assert judge(newer.path, QUICK).ok  # a lighter look would have named it
    assert not judge(newer.path, FULL).ok

    _damage_an_index(good)
    with pytest.raises(RecordRefused) as refused:
        open_database(resolve_url(str(good)))
    assert refused.value.backup is not None
    assert refused.value.backup.path == older.path
    assert judge(refused.value.backup.path, FULL).sound  # the same verdict, passed
    assert newest_good_backup(good) == refused.value.backup


# --- looking at a record this process has open never drops SQLite's locks ----------------------


def test_judging_an_open_record_keeps_its_locks(good: Path) -> None:
    """Closing any descriptor of a file drops the process's locks on it; had judging done so,
    another process closing the record would think itself the last, fold the log into the
    file and delete it under the connection still open here."""
    db = open_database(resolve_url(str(good)), access=APP)
    try:
        commitments.add_note(db.sessions, 1, dt.date(2022, 8, 1), "in the log")
        wal = good.with_name("docket.db-wal")
        assert wal.stat().st_size > 0
        for depth in (LIGHT, QUICK, FULL):
            assert judge(good, depth).ok  # reads the header, the log and its index
        check_file(good)
        other = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
             " c.execute('SELECT count(*) FROM notes').fetchone(); c.close()", str(good)],
            check=True,
        )  # fmt: skip
        assert other.returncode == 0
        assert wal.exists(), "the other process took itself for the last and removed the log"
        commitments.add_note(db.sessions, 1, dt.date(2022, 8, 2), "still writing")
    finally:
        db.close()
    assert check_file(good).problems == []
