"""A write-ahead log removed, or cut short, while it holds changes: refused, and named.

The app holds the record open with a change only in its log (`docket.db-wal`); someone
deletes the log, or the log and its index, or cuts the log short. The next Docket must not
open the file without those changes (SQLite would, silently): it refuses, naming the log,
and changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import main as docket
from app.safety.opening import open_database
from app.safety.refusals import RecordRefused
from db.engine import resolve_url
from tests.safety.support import files_in, sample_record

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """The sample record, open in an app process that has written a note only to its log."""
    folder = tmp_path / "record"
    folder.mkdir()
    path = sample_record(folder / "docket.db")
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.workers", "hold", str(path), "0"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdout is not None
    assert app.stdout.readline().strip() == "written"
    assert path.with_name("docket.db-wal").stat().st_size > 0
    yield path, app
    app.kill()
    app.wait()


def _refused(path: Path, capsys: pytest.CaptureFixture[str], words: str) -> None:
    before = files_in(path.parent)
    assert docket(["--db", str(path), "overdue"]) == 1
    err = capsys.readouterr().err
    assert words in err, err
    assert "docket.db-wal" in err
    assert err.count("\n") == 1
    assert docket(["--db", str(path), "check"]) == 1
    assert words in capsys.readouterr().err
    with pytest.raises(RecordRefused, match=words):
        open_database(resolve_url(str(path)))
    assert files_in(path.parent) == before


def test_the_log_deleted_while_the_app_runs(
    held: tuple[Path, subprocess.Popen[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _app = held
    path.with_name("docket.db-wal").unlink()
    _refused(path, capsys, "write-ahead log docket.db-wal is missing")


def test_the_log_and_its_index_deleted_while_the_app_runs(
    held: tuple[Path, subprocess.Popen[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the index nothing in the folder says a log existed: the seal does."""
    path, _app = held
    path.with_name("docket.db-wal").unlink()
    path.with_name("docket.db-shm").unlink()
    _refused(path, capsys, "write-ahead log docket.db-wal is missing")


def test_the_log_and_its_index_deleted_after_the_app_was_killed(
    held: tuple[Path, subprocess.Popen[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, app = held
    app.kill()
    app.wait()
    path.with_name("docket.db-wal").unlink()
    path.with_name("docket.db-shm").unlink()
    _refused(path, capsys, "write-ahead log docket.db-wal is missing")


def test_the_log_cut_short(
    held: tuple[Path, subprocess.Popen[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, app = held
    app.kill()
    app.wait()
    wal = path.with_name("docket.db-wal")
    wal.write_bytes(wal.read_bytes()[:-100])
    _refused(path, capsys, "write-ahead log docket.db-wal is cut short")


def test_with_its_log_the_record_opens_whole(
    held: tuple[Path, subprocess.Popen[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, app = held
    app.kill()
    app.wait()
    assert docket(["--db", str(path), "export"]) == 0
    assert "only in the log" in capsys.readouterr().out  # the crashed app's change survives
