"""Running slow work off the UI thread and bringing the answer back on it.

One thread pool; each task reports success or failure through signals, which Qt delivers
on the UI thread. Each task opens its own database session (sessions are not shared
across threads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the UI thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """`run(work, on_success, on_failure)`: work runs in the pool, callbacks on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._live: set[_Task] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        task = _Task(work)
        task.setAutoDelete(False)
        self._live.add(task)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._live.discard(task)
            callback(value)

        task.signals.succeeded.connect(lambda value: finish(on_success, value))
        task.signals.failed.connect(lambda exc: finish(on_failure, exc))
        self.pool.start(task)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until all tasks are done (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
