"""Benchmark: a large attachment streams in and out of the record in bounded memory.

Run: `python -m tests.benchmarks.bench_attachments [MB ...]` (default 10 50). For each
size it makes a file of random bytes and times, each in a fresh process so its peak
memory is its own: the floor (`shutil.copyfile` of the file, and a bare process that
imports what attaching imports), `docket attach`, saving the file back out, and
`docket export` (which carries the file in base64). It prints seconds and peak resident
memory, and what each step costs beyond a bare start; it asserts nothing: machines are
shared and noisy. Attaching and saving should cost the same memory at 10 and 50 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = {
    "floor: copy the file": "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])",
    "floor: start and import": (
        "import sys; import app.papers.attachments, app.safety.opening; print(sys.argv[1])"
    ),
    "attach": (
        "import sys; from app.cli.main import main; "
        "sys.exit(main(['--db', sys.argv[3], 'attach', sys.argv[1], '--to', 'meeting:nec-2022-03-29']))"
    ),
    "save a copy": (
        "import sys; from pathlib import Path; from app.safety.opening import open_database;"
        " from db.engine import resolve_url; from app.papers.attachments import save_copy;"
        " db = open_database(resolve_url(sys.argv[3]), create=False);"
        " save_copy(db.sessions, 1, Path(sys.argv[2])); db.close()"
    ),
    "export JSON": (
        "import sys; from app.cli.main import main;"
        " sys.exit(main(['--db', sys.argv[3], 'export', '-o', sys.argv[2] + '.json']))"
    ),
}
MEASURE = (
    "import resource, runpy, sys, time; t = time.perf_counter(); code = 0\n"
    "try:\n    exec(sys.argv.pop(1))\nexcept SystemExit as e:\n    code = e.code or 0\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code)"
)


def measure(step: str, source: Path, out: Path, record: Path) -> tuple[float, float]:
    """Seconds and peak megabytes of one step, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, STEPS[step], str(source), str(out), str(record)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    seconds, peak_kb, code = done.stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"{step} failed: {done.stderr.strip()}")
    return float(seconds), int(peak_kb) / 1024


def run(megabytes: int, folder: Path) -> dict[str, tuple[float, float]]:
    source = folder / f"paper-{megabytes}.bin"
    with source.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(os.urandom(1024 * 1024))
    record = folder / f"record-{megabytes}.db"
    subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(record), "demo"], check=True,
        capture_output=True, env={**os.environ, "DOCKET_BACKUP_DIR": str(folder / "backups")},
    )  # fmt: skip
    return {step: measure(step, source, folder / f"out-{megabytes}", record) for step in STEPS}


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10, 50]
    results = {}
    with tempfile.TemporaryDirectory(prefix="docket-bench-") as tmp:
        os.environ["DOCKET_BACKUP_DIR"] = str(Path(tmp) / "backups")
        for mb in sizes:
            started = time.perf_counter()
            figures = run(mb, Path(tmp))
            base_s, base_mb = figures["floor: start and import"]
            print(f"\n{mb} MB file (measured in {time.perf_counter() - started:.0f} s):")
            for step, (seconds, peak) in figures.items():
                extra = (
                    ""
                    if step.startswith("floor")
                    else (
                        f"   beyond a bare start: +{seconds - base_s:.2f} s, +{peak - base_mb:.0f} MB"
                    )
                )
                print(f"  {step:26} {seconds:7.2f} s   peak {peak:6.0f} MB{extra}")
            results[mb] = {k: {"seconds": v[0], "peak_mb": v[1]} for k, v in figures.items()}
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
