"""Benchmark: the as-of query on a large record, against a raw-SQLite floor from the same run.

Run: `python -m tests.benchmarks.bench_status [COMMITMENTS]`. Prints figures, asserts nothing:
machines are shared and noisy, so speed is read, not tested.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from app.core.settings import Settings
from app.ledger.standings import overdue, standings
from app.safety.opening import open_database
from db.engine import resolve_url
from db.models import Body, Commitment, Meeting, Note, Promise

START = dt.date(2000, 1, 1)


def build(path: Path, commitments: int, seed: int = 7) -> int:
    """A record of `commitments` commitments with 1-6 promises and 0-3 notes each."""
    rng = random.Random(seed)
    db = open_database(resolve_url(str(path)))
    with db.sessions.begin() as s:
        s.execute(insert(Body), [{"key": "nec", "name": "NEC", "short_name": "NEC"}])
        meetings = [
            {"key": f"nec-{i}", "body_id": 1, "date": START + dt.timedelta(days=60 * i),
             "title": "NEC", "status": "held", "location": "", "notes": ""}
            for i in range(160)
        ]  # fmt: skip
        s.execute(insert(Meeting), meetings)
        rows, promises, notes = [], [], []
        for c in range(1, commitments + 1):
            first = START + dt.timedelta(days=rng.randrange(9000))
            delivered = rng.random() < 0.5
            day = first
            for _ in range(rng.randint(1, 6)):
                kind = rng.random()  # 70% a date, 20% a meeting, 10% no date
                promises.append(
                    {
                        "commitment_id": c,
                        "recorded_on": day,
                        "target_date": day + dt.timedelta(days=rng.randrange(10, 200))
                        if kind < 0.7
                        else None,
                        "target_meeting_id": rng.randrange(1, 161) if 0.7 <= kind < 0.9 else None,
                        "given_by": "Officers",
                        "reason": "",
                        "source": "",
                    }
                )
                last = day
                day += dt.timedelta(days=rng.randrange(1, 120))
            for _ in range(rng.randint(0, 3)):
                on = first + dt.timedelta(days=rng.randrange(300))
                notes.append(
                    {"commitment_id": c, "text": "update", "source": "", "recorded_on": on}
                )
            rows.append({
                "key": f"c{c}", "title": f"Commitment {c}", "body_id": 1, "owner_id": None,
                "status": "delivered" if delivered else "open",
                "status_on": last + dt.timedelta(days=30) if delivered else None,
                "details": "", "source": "",
            })  # fmt: skip
        s.execute(insert(Commitment), rows)
        s.execute(insert(Promise), promises)
        s.execute(insert(Note), notes)
    db.close()
    return len(promises)


def median_seconds(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    commitments = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        n_promises = build(path, commitments)
        db = open_database(resolve_url(str(path)))
        as_of = dt.date(2015, 6, 30)
        settings = Settings()

        def floor() -> object:
            # Raw SQLite reading every promise row once: the least any as-of answer costs.
            con = sqlite3.connect(path)
            rows = con.execute(
                "SELECT * FROM promises WHERE recorded_on <= ?", (as_of.isoformat(),)
            ).fetchall()
            con.close()
            return rows

        t_floor = median_seconds(floor)
        t_all = median_seconds(lambda: standings(db.sessions, as_of, settings))
        t_overdue = median_seconds(lambda: overdue(db.sessions, as_of, settings))
        listed = len(standings(db.sessions, as_of, settings))
        late = len(overdue(db.sessions, as_of, settings))
        db.close()
    print(f"record: {commitments} commitments, {n_promises} promises; as of {as_of}")
    print(f"{'floor: raw sqlite3 reads the promises':42} {t_floor * 1000:8.1f} ms")
    for label, seconds in (
        (f"standings ({listed} rows)", t_all),
        (f"overdue ({late} rows)", t_overdue),
    ):
        print(f"{label:42} {seconds * 1000:8.1f} ms  {seconds / t_floor:5.1f}x floor")


if __name__ == "__main__":
    main()
