"""A crash loses nothing committed and never damages the file: writers killed with SIGKILL.

A child process opens the record through the same pipeline as Docket and writes through
the use cases (notes and agenda items, each with its audit entry), reporting each write
once the use case has returned. The test kills it at a random moment, over and over —
while it opens the record, takes the daily backup, or writes — and after every kill
checks that every reported write is in the file, with its audit entry, and that the
file passes SQLite's full integrity check.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from app.safety.opening import open_database
from app.safety.verdict import judge
from app.transfer.record_io import load_sample
from db.engine import resolve_url
from tests.safety import workers as safety_workers

KILLS = 110

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _read_back(path: Path) -> tuple[set[str], set[str], list[str]]:
    """Everything written (notes and items), what the audit log says was created, integrity."""
    with sqlite3.connect(path) as connection:  # as the next Docket would: recovers the log
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        written = {t for (t,) in connection.execute("SELECT text FROM notes")}
        written |= {t for (t,) in connection.execute("SELECT title FROM agenda_items")}
        logged = {
            label
            for (label,) in connection.execute(
                "SELECT record_label FROM audit_log WHERE action = 'created'"
                " AND table_name IN ('notes', 'agenda_items')"
            )
        }
    connection.close()
    return written, logged, problems


def test_no_reported_write_is_lost_when_the_writer_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "docket.db"
    backups = tmp_path / "backups"
    os.environ["DOCKET_BACKUP_DIR"] = str(backups)  # this process and the fork server
    db = open_database(resolve_url(str(path)))
    load_sample(db)
    db.close()

    context = multiprocessing.get_context("forkserver")
    # Fork each writer from a server that has Docket already imported: about 10 ms a child.
    context.set_forkserver_preload(["tests.safety.workers"])
    rng = random.Random(20220329)
    reported: set[str] = set()
    killed_before_first_write = 0
    for round_ in range(KILLS):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=safety_workers.write_until_killed,
            args=(str(path), str(backups), send, f"k{round_}"),
        )
        child.start()
        send.close()
        this_round = set()
        if round_ % 2 and receive.poll(10):  # every other round: kill it mid-writing
            this_round.add(receive.recv_bytes().decode())
            time.sleep(rng.uniform(0.0, 0.05))
        else:  # or at any moment from its start: opening, backing up, writing
            time.sleep(rng.uniform(0.0, 0.1))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL
        while True:
            try:
                this_round.add(receive.recv_bytes().decode())
            except (EOFError, OSError):
                break
        receive.close()
        killed_before_first_write += not this_round
        reported |= this_round

        written, logged, problems = _read_back(path)
        assert problems == ["ok"], f"round {round_}: {problems}"
        missing = reported - written
        assert not missing, f"round {round_}: reported but not in the file: {sorted(missing)[:5]}"
        assert written & reported <= logged, f"round {round_}: a write without its audit entry"
        assert judge(path).ok

    assert len(reported) > KILLS  # the children really wrote, many times over
    print(f"{KILLS} kills, {len(reported)} reported writes, {killed_before_first_write} early")
