"""The record, its log, its lock and its backups are readable by their owner only, whatever the umask."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.record import commitments
from app.safety.backups import backup_folder, backup_root, list_backups
from app.safety.opening import APP, back_up, open_database
from app.safety.restore import restore_record
from app.transfer.record_io import load_sample
from db.engine import resolve_url

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o077], ids=["umask 000", "umask 022", "umask 077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_every_file_is_0600_and_every_folder_0700(umask: int, tmp_path: Path) -> None:
    base = tmp_path / "home"
    base.mkdir(mode=0o755)
    os.chmod(base, 0o755)
    path = base / "Docket" / "records" / "docket.db"
    url = resolve_url(str(path))

    db = open_database(url, access=APP)  # creates the folders and the record
    load_sample(db)
    commitments.add_note(db.sessions, 1, dt.date(2022, 8, 1), "while open")
    side = {name: path.with_name(path.name + name) for name in ("-wal", "-shm", ".lock")}
    assert all(p.exists() for p in side.values())
    for p in (path, *side.values()):
        assert _mode(p) == 0o600, p
    db.close()
    assert _mode(path.parent) == 0o700
    assert _mode(path.parent.parent) == 0o700
    assert _mode(base) == 0o755  # a folder that was already there is not Docket's to change

    open_database(url).close()  # today's backup
    [daily] = list_backups(path)
    assert _mode(daily.path) == 0o600
    assert _mode(backup_folder(path)) == 0o700
    assert _mode(backup_root()) == 0o700

    copy = base / "copy.db"
    back_up(url, copy)
    assert _mode(copy) == 0o600
    done = restore_record(url, copy)
    assert done.kept is not None
    assert _mode(done.kept) == 0o600
    assert _mode(path) == 0o600

    elsewhere = base / "new" / "restored.db"
    restore_record(resolve_url(str(elsewhere)), copy)  # restored to where there was none
    assert _mode(elsewhere) == 0o600
    assert _mode(elsewhere.parent) == 0o700


def test_an_existing_record_open_to_others_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "docket.db"
    open_database(resolve_url(str(path))).close()
    os.chmod(path, 0o644)
    db = open_database(resolve_url(str(path)))
    try:
        assert _mode(path) == 0o600
        assert _mode(path.with_name("docket.db-wal")) == 0o600
    finally:
        db.close()
