"""Benchmark: how much checking opening a record can afford, against reading the file itself.

Run: `python -m tests.benchmarks.bench_opening --db RECORD.db` (a copy is measured, never the
file itself), or `--commitments N` to make one with `tests.perf.generate` and the import.
Prints the median of each measurement, and its ratio to the floor measured in the same run:
reading the whole file once (what any check that reads every page must at least cost).
With `--cold`, also each check right after the system's file cache was dropped (root only;
it slows every other program on the machine for a moment). Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.safety import seal as seals
from app.safety.opening import open_database
from app.safety.verdict import FULL, LIGHT, QUICK, judge
from db.engine import resolve_url
from db.sqlite_safety import foreign_key_check, integrity_check, quick_check

ROOT = Path(__file__).resolve().parents[2]


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_whole(path: Path) -> int:
    total = 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            total += len(chunk)
    return total


def pragma(path: Path, check: Callable[[sqlite3.Connection], object]) -> Callable[[], object]:
    def run() -> object:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
            return check(connection)

    return run


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def make_record(folder: Path, commitments: int) -> Path:
    data, record = folder / "record.json", folder / "record.db"
    python = sys.executable
    subprocess.run(
        [python, "-m", "tests.perf.generate", "--commitments", str(commitments), "-o", str(data)],
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [python, "-m", "app.cli", "--db", str(record), "import", str(data)], cwd=ROOT, check=True
    )
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a record to measure (copied first)")
    parser.add_argument("--commitments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also with the file cache dropped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_STATE_HOME"] = str(Path(folder) / "state")  # seals of our own
        os.environ["DOCKET_BACKUP_DIR"] = str(Path(folder) / "backups")
        if args.db:
            path = Path(folder) / "record.db"
            shutil.copyfile(args.db, path)
        else:
            path = make_record(Path(folder), args.commitments)
        open_database(resolve_url(str(path))).close()  # checked in full once, marked, sealed
        size = path.stat().st_size
        print(f"record: {size / 1e6:.0f} MB, {size // 4096:,} pages")
        runs = args.runs

        def open_close() -> None:
            open_database(resolve_url(str(path))).close()

        def open_unsealed() -> None:
            seals.forget(path)
            open_database(resolve_url(str(path))).close()

        rows: list[tuple[str, Callable[[], object], int]] = [
            ("read the whole file (floor)", lambda: read_whole(path), runs),
            ("light look (header, log, schema)", lambda: judge(path, LIGHT), runs),
            ("SQLite quick_check", pragma(path, quick_check), runs),
            ("SQLite integrity_check", pragma(path, integrity_check), max(1, runs // 2)),
            ("SQLite foreign_key_check", pragma(path, foreign_key_check), max(1, runs // 2)),
            ("verdict, quick", lambda: judge(path, QUICK), runs),
            ("verdict, full", lambda: judge(path, FULL), max(1, runs // 2)),
            ("open + close, unchanged (sealed)", open_close, runs),
            ("open + close, changed (no seal)", open_unsealed, max(1, runs // 2)),
        ]
        print(f"{'measurement':38} {'median':>9} {'× floor':>8} {'MB/s':>7}")
        figures: dict[str, float] = {}
        floor = 0.0
        for name, work, n in rows:
            seconds = median_seconds(work, n)
            figures[name] = seconds
            floor = floor or seconds  # the first row
            rate = size / 1e6 / seconds if seconds else 0
            print(f"{name:38} {seconds * 1000:7.1f} ms {seconds / floor:7.1f}× {rate:7.0f}")
        if args.cold:
            print("cold (file cache dropped before each):")
            for name, work, _n in rows[:5]:
                if drop_caches():
                    start = time.perf_counter()
                    work()
                    print(f"  {name:36} {(time.perf_counter() - start) * 1000:7.1f} ms")
        print({k: round(v, 4) for k, v in figures.items()})


if __name__ == "__main__":
    main()
