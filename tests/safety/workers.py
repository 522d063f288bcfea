"""Processes the data-safety tests start, kill and race: writers through the app's use cases
and through the command line.

`python -m tests.safety.workers app DB COUNT` writes COUNT notes as the desktop app does
(holding the record's lock); `... cli DB COUNT` runs `docket import` COUNT times in one
process. Each prints one JSON line: how many writes failed, and their messages.
`... hold DB 0` opens the record as the app does, writes one note (left in the log), says
"written" and keeps the record open until its standard input closes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import time
from contextlib import redirect_stderr
from multiprocessing.connection import Connection
from pathlib import Path

from sqlalchemy import select

from app.cli.main import main as docket
from app.record import agenda, commitments
from app.record.agenda import AgendaFields
from app.safety.opening import APP, COMMAND, open_database
from db import migrate
from db.engine import resolve_url
from db.models import Commitment, Meeting

COMMITMENT = "forde-report"
MEETING = "nec-2022-03-29"
DAY = dt.date(2022, 8, 1)

migrate.known_revisions()  # read the migrations once, before a fork server forks writers


def write_until_killed(db_file: str, backups: str, report: Connection, tag: str) -> None:
    """Open the record and write through the use cases, reporting each write once committed."""
    os.environ["DOCKET_BACKUP_DIR"] = backups
    db = open_database(resolve_url(db_file), create=False, access=COMMAND)
    with db.sessions.begin() as s:
        cid = s.scalar(select(Commitment.id).where(Commitment.key == COMMITMENT))
        mid = s.scalar(select(Meeting.id).where(Meeting.key == MEETING))
    assert cid is not None
    assert mid is not None
    n = 0
    while True:
        n += 1
        text = f"{tag}-{n}"
        if n % 4 == 0:
            agenda.add_item(db.sessions, mid, AgendaFields(title=text))
        else:
            commitments.add_note(db.sessions, cid, DAY, text)
        report.send_bytes(text.encode())  # only once the use case has returned: committed


def as_app(db_file: str, count: int) -> dict[str, object]:
    db = open_database(resolve_url(db_file), create=False, access=APP)
    errors: list[str] = []
    try:
        with db.sessions.begin() as s:
            cid = s.scalar(select(Commitment.id).where(Commitment.key == COMMITMENT))
        assert cid is not None
        for n in range(count):
            try:
                commitments.add_note(db.sessions, cid, DAY, f"app-{n}")
            except Exception as exc:  # counted and reported: the test asserts there are none
                errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.008)  # a member's pace, roughly: spread over the command line's run
    finally:
        db.close()
    return {"failed": len(errors), "errors": errors[:5]}


def as_cli(db_file: str, count: int) -> dict[str, object]:
    folder = Path(db_file).parent
    errors: list[str] = []
    for n in range(count):
        doc = {
            "docket": 1,
            "notes": [
                {"commitment": COMMITMENT, "recorded_on": DAY.isoformat(), "text": f"cli-{n}"}
            ],
        }
        path = folder / f"cli-{os.getpid()}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        stderr = io.StringIO()
        with redirect_stderr(stderr), open(os.devnull, "w") as out:
            saved, sys.stdout = sys.stdout, out
            try:
                status = docket(["--db", db_file, "import", str(path)])
            finally:
                sys.stdout = saved
        if status != 0 or stderr.getvalue():
            errors.append(f"exit {status}: {stderr.getvalue().strip()}")
    return {"failed": len(errors), "errors": errors[:5]}


def hold_open(db_file: str) -> None:
    """The app with a change in its log, still running: says "written", waits for stdin to close."""
    db = open_database(resolve_url(db_file), create=False, access=APP)
    with db.sessions.begin() as s:
        cid = s.scalar(select(Commitment.id).where(Commitment.key == COMMITMENT))
    assert cid is not None
    commitments.add_note(db.sessions, cid, DAY, "only in the log")
    print("written", flush=True)
    sys.stdin.read()
    db.close()


if __name__ == "__main__":
    role, db_file, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if role == "hold":
        hold_open(db_file)
        sys.exit(0)
    result = as_app(db_file, count) if role == "app" else as_cli(db_file, count)
    print(json.dumps(result))
