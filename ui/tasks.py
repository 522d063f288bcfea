"""Running slow work off the UI thread and bringing the answer back on it.

Work runs on a small pool of Python threads, each opening its own database session
(sessions are not shared across threads). Answers and progress never travel through a
Qt signal: a worker puts a call in an inbox and posts a bare event to the runner, which
lives on the UI thread and makes the calls there. So no Python object is passed through
Qt across threads, no Qt object is made per task, and a finished task leaves nothing
behind (PySide6 was seen to miscount references on signals that carry Python objects).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject

CALLS = QEvent.Type(QEvent.registerEventType())
WORKERS = 2


class TaskRunner(QObject):
    """`run(work, on_success, on_failure)`: work runs in the pool, callbacks on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="docket-work")
        self._lock = threading.Lock()
        self._inbox: list[Callable[[], None]] = []  # calls for the UI thread, under the lock
        self._futures: set[Future[None]] = set()
        self._pending = 0  # tasks whose callback has not run yet (UI thread only)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        self._pending += 1

        def task() -> None:
            try:
                result = work()
            except Exception as exc:  # reported on the UI thread, which shows it
                failure = exc  # `exc` itself is unbound when the except block ends
                self.call_on_ui_thread(lambda: self._answer(on_failure, failure))
            else:
                self.call_on_ui_thread(lambda: self._answer(on_success, result))

        future = self._pool.submit(task)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def call_on_ui_thread(self, call: Callable[[], None]) -> None:
        """From any thread: have `call` made on the UI thread, after the calls posted before it."""
        with self._lock:
            self._inbox.append(call)
            first = len(self._inbox) == 1
        if first:  # one event wakes the UI thread for everything queued meanwhile
            QCoreApplication.postEvent(self, QEvent(CALLS))

    def _answer(self, callback: Callable[[Any], None], value: Any) -> None:
        self._pending -= 1
        callback(value)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)

    def event(self, event: QEvent) -> bool:
        if event.type() != CALLS:
            return super().event(event)
        self.deliver()
        return True

    def deliver(self) -> None:
        """On the UI thread: make every call in the inbox, oldest first."""
        with self._lock:
            calls, self._inbox = self._inbox, []
        for call in calls:
            try:
                call()
            except Exception:  # as a slot's would: reported, and the other calls still made
                sys.excepthook(*sys.exc_info())

    @property
    def pending(self) -> int:
        """Tasks whose callbacks have not run yet."""
        return self._pending

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until all work is done (for shutdown and tests); answers arrive as events."""
        with self._lock:
            futures = set(self._futures)
        _done, not_done = wait_for(futures, timeout=msecs / 1000)
        return not not_done
