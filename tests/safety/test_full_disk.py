"""A full disk: writing to the record, a backup or an export fails in one line, changing nothing.

Two ways to run out of room, each tried where it can be: a small tmpfs filled nearly to
the brim (a real "No space left on device", when the tests may mount one: root, as in CI
on these machines), and a limit on the size of any file the command writes (RLIMIT_FSIZE,
"File too large", which needs no privilege). The command runs as a real process; the
record, older backups and an older export of the same name are compared byte for byte.
"""

from __future__ import annotations

import csv
import io
import os
import random
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.safety.checks import check_file
from app.safety.opening import back_up, open_database
from app.transfer.csv_import import import_csv
from db.engine import resolve_url
from tests.safety.support import files_in, rows, sample_record

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Room:
    """Where writes run out of room, and what to run a command under to make them."""

    folder: Path
    limit: Callable[[int], Callable[[], None] | None]  # bytes a file may reach → preexec

    def run(self, *args: str, file_limit: int = 0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=self.limit(file_limit) if file_limit else None,
        )


def _no_limit(_size: int) -> None:
    return None


def _file_limit(size: int) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


@pytest.fixture(params=["file size limit", "full tmpfs"])
def room(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Room]:
    folder = tmp_path / "small"
    folder.mkdir()
    if request.param == "file size limit":
        yield Room(folder, _file_limit)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root): the file size limit stands in")
    try:
        yield Room(folder, _no_limit)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system under `folder` until only `leave` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with (folder / "filler").open("wb") as file:
        file.write(b"\0" * max(0, free - leave))


def _is_tmpfs(room: Room) -> bool:
    return room.limit is _no_limit


def _backed_up_today(path: Path, csv_text: str = "") -> Path:
    """Open the record (taking today's backup, so no command tries to), adding `csv_text`."""
    db = open_database(resolve_url(str(path)))
    try:
        if csv_text:
            more = path.with_name("more.csv")
            more.write_text(csv_text, encoding="utf-8")
            import_csv(db.sessions, more)
            more.unlink()
    finally:
        db.close()
    return path


@pytest.fixture
def record(tmp_path: Path) -> Path:
    """The sample with 300 overdue commitments of random titles added (so exports and
    backups are big, even compressed), backed up today."""
    path = sample_record(tmp_path / "docket.db")
    return _backed_up_today(path, _commitments_csv(300, target="2022-01-31"))


def _one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith("docket: "), done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "unexpected" not in done.stderr
    return done.stderr


def _commitments_csv(count: int, target: str = "") -> str:
    rng = random.Random(count)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["key", "title", "body", "recorded_on", "target", "source"])
    for n in range(count):
        title = f"Commitment {n} {rng.randbytes(150).hex()}"
        writer.writerow([f"c{n}", title, "nec", "2022-01-10", target, rng.randbytes(150).hex()])
    return out.getvalue()


def test_the_record_on_a_full_disk(room: Room, tmp_path: Path) -> None:
    path = sample_record(tmp_path / "docket.db")
    big = tmp_path / "commitments.csv"
    big.write_text(_commitments_csv(800), encoding="utf-8")
    if _is_tmpfs(room):  # the record itself on the small disk
        shutil.copyfile(path, room.folder / "docket.db")
        path = room.folder / "docket.db"
        _fill(room.folder, leave=320 * 1024)
    _backed_up_today(path)
    before, data = rows(path), path.read_bytes()
    done = room.run("--db", str(path), "import", str(big), file_limit=path.stat().st_size + 131072)
    said = _one_line_failure(done)
    assert said.endswith("; nothing was changed\n"), said
    assert "the disk is full" in said or "is it full?" in said, said
    assert path.read_bytes() == data
    assert rows(path) == before
    assert check_file(path).problems == []  # whole, and no leftovers
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".docket.db")]


def test_a_new_record_on_a_full_disk_leaves_nothing_behind(room: Room) -> None:
    if _is_tmpfs(room):
        _fill(room.folder, leave=16 * 1024)
    before = files_in(room.folder)
    done = room.run("--db", str(room.folder / "new.db"), "init", file_limit=16 * 1024)
    _one_line_failure(done)
    assert files_in(room.folder) == before  # no half-made record, journal or log


def test_a_backup_on_a_full_disk(room: Room, record: Path) -> None:
    if _is_tmpfs(room):
        _fill(room.folder, leave=64 * 1024)
    before = files_in(room.folder)
    data = record.read_bytes()
    copy = room.folder / "copy.db"
    said = _one_line_failure(
        room.run("--db", str(record), "backup", "-o", str(copy), file_limit=96 * 1024)
    )
    assert f"cannot back up to {copy}" in said
    assert files_in(room.folder) == before  # no half-written copy
    assert record.read_bytes() == data


def test_the_backup_folder_on_a_full_disk_keeps_its_older_backups(
    room: Room, record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKET_BACKUP_DIR", str(room.folder / "backups"))
    back_up(resolve_url(str(record)))
    if _is_tmpfs(room):
        _fill(room.folder, leave=64 * 1024)
    before = {p.relative_to(room.folder): p.read_bytes() for p in room.folder.rglob("*.db")}
    said = _one_line_failure(room.run("--db", str(record), "backup", file_limit=96 * 1024))
    assert "cannot back up to" in said
    after = {p.relative_to(room.folder): p.read_bytes() for p in room.folder.rglob("*.db")}
    assert after == before
    assert not list(room.folder.rglob(".*partial*"))


def test_an_export_on_a_full_disk_leaves_the_older_file_as_it_was(room: Room, record: Path) -> None:
    out = room.folder / "record.json"
    out.write_text("the export of last week", encoding="utf-8")
    listing = room.folder / "overdue.xlsx"
    listing.write_bytes(b"last week's workbook")
    if _is_tmpfs(room):
        _fill(room.folder, leave=48 * 1024)
    before = files_in(room.folder)
    for args in (
        ["export", "-o", str(out)],
        ["overdue", "--as-of", "2022-03-29", "-o", str(listing)],
    ):
        said = _one_line_failure(room.run("--db", str(record), *args, file_limit=40 * 1024))
        assert "cannot write" in said, said
        assert files_in(room.folder) == before  # the older file kept, no temporary file left
