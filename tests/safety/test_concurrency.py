"""Two Docket processes writing at once: the app's use cases and the command line.

The desktop app holds the record's lock and writes a thousand notes; meanwhile a
command-line process runs `docket import` a thousand times, each opening the record,
checking it, writing one note and closing. No write may fail, and no "database is
locked" may reach either of them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.safety.opening import open_database
from app.transfer.record_io import load_sample
from db.engine import resolve_url

WRITES = 1000
ROOT = Path(__file__).resolve().parents[2]


def test_the_app_and_the_command_line_write_a_thousand_times_each(tmp_path: Path) -> None:
    path = tmp_path / "docket.db"
    db = open_database(resolve_url(str(path)))
    load_sample(db)
    db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def start(role: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.safety.workers", role, str(path), str(WRITES)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    app, cli = start("app"), start("cli")
    outputs = {role: proc.communicate(timeout=300) for role, proc in (("app", app), ("cli", cli))}
    for role, proc in (("app", app), ("cli", cli)):
        out, err = outputs[role]
        assert proc.returncode == 0, f"{role}: {err}"
        assert "locked" not in out + err, f"{role}: {out} {err}"
        assert json.loads(out.strip().splitlines()[-1]) == {"failed": 0, "errors": []}, role

    with sqlite3.connect(path) as connection:
        texts = [t for (t,) in connection.execute("SELECT text FROM notes")]
        logged = connection.execute(
            "SELECT count(*) FROM audit_log WHERE table_name = 'notes' AND action = 'created'"
        ).fetchone()[0]
        problems = connection.execute("PRAGMA integrity_check").fetchall()
    connection.close()
    assert sum(t.startswith("app-") for t in texts) == WRITES
    assert sum(t.startswith("cli-") for t in texts) == WRITES
    assert logged == len(texts)  # every note, from either process, has its audit entry
    assert problems == [("ok",)]
