"""Benchmark: JSON imports that once ran for minutes (many notes, a hostile schedule).

Run: `python -m tests.benchmarks.bench_json_import [NOTES ...]` (default 20000 200000).
Prints seconds per phase and per 1,000 notes, and peak memory, asserts nothing: machines
are shared and noisy, so speed is read, not tested. Time per note should stay flat as the
file grows tenfold. Each schedule case runs `docket import` in a child process with a
60 s limit, so a rule that spins shows as a timeout instead of hanging the benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from app.safety.opening import open_database
from app.transfer.record_io import import_document, sample_path
from db.engine import resolve_url

RULES = (
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;INTERVAL=1",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYWEEKNO=53;BYMONTH=6",
    "FREQ=YEARLY;BYSETPOS=366;BYYEARDAY=1,2",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU",
)
LIMIT_S = 60


def sample_with_notes(notes: int) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sample_path().read_text(encoding="utf-8"))
    first = doc["notes"][0]
    doc["notes"] = [
        {**first, "recorded_on": f"{2000 + i % 20}-01-{1 + i % 28:02d}", "text": f"Note {i}"}
        for i in range(notes)
    ]
    return doc


def time_import(notes: int, folder: Path, trace: bool = False) -> tuple[float, int]:
    """Seconds to import the sample with that many notes (into a fresh record), peak bytes."""
    doc = sample_with_notes(notes)
    db = open_database(resolve_url(str(folder / f"notes-{notes}-{trace}.db")))
    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    try:
        import_document(db.sessions, doc)
    finally:
        elapsed = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
        db.close()
    return elapsed, peak


def time_rule(rule: str, folder: Path) -> str:
    """How `docket import` ends on one body with this schedule and one meeting."""
    doc = {
        "docket": 1,
        "bodies": [{"key": "b", "name": "B", "schedule": rule}],
        "meetings": [{"key": "m", "body": "b", "date": "2022-01-01"}],
    }
    path = folder / "rule.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    record = folder / f"rule-{abs(hash(rule))}.db"
    command = [sys.executable, "-m", "app.cli", "--db", str(record), "import", str(path)]
    began = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        return f"still running after {LIMIT_S} s"
    elapsed = time.perf_counter() - began
    said = (done.stdout + done.stderr).strip().splitlines()
    return f"{elapsed:6.2f} s  exit {done.returncode}  {said[-1] if said else ''}"


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [20_000, 200_000]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("notes      seconds   s per 1,000   peak MiB (tracemalloc run)")
        for n in sizes:
            seconds, _ = time_import(n, folder)
            _, peak = time_import(n, folder, trace=True)
            print(f"{n:>7}  {seconds:9.2f}  {1000 * seconds / n:11.3f}  {peak / 2**20:9.0f}")
        print("\nschedule (one body, one meeting), through `python -m app.cli import`:")
        for rule in RULES:
            print(f"  {rule:<42} {time_rule(rule, folder)}")


if __name__ == "__main__":
    main(sys.argv[1:])
