"""Reporting how far a long export has gone, and letting the person stop it."""

from __future__ import annotations

from collections.abc import Callable

# progress(done, total): called from the worker thread. To stop the export it raises
# (the app raises its own Cancelled); nothing is written, any older file is kept.
Progress = Callable[[int, int], None]


def report_every(progress: Progress | None, total: int, steps: int = 50) -> Callable[[int], None]:
    """A per-row tick that calls `progress` about `steps` times over `total` rows, and at the end."""
    if progress is None:
        return lambda done: None
    every = max(1, total // steps)

    def tick(done: int) -> None:
        if done % every == 0 or done == total:
            progress(done, total)

    progress(0, total)
    return tick
