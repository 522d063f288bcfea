"""Benchmark: importing a 100,000-row CSV of commitments, against floors from the same run.

Run: `python -m tests.benchmarks.bench_csv_import [ROWS]`. Prints rows per second and peak
memory, asserts nothing: machines are shared and noisy, so speed is read, not tested.

Floors: `csv.reader` over the same file (the least any import must spend reading it), and
`csv.reader` plus a raw sqlite3 `executemany` of the promises (the least it spends reading
and writing). Peak memory is measured with tracemalloc in a separate run (tracemalloc slows
Python down), and compared with the file's size: a streamed import stays far below it.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from app.safety.opening import open_database
from app.transfer.csv_import import import_csv
from app.transfer.record_io import load_sample
from db.engine import resolve_url

PHRASES = ("next month", "end of June", "in 3 weeks", "next meeting", "the July meeting", "")


def write_file(path: Path, rows: int, seed: int = 7) -> None:
    """Commitments to the NEC: two-thirds one row, a third with a second (slip) row."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["key", "title", "body", "owner", "recorded_on", "target", "by", "source"])
        n = 0
        while n < rows:
            day = start + dt.timedelta(days=rng.randrange(900))
            key = f"c{n}"
            target = (
                rng.choice(PHRASES)
                if rng.random() < 0.3
                else (day + dt.timedelta(days=rng.randrange(10, 200))).isoformat()
            )
            owner = f"Owner {rng.randrange(500)}"
            title = f"Deliverable number {n} promised to the committee"
            out.writerow([key, title, "NEC", owner, day.isoformat(), target, "Chair", "Minutes"])
            n += 1
            if n < rows and rng.random() < 1 / 3:
                later = day + dt.timedelta(days=rng.randrange(1, 120))
                out.writerow([key, "", "", "", later.isoformat(), "next month", "Chair", "Letter"])
                n += 1


def floor_read(path: Path) -> float:
    began = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for _row in csv.reader(handle):
            pass
    return time.perf_counter() - began


def floor_read_write(path: Path, folder: Path) -> float:
    connection = sqlite3.connect(folder / "floor.db")
    connection.execute(
        "CREATE TABLE promises (key TEXT, recorded_on TEXT, target TEXT, by TEXT, source TEXT)"
    )
    began = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        connection.executemany(
            "INSERT INTO promises VALUES (?, ?, ?, ?, ?)",
            ((r[0], r[4], r[5], r[6], r[7]) for r in reader),
        )
    connection.commit()
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed


def fresh_record(folder: Path, name: str):  # type: ignore[no-untyped-def]
    db = open_database(resolve_url(str(folder / name)))
    load_sample(db)
    return db


def main(rows: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "commitments.csv"
        write_file(path, rows)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {rows:,} rows, {size_mb:.1f} MB")

        read = floor_read(path)
        print(f"floor, csv.reader only:          {rows / read:>10,.0f} rows/s ({read:.2f} s)")
        both = floor_read_write(path, folder)
        print(f"floor, csv.reader + sqlite3:     {rows / both:>10,.0f} rows/s ({both:.2f} s)")

        db = fresh_record(folder, "dry.db")
        began = time.perf_counter()
        plan = import_csv(db.sessions, path, dry_run=True)
        dry = time.perf_counter() - began
        db.close()
        print(f"docket import --dry-run:         {rows / dry:>10,.0f} rows/s ({dry:.2f} s)")

        db = fresh_record(folder, "real.db")
        began = time.perf_counter()
        plan = import_csv(db.sessions, path)
        real = time.perf_counter() - began
        db.close()
        print(f"docket import (check + write):   {rows / real:>10,.0f} rows/s ({real:.2f} s)")
        print(f"  {plan.summary()}")
        print(f"  {real / read:.0f}x the read-only floor, {real / both:.1f}x the read+write floor")

        db = fresh_record(folder, "traced.db")
        tracemalloc.start()
        import_csv(db.sessions, path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        db.close()
        print(
            f"peak Python memory during the import (tracemalloc): {peak / 1e6:.1f} MB"
            f" for a {size_mb:.1f} MB file"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
