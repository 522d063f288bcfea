"""Running whole processes for the benchmark: wall time and peak memory of each run.

A run's peak memory is the kernel's own account of the finished child (`wait4`'s maximum
resident set size), so it counts everything the process touched, Qt's and SQLite's memory
too. A measurement and its floor run in turn (A B A B …) after one warm-up each, so a
machine that slows down or speeds up during the benchmark affects both alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 3600.0


class RunFailed(Exception):
    """A measured command exited with an error: its figures would mean nothing."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    output: str  # standard output, when it was kept


@dataclass(frozen=True)
class Command:
    """A process to run: its arguments, and whether to keep what it prints."""

    argv: Sequence[str]
    keep_output: bool = False
    before: Callable[[], None] | None = None  # untimed preparation (a fresh file to import into)


def run(command: Command, env: dict[str, str]) -> Run:
    """Run once; wall seconds from start to exit and the child's peak memory."""
    if command.before is not None:
        command.before()
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        began = time.perf_counter()
        process = subprocess.Popen(
            list(command.argv),
            stdout=out if command.keep_output else subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
        _pid, status, usage = _wait(process)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            said = err.read().decode("utf-8", "replace").strip().splitlines()
            raise RunFailed(f"{' '.join(command.argv)}: exit {process.returncode}: {said[-3:]}")
        out.seek(0)
        output = out.read().decode("utf-8", "replace") if command.keep_output else ""
    return Run(seconds, usage.ru_maxrss / 1024, output)


def _wait(process: subprocess.Popen[bytes]) -> tuple[int, int, os.struct_rusage]:  # type: ignore[name-defined]
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        if time.monotonic() > deadline:
            process.kill()
            return os.wait4(process.pid, 0)
        time.sleep(0.002)


@dataclass(frozen=True)
class Paired:
    """The runs of a measurement and of its floor (empty when it has none)."""

    runs: list[Run]
    floor: list[Run]

    @staticmethod
    def median(runs: list[Run], what: str = "seconds") -> float | None:
        return statistics.median(getattr(r, what) for r in runs) if runs else None


def paired(a: Command, b: Command | None, env: dict[str, str], runs: int) -> Paired:
    """One warm-up of each, then `runs` of each in turn."""
    run(a, env)
    if b is not None:
        run(b, env)
    mine: list[Run] = []
    floor: list[Run] = []
    for _ in range(runs):
        mine.append(run(a, env))
        if b is not None:
            floor.append(run(b, env))
    return Paired(mine, floor)


def fresh(path: Path) -> Callable[[], None]:
    """Preparation that removes a record (and its log) left by the run before."""

    def remove() -> None:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return remove
